"""A table placed under text: room above it for its toolbar.

Streamlit shows a dataframe's toolbar (show/hide columns, download, search, full screen)
over the top right of the table, reaching above it; on a phone the heading or paragraph
just above runs under those buttons. A small space first keeps the toolbar clear of it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from imos.text import escape_markdown

TOOLBAR_ROOM_PX = 16  # with Streamlit's own gap, the height of the toolbar


def table_below_text(data, **kwargs) -> None:
    """`st.dataframe(data, **kwargs)` with room above it for its toolbar."""
    st.space(TOOLBAR_ROOM_PX)
    st.dataframe(data, **kwargs)


# Wide tables on a phone: markdown tables and `st.table` scroll inside their own frame with
# their first column pinned, instead of running off the screen; every cell keeps a readable
# width, so a long list makes a cell a few lines taller, not a row taller than the phone.
# Plain HTML elements only (no Streamlit test ids); set once per page run by the shell.
TABLE_CSS = """
<style>
@media (max-width: 640px) {
  table { display: block; overflow-x: auto; max-width: 100%; }
  table th, table td { min-width: 9rem; white-space: normal; overflow-wrap: anywhere; }
  table th:first-child, table td:first-child { position: sticky; left: 0; z-index: 1;
    background: Canvas; box-shadow: 1px 0 0 rgba(128, 128, 128, .4); }
}
</style>
"""


def table_style() -> None:
    """The phone layout of wide HTML tables (a stylesheet only; nothing is shown)."""
    st.html(TABLE_CSS)


RULE_LINES = 5  # each rule's row shows five lines of its longest cell; hover or download for more


def rules_table(table) -> None:
    """The knowledge base's rules as a dataframe whose long cells wrap over several lines,
    the diagnosis pinned while the other columns scroll; a cell longer than the row shows
    whole on hover and in the CSV download."""
    st.dataframe(
        table, hide_index=True, width="stretch", row_height=RULE_LINES * 21 + 8,
        column_config={
            "diagnosis": st.column_config.TextColumn(pinned=True, width=150),
            "when": st.column_config.TextColumn(width="medium"),
            "why this strength": st.column_config.TextColumn(width="large"),
            "rationale": st.column_config.TextColumn(width="large"),
            "source": st.column_config.TextColumn(width="medium"),
            "caveat": st.column_config.TextColumn(width="large"),
            "caveat_source": st.column_config.TextColumn("caveat source", width="medium"),
        })


def wrapped_table(frame) -> None:
    """A short table as HTML (`st.table`): its long cells wrap at any width (a dataframe's
    canvas cuts them), and on a phone it scrolls in its own frame (`TABLE_CSS`). Cells are
    text, not markdown."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):  # 10 and 4.5, not 10.0000 and 4.5000
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,g}")
        elif shown[column].dtype == object:
            shown[column] = shown[column].map(lambda v: escape_markdown(v) if isinstance(v, str) else v)
    st.table(shown, hide_index=True)
