"""The paper's Table 1 as data and as a figure."""

from __future__ import annotations

from components.differential_view import triphasic_figure, triphasic_summary
from imos.knowledge import load_triphasic_table


def test_table1_covers_four_entities_and_three_phases():
    table = load_triphasic_table()
    assert len(table) == 12
    imos = table[table["entity"] == "IMOS"].set_index("phase")
    assert imos.loc["flow", "text"] == "Absent"
    assert imos.loc["blood_pool", "text"] == "Absent or slight"
    assert "fusiform" in imos.loc["delayed", "text"]


def test_triphasic_figure_is_a_grid_with_words_and_sources():
    table = load_triphasic_table()
    fig = triphasic_figure(table)
    heatmap = fig.data[0]
    # entities as rows, phases as columns: three columns fit a phone
    assert [y.replace("<br>", " ") for y in heatmap.y] == [
        "Malignant tumour", "Osteomyelitis", "Stress fracture", "IMOS"]
    assert len(heatmap.z) == 4 and all(len(row) == 3 for row in heatmap.z)
    assert heatmap.text[3][0] == "Absent"  # IMOS, flow phase
    assert heatmap.text[1][1] == "Soft-tissue<br>hyperaemia"  # wrapped to fit a phone
    assert "Source: Table 1" in heatmap.customdata[2][1]
    longest_word = max(len(w) for row in heatmap.text for t in row for w in t.split("<br>"))
    assert longest_word <= 12
    assert "IMOS: flow (vascular): absent" in triphasic_summary(table)
