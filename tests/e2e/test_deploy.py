"""Deployment pieces that can run here: the container health check command, two app
replicas behind nginx (deploy/nginx.conf) serving real browser sessions over websockets,
and a live room shared by two replicas through Redis."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest

from bench.server import NGINX, replicas_behind_nginx
from tests.conftest import REPO
from tests.e2e.conftest import save_screenshot, start_app, stop_app, wait_for_app
from tests.e2e.explorer_view import wait_for_status
from tests.e2e.room_view import PROJECTOR, counter_reads, join, open_room, reveal, room_row, vote
from tests.redis_fixture import redis_url  # noqa: F401 (fixture)


def _health_command(url: str) -> int:
    return subprocess.run([sys.executable, str(REPO / "deploy/healthcheck.py"), url],
                          timeout=30).returncode


def test_the_container_health_check_passes_on_a_live_app_and_fails_without_one():
    process, url = start_app()
    try:
        assert _health_command(url) == 0
    finally:
        stop_app(process)
    assert _health_command(url) == 1


@contextmanager
def _replicas_behind_nginx(work_dir, envs: list[dict]):
    """One app replica per environment in `envs`, behind nginx with deploy/nginx.conf as
    shipped (ip_hash); yields (proxy url, replica urls)."""
    if NGINX is None:
        if os.environ.get("IMOS_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is not installed (apt-get install nginx-light)")
        pytest.skip("nginx is not installed")
    with replicas_behind_nginx(work_dir, envs) as (url, apps):
        assert _health_command(url) == 0
        yield url, [u for _, u in apps]


@pytest.fixture
def two_replicas_behind_nginx(tmp_path):
    with _replicas_behind_nginx(tmp_path, [{}, {}]) as urls:
        yield urls


@pytest.fixture
def two_replicas_with_redis(tmp_path, redis_url):
    """Two replicas sharing rooms through Redis only: each has a room folder of its own, so
    the embedded store could not make this test pass."""
    envs = [{"IMOS_ROOM_STORE": redis_url, "IMOS_ROOM_DIR": str(tmp_path / f"rooms{n}")}
            for n in (1, 2)]
    with _replicas_behind_nginx(tmp_path, envs) as urls:
        yield urls


def test_two_replicas_behind_nginx_serve_interactive_sessions(two_replicas_behind_nginx, browser):
    url, replicas = two_replicas_behind_nginx
    assert all(_health_command(r) == 0 for r in replicas)
    page = browser.new_page(viewport={"width": 1400, "height": 2000})
    page.goto(f"{url}/explorer")
    wait_for_app(page)
    page.get_by_role("button", name="As Case 2 presented").click()  # a rerun over the websocket
    wait_for_status(page, "Osteosarcoma", "Excluded")
    page.goto(f"{url}/walkthrough?case=1&step=2&reveal=1")
    wait_for_app(page)
    assert page.get_by_text("This stage asks for no decision").count() == 1  # the laboratory
    save_screenshot(page, "deploy-behind-nginx")
    page.close()
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        assert response.read().strip() == b"ok"


def _head(url: str) -> tuple[int, dict[str, str]]:
    """`curl -I`: the status and headers of a HEAD request (errors included)."""
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}


def _put(url: str, body: bytes) -> int:
    request = urllib.request.Request(url, data=body, method="PUT")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_nginx_sends_the_security_headers_and_not_its_version(two_replicas_behind_nginx):
    url, _ = two_replicas_behind_nginx
    for path in ("/", "/explorer", "/_stcore/health", "/no-such-file.js"):
        status, headers = _head(f"{url}{path}")
        assert status < 500, path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("content-security-policy") == "frame-ancestors 'self'", path
        assert headers.get("server") == "nginx", path  # server_tokens off: no version
        assert "strict-transport-security" not in headers  # only behind TLS (documented)


def test_nginx_limits_upload_requests(two_replicas_behind_nginx):
    url, _ = two_replicas_behind_nginx
    upload = f"{url}/_stcore/upload_file/no-session/no-file"
    assert _put(upload, b"x" * 7_000_000) == 413  # over client_max_body_size
    assert _put(f"{url}/", b"x" * 2_000_000) == 413  # no large bodies elsewhere
    codes = [_put(upload, b"x") for _ in range(40)]  # faster than 2 a second
    assert codes.count(503) >= 10, codes  # the burst of 20 passes, the rest is refused
    assert 503 not in codes[:15]
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        assert response.status == 200  # the rest of the site is not limited


def test_a_live_room_spans_two_replicas_through_redis(two_replicas_with_redis, browser):
    url, (first, second) = two_replicas_with_redis
    presenter_context = browser.new_context(viewport=PROJECTOR)
    presenter = presenter_context.new_page()
    link = open_room(presenter, url, case="2")  # through nginx
    code = link.rsplit("=", 1)[1]
    voters = [join(browser, f"{first}/vote?room={code}"),  # straight to each replica,
              join(browser, f"{second}/vote?room={code}"),  # so both serve voters
              join(browser, link)]  # and one through the proxy
    keep = [{"Osteosarcoma"}, {"Osteosarcoma", "Osteoid osteoma"}, set()]
    labels = ["Osteosarcoma", "Osteoid osteoma"]
    for (_, page), kept in zip(voters, keep):
        page.get_by_text("Case 2 · stage 1 of 7").wait_for(timeout=20_000)
        vote(page, kept, labels)
    counter_reads(presenter, 3, 3)
    reveal(presenter, 3)
    assert room_row(presenter, "Osteosarcoma")[1] == "67%"
    assert room_row(presenter, "Osteoid osteoma")[1] == "33%"
    for _, page in voters:  # every replica's voters see the stage close
        page.get_by_text("voting on it is closed").wait_for(timeout=20_000)
    save_screenshot(presenter, "deploy-live-room-redis")
    for context, _ in voters:
        context.close()
    presenter_context.close()


def _connections_to(port: int) -> int:
    """Established TCP connections to a loopback port (from /proc: no psutil needed)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            if state == "01" and int(local.rsplit(":", 1)[1], 16) == port:
                count += 1
    return count


