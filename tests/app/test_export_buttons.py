"""AppTest: the handout (HTML, PDF A4 and Letter) and the slides are offered where the brief says.

AppTest shows the buttons but cannot click a download; the browser test
(`tests/e2e/test_teaching_browser.py`) downloads each file and opens it.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import REPO

HANDOUTS = ["Download handout (HTML)", "Download handout (PDF, A4)",
            "Download handout (PDF, Letter)"]
SLIDES = "Download slides (.pptx)"


def _labels(path: str, **query) -> list[str]:
    at = AppTest.from_file(str(REPO / path), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return [b.proto.label for b in at.get("download_button")]


@pytest.mark.parametrize("query", [{"case": "2", "step": "4", "reveal": "1"},
                                   {"case": "1", "step": "end"},
                                   {"case": "3", "step": "7", "reveal": "1", "present": "1"}])
def test_answer_and_final_slides_offer_handouts_and_slides(query):
    assert _labels("app_pages/walkthrough.py", **query) == HANDOUTS + [SLIDES]


def test_a_question_slide_offers_nothing_to_take_away_yet():
    assert _labels("app_pages/walkthrough.py", case="2", step="4") == []


def test_the_explorer_offers_the_handout_as_html_and_pdf():
    assert _labels("app_pages/explorer.py", case="2") == HANDOUTS
