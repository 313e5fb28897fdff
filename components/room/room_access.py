"""The live rooms' shared store as the pages reach it: one store per process, chosen by
`IMOS_ROOM_STORE`, and every call guarded so that a lost store is a message, not a
traceback. Also the QR code of the voters' link (`components.shell.addresses.vote_address`),
drawn here by `segno`, no outside service.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import segno
import streamlit as st

from imos.rooms import SETTING, RoomError, RoomStore, default_sqlite_path, open_store

T = TypeVar("T")
LOG = logging.getLogger(__name__)
UNAVAILABLE = ("Live rooms are unavailable right now: the room store cannot be reached. "
               "The walk-through itself works as before.")


@st.cache_resource(show_spinner=False, max_entries=2)
def _store(setting: str) -> RoomStore:
    return open_store(setting)


def room_store() -> RoomStore:
    """This process's room store (raises when the setting is wrong or the store is down)."""
    setting = os.environ.get(SETTING, "").strip() or f"sqlite:///{default_sqlite_path()}"
    return _store(setting)


class StoreUnavailable(RoomError):
    def __init__(self) -> None:
        super().__init__(UNAVAILABLE)


def room_call(call: Callable[[RoomStore], T]) -> T | RoomError:
    """`call(store)`, or the error to show: the room's own (a bad code, a closed stage), or
    `StoreUnavailable` when the store itself fails (logged for the operator, never a
    traceback for the user)."""
    try:
        return call(room_store())
    except RoomError as error:
        return error
    except Exception:  # the store is down or misconfigured
        LOG.exception("live room store failed")
        return StoreUnavailable()


# How old a room's state may be when a voter's phone asks whether the presenter moved: one
# read of the store per room and process in that time, whatever the number of phones.
SHARED_STATE_SECONDS = 1.0
_shared_lock = threading.Lock()
_shared: dict[str, tuple[float, object]] = {}
MOST_SHARED_ROOMS = 1000  # entries kept before the oldest are dropped


def shared_room_state(code: str, fresh: bool = False,
                      now: Callable[[], float] = time.monotonic):
    """`store.state(code)` (or the error to show), read at most once per
    `SHARED_STATE_SECONDS` per room in this process: every voter of a room asks this every
    few seconds, and they all want the same answer (where the presenter is). `fresh`
    reads the store all the same (and shares what it read)."""
    moment = now()
    with _shared_lock:
        cached = _shared.get(code)
    if not fresh and cached is not None and moment - cached[0] < SHARED_STATE_SECONDS:
        return cached[1]
    state = room_call(lambda store: store.state(code))
    with _shared_lock:
        if len(_shared) >= MOST_SHARED_ROOMS:
            for old in sorted(_shared, key=lambda c: _shared[c][0])[:MOST_SHARED_ROOMS // 2]:
                del _shared[old]
        _shared[code] = (moment, state)
    return state


def qr_code_html(link: str, size_px: int = 260) -> str:
    """The link as a QR code: an <img> with a PNG data URI (no media file, so any replica
    serves it), dark on white in both themes, with a text alternative."""
    uri = segno.make(link, error="m").png_data_uri(scale=8, border=4, dark="black",
                                                   light="white")
    return (f'<img src="{uri}" width="{size_px}" height="{size_px}" '
            f'alt="QR code of the voting link" style="image-rendering: pixelated;">')
