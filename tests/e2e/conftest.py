"""Real-browser fixtures: the app served by `streamlit run` on a free loopback port, and
Playwright driving Debian's Chromium (/usr/bin/chromium).

Without Chromium the browser tests are skipped, unless IMOS_REQUIRE_BROWSER=1 (set by CI),
in which case they fail.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import start_streamlit, stop
from components.shell.test_probes import PROBES_ENV
from tests.conftest import REPO

CHROMIUM = Path(os.environ.get("IMOS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = REPO / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"{CHROMIUM} not found: install Debian's chromium to run the browser tests"
    if os.environ.get("IMOS_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }


def start_app(env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start `streamlit run dashboard.py` on a free loopback port, with the test probes
    drawn (`components.shell.test_probes`); wait until healthy."""
    return start_streamlit("dashboard.py", {PROBES_ENV: "1", **(env or {})})


stop_app = stop


@pytest.fixture(scope="session")
def app_url(_require_chromium) -> Iterator[str]:
    process, url = start_app()
    yield url
    stop_app(process)


IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until the app is connected and its script has finished running, and is still
    idle a moment later: a click's callback may start a second run (a new address, a page
    switch) just after the first ends, and on a loaded machine later than a fixed pause, so
    a key pressed in that gap went to a page about to be redrawn."""
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                           timeout=timeout)
    deadline = time.monotonic() + timeout / 1000
    while True:
        page.wait_for_timeout(150)
        page.wait_for_selector(IDLE, timeout=timeout)
        page.wait_for_timeout(250)
        if page.locator(IDLE).count() or time.monotonic() > deadline:
            return


def save_screenshot(page, name: str) -> Path:
    """Keep a full-window screenshot under test-artifacts/ for people to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
