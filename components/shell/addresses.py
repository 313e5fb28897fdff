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

import os
import socket
from collections.abc import Mapping
from typing import NamedTuple
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


PUBLIC_URL = "IMOS_PUBLIC_URL"  # environment: the address phones use, e.g. http://10.0.0.5:8501
LOOPBACK = ("localhost", "127.", "::1", "0:0:0:0:0:0:0:1")


def is_loopback(host: str | None) -> bool:
    host = (host or "").strip("[]").lower()
    return host.startswith(LOOPBACK) or host.endswith(".localhost")


def network_address() -> str | None:
    """This machine's address on its network (the interface a packet out would leave by;
    a UDP socket is only pointed, nothing is sent), or None when it has none."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routable, never contacted
            found = probe.getsockname()[0]
    except OSError:
        return None
    return None if is_loopback(found) or found == "0.0.0.0" else found


class JoinBase(NamedTuple):
    """Where voters' phones reach the app (`base`, an address such as `current`), and a
    plain warning when phones likely cannot reach it."""

    base: str | None
    warning: str | None


def join_base(current: str | None, public_url: str | None, server_address: str | None,
              server_port: int | None, listens_on: str | None,
              network: str | None) -> JoinBase:
    """The address the join link and QR code use (pure; `join_address` reads the inputs).

    In order: `public_url` (the `IMOS_PUBLIC_URL` setting); Streamlit's
    `browser.serverAddress` (`server_address`, with `server_port`) when it is set; the
    browser's own address unless it is this machine's loopback; else the machine's
    `network` address in its place, unless the server listens on loopback only
    (`listens_on`, Streamlit's `server.address`). When the phones cannot be served, the
    address stays as it is and `warning` says why and what to do."""
    if public_url:
        parts = urlsplit(public_url.strip())
        if parts.scheme in ("http", "https") and parts.netloc:
            return JoinBase(public_url.strip(), None)
        return JoinBase(current, f"{PUBLIC_URL} is set to something that is not an address "
                                 "(use e.g. http://192.168.1.20:8501); the link below is the "
                                 "one this browser uses.")
    if not current:
        return JoinBase(None, None)
    parts = urlsplit(current)
    if server_address:
        port = f":{server_port}" if server_port else ""
        return JoinBase(urlunsplit((parts.scheme or "http", f"{server_address}{port}",
                                    parts.path, "", "")), None)
    if not is_loopback(parts.hostname):
        return JoinBase(current, None)
    advice = ("Phones cannot open an address on this machine's loopback. Run the app with "
              "--server.address 0.0.0.0 on the venue's network, or set "
              f"{PUBLIC_URL} to the address phones can open (see the README).")
    if listens_on and is_loopback(listens_on):
        return JoinBase(current, "The app listens on this machine only "
                                 f"(server.address {listens_on}). " + advice)
    if network is None:
        return JoinBase(current, "No network address of this machine is known. " + advice)
    host = f"[{network}]" if ":" in network else network
    port = f":{parts.port}" if parts.port else ""
    return JoinBase(urlunsplit((parts.scheme, f"{host}{port}", parts.path, parts.query, "")),
                    None)


def join_address() -> JoinBase:
    """`join_base` for this run: this page's address, the settings and the network."""
    from streamlit import config

    configured = config.get_where_defined("browser.serverAddress") != "<default>"
    return join_base(here(), os.environ.get(PUBLIC_URL, "").strip() or None,
                     config.get_option("browser.serverAddress") if configured else None,
                     config.get_option("browser.serverPort") if configured else None,
                     config.get_option("server.address"), network_address())


def vote_address(code: str, base: str | None = None) -> str:
    """The address voters open, from `base` (`join_address().base`) or this page's;
    relative when neither is known."""
    query = {"room": code}
    return address(base or here(), VOTE, query) or f"/{VOTE.url_path}?{urlencode(query)}"


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
