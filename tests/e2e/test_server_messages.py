"""Messages any client can send over the websocket, sent by a scripted client as
`bench/protocol.py` speaks them: none of them may harm other readers (issue 24)."""

from __future__ import annotations

import asyncio
import re

import pytest

from bench.protocol import Session
from tests.e2e.conftest import start_app, stop_app


@pytest.fixture(scope="module")
def server_url():
    process, url = start_app()
    yield url
    stop_app(process)


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

    before, after_sender, after_reader = asyncio.run(scenario())
    assert before == after_sender == after_reader == 1
