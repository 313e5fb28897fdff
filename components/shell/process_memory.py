"""Once-per-process settings of the server: large freed buffers given back to the OS, and
a client's `clear_cache` message refused.

Memory: give large freed buffers back to the operating system, so that memory taken by
uploads returns when they are dropped.

glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB
on 64-bit), after which 5 MB uploads land in the heap, whose top is rarely trimmed: the
server's RSS stayed at its peak after hostile uploads were dropped and their sessions
had ended (+200 MB for two sessions of forty 4.9 MB files, measured). A fixed threshold
(glibc's own default start, 128 KiB) keeps every large block in its own mapping, given
back when freed; measured, the RSS then returns to idle. Setting it here, not in the
environment (`MALLOC_MMAP_THRESHOLD_`), makes it hold on hosts whose environment we do not
control (Community Cloud). Elsewhere than glibc this does nothing.

`clear_cache`: Streamlit acts on that message from any client and empties every session's
caches (the shared series, the figures): after each, every reader's next page took ~4x
longer. It travels inside the websocket, so no proxy can filter it. Here the server's
handler is replaced once per process: the sender's own session state is cleared (what the
menu's "Clear cache" also does for that reader), the shared caches are kept, and the
refusal is logged. To really clear them, restart the server (or reboot the app).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

from streamlit.logger import get_logger

LOG = get_logger("imos.app")
M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
THRESHOLD_BYTES = 128 * 1024


@functools.cache
def return_large_blocks_to_the_os() -> bool:
    """Fix malloc's mmap threshold once per process; True when glibc accepted it."""
    try:
        mallopt = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    return mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES) == 1


@functools.cache
def refuse_clear_cache_from_clients() -> None:
    """Make a client's `clear_cache` message clear only that client's session state."""
    from streamlit.runtime.app_session import AppSession

    def _own_state_only(session: AppSession) -> None:
        LOG.warning("A client asked to clear the shared caches (session %s); refused: "
                    "restart the server to clear them", session.id)
        session._session_state.clear()  # noqa: SLF001 - what Streamlit's handler does too

    AppSession._handle_clear_cache_request = _own_state_only  # noqa: SLF001
