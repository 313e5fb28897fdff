"""The road-to-diagnosis figure: diagnoses down, examinations across, status in each cell."""

from __future__ import annotations

import html
from collections.abc import Mapping

import plotly.graph_objects as go

from components.charts.palette import DARK_TEXT, STATUS_COLOURS
from imos.reasoning.engine import STATUSES, Verdict
from imos.reasoning.families import group_ids
from imos.teaching.road import RoadStop
from imos.text import wrap_lines
from imos.reasoning.wording import STATUS_SYMBOLS


def _column(verdicts, reasons_here: dict[str, str], paper: dict[str, str], title: str):
    statuses = [v.status for v in verdicts]
    hover = []
    for v in verdicts:
        text = f"<b>{html.escape(v.label)}</b><br>{html.escape(title)}<br>Status: {v.status}"
        if v.diagnosis_id in reasons_here:
            text += "<br>" + wrap_lines(html.escape(reasons_here[v.diagnosis_id]), 60)
        if v.diagnosis_id in paper:
            text += "<br><i>The paper: " + wrap_lines(html.escape(paper[v.diagnosis_id]), 60) + "</i>"
        hover.append(text)
    return statuses, hover


def _row_label(label: str, family: str | None) -> str:
    """A row's name, wrapped; the first row of each family carries the family above it."""
    name = wrap_lines(html.escape(label), 26 if family else 22)
    if family is None:
        return name
    return f"<span style='font-size:10px'><i>{html.escape(family.capitalize())}</i></span><br>{name}"


def road_figure(stops: list[RoadStop], start: tuple[Verdict, ...],
                titles: list[str] | None = None,
                families: Mapping[str, str] | None = None) -> go.Figure:
    """A heatmap of every diagnosis's status from the start through each examination.

    Any step with `label`, `replayed` and `judgements` will do (road stops, walk-through
    stages, or the explorer's single scenario). `titles` name the columns after the
    first (default: the steps' labels); the chart shows them as words, wrapped. With
    `families` the rows come grouped by family, each family named at its first row.
    """
    columns = [("Before any test", start, {}, {})]
    for stop in stops:
        changed = {d: f"Changed here: {old} → {new}"
                   for d, (old, new) in stop.replayed.changed.items()}
        paper = {d: j.wording for j in stop.judgements for d in j.diagnosis_ids}
        columns.append((stop.label, stop.replayed.verdicts, changed, paper))
    names = {v.diagnosis_id: v.label for v in start}
    grouped = group_ids(names, families or {})
    rows = [d for _, ids in grouped for d in ids]
    firsts = {ids[0]: family for family, ids in grouped} if families else {}
    titles = ["Start", *(titles or [stop.label for stop in stops])]
    x = [html.escape(t) for t in titles]
    z, text, hover = [], [], []
    for diagnosis in rows:
        z_row, text_row, hover_row = [], [], []
        for title, verdicts, changed, paper in columns:
            by_id = {v.diagnosis_id: v for v in verdicts}
            statuses, hovers = _column([by_id[diagnosis]], changed, paper, title)
            status = statuses[0]
            z_row.append(STATUSES.index(status))
            mark = STATUS_SYMBOLS[status]
            if diagnosis in paper:
                mark += " ¶"
            text_row.append(mark)
            hover_row.append(hovers[0])
        z.append(z_row), text.append(text_row), hover.append(hover_row)
    labels = [_row_label(names[d], firsts.get(d)) for d in rows]
    n = len(STATUSES)
    scale = [[edge / n, STATUS_COLOURS[s]] for i, s in enumerate(STATUSES) for edge in (i, i + 1)]
    fig = go.Figure(go.Heatmap(
        z=z, x=x, y=labels, zmin=-0.5, zmax=n - 0.5,
        colorscale=scale, showscale=False, xgap=3, ygap=3,
        text=text, texttemplate="%{text}", textfont={"size": 15, "color": DARK_TEXT},
        customdata=hover, hovertemplate="%{customdata}<extra></extra>",
    ))
    # Upright headings, so nine columns fit a phone as well as a laptop.
    fig.update_xaxes(side="top", fixedrange=True, tickangle=-90, type="category",
                     tickfont={"size": 12})
    fig.update_yaxes(autorange="reversed", fixedrange=True)
    fig.update_layout(height=120 + 50 * len(labels), margin={"l": 10, "r": 10, "t": 100, "b": 10},
                      plot_bgcolor="rgba(0,0,0,0)")
    for row, diagnosis in enumerate(rows):  # a rule above each family but the first
        if row and diagnosis in firsts:
            fig.add_shape(type="line", xref="paper", x0=0, x1=1, y0=row - 0.5, y1=row - 0.5,
                          line={"color": "rgba(128,128,128,0.9)", "width": 2})
    return fig
