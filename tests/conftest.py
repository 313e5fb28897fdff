"""Shared fixtures: the shipped series and disposable copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imos.data import DEFAULT_CATALOGUE_DIR, DEFAULT_SERIES_DIR, load_case_series

REPO = Path(__file__).resolve().parent.parent
PAPER = REPO.parent / "shared" / "seed" / "abe-2020-imos-case-series.txt"


@pytest.fixture(scope="session", autouse=True)
def _rooms_in_a_temporary_store(tmp_path_factory):
    """Live rooms of every test (and of the servers tests start) in a throw-away store."""
    import os

    setting, folder = os.environ.pop("IMOS_ROOM_STORE", None), os.environ.get("IMOS_ROOM_DIR")
    os.environ["IMOS_ROOM_DIR"] = str(tmp_path_factory.mktemp("rooms"))
    yield
    os.environ.pop("IMOS_ROOM_DIR")
    if folder is not None:
        os.environ["IMOS_ROOM_DIR"] = folder
    if setting is not None:
        os.environ["IMOS_ROOM_STORE"] = setting


@pytest.fixture(scope="session")
def series():
    return load_case_series()


@pytest.fixture
def series_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped series folder."""
    target = tmp_path / "series"
    shutil.copytree(DEFAULT_SERIES_DIR, target)
    return target


@pytest.fixture
def catalogue_copy(tmp_path: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(DEFAULT_CATALOGUE_DIR, target)
    return target
