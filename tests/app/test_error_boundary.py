"""The app's error boundary: a page that raises shows one friendly message, logged, and
no traceback, whatever `client.showErrorDetails` is set to."""

from __future__ import annotations

import logging

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from imos.teaching import timeline
from tests.conftest import REPO


def _broken(*_args, **_kwargs):
    raise RuntimeError("/srv/app/secret/path.py exploded")


@pytest.mark.parametrize("details", ["full", "stacktrace", "type", "none", "false", "true"])
def test_an_unexpected_error_in_a_page_is_one_friendly_message(monkeypatch, caplog, details):
    monkeypatch.setattr(timeline, "timeline_summary", _broken)
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    logger = logging.getLogger("imos.app")
    logger.addHandler(caplog.handler)
    try:
        with patch_config_options({"client.showErrorDetails": details}):
            at.run()
            at.switch_page("app_pages/timelines.py").run()
    finally:
        logger.removeHandler(caplog.handler)
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert "Something went wrong while drawing this page" in message
    assert "exploded" not in message and "Traceback" not in message
    assert at.title[0].value == "Case timelines"  # what drew before the error stays
    assert any("exploded" in (r.exc_text or "") or r.exc_info for r in caplog.records)
    assert any("incident" in r.getMessage() for r in caplog.records)


def test_the_sidebar_and_other_pages_keep_working_after_an_error(monkeypatch):
    monkeypatch.setattr(timeline, "timeline_summary", _broken)
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    at.switch_page("app_pages/timelines.py").run()
    assert at.error
    at.switch_page("app_pages/findings_matrix.py").run()
    assert not at.exception and not at.error
    assert at.sidebar.caption


def test_a_guarded_fragment_logs_instead_of_raising(caplog):
    from components.shell.error_boundary import guarded

    calls = []

    @guarded("a fragment")
    def fragment(value):
        calls.append(value)
        raise ValueError("inside the fragment")

    logger = logging.getLogger("imos.app")
    logger.addHandler(caplog.handler)
    try:
        assert fragment(1) is None
    finally:
        logger.removeHandler(caplog.handler)
    assert calls == [1] and fragment.__name__ == "fragment"
    assert any("a fragment" in r.getMessage() for r in caplog.records)
