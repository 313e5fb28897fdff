"""A reader's own package: every page works on it, for that session only."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import synthetic_files
from components.shell.session_keys import UPLOADED_SERIES
from imos.data import MemorySource, load_case_series
from tests.conftest import REPO
from tests.hostile import PAGE_FILES

OWN = load_case_series(MemorySource(synthetic_files(2)))
PAGE_QUERIES = {"walkthrough": {"case": "S0002", "step": "4", "reveal": "1"},
                "road": {"case": "S0001"}, "explorer": {"case": "S0002"}}


def _app_with_own_series() -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    at.session_state[UPLOADED_SERIES] = OWN
    return at.run()


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_every_page_works_on_an_uploaded_two_case_series(page):
    at = _app_with_own_series()
    at.switch_page(PAGE_FILES[page])
    for key, value in PAGE_QUERIES.get(page, {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    text += " ".join(t.value for t in at.title) + " ".join(s.value for s in at.subheader)
    if page in ("", "walkthrough", "road"):
        assert "Synthetic" in text or "SYNTHETIC" in text
    assert "Abe et al." not in " ".join(c.value for c in at.sidebar.caption)


def test_the_explorer_presets_are_the_uploaded_cases():
    at = _app_with_own_series()
    at.switch_page("app_pages/explorer.py").run()
    labels = [b.label for b in at.button if b.label.startswith("As ")]
    assert labels == ["As Synthetic 1 presented", "As Synthetic 2 presented"]


def test_another_session_still_sees_the_shipped_series():
    _app_with_own_series()
    other = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    assert "Case 1" in [s.value for s in other.subheader]
    assert UPLOADED_SERIES not in other.session_state


def test_the_upload_page_offers_the_template_and_returns_to_the_shipped_series():
    at = _app_with_own_series()
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception
    assert "SYNTHETIC series of 2 cases" in " ".join(m.value for m in at.markdown)
    at.button(key="pkg_reset").click().run()
    assert UPLOADED_SERIES not in at.session_state
    assert "Diagnosis and treatment" in " ".join(m.value for m in at.markdown)


BIG = load_case_series(MemorySource(synthetic_files(500)))


def _big(path: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=60)
    at.session_state[UPLOADED_SERIES] = BIG
    at.run()
    at.switch_page(path)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_500_cases_timelines_are_searched_sorted_and_paged():
    at = _big("app_pages/timelines.py")
    assert not at.exception
    assert "Showing 10 of 500 cases." in [c.value for c in at.caption]
    at.text_input(key="tl_search").input("S0042").run()
    assert "Showing 1 of 500 cases." in [c.value for c in at.caption]
    at.text_input(key="tl_search").input("nobody").run()
    assert "No case matches" in at.info[0].value


def test_500_cases_matrix_summarises_all_and_details_a_few():
    at = _big("app_pages/findings_matrix.py")
    assert not at.exception
    assert "All 500 cases at a glance" in [s.value for s in at.subheader]
    assert len(at.multiselect(key="matrix_cases").value) == 3


def test_500_cases_pickers_replace_rows_of_buttons():
    at = _big("app_pages/explorer.py")
    assert at.selectbox(key="fx_preset_pick") and not any(
        b.label.startswith("As ") for b in at.button)
    at.selectbox(key="fx_preset_pick").set_value("S0007").run()
    at.button(key="fx_preset_load").click().run()
    assert not at.exception
    road = _big("app_pages/road.py", case="S0123")
    assert road.selectbox(key="case").value == "S0123"
    walk = _big("app_pages/walkthrough.py")
    assert walk.selectbox(key="wt_pick_case")


def test_500_cases_overview_lists_the_sources_a_row_per_case():
    at = _big("app_pages/overview.py")
    assert not at.exception
    cases, sources = at.dataframe[0].value, at.dataframe[1].value
    assert len(cases) == 500
    assert len(sources) == 500 and "age" in sources.columns  # not 500 columns wide
