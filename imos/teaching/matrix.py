"""The imaging-findings matrix: the long findings table joined to its catalogue, its
symbols and the source discrepancies that touch each cell (pure pandas)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from imos.data import CaseSeries, complete_findings

# Each state has a symbol as well as a colour, so the matrix reads in greyscale too.
SYMBOLS = {"present": "+", "absent": "−", "not_assessed": "?"}
STATE_LABELS = {
    "present": "present",
    "absent": "absent",
    "not_assessed": "not assessed / not reported",
}
DISCREPANCY_MARK = "†"


def findings_matrix(
    series: CaseSeries,
    groups: Iterable[str] | None = None,
    cases: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per (finding, case) cell, in catalogue order, with everything a cell shows.

    `groups` and `cases` filter by group id and case id; None keeps all. A finding a case
    does not list is a "?" cell (not assessed), like every cell the loader fills.
    """
    catalogue = series.catalogue
    findings = complete_findings(series.findings, list(series.cases["case_id"]), catalogue)
    cells = findings.merge(
        catalogue.findings[["finding_id", "label", "group_id", "group_order"]],
        on="finding_id",
        how="left",
    ).merge(
        catalogue.groups[["group_id", "label"]].rename(columns={"label": "group_label"}),
        on="group_id",
        how="left",
    )
    case_labels = series.cases.set_index("case_id")["label"]
    case_order = {c: i for i, c in enumerate(series.cases["case_id"])}
    finding_order = {f: i for i, f in enumerate(catalogue.findings["finding_id"])}
    cells["case_label"] = cells["case_id"].map(case_labels)
    cells["symbol"] = cells["value"].map(SYMBOLS)
    cells["state"] = cells["value"].map(STATE_LABELS)
    notes = discrepancy_notes(series, table="findings")
    cells = cells.merge(
        notes.rename(columns={"field": "finding_id"}), on=["case_id", "finding_id"], how="left"
    )
    cells["has_discrepancy"] = cells["disputed"].fillna(False).astype(bool)
    cells["discrepancy"] = cells["discrepancy"].fillna("")
    if groups is not None:
        cells = cells[cells["group_id"].isin(list(groups))]
    if cases is not None:
        cells = cells[cells["case_id"].isin(list(cases))]
    cells = cells.assign(
        _case=cells["case_id"].map(case_order), _finding=cells["finding_id"].map(finding_order)
    ).sort_values(["_finding", "_case"], kind="stable")
    return cells.drop(columns=["_case", "_finding"]).reset_index(drop=True)


NO_VALUE_AT_STAKE = "no value depends on it"


def disputes_a_value(dataset_uses: str) -> bool:
    """Whether a discrepancy puts a cell's value in doubt. One whose `dataset_uses` opens
    'no value depends on it' only touches the cell (Case 1, a man, against the paper's
    'female predominance'): the note is kept, but the value is not marked † as disputed."""
    return not str(dataset_uses).strip().lower().startswith(NO_VALUE_AT_STAKE)


def discrepancy_notes(series: CaseSeries, table: str) -> pd.DataFrame:
    """Per (case_id, field) of `table`: the text of every discrepancy touching it, and
    whether one of them disputes the cell's value (`disputed`)."""
    cells = series.discrepancy_cells[series.discrepancy_cells["table"] == table]
    if cells.empty:
        return pd.DataFrame(columns=["case_id", "field", "discrepancy", "disputed"])
    texts = (
        series.discrepancy_readings.groupby("discrepancy_id", sort=False)
        .apply(lambda r: "; ".join(f"{s}: {t}" for s, t in zip(r["source"], r["reading"])),
               include_groups=False)
        .rename("readings")
    )
    merged = cells.merge(series.discrepancies[["discrepancy_id", "topic", "dataset_uses"]],
                         on="discrepancy_id").merge(texts, on="discrepancy_id")
    merged["text"] = (
        merged["topic"] + ". " + merged["readings"] + ". Dataset uses: " + merged["dataset_uses"]
    )
    merged["disputed"] = merged["dataset_uses"].map(disputes_a_value)
    return merged.groupby(["case_id", "field"], sort=False).agg(
        discrepancy=("text", " || ".join), disputed=("disputed", "any")).reset_index()


def wide_matrix(cells: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a table: one row per finding, one column per case, symbol and state."""
    table = cells.assign(
        cell=cells["symbol"] + " " + cells["state"]
        + cells["has_discrepancy"].map({True: f" {DISCREPANCY_MARK}", False: ""})
    )
    wide = table.pivot_table(
        index=["group_label", "label"], columns="case_label", values="cell", aggfunc="first",
        sort=False,
    )
    wide.columns.name = None
    return wide.reset_index().rename(columns={"group_label": "modality", "label": "finding"})


def shared_by_all(cells: pd.DataFrame) -> dict[str, list[str]]:
    """Finding labels with the same value in every case shown, per value.

    A label ends in ' †' where the paper disagrees with itself for one of those cells
    (cortical thickening in Cases 2 and 3 rests on the figure captions only).
    """
    n_cases = cells["case_id"].nunique()
    shared: dict[str, list[str]] = {v: [] for v in SYMBOLS}
    for (_, label), group in cells.groupby(["finding_id", "label"], sort=False):
        values = set(group["value"])
        if len(group) == n_cases and len(values) == 1:
            disputed = "has_discrepancy" in group and bool(group["has_discrepancy"].any())
            shared[values.pop()].append(label + (" †" if disputed else ""))
    return shared


def mri_parameters_table(series: CaseSeries, cases: Iterable[str] | None = None) -> pd.DataFrame:
    """MRI sequences per case with TE, TR and slice thickness, as the paper reports them."""
    mri = series.mri_sequences.merge(series.cases[["case_id", "label"]], on="case_id")
    if cases is not None:
        mri = mri[mri["case_id"].isin(list(cases))]
    return mri.rename(
        columns={
            "label": "case",
            "paper_calls_it": "the paper calls it",
            "te_ms": "TE (ms)",
            "tr_ms": "TR (ms)",
            "slice_mm": "slice (mm)",
        }
    )[["case", "sequence", "the paper calls it", "plane", "TE (ms)", "TR (ms)", "slice (mm)",
       "signal", "source"]].reset_index(drop=True)


def prevalence(cells: pd.DataFrame) -> pd.DataFrame:
    """How many cases have each finding present, absent or not assessed (catalogue order)."""
    counts = (cells.groupby(["finding_id", "value"], sort=False).size()
              .unstack(fill_value=0).reindex(columns=list(SYMBOLS), fill_value=0))
    rows = cells.drop_duplicates("finding_id")[["finding_id", "label", "group_label"]]
    return rows.merge(counts, left_on="finding_id", right_index=True).reset_index(drop=True)
