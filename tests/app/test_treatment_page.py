"""AppTest of the Treatment and outcome page, and the loader of the treatment story."""

from __future__ import annotations

import shutil

import pytest
from streamlit.testing.v1 import AppTest

from imos.data import DataFileError, default_series_dir
from imos.dataset.treatment import SECTIONS, load_treatment
from tests.conftest import REPO

TIMEOUT = 30


def _page(**query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages/treatment.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def test_the_page_tells_the_argument_each_outcome_and_its_limits():
    at = _page()
    assert not at.exception
    headings = [h.value for h in at.subheader]
    assert headings == list(SECTIONS.values())
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "Kang et al." in text and "decompression" in text
    assert "At 39 months" in text and "relieved by 3 months" in text and "a third" in text
    assert "mandatory" in text  # the authors' own limit
    assert len(at.get("plotly_chart")) == 1
    assert any(c.value.startswith("Month 0 is the open biopsy") for c in at.caption)


def test_present_mode_enlarges_the_page():
    at = _page(present="1")
    assert not at.exception
    assert any("html { font-size: clamp(" in h.proto.body for h in at.get("html"))


def test_every_point_names_its_place_in_the_paper():
    story = load_treatment(default_series_dir())
    assert story is not None and len(story.section("outcome")) == 3
    assert all(len(p.source) > 5 for p in story.points)


def test_a_series_without_a_story_has_none(tmp_path):
    assert load_treatment(tmp_path) is None


def test_a_broken_story_names_file_row_and_field(tmp_path):
    shutil.copy(default_series_dir() / "treatment.yaml", tmp_path / "treatment.yaml")
    path = tmp_path / "treatment.yaml"
    path.write_text(path.read_text().replace('case_id: "2"', "case_id: null", 1))
    with pytest.raises(DataFileError) as caught:
        load_treatment(tmp_path)
    assert [(p.file, p.field) for p in caught.value.problems] == [("treatment.yaml", "case_id")]
