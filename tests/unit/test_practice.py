"""Practice on published cases (imos.teaching.practice): a library case split into the
walk-through's stages, scored by the walk-through's own function, revealed, and a run's
summary of the families confused. Built on the loader, never on a fixed list of cases."""

from __future__ import annotations

import random
import shutil

import pytest

from imos.data import load_case_series
from imos.dataset.literature import DEFAULT_LITERATURE_DIR, load_literature
from imos.reasoning import engine as dx
from imos.reasoning.families import family_of
from imos.teaching import practice
from imos.teaching.replay import stage_steps
from imos.teaching.walkthrough import score_step

SERIES = load_case_series()
CATALOGUE = SERIES.catalogue
KB = dx.default_knowledge()
CASES = load_literature()
FAMILIES = family_of(KB)
EVERY = list(KB.diagnosis_labels)
LABELS = dict(zip(CATALOGUE.findings["finding_id"], CATALOGUE.findings["label"]))
EXAMINATION = dict(zip(CATALOGUE.findings["finding_id"], CATALOGUE.findings["examination"]))
STAGE_OF_EXAM = dict(zip(CATALOGUE.examinations["examination_id"],
                         CATALOGUE.examinations["stage"]))
STAGE_ORDER = [s.label for s in stage_steps(CATALOGUE)]
BIOPSY = [f for f, e in EXAMINATION.items() if e == "biopsy"]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.case_id)
def test_a_case_splits_into_the_walkthroughs_stages_with_coded_findings_only(case):
    steps = practice.practice_steps(case.findings, CATALOGUE, KB)
    labels = [s.label for s in steps]
    assert labels == [s for s in STAGE_ORDER if s in labels]  # clinical order
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    shown = {}
    for step in steps:
        found = practice.stage_findings(step, case.passages)
        assert found, f"{step.label} shown without a coded finding"
        for finding_id, value, passage in found:
            assert STAGE_OF_EXAM[EXAMINATION[finding_id]] == step.label  # the catalogue's exam
            assert case.findings[finding_id] == value and passage == case.passages[finding_id]
            shown[finding_id] = value
    assert shown == case.findings  # every coded finding once, nothing else
    # skipping the empty stages changes nothing: the last verdicts are the engine's own
    assert dx.statuses(steps[-1].replayed.verdicts) == dx.statuses(dx.evaluate(case.findings, KB))


def test_stages_follow_the_catalogue_not_a_list():
    findings = {"raised_alp": "present", "adult_age": "present"}  # laboratory, history
    steps = practice.practice_steps(findings, CATALOGUE, KB)
    assert [s.label for s in steps] == [STAGE_OF_EXAM[EXAMINATION["adult_age"]],
                                        STAGE_OF_EXAM[EXAMINATION["raised_alp"]]]


def test_the_score_is_the_walkthroughs_and_the_list_carries_over():
    case = next(c for c in CASES if len(practice.practice_steps(c.findings, CATALOGUE, KB)) >= 3)
    steps = practice.practice_steps(case.findings, CATALOGUE, KB)
    kept = [d for d in EVERY if d != case.authors_diagnosis]
    guesses = {1: kept}
    scores = practice.stage_scores(guesses, steps, EVERY)
    assert scores == [score_step(kept, steps, s.number) for s in steps]
    assert practice.carried(guesses, 3, EVERY) == kept
    assert practice.carried({}, 2, EVERY) == EVERY
    assert practice.carried({1: ["imos"], 2: ["paget"]}, 3, EVERY) == ["paget"]
    # the authors' diagnosis is never closed by the engine: dropping it is always wrong
    assert all(case.authors_diagnosis in s.dropped_but_open
               or case.authors_diagnosis in s.unaddressed_dropped for s in scores)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.case_id)
def test_the_reveal_names_the_authors_and_the_engines_verdicts(case):
    verdicts = practice.practice_steps(case.findings, CATALOGUE, KB)[-1].replayed.verdicts
    shown = practice.reveal(case, verdicts, LABELS, KB.diagnosis_labels, BIOPSY)
    statuses = dx.statuses(verdicts)
    assert shown.authors_diagnosis == case.authors_diagnosis
    assert shown.engine_status == statuses[case.authors_diagnosis]
    assert {d for d, _, _ in shown.also_supported} == {
        d for d, s in statuses.items() if s in ("supported", "conflicting")
        and d != case.authors_diagnosis}
    assert shown.differences and shown.engine_basis
    if shown.engine_status != "supported":
        assert any(shown.engine_status in line for line in shown.differences)
    words, url = practice.citation_link(case.citation)
    assert url.startswith("http") and words


