"""A reader's own package: every page works on it, for that session only."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import synthetic_files
from components.data_access import UPLOADED_KEY
from imos.data import MemorySource, load_case_series
from tests.conftest import REPO
from tests.hostile import PAGE_FILES

OWN = load_case_series(MemorySource(synthetic_files(2)))
PAGE_QUERIES = {"walkthrough": {"case": "S0002", "step": "4", "reveal": "1"},
                "road": {"case": "S0001"}, "explorer": {"case": "S0002"}}


def _app_with_own_series() -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    at.session_state[UPLOADED_KEY] = OWN
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
    assert UPLOADED_KEY not in other.session_state


def test_the_upload_page_offers_the_template_and_returns_to_the_shipped_series():
    at = _app_with_own_series()
    at.switch_page("app_pages/upload.py").run()
    assert not at.exception
    assert "SYNTHETIC series of 2 cases" in " ".join(m.value for m in at.markdown)
    at.button(key="pkg_reset").click().run()
    assert UPLOADED_KEY not in at.session_state
    assert "Diagnosis and treatment" in " ".join(m.value for m in at.markdown)
