"""Messages any client can send over the websocket, sent by a scripted client as
`bench/protocol.py` speaks them: none of them may harm other readers (issue 24)."""

from __future__ import annotations

import asyncio
import re
import threading
import time

import pytest

from bench.protocol import Session
from tests.e2e.conftest import start_app, stop_app


@pytest.fixture(scope="module")
def server_url():
    process, url = start_app()
    yield url
    stop_app(process)


def _run(coroutine):
    """`asyncio.run` in a thread of its own: Playwright's tests of the same run keep an
    event loop running in this one."""
    outcome = {}

    def target() -> None:
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as error:  # noqa: BLE001 - raised again below
            outcome["error"] = error

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _loads(session: Session) -> int:
    probe = next(t for t in session.texts if 'id="shared-series-loads"' in t)
    return int(re.search(r">(\d+)<", probe).group(1))


def test_a_clients_clear_cache_keeps_the_shared_caches(server_url):
    """Streamlit empties every session's caches on `clear_cache` from any client; the app
    refuses it: the shared series is not loaded again, for the sender or anyone else."""

    async def scenario() -> tuple[int, int, int]:
        reader, prankster = Session(server_url), Session(server_url)
        try:
            assert (await reader.open()).ok and (await prankster.open()).ok
            before = _loads(reader)
            for _ in range(3):
                await prankster.clear_cache()
            await asyncio.sleep(0.5)
            assert (await prankster._rerun(fragment_id="")).ok  # noqa: SLF001
            assert (await reader._rerun(fragment_id="")).ok  # noqa: SLF001
            return before, _loads(prankster), _loads(reader)
        finally:
            await reader.close()
            await prankster.close()

    before, after_sender, after_reader = _run(scenario())
    assert before == after_sender == after_reader == 1


def _walkthrough(url: str, address: str, cookie: str | None = None) -> Session:
    headers = {"X-Forwarded-For": address}  # as nginx (a trusted proxy on loopback) sends it
    if cookie:
        headers["Cookie"] = f"imos_browser={cookie}"
    return Session(url, page="walkthrough", query="case=2&step=1&present=1", timeout=60,
                   headers=headers)


async def _open_room(session: Session) -> str:
    """Press "Open a live room"; the room code shown, or the error the presenter reads."""
    await session.open()
    await session.click("wt_open_room")
    return " ".join(session.texts)


def _in_one_minute_window(seconds_needed: float = 40.0) -> None:
    """Wait, if need be, until the clock's minute has `seconds_needed` left: the store counts
    a client's rooms per clock minute (`RoomStore.spend`), so a test whose opens straddle
    a minute's end would see the limit twice (it once opened 6 rooms instead of 3)."""
    left = 60 - time.time() % 60
    if left < seconds_needed:
        time.sleep(left + 0.5)


def test_one_scripted_client_cannot_keep_a_presenter_from_opening_a_room(server_url):
    """Issue 24: a script once opened ~390 rooms a minute and filled the server's 500."""
    _in_one_minute_window()

    async def scenario() -> tuple[list[str], str, str]:
        said = []
        for n in range(8):  # the script: a new session (no cookie) for each room
            session = _walkthrough(server_url, "203.0.113.5")
            try:
                said.append(await _open_room(session))
            finally:
                await session.close()
        presenter = _walkthrough(server_url, "198.51.100.7", cookie="b" * 24)
        try:
            opened = await _open_room(presenter)
        finally:
            await presenter.close()
        by_browser = []  # one browser (its cookie) moving from address to address
        for n in range(4):
            session = _walkthrough(server_url, f"192.0.2.{40 + n}", cookie="c" * 24)
            try:
                by_browser.append(await _open_room(session))
            finally:
                await session.close()
        return said, opened, by_browser

    said, opened, by_browser = _run(scenario())
    rooms = [s for s in said if "Room code" in s]
    refused = [s for s in said if "opened too many live rooms from here" in s]
    assert len(rooms) == 3 and len(refused) == 5, said
    assert "at most 3 a minute and 10 an hour" in refused[0]
    assert "Room code" in opened
    assert ["Room code" in s for s in by_browser] == [True, True, True, False]
    assert "opened too many live rooms from here" in by_browser[-1]
