"""The room's ballots beside the engine and the paper (pure)."""

from __future__ import annotations

import pytest

from imos.teaching.road import PaperJudgement
from imos.reasoning.engine import STANDING, STATUSES
from imos.rooms.tally import (
    DROPPED, KEPT, SPLIT, RoomRow, compare, engine_view, paper_so_far, parting_sentence,
    summarise_stage, tally,
)
from imos.teaching.walkthrough import score_step, walkthrough

OPTIONS = ["a", "b", "c"]


def test_a_tally_counts_each_option_over_the_ballots_and_says_what_the_room_did():
    room = tally([frozenset({"a", "b"}), frozenset({"a"}), frozenset(), frozenset({"a", "c"})],
                 OPTIONS, joined=6)
    assert (room.joined, room.voted) == (6, 4)
    assert dict(room.kept) == {"a": 3, "b": 1, "c": 1}
    assert [room.room_view(o) for o in OPTIONS] == [KEPT, DROPPED, DROPPED]
    assert room.share("a") == 0.75


def test_without_ballots_the_room_has_no_view():
    room = tally([], OPTIONS, joined=2)
    assert room.share("a") is None and room.room_view("a") is None


def test_exactly_half_is_a_split():
    assert tally([frozenset({"a"}), frozenset()], OPTIONS, 2).room_view("a") == SPLIT


def test_the_papers_latest_judgement_counts():
    judgements = [PaperJudgement("excluded", ("x", "y"), "w", "s"),
                  PaperJudgement("diagnosed", ("y",), "w", "s")]
    assert paper_so_far(judgements) == {"x": "excluded", "y": "diagnosed"}


@pytest.mark.parametrize("room, status, paper, parts", [
    (KEPT, "possible", None, False), (KEPT, "excluded", None, True),
    (DROPPED, "excluded", "excluded", False), (DROPPED, "supported", "excluded", True),
    (KEPT, "possible", "excluded", True), (None, "possible", None, False),
    (None, "excluded", "diagnosed", True), (SPLIT, "possible", None, True),
    # unlikely is a judgement call for the engine, as in the walk-through's score
    (KEPT, "unlikely", None, False), (DROPPED, "unlikely", None, False),
    (KEPT, "unlikely", "excluded", True),
])
def test_the_three_part_ways_when_any_two_disagree(room, status, paper, parts):
    row = RoomRow("d", 0.5, room, status, engine_view(status), paper)
    assert row.parts_ways is parts


def test_the_engine_keeps_what_stands_drops_what_is_excluded_and_leaves_unlikely_open():
    assert [engine_view(s) for s in STATUSES] == [
        True if s in STANDING else False if s == "excluded" else None for s in STATUSES]
    assert engine_view("unlikely") is None and engine_view("excluded") is False


def test_on_a_real_case_the_room_is_set_beside_the_engine_and_the_paper(series):
    steps = walkthrough(series, "1")
    mri = next(s for s in steps if s.key == "mri")
    paper = paper_so_far(j for s in steps[:mri.number] for j in s.judgements)
    everything = frozenset(v.diagnosis_id for v in mri.replayed.verdicts)
    rows = compare(tally([everything, everything], list(everything), 2), mri.replayed.verdicts,
                   paper)
    by_id = {r.diagnosis_id: r for r in rows}
    # the paper set chronic osteomyelitis aside at the laboratory; a room keeping it parts ways
    assert by_id["chronic_osteomyelitis"].paper == "excluded"
    assert by_id["chronic_osteomyelitis"].parts_ways
    sentence = parting_sentence(by_id["chronic_osteomyelitis"], "Chronic osteomyelitis")
    assert sentence.startswith("Chronic osteomyelitis: the room kept it (100%);")
    assert sentence.endswith("the paper has set it aside.")
    summary = summarise_stage(mri.number, mri.label, [everything], rows,
                              lambda kept: score_step(kept, steps, mri.number).fraction)
    assert summary.voted == 1 and summary.agreement == score_step(
        everything, steps, mri.number).fraction
    assert "chronic_osteomyelitis" in summary.parted
    assert summarise_stage(1, "x", [], rows, lambda kept: 1.0).agreement is None
