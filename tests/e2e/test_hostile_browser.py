"""Hostile input in a real browser: links, data with markup, broken data, two readers at
once. After each, the server is still healthy and serving."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from bench.server import healthy
from imos.data import SERIES_DIR_ENV
from tests.e2e.conftest import save_screenshot, start_app, stop_app, wait_for_app
from tests.e2e.explorer_view import option, status, verdict, wait_for_status
from tests.hostile import HOSTILE_QUERIES, PAGE_FILES, plant_markup


def _no_injection(page) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0


@pytest.mark.parametrize("path", sorted(PAGE_FILES))
def test_a_hostile_link_on_each_page(page, app_url, path):
    query = {**HOSTILE_QUERIES["markup"], "huge": "ü" * 3000}
    page.goto(f"{app_url}/{path}?{urlencode(query)}&case=1&case=2")
    wait_for_app(page)
    _no_injection(page)
    assert page.locator("h1").count() >= 1
    assert healthy(app_url)


def test_markup_in_the_data_shows_as_text_in_the_browser(browser, tmp_path):
    import shutil

    from imos.data import DEFAULT_SERIES_DIR

    series_dir = tmp_path / "series"
    shutil.copytree(DEFAULT_SERIES_DIR, series_dir)
    plant_markup(series_dir)
    process, url = start_app({SERIES_DIR_ENV: str(series_dir)})
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 1600})
        for path in ("walkthrough?case=2&step=3", "road?case=2", "findings", ""):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            _no_injection(page)
        page.goto(f"{url}/walkthrough?case=2&step=3")
        wait_for_app(page)
        assert page.get_by_text("<script>window.__pwned=1</script>", exact=False).count() >= 1
        save_screenshot(page, "hostile-markup-in-data")
        page.close()
        assert healthy(url)
    finally:
        stop_app(process)


def test_broken_data_gives_a_message_and_the_server_keeps_serving(browser, tmp_path):
    import shutil

    from imos.data import DEFAULT_SERIES_DIR

    series_dir = tmp_path / "series"
    shutil.copytree(DEFAULT_SERIES_DIR, series_dir)
    (series_dir / "cases.yaml").write_text("- case_id: [unclosed\n", encoding="utf-8")
    process, url = start_app({SERIES_DIR_ENV: str(series_dir)})
    try:
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        for path in ("", "explorer"):
            page.goto(f"{url}/{path}")
            wait_for_app(page)
            # the code block of problems may paint after the script has finished
            page.get_by_text("cases.yaml: not valid YAML").first.wait_for(timeout=15_000)
            body = page.inner_text("body")
            assert "could not be loaded" in body
            assert "Traceback" not in body
        page.close()
        assert healthy(url)
    finally:
        stop_app(process)


def test_one_readers_toggles_never_show_in_another_session(browser, app_url):
    first = browser.new_context(viewport={"width": 1400, "height": 2000})
    second = browser.new_context(viewport={"width": 1400, "height": 2000})
    try:
        a, b = first.new_page(), second.new_page()
        for page in (a, b):
            page.goto(f"{app_url}/explorer")
            wait_for_app(page)
        a.get_by_role("button", name="As Case 2 presented").click()
        wait_for_status(a, "Osteosarcoma", "Excluded")
        assert status(a, "Osteoid osteoma") == "Excluded"
        option(a, "female_sex", "absent").click()  # a click in the panel, too
        a.wait_for_function("() => location.search.includes('female_sex=absent')", timeout=15_000)
        b.reload()
        wait_for_app(b)
        verdict(b, "Osteoid osteoma").wait_for(timeout=15_000)
        assert status(b, "Healing stress fracture") == "Possible"
        assert status(b, "Osteoid osteoma") == "Possible"
        assert option(b, "female_sex", "unknown").is_checked()
        assert "case" not in b.url and "nidus" not in b.url
    finally:
        first.close()
        second.close()
    assert healthy(app_url)
