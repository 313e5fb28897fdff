"""Presentation mode (`?present=1`): large type and no navigation, for a projector.

The navigation is hidden through Streamlit's own API (`st.navigation(position="hidden")`,
with nothing else in the sidebar, so Streamlit draws no sidebar at all); the type is
enlarged by raising the root font size, which every element sized in `rem` follows alike.
The stylesheet names only plain HTML elements, never Streamlit's internal test ids.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.text import escape_markdown

# Streamlit sizes its text in rem: one root size enlarges headings, lists, labels, buttons
# and tables alike. Tables are set to the body's size (Streamlit draws them smaller) and
# wrap, so a wide table fits the projector instead of losing a column.
PRESENTATION_CSS = """
<style>
html { font-size: 150%; }
table { width: 100%; }
table th, table td { font-size: 1rem; white-space: normal; overflow-wrap: anywhere; }
</style>
"""


def presenting(query: Mapping[str, str] | None = None) -> bool:
    """Whether the address asks for presentation mode (`present=1`)."""
    query = st.query_params if query is None else query
    return query.get("present") == "1"


def navigation_position() -> str:
    """Where `st.navigation` puts the menu: hidden while presenting, else the sidebar."""
    return "hidden" if presenting() else "sidebar"


def presentation_style() -> None:
    """Restyle the page for a projector (a stylesheet only; nothing is shown)."""
    st.html(PRESENTATION_CSS)


def presentation_table(rows: list[dict]) -> None:
    """A table as HTML (`st.table`): its type grows with the page when presenting and its
    long cells wrap, where a `st.dataframe` canvas keeps a small fixed type and cuts them.
    Cells are text, not markdown."""
    st.table([{k: escape_markdown(v) if isinstance(v, str) else v for k, v in row.items()}
              for row in rows], hide_index=True)
