"""Live rooms: a journal club votes from their phones on the walk-through's stages (pure).

`open_store(setting)` picks the store from one setting (`IMOS_ROOM_STORE`):

- unset or empty: the embedded SQLite store in `$IMOS_ROOM_DIR` (default: a folder in the
  system's temporary directory), shared by every process on this host;
- `sqlite:///absolute/path/rooms.db`: the embedded store in that file;
- `redis://host:port/0` (or `rediss://`): Redis, for several replicas on several hosts.

May import: `imos.reasoning` (the tally reads verdicts), `imos.teaching`; the
standard library, and `redis` for the Redis store. Never streamlit.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from imos.rooms.codes import display_code, normalise_code
from imos.rooms.store import (
    InvalidInput, NotJoined, NotPresenter, RoomError, RoomFull, RoomFullFromHere, RoomNotFound,
    RoomPosition,
    RoomState, RoomStore, SlowDown, Ticket, TooManyRooms, TooManyRoomsFromHere, VotingClosed,
)

SETTING = "IMOS_ROOM_STORE"

__all__ = [
    "InvalidInput", "NotJoined", "NotPresenter", "RoomError", "RoomFull", "RoomFullFromHere",
    "RoomNotFound",
    "RoomPosition", "RoomState", "RoomStore", "SETTING", "Ticket", "TooManyRooms",
    "SlowDown", "TooManyRoomsFromHere",
    "VotingClosed", "default_sqlite_path", "display_code", "normalise_code", "open_store",
]


def default_sqlite_path() -> Path:
    folder = os.environ.get("IMOS_ROOM_DIR") or Path(tempfile.gettempdir()) / "imos-rooms"
    return Path(folder) / "rooms.db"


def open_store(setting: str | None = None, **limits) -> RoomStore:
    """The store a setting names (see the module docstring); `ValueError` on anything else."""
    setting = (setting or "").strip()
    if not setting:
        from imos.rooms.sqlite_store import SqliteRoomStore
        return SqliteRoomStore(default_sqlite_path(), **limits)
    if setting.startswith("sqlite:///"):
        from imos.rooms.sqlite_store import SqliteRoomStore
        return SqliteRoomStore(setting.removeprefix("sqlite://"), **limits)
    if setting.startswith(("redis://", "rediss://", "unix://")):
        from imos.rooms.redis_store import RedisRoomStore
        return RedisRoomStore(setting, **limits)
    raise ValueError(f"{SETTING} must be empty, sqlite:///path or redis://host:port/db")
