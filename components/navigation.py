"""The app's pages, in menu order: the entry point builds the navigation from this list,
and the tests visit every page from it."""

from __future__ import annotations

from typing import NamedTuple


class PageSpec(NamedTuple):
    path: str
    title: str
    icon: str
    url_path: str


PAGES = (
    PageSpec("app_pages/overview.py", "Overview", ":material/home:", "overview"),
    PageSpec("app_pages/timelines.py", "Case timelines", ":material/timeline:", "timelines"),
    PageSpec("app_pages/findings_matrix.py", "Findings matrix", ":material/grid_on:", "findings"),
    PageSpec("app_pages/criteria.py", "Differential criteria", ":material/rule:", "criteria"),
    PageSpec("app_pages/explorer.py", "Exclusion explorer", ":material/tune:", "explorer"),
    PageSpec("app_pages/walkthrough.py", "Walk-through", ":material/school:", "walkthrough"),
    PageSpec("app_pages/road.py", "Road to the diagnosis", ":material/route:", "road"),
    PageSpec("app_pages/treatment.py", "Treatment and outcome", ":material/healing:",
             "treatment"),
    PageSpec("app_pages/sources.py", "Sources and data", ":material/menu_book:", "sources"),
    PageSpec("app_pages/upload.py", "Your own cases", ":material/upload_file:", "data"),
    PageSpec("app_pages/vote.py", "Live room (vote)", ":material/how_to_vote:", "vote"),
)
DEFAULT_PAGE = PAGES[0]  # served at "/" as well as at its own url_path
