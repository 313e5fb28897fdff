"""Anything the validator accepts, every page draws: edge packages (one case, no events,
no findings for a case, the smallest valid package) on every page, as an upload."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.session_keys import UPLOADED_SERIES
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
    at.session_state[UPLOADED_SERIES] = series
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


def _accepted_mutants(count: int) -> list:
    """Packages whose text was damaged (the odd-numbered mutants) and still validate."""
    from imos.dataset.uploads import load_package, read_package
    from tests.packages import mutated_packages

    accepted = []
    for number, uploads in mutated_packages(400, seed=2020):
        source, problems, _ = read_package(uploads)
        series, _ = load_package(source, problems)
        if number % 2 and series is not None:
            accepted.append(series)
        if len(accepted) == count:
            break
    return accepted


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_every_page_draws_mutated_packages_the_validator_accepts(page):
    for series in _accepted_mutants(3):
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
        at.session_state[UPLOADED_SERIES] = series
        at.run()
        at.switch_page(PAGE_FILES[page])
        if page in CASE_PAGES:
            at.query_params["case"] = series.cases["case_id"].iloc[-1]
        at.run()
        assert not at.exception, at.exception
