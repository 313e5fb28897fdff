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


from components.shell.addresses import join_base, vote_address  # noqa: E402

HERE = "http://localhost:8501/walkthrough?case=2&step=1"


@pytest.mark.parametrize("current,public,server,listens,network,expected,warned", [
    # the presenter's laptop, opened as localhost: the machine's network address
    (HERE, None, None, None, "192.168.1.20", "http://192.168.1.20:8501/vote?room=X", False),
    ("http://127.0.0.1:8600/walkthrough", None, None, "0.0.0.0", "10.0.0.5",
     "http://10.0.0.5:8600/vote?room=X", False),
    ("http://[::1]:8501/", None, None, None, "fd00::2", "http://[fd00::2]:8501/vote?room=X", False),
    # configured: IMOS_PUBLIC_URL first, then Streamlit's browser.serverAddress
    (HERE, "https://club.example.org/imos", "ignored.example", None, "10.0.0.5",
     "https://club.example.org/imos/vote?room=X", False),
    (HERE, None, "imos.local", None, "10.0.0.5", "http://imos.local:8600/vote?room=X", False),
    # a server's own name is kept
    ("https://imos.example.org/app/walkthrough", None, None, None, None,
     "https://imos.example.org/app/vote?room=X", False),
    # no reachable address: the link as is, and a plain warning
    (HERE, None, None, None, None, "http://localhost:8501/vote?room=X", True),
    (HERE, None, None, "127.0.0.1", "10.0.0.5", "http://localhost:8501/vote?room=X", True),
    (HERE, "not an address", None, None, "10.0.0.5", "http://localhost:8501/vote?room=X", True),
])
def test_the_join_link_is_one_phones_can_reach(current, public, server, listens, network,
                                                expected, warned):
    base = join_base(current, public, server, 8600 if server else None, listens, network)
    assert vote_address("X", base.base) == expected
    assert (base.warning is not None) == warned
    if warned:
        assert "README" in base.warning or "not an address" in base.warning
