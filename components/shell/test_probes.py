"""Probes for the browser tests, in one place: hidden marks in the page that a test reads
and a reader never sees (nor a screen reader: `hidden`).

They are drawn only when the server runs with `IMOS_TEST_PROBES=1` (the browser tests'
servers do): each one is a message of its own on every run, and a room opening the
explorer at once pays for every message (bench/README.md).

`probe("explorer-page-runs", runs)` draws `<div id="explorer-page-runs" hidden>runs</div>`:
the explorer's browser test reads the number of full runs of the page there, to prove that
a toggle reruns only the panel (`tests/e2e/test_explorer_browser.py`).
"""

from __future__ import annotations

import os
from html import escape

import streamlit as st


PROBES_ENV = "IMOS_TEST_PROBES"
DRAWN = os.environ.get(PROBES_ENV) == "1"


def probe(name: str, value: object) -> None:
    """A hidden element with id `name` holding `value` as text, for a browser test (only
    with `IMOS_TEST_PROBES=1`)."""
    if DRAWN:
        st.html(f'<div id="{escape(name)}" hidden>{escape(str(value))}</div>')
