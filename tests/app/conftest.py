"""Every AppTest is `slow`: each runs the app's scripts, and together they take minutes.
The fast loop (`python -m pytest tests/unit -m "not slow"`) leaves them to the full run."""

from __future__ import annotations

import os

import pytest


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/app/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.slow)