def test_an_imos_case_reveal_says_why_the_engine_stops_at_possible():
    case = next(c for c in CASES if c.authors_diagnosis == "imos")
    verdicts = dx.evaluate(case.findings, KB)
    shown = practice.reveal(case, verdicts, LABELS, KB.diagnosis_labels, BIOPSY)
    assert shown.engine_status == "possible"
    assert "diagnosis of exclusion" in " ".join(shown.differences)
    assert "still stand" in shown.engine_basis


def test_pick_by_family_random_and_the_mimic_i_keep_missing():
    rng = random.Random(1)
    family = FAMILIES[CASES[-1].authors_diagnosis]
    for _ in range(20):
        pick = practice.pick_case(CASES, FAMILIES, "family", family=family, rng=rng)
        assert FAMILIES[next(c for c in CASES if c.case_id == pick.case_id).authors_diagnosis] == family
    pick = practice.pick_case(CASES, FAMILIES, "missed", missed=[family], rng=rng)
    assert FAMILIES[next(c for c in CASES if c.case_id == pick.case_id).authors_diagnosis] == family
    assert "missed most" in pick.why
    first = practice.pick_case(CASES, FAMILIES, "missed", missed=[], rng=rng)
    assert first.case_id and "nothing missed yet" in first.why
    assert practice.pick_case(CASES, FAMILIES, "family", family="no such").case_id is None


def test_a_run_does_not_repeat_a_case_while_others_remain():
    rng, played = random.Random(3), []
    for _ in range(min(len(CASES), practice.RUN_LENGTH)):
        played.append(practice.pick_case(CASES, FAMILIES, "random", played=played, rng=rng).case_id)
    assert len(set(played)) == len(played)


def _outcome(case, kept_at_end):
    steps = practice.practice_steps(case.findings, CATALOGUE, KB)
    return practice.outcome(case, {len(steps): kept_at_end}, steps, EVERY, FAMILIES)


def test_the_run_summary_counts_the_families_confused():
    by_family = {}
    for case in CASES:
        by_family.setdefault(FAMILIES[case.authors_diagnosis], []).append(case)
    fam_a, fam_b = [f for f, cs in by_family.items() if cs][:2]
    a1, b1 = by_family[fam_a][0], by_family[fam_b][0]
    other = next(d for d in EVERY if FAMILIES[d] == fam_b)
    outcomes = [_outcome(a1, [other]),                         # missed: taken for fam_b
                _outcome(b1, [b1.authors_diagnosis])]          # kept
    assert outcomes[0].missed and not outcomes[1].missed
    rows = practice.run_summary(outcomes, FAMILIES)
    assert rows[0].family == fam_a and rows[0].missed == 1 and rows[0].played == 1
    assert rows[0].taken_for == ((fam_b, 1),)
    assert rows[1].family == fam_b and rows[1].missed == 0
    assert practice.most_missed(outcomes, FAMILIES) == [fam_a]
    # a learner who kept most of the list open confused the family with nothing in particular
    wide = [_outcome(a1, [d for d in EVERY if d != a1.authors_diagnosis])]
    assert practice.run_summary(wide, FAMILIES)[0].taken_for == ()
    assert practice.run_summary(wide, FAMILIES)[0].missed == 1
    assert all(0 <= o.agreed <= o.total for o in outcomes)


def test_a_teachers_folder_of_cases_is_the_library(tmp_path):
    """A teacher adds cases the same way: a folder of case files in the same format."""
    source = sorted(DEFAULT_LITERATURE_DIR.glob("*.yaml"))[0]
    shutil.copy(source, tmp_path / source.name)
    cases = load_literature(tmp_path)
    assert [c.case_id for c in cases] == [source.stem]
    pick = practice.pick_case(cases, FAMILIES, "random")
    assert pick.case_id == source.stem
    assert practice.practice_steps(cases[0].findings, CATALOGUE, KB)


def test_the_outcome_says_where_the_authors_diagnosis_was_dropped():
    case = next(c for c in CASES if len(practice.practice_steps(c.findings, CATALOGUE, KB)) >= 2)
    steps = practice.practice_steps(case.findings, CATALOGUE, KB)
    without = [d for d in EVERY if d != case.authors_diagnosis]
    assert practice.outcome(case, {}, steps, EVERY, FAMILIES).dropped_at is None
    dropped = practice.outcome(case, {2: without}, steps, EVERY, FAMILIES)
    assert dropped.dropped_at == 2 and dropped.missed
    back = practice.outcome(case, {1: without, 2: EVERY}, steps, EVERY, FAMILIES)
    assert back.dropped_at == 1 and not back.missed


def test_only_cases_whose_report_reaches_two_stages_are_practised():
    pool = practice.practisable(CASES, CATALOGUE)
    assert pool and len(pool) <= len(CASES)
    for case in CASES:
        n = len(practice.practice_steps(case.findings, CATALOGUE, KB))
        assert (case in pool) == (n >= practice.MIN_STAGES), case.case_id
