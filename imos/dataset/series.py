"""The case-series loader: every file of a series read, validated against `imos.dataset.schema`,
checked against the others and the catalogue, and returned as tidy DataFrames."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

import pandas as pd
from pydantic import BaseModel, ValidationError

from imos.dataset import schema
from imos.dataset.catalogue import Catalogue, load_catalogue
from imos.dataset.cross_checks import check_judgements, check_nesting, check_references
from imos.dataset.problems import check_unique
from imos.dataset.images import read_images
from imos.dataset.problems import DataFileError, Problem, Problems, problems_from, to_frame
from imos.dataset.sources import (
    DEFAULT_SERIES_DIR,
    FileSource,
    as_source,
    read_csv_file,
    read_yaml_file,
    yaml_mapping,
)

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
JUDGEMENT_COLUMNS = ["case_id", "examination", "kind", "diagnosis_id", "wording", "source"]
# A catalogue finding a case does not list: not assessed, in these words and with this source.
NOT_REPORTED = "not reported"
NOT_LISTED_SOURCE = "not listed in the package's findings.csv"

Rows = Sequence[tuple[int, BaseModel]]


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
    images: tuple = ()  # `imos.dataset.images.PackageImage`s, checked and without metadata

    @property
    def case_labels(self) -> dict[str, str]:
        """Case id -> label ('Case 2'), in the series' order."""
        return dict(zip(self.cases["case_id"], self.cases["label"]))

    @property
    def finding_labels(self) -> dict[str, str]:
        """Finding id -> label, in catalogue order (the catalogue's own lookup)."""
        return self.catalogue.finding_labels


def default_series_dir() -> Path:
    """The series folder: $IMOS_SERIES_DIR when set, else the shipped Abe 2020 series."""
    override = os.environ.get(SERIES_DIR_ENV)
    return Path(override) if override else DEFAULT_SERIES_DIR


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
    problems = Problems()  # at most MAX_PROBLEMS_PER_FILE per file: bounded time and memory

    meta_doc = yaml_mapping(folder, "series.yaml", problems)
    meta: dict = {}
    if meta_doc is not None:
        try:
            meta = schema.SeriesMeta.model_validate(meta_doc).model_dump()
        except ValidationError as exc:
            problems.extend(problems_from("series.yaml", None, exc))

    cases = read_yaml_file(folder, "cases.yaml", schema.Case, problems)
    findings = read_csv_file(folder, "findings.csv", schema.CaseFinding, problems)
    events = read_csv_file(folder, "events.csv", schema.Event, problems)
    def optional(reader, name: str, model: type[BaseModel]) -> list:
        return reader(folder, name, model, problems) if folder.read(name) is not None else []

    mri = optional(read_csv_file, "mri_sequences.csv", schema.MriSequence)
    discrepancies = optional(read_yaml_file, "discrepancies.yaml", schema.Discrepancy)
    judgements = optional(read_csv_file, "judgements.csv", schema.Judgement)
    check_judgements(catalogue, cases, judgements, problems)

    check_unique("cases.yaml", cases, ("case_id",), problems)
    check_unique("findings.csv", findings, ("case_id", "finding_id"), problems)
    check_unique("events.csv", events, ("case_id", "event"), problems)
    check_unique("discrepancies.yaml", discrepancies, ("discrepancy_id",), problems)
    check_references(catalogue, cases, findings, events, mri, discrepancies, problems)
    check_nesting(findings, problems)
    images = read_images(folder, {c.case_id for _, c in cases},
                         set(catalogue.examinations["examination_id"]), problems)
    if not cases and not any(p.file == "cases.yaml" for p in problems):
        problems.append(Problem("cases.yaml", None, None, "the series has no cases"))
    if problems or problems.cut:
        raise DataFileError(problems.finish())

    return CaseSeries(
        meta=meta,
        cases=to_frame(cases, exclude={"sources"}, model=schema.Case),
        case_sources=_case_sources(cases),
        findings=complete_findings(to_frame(findings, model=schema.CaseFinding),
                                   [c.case_id for _, c in cases], catalogue),
        events=to_frame(events, model=schema.Event).sort_values(
            ["case_id", "order"], kind="stable").reset_index(drop=True),
        mri_sequences=(to_frame(mri) if mri
                       else pd.DataFrame(columns=list(schema.MriSequence.model_fields))),
        **_discrepancy_frames(discrepancies),
        catalogue=catalogue,
        judgements=_judgements(judgements),
        images=images,
    )


# --- frames that are not one row per validated row --------------------------------------


def complete_findings(findings: pd.DataFrame, case_ids: Sequence[str],
                      catalogue: Catalogue) -> pd.DataFrame:
    """Every catalogue finding for every case, ordered by case then catalogue.

    The catalogue is the one list of findings: a finding a case does not list is
    `not_assessed`, worded "not reported", so a finding added to the catalogue reaches every
    package (shipped or uploaded) without a row per case.
    """
    finding_ids = list(catalogue.findings["finding_id"])
    listed = set(zip(findings["case_id"], findings["finding_id"]))
    missing = pd.DataFrame(
        [{"case_id": c, "finding_id": f, "value": "not_assessed", "wording": NOT_REPORTED,
          "source": NOT_LISTED_SOURCE}
         for c in case_ids for f in finding_ids if (c, f) not in listed],
        columns=list(schema.CaseFinding.model_fields),
    )
    if missing.empty:
        complete = findings
    elif findings.empty:
        complete = missing
    else:
        complete = pd.concat([findings, missing], ignore_index=True)
    case_order = {c: i for i, c in enumerate(case_ids)}
    finding_order = {f: i for i, f in enumerate(finding_ids)}
    return (complete.assign(_case=complete["case_id"].map(case_order),
                            _finding=complete["finding_id"].map(finding_order))
            .sort_values(["_case", "_finding"], kind="stable")
            .drop(columns=["_case", "_finding"]).reset_index(drop=True))


def _case_sources(cases: Rows) -> pd.DataFrame:
    """One row per (case, field) with the source of that field."""
    return pd.DataFrame(
        [{"case_id": c.case_id, "field": f, "source": s}
         for _, c in cases for f, s in c.sources.items()],
        columns=["case_id", "field", "source"],
    )


def _discrepancy_frames(discrepancies: Rows) -> dict[str, pd.DataFrame]:
    """The discrepancies, their readings and the cells they affect, a frame each."""
    return {
        "discrepancies": pd.DataFrame(
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
        "discrepancy_readings": pd.DataFrame(
            [{"discrepancy_id": d.discrepancy_id, "source": r.source, "reading": r.reading}
             for _, d in discrepancies for r in d.readings],
            columns=["discrepancy_id", "source", "reading"],
        ),
        "discrepancy_cells": pd.DataFrame(
            [{"discrepancy_id": d.discrepancy_id, **cell.model_dump()}
             for _, d in discrepancies for cell in d.affects],
            columns=["discrepancy_id", "table", "case_id", "field"],
        ),
    }


def _judgements(judgements: Rows) -> pd.DataFrame:
    """One row per judged diagnosis (a judgement may name several)."""
    return pd.DataFrame(
        [{"case_id": j.case_id, "examination": j.examination, "kind": j.kind,
          "diagnosis_id": d, "wording": j.wording, "source": j.source}
         for _, j in judgements for d in j.diagnosis_ids],
        columns=JUDGEMENT_COLUMNS,
    )
