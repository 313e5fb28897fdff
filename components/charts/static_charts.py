"""Static charts for files that leave the app: the handout (HTML, PDF) and the slides.

Drawn with matplotlib's Agg and SVG back ends, so nothing here needs a browser or a
plotting library at the reader's end: the HTML handout carries an inline SVG of a few
tens of kilobytes (the plotly library it replaced weighed 4.8 MB), the PDF and the .pptx
a PNG. Colours come from the app's one palette (Okabe-Ito) and every colour has a symbol
and a word beside it. No Streamlit here: the builders are called from download buttons
and from tests alike.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")  # before pyplot's first import anywhere: no display, no GUI toolkit

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402

from components.charts.palette import (  # noqa: E402
    DARK_TEXT, OKABE_ITO, OUTLINE, STATUS_COLOURS,
)
from imos.teaching import timeline  # noqa: E402
from imos.reasoning.engine import Verdict  # noqa: E402
from imos.text import wrap_lines  # noqa: E402
from imos.reasoning.wording import STATUS_SYMBOLS, STRONGEST_FIRST  # noqa: E402

PAPER_MARK = "¶"
FALLBACK_FILL = OKABE_ITO["reddish_purple"]  # a status the palette does not know yet
_RC = {"font.family": "DejaVu Sans", "font.size": 11, "svg.fonttype": "none",
       "svg.hashsalt": "imos", "axes.edgecolor": OUTLINE, "text.color": DARK_TEXT}
# pyplot's global state is not thread-safe; sessions may build files at the same time.
_LOCK = threading.Lock()


def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, FALLBACK_FILL)


def status_mark(status: str) -> str:
    return f"{STATUS_SYMBOLS.get(status, '')} {status}".strip()


def _save(fig: Figure, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {}
    fig.savefig(buffer, format=fmt, dpi=dpi, bbox_inches="tight", pad_inches=0.08,
                metadata=metadata, facecolor="white")
    plt.close(fig)
    return buffer.getvalue()


def render(draw, fmt: str = "svg", dpi: int = 150, text_scale: float = 1.0, **kwargs) -> bytes:
    """Run a `draw(**kwargs) -> Figure` builder and return the file (svg or png).

    `text_scale` enlarges every text against the drawing (a slide is read from afar).
    """
    with _LOCK, plt.rc_context({**_RC, "font.size": _RC["font.size"] * text_scale}):
        return _save(draw(**kwargs), fmt, dpi)


def _pt(size: float) -> float:
    """A font size of the handout's drawing, scaled like the text of the current render."""
    return size * plt.rcParams["font.size"] / _RC["font.size"]


def _scale() -> float:
    return plt.rcParams["font.size"] / _RC["font.size"]


