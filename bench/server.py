"""Start and stop a Streamlit app on a free loopback port (the benchmark and the browser
tests both drive real servers this way)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str, timeout: float = 1.0) -> bool:
    """True when the server at `url` answers `ok` on /_stcore/health."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.read().strip() == b"ok"
    except OSError:
        return False


def start_streamlit(script: str = "dashboard.py", env: dict | None = None,
                    wait: float = 60.0, listen: str = "127.0.0.1") -> tuple[subprocess.Popen, str]:
    """`streamlit run script` from the repository root; returns once it is healthy.
    `listen` is the server's address (loopback unless a test needs the network's).

    The server's log goes to a temporary file (a pipe nobody reads could fill up and stall
    the server); its tail is in the error when the server exits or never becomes healthy.
    """
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / script),
         "--server.port", str(port), "--server.address", listen,
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=log,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        if healthy(url):
            return process, url
        time.sleep(0.3)
    process.kill()
    log.seek(0)
    tail = log.read().decode(errors="replace")[-2000:]
    raise RuntimeError(f"streamlit ({script}) did not become healthy: {tail}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def nginx_config(work_dir: Path, ports: list[int], listen: int, per_connection: bool = False) -> str:
    """deploy/nginx.conf with its upstreams on loopback, wrapped to run unprivileged.

    `per_connection` balances each connection on its own (address and port) instead of
    pinning a client address (`ip_hash`): a benchmark's sessions all come from 127.0.0.1,
    and a Streamlit session is one websocket, so this is still one replica per session.
    """
    site = (REPO / "deploy/nginx.conf").read_text(encoding="utf-8")
    servers = iter(ports)
    site = re.sub(r"server app\d:8501", lambda _: f"server 127.0.0.1:{next(servers)}", site)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{listen};")
    if per_connection:
        site = site.replace("ip_hash;", "hash $remote_addr$remote_port consistent;")
    temp = work_dir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    paths = " ".join(f"{kind}_temp_path {temp}/{kind};" for kind in
                     ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"pid {work_dir}/nginx.pid; error_log {work_dir}/error.log; daemon off;\n"
            # a proxied websocket holds two connections; nginx's default 512 would turn
            # away the 256th reader of a live room
            f"events {{ worker_connections 4096; }}\n"
            f"http {{ access_log off; {paths}\n{site}\n}}\n")


def start_nginx(work_dir: Path, ports: list[int], per_connection: bool = False,
                wait: float = 20.0) -> tuple[subprocess.Popen, str]:
    """nginx in front of the replicas on `ports`; returns once it answers healthy."""
    if NGINX is None:
        raise RuntimeError("nginx is not installed (apt-get install nginx-light)")
    listen = free_port()
    config = work_dir / "nginx.conf"
    config.write_text(nginx_config(work_dir, ports, listen, per_connection), encoding="utf-8")
    proxy = subprocess.Popen([NGINX, "-p", str(work_dir), "-c", str(config)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{listen}"
    deadline = time.monotonic() + wait
    while not healthy(url):
        if proxy.poll() is not None or time.monotonic() > deadline:
            proxy.kill()
            raise RuntimeError(f"nginx did not come up: {proxy.stderr.read().decode()[-2000:]}")
        time.sleep(0.3)
    return proxy, url


@contextmanager
def replicas_behind_nginx(work_dir: Path, envs: list[dict], per_connection: bool = False,
                          script: str = "dashboard.py") -> Iterator[tuple[str, list]]:
    """One replica of `script` per environment in `envs`, behind nginx with
    deploy/nginx.conf; yields (the proxy's url, [(process, url) of each replica])."""
    apps, proxy = [], None
    try:
        apps = [start_streamlit(script, env) for env in envs]
        proxy, url = start_nginx(work_dir, [int(u.rsplit(":", 1)[1]) for _, u in apps],
                                 per_connection)
        yield url, apps
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for process, _ in apps:
            stop(process)


REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None)


def start_redis(work_dir: Path, wait: float = 20.0, port: int | None = None,
                persistent: bool = False) -> tuple[subprocess.Popen, str]:
    """A redis-server on a free loopback port (or `port`); returns its URL. Throw-away by
    default; `persistent` runs it as deploy/docker-compose.yml does (append-only file in
    `work_dir`, fsynced every second), so a restart on the same folder keeps the rooms."""
    if REDIS_SERVER is None:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    port = port or free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "yes" if persistent else "no", "--appendfsync", "everysec",
         "--dir", str(work_dir), "--protected-mode", "yes"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("redis-server did not come up")
