"""The shared room store for several replicas: Redis, with each check-and-write done
atomically in one Lua script.

Keys, all under `imos:room:<code>` (and expired by Redis an hour after the room): the
room's hash (secret digest, case, options, stages, position, expiry), its voters (a set
of tokens), its browsers (browser id -> token) and addresses (address -> voters admitted), its closed stages (a set) and one hash of ballots per stage (token -> kept).
`imos:rooms` is a sorted set of live codes by expiry, which bounds the number of rooms.
`imos:limit:<client>:<window>:<n>` counts what one client did in one window (`spend`).
The expiry a caller sees is checked against the store's clock, like the SQLite store's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from imos.rooms.codes import new_code, new_secret, new_voter_token, secret_digest, secret_matches
from imos.rooms.store import (
    InvalidInput, NotJoined, NotPresenter, RoomFull, RoomFullFromHere, RoomNotFound, RoomPosition, RoomState,
    RoomStore, Ticket, TooManyRooms, VotingClosed, check_ballot, check_code, check_position,
    parse_ballot,
)

ROOMS = "imos:rooms"
GRACE_SECONDS = 3600  # Redis keeps a room's keys this long after its expiry

_LIVE = """
local expires = redis.call('HGET', KEYS[1], 'expires')
if not expires or tonumber(expires) <= tonumber(ARGV[1]) then return 'gone' end
"""

CREATE = """
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return 'many' end
if redis.call('EXISTS', KEYS[1]) == 1 then return 'taken' end
redis.call('HSET', KEYS[1], 'secret', ARGV[4], 'case', ARGV[5], 'options', ARGV[6],
           'stages', ARGV[7], 'step', ARGV[8], 'revealed', ARGV[9], 'expires', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[10])
if ARGV[9] == '1' then
  redis.call('SADD', KEYS[3], ARGV[8]); redis.call('EXPIRE', KEYS[3], ARGV[10])
end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[11])
return 'ok'
"""

JOIN = _LIVE + """
if ARGV[7] ~= '' then
  local again = redis.call('HGET', KEYS[5], ARGV[7])
  if again then return {'again', again} end
end
local joined = redis.call('SCARD', KEYS[2])
if joined >= tonumber(ARGV[2]) then return {'full'} end
if ARGV[8] ~= '' and tonumber(redis.call('HGET', KEYS[6], ARGV[8]) or '0')
   >= tonumber(ARGV[9]) then return {'network'} end
local keep = tonumber(ARGV[4])
if joined == 0 then  -- the first voter: the room lives its full time from its opening
  local later = tonumber(expires) + tonumber(ARGV[5])
  redis.call('HSET', KEYS[1], 'expires', later)
  redis.call('ZADD', KEYS[3], later, ARGV[6])
  keep = keep + tonumber(ARGV[5])
  redis.call('EXPIRE', KEYS[1], keep)
  redis.call('EXPIRE', KEYS[4], keep)
end
redis.call('SADD', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], keep)
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[5], ARGV[7], ARGV[3]); redis.call('EXPIRE', KEYS[5], keep)
end
if ARGV[8] ~= '' then
  redis.call('HINCRBY', KEYS[6], ARGV[8], 1); redis.call('EXPIRE', KEYS[6], keep)
end
return {'ok', ARGV[3]}
"""

BIND = _LIVE + """
local held = redis.call('HGET', KEYS[3], ARGV[3])
if held then
  if held ~= ARGV[2] then
    redis.call('SREM', KEYS[2], ARGV[2])
    for stage = 1, tonumber(ARGV[4]) do
      redis.call('HDEL', KEYS[1] .. ':ballots:' .. stage, ARGV[2])
    end
  end
  return held
end
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then return 'stranger' end
redis.call('HSET', KEYS[3], ARGV[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[5])
return ARGV[2]
"""

SPEND = """
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if used >= tonumber(ARGV[2]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], math.ceil(tonumber(ARGV[3]) - tonumber(ARGV[1])) + 1)
return 1
"""

VOTE = _LIVE + """
if redis.call('SISMEMBER', KEYS[2], ARGV[2]) == 0 then return 'stranger' end
local room = redis.call('HMGET', KEYS[1], 'step', 'revealed', 'stages')
if room[1] ~= ARGV[3] or room[2] ~= '0' or tonumber(ARGV[3]) > tonumber(room[3])
   or redis.call('SISMEMBER', KEYS[3], ARGV[3]) == 1 then return 'closed' end
redis.call('HSET', KEYS[4], ARGV[2], ARGV[4])
redis.call('EXPIRE', KEYS[4], ARGV[5])
return 'ok'
"""

MOVE = _LIVE + """
if redis.call('HGET', KEYS[1], 'secret') ~= ARGV[2] then return 'stranger' end
redis.call('HSET', KEYS[1], 'step', ARGV[3], 'revealed', ARGV[4])
if ARGV[4] == '1' then
  redis.call('SADD', KEYS[2], ARGV[3]); redis.call('EXPIRE', KEYS[2], ARGV[5])
end
return 'ok'
"""

STATE = _LIVE + """
return {redis.call('HMGET', KEYS[1], 'case', 'options', 'stages', 'step', 'revealed',
                   'expires', 'secret'), redis.call('SCARD', KEYS[2])}
