"""One contract, two stores: the embedded SQLite store and Redis (a real redis-server)."""

from __future__ import annotations

import math
import multiprocessing
import re
import sys
import types

import pytest

from imos.rooms import (
    InvalidInput, NotJoined, NotPresenter, RoomFull, RoomNotFound, RoomPosition, TooManyRooms,
    VotingClosed, display_code, normalise_code, open_store,
)
from imos.rooms.codes import ALPHABET, CODE_BITS, CODE_LENGTH, ROOM_TTL_SECONDS, new_code
from imos.rooms.sqlite_store import SqliteRoomStore
from tests.redis_fixture import redis_url  # noqa: F401 (fixture)

OPTIONS = ("imos", "osteoid_osteoma", "stress_fracture")
START = RoomPosition(1, False)


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request, tmp_path):
    """A factory of stores of one kind sharing one place (as two processes would)."""
    made = []
    if request.param == "redis":
        url = request.getfixturevalue("redis_url")
        import redis
        redis.Redis.from_url(url).flushdb()
        setting = url
    else:
        setting = f"sqlite:///{tmp_path / 'rooms.db'}"

    def make(**limits):
        limits.setdefault("clock", Clock())
        store = open_store(setting, **limits)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(make_store):
    return make_store()


def test_a_room_takes_votes_on_the_open_stage_and_counts_one_ballot_per_voter(store):
    ticket = store.create("2", OPTIONS, 7, START)
    a, b = store.join(ticket.code), store.join(ticket.code)
    store.vote(ticket.code, a, 1, ["imos", "stress_fracture"])
    store.vote(ticket.code, b, 1, [])
    store.vote(ticket.code, a, 1, ["imos"])  # a voter changes their mind: replaced
    assert sorted(map(sorted, store.ballots(ticket.code, 1))) == [[], ["imos"]]
    state = store.state(ticket.code)
    assert (state.case_id, state.options, state.n_stages, state.joined) == ("2", OPTIONS, 7, 2)
    assert state.position == START and state.voting_stage == 1


def test_revealing_closes_a_stage_for_good_and_the_next_one_opens(store):
    ticket = store.create("1", OPTIONS, 3, START)
    voter = store.join(ticket.code)
    store.move(ticket.code, ticket.secret, RoomPosition(1, True))
    assert store.state(ticket.code).voting_stage is None
    with pytest.raises(VotingClosed):
        store.vote(ticket.code, voter, 1, ["imos"])
    store.move(ticket.code, ticket.secret, RoomPosition(2, False))
    with pytest.raises(VotingClosed):  # only the stage on screen takes votes
        store.vote(ticket.code, voter, 1, ["imos"])
    store.vote(ticket.code, voter, 2, ["imos"])
    store.move(ticket.code, ticket.secret, RoomPosition(1, False))  # back to a revealed question
    with pytest.raises(VotingClosed):
        store.vote(ticket.code, voter, 1, ["imos"])
    store.move(ticket.code, ticket.secret, RoomPosition(4, False))  # the final slide
    assert store.state(ticket.code).voting_stage is None
    assert store.ballots(ticket.code, 2) == [frozenset({"imos"})]


def test_only_the_presenters_secret_moves_the_room(store):
    ticket = store.create("1", OPTIONS, 3, START)
    other = store.create("1", OPTIONS, 3, START)
    for secret in ["", "x" * 32, other.secret, store.join(ticket.code), None]:
        with pytest.raises(NotPresenter):
            store.move(ticket.code, secret, RoomPosition(2, False))
    assert store.state(ticket.code).position == START


@pytest.mark.parametrize("code", ["", "nope", "0" * CODE_LENGTH, "A" * 200, None, 42,
                                  "<script>", "AAAA-AAAA-AAA!"])
def test_a_bad_code_is_a_room_not_found_everywhere(store, code):
    for call in (lambda: store.state(code), lambda: store.join(code),
                 lambda: store.ballots(code, 1),
                 lambda: store.vote(code, "t" * 22, 1, []),
                 lambda: store.move(code, "s", START)):
        with pytest.raises(RoomNotFound, match="No live room has this code"):
            call()


def test_an_unknown_but_wellformed_code_is_not_found(store):
    store.create("1", OPTIONS, 3, START)
    with pytest.raises(RoomNotFound):
        store.join(new_code())


def test_a_code_is_accepted_as_people_type_it(store):
    ticket = store.create("1", OPTIONS, 3, START)
    typed = display_code(ticket.code).lower().replace("-", " ")
    assert store.state(typed).code == ticket.code


