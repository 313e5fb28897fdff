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
    STANDING,
    analyse,
    complete,
    contradictions,
    fired_rules,
    fires,
    prepared,
    statuses_after,
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
    instead of evaluating every rule again; and only the diagnoses those rules (or the
    finding's lesion or context) touch are weighed again, the others keep the present
    picture's analysis (`imos.reasoning.engine.statuses_after`). The knowledge base's
    indexes are made once (`imos.reasoning.engine.prepared`).
    """
    knowledge = knowledge or default_knowledge()
    known = validate_findings(findings, knowledge)
    # the per-knowledge-base indexes (which rules read a finding; which findings nesting
    # or an exclusion's context ties to others) are made once, not on every call
    prep = prepared(knowledge)
    candidates = sorted(prep.candidates - {f for f, v in known.items() if v != "unknown"})
    reading = prep.reading_value
    completed = complete(known, knowledge)
    base = fired_rules(completed, knowledge, completed=True)
    # A finding that nesting ties to another can make rules on that other finding fire
    # too; those outcomes are evaluated afresh rather than incrementally. So are the
    # findings an exclusion's context reads (they change a rule's effect, not its firing).
    nested, context = prep.nested, prep.context
    labels = knowledge.diagnosis_labels
    # the picture as it is, derived once: an outcome that adds rules to a few diagnoses
    # only (no context, lesion or requirement touched) is analysed from it incrementally
    kept: list = []
    statuses, _, _ = analyse(base, completed, knowledge, completed=True, keep=kept)
    unchanged = {d: statuses[d] for d in labels}
    derived = kept[0]
    beyond = prep.beyond_rules
    outcomes = {}
    for finding_id in candidates:
        for value in ("present", "absent"):
            if finding_id in nested:
                trial = {**known, finding_id: value}
                if contradictions(trial, knowledge):
                    continue  # a value the findings already rule out
                # nesting fills in only what was unknown: the new findings are those
                # the completed trial adds, and only rules reading them can start to fire
                trial_done = complete({**completed, finding_id: value}, knowledge)
                new = [f for f, v in trial_done.items() if completed.get(f) != v]
            else:
                trial_done = completed
                new = [finding_id]
                before = completed.get(finding_id, _MISSING)
                completed[finding_id] = value  # tried in place, restored below
            try:
                added: dict[str, list[Rule]] = {}
                seen: set[str] = set()
                for f in new:
                    for rule in reading.get((f, trial_done[f]), ()):
                        if rule.rule_id not in seen and fires(rule.conditions, trial_done):
                            seen.add(rule.rule_id)
                            added.setdefault(rule.diagnosis_id, []).append(rule)
                touched = set(added)
                for f in new:
                    if f in beyond:
                        touched |= prep.touched_by.get(f, frozenset())
                if not touched and not any(f in beyond for f in new):
                    outcomes[(finding_id, value)] = dict(unchanged)
                    continue
                fired = {d: base[d] for d in touched}
                for d, rules in added.items():
                    fired[d] = [*base[d], *rules]
                # an exclusion's context changes its rule's effect: those diagnoses are
                # weighed afresh, the others add only their new rules' arguments
                fresh = set().union(*(prep.touched_by.get(f, ()) for f in new if f in context))
                outcomes[(finding_id, value)] = statuses_after(
                    derived, fired, touched, trial_done, knowledge, fresh)
            finally:
                if finding_id not in nested:
                    if before is _MISSING:
                        del completed[finding_id]
                    else:
                        completed[finding_id] = before
    return outcomes


_MISSING = object()


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
