"""Heavy downloads are built a few at a time per server and one at a time per reader."""

from __future__ import annotations

import threading
import time

import pytest

from components.files import build_limits
from components.files.build_limits import BuildRefused, bounded


def _slow(started: list, release: threading.Event):
    def build() -> bytes:
        started.append(time.monotonic())
        release.wait(10)
        return b"deck"
    return build


def test_at_most_server_builds_run_at_once_and_the_rest_wait(monkeypatch):
    monkeypatch.setattr(build_limits, "_SERVER", threading.BoundedSemaphore(2))
    started, release, results = [], threading.Event(), []
    builds = []
    for n in range(4):  # four readers (sessions) press at once
        monkeypatch.setattr(build_limits, "get_script_run_ctx",
                            lambda n=n: type("Ctx", (), {"session_id": f"s{n}"})())
        builds.append(bounded(_slow(started, release)))
    threads = [threading.Thread(target=lambda b=b: results.append(b())) for b in builds]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    assert len(started) == 2  # two build, two wait
    release.set()
    for thread in threads:
        thread.join(5)
    assert results == [b"deck"] * 4


def test_one_reader_builds_one_file_at_a_time_and_a_full_server_says_so(monkeypatch):
    monkeypatch.setattr(build_limits, "_SERVER", threading.BoundedSemaphore(1))
    monkeypatch.setattr(build_limits, "WAIT_SECONDS", 0.2)
    monkeypatch.setattr(build_limits, "get_script_run_ctx",
                        lambda: type("Ctx", (), {"session_id": "reader"})())
    started, release = [], threading.Event()
    first = threading.Thread(target=bounded(_slow(started, release)))
    first.start()
    time.sleep(0.2)
    with pytest.raises(BuildRefused, match="previous download is still being made"):
        bounded(lambda: b"x")()
    monkeypatch.setattr(build_limits, "get_script_run_ctx",
                        lambda: type("Ctx", (), {"session_id": "other"})())
    with pytest.raises(BuildRefused, match="server is busy"):
        bounded(lambda: b"x")()
    release.set()
    first.join(5)
    assert bounded(lambda: b"x")() == b"x"  # free again
