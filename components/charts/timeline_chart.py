"""Plotly figures of the case timelines (swimmer chart) and the pain course.

Builders take DataFrames and return figures; they never touch Streamlit, so they are
unit-tested directly. Uncertain times are hatched and say so on hover; a time the paper
does not report is drawn as the interval it gives, never as an invented point.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from components.charts.chart_layout import TOOLBAR_ROOM, legend_below
from components.charts.palette import ANCHOR_FILL, ANCHOR_OUTLINE, KEY_GREY, OKABE_ITO, case_colour
from imos.teaching import timeline
from imos.text import wrap_lines
from imos.teaching.timeline import Axis
from imos.reasoning.wording import lower_first

LANE_OFFSETS = {"nsaids": 0.27, "opioids": 0.42, "imaging": -0.3, "pain": 0.12}
MEDICATION_COLOURS = {"nsaids": OKABE_ITO["orange"], "opioids": OKABE_ITO["reddish_purple"]}
MARKERS = {
    # category: (legend name, symbol, colour or None for the case colour)
    "onset": ("Symptom onset", "circle-open", None),
    "biopsy": ("Open biopsy", "star", ANCHOR_FILL),
    "pain": ("Pain milestone", "diamond", None),
    "recurrence": ("Pain returning", "triangle-up", OKABE_ITO["vermillion"]),
    "imaging": ("Imaging", "square-open", OKABE_ITO["blue"]),
    "follow_up": ("Last radiograph", "square", ANCHOR_FILL),
}
OUTLINED = {ANCHOR_FILL: ANCHOR_OUTLINE}  # fills that need an outline on a light background
HATCH = "/"
LEGEND_ROOM = 150  # px under the swimmer chart for its key (several rows on a phone)
# Each kind of uncertain span has its own hatching, so its key entry is told apart by
# pattern as well as colour.
HATCHES = {"delay": "/", "pain": "x", "imaging": "."}
KEY_TRACE = "key"  # `meta` of the traces that only draw a legend entry
DRUG_NAMES = {"nsaids": "NSAIDs", "opioids": "Opioids"}


def _drug(event: str) -> str:
    """Which medication lane an event belongs to, from its name."""
    return "opioids" if event.startswith("opioid") else "nsaids"


def _lane_offset(row: pd.Series) -> float:
    """Vertical place of an event inside its case lane."""
    if row["category"] == "medication":
        return LANE_OFFSETS[_drug(row["event"])]
    return LANE_OFFSETS.get(row["category"], 0.0)


def _label(event: str) -> str:
    return event.replace("_", " ").capitalize()


def _hover(row: pd.Series, case_label: str) -> str:
    """Hover text: event, the paper's wording paraphrased, timing, source. Escaped."""
    return (
        f"<b>{html.escape(case_label)}: {html.escape(_label(row['event']))}</b><br>"
        f"{html.escape(row['wording'])}<br>"
        f"<i>{html.escape(timeline.timing_note(row))}</i><br>"
        f"Source: {html.escape(row['source'])}"
    )


def _add_span(fig: go.Figure, y: float, start: float, end: float, colour: str,
              uncertain: bool, name: str, show_legend: bool, hover: str,
              hatch: str = HATCH) -> None:
    fig.add_trace(go.Bar(
        y=[y], x=[end - start], base=[start], orientation="h", width=0.1,
        marker={"color": colour, "opacity": 0.35 if uncertain else 0.9,
                "pattern": {"shape": hatch if uncertain else ""}},
        name=name, legendgroup=name, showlegend=show_legend,
        hovertemplate=hover + "<extra></extra>",
    ))


def _add_spans(fig: go.Figure, y: float, bars: list[tuple[float, float, str]], colour: str,
               uncertain: bool, name: str, show_legend: bool, hatch: str = HATCH) -> None:
    """Several spans of one lane drawn alike, as one trace: (start, end, hover) each."""
    fig.add_trace(go.Bar(
        y=np.full(len(bars), y, dtype=float),
        x=np.array([end - start for start, end, _ in bars], dtype=float),
        base=np.array([start for start, _, _ in bars], dtype=float), orientation="h", width=0.1,
        marker={"color": colour, "opacity": 0.35 if uncertain else 0.9,
                "pattern": {"shape": hatch if uncertain else ""}},
        name=name, legendgroup=name, showlegend=show_legend,
        hovertemplate=_texts([hover + "<extra></extra>" for _, _, hover in bars]),
    ))


