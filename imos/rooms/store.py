"""The room store's contract: what a live room holds and the checks every store applies.

A room belongs to one walk-through case. The presenter (who holds the secret) moves its
position; voters join anonymously (the store hands them a random token) and keep or
replace one ballot per stage: the diagnoses they would keep. A stage's voting is open
only while the presenter shows its question; once its answer has been shown it stays
closed, even if the presenter steps back. Rooms expire `ROOM_TTL_SECONDS` after they
are opened. Two stores keep this contract (`SqliteRoomStore`, `RedisRoomStore`); the
shared contract tests in `tests/unit/test_room_store.py` run against both.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from imos.rooms.codes import (
    MAX_OPTIONS, MAX_ROOMS, MAX_STAGES, MAX_VOTERS, ROOM_TTL_SECONDS, is_id, is_token,
    normalise_code,
)


MAX_FACTS_CHARS = 400_000  # the three shipped cases take about 15,000


class RoomError(Exception):
    """A room request that cannot be served; `str(error)` is fit to show to the user."""


class RoomNotFound(RoomError):
    def __init__(self) -> None:
        super().__init__("No live room has this code. It may be mistyped or the room may "
                         "have closed (rooms last four hours); ask the presenter for the link.")


class RoomFull(RoomError):
    def __init__(self) -> None:
        super().__init__(f"This room is full ({MAX_VOTERS} voters).")


class TooManyRooms(RoomError):
    def __init__(self) -> None:
        super().__init__("Too many live rooms are open on this server; try again later.")


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
                 max_voters: int = MAX_VOTERS) -> None:
        self.clock, self.ttl = clock, ttl
        self.max_rooms, self.max_voters = max_rooms, max_voters

    def create(self, case_id: str, options: Sequence[str], n_stages: int,
               position: RoomPosition) -> Ticket:
        """Open a room for a case whose voters choose among `options` at `n_stages`."""
        options = check_room(case_id, options, n_stages)
        return self._create(case_id, options, n_stages, check_position(position, n_stages))

    @abstractmethod
    def _create(self, case_id: str, options: tuple[str, ...], n_stages: int,
                position: RoomPosition) -> Ticket:
        """`create` once its arguments are checked."""

    @abstractmethod
    def state(self, code: str) -> RoomState:
        """The room's case, position and head count; `RoomNotFound` when gone."""

    @abstractmethod
    def join(self, code: str) -> str:
        """Admit one anonymous voter; returns their token."""

    @abstractmethod
    def vote(self, code: str, token: str, stage: int, kept: Iterable[str]) -> None:
        """Record or replace the voter's ballot for `stage` (open stages only)."""

    @abstractmethod
    def ballots(self, code: str, stage: int) -> list[frozenset[str]]:
        """Every ballot cast at `stage`, one per voter (readable by anybody with the code)."""

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
