"""The app's pages, in menu order: the entry point builds the navigation from this list,
and the tests visit every page from it.

`link` says what each page's address may hold: each key it reads, with the name of the
values it accepts (see `components/shell/link_check.py`), or None where the page checks that
value itself; `link=None` for a page that reads and checks its whole link and says so in
one warning of its own (the explorer, whose keys are finding ids; the walk-through, with
`WALK_LINK`).

`visits` are the states the tests open the page in, each as the link's query (the first
is the page's usual view): the page tests, the internal-id test and the browser tests
build their lists from here, so a new page is tested once it is registered.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

import streamlit as st


class PageSpec(NamedTuple):
    path: str
    title: str
    icon: str
    url_path: str
    link: Mapping[str, str | None] | None
    visits: tuple[Mapping[str, str], ...] = ({},)


# A case of the case library in a page's `visits`: the tests put a library case in its
# place (the library grows, so no id is fixed here; `with_library_case`).
LIBRARY_CASE = "<library case>"


def with_library_case(query: Mapping[str, str], case_id: str) -> dict[str, str]:
    """A visit's query with `LIBRARY_CASE` replaced by a real library case id.

    >>> with_library_case({"case": LIBRARY_CASE, "step": "1"}, "tuteja_2016")
    {'case': 'tuteja_2016', 'step': '1'}
    """
    return {k: (case_id if v == LIBRARY_CASE else v) for k, v in query.items()}


# What a walk-through link holds; `imos.teaching.walkthrough.parse_position` checks the values.
WALK_LINK = {"case": None, "step": None, "reveal": None, "present": None}
# What a practice link holds (a library case and where it stands); the page checks the values.
PRACTICE_LINK = {"case": None, "step": None, "reveal": None}
# What a gallery link holds: the diagnosis and the one beside it (the page checks the ids).
GALLERY_LINK = {"dx": None, "vs": None}
# The chosen views of the timelines and the matrix: widgets bound to the address bar
# (`bind="query-params"`), whose values Streamlit itself checks against their options.
TIMELINE_VIEW = {"tl_search": None, "tl_sort": None, "tl_page": None}
MATRIX_VIEW = {"matrix_groups": None, "matrix_cases": None}

PAGES = (
    # The default page is served at "/" only: Streamlit gives it the root path.
    PageSpec("app_pages/overview.py", "Overview", ":material/home:", "", {}),
    PageSpec("app_pages/timelines.py", "Case timelines", ":material/timeline:", "timelines",
             {"axis": "axes", **TIMELINE_VIEW}),
    PageSpec("app_pages/findings_matrix.py", "Findings matrix", ":material/grid_on:", "findings",
             MATRIX_VIEW),
    PageSpec("app_pages/criteria.py", "Differential criteria", ":material/rule:", "criteria", {}),
    PageSpec("app_pages/explorer.py", "Exclusion explorer", ":material/tune:", "explorer", None,
             ({}, {"case": "2"}, {"lit": LIBRARY_CASE})),
    PageSpec("app_pages/walkthrough.py", "Walk-through", ":material/school:", "walkthrough",
             None, ({}, {"case": "2", "step": "4", "reveal": "1"}, {"case": "2", "step": "end"})),
    PageSpec("app_pages/practice.py", "Practise on published cases", ":material/cases:",
             "practice", None,
             ({}, {"case": LIBRARY_CASE, "step": "1"},
              {"case": LIBRARY_CASE, "step": "1", "reveal": "1"},
              {"case": LIBRARY_CASE, "step": "end"})),
    PageSpec("app_pages/gallery.py", "Look-alikes gallery", ":material/compare:", "gallery",
             None, ({}, {"dx": "imos"}, {"dx": "paget"}, {"dx": "osteosarcoma", "vs": "garre"})),
    PageSpec("app_pages/road.py", "Road to the diagnosis", ":material/route:", "road",
             {"case": "case_ids"}, ({"case": "2"}, {})),
    PageSpec("app_pages/treatment.py", "Treatment and outcome", ":material/healing:",
             "treatment", {"present": "flag"}),
    PageSpec("app_pages/sources.py", "Sources and data", ":material/menu_book:", "sources", {}),
    PageSpec("app_pages/upload.py", "Your own cases", ":material/upload_file:", "data", {}),
    PageSpec("app_pages/vote.py", "Live room (vote)", ":material/how_to_vote:", "vote",
             {"room": None}),
)
DEFAULT_PAGE = PAGES[0]


# The `st.Page` of every page, made once per process and copied for each run.
#
# Making an `st.Page` resolves and checks its file and works out its name and icon: the
# app's thirteen pages cost about 2.5 ms of every full run of every page, a sixth of the
# explorer's first render (bench/README.md). They are made once and each run gets shallow
# copies, because `st.navigation` marks the copy it is about to run; two sessions sharing
# one object could trip over each other's mark.
_MADE: dict[Path, dict[str, st.Page]] = {}
_LOCK = threading.Lock()


def st_pages(root: Path) -> dict[str, st.Page]:
    """{page path: a fresh copy of its `st.Page`} for an app whose entry point is in
    `root`, in menu order. Call it inside a script run (`st.Page` reads the run's
    context)."""
    with _LOCK:
        made = _MADE.get(root)
        if made is None:
            made = _MADE[root] = {
                page.path: st.Page(page.path, title=page.title, icon=page.icon,
                                   url_path=page.url_path, default=page is DEFAULT_PAGE)
                for page in PAGES
            }
    return {path: copy.copy(page) for path, page in made.items()}
