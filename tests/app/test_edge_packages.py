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


# --- any package the validator accepts draws every page (hypothesis) -------------------

from hypothesis import HealthCheck, assume, given, settings  # noqa: E402
from hypothesis import strategies as st_  # noqa: E402

_TEXT = st_.text(st_.characters(min_codepoint=1, max_codepoint=0x2FFF, blacklist_categories=("Cs",)),
                 min_size=1, max_size=40)
# Punctuation that breaks naive splitting (", Smith J" once broke every page's sidebar).
_AUTHORS = st_.one_of(_TEXT, st_.lists(st_.sampled_from([",", " ", "Smith", "J", ";", "-", "{",
                                                         "}", "\n", "et al."]),
                                       min_size=1, max_size=8).map("".join))
_META = st_.fixed_dictionaries(
    {"title": _TEXT, "authors": _AUTHORS},
    optional={"journal": _TEXT, "year": st_.integers(1800, 2100),
              "volume": st_.text(min_size=1, max_size=20), "article": st_.text(min_size=1, max_size=20),
              "doi": st_.from_regex(r"10\.\d{4,9}/\S{1,30}", fullmatch=True),
              "period": st_.text(max_size=60)})
_CASE_TEXT = st_.fixed_dictionaries({"label": _TEXT, "bone": _TEXT, "segment": _TEXT,
                                     "histology": _TEXT, "presenting_complaint": _TEXT})


def _package(meta: dict, case_text: dict, wording: str) -> dict[str, bytes]:
    import csv
    import io

    import yaml

    from bench.synthetic import synthetic_files

    files = synthetic_files(2)
    series = yaml.safe_load(files["series.yaml"])
    files["series.yaml"] = yaml.safe_dump({**series, **meta}, allow_unicode=True).encode()
    cases = yaml.safe_load(files["cases.yaml"])
    cases[-1].update(case_text)
    files["cases.yaml"] = yaml.safe_dump(cases, allow_unicode=True).encode()
    rows = list(csv.reader(io.StringIO(files["events.csv"].decode())))
    rows[-1][rows[0].index("wording")] = wording
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    files["events.csv"] = out.getvalue().encode()
    return files


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(meta=_META, case_text=_CASE_TEXT, wording=_TEXT)
def test_any_package_the_validator_accepts_draws_every_page(meta, case_text, wording):
    from imos.dataset.uploads import load_package, read_package

    source, problems, _ = read_package(list(_package(meta, case_text, wording).items()))
    series, _ = load_package(source, problems)
    assume(series is not None)
    for page, path in sorted(PAGE_FILES.items()):
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
        at.session_state[UPLOADED_SERIES] = series
        at.run()
        at.switch_page(path)
        if page in CASE_PAGES:
            at.query_params["case"] = series.cases["case_id"].iloc[-1]
        at.run()
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])
        assert at.title, page


def test_an_author_list_starting_with_a_comma_draws_every_page():
    """Issue 24: authors ', Smith J' passed validation and broke the sidebar of every page."""
    from imos.dataset.uploads import load_package, read_package

    files = _package({"authors": ", Smith J"}, {}, "w")
    source, problems, _ = read_package(list(files.items()))
    series, problems = load_package(source, problems)
    assert series is not None, problems
    for path in (PAGE_FILES[""], PAGE_FILES["data"], PAGE_FILES["sources"]):
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
        at.session_state[UPLOADED_SERIES] = series
        at.run()
        at.switch_page(path).run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert at.sidebar.caption, "the sidebar still names the source"
