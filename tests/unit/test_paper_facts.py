"""Each patient's key facts, pinned to the paper (Abe et al. 2020), and no pasted sentences."""

from __future__ import annotations

import re

import pytest
import yaml

from imos.data import DEFAULT_SERIES_DIR
from tests.conftest import PAPER

CASES = {
    # case: (age, sex, side, bone, onset-to-diagnosis months, follow-up months)
    "1": (60, "M", "right", "femur", 24, 39),
    "2": (41, "F", "left", "femur", 8, 33),
    "3": (44, "F", "right", "tibia", 8, 6),
}

MRI = {
    # case: [(sequence, TE ms, TR ms, slice mm)]  Case texts 1 to 3
    "1": [("T1 spin echo", 10, 550, 4), ("STIR", 60, 6000, 4)],
    "2": [("T1 spin echo", 13, 483, 4), ("STIR", 68, 4200, 4)],
    "3": [("T1 spin echo", 15, 450, 5), ("fat-suppressed T2", 100, 3021, 5)],
}


@pytest.mark.parametrize("case_id", sorted(CASES))
def test_case_demographics_and_site(series, case_id):
    row = series.cases.set_index("case_id").loc[case_id]
    age, sex, side, bone, onset, followup = CASES[case_id]
    assert (row["age"], row["sex"], row["side"], row["bone"]) == (age, sex, side, bone)
    assert row["onset_to_diagnosis_months"] == onset
    assert bool(row["onset_to_diagnosis_approximate"]) is True
    assert row["followup_months"] == followup
    assert row["culture"] == "negative"


@pytest.mark.parametrize("case_id", sorted(MRI))
def test_mri_parameters(series, case_id):
    rows = series.mri_sequences[series.mri_sequences["case_id"] == case_id]
    got = [(r.sequence, r.te_ms, r.tr_ms, r.slice_mm) for r in rows.itertuples()]
    assert got == MRI[case_id]


def _value(series, case_id, finding_id):
    f = series.findings
    return f[(f["case_id"] == case_id) & (f["finding_id"] == finding_id)]["value"].item()


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_findings_shared_by_all_cases(series, case_id):
    for finding_id in ("intramedullary_sclerosis", "medullary_narrowing",
                       "marrow_edema_like_signal", "t1_low_signal", "bone_scan_whole_body_uptake"):
        assert _value(series, case_id, finding_id) == "present", finding_id
    for finding_id in ("periosteal_reaction", "soft_tissue_mass", "nidus", "local_inflammation",
                       "raised_inflammatory_markers", "family_history", "culture_positive",
                       "nsaid_relief"):
        assert _value(series, case_id, finding_id) == "absent", finding_id


def test_triphasic_scan_only_in_cases_2_and_3(series):
    phases = ("bone_scan_flow_increased", "bone_scan_blood_pool_increased", "bone_scan_delayed_uptake")
    for finding_id in phases:
        assert _value(series, "1", finding_id) == "not_assessed"
    for case_id in ("2", "3"):
        assert _value(series, case_id, "bone_scan_flow_increased") == "absent"
        assert _value(series, case_id, "bone_scan_blood_pool_increased") == "absent"
        assert _value(series, case_id, "bone_scan_delayed_uptake") == "present"
        assert _value(series, case_id, "bone_scan_delayed_fusiform") == "present"
    assert _value(series, "2", "bone_scan_blood_pool_slight") == "absent"
    assert _value(series, "3", "bone_scan_blood_pool_slight") == "present"


def test_cortical_thickening_in_text_only_for_case_1(series):
    f = series.findings.set_index(["case_id", "finding_id"])
    assert "Case 1 text" in f.loc[("1", "cortical_thickening"), "source"]
    for case_id in ("2", "3"):
        assert f.loc[(case_id, "cortical_thickening"), "source"].endswith("caption")


def _event(series, case_id, event):
    e = series.events
    return e[(e["case_id"] == case_id) & (e["event"] == event)].iloc[0]


def test_timeline_reference_point_and_key_months(series):
    for case_id, onset in (("1", -24), ("2", -8), ("3", -8)):
        assert _event(series, case_id, "biopsy")["month"] == 0
        start = _event(series, case_id, "symptom_onset")
        assert (start["month"], start["precision"]) == (onset, "approximate")
    assert _event(series, "1", "pain_almost_gone")["month"] == 6
    assert _event(series, "1", "pain_recurrence")["month"] == 8
    assert _event(series, "1", "last_radiograph")["month"] == 39
    assert _event(series, "2", "pain_relieved")["month"] == 3
    assert _event(series, "2", "last_radiograph")["month"] == 33
    assert _event(series, "3", "pain_one_third")["month"] == 6
    assert _event(series, "3", "last_radiograph")["month"] == 6


def test_vague_times_stay_vague(series):
    # "for a few months": no number is invented for the NSAID courses of Cases 2 and 3.
    for case_id in ("2", "3"):
        nsaids = _event(series, case_id, "nsaids_before_biopsy")
        assert nsaids["precision"] == "vague"
        assert nsaids["month"] != nsaids["month"]  # NaN: no month given
    # opioids only in Case 3
    assert set(series.events.loc[series.events["event"].str.startswith("opioids"), "case_id"]) == {"3"}


def _readings(series, discrepancy_id):
    r = series.discrepancy_readings
    return " | ".join(r.loc[r["discrepancy_id"] == discrepancy_id, "reading"])


def test_known_discrepancies_keep_both_readings(series):
    assert "34 months" in _readings(series, "followup_case1")
    assert "39 months" in _readings(series, "followup_case1")
    assert "39 months" in _readings(series, "followup_case2_caption")
    assert "right femoral" in _readings(series, "side_case2_caption")
    assert "left femur" in _readings(series, "case3_whole_body_scan_site")
    assert "right tibia" in _readings(series, "case3_whole_body_scan_site")
    assert "left femur" in _readings(series, "case3_delayed_site")
    blood_pool = _readings(series, "case3_blood_pool")
    assert "no evidence" in blood_pool and "slightly" in blood_pool
    assert "Fig. 2k" in _readings(series, "case3_figure_reference")
    assert "lower thigh" in _readings(series, "case3_symptom_site")
    assert len(series.discrepancies) >= 10
    assert series.discrepancies["dataset_uses"].str.len().min() > 3


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("-\n", ""))


def _strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.skipif(not PAPER.is_file(), reason="the paper text is in ../shared, beside the repo")
def test_data_paraphrases_rather_than_pastes():
    """No run of 9 or more words in data/ is copied from the paper."""
    n = 9
    paper = _words(PAPER.read_text(encoding="utf-8"))
    grams = {tuple(paper[i:i + n]) for i in range(len(paper) - n + 1)}
    copied = []
    for path in sorted(DEFAULT_SERIES_DIR.parent.rglob("*")):
        if path.suffix not in (".csv", ".yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        strings = list(_strings(yaml.safe_load(text))) if path.suffix == ".yaml" else [text]
        for s in strings:
            words = _words(s)
            copied += [(path.name, " ".join(words[i:i + n])) for i in range(len(words) - n + 1)
                       if tuple(words[i:i + n]) in grams]
    assert not copied, copied
