"""The embedded room store: one SQLite file in WAL mode, needing no server.

Several threads of one process share one connection behind a lock; several processes on
one host share the file (WAL lets readers go on while one writer commits, and each write
is a `BEGIN IMMEDIATE` transaction that waits up to `busy_timeout` for the file lock).
Expired rooms (and spent limits) are deleted whenever a room is opened. A room opens with
the idle expiry; the first voter to join gives it the full one.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from imos.rooms.codes import new_code, new_secret, new_voter_token, secret_digest, secret_matches
from imos.rooms.store import (
    NotJoined, NotPresenter, RoomFull, RoomFullFromHere, RoomNotFound, RoomPosition, RoomState,
    RoomStore, Ticket, TooManyRooms, VotingClosed, check_ballot, check_code, check_position,
    parse_ballot,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY, secret TEXT NOT NULL, case_id TEXT NOT NULL,
    options TEXT NOT NULL, n_stages INTEGER NOT NULL, step INTEGER NOT NULL,
    revealed INTEGER NOT NULL, closed TEXT NOT NULL, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS voters (
    code TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (code, token));
CREATE TABLE IF NOT EXISTS ballots (
    code TEXT NOT NULL, stage INTEGER NOT NULL, token TEXT NOT NULL, kept TEXT NOT NULL,
    PRIMARY KEY (code, stage, token));
CREATE TABLE IF NOT EXISTS room_facts (code TEXT PRIMARY KEY, facts TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS browsers (
    code TEXT NOT NULL, browser TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (code, browser));
CREATE TABLE IF NOT EXISTS addresses (
    code TEXT NOT NULL, address TEXT NOT NULL, joined INTEGER NOT NULL,
    PRIMARY KEY (code, address));
CREATE TABLE IF NOT EXISTS spent (
    key TEXT PRIMARY KEY, used INTEGER NOT NULL, until REAL NOT NULL);
"""