def test_rooms_expire_after_a_few_hours(make_store):
    clock = Clock()
    store = make_store(clock=clock)
    ticket = store.create("1", OPTIONS, 3, START)
    voter = store.join(ticket.code)
    assert store.state(ticket.code).expires_at == clock.now + ROOM_TTL_SECONDS
    clock.now += ROOM_TTL_SECONDS - 1
    store.vote(ticket.code, voter, 1, ["imos"])
    clock.now += 1
    for call in (lambda: store.state(ticket.code), lambda: store.join(ticket.code),
                 lambda: store.vote(ticket.code, voter, 1, []),
                 lambda: store.ballots(ticket.code, 1),
                 lambda: store.move(ticket.code, ticket.secret, START)):
        with pytest.raises(RoomNotFound):
            call()


def test_rooms_voters_are_bounded_and_expired_rooms_make_space(make_store):
    clock = Clock()
    store = make_store(clock=clock, max_rooms=2, max_voters=3)
    first = store.create("1", OPTIONS, 3, START)
    store.create("1", OPTIONS, 3, START)
    with pytest.raises(TooManyRooms):
        store.create("1", OPTIONS, 3, START)
    for _ in range(3):
        store.join(first.code)
    with pytest.raises(RoomFull):
        store.join(first.code)
    clock.now += ROOM_TTL_SECONDS
    store.create("1", OPTIONS, 3, START)  # the two expired rooms no longer count


@pytest.mark.parametrize("kept", [["cancer"], ["imos"] * 4, "imos", [1], ["imos", None]])
def test_a_ballot_keeps_only_the_rooms_options(store, kept):
    ticket = store.create("1", OPTIONS, 3, START)
    voter = store.join(ticket.code)
    with pytest.raises(InvalidInput):
        store.vote(ticket.code, voter, 1, kept)
    assert store.ballots(ticket.code, 1) == []


@pytest.mark.parametrize("token", ["", "x", "t" * 22, "<b>" * 10, None])
def test_only_joined_voters_vote(store, token):
    ticket = store.create("1", OPTIONS, 3, START)
    other = store.create("1", OPTIONS, 3, START)
    stranger = store.join(other.code)
    for who in (token, stranger):
        with pytest.raises(NotJoined):
            store.vote(ticket.code, who, 1, ["imos"])


@pytest.mark.parametrize("room", [
    ("", OPTIONS, 3), ("1", (), 3), ("1", ("a", "a"), 3), ("1", ("<b>",), 3),
    ("1", tuple(f"d{i}" for i in range(33)), 3), ("1", OPTIONS, 0), ("1", OPTIONS, 33),
    ("1", OPTIONS, True), ("1" * 65, OPTIONS, 3),
])
def test_a_room_is_checked_when_it_is_opened(store, room):
    with pytest.raises(InvalidInput):
        store.create(*room, START)


@pytest.mark.parametrize("step", [0, 5, -1, True, "2"])
def test_positions_outside_the_case_are_refused(store, step):
    ticket = store.create("1", OPTIONS, 3, START)
    with pytest.raises(InvalidInput):
        store.move(ticket.code, ticket.secret, RoomPosition(step, False))


def test_two_store_objects_on_one_place_see_each_others_rooms(make_store):
    presenter, voters = make_store(), make_store()
    ticket = presenter.create("3", OPTIONS, 7, START)
    voter = voters.join(ticket.code)
    voters.vote(ticket.code, voter, 1, ["imos"])
    presenter.move(ticket.code, ticket.secret, RoomPosition(1, True))
    assert presenter.ballots(ticket.code, 1) == [frozenset({"imos"})]
    assert voters.state(ticket.code).position == RoomPosition(1, True)


def _vote_many(path: str, code: str, n: int) -> None:
    store = SqliteRoomStore(path)
    for _ in range(n):
        store.vote(code, store.join(code), 1, ["imos"])
    store.close()


def test_several_processes_share_the_embedded_store(tmp_path, monkeypatch):
    # A spawned worker first re-runs the parent's __main__. In a full run an AppTest earlier
    # in the process can leave an app page there, and each worker would run that page (and
    # hang) before voting: give the workers an empty __main__ instead.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    path = str(tmp_path / "rooms.db")
    store = SqliteRoomStore(path)
    ticket = store.create("1", OPTIONS, 3, START)
    with multiprocessing.get_context("spawn").Pool(3) as pool:  # a worker's error is raised here
        pool.starmap_async(_vote_many, [(path, ticket.code, 20)] * 3).get(timeout=300)
    assert store.state(ticket.code).joined == 60
    assert len(store.ballots(ticket.code, 1)) == 60


