"""The overview in a real browser: renders with no exception, at wide and phone width."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import save_screenshot, wait_for_app


@pytest.mark.parametrize("width", [1400, 390])
def test_overview_loads_in_chromium(page, app_url, width):
    page.set_viewport_size({"width": width, "height": 2400})
    page.goto(f"{app_url}/")
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_role("heading", name="IMOS Case Explorer").is_visible()
    assert page.get_by_text("For teaching only, not for clinical decisions").first.is_visible()
    # one sketch per case, drawn by plotly in the browser
    page.wait_for_selector(".js-plotly-plot", timeout=15_000)
    assert page.locator(".js-plotly-plot").count() == 3
    save_screenshot(page, f"overview-{width}")


def test_unknown_page_path_falls_back_without_exception(page, app_url):
    page.goto(f"{app_url}/no-such-page?case=%3Cb%3E")
    wait_for_app(page)
    assert page.locator("[data-testid='stException']").count() == 0
