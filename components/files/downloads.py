"""Download buttons for what a page shows."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from imos.files.export import csv_bytes


def csv_download(frame: pd.DataFrame, file_name: str, label: str, key: str) -> None:
    """Offer `frame` as a UTF-8 CSV file (formula cells made inert); clicking does not rerun
    the page."""
    st.download_button(
        label,
        data=csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click="ignore",
        icon=":material/download:",
    )
