"""Hostile links and data on every page (AppTest): a clear message, never a traceback."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from imos.data import SERIES_DIR_ENV
from tests.panel import open_every_diagnosis, panel_data
from tests.conftest import REPO
from tests.hostile import HOSTILE_QUERIES, IMAGE, PAGE_FILES, SCRIPT, plant_markup


def _run(path: str, query: dict) -> AppTest:
    """Open `path` through the entry point, as a link does, with `query` in the URL."""
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    at.switch_page(path)
    at.query_params.clear()
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.parametrize("name", sorted(HOSTILE_QUERIES))
@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_a_hostile_link_never_breaks_a_page(page, name):
    at = _run(PAGE_FILES[page], HOSTILE_QUERIES[name])
    assert not at.exception
    assert at.title, "the page still draws its content"
    for warning in at.warning:
        text = warning.value
        assert len(text) < 1500  # long values are shortened in the message
        assert not re.search(r"(?<!\\)<(script|img)", text)  # markup is escaped
        assert "Traceback" not in text


def test_the_warning_names_each_bad_part_of_an_explorer_link():
    at = _run("app_pages/explorer.py", HOSTILE_QUERIES["wrong values"])
    message = next(w.value for w in at.warning if "ignored" in w.value)
    assert "nidus" in message and "perhaps" in message
    assert "no case" in message


def _markdown_and_figures(at: AppTest) -> tuple[str, str]:
    text = " ".join(m.value for m in at.markdown) + " ".join(c.value for c in at.caption)
    figures = " ".join(json.dumps(json.loads(c.proto.spec)) for c in at.get("plotly_chart"))
    return text, figures


@pytest.mark.parametrize("page,query", [
    ("app_pages/overview.py", {}), ("app_pages/findings_matrix.py", {}),
    ("app_pages/timelines.py", {}), ("app_pages/explorer.py", {"case": "2"}),
    ("app_pages/walkthrough.py", {"case": "2", "step": "3"}),
    ("app_pages/road.py", {"case": "2"}),
])
def test_markup_in_the_data_is_shown_as_text(monkeypatch, series_copy, page, query):
    plant_markup(series_copy)
    monkeypatch.setenv(SERIES_DIR_ENV, str(series_copy))
    at = _run(page, query)
    assert not at.exception
    text, figures = _markdown_and_figures(at)
    for raw in ("<b>x</b>", SCRIPT, IMAGE, "**bold**"):
        assert raw not in text, raw  # markdown: every special character escaped
    for raw in ("<b>x</b>", SCRIPT, IMAGE):
        assert raw not in figures, raw  # plotly reads a few HTML tags; markdown means nothing
    if page.endswith("explorer.py"):  # the panel gets HTML: every data text escaped
        panel = panel_data(open_every_diagnosis(at))
        assert '<div class="body"></div>' not in panel["differential"]  # every text came
        html = panel["differential"] + panel["summary"] + json.dumps(panel.get("sections"))
        for raw in ("<b>x</b>", SCRIPT, IMAGE):
            assert raw not in html, raw
    if page.endswith(("walkthrough.py", "findings_matrix.py")):
        assert "\\<script\\>" in text or "&lt;script&gt;" in figures  # shown, escaped


def test_a_missing_data_file_gives_a_clear_message_on_every_page(monkeypatch, series_copy):
    (series_copy / "events.csv").unlink()
    monkeypatch.setenv(SERIES_DIR_ENV, str(series_copy))
    for page in PAGE_FILES.values():
        at = _run(page, {})
        assert not at.exception, page
        assert "could not be loaded" in at.error[0].value, page
        assert "events.csv: the file is missing" in at.code[0].value, page


def test_a_corrupt_data_file_gives_a_clear_message(monkeypatch, series_copy):
    (series_copy / "findings.csv").write_bytes(b"\x00\xff\xfe garbage\n\x01,\x02\n")
    monkeypatch.setenv(SERIES_DIR_ENV, str(series_copy))
    at = _run("app_pages/explorer.py", {})
    assert not at.exception
    assert "findings.csv" in at.code[0].value


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_every_page_warns_about_a_link_part_it_does_not_use(page):
    at = _run(PAGE_FILES[page], {"not_a_parameter": "1"})
    assert not at.exception
    assert any("not\\_a\\_parameter" in w.value or "not_a_parameter" in w.value
               for w in at.warning), page


@pytest.mark.parametrize("page,query,phrase", [
    ("walkthrough", {"case": "2", "step": "²"}, "no step"),
    ("timelines", {"axis": "٣"}, "'axis' cannot be"),
    ("road", {"case": "①"}, "'case' cannot be"),
    ("explorer", {"case": "①"}, "no case"),
])
def test_a_value_a_link_should_not_hold_is_warned_about(page, query, phrase):
    at = _run(PAGE_FILES[page], query)
    assert not at.exception
    assert any(phrase in w.value.replace("\\", "") for w in at.warning)


@pytest.mark.parametrize("page,query", [
    ("timelines", {"axis": "onset"}),
    ("road", {"case": "2"}),
    ("walkthrough", {"case": "2", "step": "mri", "reveal": "1"}),
    ("", {"embed": "true"}),
])
def test_a_clean_link_gives_no_warning(page, query):
    at = _run(PAGE_FILES[page], query)
    assert not [w for w in at.warning if "link" in w.value], page


# Elements whose text Streamlit shows as plain text (or plotly, where markdown means
# nothing): a raw label there is shown as typed.
PLAIN_TEXT_FIELDS = ("Selectbox.options", "Multiselect.options", "UnknownElement.spec",
                     "Code.code_text")


def _texts(node, kind: str = ""):
    """(element kind and field, text) for every string in every element's message."""
    from google.protobuf.json_format import MessageToDict

    proto = getattr(node, "proto", None)
    if proto is not None and hasattr(proto, "DESCRIPTOR"):
        stack = [(type(node).__name__, MessageToDict(proto))]
        while stack:
            where, value = stack.pop()
            if isinstance(value, dict):
                stack += [(f"{where}.{k}" if "." not in where else where, v) for k, v in value.items()]
            elif isinstance(value, list):
                stack += [(where, v) for v in value]
            elif isinstance(value, str):
                yield where, value
    children = getattr(node, "children", None)
    for child in (children.values() if isinstance(children, dict) else []):
        yield from _texts(child)


