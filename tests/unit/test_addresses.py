"""In-app addresses and the session keys pages share: one place, keyed by the page list."""

import pytest

from components.shell.addresses import EXPLORER, VOTE, WALKTHROUGH, address, page, walkthrough_address
from components.shell.navigation import PAGES
from components.shell.session_keys import EXPLORER_READ_LINK, PAGE_PREFIXES, STATE_PREFIXES
from imos.teaching.walkthrough import Position


@pytest.mark.parametrize("current,expected", [
    ("http://h:8501/explorer", "http://h:8501/explorer?nidus=absent"),
    ("http://h:8501/", "http://h:8501/explorer?nidus=absent"),
    ("http://h:8501", "http://h:8501/explorer?nidus=absent"),
    ("https://host.org/app/walkthrough?case=1", "https://host.org/app/explorer?nidus=absent"),
    ("https://host.org/app/", "https://host.org/app/explorer?nidus=absent"),
    (None, None),
    ("", None),
])
def test_the_scenario_link_names_the_page_once(current, expected):
    assert address(current, EXPLORER, {"nidus": "absent"}) == expected


@pytest.mark.parametrize("position,present,query", [
    (Position(4, True), True, "case=2&step=4&reveal=1&present=1"),
    (Position(2, False), False, "case=2&step=2"),
    (Position(8, False), True, "case=2&step=end&present=1"),
])
def test_a_slide_has_its_own_address(position, present, query):
    assert (walkthrough_address("https://h/app/explorer", "2", position, 7, present)
            == f"https://h/app/walkthrough?{query}")


def test_the_named_pages_are_the_page_lists():
    assert all(spec in PAGES for spec in (EXPLORER, WALKTHROUGH, VOTE))
    assert page("vote").path == "app_pages/vote.py"
    with pytest.raises(StopIteration):
        page("nowhere")


def test_every_page_prefix_belongs_to_a_page_and_the_hand_off_to_its_page():
    url_paths = {spec.url_path for spec in PAGES}
    assert set(PAGE_PREFIXES) <= url_paths
    assert len(set(STATE_PREFIXES)) == len(STATE_PREFIXES)
    assert EXPLORER_READ_LINK.startswith(PAGE_PREFIXES[EXPLORER.url_path])
