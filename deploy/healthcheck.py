"""Container health check: exit 0 when the app answers `ok` on /_stcore/health, else 1.

    python deploy/healthcheck.py [URL]     # default http://127.0.0.1:8501

Standard library only, so it runs in the slim image without curl.
"""

from __future__ import annotations

import sys
import urllib.request


def healthy(base_url: str, timeout: float = 4.0) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url.rstrip('/')}/_stcore/health", timeout=timeout) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except OSError:
        return False


if __name__ == "__main__":
    sys.exit(0 if healthy(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8501") else 1)
