"""The one place pages get the case series from: loaded once per process and shared.

The shipped series is read-only for everybody: `st.cache_resource` hands every session
the same object instead of a copy (a copy per rerun cost tens of milliseconds on a
500-case series). Pages therefore never change it in place; a test runs every page and
compares the shared series with a fresh load. A series a reader uploads lives in that
reader's session state only. A broken data folder is shown to the user as a list of
problems (file, row, field), never as a traceback.
"""

from __future__ import annotations

import threading

import streamlit as st

from components.shell.session_keys import STATE_PREFIXES, UPLOADED_SERIES
from imos.data import CaseSeries, DataFileError, default_series_dir, load_case_series
from imos.reasoning.knowledge import KnowledgeBase, default_knowledge
from imos.dataset.treatment import TreatmentStory, load_treatment


_SHARED_LOADS = [0]  # how often this process loaded the shared series (a test reads it)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(series_dir: str) -> CaseSeries:
    _SHARED_LOADS[0] += 1
    return load_case_series(series_dir)


def shared_loads() -> int:
    """How many times this process has loaded the shared series: 1 while its cache holds."""
    return _SHARED_LOADS[0]


def series_uploaded() -> bool:
    """Whether this session works on a series it uploaded."""
    return st.session_state.get(UPLOADED_SERIES) is not None


def get_series() -> CaseSeries:
    """This session's case series: an upload if there is one, else the shipped (or
    $IMOS_SERIES_DIR) series; raises `DataFileError` when its files are invalid."""
    uploaded = st.session_state.get(UPLOADED_SERIES)
    if uploaded is not None:
        return uploaded
    return _load(str(default_series_dir()))


def use_series(series: CaseSeries | None) -> None:
    """Switch this session to `series` (None: back to the default) and reset page state."""
    for key in [k for k in st.session_state if str(k).startswith(STATE_PREFIXES)]:
        del st.session_state[key]
    if series is None:
        st.session_state.pop(UPLOADED_SERIES, None)
    else:
        st.session_state[UPLOADED_SERIES] = series


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


_KNOWLEDGE_LOCK = threading.Lock()


def shared_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, one object per process even when a room opens at once.

    Locked: sessions arriving together wait for the first load instead of each loading
    a copy (the explorer's shared memo is kept per series, not per copy of the rules).
    """
    with _KNOWLEDGE_LOCK:
        return default_knowledge()


def require_knowledge() -> KnowledgeBase:
    """The shared, read-only knowledge base (loaded once per process), or a clear error."""
    try:
        return shared_knowledge()
    except DataFileError as error:
        _stop_with(error, "knowledge base")


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_treatment(series_dir: str) -> TreatmentStory | None:
    return load_treatment(series_dir)


def treatment_story() -> TreatmentStory | None:
    """The active series' treatment story (the shipped one's), None for an upload."""
    if series_uploaded():
        return None
    try:
        return _load_treatment(str(default_series_dir()))
    except DataFileError as error:
        _stop_with(error, "treatment story")
