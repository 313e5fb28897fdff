"""Download buttons for what a page shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st


def csv_download(frame: pd.DataFrame, file_name: str, label: str, key: str) -> None:
    """Offer `frame` as a UTF-8 CSV file; clicking does not rerun the page."""
    st.download_button(
        label,
        data=frame.to_csv(index=False).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
