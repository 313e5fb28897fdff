"""Tables a page draws as its own HTML (`st.html`), read back as DataFrames for AppTest:
AppTest lists `st.dataframe` and `st.table` values but only the markup of `st.html`."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd


class _TableReader(HTMLParser):
    """Every `<table>` of a document as its header and rows of cell text (tags dropped,
    entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self._section = self._row = self._cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append(([], []))
        elif tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            header, rows = self.tables[-1]
            if self._section == "thead":
                header.extend(self._row)
            else:
                rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_tables(markup: str) -> list[pd.DataFrame]:
    """The tables of `markup`, each a DataFrame of text (an empty cell is "").

    >>> (t,) = read_tables('<table><thead><tr><th>a</th></tr></thead>'
    ...                    '<tbody><tr><td>x&lt;<wbr>y</td></tr></tbody></table>')
    >>> t.to_dict("list")
    {'a': ['x<y']}
    """
    reader = _TableReader()
    reader.feed(markup)
    return [pd.DataFrame(rows, columns=header) for header, rows in reader.tables]


def html_tables(at) -> list[pd.DataFrame]:
    """Every table of every `st.html` element an AppTest run drew."""
    return [table for element in at.html for table in read_tables(element.value)]


def html_regions(at) -> list[str]:
    """The `st.html` bodies that draw a table (to check their frame's markup)."""
    return [element.value for element in at.html if "<table" in element.value]
