"""Text helpers: markdown escaping and line wrapping."""

from imos.text import escape_markdown, months_phrase, wrap_lines


def test_wrap_lines_breaks_between_words_only():
    assert wrap_lines("one two three four", 9) == "one two<br>three<br>four"
    assert wrap_lines("unbreakablewordislong", 5) == "unbreakablewordislong"


def test_escape_markdown_neutralises_markup():
    assert escape_markdown("**x** <b>") == "\\*\\*x\\*\\* \\<b\\>"


def test_months_phrase_keeps_the_papers_precision():
    assert months_phrase(24, True) == "about 2 years"
    assert months_phrase(8, True) == "about 8 months"
    assert months_phrase(39, False) == "39 months"


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
