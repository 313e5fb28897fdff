"""The room store's contract: what a live room holds and the checks every store applies.

A room belongs to one walk-through case. The presenter (who holds the secret) moves its
position; voters join anonymously (the store hands them a random token) and keep or
replace one ballot per stage: the diagnoses they would keep. A stage's voting is open
only while the presenter shows its question; once its answer has been shown it stays
closed, even if the presenter steps back. Rooms expire `ROOM_TTL_SECONDS` after they
are opened, or `IDLE_TTL_SECONDS` after it when nobody has joined by then.

Against one client taking what belongs to all (issue 24): `spend` counts what a client
did in a window, shared by every process; `create` lets one client (its address, its
browser) open `rooms_per_minute` and `rooms_per_hour` rooms; `join` gives a browser that
joined before its own token back (`bind` ties a first visit to its browser later) and
admits at most `max_voters_per_address` voters from one address. Two stores keep this
contract (`SqliteRoomStore`, `RedisRoomStore`); the shared contract tests in
`tests/unit/test_room_store.py` run against both.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from imos.rooms.codes import (
    IDLE_TTL_SECONDS, MAX_OPTIONS, MAX_ROOMS, MAX_STAGES, MAX_VOTERS, ROOM_TTL_SECONDS,
    ROOMS_PER_CLIENT_PER_HOUR, ROOMS_PER_CLIENT_PER_MINUTE, is_id, is_token, normalise_code,
)


MAX_FACTS_CHARS = 400_000  # the three shipped cases take about 15,000


class RoomError(Exception):
    """A room request that cannot be served; `str(error)` is fit to show to the user."""


class RoomNotFound(RoomError):
    def __init__(self) -> None:
        super().__init__("No live room has this code. It may be mistyped or the room may "
                         "have closed (rooms last four hours, or 15 minutes when nobody "
                         "joins); ask the presenter for the link.")


class RoomFull(RoomError):
    def __init__(self) -> None:
        super().__init__(f"This room is full ({MAX_VOTERS} voters).")


class TooManyRooms(RoomError):
    def __init__(self) -> None:
        super().__init__("Too many live rooms are open on this server; try again later.")


class RoomFullFromHere(RoomError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"This room has admitted as many voters from your network as one "
                         f"network may bring ({limit}), so that the room keeps places for "
                         "others. Ask the presenter.")


class TooManyRoomsFromHere(RoomError):
    def __init__(self, per_minute: int, per_hour: int) -> None:
        super().__init__(f"You have opened too many live rooms from here: at most {per_minute} "
                         f"a minute and {per_hour} an hour. Use the room you have, or try "
                         "again in a few minutes.")


class SlowDown(RoomError):
    def __init__(self) -> None:
        super().__init__("Too many requests from here in the last minute; wait a moment and "
                         "try again.")


class VotingClosed(RoomError):
    def __init__(self) -> None:
        super().__init__("Voting on this stage is closed: the presenter has moved on.")


class NotPresenter(RoomError):
    def __init__(self) -> None:
        super().__init__("Only the presenter who opened this room can move it.")


class NotJoined(RoomError):
    def __init__(self) -> None:
        super().__init__("This browser has not joined the room; open the room's link again.")


class InvalidInput(RoomError, ValueError):
    """A malformed argument (never the user's fault in the app: the pages send only
    choices they offered)."""


@dataclass(frozen=True)
class Ticket:
    """What the presenter gets when opening a room: the code to share, the secret to keep."""

    code: str
    secret: str


@dataclass(frozen=True)
class RoomPosition:
    """Where the presenter stands: stage 1..n (n + 1 is the final slide), answer shown?"""

    step: int
    revealed: bool


@dataclass(frozen=True)
class RoomState:
    code: str
    case_id: str
    options: tuple[str, ...]
    n_stages: int
    position: RoomPosition
    joined: int
    expires_at: float

    @property
    def voting_stage(self) -> int | None:
        """The stage voters may vote on now, if any (closed stages are never returned)."""
        p = self.position
        return p.step if p.step <= self.n_stages and not p.revealed else None


class RoomStore(ABC):
    """Rooms shared by every session and process that opens the same store."""

    def __init__(self, clock: Callable[[], float] = time.time,
                 ttl: float = ROOM_TTL_SECONDS, max_rooms: int = MAX_ROOMS,
                 max_voters: int = MAX_VOTERS, idle_ttl: float = IDLE_TTL_SECONDS,
                 rooms_per_minute: int = ROOMS_PER_CLIENT_PER_MINUTE,
                 rooms_per_hour: int = ROOMS_PER_CLIENT_PER_HOUR,
                 max_voters_per_address: int | None = None) -> None:
        self.clock, self.ttl, self.idle_ttl = clock, ttl, min(idle_ttl, ttl)
        self.max_rooms, self.max_voters = max_rooms, max_voters
        self.rooms_per_minute, self.rooms_per_hour = rooms_per_minute, rooms_per_hour
        self.max_voters_per_address = (max_voters_per_address if max_voters_per_address
                                       is not None else max(1, max_voters // 2))

    def create(self, case_id: str, options: Sequence[str], n_stages: int,
               position: RoomPosition, clients: Sequence[str] = ()) -> Ticket:
        """Open a room for a case whose voters choose among `options` at `n_stages`.

        `clients` name who asks (e.g. "address:203.0.113.5", "browser:<id>"); each may
        open `rooms_per_minute` and `rooms_per_hour` rooms, else `TooManyRoomsFromHere`.
        """
        options = check_room(case_id, options, n_stages)
        position = check_position(position, n_stages)
        for client in clients:
            if not (self.spend(f"open:{client}", self.rooms_per_minute, 60)
                    and self.spend(f"open:{client}", self.rooms_per_hour, 3600)):
                raise TooManyRoomsFromHere(self.rooms_per_minute, self.rooms_per_hour)
        return self._create(case_id, options, n_stages, position)

    def spend(self, key: str, limit: int, window: int) -> bool:
        """Count one use of `key` in the current `window` seconds; False (and not counted)
        once `limit` uses were counted there. Shared by every process of the store."""
        if not isinstance(key, str) or not 1 <= len(key) <= 200:
            raise InvalidInput("a limit's key is 1-200 characters")
        bucket = int(self.clock() // window)
        return self._spend(f"{key}:{window}:{bucket}", limit, (bucket + 1) * window)

    @abstractmethod
    def _spend(self, key: str, limit: int, until: float) -> bool:
        """`spend` for one window's key, which may be forgotten after `until`."""

    @abstractmethod
    def _create(self, case_id: str, options: tuple[str, ...], n_stages: int,
                position: RoomPosition) -> Ticket:
        """`create` once its arguments are checked."""

    @abstractmethod
    def state(self, code: str) -> RoomState:
        """The room's case, position and head count; `RoomNotFound` when gone."""

    def join(self, code: str, browser: str | None = None, address: str | None = None) -> str:
        """Admit one anonymous voter; returns their token.

        `browser` (a lasting id the browser keeps) makes a browser that joined before get
        its own token back instead of counting again; `address` (the client's, behind the
        proxy) admits at most `max_voters_per_address` voters from one address, so one
        script cannot fill the room ahead of real voters (`RoomFullFromHere`).
        """
        code = check_code(code)
        if browser is not None and not is_token(browser):
            raise InvalidInput("a browser id is 16-64 letters, digits, _ or -")
        if address is not None and (not isinstance(address, str) or not 1 <= len(address) <= 100):
            raise InvalidInput("an address is 1-100 characters")
        return self._join(code, browser, address)

    @abstractmethod
    def _join(self, code: str, browser: str | None, address: str | None) -> str:
        """`join` once its arguments are checked."""

    def bind(self, code: str, token: str, browser: str) -> str:
        """Tie a voter who joined before its browser's id was known (the first visit) to
        that id; returns the token the browser holds from now on. When the browser already
        held another token in this room (its cookie was cleared, its storage was not), that
        one is kept and `token` leaves the room (with its ballots)."""
        code = check_code(code)
        if not is_token(token):
            raise NotJoined()
        if not is_token(browser):
            raise InvalidInput("a browser id is 16-64 letters, digits, _ or -")
        return self._bind(code, token, browser)

    @abstractmethod
    def _bind(self, code: str, token: str, browser: str) -> str:
        """`bind` once its arguments are checked."""

    @abstractmethod
    def vote(self, code: str, token: str, stage: int, kept: Iterable[str]) -> None:
        """Record or replace the voter's ballot for `stage` (open stages only)."""

    @abstractmethod
    def ballots(self, code: str, stage: int) -> list[frozenset[str]]:
        """Every ballot cast at `stage`, one per voter (readable by anybody with the code)."""

    def ballot_of(self, code: str, token: str, stage: int) -> frozenset[str] | None:
        """The ballot this voter cast at `stage`, None if none (a reloaded phone shows it)."""
        code = check_code(code)
        if not is_token(token):
            raise NotJoined()
        if not isinstance(stage, int) or isinstance(stage, bool):
            raise InvalidInput("a stage is a number")
        stored = self._ballot_of(code, token, stage)
        return None if stored is None else parse_ballot(stored)

    @abstractmethod
    def _ballot_of(self, code: str, token: str, stage: int) -> str | None:
        """`ballot_of` once its arguments are checked: the ballot as stored."""

    @abstractmethod
    def move(self, code: str, secret: str, position: RoomPosition) -> None:
        """Set the presenter's position; revealing a stage closes its voting for good."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (the rooms stay for other processes)."""

    # --- the case's facts, pinned to the room (issue 25) ---------------------------------

    def attach_facts(self, code: str, secret: str, facts: str) -> None:
        """Pin what the phones are shown (the case's findings stage by stage, as the
        presenter's series has them: `imos.rooms.facts`) to the room. Only the presenter
        may; a later call replaces it. Too large a text is refused (`InvalidInput`)."""
        if not isinstance(facts, str) or not 0 < len(facts) <= MAX_FACTS_CHARS:
            raise InvalidInput(f"a room's facts are 1-{MAX_FACTS_CHARS} characters of text")
        self._attach_facts(check_code(code), secret, facts)

    @abstractmethod
    def _attach_facts(self, code: str, secret: str, facts: str) -> None:
        """`attach_facts` once its arguments are checked."""

    @abstractmethod
    def facts(self, code: str) -> str | None:
        """The facts pinned to the room, None when none are; `RoomNotFound` when gone."""


