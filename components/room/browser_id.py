"""Who is asking, for the live rooms' limits: this browser's lasting id, and the client's
address behind the proxy.

**The browser's id** is 144 random bits the browser makes once and keeps in its local
storage and in a cookie (`imos_browser`, first-party, a year), set by a tiny component
(`_BROWSER`, no outside code). It says nothing about the person; it survives reloads, new
tabs and reopening the voting page, so one phone is one voter (and a presenter's limits
follow their browser). The server reads the cookie when the page connects
(`st.context.cookies`) and the component's report on the first visit. A private window
or another browser is another id: that is the limit of any browser-side mark.

The same component reloads the page once when the server session behind it changes
without a page load (the replica died and the page reconnected to another): Streamlit's
buttons do not answer on such a page until it is reloaded, and after the reload the
presenter's room and the phone's ballot come back from this browser's storage.

**The address** is the peer's, or, when the peer is a trusted proxy (`IMOS_TRUSTED_PROXIES`,
addresses or networks, comma-separated; default loopback), the last address in
`X-Forwarded-For`, which is the one that proxy saw (nginx appends it). Behind a proxy that
is not trusted every client has the proxy's address, so set the setting there.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from imos.rooms.codes import is_token

COOKIE = "imos_browser"
TRUSTED_PROXIES = "IMOS_TRUSTED_PROXIES"
DEFAULT_TRUSTED = "127.0.0.0/8,::1/128"
_STATE = "imos_browser_id"

_BROWSER = st.components.v2.component(
    "imos_browser_id",
    html="",
    js="""
let servedBy = null;  // the server session this page has been talking to

export default function (component) {
  const { data, setStateValue } = component;
  // A new server session without a page load: the replica behind this page died and the
  // page reconnected to another, where Streamlit's buttons do not answer until a reload.
  // Reload once; the room and the ballot come back from this browser's storage.
  if (data && data.session) {
    if (servedBy !== null && servedBy !== data.session) { window.location.reload(); return; }
    servedBy = data.session;
  }
  const store = window.localStorage;
  let id = null;
  try { id = store.getItem("imos-browser"); } catch (e) { id = null; }
  if (!/^[A-Za-z0-9_-]{24}$/.test(id || "")) {
    const bytes = new Uint8Array(18);
    window.crypto.getRandomValues(bytes);
    id = btoa(String.fromCharCode(...bytes)).replace(/\\+/g, "-").replace(/\\//g, "_");
    try { store.setItem("imos-browser", id); } catch (e) { /* private mode */ }
  }
  document.cookie = `imos_browser=${id}; path=/; max-age=31536000; SameSite=Lax`;
  // The presenter's rooms: case -> {code, secret, at}, kept here so that a reload (or
  // another replica) finds the room again; never in the address.
  let rooms = {};
  try { rooms = JSON.parse(store.getItem("imos-rooms") || "{}") || {}; } catch (e) { rooms = {}; }
  if (data && data.save) rooms[data.save.case_id] = { ...data.save, at: Date.now() };
  if (data && data.forget) delete rooms[data.forget];
  for (const [caseId, room] of Object.entries(rooms)) {
    if (!room || typeof room !== "object" || Date.now() - (room.at || 0) > 5 * 3600 * 1000) {
      delete rooms[caseId];
    }
  }
  try { store.setItem("imos-rooms", JSON.stringify(rooms)); } catch (e) { /* private mode */ }
  const report = JSON.stringify(rooms);
  if (!data || data.known !== id) setStateValue("id", id);
  if (!data || data.rooms !== report) setStateValue("rooms", report);
}
""",
)


@dataclass(frozen=True)
class BrowserState:
    """What this browser keeps: its lasting id, and the rooms it presents (case -> code
    and secret), both None/empty until the browser has reported them."""

    id: str | None
    rooms: dict[str, dict[str, str]]


def browser_state(save: dict[str, str] | None = None, forget: str | None = None) -> BrowserState:
    """This browser's id and presenter rooms (call once per run). `save` ({"case_id",
    "code", "secret"}) keeps a room this browser opened; `forget` (a case id) drops one."""
    cookie = st.context.cookies.get(COOKIE)
    known = cookie if is_token(cookie) else None
    previous = st.session_state.get(_STATE)
    reported_rooms = previous.get("rooms") if isinstance(previous, Mapping) else None
    ctx = get_script_run_ctx()
    data = {"known": known, "rooms": reported_rooms if isinstance(reported_rooms, str) else None,
            "session": ctx.session_id if ctx is not None else None}
    if save is not None:
        data["save"] = dict(save)
    if forget is not None:
        data["forget"] = forget
    result = _BROWSER(key=_STATE, data=data, on_id_change=lambda: None,
                      on_rooms_change=lambda: None)
    reported = getattr(result, "id", None)
    return BrowserState(known or (reported if is_token(reported) else None),
                        _rooms(getattr(result, "rooms", None)))


def _rooms(report: object) -> dict[str, dict[str, str]]:
    """The browser's report of its rooms, checked (a browser can send anything)."""
    try:
        rooms = json.loads(report) if isinstance(report, str) and len(report) < 20_000 else {}
    except ValueError:
        return {}
    if not isinstance(rooms, dict):
        return {}
    return {case: {"code": room["code"], "secret": room["secret"],
                   **({"facts": room["facts"]} if isinstance(room.get("facts"), str) else {})}
            for case, room in rooms.items()
            if isinstance(room, dict) and isinstance(room.get("code"), str)
            and isinstance(room.get("secret"), str)}


def browser_id() -> str | None:
    """This browser's lasting id, or None until the browser has reported it (the first
    run of a first visit) or when it runs no scripts (a scripted client)."""
    return browser_state().id


def _trusted(peer: str) -> bool:
    setting = os.environ.get(TRUSTED_PROXIES, "").strip() or DEFAULT_TRUSTED
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    for network in setting.split(","):
        try:
            if address in ipaddress.ip_network(network.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False


def client_address() -> str:  # always a valid IP address
    """The client's address as the outermost trusted proxy saw it (see the docstring)."""
    peer = st.context.ip_address
    try:  # Streamlit gives None for loopback (and AppTest a stand-in)
        peer = str(ipaddress.ip_address(peer)) if isinstance(peer, str) else "127.0.0.1"
    except ValueError:
        peer = "127.0.0.1"
    forwarded = st.context.headers.get("X-Forwarded-For", "")
    if forwarded and _trusted(peer):
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return peer
    return peer


def counted_address() -> str | None:
    """The client's address as the limits count it; None for a client on this very machine
    (development, the tests, a load test): every local tab would share it."""
    address = client_address()
    return None if ipaddress.ip_address(address).is_loopback else address


def client_keys(browser: str | None) -> tuple[str, ...]:
    """The names a limit counts this client under: its address, and its browser if known."""
    address = counted_address()
    return (((f"address:{address}",) if address else ())
            + ((f"browser:{browser}",) if browser else ()))
