"""Shared fixtures: the shipped series and disposable copies of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imos.data import DEFAULT_CATALOGUE_DIR, DEFAULT_SERIES_DIR, load_case_series

REPO = Path(__file__).resolve().parent.parent
PAPER = REPO.parent / "shared" / "seed" / "abe-2020-imos-case-series.txt"


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
