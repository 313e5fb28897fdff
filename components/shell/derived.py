"""Views worked out once per case series and shared, e.g. the explorer's case presets.

A series (shipped, or one reader's upload) is read-only, so what is derived from it can be
kept beside it for as long as the series lives, instead of being rebuilt on every rerun:
that keeps pages of a 500-case series close to the shipped series' speed. Values are
shared between the sessions that share the series; treat them as read-only.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")
MAX_VALUES = 256  # the oldest are dropped beyond this (figures of many pages, say)
_VALUES: dict[tuple[int, Hashable], object] = {}
_LOCK = threading.Lock()


def derived(series: object, name: Hashable, build: Callable[[], T]) -> T:
    """`build()` for this series and name, computed once and forgotten with the series."""
    series_id = id(series)

    def watch() -> None:  # the series' first value: forget them all when it goes
        if not any(k[0] == series_id for k in _VALUES):
            weakref.finalize(series, _forget, series_id)

    return _memoised(_VALUES, _LOCK, (series_id, name), build, MAX_VALUES, on_new=watch)


def _forget(series_id: int) -> None:
    with _LOCK:
        for key in [k for k in _VALUES if k[0] == series_id]:
            del _VALUES[key]


def _memoised(values: dict, lock: threading.Lock, key: Hashable, build: Callable[[], T],
              size: int, on_new: Callable[[], None] | None = None) -> T:
    """The value of `key` in `values`, built (outside the lock) when missing; the oldest
    values are dropped beyond `size`. `on_new` runs under the lock before an insert."""
    with lock:
        if key in values:
            return values[key]
    value = build()
    with lock:
        if key not in values:
            if on_new is not None:
                on_new()
            values[key] = value
            while len(values) > size:
                del values[next(iter(values))]
        return values.get(key, value)


class BoundedMemo:
    """A small thread-safe memo that forgets its oldest values beyond `size` (kept beside
    a series with `derived`, so it lives and dies with it). Values are shared between
    sessions: store only read-only ones."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[Hashable, object] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        return _memoised(self._values, self._lock, key, build, self.size)