def test_codes_are_random_typeable_and_long_enough_not_to_be_guessed():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(f"[{ALPHABET}]{{{CODE_LENGTH}}}", c) for c in codes)
    assert not set("01IO") & set(ALPHABET)
    assert CODE_BITS == CODE_LENGTH * math.log2(32) >= 60
    assert normalise_code(display_code("K7M2Q9XRTVAB")) == "K7M2Q9XRTVAB"
    assert display_code("K7M2Q9XRTVAB") == "K7M2-Q9XR-TVAB"


def test_the_setting_chooses_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("IMOS_ROOM_DIR", str(tmp_path / "here"))
    store = open_store("")
    assert isinstance(store, SqliteRoomStore) and (tmp_path / "here/rooms.db").exists()
    store.close()
    with pytest.raises(ValueError, match="IMOS_ROOM_STORE"):
        open_store("mysql://x")


def test_a_room_carries_the_facts_its_presenter_pinned_to_it(store):
    ticket = store.create("2", OPTIONS, 3, START)
    assert store.facts(ticket.code) is None
    store.attach_facts(ticket.code, ticket.secret, '{"case": "2 (uploaded)"}')
    assert store.facts(normalise_code(display_code(ticket.code).lower())) == \
        '{"case": "2 (uploaded)"}'
    with pytest.raises(NotPresenter):
        store.attach_facts(ticket.code, "x" * 64, "{}")
    with pytest.raises(InvalidInput):
        store.attach_facts(ticket.code, ticket.secret, "")
    other = store.create("2", OPTIONS, 3, START)
    assert store.facts(other.code) is None  # each room its own
    with pytest.raises(RoomNotFound):
        store.facts("K7M2-Q9XR-TVAB")


def test_a_rooms_facts_go_with_the_room(make_store):
    clock = Clock()
    store = make_store(clock=clock, ttl=60)
    ticket = store.create("1", OPTIONS, 3, START)
    store.attach_facts(ticket.code, ticket.secret, "{}")
    clock.now += 61
    with pytest.raises(RoomNotFound):
        store.facts(ticket.code)


# --- limits per client and idle rooms (issue 24) ----------------------------------------

def test_one_client_opens_a_few_rooms_a_minute_and_an_hour_and_others_still_can(make_store):
    from imos.rooms import TooManyRoomsFromHere
    clock = Clock()
    store = make_store(clock=clock, rooms_per_minute=3, rooms_per_hour=5)
    script = ("address:203.0.113.5",)
    for _ in range(3):
        store.create("2", OPTIONS, 7, START, clients=script)
    with pytest.raises(TooManyRoomsFromHere, match="at most 3 a minute and 5 an hour"):
        store.create("2", OPTIONS, 7, START, clients=script)
    presenter = store.create("2", OPTIONS, 7, START, clients=("address:198.51.100.7",
                                                               "browser:abcdefghijklmnop"))
    assert store.state(presenter.code).case_id == "2"
    clock.now += 61
    store.create("2", OPTIONS, 7, START, clients=script)
    store.create("2", OPTIONS, 7, START, clients=script)
    clock.now += 61
    with pytest.raises(TooManyRoomsFromHere):  # the hour's five are spent
        store.create("2", OPTIONS, 7, START, clients=script)
    with pytest.raises(TooManyRoomsFromHere):  # a new address, the same browser
        store.create("2", OPTIONS, 7, START, clients=("address:192.0.2.1",
                                                       *[c for c in script]))
    clock.now += 3600
    store.create("2", OPTIONS, 7, START, clients=script)


def test_the_limits_are_shared_by_every_process_of_the_store(make_store):
    from imos.rooms import TooManyRoomsFromHere
    clock = Clock()
    first, second = make_store(clock=clock), make_store(clock=clock)
    for store in (first, second, first):
        store.create("2", OPTIONS, 7, START, clients=("address:203.0.113.5",))
    with pytest.raises(TooManyRoomsFromHere):
        second.create("2", OPTIONS, 7, START, clients=("address:203.0.113.5",))


