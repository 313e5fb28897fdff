"""The replay engine and the road to the diagnosis, checked against the paper's reasoning."""

import pytest

from imos.data import load_case_series
from imos.reasoning.engine import case_findings, default_knowledge, evaluate, statuses
from imos.reasoning.knowledge import load_knowledge
from imos.teaching.replay import Step, examination_steps, replay, stage_steps
from imos.teaching.road import (
    closed_at,
    left_unaddressed,
    road_summary,
    road_to_diagnosis,
    unaddressed_reasons,
)


@pytest.fixture(scope="module")
def series():
    return load_case_series()


def test_stages_follow_the_clinical_order_of_the_issue(series):
    assert [s.label for s in stage_steps(series.catalogue)] == [
        "History and examination", "Laboratory", "Radiograph and CT", "MRI",
        "Whole-body bone scan", "Triphasic bone scan", "Biopsy",
    ]


def test_every_finding_is_revealed_by_exactly_one_examination(series):
    revealed = [f for s in examination_steps(series.catalogue) for f in s.finding_ids]
    assert sorted(revealed) == sorted(series.catalogue.findings["finding_id"])


def test_replay_ends_where_the_whole_case_does(series):
    values = case_findings(series.findings, "2")
    last = replay(values, stage_steps(series.catalogue))[-1]
    assert statuses(last.verdicts) == statuses(evaluate(values))


def test_replay_records_only_changes_and_keeps_unrevealed_findings_unknown():
    steps = [Step("a", "A", ("nidus",)), Step("b", "B", ("culture_positive",))]
    first, second = replay({"nidus": "absent"}, steps)
    assert first.newly_excluded == ("osteoid_osteoma",)
    assert second.revealed == {"culture_positive": "unknown"}
    assert second.changed == {}


def _stop(stops, examination_id):
    return next(s for s in stops if s.examination_id == examination_id)


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_each_alternative_closes_at_the_step_that_truly_closes_it(series, case_id):
    stops = road_to_diagnosis(series, case_id)
    assert _stop(stops, "ct").replayed.newly_excluded == ("osteoid_osteoma",)
    assert set(_stop(stops, "biopsy").replayed.newly_excluded) == {
        "osteosarcoma", "lymphoma", "osteoblastic_metastasis"}
    assert _stop(stops, "mri").replayed.newly_excluded == ()
    assert [s.replayed.verdict("imos").status for s in stops[:-1]] == ["possible"] * (len(stops) - 1)
    assert _stop(stops, "biopsy").replayed.verdict("imos").status == "supported"
    assert closed_at(stops, "lymphoma") == "Open biopsy (histology and culture)"


def test_case_1_has_no_triphasic_scan_so_stress_fracture_stays_unlikely(series):
    stops = road_to_diagnosis(series, "1")
    assert "triphasic_bone_scan" not in [s.examination_id for s in stops]
    assert stops[-1].replayed.verdict("stress_fracture").status == "unlikely"
    assert closed_at(stops, "stress_fracture") is None


@pytest.mark.parametrize("case_id", ["2", "3"])
def test_the_triphasic_scan_leaves_osteomyelitis_unlikely_not_excluded(series, case_id):
    stop = _stop(road_to_diagnosis(series, case_id), "triphasic_bone_scan")
    assert stop.replayed.newly_excluded == ()
    assert stop.replayed.verdict("chronic_osteomyelitis").status == "unlikely"


def test_the_paper_closes_on_imaging_what_the_engine_closes_at_the_biopsy(series):
    """Every place where the paper sets a diagnosis aside before the engine does is a
    hedged imaging or clinical argument; the engine holds the diagnosis open (possible or
    unlikely) and, for the tumours, excludes it at the biopsy."""
    found = {}
    for case_id in ("1", "2", "3"):
        stops = road_to_diagnosis(series, case_id)
        for stop in stops:
            for d in stop.disagreements():
                assert stop.replayed.verdict(d).status in ("possible", "unlikely")
                found.setdefault(d, set()).add((case_id, stop.examination_id))
        for d in ("osteosarcoma", "lymphoma", "osteoblastic_metastasis"):
            assert closed_at(stops, d) == "Open biopsy (histology and culture)"
    assert set(found) == {"osteosarcoma", "lymphoma", "osteoblastic_metastasis",
                          "chronic_osteomyelitis", "garre", "stress_fracture"}
    assert found["stress_fracture"] == {("2", "mri"), ("2", "triphasic_bone_scan"),
                                        ("3", "triphasic_bone_scan")}
    assert {e for _, e in found["chronic_osteomyelitis"]} == {"mri", "triphasic_bone_scan"}
    # the paper sets chronic sclerosing osteomyelitis (Garre) aside on the clinical picture
    assert {e for _, e in found["garre"]} == {"mri"}


def test_times_keep_the_papers_precision(series):
    stops = road_to_diagnosis(series, "1")
    assert _stop(stops, "mri").month is None
    assert _stop(stops, "mri").window == (-24.0, 0.0)
    assert "order only" in _stop(stops, "mri").when
    assert _stop(stops, "history").when.startswith("undated")
    assert _stop(stops, "biopsy").month == 0.0


def test_judgements_name_only_known_diagnoses(series):
    known = set(load_knowledge().diagnoses["diagnosis_id"])
    assert set(series.judgements["diagnosis_id"]) <= known


def test_the_road_and_the_walk_through_share_one_numbering(series):
    from imos.teaching.replay import stage_numbers

    numbers = stage_numbers(series.catalogue)
    assert numbers["radiograph"] == "3a" and numbers["ct"] == "3b" and numbers["mri"] == "4"
    stages = [s.key for s in stage_steps(series.catalogue)]
    assert stages[3] == "mri" and numbers["biopsy"] == str(len(stages))


def test_the_wider_mimics_left_open_at_the_end_come_with_what_would_settle_them(series):
    knowledge = default_knowledge()
    stops = road_to_diagnosis(series, "2", knowledge)
    left = left_unaddressed(stops)
    final = stops[-1].replayed
    assert set(left) == {v.diagnosis_id for v in final.verdicts
                         if v.diagnosis_id in knowledge.wider_differential
                         and v.status == "possible"}
    settle = {left[0]: [("double_line_sign", "absent", "unlikely")]}
    labels = {"double_line_sign": "Double-line sign"}
    reasons = unaddressed_reasons(stops, labels, settle)
    assert reasons[left[0]] == "would be settled by double-line sign absent (→ unlikely)"
    assert all(reasons[d] == "no single finding would settle it" for d in left[1:])
    names = knowledge.diagnosis_labels
    summary = road_summary(stops, names, reasons=reasons)
    assert summary.endswith(f"{names[left[-1]]}, which no single finding would settle it.")
    assert (f"Left open by the report's text (named by the paper only as a class or not at all): "
            f"{names[left[0]]}, "
            "which would be settled by double-line sign absent") in summary
    assert "Not addressed" not in road_summary(stops, names)
