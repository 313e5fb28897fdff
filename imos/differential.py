"""The differential-diagnosis engine: findings in, a verdict per diagnosis out (pure).

`evaluate({"nidus": "absent", ...})` fires every rule whose conditions all hold and
sets each diagnosis's status:

- `excluded`: at least one `excludes` rule fired;
- `unlikely`: more rules argue against it than for it;
- `supported`: more rules for it (`supports`, `typical_of`) than against;
- `possible`: anything else, including no evidence at all.

A finding that is `unknown` (or missing) satisfies no condition, so it never excludes
anything. Teaching logic, not a clinical tool.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from imos.knowledge import KnowledgeBase, Rule, load_knowledge

FINDING_STATES = ("present", "absent", "unknown")
STATUSES = ("excluded", "unlikely", "possible", "supported")
OPEN_STATUSES = ("unlikely", "possible", "supported")
FOR_EFFECTS = ("supports", "typical_of")
# How statuses and rules read wherever they are shown (pages, charts, handouts).
STRONGEST_FIRST = ("supported", "possible", "unlikely", "excluded")
STATUS_SYMBOLS = {"excluded": "✕", "unlikely": "↓", "possible": "?", "supported": "✓"}
EFFECT_WORDS = {"excludes": "excludes", "argues_against": "argues against",
                "supports": "supports", "typical_of": "is typical of"}


@dataclass(frozen=True)
class Reason:
    """One rule that fired, with everything needed to show and cite it."""

    rule_id: str
    effect: str
    conditions: tuple[tuple[str, str], ...]
    rationale: str
    source: str
    origin: str
    caveat: str | None
    caveat_source: str | None


@dataclass(frozen=True)
class Verdict:
    diagnosis_id: str
    label: str
    status: str
    reasons: tuple[Reason, ...]

    @property
    def for_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect in FOR_EFFECTS)

    @property
    def against_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect not in FOR_EFFECTS)


_LOAD_LOCK = threading.Lock()


def default_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process (read-only).

    Locked: sixty readers opening the app at once must all get the same object, or the
    what-if memo below (which recognises the shipped rules by identity) never hits for
    the sessions that got another copy.
    """
    with _LOAD_LOCK:
        return _load_default_knowledge()


@lru_cache(maxsize=1)
def _load_default_knowledge() -> KnowledgeBase:
    return load_knowledge()


def validate_findings(findings: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, str]:
    """Check ids and values; raises a clear ValueError on anything unknown."""
    checked = {}
    for finding_id, value in findings.items():
        if finding_id not in knowledge.finding_ids:
            raise ValueError(f"unknown finding id {finding_id!r}")
        if value not in FINDING_STATES:
            raise ValueError(
                f"finding {finding_id!r} has value {value!r}; use one of {', '.join(FINDING_STATES)}"
            )
        checked[finding_id] = value
    return checked


def _fires(rule: Rule, findings: Mapping[str, str]) -> bool:
    return all(findings.get(f) == v for f, v in rule.conditions)


def _reason(rule: Rule) -> Reason:
    return Reason(rule.rule_id, rule.effect, rule.conditions, rule.rationale, rule.source,
                  rule.origin, rule.caveat, rule.caveat_source)


def _status(reasons: Iterable[Reason]) -> str:
    return _status_of_effects([r.effect for r in reasons])


def _status_of_effects(effects: list[str]) -> str:
    if "excludes" in effects:
        return "excluded"
    n_for = sum(e in FOR_EFFECTS for e in effects)
    n_against = effects.count("argues_against")
    if n_against > n_for:
        return "unlikely"
    if n_for > n_against:
        return "supported"
    return "possible"


def evaluate(findings: Mapping[str, str], knowledge: KnowledgeBase | None = None) -> list[Verdict]:
    """A verdict for every diagnosis, in knowledge-base order, with the rules that fired."""
    knowledge = knowledge or default_knowledge()
    return _evaluate_checked(validate_findings(findings, knowledge), knowledge)


def _evaluate_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> list[Verdict]:
    """`evaluate` for findings already validated (the loops below call it many times)."""
    labels = knowledge.diagnosis_labels
    fired: dict[str, list[Reason]] = {d: [] for d in labels}
    for rule in knowledge.parsed_rules:
        if _fires(rule, known):
            fired[rule.diagnosis_id].append(_reason(rule))
    return [
        Verdict(d, labels[d], _status(reasons), tuple(reasons)) for d, reasons in fired.items()
    ]


def _statuses_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, str]:
    """Only the status of each diagnosis: what the search loops below need."""
    effects: dict[str, list[str]] = {d: [] for d in knowledge.diagnosis_labels}
    for rule in knowledge.parsed_rules:
        if _fires(rule, known):
            effects[rule.diagnosis_id].append(rule.effect)
    return {d: _status_of_effects(e) for d, e in effects.items()}


def conditions_text(reason: Reason, labels: Mapping[str, str]) -> str:
    """'nidus absent and soft-tissue mass absent': a rule's conditions in words."""
    return " and ".join(f"{labels.get(f, f).lower()} {v}" for f, v in reason.conditions)


def statuses(verdicts: Iterable[Verdict]) -> dict[str, str]:
    return {v.diagnosis_id: v.status for v in verdicts}


