"""Probes for the browser tests, in one place: hidden marks in the page that a test reads
and a reader never sees (nor a screen reader: `hidden`).

`probe("explorer-page-runs", runs)` draws `<div id="explorer-page-runs" hidden>runs</div>`:
the explorer's browser test reads the number of full runs of the page there, to prove that
a toggle reruns only the panel (`tests/e2e/test_explorer_browser.py`).
"""

from __future__ import annotations

from html import escape

import streamlit as st


def probe(name: str, value: object) -> None:
    """A hidden element with id `name` holding `value` as text, for a browser test."""
    st.html(f'<div id="{escape(name)}" hidden>{escape(str(value))}</div>')
