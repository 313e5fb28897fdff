"""Room codes, presenter secrets and voter tokens: random, checked, never chosen by a user.

A room code is 12 characters from a 32-letter alphabet without the look-alikes 0/O and
1/I (`ALPHABET`): 60 bits, typed as three groups of four (`K7M2-Q9XR-TVAB`). With at
most `MAX_ROOMS` rooms alive for `ROOM_TTL_SECONDS` each, a guesser who tries a million
codes a second (far beyond what a Streamlit server answers) for four hours hits any room
with probability at most 500 * 14,400 s * 1e6/s / 2**60, about 6e-6: guessing is
infeasible without any rate limit. The presenter's secret
(192 bits) is separate and only its SHA-256 is stored, so neither a voter nor whoever
reads the store can move the slides.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 12
CODE_BITS = CODE_LENGTH * math.log2(len(ALPHABET))  # 60.0
ROOM_TTL_SECONDS = 4 * 60 * 60
IDLE_TTL_SECONDS = 15 * 60  # a room nobody joins within this ends then
MAX_ROOMS = 500
MAX_VOTERS = 500
# Rooms one client may open (by its address behind the proxy, and by its browser), so that
# one script cannot take the server's MAX_ROOMS from real presenters (issue 24).
ROOMS_PER_CLIENT_PER_MINUTE = 3
ROOMS_PER_CLIENT_PER_HOUR = 10
# Joins and ballots one client may send a minute (a lecture hall shares one address).
JOINS_PER_ADDRESS_PER_MINUTE = 120
VOTES_PER_VOTER_PER_MINUTE = 20
VOTES_PER_ADDRESS_PER_MINUTE = 600
MAX_OPTIONS = 32
MAX_STAGES = 32

_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_SEPARATORS = re.compile(r"[\s-]+")


def new_code() -> str:
    """A fresh room code (12 characters of `ALPHABET`, from the `secrets` module)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: object) -> str | None:
    """The code a person typed, or None when it cannot be one.

    Case, spaces and hyphens are forgiven; anything else outside the alphabet is not.

    >>> normalise_code(" k7m2-q9xr-tvab ")
    'K7M2Q9XRTVAB'
    >>> normalise_code("K7M2Q9XRTVA0") is None
    True
    """
    if not isinstance(raw, str) or len(raw) > 40:
        return None
    code = _SEPARATORS.sub("", raw).upper()
    if len(code) != CODE_LENGTH or any(c not in ALPHABET for c in code):
        return None
    return code


def display_code(code: str) -> str:
    """`K7M2Q9XRTVAB` as people read and type it: `K7M2-Q9XR-TVAB`."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


def new_secret() -> str:
    """The presenter's secret: 192 random bits, URL-safe."""
    return secrets.token_urlsafe(24)


def new_voter_token() -> str:
    """An anonymous voter's token: 128 random bits, says nothing about the person."""
    return secrets.token_urlsafe(16)


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def secret_matches(secret: object, digest: str) -> bool:
    return isinstance(secret, str) and hmac.compare_digest(secret_digest(secret), digest)


def is_id(value: object) -> bool:
    """A case or diagnosis id as the store accepts it (letters, digits, `_.-`, 1-64)."""
    return isinstance(value, str) and _ID.fullmatch(value) is not None


def is_token(value: object) -> bool:
    return isinstance(value, str) and _TOKEN.fullmatch(value) is not None
