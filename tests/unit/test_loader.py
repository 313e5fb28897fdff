"""The loader accepts the shipped files and names file, row and field of every problem."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from imos.data import (
    DEFAULT_SERIES_DIR,
    NOT_LISTED_SOURCE,
    NOT_REPORTED,
    DataFileError,
    MemorySource,
    load_case_series,
    load_catalogue,
)


def test_shipped_series_has_the_documented_api(series):
    for name in ("cases", "findings", "events", "discrepancies"):
        assert isinstance(getattr(series, name), pd.DataFrame)
    assert {
        "case_id", "age", "sex", "side", "bone", "segment",
        "onset_to_diagnosis_months", "followup_months",
    } <= set(series.cases.columns)
    assert list(series.findings.columns)[:4] == ["case_id", "finding_id", "value", "wording"]
    assert {"case_id", "finding_id", "value", "source"} <= set(series.findings.columns)
    assert {"case_id", "event", "month", "source"} <= set(series.events.columns)
    assert len(series.cases) == 3
    assert set(series.cases["sex"]) <= {"F", "M"}
    assert set(series.cases["side"]) <= {"left", "right"}


def test_the_shipped_findings_file_lists_no_finding_twice_for_a_case():
    rows = pd.read_csv(DEFAULT_SERIES_DIR / "findings.csv", dtype=str)
    twice = rows[rows.duplicated(["case_id", "finding_id"], keep=False)]
    assert twice.empty, twice


def test_the_loader_gives_every_case_every_catalogue_finding_once(series):
    catalogue_ids = list(series.catalogue.findings["finding_id"])
    for case_id in series.cases["case_id"]:
        ids = series.findings.loc[series.findings["case_id"] == case_id, "finding_id"]
        assert list(ids) == catalogue_ids, case_id  # once each, in catalogue order


def test_a_finding_a_case_leaves_out_is_not_assessed_and_not_reported(series_copy):
    lines = (series_copy / "findings.csv").read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("2,nidus,")]
    assert len(kept) == len(lines) - 1
    (series_copy / "findings.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    cell = load_case_series(series_copy).findings.set_index(["case_id", "finding_id"]).loc[
        ("2", "nidus")]
    assert (cell["value"], cell["wording"], cell["source"]) == (
        "not_assessed", NOT_REPORTED, NOT_LISTED_SOURCE)


def test_an_uploaded_package_without_findings_is_all_not_reported(series_copy):
    files = {p.name: p.read_bytes() for p in series_copy.iterdir()}
    files["findings.csv"] = b"case_id,finding_id,value,wording,source\n"
    loaded = load_case_series(MemorySource(files))
    catalogue_ids = set(loaded.catalogue.findings["finding_id"])
    assert len(loaded.findings) == len(loaded.cases) * len(catalogue_ids)
    assert set(loaded.findings["value"]) == {"not_assessed"}
    assert set(loaded.findings["wording"]) == {NOT_REPORTED}


def test_a_finding_new_to_the_catalogue_reaches_every_case(catalogue_copy):
    with (catalogue_copy / "findings.csv").open("a", encoding="utf-8") as out:
        out.write("new_sign,A new sign,clinical,history,Only for this test\n")
    loaded = load_case_series(catalogue=load_catalogue(catalogue_copy))
    new = loaded.findings[loaded.findings["finding_id"] == "new_sign"]
    assert list(new["case_id"]) == list(loaded.cases["case_id"])
    assert set(new["value"]) == {"not_assessed"}


def test_required_finding_ids_are_in_the_catalogue(series):
    required = {
        "periosteal_reaction", "soft_tissue_mass", "cortical_thickening",
        "medullary_narrowing", "intramedullary_sclerosis", "marrow_edema_like_signal",
        "nidus", "fracture_line", "local_inflammation", "raised_inflammatory_markers",
        "family_history", "bilateral_symmetric", "multifocal", "bone_scan_delayed_uptake",
        "bone_scan_blood_pool_increased", "bone_scan_flow_increased", "culture_positive",
        "malignant_cells",
    }
    assert required <= set(series.catalogue.findings["finding_id"])


def test_every_fact_carries_a_source(series):
    for table in (series.findings, series.events, series.mri_sequences, series.case_sources):
        assert table["source"].str.len().min() >= 3
    fields = set(series.cases.columns) - {"case_id", "label"}
    for case_id in series.cases["case_id"]:
        named = set(series.case_sources.loc[series.case_sources["case_id"] == case_id, "field"])
        assert named == fields


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _replace_line(path: Path, line_number: int, new_line: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new_line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _problems(folder: Path, catalogue: Path | None = None) -> list[tuple[str, int | None, str | None]]:
    with pytest.raises(DataFileError) as caught:
        load_case_series(folder, catalogue=load_catalogue(catalogue) if catalogue else None)
    return [(p.file, p.row, p.field) for p in caught.value.problems]


BREAKAGES = {
    "age not a number": (
        "cases.yaml", lambda d: _edit(d / "cases.yaml", "age: 41", "age: forty-one"),
        ("cases.yaml", 2, "age"),
    ),
    "sex outside F/M": (
        "cases.yaml", lambda d: _edit(d / "cases.yaml", "sex: F", "sex: female"),
        ("cases.yaml", 2, "sex"),
    ),
    "fact without a source": (
        "cases.yaml", lambda d: _edit(d / "cases.yaml", "    age: Abstract; Case 3 text; Fig. 3 title\n", ""),
        ("cases.yaml", 3, "sources"),
    ),
    "finding value outside the three states": (
        "findings.csv", lambda d: _replace_line(
            d / "findings.csv", 6, "1,female_sex,maybe,a man,Abstract; Case 1 text"),
        ("findings.csv", 5, "value"),
    ),
    "finding id not in the catalogue": (
        "findings.csv", lambda d: _replace_line(
            d / "findings.csv", 2, "1,adult_agee,present,60 years old,Abstract; Case 1 text"),
        ("findings.csv", 1, "finding_id"),
    ),
    "finding for an unknown case": (
        "findings.csv", lambda d: _replace_line(
            d / "findings.csv", 3, "9,adult_age,present,41 years old,Abstract; Case 2 text"),
        ("findings.csv", 2, "case_id"),
    ),
    "duplicate finding": (
        "findings.csv", lambda d: _replace_line(
            d / "findings.csv", 3, "1,adult_age,present,60 years old,Abstract; Case 1 text"),
        ("findings.csv", 2, "finding_id"),
    ),
    "event month not a number": (
        "events.csv", lambda d: _edit(d / "events.csv", "1,11,pain_almost_gone,pain,6,", "1,11,pain_almost_gone,pain,six,"),
        ("events.csv", 11, "month"),
    ),
    "stated event without a month": (
        "events.csv", lambda d: _edit(d / "events.csv", "1,11,pain_almost_gone,pain,6,", "1,11,pain_almost_gone,pain,,"),
        ("events.csv", 11, "month"),
    ),
    "unknown pain level": (
        "events.csv", lambda d: _edit(d / "events.csv", ",stated,almost_none,", ",stated,tiny,"),
        ("events.csv", 11, "pain_level"),
    ),
    "negative echo time": (
        "mri_sequences.csv", lambda d: _edit(d / "mri_sequences.csv", ",coronal,68,", ",coronal,-68,"),
        ("mri_sequences.csv", 4, "te_ms"),
    ),
    "unknown column": (
        "mri_sequences.csv", lambda d: _edit(d / "mri_sequences.csv", "slice_mm", "slice_thickness"),
        ("mri_sequences.csv", 1, "slice_thickness"),
    ),
    "discrepancy with one reading": (
        "discrepancies.yaml", lambda d: _edit(
            d / "discrepancies.yaml",
            "    - source: Abstract\n      reading: 34 months\n", ""),
        ("discrepancies.yaml", 1, "readings"),
    ),
    "discrepancy pointing at a field that does not exist": (
        "discrepancies.yaml", lambda d: _edit(
            d / "discrepancies.yaml", "field: followup_months}", "field: follow_up}"),
        ("discrepancies.yaml", 1, "affects.0.field"),
    ),
    "judgement at an examination the catalogue lacks": (
        "judgements.csv",
        lambda d: _edit(d / "judgements.csv", "2,triphasic_bone_scan,excluded,chronic_osteomyelitis,",
                        "2,pet_scan,excluded,chronic_osteomyelitis,"),
        ("judgements.csv", 10, "examination"),
    ),
    "series DOI malformed": (
        "series.yaml", lambda d: _edit(d / "series.yaml", "doi: 10.1186/", "doi: 11.x/"),
        ("series.yaml", None, "doi"),
    ),
}


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_a_broken_file_names_file_row_and_field(series_copy, name):
    _, breakage, expected = BREAKAGES[name]
    breakage(series_copy)
    assert expected in _problems(series_copy)


def test_every_series_file_has_a_breakage_test():
    from imos.data import SERIES_FILES

    assert {b[0] for b in BREAKAGES.values()} == set(SERIES_FILES)


def test_the_message_reads_file_row_field(series_copy):
    BREAKAGES["finding value outside the three states"][1](series_copy)
    with pytest.raises(DataFileError) as caught:
        load_case_series(series_copy)
    message = str(caught.value)
    assert "findings.csv, row 5, field 'value'" in message
    assert "'maybe'" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("file_name", ["cases.yaml", "findings.csv", "events.csv", "series.yaml"])
def test_a_missing_file_is_named(series_copy, file_name):
    (series_copy / file_name).unlink()
    assert (file_name, None, None) in _problems(series_copy)


def test_invalid_yaml_names_the_line(series_copy):
    _edit(series_copy / "cases.yaml", "  age: 60\n", "  age: [60\n")
    with pytest.raises(DataFileError) as caught:
        load_case_series(series_copy)
    assert re.search(r"cases\.yaml: not valid YAML near line \d+", str(caught.value))


def test_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DataFileError, match="does not exist"):
        load_case_series(tmp_path / "nowhere")


def test_non_utf8_file_is_reported(series_copy):
    (series_copy / "events.csv").write_bytes(b"case_id,order\n\xff\xfe,1\n")
    assert ("events.csv", None, None) in _problems(series_copy)


def test_judgements_are_optional(series_copy):
    (series_copy / "judgements.csv").unlink()
    assert load_case_series(series_copy).judgements.empty


def test_catalogue_unknown_examination_is_named(catalogue_copy):
    _edit(catalogue_copy / "findings.csv", "(18 or older),clinical,history,",
          "(18 or older),clinical,xray,")
    with pytest.raises(DataFileError) as caught:
        load_catalogue(catalogue_copy)
    assert ("findings.csv", 1, "examination") in [
        (p.file, p.row, p.field) for p in caught.value.problems]


def test_catalogue_unknown_group_is_named(series_copy, catalogue_copy):
    _edit(catalogue_copy / "findings.csv", "(18 or older),clinical,", "(18 or older),clinicl,")
    with pytest.raises(DataFileError) as caught:
        load_catalogue(catalogue_copy)
    assert ("findings.csv", 1, "group_id") in [(p.file, p.row, p.field) for p in caught.value.problems]


def test_every_problem_is_reported_at_once(series_copy):
    BREAKAGES["age not a number"][1](series_copy)
    BREAKAGES["negative echo time"][1](series_copy)
    problems = _problems(series_copy)
    assert ("cases.yaml", 2, "age") in problems
    assert ("mri_sequences.csv", 4, "te_ms") in problems


def test_labels_are_looked_up_on_the_catalogue_and_the_series(series):
    catalogue = series.catalogue
    assert list(catalogue.finding_labels) == list(catalogue.findings["finding_id"])
    assert catalogue.finding_labels["nidus"] == "Nidus"
    assert series.finding_labels == catalogue.finding_labels
    assert series.case_labels == {"1": "Case 1", "2": "Case 2", "3": "Case 3"}
    assert list(catalogue.group_labels) == list(catalogue.groups["group_id"])
    assert set(catalogue.pain_level_labels) == set(catalogue.pain_levels["level_id"])
    assert list(catalogue.examination_short_labels)[0] == "history"
