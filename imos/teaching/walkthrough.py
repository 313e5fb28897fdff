"""The unknown-case walk-through: reveal a case stage by stage and score the learner (pure).

At each stage (history and examination, laboratory, radiograph and CT, MRI, whole-body
bone scan, triphasic bone scan, biopsy) the learner says which diagnoses they would still
keep; the engine's verdicts after the stage are the answer. The position in a walk-through
is `(step, revealed)`: step is 1-based, `revealed` says whether the answer is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from imos.reasoning.engine import STANDING, Verdict, case_findings
from imos.reasoning.knowledge import KnowledgeBase
from imos.teaching.replay import ReplayedStep, replay, stage_steps
from imos.teaching.road import PaperJudgement, paper_judgements
from imos.text import shorten


@dataclass(frozen=True)
class WalkStep:
    number: int
    replayed: ReplayedStep
    examination_ids: tuple[str, ...]
    judgements: tuple[PaperJudgement, ...]

    @property
    def label(self) -> str:
        return self.replayed.step.label

    @property
    def key(self) -> str:
        return self.replayed.step.key

    @property
    def reports_anything(self) -> bool:
        return bool(self.replayed.assessed)


def walkthrough(series, case_id: str, knowledge: KnowledgeBase | None = None) -> list[WalkStep]:
    """The case's stages in clinical order with the verdicts after each."""
    steps = stage_steps(series.catalogue)
    stages = series.catalogue.examinations.groupby("stage", sort=False)["examination_id"]
    exams_of = {stage: tuple(ids) for stage, ids in stages}
    judgements = series.judgements[series.judgements["case_id"] == case_id]
    return [
        WalkStep(n, r, exams_of[r.step.label], paper_judgements(judgements, exams_of[r.step.label]))
        for n, r in enumerate(replay(case_findings(series.findings, case_id), steps, knowledge),
                              start=1)
    ]


@dataclass(frozen=True)
class GuessScore:
    """How a learner's kept diagnoses compare with the engine's verdicts and the paper.

    Only two choices count as wrong: keeping a diagnosis the engine has excluded (a reliable
    exclusion fired) and dropping one the engine still holds open (possible, supported or
    conflicting). Keeping or dropping an `unlikely` one is a matter of judgement, and so is
    dropping a mimic from the wider literature that the paper never raises while it is
    merely possible (`Verdict.unaddressed`); keeping one the paper set aside on hedged
    evidence is never wrong: it is reported as a difference from the paper, with the
    engine's view beside it.
    """

    agreed: int
    total: int
    kept_but_excluded: tuple[str, ...]
    dropped_but_open: tuple[str, ...]
    kept_but_paper_closed: tuple[str, ...] = ()
    judgement_calls: tuple[str, ...] = ()  # unlikely diagnoses: either choice is fair
    # wider mimics the paper never raises, left merely possible: dropping them is fair too
    unaddressed_dropped: tuple[str, ...] = ()

    @property
    def fraction(self) -> float:
        return self.agreed / self.total if self.total else 1.0


def score_guess(kept: Iterable[str], verdicts: Sequence[Verdict],
                paper_closed: Iterable[str] = ()) -> GuessScore:
    """One point per diagnosis where the learner's choice is one the engine accepts."""
    kept, paper_closed = set(kept), set(paper_closed)
    unaddressed = {d for v in verdicts for d in v.unaddressed}
    kept_but_excluded = tuple(v.diagnosis_id for v in verdicts
                              if v.diagnosis_id in kept and v.status == "excluded")
    dropped = [v.diagnosis_id for v in verdicts
               if v.diagnosis_id not in kept and v.status in STANDING]
    dropped_but_open = tuple(d for d in dropped if d not in unaddressed)
    total = len(verdicts)
    return GuessScore(
        total - len(kept_but_excluded) - len(dropped_but_open), total,
        kept_but_excluded, dropped_but_open,
        tuple(v.diagnosis_id for v in verdicts if v.diagnosis_id in kept
              and v.diagnosis_id in paper_closed and v.status != "excluded"),
        tuple(v.diagnosis_id for v in verdicts if v.status == "unlikely"),
        tuple(d for d in dropped if d in unaddressed),
    )


