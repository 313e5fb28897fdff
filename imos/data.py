"""Load and validate a case series and the finding catalogue into pandas DataFrames.

`load_case_series()` reads the shipped Abe 2020 series (or any folder of the same shape),
validates every row against `imos.schema`, checks the files against each other, and
returns a `CaseSeries` of tidy DataFrames. Any problem raises `DataFileError`, whose
message names the file, the row and the field of every problem found, so a person can
fix the file without reading a traceback.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Protocol

import pandas as pd
import yaml
from pydantic import BaseModel, ValidationError

from imos import schema
from imos.messages import plain_message

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
DEFAULT_SERIES_DIR = DATA_DIR / "abe2020"
DEFAULT_CATALOGUE_DIR = DATA_DIR / "catalogue"
SERIES_DIR_ENV = "IMOS_SERIES_DIR"

SERIES_FILES = (
    "series.yaml",
    "cases.yaml",
    "findings.csv",
    "events.csv",
    "mri_sequences.csv",
    "discrepancies.yaml",
    "judgements.csv",
)
OPTIONAL_SERIES_FILES = ("mri_sequences.csv", "discrepancies.yaml", "judgements.csv")
CATALOGUE_FILES = ("groups.csv", "findings.csv", "pain_levels.csv")
MAX_FILE_BYTES = 2_000_000


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


class DataFileError(ValueError):
    """Raised when data files are missing or invalid; lists every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the data files:\n" + "\n".join(f"- {x}" for x in lines)
        )


@dataclass(frozen=True)
class Catalogue:
    """The vocabulary shared by every series: finding ids, their groups, pain levels."""

    groups: pd.DataFrame
    findings: pd.DataFrame
    pain_levels: pd.DataFrame
    examinations: pd.DataFrame


@dataclass(frozen=True)
class CaseSeries:
    """A validated case series as tidy DataFrames (one observation per row)."""

    meta: dict
    cases: pd.DataFrame
    case_sources: pd.DataFrame
    findings: pd.DataFrame
    events: pd.DataFrame
    mri_sequences: pd.DataFrame
    discrepancies: pd.DataFrame
    discrepancy_readings: pd.DataFrame
    discrepancy_cells: pd.DataFrame
    catalogue: Catalogue
    judgements: pd.DataFrame = dataclass_field(
        default_factory=lambda: pd.DataFrame(columns=JUDGEMENT_COLUMNS)
    )


JUDGEMENT_COLUMNS = ["case_id", "examination", "kind", "diagnosis_id", "wording", "source"]


# --- where the files come from --------------------------------------------------------


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


def _csv_rows(source: FileSource, name: str, problems: list[Problem]) -> list[dict]:
    """Rows of a CSV file as dicts; header problems are reported, not raised."""
    text = _read_text(source, name, problems)
    if text is None:
        return []
    try:
        reader = csv.DictReader(text.splitlines())
        rows = list(reader)
    except csv.Error as exc:
        problems.append(Problem(name, None, None, f"not readable as CSV ({exc})"))
        return []
    if not reader.fieldnames:
        problems.append(Problem(name, None, None, "the file has no header row"))
        return []
    for number, row in enumerate(rows, start=1):
        if None in row:
            problems.append(
                Problem(name, number, None, "more values than columns in the header")
            )
    return [{k: v for k, v in row.items() if k is not None} for row in rows]


def _yaml_document(source: FileSource, name: str, problems: list[Problem]) -> object:
    text = _read_text(source, name, problems)
    if text is None:
        return None
    try:
        document = yaml.safe_load(text)
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


def _yaml_mapping(source: FileSource, name: str, problems: list[Problem]) -> dict | None:
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
    return document


# --- validating rows --------------------------------------------------------------------


def _validate_rows(
    file_name: str, rows: Iterable[object], model: type[BaseModel], problems: list[Problem]
) -> list[tuple[int, BaseModel]]:
    """Validate each row; returns (row number, model) for the valid ones."""
    valid = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            problems.append(Problem(file_name, number, None, "expected a mapping of fields"))
            continue
        try:
            valid.append((number, model.model_validate(row)))
        except ValidationError as exc:
            problems.extend(_problems_from(file_name, number, exc))
        except RecursionError:
            problems.append(Problem(file_name, number, None, "nested too deeply"))
    return valid


