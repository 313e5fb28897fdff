"""AppTest runs of every page through the entry point, and of each page with its controls."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.navigation import PAGES
from components.shell.notes import TEACHING_NOTE
from imos.data import load_catalogue

from tests.conftest import REPO
from tests.html_tables import html_tables

TIMEOUT = 30


def _page(path: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / path), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_every_page_is_registered_and_runs_through_the_entry_point():
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    for spec in PAGES:
        at.switch_page(spec.path).run()
        assert not at.exception, spec.path
        assert len(at.title) == 1, spec.path
        notes = [w for w in at.warning if w.value == TEACHING_NOTE]
        assert len(notes) == 1, f"{spec.path} shows the teaching note {len(notes)} times"


def test_timelines_page_draws_both_charts_with_downloads():
    at = _page("app_pages/timelines.py")
    assert not at.exception
    figures = _figures(at)
    assert len(figures) == 2
    assert figures[0]["layout"]["yaxis"]["ticktext"] == ["Case 1", "Case 2", "Case 3"]
    assert "Months from biopsy" in figures[0]["layout"]["xaxis"]["title"]["text"]
    assert len(at.get("download_button")) == 2
    assert any("Text alternative" in c.value for c in at.caption)


def test_timelines_axis_follows_the_url_and_the_control():
    at = _page("app_pages/timelines.py", axis="onset")
    assert not at.exception
    assert "symptom onset" in _figures(at)[0]["layout"]["xaxis"]["title"]["text"]
    at.button_group(key="axis").set_value("biopsy").run()
    assert "Months from biopsy" in _figures(at)[0]["layout"]["xaxis"]["title"]["text"]


@pytest.mark.parametrize("axis", ["sideways", "", "<b>x</b>", "o" * 5000])
def test_timelines_odd_axis_in_url_falls_back_quietly(axis):
    at = _page("app_pages/timelines.py", axis=axis)
    assert not at.exception
    assert "Months from biopsy" in _figures(at)[0]["layout"]["xaxis"]["title"]["text"]


def test_matrix_page_shows_matrix_summary_and_mri_table():
    at = _page("app_pages/findings_matrix.py")
    assert not at.exception
    heatmap = _figures(at)[0]["data"][0]
    assert heatmap["type"] == "heatmap" and len(heatmap["z"][0]) == 3
    text = "\n".join(m.value for m in at.markdown)
    assert "**Absent:**" in text and "Nidus" in text
    assert [s.value for s in at.subheader][0] == "Shared by all three cases"
    (mri,) = html_tables(at)  # HTML: long cells wrap, in a frame a keyboard reaches
    assert len(mri) == 6 and list(mri["TR (ms)"])[:2] == ["550", "6,000"]  # numbers as written
    assert len(at.get("download_button")) == 2


def test_matrix_filters_by_case_and_modality():
    at = _page("app_pages/findings_matrix.py")
    at.pills(key="matrix_cases").set_value(["1"]).run()
    at.pills(key="matrix_groups").set_value(["triphasic_flow", "histology"]).run()
    assert not at.exception
    heatmap = _figures(at)[0]["data"][0]
    assert heatmap["x"] == ["Case 1"]
    filled = [row for row in heatmap["z"] if any(v is not None for v in row)]
    findings = load_catalogue().findings
    chosen = findings[findings["group_id"].isin(["triphasic_flow", "histology"])]
    assert len(chosen) >= 5  # the flow phase and at least four histology findings
    assert len(filled) == len(chosen)
    assert len(heatmap["z"]) == len(chosen) + 2  # and a heading row for each modality
    assert len(html_tables(at)[0]) == 2  # Case 1's two MRI sequences


def test_matrix_with_nothing_chosen_says_so():
    at = _page("app_pages/findings_matrix.py")
    at.pills(key="matrix_cases").set_value([]).run()
    assert not at.exception
    assert "Choose at least one" in at.info[0].value
