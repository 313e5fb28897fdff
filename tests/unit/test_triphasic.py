"""The paper's Table 1 as data and as a figure."""

from __future__ import annotations

from components.charts.triphasic_view import (
    LEVEL_COLOURS,
    LEVEL_WORDS,
    triphasic_figure,
    triphasic_key_html,
    triphasic_summary,
)
from components.charts.palette import DARK_TEXT
from imos.reasoning.knowledge import load_triphasic_table


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


def _luminance(colour: str) -> float:
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_cell_has_dark_words_with_aa_contrast_on_its_colour_in_any_theme():
    fig = triphasic_figure(load_triphasic_table())
    heatmap = fig.data[0]
    assert heatmap.textfont.color == DARK_TEXT and heatmap.textfont.size >= 14
    for colour in LEVEL_COLOURS.values():
        assert _contrast(colour, DARK_TEXT) >= 4.5, colour
    assert len(set(LEVEL_COLOURS.values())) == len(LEVEL_COLOURS)


def test_the_key_names_each_colour_the_table_uses():
    table = load_triphasic_table()
    key = triphasic_key_html(table)
    assert "Colour key" in key
    for level in set(table["level"]):
        assert LEVEL_COLOURS[level] in key and LEVEL_WORDS[level] in key
    assert key.count("<li") == table["level"].nunique()
