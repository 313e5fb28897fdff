"""Badges, verdict cards and the triphasic Table 1 figure for the differential pages."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from components.palette import OKABE_ITO
from imos.differential import Reason, Verdict
from imos.knowledge import ORIGIN_LABELS
from imos.text import escape_markdown

# Streamlit badge colours; the word always goes with the colour.
STATUS_BADGES = {
    "excluded": ("gray", ":material/block:", "Excluded"),
    "unlikely": ("orange", ":material/trending_down:", "Unlikely"),
    "possible": ("blue", ":material/help:", "Possible"),
    "supported": ("green", ":material/check_circle:", "Supported"),
}
EFFECT_WORDS = {
    "excludes": "excludes",
    "argues_against": "argues against",
    "supports": "supports",
    "typical_of": "is typical of",
}


def status_badge(status: str) -> str:
    colour, icon, word = STATUS_BADGES[status]
    return f":{colour}-badge[{icon} {word}]"


def conditions_text(reason: Reason, labels: dict[str, str]) -> str:
    return " and ".join(f"{labels.get(f, f).lower()} {v}" for f, v in reason.conditions)


def reason_line(reason: Reason, labels: dict[str, str]) -> str:
    text = (
        f"**{escape_markdown(conditions_text(reason, labels).capitalize())}** "
        f"{EFFECT_WORDS[reason.effect]}: {escape_markdown(reason.rationale)}  \n"
        f"*{ORIGIN_LABELS[reason.origin]}: {escape_markdown(reason.source)}*"
    )
    return text


def verdict_details(verdict: Verdict, labels: dict[str, str]) -> None:
    """The rules that fired, the paper's argument and any caveat side by side."""
    if not verdict.reasons:
        st.caption("No rule fires on the findings known so far.")
    for heading, reasons in (("Against", verdict.against_reasons), ("For", verdict.for_reasons)):
        if not reasons:
            continue
        st.markdown(f"**{heading}**")
        for reason in reasons:
            left, right = st.columns([3, 2])
            left.markdown(reason_line(reason, labels))
            if reason.caveat:
                right.markdown(
                    f":orange[Caveat] {escape_markdown(reason.caveat)}  \n"
                    f"*{escape_markdown(reason.caveat_source)}*"
                )


LEVEL_COLOURS = {
    "increased": OKABE_ITO["vermillion"],
    "variable": OKABE_ITO["yellow"],
    "normal": "#EEEEEE",
    "slight": OKABE_ITO["sky_blue"],
    "intense": OKABE_ITO["blue"],
}
LEVEL_WORDS = {"increased": "raised", "variable": "variable", "normal": "not raised",
               "slight": "not or slightly raised", "intense": "intense, fusiform"}
PHASES = {"flow": "1. Flow (vascular)", "blood_pool": "2. Blood pool", "delayed": "3. Delayed (bone)"}


def triphasic_figure(table: pd.DataFrame) -> go.Figure:
    """Table 1 of the paper as a grid: entities as columns, the three phases as rows."""
    entities = list(dict.fromkeys(table["entity"]))
    fig = go.Figure()
    for level, colour in LEVEL_COLOURS.items():
        rows = table[table["level"] == level]
        if rows.empty:
            continue
        fig.add_trace(go.Scatter(
            x=rows["entity"], y=rows["phase"].map(PHASES), mode="markers+text",
            marker={"symbol": "square", "size": 58, "color": colour,
                    "line": {"color": "#555555", "width": 1}},
            text=[html.escape(t) for t in rows["text"]], textposition="bottom center",
            textfont={"size": 11}, name=LEVEL_WORDS[level],
            hovertemplate=[
                f"<b>{html.escape(r.entity)}, {PHASES[r.phase]}</b><br>{html.escape(r.text)}"
                f"<br>Source: {html.escape(r.source)}<extra></extra>"
                for r in rows.itertuples()
            ],
        ))
    fig.update_xaxes(categoryorder="array", categoryarray=entities, side="top", fixedrange=True)
    fig.update_yaxes(categoryorder="array", categoryarray=list(PHASES.values())[::-1],
                     fixedrange=True)
    fig.update_layout(height=420, margin={"l": 10, "r": 10, "t": 30, "b": 10},
                      legend={"orientation": "h", "y": -0.05}, plot_bgcolor="rgba(0,0,0,0)")
    return fig


def triphasic_summary(table: pd.DataFrame) -> str:
    parts = []
    for entity, rows in table.groupby("entity", sort=False):
        phases = "; ".join(f"{PHASES[r.phase].split('. ')[1].lower()}: {r.text.lower()}"
                           for r in rows.itertuples())
        parts.append(f"{entity}: {phases}.")
    return " ".join(parts)