def svg_fragment(svg: bytes, title: str) -> str:
    """Inline SVG for an HTML page: no XML prolog, scales with its container."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg"):]
    head, rest = text.split(">", 1)
    width = head.split('width="', 1)[1].split('"', 1)[0]  # e.g. "489.6pt": never wider
    head = head.replace('width="', 'data-width="').replace('height="', 'data-height="', 1)
    return (f'{head} role="img" aria-label="{_attr(title)}" class="static-chart" '
            f'style="max-width: {_attr(width)}">{rest}')


def _attr(text: str) -> str:
    return (text.replace("&", "&amp;").replace('"', "&quot;")
            .replace("<", "&lt;").replace(">", "&gt;"))


# --- the differential's status, step by step --------------------------------------------


def status_grid(columns: Sequence, start: Sequence[Verdict], start_label: str = "Before any test",
                title: str | None = None) -> Figure:
    """Diagnoses down, steps across, each cell coloured with its symbol and word.

    `columns` are any steps with `label`, `replayed` (verdicts) and `judgements` (the
    paper's own statements, marked ¶): walk-through stages, road stops, or the explorer's
    one scenario. Every diagnosis is named in full on the left; each column by its name.
    """
    steps = [(start_label, tuple(start), set())]
    for column in columns:
        judged = {d for j in getattr(column, "judgements", ()) for d in j.diagnosis_ids}
        steps.append((column.label, tuple(column.replayed.verdicts), judged))
    rows = [v.diagnosis_id for v in start]
    names = {v.diagnosis_id: v.label for v in start}
    n_cols, n_rows = len(steps), len(rows)
    cell_w = 1.2 if n_cols > 4 else 1.6
    # The axes hold the cells only; names, column titles and the key lie outside them and
    # `bbox_inches="tight"` grows the saved image to take them in.
    fig = plt.figure(figsize=(cell_w * n_cols, 0.5 * _scale() * n_rows))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    for c, (label, verdicts, judged) in enumerate(steps):
        status_of = {v.diagnosis_id: v.status for v in verdicts}
        for r, diagnosis in enumerate(rows):
            status = status_of[diagnosis]
            ax.add_patch(Rectangle((c + 0.04, r + 0.06), 0.92, 0.88, facecolor=status_colour(status),
                                   edgecolor="white", linewidth=0))
            mark = STATUS_SYMBOLS.get(status, "") + (f" {PAPER_MARK}" if diagnosis in judged else "")
            ax.text(c + 0.5, r + 0.5, mark, ha="center", va="center", fontsize=_pt(13),
                    color=DARK_TEXT, fontweight="bold")
        ax.text(c + 0.5, -0.08, wrap_lines(label, round(13 / _scale()), "\n"), ha="center",
                va="bottom", fontsize=_pt(10))
    for r, diagnosis in enumerate(rows):
        ax.text(-0.12, r + 0.5, wrap_lines(names[diagnosis], 26, "\n"), ha="right", va="center",
                fontsize=_pt(10.5))
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.axis("off")
    handles = [Patch(facecolor=status_colour(s), edgecolor=OUTLINE, label=status_mark(s))
               for s in STRONGEST_FIRST]
    if any(judged for _, _, judged in steps):
        handles.append(Patch(facecolor="white", edgecolor="white",
                             label=f"{PAPER_MARK} the paper judges this diagnosis here"))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=3,
               frameon=False, fontsize=_pt(10), handlelength=1.2)
    if title:
        fig.suptitle(title, x=0.0, ha="left", va="bottom", y=1.0 + 1.0 / n_rows,
                     fontsize=_pt(12), fontweight="bold")
    return fig


def status_grid_file(columns: Sequence, start: Sequence[Verdict], fmt: str = "svg",
                     title: str | None = None, text_scale: float = 1.0) -> bytes:
    return render(status_grid, fmt, text_scale=text_scale, columns=columns, start=start,
                  title=title)


# --- one case's timeline ----------------------------------------------------------------

LANES = ("Course", "Pain", "Imaging", "Medication")
LANE_Y = {"Course": 0.0, "Pain": 1.6, "Imaging": 3.2, "Medication": 4.2}  # room for pain words
MARKERS = {  # category: (legend word, marker, colour or None for the case colour)
    "onset": ("Symptom onset (approximate)", "o", None),
    "biopsy": ("Open biopsy (month 0)", "*", OKABE_ITO["black"]),
    "recurrence": ("Pain returning", "^", OKABE_ITO["vermillion"]),
    "follow_up": ("Last radiograph", "s", OKABE_ITO["black"]),
    "imaging": ("Imaging", "s", OKABE_ITO["blue"]),
    "pain": ("Pain milestone", "D", None),
}
DRUG_COLOURS = {"NSAIDs": OKABE_ITO["orange"], "Opioids": OKABE_ITO["reddish_purple"]}


def _drug(event: str) -> str:
    return "Opioids" if event.startswith("opioid") else "NSAIDs"


def case_timeline(events: pd.DataFrame, case_id: str, case_label: str,
                  pain_levels: pd.DataFrame | None = None) -> Figure:
    """One case from onset to its last radiograph, in months from the biopsy.

    Times the paper gives only as an interval are hatched bars over that interval, never
    invented points; pain milestones carry the paper's level in words.
    """
    shaped = timeline.shift_for_axis(events[events["case_id"] == case_id], "biopsy")
    colour = OKABE_ITO["bluish_green"]  # the case itself; imaging keeps its own blue
    levels = (dict(zip(pain_levels["level_id"], pain_levels["label"]))
              if pain_levels is not None else {})
    fig, ax = plt.subplots(figsize=(11, 5))
    y = LANE_Y
    shown: set[str] = set()

    def legend(word: str) -> str:
        first = word not in shown
        shown.add(word)
        return word if first else "_nolegend_"

    onset = shaped[shaped["category"] == "onset"]["start"]
    biopsy = shaped[shaped["category"] == "biopsy"]["start"]
    last = shaped[shaped["category"] == "follow_up"]["end"]
    if len(onset) and len(biopsy):
        ax.barh(y["Course"], biopsy.iloc[0] - onset.iloc[0], left=onset.iloc[0], height=0.3,
                color=colour, alpha=0.45, hatch="//", edgecolor=colour,
                label=legend("Onset to diagnosis (approximate)"))
    if len(biopsy) and len(last):
        ax.barh(y["Course"], last.max() - biopsy.iloc[0], left=biopsy.iloc[0], height=0.08,
                color=OKABE_ITO["grey"], label=legend("Follow-up after the biopsy"))
    drawn: set[tuple] = set()
    for row in shaped[shaped["is_span"]].itertuples():
        if row.category == "medication":
            lane, fill, word = "Medication", DRUG_COLOURS[_drug(row.event)], _drug(row.event)
        elif row.category == "imaging":
            lane, fill, word = "Imaging", OKABE_ITO["blue"], "Imaging (date not reported)"
        else:
            lane, fill, word = "Pain", colour, "Pain (date not reported)"
        offset = 0.17 if word == "Opioids" else (-0.17 if lane == "Medication" else 0.0)
        if (lane, word, row.start, row.end) in drawn:  # e.g. five undated scans, one interval
            continue
        drawn.add((lane, word, row.start, row.end))
        ax.barh(y[lane] + offset, row.end - row.start, left=row.start, height=0.26,
                color=fill, alpha=0.35 if row.uncertain else 0.9,
                hatch="//" if row.uncertain else None, edgecolor=fill,
                label=legend(word + (" (interval only)" if row.uncertain and lane == "Medication"
                                     else "")))
    points = shaped[~shaped["is_span"] & shaped["dated"]]
    pain_points = 0
    for category, group in points.groupby("category", sort=False):  # one call per kind:
        word, marker, fixed = MARKERS.get(category, (category, "o", None))  # 12,000 marks
        lane = {"pain": "Pain", "imaging": "Imaging", "medication": "Medication"}.get(
            category, "Course")  # of one case took 13 s one call each
        fill = fixed or colour
        ax.plot(group["start"].to_numpy(dtype=float), [y[lane]] * len(group), marker=marker,
                markersize=15 if marker == "*" else 10, color=fill,
                markerfacecolor="white" if category == "onset" else fill,
                linestyle="none", label=legend(word), zorder=3)
    for row in points.itertuples():
        lane = {"pain": "Pain", "imaging": "Imaging", "medication": "Medication"}.get(
            row.category, "Course")
        if row.category == "pain" and isinstance(row.pain_level, str):
            above = pain_points % 2 == 0  # alternate, so neighbouring words never collide
            pain_points += 1
            ax.annotate(wrap_lines(levels.get(row.pain_level, row.pain_level), 16, "\n"),
                        (row.start, y[lane]), xytext=(0, 11 if above else -11),
                        textcoords="offset points", ha="center",
                        va="bottom" if above else "top", fontsize=_pt(9))
    low, high = shaped["start"].min(), shaped["end"].max()
    ax.set_xlim(low - 0.04 * (high - low) - 1, high + 0.04 * (high - low) + 1)
    ax.set_yticks([LANE_Y[lane] for lane in LANES], LANES)
    ax.set_ylim(LANE_Y["Medication"] + 0.6, -0.6)
    ax.set_xlabel(timeline.AXIS_TITLES["biopsy"])
    ax.axvline(0, color=OKABE_ITO["grey"], linewidth=1, zorder=0)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_title(f"{case_label}: from the first symptoms to the last radiograph", loc="left",
                 fontsize=_pt(12), fontweight="bold")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16 * _scale()), ncol=3, frameon=False, fontsize=_pt(9.5))
    return fig


def case_timeline_file(events: pd.DataFrame, case_id: str, case_label: str,
                       pain_levels: pd.DataFrame | None = None, fmt: str = "png",
                       text_scale: float = 1.0) -> bytes:
    return render(case_timeline, fmt, text_scale=text_scale, events=events, case_id=case_id,
                  case_label=case_label, pain_levels=pain_levels)


__all__ = ["case_timeline", "case_timeline_file", "render", "status_grid",
           "status_grid_file", "status_mark", "svg_fragment"]
