"""Data packages from uploads: a zip or loose files, read into memory with size limits (pure).

Nothing is written to disk. A zip may hold the files at its top level or inside one
folder; its `images/` folder is kept as `images/NAME` (loose PNG or JPEG files are taken as
the package's `images/` folder), and each image is checked by `imos.dataset.images` when
the package is loaded. Files that are not part of a package are named and ignored.
"""

from __future__ import annotations

import io
import lzma
import os
import struct
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import PurePosixPath

from imos.data import (
    MAX_FILE_BYTES,
    SERIES_FILES,
    CaseSeries,
    DataFileError,
    FileSource,
    MemorySource,
    Problem,
    load_case_series,
)
from imos.dataset.images import IMAGE_FOLDER, IMAGES_FILE, MAX_IMAGE_BYTES

MAX_PACKAGE_BYTES = 5_000_000
MAX_ZIP_ENTRIES = 50

# What the zip reader raises on damaged or unusual archives: a broken deflate, LZMA or
# bzip2 stream, a truncated entry, an unsupported version or method, a bad header offset.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, NotImplementedError,
              ValueError, OSError, RuntimeError, struct.error, KeyError, IndexError,
              OverflowError)
DAMAGED_ZIP = ("the zip file is damaged or uses a kind of compression the app cannot read; "
               "zip the folder again (in the file manager: Compress, or Send to > Zip)")


def read_package(uploads: Iterable[tuple[str, bytes]]) -> tuple[MemorySource | None, list[Problem], list[str]]:
    """Turn uploaded (name, bytes) pairs into a package.

    Returns (source or None, problems, ignored names). Problems here are about the upload
    itself (size, a broken zip); the files' content is checked by `load_case_series`.
    """
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    ignored: list[str] = []
    uploads = list(uploads)
    zips = [name for name, _ in uploads if name.lower().endswith(".zip")]
    if len(zips) > 1 or (zips and len(uploads) > 1):
        problems.append(Problem("upload", None, None,
                                "upload one .zip on its own, or the loose files without a zip "
                                f"(got {', '.join(name for name, _ in uploads)})"))
        return None, problems, ignored
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            _read_zip(name, data, files, problems, ignored)
        else:
            _keep(_loose_name(name), data, files, problems, ignored)
        total = sum(len(v) for v in files.values())
        if total > MAX_PACKAGE_BYTES:
            problems.append(Problem(name, None, None,
                                    f"the package is larger than {MAX_PACKAGE_BYTES:,} bytes"))
            return None, problems, ignored
    if problems:
        return None, problems, ignored
    if not any(name in SERIES_FILES for name in files):  # images alone are no package
        problems.append(Problem("upload", None, None,
                                "no package file found (expected series.yaml, cases.yaml, ...)"))
        return None, problems, ignored
    return MemorySource(files), problems, ignored


def load_package(
    source: FileSource | str | os.PathLike | None, problems: list[Problem]
) -> tuple[CaseSeries | None, list[Problem]]:
    """Validate a package read by `read_package` (or a folder): the series, or every problem.

    `problems` found while reading the upload are passed through when there is no source.
    """
    if source is None:
        return None, problems
    try:
        return load_case_series(source), []
    except DataFileError as error:
        return None, list(error.problems)


_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg")


def _is_image(name: str) -> bool:
    return name.startswith(IMAGE_FOLDER) and name.lower().endswith(_IMAGE_SUFFIXES)


def _loose_name(name: str) -> str:
    """A loose file's name in the package: an image goes to the `images/` folder."""
    base = PurePosixPath(name).name
    return IMAGE_FOLDER + base if base.lower().endswith(_IMAGE_SUFFIXES) else base


def _zip_name(path: PurePosixPath) -> str:
    """An entry's name in the package: `images/NAME` for a file in an `images` folder (at
    the top or inside the package's one folder), else the file's own name."""
    if len(path.parts) >= 2 and path.parts[-2] == IMAGE_FOLDER.rstrip("/"):
        return IMAGE_FOLDER + path.name
    return path.name


def _limit(name: str) -> int:
    return MAX_IMAGE_BYTES if _is_image(name) else MAX_FILE_BYTES


def _keep(name: str, data: bytes, files: dict, problems: list[Problem], ignored: list[str]) -> None:
    if name not in SERIES_FILES and name != IMAGES_FILE and not _is_image(name):
        ignored.append(name)
        return
    if name in files:
        problems.append(Problem(name, None, None, "the package holds two files of this name; "
                                                  "keep one"))
        return
    if len(data) > _limit(name):
        problems.append(Problem(name, None, None, f"the file is larger than {_limit(name):,} bytes"))
        return
    files[name] = data


def _read_zip(name: str, data: bytes, files: dict, problems: list[Problem], ignored: list[str]) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = [e for e in archive.infolist() if not e.is_dir()]
    except ZIP_ERRORS:
        problems.append(Problem(name, None, None, f"not a readable zip file: {DAMAGED_ZIP}"))
        return
    if len(entries) > MAX_ZIP_ENTRIES:
        problems.append(Problem(name, None, None, f"more than {MAX_ZIP_ENTRIES} files in the zip"))
        return
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_PACKAGE_BYTES:  # checked before anything is unpacked
        problems.append(Problem(name, None, None,
                                f"unpacks to more than {MAX_PACKAGE_BYTES:,} bytes"))
        return
    for entry in entries:
        path = PurePosixPath(entry.filename)
        if path.name.startswith(".") or "__MACOSX" in path.parts:
            continue
        try:
            with archive.open(entry) as handle:
                content = handle.read(_limit(_zip_name(path)) + 1)
        except ZIP_ERRORS:
            problems.append(Problem(path.name, None, None, f"cannot be unpacked: {DAMAGED_ZIP}"))
            continue
        _keep(_zip_name(path), content, files, problems, ignored)
