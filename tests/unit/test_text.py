"""Text helpers: markdown escaping and line wrapping."""

import pytest

from imos.text import escape_markdown, months_phrase, wrap_lines


@pytest.mark.parametrize("text,width,wrapped", [
    ("one two three four", 9, "one two<br>three<br>four"),
    ("unbreakablewordislong", 5, "unbreakablewordislong"),
])
def test_wrap_lines_breaks_between_words_only(text, width, wrapped):
    assert wrap_lines(text, width) == wrapped


@pytest.mark.parametrize("raw,escaped", [
    ("**x** <b>", "\\*\\*x\\*\\* \\<b\\>"),
    ("[link](javascript:x)", "\\[link\\]\\(javascript\\:x\\)"),
    ("# heading", "\\# heading"),
    ("a_b `c` $d$ |e| ~f~", "a\\_b \\`c\\` \\$d\\$ \\|e\\| \\~f\\~"),
    ("1. item", "1\\. item"),
    ("plain words", "plain words"),
    (42, "42"),
])
def test_escape_markdown_neutralises_markup(raw, escaped):
    assert escape_markdown(raw) == escaped


@pytest.mark.parametrize("months,approximate,phrase", [
    (24, True, "about 2 years"),
    (8, True, "about 8 months"),
    (39, False, "39 months"),
    (1, False, "1 month"),
])
def test_months_phrase_keeps_the_papers_precision(months, approximate, phrase):
    assert months_phrase(months, approximate) == phrase


def test_markdown_table_escapes_cells_and_pipes():
    from imos.text import markdown_table

    table = markdown_table([{"a|b": "x | y", "c": "<b>**z**</b>"}])
    lines = table.splitlines()
    assert len(lines) == 3 and lines[1] == "| --- | --- |"
    assert "\\|" in lines[0] and "\\|" in lines[2]
    assert "<b>" not in table and "\\*\\*" in table
    assert markdown_table([]) == ""


def test_scrollable_keeps_the_table_markdown_inside_a_sideways_scrolling_box():
    from imos.text import markdown_table, scrollable

    table = markdown_table([{"finding": "<img src=x>", "IMOS": "present"}])
    boxed = scrollable(table)
    assert boxed.startswith('<div style="overflow-x:auto">\n\n')
    assert boxed.endswith("\n\n</div>")
    assert table in boxed  # blank lines around it: still read as markdown, cells escaped
    assert "\\<img src=x\\>" in boxed
