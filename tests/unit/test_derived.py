"""Derived views are built once per series and forgotten with it."""

import gc

from components.shell.derived import _VALUES, derived


class _Series:
    pass


def test_built_once_per_series_and_name_and_forgotten_with_the_series():
    calls = []
    series = _Series()
    assert derived(series, "x", lambda: calls.append(1) or 41) == 41
    assert derived(series, "x", lambda: calls.append(1) or 99) == 41
    assert derived(series, "y", lambda: 7) == 7
    assert calls == [1]
    other = _Series()
    assert derived(other, "x", lambda: 5) == 5
    key = id(series)
    del series
    gc.collect()
    assert not any(k[0] == key for k in _VALUES)
    assert derived(other, "x", lambda: 6) == 5


def test_the_oldest_values_are_dropped_beyond_the_limit(monkeypatch):
    import components.shell.derived as module

    monkeypatch.setattr(module, "MAX_VALUES", 3)
    series = _Series()
    for n in range(5):
        assert derived(series, n, lambda n=n: n) == n
    assert sum(1 for k in _VALUES if k[0] == id(series)) == 3
    assert derived(series, 0, lambda: "rebuilt") == "rebuilt"


def test_a_bounded_memo_builds_each_value_once_and_forgets_the_oldest():
    from components.shell.derived import BoundedMemo

    memo, calls = BoundedMemo(2), []

    def build(value):
        return lambda: calls.append(value) or value

    assert memo.get("a", build(1)) == 1 and memo.get("a", build(99)) == 1
    memo.get("b", build(2))
    memo.get("c", build(3))  # "a" is the oldest: forgotten
    assert memo.get("a", build(4)) == 4
    assert calls == [1, 2, 3, 4]
