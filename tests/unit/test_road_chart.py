"""The road chart: every diagnosis a row, grouped by family, each family named once."""

from __future__ import annotations

import html

from components.charts.road_chart import road_figure
from imos.data import load_case_series
from imos.reasoning.engine import STATUSES, default_knowledge
from imos.reasoning.families import family_of
from imos.teaching.replay import initial_verdicts
from imos.teaching.road import road_to_diagnosis


def test_rows_come_grouped_by_family_each_family_named_at_its_first_row():
    knowledge = default_knowledge()
    families = family_of(knowledge)
    stops = road_to_diagnosis(load_case_series(), "2", knowledge)
    start = initial_verdicts(knowledge)
    heatmap = road_figure(stops, start, None, families).data[0]
    order = list(dict.fromkeys(families.values()))
    names = {html.escape(v.label): v.diagnosis_id for v in start}
    rows = [names[y.split("</span><br>")[-1].replace("<br>", " ")] for y in heatmap.y]
    assert len(rows) == len(start)
    assert [order.index(families[d]) for d in rows] == sorted(order.index(families[d]) for d in rows)
    named = [y for y in heatmap.y if "<i>" in y]
    assert [y.split("<i>")[1].split("</i>")[0].lower() for y in named] == order
    # a rule between families, none above the first
    assert len(road_figure(stops, start, None, families).layout.shapes) == len(order) - 1
    # the last column is the end of the road, each cell the engine's status
    final = {v.diagnosis_id: v.status for v in stops[-1].replayed.verdicts}
    assert [STATUSES[int(z)] for z in (row[-1] for row in heatmap.z)] == [final[d] for d in rows]


def test_without_families_the_rows_keep_the_knowledge_bases_order():
    knowledge = default_knowledge()
    start = initial_verdicts(knowledge)
    figure = road_figure([], start)
    assert len(figure.data[0].y) == len(start) and not figure.layout.shapes
