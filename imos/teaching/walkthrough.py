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


# How one scored choice is judged. The first three earn a point.
RIGHT, AS_PAPER, FAIR_CALL, NO_POINT, WRONG = (
    "right", "as the paper did", "fair call", "no point", "wrong")
POINTS = (RIGHT, AS_PAPER, FAIR_CALL)


@dataclass(frozen=True)
class Decision:
    """One choice a stage asks for: keep or drop `diagnosis_id`, and how it is judged.

    `asked` says why it is asked: `moved` (this stage's findings changed its verdict),
    `paper` (the paper sets it aside at this stage), `carried` (excluded earlier and still
    kept) or `dropped` (dropped although nothing has closed it).
    """

    diagnosis_id: str
    asked: str
    status: str  # the engine's verdict after the stage
    kept: bool
    outcome: str

    @property
    def scores(self) -> bool:
        return self.outcome in POINTS


@dataclass(frozen=True)
class GuessScore:
    """A list at one stage, scored on the decisions the stage asks for.

    A stage asks about what its findings moved (excluded, made unlikely, supported) and
    what the paper sets aside at it, one point for each choice the engine or the paper
    backs. Keeping an excluded diagnosis is wrong, and stays wrong at every later stage
    while it is kept; dropping one that still stands (possible, supported, conflicting) is
    wrong, unless the paper has set it aside by then (*as the paper did*: a point) or it is
    a mimic the paper never raises (a fair call: a point where asked, never counted
    against). Keeping a diagnosis the findings have made unlikely earns no point but is
    not wrong. Nothing else counts, so a learner who changes nothing collects only the
    points for keeping what stays open.
    """

    decisions: tuple[Decision, ...]
    unaddressed_dropped: tuple[str, ...] = ()  # wider mimics dropped while possible

    @property
    def agreed(self) -> int:
        return sum(d.scores for d in self.decisions)

    @property
    def total(self) -> int:
        return len(self.decisions)

    @property
    def fraction(self) -> float:
        return self.agreed / self.total if self.total else 1.0

    def ids(self, outcome: str) -> tuple[str, ...]:
        return tuple(d.diagnosis_id for d in self.decisions if d.outcome == outcome)

    @property
    def kept_but_excluded(self) -> tuple[str, ...]:
        return tuple(d.diagnosis_id for d in self.decisions if d.outcome == WRONG and d.kept)

    @property
    def dropped_but_open(self) -> tuple[str, ...]:
        return tuple(d.diagnosis_id for d in self.decisions
                     if d.outcome == WRONG and not d.kept)

    @property
    def as_paper(self) -> tuple[str, ...]:
        """Dropped with the paper although the engine still keeps it open."""
        return self.ids(AS_PAPER)

    @property
    def kept_but_unlikely(self) -> tuple[str, ...]:
        """Kept although the findings make it unlikely: no point, not wrong."""
        return self.ids(NO_POINT)

    @property
    def kept_but_paper_closed(self) -> tuple[str, ...]:
        """Kept as the engine does, although the paper sets it aside at this stage."""
        return tuple(d.diagnosis_id for d in self.decisions
                     if d.asked == "paper" and d.kept and d.status in STANDING)


def _outcome(kept: bool, status: str, paper_closed: bool, unaddressed: bool) -> str:
    if status == "excluded":
        return WRONG if kept else RIGHT
    if status not in STANDING:  # unlikely: the engine sets it aside
        return NO_POINT if kept else RIGHT
    if kept:
        return RIGHT
    return AS_PAPER if paper_closed else FAIR_CALL if unaddressed else WRONG