class SqliteRoomStore(RoomStore):
    def __init__(self, path: str | Path, **limits) -> None:
        super().__init__(**limits)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), timeout=10, isolation_level=None,
                                   check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        self._db.executescript(SCHEMA)  # idempotent; runs in its own transaction

    @contextmanager
    def _write(self):
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _room(self, db, code: str) -> tuple:
        row = db.execute("SELECT secret, case_id, options, n_stages, step, revealed, closed, "
                         "expires FROM rooms WHERE code = ? AND expires > ?",
                         (code, self.clock())).fetchone()
        if row is None:
            raise RoomNotFound()
        return row

    def _create(self, case_id: str, options: tuple[str, ...], n_stages: int,
                position: RoomPosition) -> Ticket:
        now = self.clock()
        with self._write() as db:
            for table in ("voters", "ballots", "browsers", "addresses"):
                db.execute(f"DELETE FROM {table} WHERE code IN "  # noqa: S608 (fixed names)
                           "(SELECT code FROM rooms WHERE expires <= ?)", (now,))
            db.execute("DELETE FROM rooms WHERE expires <= ?", (now,))
            db.execute("DELETE FROM spent WHERE until <= ?", (now,))
            if db.execute("SELECT count(*) FROM rooms").fetchone()[0] >= self.max_rooms:
                raise TooManyRooms()
            while True:
                code, secret = new_code(), new_secret()
                if db.execute("SELECT 1 FROM rooms WHERE code = ?", (code,)).fetchone() is None:
                    break
            closed = [position.step] if position.revealed else []
            db.execute("INSERT INTO rooms VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (code, secret_digest(secret), case_id, json.dumps(options), n_stages,
                        position.step, int(position.revealed), json.dumps(closed),
                        now + self.idle_ttl))
        return Ticket(code, secret)

    def state(self, code: str) -> RoomState:
        code = check_code(code)
        with self._lock:
            _, case_id, options, n_stages, step, revealed, _, expires = self._room(self._db, code)
            joined = self._db.execute("SELECT count(*) FROM voters WHERE code = ?",
                                      (code,)).fetchone()[0]
        return RoomState(code, case_id, tuple(json.loads(options)), n_stages,
                         RoomPosition(step, bool(revealed)), joined, expires)

    def _join(self, code: str, browser: str | None, address: str | None) -> str:
        with self._write() as db:
            self._room(db, code)
            if browser is not None:
                row = db.execute("SELECT token FROM browsers WHERE code = ? AND browser = ?",
                                 (code, browser)).fetchone()
                if row is not None:  # this browser joined before: its own ballot again
                    return row[0]
            joined = db.execute("SELECT count(*) FROM voters WHERE code = ?", (code,)).fetchone()[0]
            if joined >= self.max_voters:
                raise RoomFull()
            if address is not None:
                row = db.execute("SELECT joined FROM addresses WHERE code = ? AND address = ?",
                                 (code, address)).fetchone()
                if row is not None and row[0] >= self.max_voters_per_address:
                    raise RoomFullFromHere(self.max_voters_per_address)
                db.execute("INSERT INTO addresses VALUES (?, ?, 1) ON CONFLICT(code, address) "
                           "DO UPDATE SET joined = joined + 1", (code, address))
            if joined == 0:  # the first voter: the room lives its full time from its opening
                db.execute("UPDATE rooms SET expires = expires + ? WHERE code = ?",
                           (self.ttl - self.idle_ttl, code))
            token = new_voter_token()
            db.execute("INSERT INTO voters VALUES (?, ?)", (code, token))
            if browser is not None:
                db.execute("INSERT INTO browsers VALUES (?, ?, ?)", (code, browser, token))
        return token

    def _bind(self, code: str, token: str, browser: str) -> str:
        with self._write() as db:
            self._room(db, code)
            row = db.execute("SELECT token FROM browsers WHERE code = ? AND browser = ?",
                             (code, browser)).fetchone()
            if row is not None:
                if row[0] != token:
                    for table in ("voters", "ballots"):
                        db.execute(f"DELETE FROM {table} WHERE code = ? AND token = ?",  # noqa: S608
                                   (code, token))
                return row[0]
            if db.execute("SELECT 1 FROM voters WHERE code = ? AND token = ?",
                          (code, token)).fetchone() is None:
                raise NotJoined()
            db.execute("INSERT INTO browsers VALUES (?, ?, ?)", (code, browser, token))
        return token

    def _spend(self, key: str, limit: int, until: float) -> bool:
        with self._write() as db:
            row = db.execute("SELECT used FROM spent WHERE key = ? AND until > ?",
                             (key, self.clock())).fetchone()
            if row is not None and row[0] >= limit:
                return False
            db.execute("INSERT INTO spent VALUES (?, 1, ?) ON CONFLICT(key) DO UPDATE SET "
                       "used = used + 1", (key, until))
        return True

    def vote(self, code: str, token: str, stage: int, kept: Iterable[str]) -> None:
        code = check_code(code)
        with self._write() as db:
            _, _, options, n_stages, step, revealed, closed, _ = self._room(db, code)
            token, ballot = check_ballot(token, stage, kept, json.loads(options))
            if db.execute("SELECT 1 FROM voters WHERE code = ? AND token = ?",
                          (code, token)).fetchone() is None:
                raise NotJoined()
            if stage != step or revealed or stage > n_stages or stage in json.loads(closed):
                raise VotingClosed()
            db.execute("INSERT OR REPLACE INTO ballots VALUES (?, ?, ?, ?)",
                       (code, stage, token, ballot))

    def ballots(self, code: str, stage: int) -> list[frozenset[str]]:
        code = check_code(code)
        with self._lock:
            self._room(self._db, code)
            rows = self._db.execute("SELECT kept FROM ballots WHERE code = ? AND stage = ?",
                                    (code, stage)).fetchall()
        return [parse_ballot(kept) for (kept,) in rows]

    def _ballot_of(self, code: str, token: str, stage: int) -> str | None:
        with self._lock:
            self._room(self._db, code)
            row = self._db.execute("SELECT kept FROM ballots WHERE code = ? AND stage = ? AND "
                                   "token = ?", (code, stage, token)).fetchone()
        return None if row is None else row[0]

    def move(self, code: str, secret: str, position: RoomPosition) -> None:
        code = check_code(code)
        with self._write() as db:
            digest, _, _, n_stages, _, _, closed, _ = self._room(db, code)
            if not secret_matches(secret, digest):
                raise NotPresenter()
            position = check_position(position, n_stages)
            closed = set(json.loads(closed))
            if position.revealed:
                closed.add(position.step)
            db.execute("UPDATE rooms SET step = ?, revealed = ?, closed = ? WHERE code = ?",
                       (position.step, int(position.revealed), json.dumps(sorted(closed)), code))

    def _attach_facts(self, code: str, secret: str, facts: str) -> None:
        with self._write() as db:
            digest = self._room(db, code)[0]
            if not secret_matches(secret, digest):
                raise NotPresenter()
            db.execute("DELETE FROM room_facts WHERE code NOT IN (SELECT code FROM rooms)")
            db.execute("INSERT OR REPLACE INTO room_facts VALUES (?, ?)", (code, facts))

    def facts(self, code: str) -> str | None:
        code = check_code(code)
        with self._lock:
            self._room(self._db, code)
            row = self._db.execute("SELECT facts FROM room_facts WHERE code = ?",
                                   (code,)).fetchone()
        return row[0] if row else None

    def close(self) -> None:
        with self._lock:
            self._db.close()