def _key_span(fig: go.Figure, name: str, hatch: str) -> None:
    """Legend entry of a span drawn in each case's colour: grey, with its own hatching."""
    fig.add_trace(go.Bar(
        y=[None], x=[None], orientation="h", name=name, legendgroup=name, meta=KEY_TRACE,
        marker={"color": KEY_GREY, "opacity": 0.6, "pattern": {"shape": hatch}},
        hoverinfo="skip",
    ))


def _key_marker(fig: go.Figure, name: str, symbol: str, group: str) -> None:
    """Legend entry of a marker drawn in each case's colour: the symbol in grey."""
    fig.add_trace(go.Scatter(
        x=[None], y=[None], mode="markers", name=name, legendgroup=group, meta=KEY_TRACE,
        marker={"symbol": symbol, "size": 11, "color": KEY_GREY,
                "line": {"width": 1.5, "color": KEY_GREY}},
        hoverinfo="skip",
    ))


def timeline_figure(cases: pd.DataFrame, events: pd.DataFrame, axis: Axis = "biopsy") -> go.Figure:
    """Swimmer chart: one lane per case; spans for delay, medication and undated imaging."""
    shaped = timeline.shift_for_axis(events, axis)
    lanes = {cid: i for i, cid in enumerate(cases["case_id"])}
    labels = cases.set_index("case_id")["label"]
    delays = timeline.diagnostic_delays(cases).set_index("case_id")
    fig = go.Figure()
    shown_legend: set[str] = set()

    def legend_once(name: str) -> bool:
        first = name not in shown_legend
        shown_legend.add(name)
        return first

    def keyed_once(name: str, add_key) -> bool:
        """Case-coloured marks: the legend shows a grey key entry instead (once)."""
        if legend_once(name):
            add_key()
        return False

    for case_id, lane in lanes.items():
        own = shaped[shaped["case_id"] == case_id]
        colour = case_colour(lane)
        label = labels[case_id]
        onset = own[own["category"] == "onset"]
        biopsy = own[own["category"] == "biopsy"]
        if not onset.empty and not biopsy.empty:
            start, end = onset["start"].iloc[0], biopsy["start"].iloc[0]
            delay_text = delays.loc[case_id, "text"]
            fig.add_trace(go.Bar(
                y=[lane], x=[end - start], base=[start], orientation="h", width=0.16,
                marker={"color": colour, "opacity": 0.45, "pattern": {"shape": HATCHES["delay"]}},
                name="Onset to diagnosis (approximate)",
                legendgroup="Onset to diagnosis (approximate)",
                showlegend=keyed_once("delay", lambda: _key_span(
                    fig, "Onset to diagnosis (approximate)", HATCHES["delay"])),
                hovertemplate=f"<b>{html.escape(label)}</b><br>{html.escape(delay_text)}"
                f"<br><i>onset is approximate in the paper</i><extra></extra>",
            ))
            fig.add_annotation(
                x=start, y=lane - 0.15, text=f"<b>{html.escape(delay_text)}</b>",
                showarrow=False, font={"size": 12, "color": colour}, xanchor="left",
                yanchor="middle",
            )
        followup = own[own["category"] == "follow_up"]
        if not biopsy.empty and not followup.empty:
            start, end = biopsy["start"].iloc[0], followup["end"].max()
            fig.add_trace(go.Bar(
                y=[lane], x=[end - start], base=[start], orientation="h", width=0.06,
                marker={"color": OKABE_ITO["grey"]}, name="Follow-up after biopsy",
                legendgroup="followup", showlegend=legend_once("followup"),
                hovertemplate=f"<b>{html.escape(label)}</b><br>follow-up to month "
                f"{end - start:g} after the biopsy<extra></extra>",
            ))
        # spans: medication, and anything the paper only places in an interval
        spans = own[own["is_span"]]
        undated_imaging = spans[(spans["category"] == "imaging") & ~spans["dated"]]
        batches: dict[tuple, list] = {}  # spans drawn alike: one bar trace for them all
        for row in _records(spans.drop(undated_imaging.index)):
            category = row["category"]
            if category == "medication":
                drug = _drug(row["event"])
                offset, fill, name = _lane_offset(row), MEDICATION_COLOURS[drug], DRUG_NAMES[drug]
                hatch = HATCH
            else:
                offset, fill, name = LANE_OFFSETS["pain"], colour, "Pain (date not reported)"
                hatch = HATCHES["pain"]
            batches.setdefault((offset, fill, name, hatch, bool(row["uncertain"])), []).append(
                (row["start"], row["end"], _hover(row, label)))
        for (offset, fill, name, hatch, uncertain), bars in batches.items():
            if fill == colour:  # drawn in the case's colour: a grey key in the legend
                show = keyed_once(name, lambda name=name, hatch=hatch: _key_span(fig, name, hatch))
            else:
                show = legend_once(name)
            _add_spans(fig, lane + offset, bars, fill, uncertain, name, show, hatch)
        if not undated_imaging.empty:
            # one bar for the imaging the paper lists in order but does not date
            name = "Imaging (date not reported)"
            steps = "<br>".join(
                f"{i}. {html.escape(r['wording'])} <i>[{html.escape(r['source'])}]</i>"
                for i, (_, r) in enumerate(undated_imaging.iterrows(), start=1)
            )
            first = undated_imaging.iloc[0]
            hover = (f"<b>{html.escape(label)}: imaging before the biopsy</b><br>{steps}<br>"
                     f"<i>{html.escape(timeline.timing_note(first))}; listed in the paper's order</i>")
            _add_span(fig, lane + LANE_OFFSETS["imaging"], undated_imaging["start"].min(),
                      undated_imaging["end"].max(), OKABE_ITO["blue"], True, name,
                      legend_once(name), hover, HATCHES["imaging"])
        # points
        points = own[~own["is_span"] & own["dated"]]
        for category, group in points.groupby("category", sort=False):
            legend_name, symbol, fixed = MARKERS.get(category, (category, "circle", None))
            fill = fixed or colour
            show = legend_once(category) if fixed else keyed_once(
                category, lambda: _key_marker(fig, legend_name, symbol, category))
            records = _records(group)
            fig.add_trace(go.Scatter(
                x=group["start"].to_numpy(dtype=float),
                y=np.array([lane + _lane_offset(r) for r in records], dtype=float),
                mode="markers",
                marker={"symbol": symbol, "size": 15 if category == "biopsy" else 11,
                        "color": fill, "line": {"width": 1.5, "color": OUTLINED.get(fill, fill)}},
                name=legend_name, legendgroup=category, showlegend=show,
                hovertemplate=_texts([_hover(r, label) + "<extra></extra>" for r in records]),
            ))

    fig.update_yaxes(
        tickvals=list(lanes.values()), ticktext=[html.escape(labels[c]) for c in lanes],
        autorange="reversed", range=None, fixedrange=True, title=None, zeroline=False,
    )
    fig.update_xaxes(title=timeline.AXIS_TITLES[axis], zeroline=True, zerolinewidth=1,
                     zerolinecolor=OKABE_ITO["grey"], nticks=10)
    fig.update_layout(
        barmode="overlay", height=LEGEND_ROOM + 140 + 130 * len(lanes), bargap=0,
        margin={"l": 10, "r": 10}, hoverlabel={"align": "left"},
    )
    return legend_below(fig, LEGEND_ROOM)


