"""The app's error boundary: an unexpected error in a page shows one friendly message and
goes to the server's log, whatever the host's `client.showErrorDetails` says.

Community Cloud forces that setting, and with it Streamlit would show the traceback, with
file paths, to every reader. Streamlit's own control flow (`st.stop`, `st.rerun`,
`st.switch_page`) raises exceptions that are not `Exception`s, so it passes through.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable

import streamlit as st
from streamlit.logger import get_logger

LOG = get_logger("imos.app")


def run_guarded(run: Callable[[], object], where: str) -> None:
    """Run `run` (a page); on an unexpected error, log it and show one message instead."""
    try:
        run()
    except Exception:  # noqa: BLE001 - this is the boundary: anything a page raises
        incident = uuid.uuid4().hex[:8]
        LOG.exception("Unexpected error on page %s (incident %s)", where, incident)
        st.error(
            "Something went wrong while drawing this page, and it could not be shown. "
            "Your other pages and your session are not affected: open another page from "
            "the menu, or reload this one. If it happens again, tell the people who run "
            f"this site the incident number **{incident}**.",
            icon=":material/sentiment_dissatisfied:",
        )


def guarded(where: str) -> Callable[[Callable[..., object]], Callable[..., None]]:
    """The same boundary for a fragment, whose reruns do not pass through the page:
    `@st.fragment` over `@guarded("explorer panel")`."""

    def wrap(function: Callable[..., object]) -> Callable[..., None]:
        @functools.wraps(function)
        def run(*args: object, **kwargs: object) -> None:
            run_guarded(lambda: function(*args, **kwargs), where)

        return run

    return wrap
