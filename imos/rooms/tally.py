"""What a room's ballots say, beside the engine and the paper (pure).

A diagnosis is *kept by the room* when more than half of the ballots keep it, *dropped*
when fewer than half do, and *split* at exactly half. The engine keeps what still stands
(`STANDING`: possible, supported, conflicting), drops what it has excluded, and leaves an
`unlikely` diagnosis to judgement, as the walk-through's score does; the paper keeps what
it has not yet set aside, and has no view on a diagnosis it has not judged by this stage.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from imos.reasoning.engine import STANDING, Verdict

KEPT, DROPPED, SPLIT = "kept", "dropped", "split"


@dataclass(frozen=True)
class Tally:
    joined: int
    voted: int
    kept: Mapping[str, int]

    def share(self, option: str) -> float | None:
        return self.kept.get(option, 0) / self.voted if self.voted else None

    def room_view(self, option: str) -> str | None:
        share = self.share(option)
        if share is None:
            return None
        return KEPT if share > 0.5 else DROPPED if share < 0.5 else SPLIT


def tally(ballots: Iterable[frozenset[str]], options: Sequence[str], joined: int) -> Tally:
    """Count the ballots of one stage.

    >>> t = tally([frozenset({"a"}), frozenset({"a", "b"})], ["a", "b"], joined=3)
    >>> (t.voted, t.kept["a"], t.share("b"), t.room_view("b"))
    (2, 2, 0.5, 'split')
    """
    ballots = list(ballots)
    counts = Counter(o for b in ballots for o in b)
    return Tally(joined, len(ballots), {o: counts.get(o, 0) for o in options})


@dataclass(frozen=True)
class RoomRow:
    """One diagnosis after one stage: the room's share, the engine's verdict, the paper's."""

    diagnosis_id: str
    share: float | None
    room: str | None  # KEPT / DROPPED / SPLIT, None without ballots
    engine_status: str
    engine_keeps: bool | None  # None: the engine leaves it to judgement (unlikely)
    paper: str | None  # the paper's last judgement so far ("excluded", "diagnosed") or None

    @property
    def paper_keeps(self) -> bool | None:
        return None if self.paper is None else self.paper != "excluded"

    @property
    def parts_ways(self) -> bool:
        """True when the room, the engine and the paper (where it has spoken) disagree."""
        views = set() if self.engine_keeps is None else {self.engine_keeps}
        if self.room is not None:
            views.add(True if self.room == KEPT else False if self.room == DROPPED else None)
        if self.paper_keeps is not None:
            views.add(self.paper_keeps)
        return len(views) > 1


def paper_so_far(judgements: Iterable) -> dict[str, str]:
    """Each diagnosis's latest judgement by the paper (judgements in stage order)."""
    latest: dict[str, str] = {}
    for judgement in judgements:
        for diagnosis_id in judgement.diagnosis_ids:
            latest[diagnosis_id] = judgement.kind
    return latest


def engine_view(status: str) -> bool | None:
    """True: the engine keeps it; False: excluded; None: a judgement call (unlikely)."""
    return True if status in STANDING else False if status == "excluded" else None


def compare(room: Tally, verdicts: Sequence[Verdict], paper: Mapping[str, str]) -> list[RoomRow]:
    """The room beside the engine and the paper, one row per diagnosis in verdict order."""
    return [RoomRow(v.diagnosis_id, room.share(v.diagnosis_id), room.room_view(v.diagnosis_id),
                    v.status, engine_view(v.status), paper.get(v.diagnosis_id))
            for v in verdicts]


def parting_sentence(row: RoomRow, label: str, paper: bool = True) -> str:
    """Where the three part ways on one diagnosis, in plain words (no markup); without
    the paper's clause for a case the paper does not judge (`paper=False`)."""
    room = {KEPT: f"the room kept it ({row.share:.0%})",
            DROPPED: f"the room dropped it (kept by {row.share:.0%})",
            SPLIT: "the room split evenly", None: "the room did not vote"}[row.room]
    engine = {True: f"the engine keeps it ({row.engine_status})",
              False: f"the engine has it {row.engine_status}",
              None: f"the engine leaves it to judgement ({row.engine_status})"}[row.engine_keeps]
    if not paper:
        return f"{label}: {room}; {engine}."
    said = {None: "the paper has not judged it yet",
            "excluded": "the paper has set it aside"}.get(row.paper, f"the paper: {row.paper}")
    return f"{label}: {room}; {engine}; {said}."


@dataclass(frozen=True)
class StageSummary:
    number: int
    label: str
    voted: int
    agreement: float | None  # the mean score of the ballots (each a share of its stage's points)
    parted: tuple[str, ...]  # diagnoses where room, engine and paper part ways


def summarise_stage(number: int, label: str, ballots: Sequence[frozenset[str]],
                    rows: Sequence[RoomRow], score) -> StageSummary:
    """One stage of the room's session; `score(kept)` gives a ballot's agreement (0-1)."""
    agreement = sum(score(b) for b in ballots) / len(ballots) if ballots else None
    return StageSummary(number, label, len(ballots), agreement,
                        tuple(r.diagnosis_id for r in rows if r.parts_ways))
