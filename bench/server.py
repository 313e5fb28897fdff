"""Start and stop a Streamlit app on a free loopback port (the benchmark and the browser
tests both drive real servers this way)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
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
                    wait: float = 60.0) -> tuple[subprocess.Popen, str]:
    """`streamlit run script` from the repository root; returns once it is healthy.

    The server's log goes to a temporary file (a pipe nobody reads could fill up and stall
    the server); its tail is in the error when the server exits or never becomes healthy.
    """
    port = free_port()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(REPO / script),
         "--server.port", str(port), "--server.address", "127.0.0.1",
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
