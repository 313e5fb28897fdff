"""The walk-through: stages, scoring, and the position a link opens at."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imos.data import load_case_series
from imos.reasoning.engine import STANDING, Verdict, default_knowledge, evaluate
from imos.teaching.walkthrough import (
    AS_PAPER,
    RIGHT,
    Position,
    closed_before,
    overall_line,
    paper_closed_by,
    parse_position,
    position_query,
    score_guess,
    score_lines,
    score_row,
    score_step,
    walkthrough,
)

CASES = ["1", "2", "3"]
KEYS = ["history_and_examination", "laboratory", "radiograph_and_ct", "mri",
        "whole_body_bone_scan", "triphasic_bone_scan", "biopsy"]


@pytest.fixture(scope="module")
def series():
    return load_case_series()


def test_stage_keys_are_the_ones_links_use(series):
    assert [w.key for w in walkthrough(series, "2")] == KEYS


def test_case_1_triphasic_stage_reports_nothing(series):
    steps = walkthrough(series, "1")
    assert not steps[5].reports_anything
    assert steps[5].replayed.changed == {}


def test_stage_3_reveals_radiograph_and_ct_together(series):
    step = walkthrough(series, "2")[2]
    assert step.examination_ids == ("radiograph", "ct")
    assert step.replayed.newly_excluded == ("osteoid_osteoma",)


def test_the_papers_judgements_come_with_their_stage(series):
    mri = walkthrough(series, "2")[3]
    assert any("stress_fracture" in j.diagnosis_ids for j in mri.judgements)


def test_a_perfect_guess_scores_full_marks():
    verdicts = evaluate({"nidus": "absent", "culture_positive": "absent"})
    kept = [v.diagnosis_id for v in verdicts if v.status != "excluded"]
    score = score_guess(kept, verdicts)
    assert (score.agreed, score.total, score.fraction) == (len(verdicts), len(verdicts), 1.0)


def test_keeping_an_excluded_and_dropping_an_open_diagnosis_costs_one_point_each():
    verdicts = evaluate({"nidus": "absent"})
    kept = {"osteoid_osteoma"} | {v.diagnosis_id for v in verdicts
                                  if v.status != "excluded" and v.diagnosis_id != "imos"}
    score = score_guess(kept, verdicts)
    assert score.kept_but_excluded == ("osteoid_osteoma",)
    assert score.dropped_but_open == ("imos",)
    assert score.agreed == len(verdicts) - 2


def test_an_unlikely_diagnosis_earns_a_point_when_dropped_and_is_never_wrong_when_kept():
    # CRMO unlikely (one site and an adult: two weak arguments), everything else possible
    verdicts = evaluate({"multifocal": "absent", "adult_age": "present"})
    assert [v.diagnosis_id for v in verdicts if v.status == "unlikely"] == ["crmo"]
    everyone = [v.diagnosis_id for v in verdicts]
    kept = score_guess(everyone, verdicts)
    assert kept.agreed == len(verdicts) - 1 and kept.kept_but_unlikely == ("crmo",)
    assert kept.kept_but_excluded == kept.dropped_but_open == ()
    dropped = score_guess([d for d in everyone if d != "crmo"], verdicts)
    assert dropped.agreed == len(verdicts)


def test_keeping_what_the_paper_closed_on_hedged_evidence_is_never_wrong(series):
    steps = walkthrough(series, "2")
    mri = steps[3]
    assert "lymphoma" in paper_closed_by(steps, 4)
    standing = [v.diagnosis_id for v in mri.replayed.verdicts if v.status in STANDING]
    score = score_step(standing, steps, 4)
    assert score.agreed == score.total
    assert "lymphoma" in score.kept_but_paper_closed
    # and dropping it there, as the paper did, is a point too, never a mistake
    dropped = score_step([d for d in standing if d != "lymphoma"], steps, 4)
    assert dropped.agreed == dropped.total and dropped.as_paper == ("lymphoma",)
    # an exclusion kept is wrong, and counted once
    everything = score_step([v.diagnosis_id for v in mri.replayed.verdicts], steps, 4)
    assert everything.kept_but_excluded == ("osteoid_osteoma",)


def _engine_list(step):
    return [v.diagnosis_id for v in step.replayed.verdicts if v.status in STANDING]


def _paper_list(steps, step):
    closed = set(paper_closed_by(steps, step.number))
    return [v.diagnosis_id for v in step.replayed.verdicts if v.diagnosis_id not in closed]


def _whole_case(steps, choose):
    scores = [score_step(choose(step), steps, step.number) for step in steps]
    return sum(s.agreed for s in scores), sum(s.total for s in scores)


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_doing_nothing_scores_at_most_half_of_following_the_engine(series, case_id):
    steps = walkthrough(series, case_id)
    everything = [v.diagnosis_id for v in steps[0].replayed.verdicts]
    idle, idle_total = _whole_case(steps, lambda step: everything)
    engine, engine_total = _whole_case(steps, _engine_list)
    assert engine == engine_total  # following the engine is full marks
    assert idle / idle_total <= 0.5 * engine / engine_total
    paper, paper_total = _whole_case(steps, lambda step: _paper_list(steps, step))
    assert paper / paper_total > idle / idle_total  # the paper's judgement scores above idling


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_following_the_paper_at_its_stage_is_never_scored_wrong(series, case_id):
    steps = walkthrough(series, case_id)
    for step in steps:
        engine = _engine_list(step)
        for judgement in step.judgements:
            if judgement.kind != "excluded":
                continue
            # the engine's list, less what the paper sets aside here
            kept = [d for d in engine if d not in judgement.diagnosis_ids]
            score = score_step(kept, steps, step.number)
            assert score.dropped_but_open == () and score.kept_but_excluded == (), step.label
            assert score.agreed == score.total, step.label
            for d in judgement.diagnosis_ids:
                outcome = next(x.outcome for x in score.decisions if x.diagnosis_id == d)
                assert outcome in (RIGHT, AS_PAPER), (step.label, d)


# Paging through a walk-through of three stages: (slide, the next one, the one before).
PAGING = [
    (Position(1, False), Position(1, True), Position(1, False)),  # the first slide stays
    (Position(1, True), Position(2, False), Position(1, False)),
    (Position(2, False), Position(2, True), Position(1, True)),
    (Position(2, True), Position(3, False), Position(2, False)),
    (Position(3, False), Position(3, True), Position(2, True)),
    (Position(3, True), Position(4, False), Position(3, False)),
    (Position(4, False), Position(4, False), Position(3, True)),  # the final slide stays
]


@pytest.mark.parametrize("slide,following,before", PAGING)
def test_forward_and_back_page_one_slide(slide, following, before):
    assert slide.forward(3) == following
    assert slide.back(3) == before
    assert slide.is_end(3) == (slide.step == 4)


def test_forward_walks_every_slide_once_and_back_retraces_it():
    slides = [Position(1, False)]
    while not slides[-1].is_end(3):
        slides.append(slides[-1].forward(3))
    assert slides == [slide for slide, _, _ in PAGING]
    back = [slides[-1]]
    while back[-1] != Position(1, False):
        back.append(back[-1].back(3))
    assert back == list(reversed(slides))


@pytest.mark.parametrize("query,expected", [
    ({"case": ["2"], "step": ["4"]}, ("2", Position(4, False), False)),
    ({"case": ["3"], "step": ["mri"], "reveal": ["1"], "present": ["1"]},
     ("3", Position(4, True), True)),
    ({"case": ["1"], "step": ["end"], "reveal": ["1"]}, ("1", Position(8, False), False)),
    ({}, (None, Position(1, False), False)),
])
def test_links_open_at_the_named_position(query, expected):
    linked = parse_position(query, CASES, KEYS)
    assert (linked.case_id, linked.position, linked.present) == expected
    assert linked.problems == []


@pytest.mark.parametrize("query,fragment", [
    ({"case": ["9"]}, "no case '9'"),
    ({"step": ["0"]}, "no step '0'"),
    ({"step": ["99"]}, "no step '99'"),
    ({"step": ["1", "2"]}, "more than once"),
    ({"reveal": ["maybe"]}, "'reveal' cannot be 'maybe'"),
    ({"case": ["x" * 5000]}, "…"),
])
def test_bad_links_are_reported_and_fall_back(query, fragment):
    linked = parse_position(query, CASES, KEYS)
    assert any(fragment in p for p in linked.problems)
    assert all(len(p) < 200 for p in linked.problems)
    assert 1 <= linked.position.step <= len(KEYS) + 1


@given(st.dictionaries(st.sampled_from(["case", "step", "reveal", "present", "other"]),
                       st.lists(st.text(max_size=30), max_size=3)))
def test_any_link_gives_a_valid_position(query):
    linked = parse_position(query, CASES, KEYS)
    assert linked.case_id in (None, *CASES)
    assert 1 <= linked.position.step <= len(KEYS) + 1
    assert not (linked.position.revealed and linked.position.is_end(len(KEYS)))


@pytest.mark.parametrize("position", [Position(1, False), Position(5, True), Position(8, False)])
def test_a_position_survives_its_own_link(position):
    query = position_query("2", position, len(KEYS), present=True)
    parsed = parse_position({k: [v] for k, v in query.items()}, CASES, KEYS)
    assert (parsed.case_id, parsed.position, parsed.present) == ("2", position, True)


@pytest.mark.parametrize("raw", ["²", "①", "٣", "１", "3 ", "+3", "0x3"])
def test_a_step_of_non_ascii_or_decorated_digits_is_refused_not_raised(raw):
    linked = parse_position({"case": ["1"], "step": [raw]}, ["1"], ["history", "laboratory", "mri"])
    assert linked.position.step == 1 and linked.problems and "no step" in linked.problems[0]


def test_dropping_a_wider_mimic_left_merely_possible_is_a_fair_call():
    verdicts = [Verdict("imos", "IMOS", "possible", (), unaddressed=("ribbing",)),
                Verdict("ribbing", "Ribbing disease", "possible", ()),
                Verdict("paget", "Paget disease", "supported", ()),  # the findings speak for it
                Verdict("crmo", "CRMO", "possible", ())]  # named by the paper
    score = score_guess(["imos"], verdicts)
    assert score.unaddressed_dropped == ("ribbing",)
    assert score.dropped_but_open == ("paget", "crmo")  # still wrong to drop
    assert score.agreed == 2 and score.total == 4
    kept = score_guess(["imos", "ribbing", "paget", "crmo"], verdicts)
    assert kept.agreed == 4 and kept.unaddressed_dropped == ()  # keeping it is fine too


def test_the_cases_wider_mimics_can_be_dropped_at_every_stage_without_penalty(series):
    knowledge = default_knowledge()
    steps = walkthrough(series, "2")
    for step in steps:
        verdicts = step.replayed.verdicts
        fair = [v for v in verdicts if v.diagnosis_id in knowledge.wider_differential
                and v.status == "possible"]
        keep_all = [v.diagnosis_id for v in verdicts if v.status in STANDING]
        full = score_step(keep_all, steps, step.number)
        assert full.agreed == full.total
        dropped = score_step([d for d in keep_all if d not in {v.diagnosis_id for v in fair}],
                             steps, step.number)
        assert dropped.agreed == full.agreed, step.label
        assert set(dropped.unaddressed_dropped) == {v.diagnosis_id for v in fair}


def test_closed_before_is_what_the_previous_stage_excluded_or_made_unlikely(series):
    steps = walkthrough(series, "2")
    assert closed_before(steps, 1) == set()
    for number in range(2, len(steps) + 1):
        assert closed_before(steps, number) == {
            v.diagnosis_id for v in steps[number - 2].replayed.verdicts
            if v.status in ("excluded", "unlikely")}


_SERIES = load_case_series()
_STEPS = {c: walkthrough(_SERIES, c) for c in CASES}
_IDS = [v.diagnosis_id for v in _STEPS["1"][0].replayed.verdicts]
_LABELS = {v.diagnosis_id: v.label for v in _STEPS["1"][0].replayed.verdicts}


def _named(line: str) -> set[str]:
    """The diagnoses a summary line names after its colon."""
    names = line.rsplit(": ", 1)[1].rstrip(".")
    return {d for d, label in _LABELS.items() if label in names.split(", ")}


@given(st.sampled_from(CASES), st.lists(st.sets(st.sampled_from(_IDS)), min_size=7, max_size=7))
def test_the_summary_lines_say_what_the_table_beneath_them_says(case_id, ballots):
    steps = _STEPS[case_id]
    rows = []
    for step, ballot in zip(steps, ballots):
        score = score_step(ballot, steps, step.number)
        row = score_row(step.label, score, _LABELS)
        rows.append(row)
        head, *lines = score_lines(score, _LABELS)
        assert (f"{row['points']} of {row['of']}" in head) or (row["of"] == 0)
        assert score.agreed + len(score.kept_but_excluded) + len(score.dropped_but_open) \
            + len(score.kept_but_unlikely) == score.total  # every decision in one column
        wrong = {d for line in lines if line.startswith("✕") for d in _named(line)}
        unlikely = {d for line in lines if line.startswith("↓") for d in _named(line)}
        paper = {d for line in lines if line.startswith("¶ Dropped") for d in _named(line)}
        for named, column in ((wrong, "wrong"), (unlikely, "no point (kept though unlikely)"),
                              (paper, "as the paper did")):
            assert named == {d for d, label in _LABELS.items()
                             if label in str(row[column]).split(", ")}, column
        if score.agreed == score.total and score.total:
            assert "Every choice" in head and not wrong and not unlikely
        else:
            assert "Every choice" not in head
    points, possible = sum(r["points"] for r in rows), sum(r["of"] for r in rows)
    assert overall_line(rows).startswith(f"{points} of {possible} ")
