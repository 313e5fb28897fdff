"""Every page in a real browser: no exception, its charts drawn, at wide and phone width;
and a shared deep link works as the very first request a fresh server gets."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect
from streamlit.testing.v1 import AppTest

from components.shell.navigation import PAGES as REGISTERED
from components.shell.navigation import PageSpec
from tests.conftest import REPO
from tests.e2e.conftest import save_screenshot, start_app, stop_app, wait_for_app

TIMEOUT = 60


def _address(spec: PageSpec) -> str:
    """The page's usual view (its first visit in the registry) as a path and query."""
    query = urlencode(spec.visits[0])
    return spec.url_path + (f"?{query}" if query else "")


PAGES = {_address(spec): spec for spec in REGISTERED}


@functools.cache
def _expected(path: str) -> tuple[str, int]:
    """The page's heading and number of plotly charts, as the script itself draws them in
    an AppTest: the browser must show the same."""
    spec = PAGES[path]
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page(spec.path)
    for key, value in spec.visits[0].items():
        at.query_params[key] = value
    at.run()
    assert not at.exception and at.title, path
    return at.title[0].value, len(at.get("plotly_chart"))


def test_the_registry_gives_every_page_a_heading_and_the_charts_it_had():
    """The pages and charts the browser checks, derived from the registry, still include
    the ones this test used to list by hand."""
    assert {path: _expected(path) for path in ("", "timelines", "road?case=2")} == {
        "": ("IMOS Case Explorer", 3), "timelines": ("Case timelines", 2),
        "road?case=2": ("Road to the diagnosis", 1)}


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("path", sorted(PAGES))
def test_page_renders_with_its_charts(page, app_url, path, width):
    heading, charts = _expected(path)
    page.set_viewport_size({"width": width, "height": 2400})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("heading", name=heading).first.is_visible()
    page.wait_for_function(
        f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
        timeout=15_000,
    )
    assert page.locator(".js-plotly-plot").count() == charts
    save_screenshot(page, f"page-{path.split('?')[0] or 'overview'}-{width}")


def test_timeline_axis_toggle_and_link(page, app_url):
    first_title = "(document.querySelector('.js-plotly-plot .xtitle') || {}).textContent || ''"
    page.goto(f"{app_url}/timelines?axis=onset")
    wait_for_app(page)
    page.wait_for_function(f"() => ({first_title}).includes('symptom onset')", timeout=10_000)
    page.get_by_role("radio", name="biopsy").click()
    wait_for_app(page)
    page.wait_for_function("!location.search.includes('axis=onset')", timeout=10_000)
    page.wait_for_function(f"() => ({first_title}).includes('Months from biopsy')",
                           timeout=10_000)


def test_matrix_hover_shows_source_and_both_readings(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 4200})
    page.goto(f"{app_url}/findings")
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot .main-svg")
    # move the mouse over the Case 3 "blood pool slightly increased" cell
    point = page.evaluate(
        """() => {
            const gd = document.querySelector('.js-plotly-plot');
            const layout = gd._fullLayout;
            const row = layout.yaxis.ticktext.findIndex(
                l => l.replace(/<br>/g, ' ') === 'Blood pool slightly increased');
            const drag = gd.querySelector('.nsewdrag').getBoundingClientRect();
            return row < 0 ? null : {x: drag.x + layout.xaxis.d2p('Case 3'),
                                     y: drag.y + layout.yaxis.d2p(layout.yaxis.tickvals[row])};
        }"""
    )
    assert point is not None
    page.mouse.move(point["x"], point["y"], steps=4)
    page.wait_for_function(
        "() => (document.querySelector('.hoverlayer') || {}).textContent?.includes('Case 3: Blood pool slightly')",
        timeout=10_000,
    )
    hover = page.locator(".hoverlayer").first.text_content()
    assert "Case 3" in hover and "Source:" in hover
    assert "disagrees" in hover


