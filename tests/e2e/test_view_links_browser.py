"""The chosen views of the timelines and the findings matrix live in the address bar: a
link opens that very view, and changing the view changes the link (so a reload keeps it
and it can be shared)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from bench.synthetic import synthetic_files
from tests.e2e.conftest import start_app, stop_app, wait_for_app


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def _chosen_pills(page, key: str) -> list[str]:
    return page.locator(f".st-key-{key} button[aria-pressed='true']").all_inner_texts()


def _no_link_warning(page) -> None:
    expect(page.get_by_text("Some parts of the link were ignored")).to_have_count(0)


def _matrix_columns(page) -> list[str]:
    page.wait_for_selector(".js-plotly-plot .main-svg")
    return page.evaluate("() => document.querySelector('.js-plotly-plot')._fullLayout"
                         ".xaxis._categories")


def test_a_matrix_view_opens_from_its_link_and_a_change_updates_the_link(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto(f"{app_url}/findings?matrix_cases=Case+3&matrix_groups=Histology"
              "&matrix_groups=Laboratory")
    wait_for_app(page)
    _no_link_warning(page)
    assert _chosen_pills(page, "matrix_cases") == ["Case 3"]
    assert sorted(_chosen_pills(page, "matrix_groups")) == ["Histology", "Laboratory"]
    assert _matrix_columns(page) == ["Case 3"]

    page.locator(".st-key-matrix_cases").get_by_role("button", name="Case 1").click()
    page.wait_for_function("() => new URLSearchParams(location.search)"
                           ".getAll('matrix_cases').length === 2", timeout=15_000)
    wait_for_app(page)
    assert sorted(_query(page)["matrix_cases"]) == ["Case 1", "Case 3"]
    assert sorted(_matrix_columns(page)) == ["Case 1", "Case 3"]

    page.reload()  # the link is the view: a reload keeps it
    wait_for_app(page)
    _no_link_warning(page)
    assert sorted(_chosen_pills(page, "matrix_cases")) == ["Case 1", "Case 3"]
    assert sorted(_chosen_pills(page, "matrix_groups")) == ["Histology", "Laboratory"]


@pytest.fixture(scope="module")
def many_cases_url(tmp_path_factory, _require_chromium):
    """The app serving a synthetic series of 30 cases: enough for search, sort and pages."""
    folder = tmp_path_factory.mktemp("thirty_cases")
    for name, data in synthetic_files(30).items():
        (folder / name).write_bytes(data)
    process, url = start_app({"IMOS_SERIES_DIR": str(folder)})
    yield url
    stop_app(process)


def test_a_timelines_view_opens_from_its_link_and_a_change_updates_the_link(page,
                                                                           many_cases_url):
    page.set_viewport_size({"width": 1400, "height": 1000})
    # "Synthetic 1" finds Synthetic 1 and 10 to 19: eleven cases, two pages of ten
    page.goto(f"{many_cases_url}/timelines?tl_search=Synthetic+1&tl_page=2")
    wait_for_app(page)
    _no_link_warning(page)
    expect(page.get_by_label("Find a case (label or id)")).to_have_value("Synthetic 1")
    expect(page.get_by_label("Page (of 2)")).to_have_value("2")
    expect(page.get_by_text("Showing 1 of 30 cases.")).to_be_visible()

    page.get_by_label("Page (of 2)").fill("1")
    page.get_by_label("Page (of 2)").press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('tl_page') !== '2'",
                           timeout=15_000)
    wait_for_app(page)
    expect(page.get_by_text("Showing 10 of 30 cases.")).to_be_visible()

    page.get_by_label("Find a case (label or id)").fill("Synthetic 2")
    page.get_by_label("Find a case (label or id)").press("Enter")
    page.wait_for_function("() => new URLSearchParams(location.search).get('tl_search')"
                           " === 'Synthetic 2'", timeout=15_000)
    wait_for_app(page)

    page.locator(".st-key-tl_sort").get_by_role("combobox").click()
    page.get_by_role("option", name="longest follow-up").click()
    page.wait_for_function("() => new URLSearchParams(location.search).has('tl_sort')",
                           timeout=15_000)
    wait_for_app(page)
    link = page.url

    other = page.context.new_page()  # the link, opened afresh, shows the same view
    other.goto(link)
    wait_for_app(other)
    _no_link_warning(other)
    expect(other.get_by_label("Find a case (label or id)")).to_have_value("Synthetic 2")
    expect(other.get_by_role("combobox", name="Order")).to_have_value("longest follow-up")
    expect(other.get_by_text("Showing 10 of 30 cases.")).to_be_visible()  # Synthetic 2, 20-29
    other.close()