def _apart(pieces: list[list], gap: object = None) -> np.ndarray:
    """Pieces of one trace, one after another with `gap` between them (Plotly starts a
    new line or shape after a gap: None, NaN in numbers). An array, which Plotly takes
    whole, where it checks a list element by element (seconds for 36,000 events)."""
    joined: list = []
    for piece in pieces:
        if joined:
            joined.append(gap)
        joined.extend(piece)
    return np.array(joined, dtype=float if gap is None else object)


_HOVER_COLUMNS = ["event", "category", "wording", "source", "precision", "month",
                  "window_start", "window_end", "start", "end", "uncertain", "rank",
                  "level_label"]


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts of the columns the marks and their hover texts read (all the
    columns cost seconds on 36,000 events)."""
    return frame[[c for c in _HOVER_COLUMNS if c in frame.columns]].to_dict("records")


def _texts(texts: list[str]) -> np.ndarray:
    """Per-point texts as an array (see `_apart`)."""
    return np.array(texts, dtype=object)


def pain_course_figure(
    cases: pd.DataFrame, events: pd.DataFrame, pain_levels: pd.DataFrame, axis: Axis = "biopsy"
) -> go.Figure:
    """Pain on an ordinal scale of the paper's words; dotted lines only join reported points."""
    pain = timeline.pain_course(events, pain_levels, axis)
    changes = timeline.unlevelled_pain_changes(events, axis)
    labels = cases.set_index("case_id")["label"]
    levels = pain_levels.sort_values("rank")
    top = levels["rank"].max()
    fig = go.Figure()
    for index, case_id in enumerate(cases["case_id"]):
        colour, label = case_colour(index), labels[case_id]
        nudge = (index - (len(cases) - 1) / 2) * 0.12  # keep overlapping cases apart
        own = pain[pain["case_id"] == case_id]
        undated = own[~own["dated"]]
        if len(undated):  # one trace per case, the spans apart (None): thousands stay fast
            fig.add_trace(go.Scatter(
                x=_apart([[r["start"], r["end"]] for r in _records(undated)]),
                y=_apart([[r["rank"] + nudge] * 2 for r in _records(undated)]),
                mode="lines", line={"color": colour, "width": 6, "dash": "dot"}, opacity=0.55,
                name=f"{html.escape(label)} (date not reported)", legendgroup=case_id,
                showlegend=False,
                hovertemplate=_apart([[_hover(r, label) + "<extra></extra>"] * 2
                                      for r in _records(undated)], ""),
            ))
        dated = own[own["dated"]].sort_values("start", kind="stable")
        fig.add_trace(go.Scatter(
            x=dated["start"].to_numpy(dtype=float),
            y=(dated["rank"] + nudge).to_numpy(dtype=float), mode="lines+markers", name=html.escape(label),
            legendgroup=case_id,
            line={"color": colour, "width": 2, "dash": "dot"},
            marker={"size": 11, "color": colour,
                    "symbol": _texts(["diamond-open" if u else "diamond"
                                      for u in dated["uncertain"]])},
            hovertemplate=_texts([
                _hover(r, label) + f"<br>Level: {html.escape(r['level_label'])}<extra></extra>"
                for r in _records(dated)
            ]),
        ))
        own_changes = changes[changes["case_id"] == case_id]
        if len(own_changes):  # one trace per case, the bands apart (None)
            bands = [(r["start"], r["end"], _hover(r, label))
                     for r in _records(own_changes)]
            fig.add_trace(go.Scatter(
                x=_apart([[x0, x1, x1, x0, x0] for x0, x1, _ in bands]),
                y=_apart([[-0.5, -0.5, top + 0.5, top + 0.5, -0.5] for _ in bands]),
                fill="toself", mode="lines", line={"width": 0}, fillcolor=colour, opacity=0.12,
                hoveron="fills+points", name=f"{html.escape(label)}: change without a level",
                legendgroup=case_id, showlegend=False,
                text=_apart([[words] * 5 for _, _, words in bands], ""), hoverinfo="text",
            ))
    fig.update_yaxes(  # labels wrapped, so a phone keeps most of its width for the plot
        tickvals=list(levels["rank"]), range=[-0.6, top + 0.6],
        ticktext=[wrap_lines(html.escape(label), 16) for label in levels["label"]],
        title="Pain, in the paper's words", fixedrange=True,
    )
    fig.update_xaxes(title=timeline.AXIS_TITLES[axis], zeroline=True, zerolinewidth=1,
                     zerolinecolor=OKABE_ITO["grey"], nticks=10)
    fig.update_layout(
        height=480 + TOOLBAR_ROOM, margin={"l": 10, "r": 10}, hoverlabel={"align": "left"},
    )
    return legend_below(fig, 100)


def pain_summary(cases: pd.DataFrame, events: pd.DataFrame, pain_levels: pd.DataFrame) -> str:
    """Text alternative of the pain-course chart."""
    pain = timeline.pain_course(events, pain_levels, "biopsy")
    parts = []
    for case in cases.itertuples():
        own = pain[(pain["case_id"] == case.case_id) & pain["dated"]]
        steps = [
            f"{lower_first(r.level_label)} at month {r.start:g}"
            for r in own.itertuples()
        ]
        parts.append(f"{case.label}: " + ", then ".join(steps) + ".")
    return " ".join(parts)
