"""A table placed under text: room above it for its toolbar.

Streamlit shows a dataframe's toolbar (show/hide columns, download, search, full screen)
over the top right of the table, reaching above it; on a phone the heading or paragraph
just above runs under those buttons. A small space first keeps the toolbar clear of it.
"""

from __future__ import annotations

import streamlit as st

TOOLBAR_ROOM_PX = 16  # with Streamlit's own gap, the height of the toolbar


def table_below_text(data, **kwargs) -> None:
    """`st.dataframe(data, **kwargs)` with room above it for its toolbar."""
    st.space(TOOLBAR_ROOM_PX)
    st.dataframe(data, **kwargs)
