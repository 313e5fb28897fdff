"""Replay a case's findings through the engine one examination (or stage) at a time (pure).

Both the walk-through and the road to the diagnosis are such replays: they reveal the
case's findings in clinical order and record, after each step, every verdict and which
diagnoses changed status. Findings that are not yet revealed are `unknown`, so they never
exclude anything.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from imos.reasoning.engine import OPEN_STATUSES, Verdict, evaluate, moved
from imos.reasoning.knowledge import KnowledgeBase


@dataclass(frozen=True)
class Step:
    """What one step reveals (`finding_ids`) and where it stands in the replay."""

    key: str
    label: str
    finding_ids: tuple[str, ...]


@dataclass(frozen=True)
class ReplayedStep:
    step: Step
    revealed: dict[str, str]
    verdicts: tuple[Verdict, ...]
    changed: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def newly_excluded(self) -> tuple[str, ...]:
        return tuple(d for d, (_, new) in self.changed.items() if new == "excluded")

    @property
    def open_ids(self) -> tuple[str, ...]:
        return tuple(v.diagnosis_id for v in self.verdicts if v.status in OPEN_STATUSES)

    @property
    def assessed(self) -> dict[str, str]:
        """The revealed findings the case actually reports (not `unknown`)."""
        return {f: v for f, v in self.revealed.items() if v != "unknown"}

    def verdict(self, diagnosis_id: str) -> Verdict:
        return next(v for v in self.verdicts if v.diagnosis_id == diagnosis_id)


def initial_verdicts(knowledge: KnowledgeBase | None = None) -> tuple[Verdict, ...]:
    """The verdicts before anything is known: the start of every replay."""
    return tuple(evaluate({}, knowledge))


def replay(
    case_values: Mapping[str, str], steps: Sequence[Step], knowledge: KnowledgeBase | None = None
) -> list[ReplayedStep]:
    """Reveal `case_values` step by step; a finding missing from the case stays unknown."""
    known: dict[str, str] = {}
    before = initial_verdicts(knowledge)
    replayed = []
    for step in steps:
        revealed = {f: case_values.get(f, "unknown") for f in step.finding_ids}
        known.update(revealed)
        after = tuple(evaluate(known, knowledge))
        replayed.append(ReplayedStep(step, revealed, after, moved(before, after)))
        before = after
    return replayed


def examination_steps(catalogue) -> list[Step]:
    """One step per examination, in the catalogue's clinical order."""
    findings = catalogue.findings
    return [
        Step(row.examination_id, row.label,
             tuple(findings.loc[findings["examination"] == row.examination_id, "finding_id"]))
        for row in catalogue.examinations.itertuples()
    ]


def stage_steps(catalogue) -> list[Step]:
    """One step per stage (examinations that are shown together, e.g. radiograph and CT)."""
    steps: dict[str, list[Step]] = {}
    stages = catalogue.examinations.set_index("examination_id")["stage"]
    for step in examination_steps(catalogue):
        steps.setdefault(stages[step.key], []).append(step)
    return [
        Step(_stage_key(stage), stage, tuple(f for s in parts for f in s.finding_ids))
        for stage, parts in steps.items()
    ]


def stage_numbers(catalogue) -> dict[str, str]:
    """One numbering for every page: examination id -> its walk-through stage number.

    Examinations shown together at one stage share its number with a letter (radiograph
    3a, CT 3b), so walk-through stage 4 and the road's 4 are both the MRI.
    """
    exams = catalogue.examinations
    stages = list(dict.fromkeys(exams["stage"]))
    numbers = {}
    for stage, group in exams.groupby("stage", sort=False):
        n = stages.index(stage) + 1
        ids = list(group["examination_id"])
        for i, exam in enumerate(ids):
            numbers[exam] = f"{n}{'abcdefgh'[i]}" if len(ids) > 1 else str(n)
    return numbers


def _stage_key(stage: str) -> str:
    return "_".join("".join(c if c.isalnum() else " " for c in stage.lower()).split())


def replay_summary(steps: Sequence[tuple[str, ReplayedStep]], labels: Mapping[str, str]) -> str:
    """Plain sentences for a chart of replayed steps: what each excluded, what stays open."""
    parts = []
    for label, replayed in steps:
        gone = ", ".join(labels[d] for d in replayed.newly_excluded) or "nothing"
        parts.append(f"{label}: excluded {gone}.")
    if steps:
        last = steps[-1][1]
        parts.append("Open at the end: " + ", ".join(
            f"{labels[d]} ({last.verdict(d).status})" for d in last.open_ids) + ".")
    return " ".join(parts)
