"""Checks across the rows and files of a data package: ids unique, and every id used in
one file defined where it belongs (cases, findings of the catalogue, pain levels,
examinations, the fields a discrepancy affects)."""

from __future__ import annotations

import csv
from collections.abc import Sequence

from imos.dataset import schema
from imos.dataset.catalogue import Catalogue
from imos.dataset.problems import Problem
from imos.dataset.sources import DATA_DIR


def check_judgements(catalogue: Catalogue, cases, judgements, problems: list[Problem]) -> None:
    case_ids = {c.case_id for _, c in cases}
    examination_ids = set(catalogue.examinations["examination_id"])
    for number, j in judgements:
        if case_ids and j.case_id not in case_ids:
            problems.append(Problem("judgements.csv", number, "case_id",
                                    f"unknown case '{j.case_id}'"))
        if j.examination not in examination_ids:
            problems.append(Problem("judgements.csv", number, "examination",
                                    f"unknown examination '{j.examination}'"))


def check_references(
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


def nesting_pairs(path=None) -> list[tuple[str, str]]:
    """(subtype, parent) finding pairs from the knowledge base's `nesting.csv`: a subtype
    present means its parent is present (read here as plain data: this layer does not
    import the reasoning)."""
    file = DATA_DIR / "knowledge" / "nesting.csv" if path is None else path
    try:
        with open(file, newline="", encoding="utf-8-sig") as handle:
            return [(row["child"], row["parent"]) for row in csv.DictReader(handle)]
    except (OSError, KeyError):
        return []


def check_nesting(findings, problems: list[Problem], pairs=None) -> None:
    """A subtype reported present while its parent is reported absent (solid periosteal new
    bone without a periosteal reaction) cannot both be true: refused with a plain message."""
    pairs = nesting_pairs() if pairs is None else pairs
    values = {(f.case_id, f.finding_id): (number, f.value) for number, f in findings}
    for (case_id, finding_id), (number, value) in values.items():
        if value != "present":
            continue
        for child, parent in pairs:
            if child == finding_id and values.get((case_id, parent), (None, None))[1] == "absent":
                problems.append(Problem(
                    "findings.csv", number, "value",
                    f"case '{case_id}': '{child}' is present but '{parent}' is absent; "
                    f"{child} is a kind of {parent}, so both cannot be true"))
