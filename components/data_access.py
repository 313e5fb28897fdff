"""The one place pages get the case series from: loaded once per process, copied per call.

`st.cache_data` returns a fresh copy on every call, so no session can change what another
session sees. A broken data folder is shown to the user as a list of problems (file, row,
field), never as a traceback.
"""

from __future__ import annotations

import streamlit as st

from imos.data import CaseSeries, DataFileError, default_series_dir, load_case_series
from imos.differential import default_knowledge
from imos.knowledge import KnowledgeBase


@st.cache_data(show_spinner=False, max_entries=4)
def _load(series_dir: str) -> CaseSeries:
    return load_case_series(series_dir)


def get_series() -> CaseSeries:
    """The active case series; raises `DataFileError` when its files are invalid."""
    return _load(str(default_series_dir()))


def _stop_with(error: DataFileError, what: str) -> None:
    st.error(
        f"The {what} could not be loaded, so the app cannot show it. "
        "Fix the problems listed below in the data files and reload the page.",
        icon=":material/error:",
    )
    st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
    st.stop()


def require_series() -> CaseSeries:
    """The active case series, or a clear error on the page and a stop."""
    try:
        return get_series()
    except DataFileError as error:
        _stop_with(error, "case-series data")


def require_knowledge() -> KnowledgeBase:
    """The shared, read-only knowledge base (loaded once per process), or a clear error."""
    try:
        return default_knowledge()
    except DataFileError as error:
        _stop_with(error, "knowledge base")
