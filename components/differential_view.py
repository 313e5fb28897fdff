"""Status badges and the triphasic Table 1 figure for the differential pages."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from components.chart_layout import TOOLBAR_ROOM, TOP_LABELS
from components.palette import NEUTRAL_FILL, OKABE_ITO
from imos.families import group_ids
from imos.knowledge import parse_conditions
from imos.text import wrap_lines
from imos.wording import conditions_phrase

# Streamlit badge colours; the word always goes with the colour.
STATUS_BADGES = {
    "excluded": ("gray", ":material/block:", "Excluded"),
    "unlikely": ("orange", ":material/trending_down:", "Unlikely"),
    "possible": ("blue", ":material/help:", "Possible"),
    "supported": ("green", ":material/check_circle:", "Supported"),
    "conflicting": ("violet", ":material/warning:", "Conflicting"),
}


STRENGTH_SCALE = (
    "- **Hallmark**: confirms the diagnosis on its own (tumour cells in the biopsy, an "
    "organism grown, a nidus, a fracture line).\n"
    "- **Exclusion**: closes it, used only where the literature accepts the finding as "
    "reliable on its own (no nidus on CT; a benign biopsy that explains a quiet lesion).\n"
    "- **Strong** and **weak** arguments lean for or against: two weak ones weigh as much as "
    "a strong one, and one strong argument (net) makes a diagnosis supported or unlikely. A "
    "hedged sentence in the literature (\"usually\", \"often\", \"further analysis is "
    "necessary\") is never more than weak or strong.\n"
    "- **Neutral**: often raised, but says little about that diagnosis.\n"
    "- A hallmark beside an exclusion or a strong argument against is shown as "
    "**conflicting**, never silently overridden.\n"
    "- IMOS, a diagnosis of exclusion, is **supported** only when its lesion is present and "
    "every alternative is excluded or unlikely; a malignant tumour must be excluded, which "
    "takes the biopsy. Supported means: against the diagnoses listed here, not against "
    "every disease."
)
KEY_EFFECTS = ("hallmark", "excludes", "strong_for", "strong_against")


def conditions_words(conditions: str, labels: dict[str, str]) -> str:
    """'nidus=absent; fracture_line=present' -> 'Nidus absent and fracture line present'."""
    words = conditions_phrase(parse_conditions(conditions), labels)
    return words[:1].upper() + words[1:]


SCOPE_WORDS = {"paper": "the paper", "paper_class": "the paper, as a class",
               "wider": "wider literature"}


def key_arguments(rules: pd.DataFrame, diagnoses: dict[str, str], labels: dict[str, str],
                  families: dict[str, str] | None = None,
                  scopes: dict[str, str] | None = None) -> list[dict[str, str]]:
    """One row per diagnosis: its hallmarks, exclusions and strong arguments, in words.

    With `families` the rows come grouped by family (the family named at its first row);
    with `scopes` each row says who raises the diagnosis (the paper, or the wider
    literature)."""
    by_diagnosis = dict(list(rules.groupby("diagnosis_id", sort=False)))
    rows = []
    for family, ids in group_ids(by_diagnosis, families or {}):
        for index, diagnosis_id in enumerate(ids):
            row = {"family": family.capitalize() if index == 0 else ""} if families else {}
            row["diagnosis"] = diagnoses[diagnosis_id]
            if scopes:
                row["raised by"] = SCOPE_WORDS[scopes[diagnosis_id]]
            group = by_diagnosis[diagnosis_id]
            for effect, title in zip(KEY_EFFECTS, ("hallmark", "excluded by", "strongly for",
                                                   "strongly against")):
                chosen = group[group["effect"] == effect]
                row[title] = "; ".join(conditions_words(c, labels)
                                       for c in chosen["conditions"]) or "—"
            rows.append(row)
    return rows


def status_badge(status: str) -> str:
    colour, icon, word = STATUS_BADGES[status]
    return f":{colour}-badge[{icon} {word}]"


LEVEL_COLOURS = {
    "increased": OKABE_ITO["vermillion"],
    "variable": OKABE_ITO["yellow"],
    "normal": NEUTRAL_FILL,
    "slight": OKABE_ITO["sky_blue"],
    "intense": OKABE_ITO["blue"],
}
LEVEL_WORDS = {"increased": "raised", "variable": "variable", "normal": "not raised",
               "slight": "not or slightly raised", "intense": "intense, fusiform"}
PHASES = {"flow": "1. Flow (vascular)", "blood_pool": "2. Blood pool", "delayed": "3. Delayed (bone)"}


def triphasic_figure(table: pd.DataFrame) -> go.Figure:
    """Table 1 of the paper as a grid: the three phases as columns, entities as rows.

    A heatmap, so the cells scale with the screen; colour and the cell's words together
    carry the meaning. Three columns (not four) and short wrapped lines keep every cell's
    words inside it on a 390 px phone; rows grow with their longest cell.
    """
    entities = list(dict.fromkeys(table["entity"]))
    phases = list(PHASES)
    levels = list(LEVEL_COLOURS)
    cell = table.set_index(["phase", "entity"])
    z = [[levels.index(cell.loc[(p, e), "level"]) for p in phases] for e in entities]
    words = [[wrap_lines(html.escape(cell.loc[(p, e), "text"]), 11) for p in phases]
             for e in entities]
    hover = [
        [f"<b>{html.escape(e)}, {PHASES[p]}</b><br>{html.escape(cell.loc[(p, e), 'text'])}"
         f"<br>({LEVEL_WORDS[cell.loc[(p, e), 'level']]})"
         f"<br>Source: {html.escape(cell.loc[(p, e), 'source'])}" for p in phases]
        for e in entities
    ]
    lines = max(w.count("<br>") + 1 for row in words for w in row)
    n = len(levels)
    scale = [[edge / n, colour] for i, colour in enumerate(LEVEL_COLOURS.values())
             for edge in (i, i + 1)]
    fig = go.Figure(go.Heatmap(  # the phases' names, two lines each, sit above the grid
        z=z, x=[PHASES[p].replace(" (", "<br>(") for p in phases],
        y=[wrap_lines(html.escape(e), 10) for e in entities], zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, showscale=False, xgap=4, ygap=4,
        text=words, texttemplate="%{text}", textfont={"size": 12},  # contrast chosen by plotly
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    fig.update_xaxes(side="top", fixedrange=True, tickangle=0)
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    fig.update_layout(height=TOOLBAR_ROOM + TOP_LABELS + 40 + len(entities) * (16 * lines + 16),
                      margin={"l": 10, "r": 10, "t": TOOLBAR_ROOM + TOP_LABELS, "b": 10},
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig


def triphasic_summary(table: pd.DataFrame) -> str:
    parts = []
    for entity, rows in table.groupby("entity", sort=False):
        phases = "; ".join(f"{PHASES[r.phase].split('. ')[1].lower()}: {r.text.lower()}"
                           for r in rows.itertuples())
        parts.append(f"{entity}: {phases}.")
    return " ".join(parts)