# --- checks shared by the stores ---------------------------------------------------------

def check_code(code: object) -> str:
    normal = normalise_code(code)
    if normal is None:
        raise RoomNotFound()
    return normal


def check_room(case_id: object, options: Sequence[str], n_stages: object) -> tuple[str, ...]:
    if not is_id(case_id):
        raise InvalidInput("a case id is 1-64 letters, digits or _.-")
    options = tuple(options)
    if not 1 <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options) \
            or not all(is_id(o) for o in options):
        raise InvalidInput(f"options are 1-{MAX_OPTIONS} distinct ids")
    if not isinstance(n_stages, int) or isinstance(n_stages, bool) \
            or not 1 <= n_stages <= MAX_STAGES:
        raise InvalidInput(f"a room has 1-{MAX_STAGES} stages")
    return options


def check_position(position: object, n_stages: int) -> RoomPosition:
    if not isinstance(position, RoomPosition) or not isinstance(position.step, int) \
            or isinstance(position.step, bool) or not 1 <= position.step <= n_stages + 1:
        raise InvalidInput(f"a position is a step 1-{n_stages + 1}")
    return RoomPosition(position.step, bool(position.revealed) and position.step <= n_stages)


def check_ballot(token: object, stage: object, kept: Iterable[str],
                 options: Sequence[str]) -> tuple[str, str]:
    """(token, the ballot as stored: the kept options, comma-joined in option order)."""
    if not is_token(token):
        raise NotJoined()
    if not isinstance(stage, int) or isinstance(stage, bool):
        raise InvalidInput("a stage is a number")
    if isinstance(kept, str):
        raise InvalidInput("a ballot is a collection of options")
    kept = list(kept)
    if len(kept) > len(options) or not set(kept) <= set(options) \
            or not all(isinstance(k, str) for k in kept):
        raise InvalidInput("a ballot keeps some of the room's options")
    chosen = set(kept)
    return token, ",".join(o for o in options if o in chosen)


def parse_ballot(stored: str) -> frozenset[str]:
    return frozenset(stored.split(",")) if stored else frozenset()
