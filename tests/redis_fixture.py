"""A real redis-server for the tests that need one, started on a free loopback port.

Without redis-server those tests are skipped, unless IMOS_REQUIRE_BROWSER=1 (set by CI,
which installs it), in which case they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from bench.server import REDIS_SERVER, start_redis, stop


def require_redis_server() -> None:
    if REDIS_SERVER is not None:
        return
    message = "redis-server is not installed (apt-get install redis-server)"
    if os.environ.get("IMOS_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    require_redis_server()
    process, url = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    stop(process)
