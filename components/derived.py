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
    key = (id(series), name)
    with _LOCK:
        if key in _VALUES:
            return _VALUES[key]  # type: ignore[return-value]
    value = build()
    with _LOCK:
        if key not in _VALUES:
            if not any(k[0] == key[0] for k in _VALUES):
                weakref.finalize(series, _forget, key[0])
            _VALUES[key] = value
            while len(_VALUES) > MAX_VALUES:
                del _VALUES[next(iter(_VALUES))]
        return _VALUES.get(key, value)  # type: ignore[return-value]


def _forget(series_id: int) -> None:
    with _LOCK:
        for key in [k for k in _VALUES if k[0] == series_id]:
            del _VALUES[key]


class BoundedMemo:
    """A small thread-safe memo that forgets its oldest values beyond `size` (kept beside
    a series with `derived`, so it lives and dies with it). Values are shared between
    sessions: store only read-only ones."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[Hashable, object] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                return self._values[key]  # type: ignore[return-value]
        value = build()
        with self._lock:
            self._values.setdefault(key, value)
            while len(self._values) > self.size:
                del self._values[next(iter(self._values))]
            return self._values.get(key, value)  # type: ignore[return-value]
