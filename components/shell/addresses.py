"""Every in-app address and every hand-off between pages, built in one place and keyed by
the page list (`components.shell.navigation.PAGES`).

An address is a page and a query. `address(current, page, query)` makes it a full link
from the address the browser showed (`current`, e.g. ".../explorer?case=2"), for
handouts, slides and the voters' QR code; `address_here` does so from this run's
address. The queries come from the pure encoders of each page's state
(`imos.teaching.scenario.short_query`, `imos.teaching.walkthrough.position_query`); `show_scenario` and
`show_slide` put a state in the address bar. A hand-off sends the
reader to another page with a state: `open_explorer(case_id)`, which the explorer
receives with `explorer_link_handed_over()`.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from components.shell.navigation import PAGES, PageSpec
from components.shell.session_keys import EXPLORER_READ_LINK
from imos.teaching.scenario import short_query
from imos.teaching.walkthrough import Position, position_query


def page(url_path: str) -> PageSpec:
    """The page of the page list served at `url_path` ("explorer")."""
    return next(spec for spec in PAGES if spec.url_path == url_path)


EXPLORER = page("explorer")
WALKTHROUGH = page("walkthrough")
VOTE = page("vote")


def address(current: str | None, to: PageSpec, query: Mapping[str, str]) -> str | None:
    """The full address of `to` with `query`, from the address the browser showed (None
    when it showed none). The last part of `current` is dropped when it names one of the
    app's pages: the app may live under a path of its own."""
    if not current:
        return None
    parts = urlsplit(current)
    path = parts.path.rstrip("/")
    head, _, last = path.rpartition("/")
    if last in {spec.url_path for spec in PAGES}:
        path = head
    base = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
    return f"{base}/{to.url_path}?{urlencode(dict(query))}"


def here() -> str | None:
    """The address of the page this run shows, as the browser gave it (or None)."""
    return st.context.url


def address_here(to: PageSpec, query: Mapping[str, str]) -> str | None:
    """`address` from the address of the page this run shows."""
    return address(here(), to, query)


def walkthrough_address(current: str | None, case_id: str, position: Position,
                        n_steps: int, present: bool) -> str | None:
    """The address of one walk-through slide."""
    return address(current, WALKTHROUGH, position_query(case_id, position, n_steps, present))


def vote_address(code: str) -> str:
    """The address voters open; relative when the browser has not told us the app's."""
    query = {"room": code}
    return address_here(VOTE, query) or f"/{VOTE.url_path}?{urlencode(query)}"


def show_slide(case_id: str, position: Position, n_steps: int, present: bool) -> None:
    """Put a walk-through slide in the address bar (the walk-through's single source of
    truth for where it stands)."""
    st.query_params.from_dict(position_query(case_id, position, n_steps, present))


def show_scenario(state: Mapping[str, str], presets: Mapping[str, Mapping[str, str]],
                  prefer: str | None,
                  library: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """Put an explorer scenario in the address bar, as short as it can be (a case, or the
    library case loaded, and what differs from it, or what differs from unknown), and
    return that query."""
    query = short_query(state, presets, prefer, library)
    if st.query_params.to_dict() != query:
        st.query_params.from_dict(query)
    return query


def open_explorer(case_id: str) -> None:
    """Hand-off: continue in the explorer with a case as presented (it reads its link
    again, even when it has read one earlier in this session)."""
    st.session_state[EXPLORER_READ_LINK] = True
    st.switch_page(EXPLORER.path, query_params={"case": case_id})


def explorer_link_handed_over() -> bool:
    """Whether another page has handed the explorer a link to read (asked once)."""
    return bool(st.session_state.pop(EXPLORER_READ_LINK, False))


def link_to(to: PageSpec) -> None:
    """A link to another page, named and marked as the menu names it."""
    st.page_link(to.path, label=to.title, icon=to.icon)
