"""Where a data package's files come from (a folder, or uploaded files held in memory)
and how their raw rows are read: size and encoding checks, CSV rows, YAML documents, then
each row validated against its schema. Problems are collected, never raised here."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import yaml
from pydantic import BaseModel

from imos.dataset.problems import Problem, validate_rows

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_SERIES_DIR = DATA_DIR / "abe2020"
DEFAULT_CATALOGUE_DIR = DATA_DIR / "catalogue"
MAX_FILE_BYTES = 2_000_000
MAX_ROWS = 50_000  # rows of a CSV file, entries of a YAML list (the largest real series: ~40,000 events)
MAX_COLUMNS = 64  # columns of a CSV header (the widest file has 8)
MAX_YAML_NODES = 200_000  # values, keys, lists and mappings in one YAML file (~40,000 in 500 cases)
MAX_YAML_DEPTH = 40  # lists and mappings inside each other (the shipped files: 4)
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster


class FileSource(Protocol):
    """Files of one data package, by name: a folder on disk or files held in memory."""

    label: str

    def read(self, name: str) -> bytes | None:
        """The file's bytes, or None when the package has no such file."""


@dataclass(frozen=True)
class FolderSource:
    folder: Path

    @property
    def label(self) -> str:
        return str(self.folder)

    def read(self, name: str) -> bytes | None:
        path = self.folder / name
        if not path.is_file():
            return None
        if path.stat().st_size > MAX_FILE_BYTES:
            return path.open("rb").read(MAX_FILE_BYTES + 1)  # enough to say it is too large
        return path.read_bytes()


@dataclass(frozen=True)
class MemorySource:
    """An uploaded package: nothing of it is ever written to disk."""

    files: Mapping[str, bytes]
    label: str = "the uploaded package"

    def read(self, name: str) -> bytes | None:
        return self.files.get(name)


def as_source(where: str | os.PathLike | FileSource) -> FileSource:
    if isinstance(where, (str, os.PathLike)):
        return FolderSource(Path(where))
    return where


# --- reading raw rows -------------------------------------------------------------------


def _read_text(source: FileSource, name: str, problems: list[Problem]) -> str | None:
    data = source.read(name)
    if data is None:
        problems.append(Problem(name, None, None, "the file is missing"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Problem(name, None, None, f"the file is larger than {MAX_FILE_BYTES} bytes")
        )
        return None
    try:  # utf-8-sig: a byte-order mark (as spreadsheet programs write) is dropped
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, f"not UTF-8 text ({exc.reason})"))
        return None


def _csv_rows(source: FileSource, name: str, problems: list[Problem]) -> Iterator[dict]:
    """Rows of a CSV file as dicts, read one at a time (never the whole file as rows);
    header problems, too many columns or rows are reported, not raised."""
    text = _read_text(source, name, problems)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        while header is not None and not header:  # blank lines before the header
            header = next(reader, None)
    except csv.Error as exc:
        problems.append(Problem(name, None, None, f"not readable as CSV ({exc})"))
        return
    if not header:
        problems.append(Problem(name, None, None, "the file has no header row"))
        return
    if len(header) > MAX_COLUMNS:
        problems.append(Problem(name, None, None, f"the header has {len(header):,} columns; "
                                                  f"a package file has at most {MAX_COLUMNS}"))
        return
    number = 0
    try:
        for values in reader:
            if not values:
                continue  # a blank line, as csv.DictReader skips it
            number += 1
            if number > MAX_ROWS:
                problems.append(Problem(name, None, None, f"the file has more than {MAX_ROWS:,} "
                                                          "rows; split the series"))
                return
            if len(values) > len(header):
                problems.append(
                    Problem(name, number, None, "more values than columns in the header")
                )
            row = dict(zip(header, values))
            for column in header[len(values):]:
                row.setdefault(column, None)
            yield row
    except csv.Error as exc:
        problems.append(Problem(name, number + 1, None, f"not readable as CSV ({exc})"))


def _yaml_document(source: FileSource, name: str, problems: list[Problem]) -> object:
    text = _read_text(source, name, problems)
    if text is None:
        return None
    try:
        shape = _yaml_shape_problem(text)
        if shape is not None:
            problems.append(Problem(name, None, None, shape))
            return None
        document = yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark is not None else ""
        problems.append(Problem(name, None, None, f"not valid YAML{where}"))
        return None
    except RecursionError:
        problems.append(Problem(name, None, None, "nested too deeply (brackets or indentation "
                                                  "inside each other hundreds of times)"))
        return None
    return document


def _yaml_shape_problem(text: str) -> str | None:
    """Too many nodes (over `MAX_YAML_NODES`) or nesting too deep (over `MAX_YAML_DEPTH`):
    found on the parser's event stream, which stops there, before anything is built."""
    nodes = depth = 0
    for event in yaml.parse(text, Loader=_YAML_LOADER):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return ("nested too deeply (brackets or indentation inside each other "
                        f"more than {MAX_YAML_DEPTH} times)")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
        if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent,
                              yaml.MappingStartEvent, yaml.AliasEvent)):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                return f"the file holds more than {MAX_YAML_NODES:,} values; split the series"
    return None


def yaml_mapping(source: FileSource, name: str, problems: list[Problem]) -> dict | None:
    """A YAML file that must be one mapping of fields (series.yaml)."""
    document = _yaml_document(source, name, problems)
    if document is None and not _has_problem(problems, name):  # not missing, not broken
        problems.append(Problem(name, None, None, "the file is empty (or holds only comments)"))
    elif document is not None and not isinstance(document, dict):
        problems.append(Problem(name, None, None, "expected a mapping of fields (name: value "
                                                  "lines), not a list or a single value"))
        return None
    return document


def _has_problem(problems: list[Problem], name: str) -> bool:
    return any(p.file == name for p in problems)


def _yaml_list(source: FileSource, name: str, problems: list[Problem]) -> list:
    document = _yaml_document(source, name, problems)
    if document is None:
        return []
    if not isinstance(document, list):
        problems.append(Problem(name, None, None, "expected a list of entries"))
        return []
    if len(document) > MAX_ROWS:
        problems.append(Problem(name, None, None, f"the file has more than {MAX_ROWS:,} "
                                                  "entries; split the series"))
        return []
    return document


def read_csv_file(
    folder: str | os.PathLike | FileSource, file_name: str, model: type[BaseModel],
    problems: list[Problem],
) -> list[tuple[int, BaseModel]]:
    """Validate every row of `file_name` in `folder` against `model`; problems are collected."""
    rows = _csv_rows(as_source(folder), file_name, problems)
    return validate_rows(file_name, rows, model, problems)


def read_yaml_file(
    folder: str | os.PathLike | FileSource, file_name: str, model: type[BaseModel],
    problems: list[Problem],
) -> list[tuple[int, BaseModel]]:
    """Validate every entry of the YAML list `file_name` in `folder` against `model`."""
    rows = _yaml_list(as_source(folder), file_name, problems)
    return validate_rows(file_name, rows, model, problems)
