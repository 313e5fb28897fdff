"""AppTest runs of the entry point and the overview page."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from imos.data import SERIES_DIR_ENV
from tests.conftest import REPO

TIMEOUT = 30


def _run(**query) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(w.value for w in at.warning)


def test_overview_renders_without_exception():
    at = _run()
    assert not at.exception
    assert at.title[0].value == "IMOS Case Explorer"
    text = _text(at)
    assert "For teaching only, not for clinical decisions" in text
    assert "10.1186/s12891-020-03758-5" in text
    for label in ("Case 1", "Case 2", "Case 3"):
        assert label in [s.value for s in at.subheader]


def test_overview_shows_each_patient_from_the_data():
    at = _run()
    text = _text(at)
    assert "60-year-old man" in text and "right femur" in text
    assert "41-year-old woman" in text and "left femur" in text
    assert "44-year-old woman" in text and "right tibia" in text
    assert "about 2 years" in text


def test_overview_draws_one_sketch_per_case_with_its_lesion():
    at = _run()
    charts = at.get("plotly_chart")
    assert len(charts) == 3
    hovers = []
    for chart in charts:
        figure = json.loads(chart.proto.spec)
        hovers += [t.get("hovertemplate", "") for t in figure["data"] if t.get("hovertemplate")]
    assert any("Case 3: 44-year-old woman" in h and "right tibia" in h for h in hovers)


def test_broken_data_shows_file_row_and_field_not_a_traceback(series_copy, monkeypatch):
    path = series_copy / "cases.yaml"
    path.write_text(path.read_text().replace("age: 41", "age: forty-one"))
    monkeypatch.setenv(SERIES_DIR_ENV, str(series_copy))
    at = _run()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "cases.yaml, row 2, field 'age'" in at.code[0].value


@pytest.mark.parametrize("query", [{"case": "9" * 5000}, {"x": "<script>alert(1)</script>"}])
def test_odd_query_parameters_do_not_break_the_overview(query):
    at = _run(**query)
    assert not at.exception