def _problems_from(file_name: str, row: int | None, exc: ValidationError) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or None
        message = plain_message(error)
        original = error.get("ctx", {}).get("error")
        if isinstance(original, schema.FieldError):
            field, message = original.field, str(original)
        value = error.get("input")
        if error["type"] not in ("missing", "extra_forbidden") and isinstance(
            value, (str, int, float)
        ):
            message += f" (got {str(value)[:60]!r})"
        yield Problem(file_name, row, field, message)


def read_csv_file(
    folder: str | os.PathLike | FileSource, file_name: str, model: type[BaseModel],
    problems: list[Problem],
) -> list[tuple[int, BaseModel]]:
    """Validate every row of `file_name` in `folder` against `model`; problems are collected."""
    rows = _csv_rows(as_source(folder), file_name, problems)
    return _validate_rows(file_name, rows, model, problems)


def read_yaml_file(
    folder: str | os.PathLike | FileSource, file_name: str, model: type[BaseModel],
    problems: list[Problem],
) -> list[tuple[int, BaseModel]]:
    """Validate every entry of the YAML list `file_name` in `folder` against `model`."""
    rows = _yaml_list(as_source(folder), file_name, problems)
    return _validate_rows(file_name, rows, model, problems)


# --- the catalogue ----------------------------------------------------------------------


def load_catalogue(path: str | os.PathLike | None = None) -> Catalogue:
    """Load the finding catalogue (groups, findings, pain levels) from `path`."""
    folder = Path(path) if path is not None else DEFAULT_CATALOGUE_DIR
    problems: list[Problem] = []
    groups = read_csv_file(folder, "groups.csv", schema.FindingGroup, problems)
    findings = read_csv_file(folder, "findings.csv", schema.FindingDefinition, problems)
    pain_levels = read_csv_file(folder, "pain_levels.csv", schema.PainLevel, problems)
    examinations = read_csv_file(folder, "examinations.csv", schema.Examination, problems)
    check_unique("groups.csv", groups, ("group_id",), problems)
    check_unique("examinations.csv", examinations, ("examination_id",), problems)
    check_unique("findings.csv", findings, ("finding_id",), problems)
    check_unique("pain_levels.csv", pain_levels, ("level_id",), problems)
    group_ids = {g.group_id for _, g in groups}
    for number, finding in findings:
        if finding.group_id not in group_ids:
            problems.append(
                Problem("findings.csv", number, "group_id", f"unknown group '{finding.group_id}'")
            )
    examination_ids = {e.examination_id for _, e in examinations}
    for number, finding in findings:
        if finding.examination not in examination_ids:
            problems.append(
                Problem("findings.csv", number, "examination",
                        f"unknown examination '{finding.examination}'")
            )
    if problems:
        raise DataFileError(problems)
    groups_df = to_frame(groups).sort_values("order", kind="stable").reset_index(drop=True)
    findings_df = to_frame(findings)
    order = {g: i for i, g in enumerate(groups_df["group_id"])}
    findings_df["group_order"] = findings_df["group_id"].map(order)
    findings_df = findings_df.sort_values("group_order", kind="stable").reset_index(drop=True)
    examinations_df = (
        to_frame(examinations).sort_values("order", kind="stable").reset_index(drop=True)
    )
    return Catalogue(groups=groups_df, findings=findings_df, pain_levels=to_frame(pain_levels),
                     examinations=examinations_df)


# --- the series -------------------------------------------------------------------------


