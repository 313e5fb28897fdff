"""The HTML handout on a phone: under eight screens, nothing wider than the screen."""

from __future__ import annotations

import pytest

from components.files.command_line import handout_file
from imos.data import load_case_series

PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_the_walk_through_handout_is_under_eight_phone_screens(page, tmp_path, case_id):
    path = tmp_path / "handout.html"
    path.write_bytes(handout_file(load_case_series(), case_id, pdf=False))
    page.set_viewport_size(PHONE)
    page.goto(path.as_uri())
    height = page.evaluate("document.documentElement.scrollHeight")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert height <= 8 * PHONE["height"], height
    assert width <= PHONE["width"], width
    fold = page.locator("details.more").first
    fold.locator("summary").click()  # a fold opens on a tap
    assert fold.evaluate("d => d.open")