def test_votes_survive_a_killed_replica_and_a_redis_restart(tmp_path, browser):
    """Issue 24: killing the replica that held the sessions lost the room from the
    presenter's screen and made voters new voters (3 became 6); restarting Redis as the
    compose file ran it lost every vote. Redis now runs as deploy/ runs it (append-only
    file); the presenter and the phones find their room and ballots again."""
    from bench.server import free_port, start_redis, stop
    from tests.redis_fixture import require_redis_server

    require_redis_server()
    port, data = free_port(), tmp_path / "redis"
    data.mkdir()
    redis_process, redis_url = start_redis(data, port=port, persistent=True)
    envs = [{"IMOS_ROOM_STORE": redis_url, "IMOS_ROOM_DIR": str(tmp_path / f"rooms{n}")}
            for n in (1, 2)]
    try:
        if NGINX is None:
            pytest.skip("nginx is not installed")
        with replicas_behind_nginx(tmp_path, envs) as (url, apps):
            presenter_context = browser.new_context(viewport=PROJECTOR)
            presenter = presenter_context.new_page()
            link = open_room(presenter, url, case="2")
            voters = [join(browser, link) for _ in range(3)]
            labels = ["Osteosarcoma", "Osteoid osteoma"]
            acknowledged = [{"Osteosarcoma"}, {"Osteosarcoma", "Osteoid osteoma"}, set()]
            for (_, page), kept in zip(voters, acknowledged):
                vote(page, kept, labels)  # "Vote received" is the acknowledgement
            counter_reads(presenter, 3, 3)

            # the replica holding the sessions dies (nginx's ip_hash put them all on one)
            ports = [int(u.rsplit(":", 1)[1]) for _, u in apps]
            serving = max(range(2), key=lambda n: _connections_to(ports[n]))
            assert _connections_to(ports[serving]) >= 4  # the presenter and three phones
            pages = [presenter] + [page for _, page in voters]
            for page in pages:  # gone once the page reloads
                page.evaluate("window.__before_failover = true")
            apps[serving][0].kill()
            # Redis restarts (as `docker compose restart redis` does), on its file
            stop(redis_process)
            redis_process, _ = start_redis(data, port=port, persistent=True)

            counter_reads(presenter, 3, 3, timeout=60_000)  # the same room, every vote
            assert presenter.get_by_role("button", name="Open a live room").count() == 0
            # Streamlit's browser side reconnects to a new session on the other replica,
            # where its buttons do not answer; the page notices the new session and reloads
            # once (components/room/browser_id.py): the presenter has the room, the phone
            # its ballot, and neither presses anything
            for page in pages:
                page.wait_for_function("() => window.__before_failover === undefined",
                                       timeout=60_000)
                wait_for_app(page)
            counter_reads(presenter, 3, 3)
            assert presenter.get_by_role("button", name="Open a live room").count() == 0
            _, last = voters[2]
            last.get_by_text("Vote received").wait_for(timeout=30_000)  # its ballot is back
            vote(last, {"Osteoid osteoma"}, labels)  # and it can still change it
            last.locator("[data-testid='stAlert']", has_text="Osteoid osteoma").wait_for(
                timeout=30_000)
            counter_reads(presenter, 3, 3, timeout=30_000)  # 3 voters, not 6
            presenter.get_by_role("button", name="Reveal").last.click()
            presenter.get_by_text("The room: 3 votes").wait_for(timeout=30_000)
            wait_for_app(presenter)
            assert room_row(presenter, "Osteosarcoma")[1] == "67%"
            assert room_row(presenter, "Osteoid osteoma")[1] == "67%"
            for _, page in voters:  # Reveal reaches the phones on the surviving replica
                page.get_by_text("voting on it is closed").wait_for(timeout=30_000)
            save_screenshot(presenter, "deploy-after-failover")
            for context, _ in voters:
                context.close()
            presenter_context.close()
    finally:
        stop(redis_process)
