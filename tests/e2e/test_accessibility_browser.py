"""axe-core over every page, in light and dark theme, at laptop size: no serious or
critical violation (axe-playwright-python bundles axe.js; nothing is fetched)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from urllib.parse import urlencode

from components.shell.navigation import PAGES, with_library_case
from imos.dataset.literature import load_literature
from tests.e2e.conftest import wait_for_app

FIRST_LIBRARY_CASE = load_literature()[0].case_id

# Every page in every state the registry names (`PageSpec.visits`, a library case in place
# of its placeholder; the default page is served at "/").
PATHS = [spec.url_path + (f"?{urlencode(with_library_case(query, FIRST_LIBRARY_CASE))}"
                          if query else "")
         for spec in PAGES for query in spec.visits]
BLOCKING = {"serious", "critical"}


def _blocking_violations(page) -> list[str]:
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    return [
        f"{violation['id']} ({violation['impact']}) at {node['target']}: "
        f"{(node.get('failureSummary') or '').splitlines()[-1].strip()}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
        for node in violation["nodes"]
    ]


@pytest.fixture(scope="module", params=["light", "dark"])
def themed_page(request, browser):
    context = browser.new_context(color_scheme=request.param,
                                  viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", PATHS)
def test_no_serious_accessibility_violation(themed_page, app_url, path):
    page = themed_page
    page.goto(f"{app_url}/{path}")
    wait_for_app(page)
    # charts and the explorer's panel draw after the script has finished
    page.wait_for_function(
        "[...document.querySelectorAll('.js-plotly-plot')]"
        ".every(plot => plot.querySelector('.main-svg'))", timeout=15_000)
    page.wait_for_timeout(800)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("For teaching only, not for clinical decisions").count() == 1
    assert _blocking_violations(page) == []
