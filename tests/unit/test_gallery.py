"""The look-alikes gallery (imos.teaching.gallery): the findings that told two diagnoses
apart in each report are the coded findings whose rules act differently on the two."""

from __future__ import annotations

import pytest

from imos.data import load_case_series
from imos.dataset.literature import load_literature
from imos.reasoning import engine as dx
from imos.teaching import gallery
from imos.teaching.gallery import FOR, GalleryCase, rules_reading

KB = dx.default_knowledge()
SERIES = load_case_series()
CASES = ([gallery.from_library(c, "https://example.org", c.case_id) for c in load_literature()]
         + [gallery.from_series(SERIES, c) for c in SERIES.cases["case_id"]])
MIMICS = [d for d in gallery.with_cases(CASES, list(KB.diagnosis_labels)) if d != "imos"]


def _case(**findings) -> GalleryCase:
    return GalleryCase("t", "t", "paget", findings, {f: "p" for f in findings}, "ref", "", True)


def test_a_finding_for_one_and_against_the_other_separates_them():
    found = gallery.separators(_case(raised_alp="present"), "paget", "imos", KB)
    assert [(s.finding_id, s.favours) for s in found] == [("raised_alp", "paget")]
    assert {r.diagnosis_id for r in found[0].rules} <= {"paget", "imos"}


def test_a_finding_no_rule_of_either_reads_separates_nothing():
    unread = next(f for f in sorted(KB.finding_ids)
                  if not rules_reading(KB, "paget", f, "present")
                  and not rules_reading(KB, "imos", f, "present"))
    assert gallery.separators(_case(**{unread: "present"}), "paget", "imos", KB) == []


@pytest.mark.parametrize("mimic", MIMICS)
def test_every_separator_acts_differently_on_the_two(mimic):
    for column in gallery.look_alikes(mimic, "imos", CASES, KB):
        for case, found in column.cases:
            assert case.diagnosis_id == column.diagnosis_id
            for s in found:
                assert case.findings[s.finding_id] == s.value
                pulls = {d: max((FOR[r.effect] for r in rules_reading(KB, d, s.finding_id, s.value)),
                                key=abs, default=0) for d in (mimic, "imos")}
                other = "imos" if s.favours == mimic else mimic
                assert pulls[s.favours] > pulls[other]
                assert s.rules and all((s.finding_id, s.value) in r.conditions for r in s.rules)


def test_the_imos_side_holds_the_library_and_the_papers_cases():
    _, imos = gallery.look_alikes(MIMICS[0], "imos", CASES, KB)
    names = [c.name for c, _ in imos.cases]
    assert sum(not c.library for c, _ in imos.cases) == len(SERIES.cases)
    assert any("Abe et al." in n for n in names)


def test_a_gallery_link_names_the_diagnosis_and_an_odd_link_is_reported():
    assert gallery.gallery_query("paget") == {"dx": "paget"}
    assert gallery.parse_gallery({"dx": ["paget"]}, list(KB.diagnosis_labels)) == ("paget", None, [])
    dx_, vs, problems = gallery.parse_gallery({"dx": ["<b>x"], "vs": ["a", "b"]},
                                              list(KB.diagnosis_labels))
    assert dx_ is None and vs is None and len(problems) == 2


def test_a_strong_separator_has_a_strong_rule():
    found = gallery.separators(_case(raised_alp="present", female_sex="present"), "paget",
                               "imos", KB)
    strong = {s.finding_id: s.strong for s in found}
    assert strong["raised_alp"] is True
    assert strong.get("female_sex") in (False, None)
    assert [s.finding_id for s in found][0] == "raised_alp"  # strongest first