def score_guess(kept: Iterable[str], verdicts: Sequence[Verdict],
                paper_closed: Iterable[str] = (), asked: Mapping[str, str] | None = None
                ) -> GuessScore:
    """Score a list against the verdicts after a stage (see `GuessScore`).

    `asked` maps the diagnoses the stage asks about to why (`moved`, `paper`); without it
    every diagnosis is asked about. `paper_closed`: what the paper has set aside by then.
    A wrong choice outside `asked` is counted too (as `carried` or `dropped`).
    """
    kept, paper_closed = set(kept), set(paper_closed)
    if asked is None:
        asked = {v.diagnosis_id: "moved" for v in verdicts}
    unaddressed = {d for v in verdicts for d in v.unaddressed}
    decisions = []
    for v in verdicts:
        d = v.diagnosis_id
        outcome = _outcome(d in kept, v.status, d in paper_closed, d in unaddressed)
        if d in asked or outcome == WRONG:
            why = asked.get(d, "carried" if d in kept else "dropped")
            decisions.append(Decision(d, why, v.status, d in kept, outcome))
    return GuessScore(tuple(decisions), tuple(
        v.diagnosis_id for v in verdicts if v.diagnosis_id not in kept
        and _outcome(False, v.status, v.diagnosis_id in paper_closed,
                     v.diagnosis_id in unaddressed) == FAIR_CALL))


def asked_at(steps: Sequence[WalkStep], number: int) -> dict[str, str]:
    """What stage `number` asks about: what its findings moved, what the paper set aside."""
    step = steps[number - 1]
    asked = {d: "moved" for d in step.replayed.changed}
    for judgement in step.judgements:
        if judgement.kind == "excluded":
            for d in judgement.diagnosis_ids:
                asked.setdefault(d, "paper")
    return asked


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
    """The learner's choice at stage `number`, on the decisions that stage asks for."""
    return score_guess(kept, steps[number - 1].replayed.verdicts, paper_closed_by(steps, number),
                       asked_at(steps, number))


# --- the score in words and as a table (one source for both) -----------------------------

def score_lines(score: GuessScore, diagnoses: Mapping[str, str]) -> list[str]:
    """The stage's score in plain words: the headline, then one line per kind of choice.
    Every name here is a row of `score_row` for the same score (and nothing else)."""
    def names(ids) -> str:
        return ", ".join(diagnoses.get(d, d) for d in ids)

    head = f"Score at this stage: {score.agreed} of {score.total}."
    if score.total == 0:
        head = "This stage asks for no decision: its findings move nothing."
    elif score.agreed == score.total:
        head += " Every choice is one the engine or the paper backs."
    lines = [head]
    if score.kept_but_excluded:
        lines.append(f"✕ Kept although a reliable finding excludes it: "
                     f"{names(score.kept_but_excluded)}.")
    if score.dropped_but_open:
        lines.append(f"✕ Dropped although nothing reported so far closes it and the paper has "
                     f"not set it aside: {names(score.dropped_but_open)}.")
    if score.kept_but_unlikely:
        lines.append(f"↓ Kept although the findings make it unlikely (no point, not wrong): "
                     f"{names(score.kept_but_unlikely)}.")
    if score.as_paper:
        lines.append(f"¶ Dropped as the paper did at this stage, although the engine still "
                     f"keeps it open (a point): {names(score.as_paper)}.")
    if score.kept_but_paper_closed:
        lines.append(f"¶ Kept as the engine does, although the paper sets it aside here "
                     f"(a point): {names(score.kept_but_paper_closed)}.")
    if score.unaddressed_dropped:
        lines.append(f"○ Dropped although still possible, but the paper never raises it "
                     f"(a fair call, never counted against): {names(score.unaddressed_dropped)}.")
    return lines


SCORE_COLUMNS = ("stage", "points", "of", "wrong", "no point (kept though unlikely)",
                 "as the paper did")


def score_row(label: str, score: GuessScore, diagnoses: Mapping[str, str]) -> dict[str, object]:
    """One stage's row of the score table, from the same score as `score_lines`."""
    def names(ids) -> str:
        return ", ".join(diagnoses.get(d, d) for d in ids) or "—"

    return dict(zip(SCORE_COLUMNS, (
        label, score.agreed, score.total,
        names(score.kept_but_excluded + score.dropped_but_open),
        names(score.kept_but_unlikely), names(score.as_paper))))


def overall_line(rows: Sequence[Mapping[str, object]]) -> str:
    """The headline over the score table: the sum of its rows, never anything else."""
    points = sum(int(r["points"]) for r in rows)
    possible = sum(int(r["of"]) for r in rows)
    share = f" ({100 * points / possible:.0f}%)" if possible else ""
    return f"{points} of {possible}{share}"


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
