"""What a finding not yet known would change: the explorer's "what if" (pure).

`what_if` gives every diagnosis's status after learning one more finding, for every unknown
finding any rule reads; `next_questions` ranks those findings by how many standing
diagnoses one of their results settles; `decisive_for_all` names the single findings that
would exclude a diagnosis; `discriminating_findings` tabulates the findings whose rules
differ between chosen diagnoses (the compare view). Built on `imos.reasoning.engine`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from imos.reasoning.engine import (
    MUTUALLY_EXCLUSIVE,
    STANDING,
    analyse,
    complete,
    conditions_read,
    contradictions,
    derive_statuses,
    fired_rules,
    fires,
    statuses_checked,
    validate_findings,
)
from imos.reasoning.knowledge import KnowledgeBase, Rule, default_knowledge
from imos.reasoning.wording import EFFECT_WORDS, lower_first


def what_if(findings: Mapping[str, str], knowledge: KnowledgeBase | None = None
            ) -> dict[tuple[str, str], dict[str, str]]:
    """Statuses after learning one more finding, for every unknown finding any rule reads.

    The explorer asks this once per state and keeps the answer (`components.shell.derived`).
    Only the rules that read the newly learnt finding can start to fire (it was unknown,
    so none of them fired before), so each outcome adds those to the rules already firing
    instead of evaluating every rule again.
    """
    knowledge = knowledge or default_knowledge()
    known = validate_findings(findings, knowledge)
    candidates = sorted({f for f, _ in conditions_read(knowledge)}
                        - {f for f, v in known.items() if v != "unknown"})
    reading: dict[str, list[Rule]] = {}
    for rule in knowledge.parsed_rules:
        for finding_id in {f for f, _ in rule.conditions}:
            reading.setdefault(finding_id, []).append(rule)
    completed = complete(known, knowledge)
    base = fired_rules(completed, knowledge, completed=True)
    # A finding that nesting ties to another can make rules on that other finding fire
    # too; those outcomes are evaluated afresh rather than incrementally. So are the
    # findings an exclusion's context reads (they change a rule's effect, not its firing).
    nested = set(knowledge.parents) | set(knowledge.parents.values()) | {
        f for pair in MUTUALLY_EXCLUSIVE for f in pair}
    context = {f for rule in knowledge.parsed_rules for f, _ in rule.unless}
    memo: dict = {}
    outcomes = {}
    for finding_id in candidates:
        for value in ("present", "absent"):
            trial = {**known, finding_id: value}
            if finding_id in nested:
                if contradictions(trial, knowledge):
                    continue  # a value the findings already rule out
                fired = fired_rules(trial, knowledge)
                statuses, _ = derive_statuses(fired, trial, knowledge)
            else:
                trial_done = {**completed, finding_id: value}
                fired = dict(base)
                for rule in reading.get(finding_id, ()):
                    if fires(rule.conditions, trial_done):
                        fired[rule.diagnosis_id] = [*fired[rule.diagnosis_id], rule]
                statuses, _, _ = analyse(fired, trial_done, knowledge, completed=True,
                                         memo=None if finding_id in context else memo)
            outcomes[(finding_id, value)] = {d: statuses[d] for d in knowledge.diagnosis_labels}
    return outcomes


def decisive_for_all(
    findings: Mapping[str, str], knowledge: KnowledgeBase | None = None,
    outcomes: Mapping[tuple[str, str], Mapping[str, str]] | None = None,
) -> dict[str, list[tuple[str, str]]]:
    """For every diagnosis, the single unknown findings whose value would exclude it."""
    knowledge = knowledge or default_knowledge()
    outcomes = outcomes if outcomes is not None else what_if(findings, knowledge)
    decisive: dict[str, list[tuple[str, str]]] = {d: [] for d in knowledge.diagnosis_labels}
    for (finding_id, value), after in outcomes.items():
        for diagnosis_id, status in after.items():
            if status == "excluded":
                decisive[diagnosis_id].append((finding_id, value))
    return decisive


def decisive_findings(
    findings: Mapping[str, str], diagnosis_id: str, knowledge: KnowledgeBase | None = None
) -> list[tuple[str, str]]:
    """Single not-yet-known findings whose value would exclude `diagnosis_id`."""
    return decisive_for_all(findings, knowledge)[diagnosis_id]


LIFTED = ("supported", "conflicting")


@dataclass(frozen=True)
class Question:
    """An unknown finding worth asking for, and what each of its results would settle."""

    finding_id: str
    diagnosis_ids: tuple[str, ...]
    # (value, diagnosis id, status it would move to), for the diagnoses it would settle
    results: tuple[tuple[str, str, str], ...]
    # (value, diagnosis id, status) for the diagnoses a result would lift to supported or
    # conflicting: what the answer would speak for, beside what it would settle
    raises: tuple[tuple[str, str, str], ...] = ()

    @property
    def count(self) -> int:
        return len(self.diagnosis_ids)


def next_questions(
    findings: Mapping[str, str], knowledge: KnowledgeBase | None = None,
    outcomes: Mapping[tuple[str, str], Mapping[str, str]] | None = None,
) -> list[Question]:
    """Unknown findings ranked by how many standing diagnoses one of their results settles.

    A result settles a diagnosis when it moves it from possible, supported or conflicting
    to unlikely or excluded, or from unlikely to excluded. Most useful first.
    """
    knowledge = knowledge or default_knowledge()
    known = validate_findings(findings, knowledge)
    current = statuses_checked(known, knowledge)
    outcomes = outcomes if outcomes is not None else what_if(known, knowledge)
    found: dict[str, list[tuple[str, str, str]]] = {}
    lifts: dict[str, list[tuple[str, str, str]]] = {}
    for (finding_id, value), after in outcomes.items():
        for d, now in current.items():
            new = after[d]
            if (now in STANDING and new in ("unlikely", "excluded")) or (
                    now == "unlikely" and new == "excluded"):
                found.setdefault(finding_id, []).append((value, d, new))
            elif new in LIFTED and now != new:
                lifts.setdefault(finding_id, []).append((value, d, new))
    ranked = [Question(f, tuple(sorted({d for _, d, _ in results})), tuple(results),
                       tuple(lifts.get(f, ())))
              for f, results in found.items()]
    return sorted(ranked, key=lambda q: (-q.count, q.finding_id))


def discriminating_findings(
    diagnosis_ids: Iterable[str], knowledge: KnowledgeBase | None = None,
    labels: Mapping[str, str] | None = None,
) -> dict[str, dict[str, list[str]]]:
    """Findings whose rules differ between the given diagnoses.

    Returns finding_id -> diagnosis_id -> ['present: argues weakly for', ...] for the
    findings that at least one of the diagnoses has a rule on and that do not act the same
    on all. `labels` turn the other findings of a joint rule into words.
    """
    knowledge = knowledge or default_knowledge()
    chosen = list(diagnosis_ids)
    table: dict[str, dict[str, list[str]]] = {}
    for rule in knowledge.parsed_rules:
        if rule.diagnosis_id not in chosen or rule.effect == "neutral":
            continue
        for finding_id, value in rule.conditions:
            cell = table.setdefault(finding_id, {d: [] for d in chosen})[rule.diagnosis_id]
            text = f"{value}: {EFFECT_WORDS[rule.effect]}"
            others = [f for f, _ in rule.conditions if f != finding_id]
            if others:
                text += " (together with " + ", ".join(
                    lower_first((labels or {}).get(f, f)) for f in others) + ")"
            cell.append(text)
    return {
        f: cells for f, cells in table.items()
        if len({tuple(sorted(c)) for c in cells.values()}) > 1
    }
