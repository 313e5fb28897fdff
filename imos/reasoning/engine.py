"""The differential-diagnosis engine: findings in, a verdict per diagnosis out (pure).

`evaluate({"nidus": "absent", ...})` fires every rule whose conditions all hold. Each
rule moves its diagnosis as far as its evidence allows (`imos.reasoning.knowledge`): a hallmark
confirms, an exclusion closes, strong and weak arguments lean. A diagnosis's status:

- `conflicting`: a hallmark fired together with an exclusion or a strong argument against
  (tumour cells in a lesion whose imaging argues strongly against a tumour); both sides
  are shown, neither wins;
- `excluded`: an exclusion fired (and no hallmark);
- `supported`: a hallmark fired, or the arguments for it outweigh those against by at
  least one strong argument (weak counts 1, strong 2);
- `unlikely`: the arguments against outweigh those for by at least one strong argument;
- `possible`: anything else, including no evidence at all.

A diagnosis of exclusion (IMOS) is never supported by its own arguments: it is
`supported` only when its lesion is present, every alternative of the paper's own
differential is excluded or unlikely (a malignant tumour must be excluded: only the
biopsy closes it), no alternative at all is supported or conflicting, and nothing argues
strongly against it; until then it stays `possible` (or `unlikely` / `excluded` on its
own evidence), and its verdict names what still stands in the way. Mimics the paper does
not name by name (`scope` `paper_class`, such as Ribbing disease, or `wider`, such as Paget
disease) hold it back only when the findings speak for them; left merely possible, they
are named in its verdict as left open by the report's text (`Verdict.unaddressed`)
instead. "Supported" means supported against the paper's differential, with the mimics it
leaves open in plain view.

A finding that is `unknown` (or missing) satisfies no condition, so it never excludes
anything. Teaching logic, not a clinical tool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from imos.reasoning.knowledge import STRENGTHS, KnowledgeBase, Rule, default_knowledge

FINDING_STATES = ("present", "absent", "unknown")
STATUSES = ("excluded", "unlikely", "possible", "supported", "conflicting")
OPEN_STATUSES = ("unlikely", "possible", "supported", "conflicting")
# Alternatives that still stand between a diagnosis of exclusion and its diagnosis.
STANDING = ("possible", "supported", "conflicting")
# What holds a diagnosis of exclusion back even from outside the paper's differential.
SPEAKS_FOR = ("supported", "conflicting")
FOR_EFFECTS = ("hallmark", "strong_for", "weak_for")
AGAINST_EFFECTS = ("excludes", "strong_against", "weak_against")
WEIGHTS = {"strong_for": 2, "weak_for": 1, "weak_against": -1, "strong_against": -2}
LEAN = 2  # a net weight of one strong argument moves a diagnosis to supported / unlikely


@dataclass(frozen=True)
class Reason:
    """One rule that fired, with everything needed to show and cite it."""

    rule_id: str
    effect: str
    conditions: tuple[tuple[str, str], ...]
    rationale: str
    strength_note: str
    source: str
    origin: str
    caveat: str | None
    caveat_source: str | None

    @property
    def strength(self) -> str:
        return STRENGTHS[self.effect]


@dataclass(frozen=True)
class Verdict:
    diagnosis_id: str
    label: str
    status: str
    reasons: tuple[Reason, ...]
    # For a diagnosis of exclusion: the alternatives still open, and its required
    # findings not yet known to be present. Empty for every other diagnosis.
    standing: tuple[str, ...] = ()
    unmet: tuple[tuple[str, str], ...] = ()
    # Mimics the paper does not name by name that the findings leave possible: named,
    # not holding the diagnosis of exclusion back.
    unaddressed: tuple[str, ...] = ()

    @property
    def for_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect in FOR_EFFECTS)

    @property
    def against_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect in AGAINST_EFFECTS)

    @property
    def neutral_reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.effect == "neutral")


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


def fires(conditions: Iterable[tuple[str, str]], findings: Mapping[str, str]) -> bool:
    return all(findings.get(f) == v for f, v in conditions)


def _reason(rule: Rule) -> Reason:
    return Reason(rule.rule_id, rule.effect, rule.conditions, rule.rationale, rule.strength_note,
                  rule.source, rule.origin, rule.caveat, rule.caveat_source)


def status_of_effects(effects: Iterable[str]) -> str:
    """The status of an ordinary diagnosis from the effects of the rules that fired."""
    effects = list(effects)
    hallmark, excluded = "hallmark" in effects, "excludes" in effects
    if hallmark and (excluded or "strong_against" in effects):
        return "conflicting"
    if excluded:
        return "excluded"
    if hallmark:
        return "supported"
    net = sum(WEIGHTS.get(e, 0) for e in effects)
    if net >= LEAN:
        return "supported"
    if net <= -LEAN:
        return "unlikely"
    return "possible"


def standing_alternatives(others: Mapping[str, str], must_be_excluded: Iterable[str] = (),
                          wider: Iterable[str] = ()) -> tuple[str, ...]:
    """Alternatives still open for a diagnosis of exclusion (a tumour until it is excluded;
    a mimic outside the paper's differential only while the findings speak for it)."""
    strict, outside = set(must_be_excluded), set(wider)
    return tuple(d for d, s in others.items()
                 if (s in SPEAKS_FOR if d in outside else s in STANDING)
                 or (d in strict and s != "excluded"))


def unaddressed_alternatives(others: Mapping[str, str], wider: Iterable[str] = ()
                             ) -> tuple[str, ...]:
    """Mimics outside the paper's differential that the findings leave merely possible."""
    outside = set(wider)
    return tuple(d for d, s in others.items() if d in outside and s == "possible")


def status_of_exclusion(effects: Iterable[str], others: Mapping[str, str],
                        unmet: Iterable[tuple[str, str]],
                        must_be_excluded: Iterable[str] = (), wider: Iterable[str] = ()) -> str:
    """The status of a diagnosis of exclusion: its own arguments only hold it back.

    Its arguments for never lift it; its lesion, the alternatives and what argues against
    it decide: supported once the lesion is present and every alternative is excluded or
    unlikely, unless the arguments against it amount to a strong one.
    """
    effects = list(effects)
    if "excludes" in effects:
        return "excluded"
    against = sum(WEIGHTS[e] for e in effects if e in ("weak_against", "strong_against"))
    if against <= -LEAN:
        return "unlikely"
    if not list(unmet) and not standing_alternatives(others, must_be_excluded, wider):
        return "supported"
    return "possible"


def evaluate(findings: Mapping[str, str], knowledge: KnowledgeBase | None = None) -> list[Verdict]:
    """A verdict for every diagnosis, in knowledge-base order, with the rules that fired."""
    knowledge = knowledge or default_knowledge()
    return evaluate_checked(validate_findings(findings, knowledge), knowledge)


def fired_rules(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, list[Rule]]:
    fired: dict[str, list[Rule]] = {d: [] for d in knowledge.diagnosis_labels}
    for rule in knowledge.parsed_rules:
        if fires(rule.conditions, known):
            fired[rule.diagnosis_id].append(rule)
    return fired


def _unmet(requires: Iterable[tuple[str, str]], known: Mapping[str, str]) -> tuple:
    return tuple((f, v) for f, v in requires if known.get(f) != v)


def derive_statuses(fired: Mapping[str, list[Rule]], known: Mapping[str, str],
                    knowledge: KnowledgeBase) -> tuple[dict[str, str], dict[str, tuple]]:
    """Every diagnosis's status from the rules that fired, and each diagnosis of
    exclusion's unmet requirements: the one derivation both entry points share."""
    statuses = {d: status_of_effects(r.effect for r in rules)
                for d, rules in fired.items() if d not in knowledge.of_exclusion}
    alternatives = dict(statuses)
    unmet = {d: _unmet(requires, known) for d, requires in knowledge.of_exclusion.items()}
    for d in knowledge.of_exclusion:
        statuses[d] = status_of_exclusion((r.effect for r in fired[d]), alternatives,
                                          unmet[d], knowledge.must_be_excluded,
                                          knowledge.wider_differential)
    return statuses, unmet


def evaluate_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> list[Verdict]:
    """`evaluate` for findings already validated (the search loops call it many times)."""
    labels = knowledge.diagnosis_labels
    fired = fired_rules(known, knowledge)
    statuses, unmet = derive_statuses(fired, known, knowledge)
    alternatives = {d: s for d, s in statuses.items() if d not in knowledge.of_exclusion}
    standing = standing_alternatives(alternatives, knowledge.must_be_excluded,
                                     knowledge.wider_differential)
    unaddressed = unaddressed_alternatives(alternatives, knowledge.wider_differential)
    return [Verdict(d, labels[d], statuses[d], tuple(_reason(r) for r in fired[d]),
                    *((standing, unmet[d], unaddressed) if d in unmet else ()))
            for d in labels]


def statuses_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, str]:
    """Only the status of each diagnosis: what the search loops below need."""
    statuses, _ = derive_statuses(fired_rules(known, knowledge), known, knowledge)
    return {d: statuses[d] for d in knowledge.diagnosis_labels}


def statuses(verdicts: Iterable[Verdict]) -> dict[str, str]:
    return {v.diagnosis_id: v.status for v in verdicts}


def moved(before: Iterable[Verdict], after: Iterable[Verdict]) -> dict[str, tuple[str, str]]:
    """Diagnoses whose status changed: id -> (old status, new status)."""
    old, new = statuses(before), statuses(after)
    return {d: (old[d], new[d]) for d in new if old.get(d) != new[d]}


def conditions_read(knowledge: KnowledgeBase) -> set[tuple[str, str]]:
    return {c for rule in knowledge.parsed_rules for c in rule.conditions} | {
        c for requires in knowledge.of_exclusion.values() for c in requires}


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
