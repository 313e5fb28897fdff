"""Grouping the differential by family and wording the unaddressed mimics (imos.reasoning.families)."""

from __future__ import annotations

from imos.data import load_case_series
from imos.reasoning.engine import Verdict, all_case_findings, default_knowledge, evaluate
from imos.reasoning.questions import Question
from imos.reasoning.families import (
    closed_words,
    family_of,
    group_ids,
    group_verdicts,
    scope_of,
    settled_by_words,
    settling,
    unaddressed_head,
    unaddressed_lines,
)

KNOWLEDGE = default_knowledge()
FAMILIES = family_of(KNOWLEDGE)


def test_families_and_scopes_come_from_the_knowledge_base():
    frame = KNOWLEDGE.diagnoses
    assert list(FAMILIES) == list(frame["diagnosis_id"])
    assert scope_of(KNOWLEDGE) == dict(zip(frame["diagnosis_id"], frame["scope"]))


def test_groups_follow_the_files_order_of_families_and_keep_the_given_order():
    ids = list(reversed(FAMILIES))
    grouped = group_ids(ids, FAMILIES)
    order = list(dict.fromkeys(FAMILIES.values()))
    assert [family for family, _ in grouped] == order
    assert [d for _, members in grouped for d in members] == sorted(
        ids, key=lambda d: order.index(FAMILIES[d]))  # a stable sort: the given order inside
    assert group_ids(["x", *ids[:1]], FAMILIES)[-1] == ("other", ["x"])


def test_open_ones_shown_and_closed_ones_folded_strongest_first():
    series = load_case_series()
    verdicts = evaluate(all_case_findings(series.findings)["2"])
    groups = group_verdicts(verdicts, FAMILIES)
    assert sorted(v.diagnosis_id for g in groups for v in g.open + g.closed) == sorted(FAMILIES)
    for group in groups:
        assert all(v.status not in ("excluded", "unlikely") for v in group.open)
        assert all(v.status in ("excluded", "unlikely") for v in group.closed)
        assert all(FAMILIES[v.diagnosis_id] == group.family for v in group.open + group.closed)
    malignant = next(g for g in groups if g.family == "malignant tumour")
    assert not malignant.open and closed_words(malignant.closed) == (
        "excluded: Osteosarcoma, Primary lymphoma of bone, Osteoblastic metastasis")


def test_closed_words_name_excluded_then_unlikely():
    closed = [Verdict("a", "A", "unlikely", ()), Verdict("b", "B", "excluded", ()),
              Verdict("c", "C", "unlikely", ())]
    assert closed_words(closed) == "excluded: B; unlikely: A, C"


def test_what_settles_a_mimic_is_read_from_the_ranked_questions():
    questions = [Question("f1", ("ribbing", "paget"), (("present", "ribbing", "excluded"),
                                                       ("absent", "paget", "unlikely"))),
                 Question("f2", ("ribbing",), (("absent", "ribbing", "unlikely"),))]
    settle = settling(questions)
    assert settle == {"ribbing": [("f1", "present", "excluded"), ("f2", "absent", "unlikely")],
                      "paget": [("f1", "absent", "unlikely")]}
    labels = {"f1": "Family history", "f2": "Bilateral lesions"}
    assert settled_by_words(settle["ribbing"], labels) == (
        "family history present (→ excluded); bilateral lesions absent (→ unlikely)")
    assert settled_by_words(settle["ribbing"], labels, limit=1) == (
        "family history present (→ excluded); and 1 more")
    names = {"ribbing": "Ribbing disease", "paget": "Paget disease of bone", "x": "X"}
    assert unaddressed_head(["ribbing", "paget"], names) == (
        "Left open by the report's text: Ribbing disease, Paget disease of bone — the paper "
        "names them only as a class or not at all, and what its text reports leaves them "
        "merely possible (no finding reported speaks for them).")
    assert unaddressed_head([], names) == ""
    assert unaddressed_lines(["paget", "x"], names, labels, settle) == [
        "Paget disease of bone: would be settled by family history absent (→ unlikely)",
        "X: no single finding would settle it"]
