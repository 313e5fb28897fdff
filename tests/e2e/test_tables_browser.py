"""Tables that fit: on a phone a wide table scrolls in its own frame with its first column
pinned and the page never scrolls sideways; at 1400 px the MRI table's cells are whole; the
criteria page's every rule wraps whole in a frame that a keyboard reaches and scrolls."""

from __future__ import annotations

from tests.e2e.conftest import save_screenshot, wait_for_app

FRAME = """t => {
  // the cell that names a row (a row header, or else the row's first cell)
  const cell = t.querySelector('tbody th[scope=row]') || t.querySelector('tbody tr > :first-child');
  let frame = t;  // the table itself or the nearest box around it that scrolls sideways
  while (frame && !['auto', 'scroll'].includes(getComputedStyle(frame).overflowX)) {
    frame = frame.parentElement;
  }
  // the page's own scroller is no frame: a table that needs it takes the page sideways
  const page = !frame || frame === document.documentElement || frame.matches('[data-testid=stMain]');
  return {framed: !page, scrolls: !!frame && frame.scrollWidth > frame.clientWidth,
          pinned: getComputedStyle(cell).position};
}"""
CUT = """t => [...t.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1)
  .map(c => c.textContent)"""


def _open(page, app_url, path, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.locator("table").first.wait_for(state="attached", timeout=20_000)


def _page_scrolls_sideways(page) -> bool:
    """The window or Streamlit's main area is wider than the screen."""
    return page.evaluate("""() => [document.documentElement,
        document.querySelector('[data-testid=stMain]')]
        .some(e => e.scrollWidth > e.clientWidth + 1)""")


def test_on_a_phone_the_criteria_tables_scroll_in_their_frames_with_the_diagnosis_pinned(
        page, app_url):
    _open(page, app_url, "criteria", 390, 844)
    key = page.locator("[role=region][aria-label='What tells each diagnosis apart'] table")
    key.scroll_into_view_if_needed()
    assert key.evaluate(FRAME) == {"framed": True, "scrolls": True, "pinned": "sticky"}
    assert key.evaluate(CUT) == []
    for table in page.locator("table").all():  # every table of the page, in a frame
        assert table.evaluate(FRAME)["framed"], table.inner_text()[:80]
    assert not _page_scrolls_sideways(page)
    save_screenshot(page, "criteria-390")


def test_at_1400_the_mri_table_cuts_no_text(page, app_url):
    _open(page, app_url, "findings", 1400, 1000)
    table = page.locator("table", has=page.locator("th", has_text="signal"))
    table.scroll_into_view_if_needed()
    assert table.evaluate(CUT) == []
    assert table.evaluate(FRAME)["pinned"] != "sticky"  # a wide screen: an ordinary table
    assert "10.0000" not in table.inner_text()
    save_screenshot(page, "findings-mri-1400")


def test_on_a_phone_the_mri_table_scrolls_in_a_frame_the_keyboard_reaches(page, app_url):
    _open(page, app_url, "findings", 390, 844)
    frame = page.locator("[role=region][aria-label='MRI acquisition parameters']")
    frame.scroll_into_view_if_needed()
    table = frame.locator("table")
    assert table.evaluate(FRAME) == {"framed": True, "scrolls": True, "pinned": "sticky"}
    assert table.evaluate(CUT) == []
    assert not _page_scrolls_sideways(page)
    _scrolls_with_the_keyboard(page, frame, "ArrowRight", "scrollLeft")
    save_screenshot(page, "findings-mri-390")


RULES_FRAME = "[role=region][aria-label='Every rule of the knowledge base']"
# words broken inside, not at a space, a hyphen or a break the page offers (`<wbr>`)
BROKEN_WORDS = """f => {
  const probe = document.createElement('span');
  probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;';
  document.body.appendChild(probe);
  const broken = [];
  for (const cell of f.querySelectorAll('td, th')) {
    const style = getComputedStyle(cell);
    probe.style.font = style.font;
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const word of cell.innerHTML.replace(/<wbr>/g, ' ').replace(/-/g, '- ').split(/\\s+/)) {
      probe.innerHTML = word;
      if (probe.getBoundingClientRect().width > room + 0.5) broken.push(probe.textContent);
    }
  }
  probe.remove();
  return broken;
}"""


def _rules_frame(page):
    frame = page.locator(RULES_FRAME)
    frame.locator("tbody tr").first.wait_for(state="attached", timeout=20_000)
    frame.scroll_into_view_if_needed()
    return frame


def _scrolls_with_the_keyboard(page, frame, key: str, axis: str) -> None:
    """The frame takes the focus from the keyboard and scrolls with it (not the page)."""
    assert frame.evaluate("f => f.tabIndex") == 0
    frame.focus()
    assert frame.evaluate("f => document.activeElement === f")
    before = frame.evaluate(f"f => f.{axis}")
    page.keyboard.press(key)
    page.wait_for_timeout(400)
    assert frame.evaluate(f"f => f.{axis}") > before


def test_at_1400_every_rule_wraps_whole_and_its_header_stays_in_view(page, app_url):
    _open(page, app_url, "criteria", 1400, 1000)
    frame = _rules_frame(page)
    table = frame.locator("table")
    assert table.evaluate(CUT) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    box = frame.bounding_box()
    assert table.bounding_box()["width"] <= box["width"]  # no column off-frame: it wraps
    assert table.evaluate(FRAME)["pinned"] != "sticky"  # a wide frame: no pinned column
    # every cell's text is whole: nothing hidden below its box either
    tall = table.evaluate("""t => [...t.querySelectorAll('td')]
        .filter(c => c.scrollHeight > c.clientHeight + 1).length""")
    assert tall == 0
    longest = table.evaluate("""t => Math.max(...[...t.querySelectorAll('td')]
        .map(c => c.textContent.length))""")
    assert longest > 200  # the longest caveat is shown whole, not a cut line
    # a word breaks inside only where it is longer than its column: a rare few
    broken = frame.evaluate(BROKEN_WORDS)
    assert len(broken) <= 10, broken
    _scrolls_with_the_keyboard(page, frame, "PageDown", "scrollTop")
    frame.evaluate("f => { f.scrollTop = 2000; }")
    page.wait_for_timeout(200)
    header = table.locator("thead th").first.bounding_box()
    box = frame.bounding_box()
    assert box["y"] - 1 <= header["y"] <= box["y"] + 2  # pinned at the frame's very top
    save_screenshot(page, "criteria-rules-1400")


def test_on_a_phone_every_rule_wraps_in_its_frame_with_the_diagnosis_pinned(page, app_url):
    _open(page, app_url, "criteria", 390, 844)
    frame = _rules_frame(page)
    table = frame.locator("table")
    assert table.evaluate(CUT) == []
    assert frame.evaluate(BROKEN_WORDS) == []  # every column has room for its words
    assert table.evaluate(FRAME) == {"framed": True, "scrolls": True, "pinned": "sticky"}
    assert not _page_scrolls_sideways(page)
    _scrolls_with_the_keyboard(page, frame, "ArrowRight", "scrollLeft")
    page.wait_for_timeout(200)
    diagnosis = table.locator("tbody th").first.bounding_box()
    assert abs(diagnosis["x"] - frame.bounding_box()["x"]) <= 2  # the diagnosis stays put
    save_screenshot(page, "criteria-rules-390")