def test_deep_link_as_the_first_request_uses_the_app_navigation(browser):
    """With a `pages/` folder, Streamlit's legacy discovery would run the page file alone."""
    process, url = start_app()
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"{url}/findings")
        wait_for_app(page)
        nav = page.locator("[data-testid='stSidebarNav']").inner_text()
        assert "Findings matrix" in nav and "Case timelines" in nav
        assert "findings matrix" not in nav  # the legacy file-name label
        page.close()
    finally:
        stop_app(process)


@pytest.mark.parametrize("scheme,dark", [("light", False), ("dark", True)])
def test_the_app_follows_the_readers_light_or_dark_setting(browser, app_url, scheme, dark):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1400, "height": 1200})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/road?case=2")
        wait_for_app(page)
        rgb = page.locator("[data-testid='stApp']").evaluate(
            "e => getComputedStyle(e).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)")
        assert (sum(rgb) / 3 < 80) is dark
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15_000)
        save_screenshot(page, f"theme-{scheme}-road")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_table1_has_a_visible_colour_key_and_dark_words_on_light_cells(browser, app_url, scheme):
    from components.charts.triphasic_view import LEVEL_WORDS

    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{app_url}/criteria")
        wait_for_app(page)
        key = page.locator(".triphasic-key")
        key.scroll_into_view_if_needed()
        expect(key).to_be_visible()
        for words in LEVEL_WORDS.values():
            expect(key.get_by_text(words, exact=True)).to_be_visible()
        page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length",
                               timeout=15_000)
        fills = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot text')]
            .filter(t => t.textContent === 'Absent').map(t => getComputedStyle(t).fill)""")
        assert fills and all(f == "rgb(17, 17, 17)" for f in fills), fills
        save_screenshot(page, f"criteria-table1-{scheme}-390")
    finally:
        context.close()


# The text (not the box) of every heading, paragraph and caption the toolbar overlaps.
_TEXT_UNDER = """(toolbar) => {
  const t = toolbar.getBoundingClientRect();
  return [...document.querySelectorAll('h1, h2, h3, p, [data-testid=stCaptionContainer]')]
    .filter(el => !toolbar.contains(el) && !el.closest('[data-testid=stDataFrame]'))
    .filter(el => { const range = document.createRange(); range.selectNodeContents(el);
      return [...range.getClientRects()].some(r => r.width && r.left < t.right
        && r.right > t.left && r.top < t.bottom && r.bottom > t.top); })
    .map(el => el.textContent.slice(0, 40));
}"""


# The pages with a dataframe. (The findings page's MRI table and the criteria page's every
# rule are HTML tables that wrap: no toolbar.)
@pytest.mark.parametrize("path", ["sources", ""])
def test_a_tables_toolbar_covers_no_text_on_a_phone(page, app_url, path):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    if not path:  # the overview's table is in a fold
        page.get_by_text("Where these facts come from").click()
    tables = page.get_by_test_id("stDataFrame")
    expect(tables.first).to_be_visible()
    for table in tables.all():
        table.scroll_into_view_if_needed()
        table.hover(position={"x": 40, "y": 60})
        toolbar = page.get_by_test_id("stElementToolbar").filter(visible=True).first
        expect(toolbar).to_be_visible()
        assert toolbar.evaluate(_TEXT_UNDER) == []


@pytest.mark.parametrize("path", sorted(PAGES))
def test_a_page_fetches_nothing_from_another_origin(page, app_url, path):
    """Works offline and under a strict content policy: the page icon included."""
    outside = []
    page.on("request", lambda request: outside.append(request.url)
            if not request.url.startswith((app_url, "data:", "blob:")) else None)
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    page.wait_for_timeout(500)
    icons = page.evaluate("() => [...document.querySelectorAll('link[rel*=icon]')]"
                          ".map(link => link.href)")
    assert icons and all(icon.startswith(app_url) for icon in icons), icons
    assert outside == [], outside
