"""IMOS Case Explorer: the entry point (`streamlit run dashboard.py`).

Sets the page, builds the navigation from `components/shell/navigation.py`, and draws the
shared sidebar.
"""

from pathlib import Path

import streamlit as st

from components.shell.data_access import require_series, shared_loads
from components.shell.error_boundary import run_guarded
from components.shell.link_check import warn_about_link
from components.shell.navigation import PAGES, st_pages
from components.shell.notes import sidebar_source
from components.shell.tables import table_style
from components.shell.test_probes import probe
from components.shell.presentation import navigation_position, presenting
from components.shell.process_memory import (
    refuse_clear_cache_from_clients,
    return_large_blocks_to_the_os,
)

return_large_blocks_to_the_os()  # once per process: dropped uploads give their memory back
refuse_clear_cache_from_clients()  # once per process: no client empties the shared caches
# Served from static/ (`server.enableStaticServing`): a file path would be read and
# registered with the media manager on every run of every session.
PAGE_ICON = "/app/static/page_icon.png"

st.set_page_config(
    page_title="IMOS Case Explorer",
    page_icon=PAGE_ICON,  # served by the app itself: no font server, works offline
    layout="wide",
    initial_sidebar_state="auto",
)

pages = st_pages(Path(__file__).parent)
# The navigation first, and everything that reads the series inside the error boundary:
# whatever an accepted upload holds, the menu (and with it "Your own cases" and its way
# back to the shipped series) stays on every page.
navigation = st.navigation(list(pages.values()), position=navigation_position())
table_style()  # wide tables scroll in their own frame on a phone
spec = next(spec for spec in PAGES if pages[spec.path] is navigation)


def _frame() -> None:
    series = require_series()
    if not presenting():  # presenting: an empty sidebar is not drawn at all
        with st.sidebar:
            sidebar_source(series.meta)
            probe("shared-series-loads", shared_loads())  # read by the clear_cache test
    warn_about_link(spec, series)


run_guarded(_frame, "sidebar")
run_guarded(navigation.run, spec.url_path or "/")