@pytest.mark.parametrize("page", sorted(PAGE_FILES))
def test_markdown_in_an_upload_is_never_rendered_widget_labels_included(page):
    from bench.synthetic import synthetic_files
    from components.shell.session_keys import UPLOADED_SERIES
    from imos.data import MemorySource, load_case_series
    from tests.hostile import markdown_everywhere

    series = load_case_series(MemorySource(markdown_everywhere(synthetic_files(2))))
    queries = {"walkthrough": [{}, {"case": "S0002", "step": "4", "reveal": "1"},
                               {"case": "S0001", "step": "end"}],
               "road": [{"case": "S0001"}], "explorer": [{"case": "S0002"}]}
    for query in queries.get(page, [{}]):
        at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
        at.session_state[UPLOADED_SERIES] = series
        at.run()
        at.switch_page(PAGE_FILES[page])
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception
        rendered = [(where, text) for where, text in _texts(at._tree)
                    if where not in PLAIN_TEXT_FIELDS and re.search(r"(?<!\\)!\[i\]", text)]
        assert not rendered, rendered[:3]


def test_the_walk_through_says_everything_wrong_with_its_link_in_one_warning():
    at = _run(PAGE_FILES["walkthrough"], {"case": "2", "step": "²", "foo": "1"})
    warnings = [w.value for w in at.warning if "link" in w.value]
    assert len(warnings) == 1
    assert "no step" in warnings[0] and "foo" in warnings[0]