def load_case_series(
    path: str | os.PathLike | FileSource | None = None, catalogue: Catalogue | None = None
) -> CaseSeries:
    """Load and validate a case series (default: the shipped Abe 2020 series).

    `path` is a folder, or a `MemorySource` of uploaded files. Raises `DataFileError`
    naming file, row and field of every problem.
    """
    where = path if path is not None else default_series_dir()
    if isinstance(where, (str, os.PathLike)) and not Path(where).is_dir():
        raise DataFileError([Problem(str(where), None, None, "the folder does not exist")])
    folder = as_source(where)
    catalogue = catalogue if catalogue is not None else load_catalogue()
    problems: list[Problem] = []

    meta_doc = _yaml_mapping(folder, "series.yaml", problems)
    meta: dict = {}
    if meta_doc is not None:
        try:
            meta = schema.SeriesMeta.model_validate(meta_doc).model_dump()
        except ValidationError as exc:
            problems.extend(_problems_from("series.yaml", None, exc))

    cases = read_yaml_file(folder, "cases.yaml", schema.Case, problems)
    findings = read_csv_file(folder, "findings.csv", schema.CaseFinding, problems)
    events = read_csv_file(folder, "events.csv", schema.Event, problems)
    def optional(reader, name: str, model: type[BaseModel]) -> list:
        return reader(folder, name, model, problems) if folder.read(name) is not None else []

    mri = optional(read_csv_file, "mri_sequences.csv", schema.MriSequence)
    discrepancies = optional(read_yaml_file, "discrepancies.yaml", schema.Discrepancy)
    judgements = optional(read_csv_file, "judgements.csv", schema.Judgement)
    _check_judgements(catalogue, cases, judgements, problems)

    check_unique("cases.yaml", cases, ("case_id",), problems)
    check_unique("findings.csv", findings, ("case_id", "finding_id"), problems)
    check_unique("events.csv", events, ("case_id", "event"), problems)
    check_unique("discrepancies.yaml", discrepancies, ("discrepancy_id",), problems)
    _check_references(catalogue, cases, findings, events, mri, discrepancies, problems)
    if not cases and not any(p.file == "cases.yaml" for p in problems):
        problems.append(Problem("cases.yaml", None, None, "the series has no cases"))
    if problems:
        raise DataFileError(problems)

    return CaseSeries(
        meta=meta,
        cases=to_frame(cases, exclude={"sources"}, model=schema.Case),
        case_sources=pd.DataFrame(
            [
                {"case_id": c.case_id, "field": f, "source": s}
                for _, c in cases
                for f, s in c.sources.items()
            ],
            columns=["case_id", "field", "source"],
        ),
        findings=to_frame(findings, model=schema.CaseFinding),
        events=to_frame(events, model=schema.Event).sort_values(
            ["case_id", "order"], kind="stable").reset_index(drop=True),
        mri_sequences=(to_frame(mri) if mri
                       else pd.DataFrame(columns=list(schema.MriSequence.model_fields))),
        discrepancies=pd.DataFrame(
            [
                {
                    "discrepancy_id": d.discrepancy_id,
                    "topic": d.topic,
                    "case_id": d.case_id,
                    "dataset_uses": d.dataset_uses,
                    "readings": " | ".join(f"{r.source}: {r.reading}" for r in d.readings),
                }
                for _, d in discrepancies
            ],
            columns=["discrepancy_id", "topic", "case_id", "dataset_uses", "readings"],
        ),
        discrepancy_readings=pd.DataFrame(
            [
                {"discrepancy_id": d.discrepancy_id, "source": r.source, "reading": r.reading}
                for _, d in discrepancies
                for r in d.readings
            ],
            columns=["discrepancy_id", "source", "reading"],
        ),
        discrepancy_cells=pd.DataFrame(
            [
                {"discrepancy_id": d.discrepancy_id, **cell.model_dump()}
                for _, d in discrepancies
                for cell in d.affects
            ],
            columns=["discrepancy_id", "table", "case_id", "field"],
        ),
        catalogue=catalogue,
        judgements=pd.DataFrame(
            [
                {"case_id": j.case_id, "examination": j.examination, "kind": j.kind,
                 "diagnosis_id": d, "wording": j.wording, "source": j.source}
                for _, j in judgements
                for d in j.diagnosis_ids
            ],
            columns=JUDGEMENT_COLUMNS,
        ),
    )