def moved(before: Iterable[Verdict], after: Iterable[Verdict]) -> dict[str, tuple[str, str]]:
    """Diagnoses whose status changed: id -> (old status, new status)."""
    old, new = statuses(before), statuses(after)
    return {d: (old[d], new[d]) for d in new if old.get(d) != new[d]}


def _what_if(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[tuple[str, str], dict[str, str]]:
    """Statuses after learning one more finding, for every unknown finding any rule reads.

    With the shipped knowledge base the answer is memoised per set of known findings
    (readers toggle back and forth, and presets repeat across sessions). The result is
    shared: callers only read it.
    """
    if knowledge is default_knowledge():
        key = frozenset((f, v) for f, v in known.items() if v != "unknown")
        # One thread works out a new state while the others wait for it and then find it
        # memoised: a room arriving at once would otherwise compute it once per reader.
        with _WHAT_IF_LOCK:
            return _what_if_shipped(key)
    return _what_if_uncached(known, knowledge)


_WHAT_IF_LOCK = threading.Lock()


@lru_cache(maxsize=128)
def _what_if_shipped(known: frozenset) -> dict[tuple[str, str], dict[str, str]]:
    return _what_if_uncached(dict(known), default_knowledge())


def _what_if_uncached(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict:
    candidates = sorted({f for f, _ in _all_conditions(knowledge)}
                        - {f for f, v in known.items() if v != "unknown"})
    return {(f, v): _statuses_checked({**known, f: v}, knowledge)
            for f in candidates for v in ("present", "absent")}


def decisive_for_all(
    findings: Mapping[str, str], knowledge: KnowledgeBase | None = None
) -> dict[str, list[tuple[str, str]]]:
    """For every diagnosis, the single unknown findings whose value would exclude it."""
    knowledge = knowledge or default_knowledge()
    outcomes = _what_if(validate_findings(findings, knowledge), knowledge)
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


def next_questions(
    findings: Mapping[str, str], knowledge: KnowledgeBase | None = None
) -> list[tuple[str, int, tuple[str, ...]]]:
    """Unknown findings ranked by how many open diagnoses one of their values would exclude.

    Returns (finding_id, count, diagnosis ids) with count > 0, most useful first.
    """
    knowledge = knowledge or default_knowledge()
    known = validate_findings(findings, knowledge)
    current = _statuses_checked(known, knowledge)
    open_ids = [d for d, s in current.items() if s in OPEN_STATUSES]
    settled: dict[str, set[str]] = {}
    for (finding_id, _), after in _what_if(known, knowledge).items():
        settled.setdefault(finding_id, set()).update(d for d in open_ids if after[d] == "excluded")
    ranked = [(f, len(ds), tuple(sorted(ds))) for f, ds in settled.items() if ds]
    return sorted(ranked, key=lambda item: (-item[1], item[0]))


def discriminating_findings(
    diagnosis_ids: Iterable[str], knowledge: KnowledgeBase | None = None
) -> dict[str, dict[str, list[str]]]:
    """Findings whose rules differ between the given diagnoses.

    Returns finding_id -> diagnosis_id -> ['present: supports', ...] for the findings that
    at least one of the diagnoses has a rule on and that do not act the same on all.
    """
    knowledge = knowledge or default_knowledge()
    chosen = list(diagnosis_ids)
    table: dict[str, dict[str, list[str]]] = {}
    for rule in knowledge.parsed_rules:
        if rule.diagnosis_id not in chosen:
            continue
        for finding_id, value in rule.conditions:
            cell = table.setdefault(finding_id, {d: [] for d in chosen})[rule.diagnosis_id]
            text = f"{value}: {rule.effect.replace('_', ' ')}"
            if len(rule.conditions) > 1:
                text += " (with " + ", ".join(f for f, _ in rule.conditions if f != finding_id) + ")"
            cell.append(text)
    return {
        f: cells for f, cells in table.items()
        if len({tuple(sorted(c)) for c in cells.values()}) > 1
    }


def _rule_findings(knowledge: KnowledgeBase, diagnosis_id: str) -> set[str]:
    return {f for rule in knowledge.parsed_rules if rule.diagnosis_id == diagnosis_id
            for f, _ in rule.conditions}


def _all_conditions(knowledge: KnowledgeBase) -> set[tuple[str, str]]:
    return {c for rule in knowledge.parsed_rules for c in rule.conditions}


def case_findings(series_findings, case_id: str) -> dict[str, str]:
    """A case's findings as engine input: not assessed / not reported becomes unknown."""
    rows = series_findings[series_findings["case_id"] == case_id]
    return {
        f: ("unknown" if v == "not_assessed" else v) for f, v in zip(rows["finding_id"], rows["value"])
    }


def all_case_findings(series_findings) -> dict[str, dict[str, str]]:
    """`case_findings` for every case at once (one pass, for series of hundreds of cases)."""
    out: dict[str, dict[str, str]] = {}
    for case_id, finding_id, value in zip(series_findings["case_id"], series_findings["finding_id"],
                                          series_findings["value"]):
        out.setdefault(case_id, {})[finding_id] = "unknown" if value == "not_assessed" else value
    return out
