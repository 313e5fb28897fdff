"""The words the app shows, part one: text from data files and links shown safely.

Text from a data file or an address is shown as text, never markup (`escape_markdown`),
cut to one line for a message (`shorten`), and a few data values read as words
(`sex_word`). Its pair is `imos.reasoning.wording`, the words of the reasoning (statuses,
rules, conditions): a word about the data goes here, a word about a verdict there.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:])")


def escape_markdown(text: object) -> str:
    """Escape every character Streamlit's markdown could read as markup or HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


SHOWN_CHARACTERS = 40


def shorten(text: str, limit: int = SHOWN_CHARACTERS) -> str:
    """Text from a link, on one line and cut to `limit` characters for a message."""
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "…"


def sex_word(sex: str) -> str:
    return {"F": "woman", "M": "man"}[sex]


def months_phrase(months: float, approximate: bool) -> str:
    """'about 2 years' / '8 months' from a number of months, keeping the paper's precision."""
    prefix = "about " if approximate else ""
    if months >= 24 and months % 12 == 0:
        years = int(months // 12)
        return f"{prefix}{years} years"
    value = int(months) if float(months).is_integer() else months
    return f"{prefix}{value} month{'s' if value != 1 else ''}"


def month_label(month: float) -> str:
    """A month of the biopsy-anchored timeline in words: '8 months before the biopsy'."""
    value = int(month) if float(month).is_integer() else month
    if value == 0:
        return "the biopsy (month 0)"
    size = abs(value)
    unit = "month" if size == 1 else "months"
    return f"{size} {unit} {'before' if value < 0 else 'after'} the biopsy"


def wrap_lines(text: str, width: int = 70, separator: str = "<br>") -> str:
    """Break text between words into lines of at most `width` characters (for plotly)."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return separator.join(lines)


def markdown_table(rows: list[dict[str, object]]) -> str:
    """A GitHub-style markdown table with every cell escaped (cheaper than a dataframe)."""
    if not rows:
        return ""
    columns = list(rows[0])

    def cell(value: object) -> str:
        return escape_markdown(value).replace("\n", " ")

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |",
             "| " + " | ".join("---" for _ in columns) + " |"]
    lines += ["| " + " | ".join(cell(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def scrollable(markdown: str) -> str:
    """Markdown (a wide table) in a box that scrolls sideways instead of being cut off at
    the screen's edge; for `st.markdown(..., unsafe_allow_html=True)`.

    >>> scrollable("| a |").startswith('<div style="overflow-x:auto">')
    True
    """
    return f'<div style="overflow-x:auto">\n\n{markdown}\n\n</div>'