def _check_judgements(catalogue: Catalogue, cases, judgements, problems: list[Problem]) -> None:
    case_ids = {c.case_id for _, c in cases}
    examination_ids = set(catalogue.examinations["examination_id"])
    for number, j in judgements:
        if case_ids and j.case_id not in case_ids:
            problems.append(Problem("judgements.csv", number, "case_id",
                                    f"unknown case '{j.case_id}'"))
        if j.examination not in examination_ids:
            problems.append(Problem("judgements.csv", number, "examination",
                                    f"unknown examination '{j.examination}'"))


def default_series_dir() -> Path:
    """The series folder: $IMOS_SERIES_DIR when set, else the shipped Abe 2020 series."""
    override = os.environ.get(SERIES_DIR_ENV)
    return Path(override) if override else DEFAULT_SERIES_DIR


def check_unique(
    file_name: str,
    rows: Sequence[tuple[int, BaseModel]],
    keys: tuple[str, ...],
    problems: list[Problem],
) -> None:
    seen: dict[tuple, int] = {}
    for number, row in rows:
        key = tuple(getattr(row, k) for k in keys)
        if key in seen:
            problems.append(
                Problem(
                    file_name,
                    number,
                    keys[-1],
                    f"duplicate of row {seen[key]} ({', '.join(map(str, key))})",
                )
            )
        else:
            seen[key] = number


def _check_references(
    catalogue: Catalogue,
    cases: Sequence[tuple[int, schema.Case]],
    findings: Sequence[tuple[int, schema.CaseFinding]],
    events: Sequence[tuple[int, schema.Event]],
    mri: Sequence[tuple[int, schema.MriSequence]],
    discrepancies: Sequence[tuple[int, schema.Discrepancy]],
    problems: list[Problem],
) -> None:
    """Every id used in one file must exist where it is defined."""
    case_ids = {c.case_id for _, c in cases}
    finding_ids = set(catalogue.findings["finding_id"])
    pain_levels = set(catalogue.pain_levels["level_id"])
    event_names = {(e.case_id, e.event) for _, e in events}
    case_fields = set(schema.Case.model_fields) - {"sources"}

    def unknown_case(file_name: str, number: int, case_id: str, field: str = "case_id") -> bool:
        if case_id not in case_ids:
            problems.append(
                Problem(file_name, number, field, f"unknown case '{case_id}' (not in cases.yaml)")
            )
            return True
        return False

    for number, f in findings:
        unknown_case("findings.csv", number, f.case_id)
        if f.finding_id not in finding_ids:
            problems.append(
                Problem(
                    "findings.csv",
                    number,
                    "finding_id",
                    f"unknown finding '{f.finding_id}' (not in the catalogue)",
                )
            )
    for number, e in events:
        unknown_case("events.csv", number, e.case_id)
        if e.pain_level is not None and e.pain_level not in pain_levels:
            problems.append(
                Problem("events.csv", number, "pain_level", f"unknown pain level '{e.pain_level}'")
            )
    for number, m in mri:
        unknown_case("mri_sequences.csv", number, m.case_id)
    for number, d in discrepancies:
        if d.case_id is not None:
            unknown_case("discrepancies.yaml", number, d.case_id)
        for i, cell in enumerate(d.affects):
            where = f"affects.{i}"
            if unknown_case("discrepancies.yaml", number, cell.case_id, f"{where}.case_id"):
                continue
            known = {
                "cases": cell.field in case_fields,
                "findings": cell.field in finding_ids,
                "events": (cell.case_id, cell.field) in event_names,
                "mri_sequences": cell.field in schema.MriSequence.model_fields,
            }[cell.table]
            if not known:
                problems.append(
                    Problem(
                        "discrepancies.yaml",
                        number,
                        f"{where}.field",
                        f"'{cell.field}' is not a {cell.table} field of case {cell.case_id}",
                    )
                )


def to_frame(rows: Sequence[tuple[int, BaseModel]], exclude: set[str] | None = None,
             model: type[BaseModel] | None = None) -> pd.DataFrame:
    """The validated rows as a frame; with `model`, an empty file still has its columns."""
    if not rows and model is not None:
        return pd.DataFrame(columns=[f for f in model.model_fields if f not in (exclude or ())])
    return pd.DataFrame([row.model_dump(exclude=exclude) for _, row in rows])
