"""The room's ballots beside the engine and the paper (pure)."""

from __future__ import annotations

import pytest

from imos.road import PaperJudgement
from imos.rooms.tally import (
    DROPPED, KEPT, SPLIT, RoomRow, compare, paper_so_far, parting_sentence, summarise_stage, tally,
)
from imos.walkthrough import score_guess, walkthrough

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


@pytest.mark.parametrize("room, engine_keeps, paper, parts", [
    (KEPT, True, None, False), (KEPT, False, None, True), (DROPPED, False, "excluded", False),
    (DROPPED, True, "excluded", True), (KEPT, True, "excluded", True), (None, True, None, False),
    (None, False, "diagnosed", True), (SPLIT, True, None, True),
])
def test_the_three_part_ways_when_any_two_disagree(room, engine_keeps, paper, parts):
    row = RoomRow("d", 0.5, room, "possible" if engine_keeps else "excluded", engine_keeps, paper)
    assert row.parts_ways is parts


def test_on_a_real_case_the_room_is_set_beside_the_engine_and_the_paper(series):
    steps = walkthrough(series, "1")
    mri = next(s for s in steps if s.key == "mri")
    paper = paper_so_far(j for s in steps[:mri.number] for j in s.judgements)
    everything = frozenset(v.diagnosis_id for v in mri.replayed.verdicts)
    rows = compare(tally([everything, everything], list(everything), 2), mri.replayed.verdicts,
                   mri.replayed.open_ids, paper)
    by_id = {r.diagnosis_id: r for r in rows}
    # the paper set chronic osteomyelitis aside at the laboratory; a room keeping it parts ways
    assert by_id["chronic_osteomyelitis"].paper == "excluded"
    assert by_id["chronic_osteomyelitis"].parts_ways
    sentence = parting_sentence(by_id["chronic_osteomyelitis"], "Chronic osteomyelitis")
    assert sentence.startswith("Chronic osteomyelitis: the room kept it (100%);")
    assert sentence.endswith("the paper has set it aside.")
    summary = summarise_stage(mri.number, mri.label, [everything], rows,
                              lambda kept: score_guess(kept, mri.replayed.verdicts).fraction)
    assert summary.voted == 1 and summary.agreement == score_guess(
        everything, mri.replayed.verdicts).fraction
    assert "chronic_osteomyelitis" in summary.parted
    assert summarise_stage(1, "x", [], rows, lambda kept: 1.0).agreement is None
