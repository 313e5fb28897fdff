"""IMOS Case Explorer: the entry point (`streamlit run dashboard.py`).

Sets the page, builds the navigation from `components/shell/navigation.py`, and draws the
shared sidebar.
"""

from pathlib import Path

import streamlit as st

from components.shell.data_access import require_series
from components.shell.error_boundary import run_guarded
from components.shell.link_check import warn_about_link
from components.shell.navigation import DEFAULT_PAGE, PAGES
from components.shell.notes import sidebar_source
from components.shell.tables import table_style
from components.shell.presentation import navigation_position, presenting
from components.shell.process_memory import return_large_blocks_to_the_os

return_large_blocks_to_the_os()  # once per process: dropped uploads give their memory back
PAGE_ICON = Path(__file__).parent / "components" / "page_icon.png"

st.set_page_config(
    page_title="IMOS Case Explorer",
    page_icon=str(PAGE_ICON),  # served by the app itself: no font server, works offline
    layout="wide",
    initial_sidebar_state="auto",
)

series = require_series()

pages = {
    page.path: st.Page(page.path, title=page.title, icon=page.icon, url_path=page.url_path,
                       default=page is DEFAULT_PAGE)
    for page in PAGES
}
navigation = st.navigation(list(pages.values()), position=navigation_position())

if not presenting():  # presenting: an empty sidebar is not drawn at all
    with st.sidebar:
        sidebar_source(series.meta)

table_style()  # wide tables scroll in their own frame on a phone
spec = next(spec for spec in PAGES if pages[spec.path] is navigation)
warn_about_link(spec, series)
run_guarded(navigation.run, spec.url_path or "/")