"""

BALLOT_OF = _LIVE + """
return {redis.call('HGET', KEYS[2], ARGV[2])}
"""

BALLOTS = _LIVE + """
return redis.call('HVALS', KEYS[2])
"""


def _key(code: str, *parts: object) -> str:
    return ":".join(["imos:room", code, *map(str, parts)])


class RedisRoomStore(RoomStore):
    def __init__(self, url: str, **limits) -> None:
        import redis  # only deployments that choose Redis need the client

        super().__init__(**limits)
        self._redis = redis.Redis.from_url(url, decode_responses=True, socket_timeout=5,
                                           socket_connect_timeout=5, health_check_interval=30)
        self._scripts = {name: self._redis.register_script(src) for name, src in
                         [("create", CREATE), ("join", JOIN), ("vote", VOTE), ("move", MOVE),
                          ("state", STATE), ("ballots", BALLOTS), ("spend", SPEND), ("bind", BIND),
                          ("ballot_of", BALLOT_OF)]}

    def _keep_for(self, expires: float) -> int:
        return int(expires - self.clock()) + GRACE_SECONDS

    def _run(self, name: str, keys: list[str], *args):
        result = self._scripts[name](keys=keys, args=[self.clock(), *args])
        if result == "gone":
            raise RoomNotFound()
        return result

    def _create(self, case_id: str, options: tuple[str, ...], n_stages: int,
                position: RoomPosition) -> Ticket:
        expires = self.clock() + self.idle_ttl  # the full time once somebody joins
        while True:
            code, secret = new_code(), new_secret()
            result = self._run("create", [_key(code), ROOMS, _key(code, "closed")],
                               self.max_rooms, expires, secret_digest(secret), case_id,
                               json.dumps(options), n_stages, position.step,
                               int(position.revealed), self._keep_for(expires), code)
            if result == "many":
                raise TooManyRooms()
            if result == "ok":
                return Ticket(code, secret)

    def _state(self, code: str) -> tuple[RoomState, str]:
        (case_id, options, stages, step, revealed, expires, digest), joined = self._run(
            "state", [_key(code), _key(code, "voters")])
        state = RoomState(code, case_id, tuple(json.loads(options)), int(stages),
                          RoomPosition(int(step), revealed == "1"), int(joined), float(expires))
        return state, digest

    def state(self, code: str) -> RoomState:
        return self._state(check_code(code))[0]

    def _join(self, code: str, browser: str | None, address: str | None) -> str:
        state, _ = self._state(code)
        result = self._run("join", [_key(code), _key(code, "voters"), ROOMS, _key(code, "closed"),
                                    _key(code, "browsers"), _key(code, "addresses")],
                           self.max_voters, new_voter_token(), self._keep_for(state.expires_at),
                           self.ttl - self.idle_ttl, code, browser or "", address or "",
                           self.max_voters_per_address)
        if result[0] == "full":
            raise RoomFull()
        if result[0] == "network":
            raise RoomFullFromHere(self.max_voters_per_address)
        return result[1]

    def _bind(self, code: str, token: str, browser: str) -> str:
        state, _ = self._state(code)
        result = self._run("bind", [_key(code), _key(code, "voters"), _key(code, "browsers")],
                           token, browser, state.n_stages + 1, self._keep_for(state.expires_at))
        if result == "stranger":
            raise NotJoined()
        return result

    def _spend(self, key: str, limit: int, until: float) -> bool:
        return self._scripts["spend"](keys=[f"imos:limit:{key}"],
                                      args=[self.clock(), limit, until]) == 1

    def vote(self, code: str, token: str, stage: int, kept: Iterable[str]) -> None:
        code = check_code(code)
        state, _ = self._state(code)  # options never change, so checking them first is safe
        token, ballot = check_ballot(token, stage, kept, state.options)
        result = self._run("vote", [_key(code), _key(code, "voters"), _key(code, "closed"),
                                    _key(code, "ballots", stage)],
                           token, stage, ballot, self._keep_for(state.expires_at))
        if result == "stranger":
            raise NotJoined()
        if result == "closed":
            raise VotingClosed()

    def ballots(self, code: str, stage: int) -> list[frozenset[str]]:
        code = check_code(code)
        if not isinstance(stage, int) or isinstance(stage, bool):
            raise InvalidInput("a stage is a number")
        return [parse_ballot(b) for b in
                self._run("ballots", [_key(code), _key(code, "ballots", stage)])]

    def _ballot_of(self, code: str, token: str, stage: int) -> str | None:
        found = self._run("ballot_of", [_key(code), _key(code, "ballots", stage)], token)
        return found[0] if found and isinstance(found[0], str) else None

    def move(self, code: str, secret: str, position: RoomPosition) -> None:
        code = check_code(code)
        state, digest = self._state(code)
        if not secret_matches(secret, digest):
            raise NotPresenter()
        position = check_position(position, state.n_stages)
        if self._run("move", [_key(code), _key(code, "closed")], digest, position.step,
                     int(position.revealed), self._keep_for(state.expires_at)) == "stranger":
            raise NotPresenter()

    def _attach_facts(self, code: str, secret: str, facts: str) -> None:
        state, digest = self._state(code)
        if not secret_matches(secret, digest):
            raise NotPresenter()
        self._redis.set(_key(code, "facts"), facts, ex=self._keep_for(state.expires_at))

    def facts(self, code: str) -> str | None:
        code = check_code(code)
        self._state(code)  # RoomNotFound once the room has expired
        return self._redis.get(_key(code, "facts"))

    def close(self) -> None:
        self._redis.close()
