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


RULES_FRAME_PX = 640  # the rules scroll in a frame of this height; the page stays short
# Every cell of the rules wraps whole at any width (long words and addresses break too), and
# on a wide screen the header row stays in view while the frame scrolls (on a phone the table
# scrolls sideways in its own box, `TABLE_CSS`, which holds the header). Scoped to the frame.
RULES_CSS = """
<style>
.st-key-rules_frame th, .st-key-rules_frame td, .st-key-rules_frame th *,
.st-key-rules_frame td * { white-space: normal !important; overflow-wrap: anywhere !important;
  vertical-align: top; }
@media (min-width: 641px) {  /* the table fits the frame's width, its header pinned on top */
  .st-key-rules_frame { padding-top: 0 !important; }
  .st-key-rules_frame div { overflow: visible !important; }
  .st-key-rules_frame table { width: 100% !important; table-layout: fixed; }
  .st-key-rules_frame th:nth-child(1) { width: 12%; }
  .st-key-rules_frame th:nth-child(2) { width: 11%; }
  .st-key-rules_frame th:nth-child(3) { width: 7%; }
  .st-key-rules_frame th:nth-child(4) { width: 8%; }
  .st-key-rules_frame th:nth-child(5) { width: 13%; }
  .st-key-rules_frame th:nth-child(6) { width: 12%; }
  .st-key-rules_frame th:nth-child(7) { width: 7%; }
  .st-key-rules_frame th:nth-child(8) { width: 11%; }
  .st-key-rules_frame th:nth-child(9) { width: 10%; }
  .st-key-rules_frame th:nth-child(10) { width: 9%; }
  .st-key-rules_frame thead th { position: sticky; top: 0; z-index: 2; background: Canvas;
    box-shadow: 0 1px 0 rgba(128, 128, 128, .4); }
}
</style>
"""  # the columns' shares: diagnosis, when, effect, strength, why this strength, rationale,
# whose, source, caveat, caveat source (the order of the criteria page's table)


def rules_table(table) -> None:
    """The knowledge base's rules as an HTML table in a frame that scrolls: every cell wraps
    whole at any width (a dataframe's canvas cut cells longer than its row), and on a phone
    the table scrolls sideways in its frame with the diagnosis pinned (`TABLE_CSS`)."""
    st.html(RULES_CSS)
    with st.container(height=RULES_FRAME_PX, key="rules_frame"):
        wrapped_table(table.fillna("").rename(columns={"caveat_source": "caveat source"}))


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