def test_a_room_nobody_joins_ends_after_15_minutes_and_a_joined_one_lives_4_hours(make_store):
    clock = Clock()
    store = make_store(clock=clock)
    idle = store.create("2", OPTIONS, 7, START)
    busy = store.create("2", OPTIONS, 7, START)
    assert store.state(idle.code).expires_at == clock.now + 15 * 60
    clock.now += 14 * 60
    store.join(busy.code)
    assert store.state(busy.code).expires_at == clock.now - 14 * 60 + ROOM_TTL_SECONDS
    clock.now += 2 * 60
    with pytest.raises(RoomNotFound):
        store.state(idle.code)
    store.join(busy.code)  # a second voter does not extend it further
    assert store.state(busy.code).expires_at == clock.now - 16 * 60 + ROOM_TTL_SECONDS
    clock.now += ROOM_TTL_SECONDS - 16 * 60 - 1
    assert store.state(busy.code).joined == 2
    clock.now += 2
    with pytest.raises(RoomNotFound):
        store.state(busy.code)


def test_a_browser_that_joins_again_gets_its_own_ballot_back(make_store):
    first, second = make_store(), make_store()  # a reload may land on another replica
    ticket = first.create("2", OPTIONS, 7, START)
    phone = "p" * 24
    token = first.join(ticket.code, browser=phone)
    first.vote(ticket.code, token, 1, ["imos"])
    for store in (first, second, second):  # reload, a second tab, the page reopened
        assert store.join(ticket.code, browser=phone, address="192.0.2.9") == token
    assert second.state(ticket.code).joined == 1
    other = second.join(ticket.code, browser="q" * 24)
    assert other != token and second.state(ticket.code).joined == 2
    with pytest.raises(InvalidInput):
        first.join(ticket.code, browser="not a token")


def test_one_address_cannot_fill_a_room_ahead_of_real_voters(make_store):
    from imos.rooms import RoomFullFromHere
    store = make_store(max_voters=6)  # half of the room per address: 3
    ticket = store.create("2", OPTIONS, 7, START)
    for _ in range(3):
        store.join(ticket.code, address="203.0.113.5")
    with pytest.raises(RoomFullFromHere, match="from your network"):
        store.join(ticket.code, address="203.0.113.5")
    for n in range(3):
        store.join(ticket.code, address=f"198.51.100.{n}")
    with pytest.raises(RoomFull):
        store.join(ticket.code, address="198.51.100.200")


def test_a_first_visit_is_bound_to_its_browser_once_the_browser_reports_its_id(make_store):
    store = make_store()
    ticket = store.create("2", OPTIONS, 7, START)
    phone = "r" * 24
    first_visit = store.join(ticket.code)  # before the browser's id is known
    assert store.bind(ticket.code, first_visit, phone) == first_visit
    assert store.join(ticket.code, browser=phone) == first_visit  # the reload
    # cookie cleared, local storage kept: a fresh session joins, then its browser reports
    fresh = store.join(ticket.code)
    store.vote(ticket.code, fresh, 1, ["imos"])
    assert store.state(ticket.code).joined == 2
    assert store.bind(ticket.code, fresh, phone) == first_visit
    assert store.state(ticket.code).joined == 1 and store.ballots(ticket.code, 1) == []
    with pytest.raises(NotJoined):
        store.bind(ticket.code, "s" * 24, "t" * 24)


def test_a_voter_reads_back_the_ballot_they_cast(make_store):
    first, second = make_store(), make_store()
    ticket = first.create("2", OPTIONS, 7, START)
    voter = first.join(ticket.code)
    assert second.ballot_of(ticket.code, voter, 1) is None
    first.vote(ticket.code, voter, 1, ["imos", "stress_fracture"])
    assert second.ballot_of(ticket.code, voter, 1) == {"imos", "stress_fracture"}
    first.vote(ticket.code, voter, 1, [])
    assert second.ballot_of(ticket.code, voter, 1) == frozenset()
    assert second.ballot_of(ticket.code, voter, 2) is None


def test_the_phones_of_a_room_share_one_read_of_its_state_a_second(monkeypatch):
    """Issue 26: 300 phones each asked the store every few seconds; now a room's state is
    read once a second per process, and a fresh read is always possible."""
    from components.room import room_access

    reads = []
    monkeypatch.setattr(room_access, "_shared", {})
    monkeypatch.setattr(room_access, "room_call", lambda call: reads.append(1) or len(reads))
    clock = [100.0]
    now = lambda: clock[0]  # noqa: E731
    assert [room_access.shared_room_state("A", now=now) for _ in range(50)] == [1] * 50
    assert room_access.shared_room_state("B", now=now) == 2  # each room its own
    clock[0] += room_access.SHARED_STATE_SECONDS
    assert room_access.shared_room_state("A", now=now) == 3  # a second later: read again
    assert room_access.shared_room_state("A", fresh=True, now=now) == 4
    assert room_access.shared_room_state("A", now=now) == 4  # the fresh read is shared
