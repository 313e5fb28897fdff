"""Deployment pieces that can run here: the container health check command, and two app
replicas behind nginx (deploy/nginx.conf) serving real browser sessions over websockets."""

from __future__ import annotations

import os
import subprocess
import sys
import urllib.request

import pytest

from bench.server import NGINX, start_nginx
from tests.conftest import REPO
from tests.e2e.conftest import save_screenshot, start_app, stop_app, wait_for_app
from tests.e2e.explorer_view import wait_for_status


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


@pytest.fixture
def two_replicas_behind_nginx(tmp_path):
    if NGINX is None:
        if os.environ.get("IMOS_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx is not installed (apt-get install nginx-light)")
        pytest.skip("nginx is not installed")
    apps = [start_app(), start_app()]
    ports = [int(url.rsplit(":", 1)[1]) for _, url in apps]
    proxy = None
    try:
        proxy, url = start_nginx(tmp_path, ports)  # deploy/nginx.conf as shipped (ip_hash)
        assert _health_command(url) == 0
        yield url, [u for _, u in apps]
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for process, _ in apps:
            stop_app(process)


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
    assert page.get_by_text("Agreement with the engine").count() == 1
    save_screenshot(page, "deploy-behind-nginx")
    page.close()
    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
        assert response.read().strip() == b"ok"
