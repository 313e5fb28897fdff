"""Plotly figure of the imaging-findings matrix: cases as columns, findings grouped by
modality as rows, each cell coloured AND marked with a symbol; a dagger marks cells that a
source discrepancy touches, with both readings on hover."""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from components.charts.chart_layout import TOOLBAR_ROOM, TOP_LABELS
from components.charts.palette import NEUTRAL_FILL, OKABE_ITO, OUTLINE
from imos.teaching.matrix import DISCREPANCY_MARK, STATE_LABELS, SYMBOLS
from imos.text import wrap_lines

# Light grey, orange, dark blue: three clearly different greys in greyscale too.
STATE_COLOURS = {"not_assessed": NEUTRAL_FILL, "absent": OKABE_ITO["orange"], "present": OKABE_ITO["blue"]}
STATE_CODES = {"not_assessed": 0, "absent": 1, "present": 2}
TEXT_COLOURS = {"not_assessed": "#333333", "absent": "#000000", "present": "#FFFFFF"}


def _hover(cell: pd.Series) -> str:
    text = (
        f"<b>{html.escape(cell['case_label'])}: {html.escape(cell['label'])}</b><br>"
        f"{SYMBOLS[cell['value']]} {html.escape(cell['state'])}<br>"
        f"{wrap_lines(html.escape(cell['wording']))}<br>Source: {html.escape(cell['source'])}"
    )
    if cell["has_discrepancy"]:
        text += f"<br><b>{DISCREPANCY_MARK} The paper disagrees with itself:</b><br>" + wrap_lines(
            html.escape(cell["discrepancy"])
        )
    elif cell["discrepancy"]:  # a note that leaves this value as it is (no †)
        text += "<br><b>A note on the paper (the value is not in doubt):</b><br>" + wrap_lines(
            html.escape(cell["discrepancy"]))
    return text


LABEL_WIDTH = 24  # characters per line of a finding's label
LINE_PX, ROW_PAD_PX = 16, 14  # a row is as tall as its label's lines, plus padding


class _Rows:
    """Y layout: a bold heading row per modality, then its findings, each row as tall as
    its wrapped label (so a three-line label never runs into the next row).

    One label column instead of plotly's two-level axis, so that nothing is clipped on a
    phone: the modality headings sit in the same column as the findings. Rows are placed
    on a numeric axis in pixels: `edges` bound them, `centres` carry the labels.
    """

    def __init__(self, rows: pd.DataFrame):
        self.labels: list[str] = []
        self.of_finding: dict[str, int] = {}
        for group, members in rows.groupby("group_label", sort=False):
            self.labels.append(f"<b>{html.escape(group)}</b>")
            for finding in members.itertuples():
                self.of_finding[finding.finding_id] = len(self.labels)
                self.labels.append(wrap_lines(html.escape(finding.label), LABEL_WIDTH))
        self.edges = [0]
        for label in self.labels:
            self.edges.append(self.edges[-1] + ROW_PAD_PX + LINE_PX * (label.count("<br>") + 1))
        self.centres = [(a + b) / 2 for a, b in zip(self.edges, self.edges[1:])]