def paper_closed_by(steps: Sequence[WalkStep], number: int) -> tuple[str, ...]:
    """The diagnoses the paper has set aside by the end of stage `number` (1-based)."""
    return tuple(dict.fromkeys(
        d for step in steps[:number] for j in step.judgements if j.kind == "excluded"
        for d in j.diagnosis_ids))


def closed_before(steps: Sequence[WalkStep], number: int) -> set[str]:
    """The diagnoses the engine had closed (excluded or unlikely) before stage `number`."""
    if number <= 1:
        return set()
    return {v.diagnosis_id for v in steps[number - 2].replayed.verdicts
            if v.status not in STANDING}


def score_step(kept: Iterable[str], steps: Sequence[WalkStep], number: int) -> GuessScore:
    """The learner's choice at stage `number`, against the engine and the paper by then."""
    return score_guess(kept, steps[number - 1].replayed.verdicts, paper_closed_by(steps, number))


# --- position and links --------------------------------------------------------------------

END = "end"


@dataclass(frozen=True)
class Position:
    """Where a walk-through stands: step 1..n (or n + 1 for the final score), answer shown?"""

    step: int
    revealed: bool

    def forward(self, n_steps: int) -> Position:
        if self.step > n_steps:
            return self
        if not self.revealed:
            return Position(self.step, True)
        return Position(self.step + 1, False)

    def back(self, n_steps: int) -> Position:
        if self.step > n_steps:
            return Position(n_steps, True)
        if self.revealed:
            return Position(self.step, False)
        return Position(max(1, self.step - 1), self.step > 1)

    def is_end(self, n_steps: int) -> bool:
        return self.step > n_steps


class LinkedPosition(NamedTuple):
    """What a walk-through link opens: the case (or None), the position, whether in
    presentation mode, and what in the link was not used."""

    case_id: str | None
    position: Position
    present: bool
    problems: list[str]


def _single(params: Mapping[str, Sequence[str]], key: str, problems: list[str]) -> str | None:
    values = list(params.get(key, []))
    if len(values) > 1:
        problems.append(f"'{key}' was given more than once")
        return None
    return values[0] if values else None


def parse_position(
    params: Mapping[str, Sequence[str]], case_ids: Sequence[str], step_keys: Sequence[str]
) -> LinkedPosition:
    """Read `case`, `step`, `reveal` and `present` from a link.

    `step` is 1-based, a stage key (e.g. `mri`) or `end`; anything unusable falls back
    to step 1 and is named in `problems`.
    """
    problems: list[str] = []
    case_id = _single(params, "case", problems)
    if case_id is not None and case_id not in case_ids:
        problems.append(f"no case '{shorten(case_id)}' (choose one of {', '.join(case_ids)})")
        case_id = None
    n = len(step_keys)
    step = 1
    raw_step = _single(params, "step", problems)
    if raw_step is not None:
        if raw_step == END:
            step = n + 1
        elif raw_step in step_keys:
            step = list(step_keys).index(raw_step) + 1
        elif raw_step.isascii() and raw_step.isdigit() and 1 <= int(raw_step) <= n:
            step = int(raw_step)
        else:
            problems.append(f"no step '{shorten(raw_step)}' (use 1 to {n}, a stage such as "
                            f"'{step_keys[min(3, n - 1)]}', or 'end')")
    revealed = _flag(params, "reveal", problems)
    present = _flag(params, "present", problems)
    return LinkedPosition(case_id, Position(step, revealed and step <= n), present, problems)


def _flag(params: Mapping[str, Sequence[str]], key: str, problems: list[str]) -> bool:
    raw = _single(params, key, problems)
    if raw is None:
        return False
    if raw in ("1", "true", "yes"):
        return True
    if raw not in ("0", "false", "no", ""):
        problems.append(f"'{key}' cannot be '{shorten(raw)}' (use 1 or 0)")
    return False


def position_query(case_id: str, position: Position, n_steps: int, present: bool) -> dict[str, str]:
    """The link of a position: stable keys, nothing that is at its default."""
    query = {"case": case_id,
             "step": END if position.is_end(n_steps) else str(position.step)}
    if position.revealed and not position.is_end(n_steps):
        query["reveal"] = "1"
    if present:
        query["present"] = "1"
    return query
