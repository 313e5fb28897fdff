"""Give large freed buffers back to the operating system, so that memory taken by
uploads returns when they are dropped.

glibc's malloc raises its mmap threshold each time a large block is freed (up to 32 MB
on 64-bit), after which 5 MB uploads land in the heap, whose top is rarely trimmed: the
server's RSS stayed at its peak after hostile uploads were dropped and their sessions
had ended (+200 MB for two sessions of forty 4.9 MB files, measured). A fixed threshold
(glibc's own default start, 128 KiB) keeps every large block in its own mapping, given
back when freed; measured, the RSS then returns to idle. Setting it here, not in the
environment (`MALLOC_MMAP_THRESHOLD_`), makes it hold on hosts whose environment we do not
control (Community Cloud). Elsewhere than glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

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