def matrix_figure(cells: pd.DataFrame) -> go.Figure:
    """Heatmap of the cells from `imos.teaching.matrix.findings_matrix`.

    `z` has one row per finding plus an empty heading row per modality.
    """
    rows = _Rows(cells.drop_duplicates("finding_id")[["finding_id", "label", "group_label"]])
    columns = [html.escape(c) for c in dict.fromkeys(cells["case_label"])]
    col_index = {c: j for j, c in enumerate(columns)}
    z = [[None] * len(columns) for _ in rows.labels]
    hover = [[""] * len(columns) for _ in rows.labels]
    for _, cell in cells.iterrows():
        i, j = rows.of_finding[cell["finding_id"]], col_index[html.escape(cell["case_label"])]
        z[i][j] = STATE_CODES[cell["value"]]
        hover[i][j] = _hover(cell)
    scale = []
    for code, state in enumerate(STATE_CODES):
        colour = STATE_COLOURS[state]
        scale += [[code / 3, colour], [(code + 1) / 3, colour]]
    fig = go.Figure(go.Heatmap(
        z=z, x=columns, y=rows.edges, zmin=-0.5, zmax=2.5, colorscale=scale, showscale=False,
        xgap=3, ygap=3, customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    for state in STATE_CODES:
        chosen = cells[cells["value"] == state]
        if chosen.empty:
            continue
        fig.add_trace(go.Scatter(
            x=[html.escape(c) for c in chosen["case_label"]],
            y=[rows.centres[rows.of_finding[f]] for f in chosen["finding_id"]],
            mode="text", hoverinfo="skip", showlegend=False,
            text=[SYMBOLS[state] + (f" {DISCREPANCY_MARK}" if d else "")
                  for d in chosen["has_discrepancy"]],
            textfont={"size": 16, "color": TEXT_COLOURS[state]},
        ))
        fig.add_trace(go.Scatter(  # legend swatch: colour and symbol together
            x=[None], y=[None], mode="markers", name=f"{SYMBOLS[state]} {STATE_LABELS[state]}",
            marker={"symbol": "square", "size": 16, "color": STATE_COLOURS[state],
                    "line": {"color": OUTLINE, "width": 1}},
        ))
    fig.update_yaxes(range=[rows.edges[-1], 0], fixedrange=True, tickmode="array",
                     tickvals=rows.centres, ticktext=rows.labels, showgrid=False,
                     zeroline=False)
    # Case labels stay horizontal: at most a word per line, never rotated into each other.
    fig.update_xaxes(side="top", fixedrange=True, type="category", tickangle=0,
                     ticktext=[c.replace(" ", "<br>") for c in columns], tickvals=columns)
    fig.update_layout(
        height=120 + TOOLBAR_ROOM + TOP_LABELS + rows.edges[-1],
        margin={"l": 10, "r": 10, "t": TOOLBAR_ROOM + TOP_LABELS, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.01, "x": 0},
        plot_bgcolor="rgba(0,0,0,0)", hoverlabel={"align": "left"},
    )
    return fig


def matrix_summary(cells: pd.DataFrame, shared: dict[str, list[str]]) -> str:
    """Text alternative of the matrix."""
    cases = ", ".join(dict.fromkeys(cells["case_label"]))
    parts = [f"Findings matrix for {cases}."]
    if shared["present"]:
        parts.append("Present in every case shown: " + ", ".join(shared["present"]) + ".")
    if shared["absent"]:
        parts.append("Absent in every case shown: " + ", ".join(shared["absent"]) + ".")
    differing = cells.groupby("label", sort=False)["value"].nunique()
    differing = list(differing[differing > 1].index)
    if differing:
        parts.append("Different between cases: " + ", ".join(differing) + ".")
    flagged = cells[cells["has_discrepancy"]]
    if not flagged.empty:
        parts.append(
            f"{len(flagged)} cells are touched by a discrepancy in the paper ("
            + ", ".join(f"{r.case_label} {r.label}" for r in flagged.itertuples()) + ")."
        )
    return " ".join(parts)


def prevalence_figure(table: pd.DataFrame) -> go.Figure:
    """All cases at a glance: per finding, how many cases have it present, absent, unknown."""
    fig = go.Figure()
    labels = [wrap_lines(html.escape(label), 30) for label in table["label"]]
    for state in ("present", "absent", "not_assessed"):
        fig.add_trace(go.Bar(
            y=labels, x=table[state], orientation="h",
            name=f"{SYMBOLS[state]} {STATE_LABELS[state]}",
            marker={"color": STATE_COLOURS[state], "line": {"color": OUTLINE, "width": 0.5}},
            hovertemplate="%{y}: %{x} cases " + STATE_LABELS[state] + "<extra></extra>",
        ))
    fig.update_layout(
        barmode="stack", height=120 + 22 * len(table), margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"}, plot_bgcolor="rgba(0,0,0,0)",
    )
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    fig.update_xaxes(title="cases", fixedrange=True)
    return fig


def prevalence_summary(table: pd.DataFrame, n_cases: int) -> str:
    parts = [f"{n_cases} cases."]
    for row in table.itertuples():
        parts.append(f"{row.label}: {row.present} present, {row.absent} absent, "
                     f"{row.not_assessed} not assessed.")
    return " ".join(parts)
