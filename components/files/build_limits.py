"""Heavy downloads (slides, PDF and HTML handouts) built a few at a time.

Six parallel builds once pinned the server and slowed every reader 2-5x. A build runs
only when its button is pressed (Streamlit's deferred download, while the button shows
that it is working); here each build waits for one of `SERVER_BUILDS` places of this
process (up to `WAIT_SECONDS`), and one reader (session) builds one file at a time. A
build that cannot start says so in plain words, which Streamlit shows beside the button.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from streamlit.runtime.scriptrunner import get_script_run_ctx

T = TypeVar("T")
SERVER_BUILDS = 2  # builds at once in one process (the benchmark machine has 2 cores)
WAIT_SECONDS = 60.0

_SERVER = threading.BoundedSemaphore(SERVER_BUILDS)
_BUILDING: set[str] = set()
_LOCK = threading.Lock()


class BuildRefused(RuntimeError):
    """A build that cannot start now; its message is for the reader."""


def bounded(build: Callable[[], T]) -> Callable[[], T]:
    """`build`, run within the limits above (the session is the one drawing the button)."""
    ctx = get_script_run_ctx()
    session = ctx.session_id if ctx is not None else "no session"

    def run() -> T:
        with _LOCK:
            if session in _BUILDING:
                raise BuildRefused("Your previous download is still being made; wait for it, "
                                   "then press again.")
            _BUILDING.add(session)
        try:
            if not _SERVER.acquire(timeout=WAIT_SECONDS):
                raise BuildRefused("The server is busy making other readers' downloads; "
                                   "try again in a minute.")
            try:
                return build()
            finally:
                _SERVER.release()
        finally:
            with _LOCK:
                _BUILDING.discard(session)

    return run
