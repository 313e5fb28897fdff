"""Tables that fit: on a phone a wide table scrolls in its own frame with its first column
pinned and the page never scrolls sideways; at 1400 px the MRI table's cells are whole."""

from __future__ import annotations

from tests.e2e.conftest import save_screenshot, wait_for_app

FRAME = """t => {
  const cell = t.querySelector('td');
  let frame = t;  // the table itself or the nearest box around it that scrolls sideways
  while (frame && !['auto', 'scroll'].includes(getComputedStyle(frame).overflowX)) {
    frame = frame.parentElement;
  }
  return {framed: !!frame && frame !== document.documentElement,
          scrolls: !!frame && frame.scrollWidth > frame.clientWidth,
          pinned: getComputedStyle(cell).position};
}"""
CUT = """t => [...t.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent)"""


def _open(page, app_url, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.locator("table").first.wait_for(state="attached", timeout=20_000)


def test_on_a_phone_the_criteria_table_scrolls_in_its_frame_with_its_first_column_pinned(
        page, app_url):
    _open(page, app_url, "criteria", 390, 844)
    table = page.locator("table").first
    table.scroll_into_view_if_needed()
    frame = table.evaluate(FRAME)
    assert frame == {"framed": True, "scrolls": True, "pinned": "sticky"}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "criteria-390")


def test_at_1400_the_mri_table_cuts_no_text(page, app_url):
    _open(page, app_url, "findings", 1400, 1000)
    table = page.locator("table", has=page.locator("th", has_text="signal"))
    table.scroll_into_view_if_needed()
    assert table.evaluate(CUT) == []
    assert table.evaluate(FRAME)["pinned"] != "sticky"  # a wide screen: an ordinary table
    assert "10.0000" not in table.inner_text()
    save_screenshot(page, "findings-mri-1400")


RULES = "[class*='st-key-rules_frame'] table"


def _rules_table(page):
    table = page.locator(RULES)
    table.wait_for(state="attached", timeout=20_000)
    table.scroll_into_view_if_needed()
    return table


def test_at_1400_every_rule_wraps_whole_and_its_header_stays_in_view(page, app_url):
    _open(page, app_url, "criteria", 1400, 1000)
    table = _rules_table(page)
    assert table.evaluate(CUT) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    frame = page.locator("[class*='st-key-rules_frame']")
    assert table.bounding_box()["width"] <= frame.bounding_box()["width"]  # no column off-frame
    # every cell's text is whole: nothing hidden below its box either
    tall = table.evaluate("""t => [...t.querySelectorAll('td')]
        .filter(c => c.scrollHeight > c.clientHeight + 1).length""")
    assert tall == 0
    longest = table.evaluate("""t => Math.max(...[...t.querySelectorAll('td')]
        .map(c => c.textContent.length))""")
    assert longest > 200  # the longest caveat is shown whole, not a cut line
    frame.evaluate("f => { f.scrollTop = 2000; }")
    page.wait_for_timeout(200)
    header = table.locator("thead th").first.bounding_box()
    box = frame.bounding_box()
    assert box["y"] - 1 <= header["y"] <= box["y"] + 2  # pinned at the frame's very top
    save_screenshot(page, "criteria-rules-1400")


def test_on_a_phone_every_rule_wraps_in_its_frame_with_the_diagnosis_pinned(page, app_url):
    _open(page, app_url, "criteria", 390, 844)
    table = _rules_table(page)
    assert table.evaluate(CUT) == []
    assert table.evaluate(FRAME)["pinned"] == "sticky"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(page, "criteria-rules-390")
