"""The paper's Table 1 (triphasic bone scan) as a coloured grid with a key saying what
each colour means.

Every cell is a light tint from the Okabe-Ito palette with dark words on it: the words
keep their contrast whatever the theme, and the hue tells the levels apart for the
common colour-vision deficiencies. Colour never carries the meaning alone: each cell
also says its finding in words.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.charts.chart_layout import TOOLBAR_ROOM, TOP_LABELS
from components.charts.palette import DARK_TEXT, NEUTRAL_FILL, OKABE_ITO, OUTLINE
from imos.text import escape_markdown, wrap_lines

# From none to most uptake, then "variable": grey, two blues, orange; a pink apart.
LEVEL_COLOURS = {
    "normal": NEUTRAL_FILL,
    "slight": "#CFE8F7",  # a pale sky blue
    "increased": OKABE_ITO["sky_blue"],
    "intense": OKABE_ITO["orange"],
    "variable": "#EBC3DB",  # a pale reddish purple
}
LEVEL_WORDS = {"normal": "not raised", "slight": "not or slightly raised",
               "increased": "raised", "intense": "intense, fusiform", "variable": "variable"}
PHASES = {"flow": "1. Flow (vascular)", "blood_pool": "2. Blood pool", "delayed": "3. Delayed (bone)"}
CELL_FONT = 14  # px, the size of the page's small text
LINE = 18  # px per line of a cell's words


def triphasic_figure(table: pd.DataFrame) -> go.Figure:
    """Table 1 of the paper as a grid: the three phases as columns, entities as rows.

    A heatmap, so the cells scale with the screen. Three columns (not four) and short
    wrapped lines keep every cell's words inside it on a 390 px phone; rows grow with
    their longest cell.
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
        text=words, texttemplate="%{text}",
        textfont={"size": CELL_FONT, "color": DARK_TEXT},  # dark on every tint, any theme
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    fig.update_xaxes(side="top", fixedrange=True, tickangle=0, tickfont={"size": CELL_FONT})
    fig.update_yaxes(autorange="reversed", fixedrange=True, tickfont={"size": CELL_FONT})
    fig.update_layout(
        height=TOOLBAR_ROOM + TOP_LABELS + 50 + len(entities) * (LINE * lines + 18),
        margin={"l": 10, "r": 10, "t": TOOLBAR_ROOM + TOP_LABELS + 10, "b": 10},
        plot_bgcolor="rgba(0,0,0,0)")
    return fig


def triphasic_key_html(table: pd.DataFrame) -> str:
    """The colour key: a swatch and its meaning for each level the table uses, in order.
    The words take the theme's text colour; each swatch has an outline, so the pale
    ones show on a white page too."""
    used = [level for level in LEVEL_COLOURS if level in set(table["level"])]
    items = "".join(
        f'<li style="display:inline-flex;align-items:center;gap:.4em;margin:0 1.2em .3em 0">'
        f'<span aria-hidden="true" style="display:inline-block;width:1.1em;height:1.1em;'
        f'background:{LEVEL_COLOURS[level]};border:1px solid {OUTLINE};border-radius:2px">'
        f'</span>{html.escape(LEVEL_WORDS[level])}</li>'
        for level in used)
    return (f'<div class="triphasic-key" role="group" aria-label="Colour key of Table 1">'
            f'<strong>Colour key (uptake):</strong> '
            f'<ul style="list-style:none;padding:0;margin:.3em 0 0;display:flex;'
            f'flex-wrap:wrap">{items}</ul></div>')


def triphasic_summary(table: pd.DataFrame) -> str:
    """The table in words, one sentence per entity (the chart's text alternative)."""
    parts = []
    for entity, rows in table.groupby("entity", sort=False):
        phases = "; ".join(f"{PHASES[r.phase].split('. ')[1].lower()}: {r.text.lower()}"
                           for r in rows.itertuples())
        parts.append(f"{entity}: {phases}.")
    return " ".join(parts)


def triphasic_section(table: pd.DataFrame) -> None:
    """The grid, its colour key and its text alternative."""
    st.plotly_chart(triphasic_figure(table), key="triphasic_chart", width="stretch",
                    config={"displaylogo": False})
    st.html(triphasic_key_html(table))
    st.caption("Text alternative: " + escape_markdown(triphasic_summary(table)))
