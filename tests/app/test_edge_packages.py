"""Anything the validator accepts, every page draws: edge packages (one case, no events,
no findings for a case, the smallest valid package) on every page, as an upload."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.data_access import UPLOADED_KEY
from imos.data import MemorySource, load_case_series
from tests.conftest import REPO
from tests.hostile import PAGE_FILES
from tests.packages import EDGE

# Pages that open one case from the link: the last case of the package.
CASE_PAGES = {"walkthrough": {"step": "4", "reveal": "1"}, "road": {}, "explorer": {}}


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
@pytest.mark.parametrize("edge", sorted(EDGE))
def test_every_page_draws_an_edge_package(edge, page):
    series = load_case_series(MemorySource(EDGE[edge]()))
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    at.session_state[UPLOADED_KEY] = series
    at.run()
    at.switch_page(PAGE_FILES[page])
    if page in CASE_PAGES:
        at.query_params["case"] = series.cases["case_id"].iloc[-1]
        for key, value in CASE_PAGES[page].items():
            at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    assert at.title, "the page draws its content"
    assert not at.error, [e.value for e in at.error]
