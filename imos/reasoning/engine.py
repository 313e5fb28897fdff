"""The differential-diagnosis engine: findings in, a verdict per diagnosis out (pure).

`evaluate({"nidus": "absent", ...})` fires every rule whose conditions all hold. Each
rule moves its diagnosis as far as its evidence allows (`imos.reasoning.knowledge`): a hallmark
confirms, an exclusion closes, strong and weak arguments lean. A diagnosis's status:

- `conflicting`: a hallmark fired together with an exclusion or a strong argument against
  (tumour cells in a lesion whose imaging argues strongly against a tumour); both sides
  are shown, neither wins;
- `excluded`: an exclusion fired (and no hallmark);
- `conflicting` too: an exclusion fired beside a hallmark or a strong argument for it
  (a benign biopsy in a patient with a known cancer: both sides are shown);
- `supported`: a hallmark fired, or the arguments for it outweigh those against by at
  least one strong argument (weak counts 1, strong 2) AND one of its strong arguments
  discriminates: no standing rival (a diagnosis not excluded or unlikely) has an argument
  for it from the same finding; and its lesion is known to be present. Arguments that
  only lean (weak ones, or strong ones a rival shares) leave it `possible`, leaning for
  (`Verdict.leaning`); the verdict names the argument that discriminates and the rivals
  it sets aside (`Verdict.discriminating`). While another diagnosis stands confirmed by
  its hallmark, strong arguments alone support nothing else (`Verdict.explained_by`);
- `unlikely`: the arguments against outweigh those for by at least one strong argument;
- `possible`: anything else, including no evidence at all.

An exclusion names its context (`Rule.unless`): when one of those findings is present,
the exclusion only argues weakly against (`Reason.held_back_by`), and so does every
argument against on its own finding (a benign biopsy that the context says may have
missed the tumour: sampling error, so the negative sample no longer counts strongly). Nested findings
(`nesting.csv`: solid periosteal new bone is a periosteal reaction) count once: a
subtype present implies its parent, a parent absent implies its subtypes absent, and of
the rules one diagnosis fires in one direction on one family of findings only the
strongest counts; where the family argues both ways, the argument read from the more
specific finding speaks (carcinoma cells argue against lymphoma: the tumour cells they
are no longer count for it). A subtype present with its parent absent is refused
(`contradictions`).

A diagnosis of exclusion (IMOS) is never supported by its own arguments: it is
`supported` only when its lesion is present, every alternative of the paper's own
differential is excluded or unlikely (a malignant tumour must be excluded: only the
biopsy closes it), no alternative at all is supported or conflicting, and nothing argues
strongly against it; until then it stays `possible` (or `unlikely` / `excluded` on its
own evidence), and its verdict names what still stands in the way. Mimics the paper does
not name by name (`scope` `paper_class`, such as Ribbing disease, or `wider`, such as Paget
disease) hold it back only when the findings speak for them (supported, conflicting, or
possible with a strong argument or a hallmark for it that outweighs what is against it,
or leaning for on weak arguments worth a strong one: a raised ALP in a woman over 40
speaks for Paget disease without supporting it);
left merely possible, they
are named in its verdict as left open by the report's text (`Verdict.unaddressed`)
instead. "Supported" means supported against the paper's differential, with the mimics it
leaves open in plain view.

A finding that is `unknown` (or missing) satisfies no condition, so it never excludes
anything. Teaching logic, not a clinical tool.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

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
# Findings that cannot both be present (age bands; symmetric and asymmetric involvement).
MUTUALLY_EXCLUSIVE = (("age_40_or_older", "age_under_30"),
                      ("bilateral_symmetric", "bilateral_asymmetric"))


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
    # An exclusion kept from closing by its context: the findings present that hold it
    # back (its effect is then strong_against). Empty for every other rule.
    held_back_by: tuple[tuple[str, str], ...] = ()
    unless_source: str | None = None

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
    # "for" when the arguments for it outweigh those against by a strong one but nothing
    # discriminates it (or its lesion is not known), "against" when it is unlikely on weak
    # arguments only; None otherwise.
    leaning: str | None = None
    # For a supported diagnosis: (rule id of the argument that discriminates, the standing
    # rivals it sets aside); ("", ()) when a hallmark supports it.
    discriminating: tuple[str, tuple[str, ...]] | None = None
    # Its lesion findings, when none is known to be present (why it only leans).
    lesion_missing: tuple[str, ...] = ()
    # Diagnoses confirmed by a hallmark that explain the picture (why it only leans).
    explained_by: tuple[str, ...] = ()

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
    problems = contradictions(checked, knowledge)
    if problems:
        raise ValueError("; ".join(problems))
    return checked


def contradictions(findings: Mapping[str, str], knowledge: KnowledgeBase) -> list[str]:
    """Plain sentences for findings that cannot hold together: a subtype present while its
    parent is absent (solid periosteal new bone without a periosteal reaction), or two
    findings that exclude each other both present."""
    found = []
    for child, parent in knowledge.parents.items():
        if findings.get(child) == "present" and findings.get(parent) == "absent":
            found.append(f"'{child}' is present but '{parent}' is absent: "
                         f"{child} is a kind of {parent}, so set {parent} to present "
                         f"(or {child} to absent or unknown)")
    for a, b in MUTUALLY_EXCLUSIVE:
        if findings.get(a) == "present" and findings.get(b) == "present":
            found.append(f"'{a}' and '{b}' cannot both be present")
    return found


def without_contradictions(findings: Mapping[str, str], knowledge: KnowledgeBase
                           ) -> dict[str, str]:
    """The findings made consistent, the subtype or the later finding giving way: a subtype
    present under an absent parent becomes unknown; of two findings that exclude each
    other, the second becomes unknown. (For generated findings and a toggled parent.)"""
    out = dict(findings)
    for child, parent in knowledge.parents.items():
        if out.get(child) == "present" and out.get(parent) == "absent":
            out[child] = "unknown"
    for a, b in MUTUALLY_EXCLUSIVE:
        if out.get(a) == "present" and out.get(b) == "present":
            out[b] = "unknown"
    return out


# The age bands the catalogue has, each the edge of some diagnosis's sourced age range
# (osteoid osteoma and osteosarcoma peak before 30; Paget disease and the end of
# Camurati-Engelmann disease's usual onset at 40; Erdheim-Chester disease and Ribbing
# disease in adults).
AGE_BANDS = (("adult_age", 18, None), ("age_under_30", None, 30), ("age_40_or_older", 40, None))


def age_findings(years: float | None) -> dict[str, str]:
    """An age in years as the catalogue's age findings (all unknown when no age is given)."""
    if years is None:
        return {f: "unknown" for f, _, _ in AGE_BANDS}
    out = {}
    for finding, low, high in AGE_BANDS:
        inside = (low is None or years >= low) and (high is None or years < high)
        out[finding] = "present" if inside else "absent"
    return out


def complete(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, str]:
    """The findings with what nesting implies: a subtype present makes its parent present;
    a parent absent makes its subtypes absent (only where they are unknown)."""
    if not knowledge.parents:
        return dict(known)
    out = dict(known)
    for _ in range(3):  # chains are short (age 40+ -> adult)
        changed = False
        for child, parent in knowledge.parents.items():
            if out.get(child) == "present" and out.get(parent, "unknown") == "unknown":
                out[parent] = "present"
                changed = True
            if out.get(parent) == "absent" and out.get(child, "unknown") == "unknown":
                out[child] = "absent"
                changed = True
        if not changed:
            break
    return out


def fires(conditions: Iterable[tuple[str, str]], findings: Mapping[str, str]) -> bool:
    return all(findings.get(f) == v for f, v in conditions)


def held_back(rule: Rule, known: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The context findings present that keep an exclusion from closing."""
    return tuple((f, v) for f, v in rule.unless if known.get(f) == v)


HELD_BACK = "weak_against"  # what an exclusion held back by its context still argues


def effect_of(rule: Rule, known: Mapping[str, str]) -> str:
    """A rule's effect here: an exclusion held back by its context argues weakly against."""
    if rule.unless and held_back(rule, known):
        return HELD_BACK
    return rule.effect


_REASONS: dict[int, tuple[Rule, Reason]] = {}


def _reason(rule: Rule, known: Mapping[str, str]) -> Reason:
    back = held_back(rule, known) if rule.unless else ()
    if not back:  # the same Reason every time: made once per rule
        cached = _REASONS.get(id(rule))
        if cached is not None and cached[0] is rule:
            return cached[1]
    reason = Reason(rule.rule_id, HELD_BACK if back else rule.effect, rule.conditions,
                    rule.rationale, rule.strength_note, rule.source, rule.origin, rule.caveat,
                    rule.caveat_source, back, rule.unless_source if back else None)
    if not back:
        _REASONS[id(rule)] = (rule, reason)
    return reason


def status_of_effects(effects: Iterable[str]) -> str:
    """The status of an ordinary diagnosis from its effects alone, before discrimination
    and lesion are checked (`analyse` does both): the preliminary status rivals are
    judged by. 'supported' here means only that the arguments for it outweigh."""
    effects = list(effects)
    hallmark, excluded = "hallmark" in effects, "excludes" in effects
    if hallmark and (excluded or "strong_against" in effects):
        return "conflicting"
    if excluded and "strong_for" in effects:
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


def _depth(finding: str, parents: Mapping[str, str]) -> int:
    depth = 0
    while finding in parents and depth < 10:
        finding, depth = parents[finding], depth + 1
    return depth


def rule_depth(rule: Rule, knowledge: KnowledgeBase) -> int:
    """How specific a rule's finding is in its nesting family (0: the family's root)."""
    depths = knowledge.rule_depths
    if rule.rule_id in depths:
        return depths[rule.rule_id]
    return max(_depth(f, knowledge.parents) for f, _ in rule.conditions)


@dataclass(frozen=True)
class Prepared:
    """What the engine derives once per knowledge base instead of once per call: each
    rule's family, depth and held-back family; which rules read a finding; the findings
    that nesting or an exclusion's context tie to others (`imos.reasoning.questions`)."""

    family: dict[str, frozenset[str]]
    depth: dict[str, int]
    held_family: dict[str, frozenset[str]]
    reading: dict[str, tuple[Rule, ...]]
    # (finding, value) -> the rules with that condition (the rules it can make fire)
    reading_value: dict[tuple[str, str], tuple[Rule, ...]]
    candidates: frozenset[str]
    nested: frozenset[str]
    context: frozenset[str]
    # findings that move a status without any rule firing on them: an exclusion's context,
    # a lesion finding, a diagnosis of exclusion's requirement
    beyond_rules: frozenset[str]
    # finding -> the diagnoses it moves that way (its lesion; an exclusion's context)
    touched_by: dict[str, frozenset[str]]


_PREPARED: dict[int, tuple[KnowledgeBase, Prepared]] = {}


def prepared(knowledge: KnowledgeBase) -> Prepared:
    """The knowledge base's derived indexes, made on first use (kept per object)."""
    cached = _PREPARED.get(id(knowledge))
    if cached is not None and cached[0] is knowledge:
        return cached[1]
    rules = knowledge.parsed_rules
    families = knowledge.rule_families
    family = {r.rule_id: families.get(r.rule_id, frozenset()) for r in rules}
    held_family = {r.rule_id: frozenset({knowledge.roots.get(r.conditions[0][0], r.conditions[0][0])})
                   for r in rules if r.effect == "excludes"}
    reading: dict[str, list[Rule]] = {}
    reading_value: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        for finding_id in {f for f, _ in rule.conditions}:
            reading.setdefault(finding_id, []).append(rule)
        for condition in dict.fromkeys(rule.conditions):
            reading_value.setdefault(condition, []).append(rule)
    result = Prepared(
        family=family,
        depth={r.rule_id: rule_depth(r, knowledge) for r in rules},
        held_family=held_family,
        reading={f: tuple(v) for f, v in reading.items()},
        reading_value={c: tuple(v) for c, v in reading_value.items()},
        candidates=frozenset(f for f, _ in conditions_read(knowledge)),
        nested=frozenset(set(knowledge.parents) | set(knowledge.parents.values()) | {
            f for pair in MUTUALLY_EXCLUSIVE for f in pair}),
        context=frozenset(f for rule in rules for f, _ in rule.unless),
        beyond_rules=frozenset({f for rule in rules for f, _ in rule.unless}
                               | {f for lesion in knowledge.lesions.values() for f in lesion}
                               | {f for req in knowledge.of_exclusion.values() for f, _ in req}),
        touched_by=_touched_by(knowledge),
    )
    if len(_PREPARED) > 8:
        _PREPARED.clear()
    _PREPARED[id(knowledge)] = (knowledge, result)
    return result


def _touched_by(knowledge: KnowledgeBase) -> dict[str, frozenset[str]]:
    touched: dict[str, set[str]] = {}
    for d, lesion in knowledge.lesions.items():
        for f in lesion:
            touched.setdefault(f, set()).add(d)
    for rule in knowledge.parsed_rules:
        for f, _ in rule.unless:
            touched.setdefault(f, set()).add(rule.diagnosis_id)
    return {f: frozenset(ds) for f, ds in touched.items()}


class Weighing:
    """One diagnosis's arguments folded so far: the effects seen, the strongest weight and
    the deepest finding per (direction, family), and the families a held-back exclusion
    caps. More arguments fold in without reading the earlier ones again (`weigh_more`)."""

    __slots__ = ("effects", "best", "depth", "capped")

    def __init__(self) -> None:
        self.effects: set[str] = set()
        self.best: dict[tuple[bool, frozenset[str]], int] = {}
        self.depth: dict[tuple[bool, frozenset[str]], int] = {}
        self.capped: set[frozenset[str]] = set()

    def copy(self) -> Weighing:
        other = Weighing()
        other.effects, other.best = set(self.effects), dict(self.best)
        other.depth, other.capped = dict(self.depth), set(self.capped)
        return other

    def fold(self, pairs: Iterable[tuple[Rule, str]], knowledge: KnowledgeBase) -> Weighing:
        prep = prepared(knowledge)
        families, depths = prep.family, prep.depth
        best, depth = self.best, self.depth
        for rule, effect in pairs:
            self.effects.add(effect)
            weight = WEIGHTS.get(effect)
            if not weight:
                continue
            rule_id = rule.rule_id
            if rule.effect == "excludes":  # held back by its context: it counts as its
                family = prep.held_family[rule_id]  # first finding (the biopsy)
                self.capped.add(family)
            else:
                family = families[rule_id]
            key = (weight > 0, family)
            if abs(weight) > abs(best.get(key, 0)):
                best[key] = weight
            d = depths[rule_id]
            if d > depth.get(key, -1):
                depth[key] = d
        return self

    def net(self) -> int:
        total = 0
        depth, capped = self.depth, self.capped
        for (positive, family), weight in self.best.items():
            if not positive and family in capped:
                weight = max(weight, WEIGHTS[HELD_BACK])
            other = depth.get((not positive, family))
            if other is not None and other > depth[(positive, family)]:
                continue  # the more specific finding argues the other way
            total += weight
        return total

    def status_and_net(self) -> tuple[str, int]:
        effects = self.effects
        hallmark, excluded = "hallmark" in effects, "excludes" in effects
        if hallmark and (excluded or "strong_against" in effects):
            return "conflicting", 0
        if excluded and "strong_for" in effects:
            return "conflicting", 0
        if excluded:
            return "excluded", 0
        net = self.net() if effects & WEIGHTED else 0
        if hallmark:
            return "supported", net
        if net >= LEAN:
            return "leaning", net
        if net <= -LEAN:
            return "unlikely", net
        return "possible", net


def net_weight(pairs: Iterable[tuple[Rule, str]], knowledge: KnowledgeBase) -> int:
    """The arguments' weight, a family of nested findings counting once per direction
    (its strongest rule). Where one family argues both ways, only the direction read from
    the more specific finding counts; an exclusion held back by its context caps its
    family's arguments against at weak."""
    return Weighing().fold(pairs, knowledge).net()


def _status_and_net(pairs: list[tuple[Rule, str]], knowledge: KnowledgeBase
                    ) -> tuple[str, int]:
    return Weighing().fold(pairs, knowledge).status_and_net()


WEIGHTED = frozenset(WEIGHTS)


def preliminary_status(pairs: list[tuple[Rule, str]], knowledge: KnowledgeBase) -> str:
    return _status_and_net(pairs, knowledge)[0]


@dataclass(frozen=True)
class Analysis:
    """How one ordinary diagnosis stands, beyond its status."""

    status: str
    leaning: str | None = None
    discriminating: tuple[str, tuple[str, ...]] | None = None
    lesion_missing: tuple[str, ...] = ()
    # a strong argument or a hallmark for it outweighs what is against it
    speaks_for: bool = False
    # diagnoses whose hallmark explains the picture, keeping this one from support
    explained_by: tuple[str, ...] = ()


NOTHING_KNOWN = Analysis("possible")


def _lesion_missing(diagnosis_id: str, known: Mapping[str, str],
                    knowledge: KnowledgeBase) -> tuple[str, ...]:
    lesion = knowledge.lesions.get(diagnosis_id)
    if not lesion or any(known.get(f) == "present" for f in lesion):
        return ()
    return tuple(sorted(lesion))


@dataclass(frozen=True)
class Rivalry:
    """What every ordinary diagnosis's analysis reads about the others: which stand, which
    stand confirmed by a hallmark, the roots each standing one argues strongly for, and the
    hallmark roots of each confirmed one."""

    standing: tuple[str, ...]
    confirmed: tuple[str, ...]
    strong_roots: dict[str, frozenset[str]]
    hallmark_roots: dict[str, frozenset[str]]

    def role(self, d: str) -> tuple:
        """Everything about `d` the others' analyses read (equal roles: equal analyses)."""
        return (d in self.standing, self.strong_roots.get(d),
                d in self.confirmed, self.hallmark_roots.get(d))


def _roots(pairs: list[tuple[Rule, str]], effects: tuple[str, ...],
           families: Mapping[str, frozenset[str]]) -> frozenset[str]:
    found = [families[r.rule_id] for r, e in pairs if e in effects]
    return frozenset().union(*found) if found else frozenset()


def rivalry(pairs_by: Mapping[str, list[tuple[Rule, str]]], known: Mapping[str, str],
            knowledge: KnowledgeBase, weighed: Mapping[str, tuple[str, int]]) -> Rivalry:
    ordinary = [d for d in pairs_by if d not in knowledge.of_exclusion]
    families = prepared(knowledge).family
    standing = tuple(d for d in ordinary if weighed[d][0] not in ("excluded", "unlikely"))
    # A hallmark explains the picture: while one diagnosis stands confirmed by its
    # hallmark, another is not supported by strong arguments alone (a fracture line
    # through a lymphoma is the tumour's, not a stress fracture; periosteal bone around
    # a nidus is the osteoid osteoma's, not Garre's).
    confirmed = tuple(d for d in ordinary if weighed[d][0] == "supported"
                      and not _lesion_missing(d, known, knowledge))
    return Rivalry(standing, confirmed,
                   {d: _roots(pairs_by[d], ("strong_for", "hallmark"), families) for d in standing},
                   {c: _roots(pairs_by[c], ("hallmark",), families) for c in confirmed})


def _rivalry_with(context: Rivalry, roles: Mapping[str, tuple], knowledge: KnowledgeBase
                  ) -> Rivalry:
    """`context` with the roles of a few diagnoses replaced (file order kept)."""
    standing = set(context.standing)
    confirmed = set(context.confirmed)
    strong_roots = dict(context.strong_roots)
    hallmark_roots = dict(context.hallmark_roots)
    for d, (stands, strong, is_confirmed, hallmark) in roles.items():
        (standing.add if stands else standing.discard)(d)
        (confirmed.add if is_confirmed else confirmed.discard)(d)
        strong_roots.pop(d, None)
        hallmark_roots.pop(d, None)
        if stands:
            strong_roots[d] = strong
        if is_confirmed:
            hallmark_roots[d] = hallmark
    order = knowledge.diagnosis_labels
    return Rivalry(tuple(d for d in order if d in standing),
                   tuple(d for d in order if d in confirmed), strong_roots, hallmark_roots)


def analyse_one(d: str, pairs: list[tuple[Rule, str]], weighed_d: tuple[str, int],
                known: Mapping[str, str], knowledge: KnowledgeBase, rivals_of: Rivalry
                ) -> Analysis:
    """One ordinary diagnosis's analysis, given how the others stand."""
    if not pairs:
        return NOTHING_KNOWN
    status, net = weighed_d
    speaks = any(e == "hallmark" for _, e in pairs) or net >= LEAN or (
        net > 0 and any(e == "strong_for" for _, e in pairs))
    if status == "supported":  # a hallmark
        missing = _lesion_missing(d, known, knowledge)
        if missing:
            return Analysis("possible", "for", None, missing, speaks)
        hallmark = next(r.rule_id for r, e in pairs if e == "hallmark")
        return Analysis("supported", None, (hallmark, ()), (), True)
    if status == "unlikely":
        weak_only = not any(e in ("strong_against", "excludes") for _, e in pairs)
        return Analysis("unlikely", "against" if weak_only else None, None, (), speaks)
    if status != "leaning":
        return Analysis(status, None, None, (), speaks)
    families = prepared(knowledge).family
    rivals = [r for r in rivals_of.standing if r != d]
    strong_roots = rivals_of.strong_roots
    found = None
    for rule, effect in pairs:
        if effect != "strong_for":
            continue
        mine = families[rule.rule_id]
        if not any(strong_roots[rival] & mine for rival in rivals):
            found = rule.rule_id
            break
    missing = _lesion_missing(d, known, knowledge)
    # a hallmark that argues for this diagnosis too (an organism grown from a Brodie
    # abscess) confirms its family, it does not explain it away
    mine_for = _roots(pairs, FOR_EFFECTS, families)
    explained = tuple(c for c in rivals_of.confirmed
                      if c != d and not rivals_of.hallmark_roots[c] & mine_for)
    if found and not missing and not explained:
        return Analysis("supported", None, (found, tuple(rivals)), (), True)
    return Analysis("possible", "for", None, missing, speaks, explained)


def analyse_ordinary(pairs_by: Mapping[str, list[tuple[Rule, str]]], known: Mapping[str, str],
                     knowledge: KnowledgeBase, weighed: Mapping[str, tuple[str, int]] | None = None
                     ) -> dict[str, Analysis]:
    """Every ordinary diagnosis's status: preliminary statuses first, then support only
    where a strong argument discriminates from the standing rivals and the lesion is known."""
    ordinary = [d for d in pairs_by if d not in knowledge.of_exclusion]
    if weighed is None:
        weighed = {d: _status_and_net(pairs_by[d], knowledge) for d in ordinary}
    context = rivalry(pairs_by, known, knowledge, weighed)
    return {d: analyse_one(d, pairs_by[d], weighed[d], known, knowledge, context)
            for d in ordinary}


def standing_alternatives(others: Mapping[str, str], must_be_excluded: Iterable[str] = (),
                          wider: Iterable[str] = (), speaking: Iterable[str] = ()) -> tuple[str, ...]:
    """Alternatives still open for a diagnosis of exclusion (a tumour until it is excluded;
    a mimic outside the paper's differential only while the findings speak for it:
    supported, conflicting, or in `speaking`)."""
    strict, outside, speaks = set(must_be_excluded), set(wider), set(speaking)
    return tuple(d for d, s in others.items()
                 if (s in SPEAKS_FOR or (d in speaks and s == "possible")
                     if d in outside else s in STANDING)
                 or (d in strict and s != "excluded"))


def unaddressed_alternatives(others: Mapping[str, str], wider: Iterable[str] = (),
                             speaking: Iterable[str] = ()) -> tuple[str, ...]:
    """Mimics outside the paper's differential that the findings leave merely possible."""
    outside, speaks = set(wider), set(speaking)
    return tuple(d for d, s in others.items()
                 if d in outside and s == "possible" and d not in speaks)


def status_of_exclusion(effects: Iterable[str], others: Mapping[str, str],
                        unmet: Iterable[tuple[str, str]],
                        must_be_excluded: Iterable[str] = (), wider: Iterable[str] = (),
                        speaking: Iterable[str] = ()) -> str:
    """The status of a diagnosis of exclusion: its own arguments only hold it back.

    Its arguments for never lift it; its lesion, the alternatives and what argues against
    it decide: supported once the lesion is present and every alternative is excluded or
    unlikely, unless the arguments against it amount to a strong one.
    """
    effects = list(effects)
    own = _own_status(effects)
    if own is not None:
        return own
    if not list(unmet) and not standing_alternatives(others, must_be_excluded, wider, speaking):
        return "supported"
    return "possible"


def _own_status(effects: list[str]) -> str | None:
    """A diagnosis of exclusion's status on its own arguments, if they decide it."""
    if "excludes" in effects:
        return "excluded"
    against = sum(WEIGHTS[e] for e in effects if e in ("weak_against", "strong_against"))
    if against <= -LEAN:
        return "unlikely"
    return None


def _blocks(d: str, status: str, speaks: bool, knowledge: KnowledgeBase) -> bool:
    """Whether alternative `d` stands before a diagnosis of exclusion (`standing_alternatives`
    for one diagnosis)."""
    if d in knowledge.wider_differential:
        stands = status in SPEAKS_FOR or (speaks and status == "possible")
    else:
        stands = status in STANDING
    return stands or (d in knowledge.must_be_excluded and status != "excluded")


def evaluate(findings: Mapping[str, str], knowledge: KnowledgeBase | None = None) -> list[Verdict]:
    """A verdict for every diagnosis, in knowledge-base order, with the rules that fired."""
    knowledge = knowledge or default_knowledge()
    return evaluate_checked(validate_findings(findings, knowledge), knowledge)


def _position(entry: tuple[int, Rule]) -> int:
    return entry[0]


def fired_rules(known: Mapping[str, str], knowledge: KnowledgeBase,
                completed: bool = False) -> dict[str, list[Rule]]:
    """The rules whose conditions hold, per diagnosis (on the findings nesting completes;
    `completed` says they already are)."""
    if not completed:
        known = complete(known, knowledge)
    fired: dict[str, list[Rule]] = {d: [] for d in knowledge.diagnosis_labels}
    get = known.get
    index = knowledge.rules_by_first
    if not index:  # a knowledge base built by hand, without the index
        index = {}
        for position, rule in enumerate(knowledge.parsed_rules):
            index.setdefault(rule.conditions[0], []).append((position, rule))
    candidates = [entry for item in known.items() for entry in index.get(item, ())]
    candidates.sort(key=_position)  # file order, as before
    for _, rule in candidates:
        conditions = rule.conditions
        if len(conditions) == 1 or all(get(f) == v for f, v in conditions[1:]):
            fired[rule.diagnosis_id].append(rule)
    return fired


def _unmet(requires: Iterable[tuple[str, str]], known: Mapping[str, str]) -> tuple:
    return tuple((f, v) for f, v in requires if known.get(f) != v)


def _against_weight(pairs: Iterable[tuple[Rule, str]], knowledge: KnowledgeBase) -> list[str]:
    """A diagnosis of exclusion's arguments against, one per family (as effects)."""
    best: dict[frozenset[str], str] = {}
    for rule, effect in pairs:
        if effect not in ("weak_against", "strong_against"):
            continue
        key = prepared(knowledge).family[rule.rule_id]
        if key not in best or WEIGHTS[effect] < WEIGHTS[best[key]]:
            best[key] = effect
    return list(best.values())


@dataclass
class Analysed:
    """One picture's full derivation, kept so that a picture differing from it only in the
    rules of a few diagnoses can be analysed incrementally (`analyse(..., base=)`)."""

    pairs_by: dict[str, list[tuple[Rule, str]]]
    weighed: dict[str, tuple[str, int]]
    context: Rivalry
    analysis: dict[str, Analysis]
    statuses: dict[str, str]
    unmet: dict[str, tuple]
    leaning: tuple[str, ...] = ()  # ordinary diagnoses whose arguments lean for them
    weighings: dict[str, Weighing] = field(default_factory=dict)  # each one's arguments
    # the alternatives standing before a diagnosis of exclusion (`standing_alternatives`)
    blocking: frozenset[str] = frozenset()


def analyse(fired: Mapping[str, list[Rule]], known: Mapping[str, str],
            knowledge: KnowledgeBase, completed: bool = False, memo: dict | None = None,
            keep: list | None = None
            ) -> tuple[dict[str, str], dict[str, tuple], dict[str, Analysis]]:
    """Every diagnosis's status, each diagnosis of exclusion's unmet requirements and each
    ordinary diagnosis's analysis: the one derivation every entry point shares.

    `memo` (the what-if loop's) keeps each diagnosis's weighing per list of fired rules:
    valid only while no exclusion's context changes between the calls sharing it. `keep`
    receives this derivation (an `Analysed`, for `statuses_after`)."""
    if not completed:
        known = complete(known, knowledge)
    pairs_by, weighed = {}, {}
    for d, rules in fired.items():
        cached = memo.get(id(rules)) if memo is not None else None
        if cached is not None and cached[0] is rules:
            pairs_by[d], weighed[d] = cached[1], cached[2]
            continue
        pairs = [(r, effect_of(r, known)) for r in rules]
        pairs_by[d] = pairs
        weighed[d] = _status_and_net(pairs, knowledge)
        if memo is not None:
            memo[id(rules)] = (rules, pairs, weighed[d])
    ordinary = [d for d in pairs_by if d not in knowledge.of_exclusion]
    context = rivalry(pairs_by, known, knowledge, weighed)
    analysis = {d: analyse_one(d, pairs_by[d], weighed[d], known, knowledge, context)
                for d in ordinary}
    statuses = {d: a.status for d, a in analysis.items()}
    alternatives = dict(statuses)
    speaking = [d for d, a in analysis.items() if a.speaks_for]
    unmet = {d: _unmet(requires, known) for d, requires in knowledge.of_exclusion.items()}
    for d in knowledge.of_exclusion:
        effects = [e for _, e in pairs_by[d] if e in ("excludes",)] + \
            _against_weight(pairs_by[d], knowledge)
        statuses[d] = status_of_exclusion(effects, alternatives, unmet[d],
                                          knowledge.must_be_excluded,
                                          knowledge.wider_differential, speaking)
    if keep is not None:
        keep.append(Analysed(pairs_by, weighed, context, analysis,
                             {d: statuses[d] for d in knowledge.diagnosis_labels}, unmet,
                             tuple(d for d, a in weighed.items() if a[0] == "leaning"
                                   and d not in knowledge.of_exclusion),
                             {d: Weighing().fold(pairs, knowledge)
                              for d, pairs in pairs_by.items()},
                             frozenset(d for d, a in analysis.items()
                                       if _blocks(d, a.status, a.speaks_for, knowledge))))
    return statuses, unmet, analysis


def statuses_after(base: Analysed, fired: Mapping[str, list[Rule]], touched: Iterable[str],
                   known: Mapping[str, str], knowledge: KnowledgeBase,
                   fresh: Iterable[str] = ()) -> dict[str, str]:
    """Every status (in knowledge-base order) of a picture that differs from `base`'s only
    for the diagnoses `touched`: `fired` gives their rules (base's rules first, then those
    that start to fire); their lesion may have changed; for those in `fresh` an exclusion's
    context changed too. `analyse`'s result, computing only what moved; `known` must be
    completed. The what-if loop's fast path."""
    of_exclusion = knowledge.of_exclusion
    fresh = set(fresh)
    pairs_by: dict[str, list[tuple[Rule, str]]] = {}
    weighed: dict[str, tuple[str, int]] = {}
    for d in touched:
        rules = fired[d]
        if d in fresh:
            pairs = [(r, effect_of(r, known)) for r in rules]
        else:
            before = base.pairs_by[d]
            if len(rules) == len(before):  # only its lesion moved: weighed as before
                pairs_by[d], weighed[d] = before, base.weighed[d]
                continue
            more = [(r, effect_of(r, known)) for r in rules[len(before):]]
            pairs_by[d] = before + more
            weighed[d] = base.weighings[d].copy().fold(more, knowledge).status_and_net()
            continue
        pairs_by[d] = pairs
        weighed[d] = _status_and_net(pairs, knowledge)
    context = base.context
    families = prepared(knowledge).family
    redo = [d for d in pairs_by if d not in of_exclusion]
    roles = {}
    for d in redo:
        status = weighed[d][0]
        stands = status not in ("excluded", "unlikely")
        confirmed = status == "supported" and not _lesion_missing(d, known, knowledge)
        roles[d] = (stands, _roots(pairs_by[d], ("strong_for", "hallmark"), families)
                    if stands else None,
                    confirmed, _roots(pairs_by[d], ("hallmark",), families) if confirmed else None)
    if any(roles[d] != context.role(d) for d in redo):
        context = _rivalry_with(context, roles, knowledge)
        redo = set(redo) | {d for d in base.leaning if d not in weighed} | {
            d for d in redo if weighed[d][0] == "leaning"}
    base_analysis = base.analysis
    analysis = {}
    for d in redo:
        if d in pairs_by:
            analysis[d] = analyse_one(d, pairs_by[d], weighed[d], known, knowledge, context)
        else:
            analysis[d] = analyse_one(d, base.pairs_by[d], base.weighed[d], known, knowledge,
                                      context)
    out = dict(base.statuses)
    for d, a in analysis.items():
        out[d] = a.status
    if not any(d in of_exclusion for d in pairs_by) and all(
            a.status == base_analysis[d].status and a.speaks_for == base_analysis[d].speaks_for
            for d, a in analysis.items()):
        unmet = {d: _unmet(requires, known) for d, requires in of_exclusion.items()}
        if unmet == base.unmet:
            return out  # nothing a diagnosis of exclusion reads has moved
    blocking = set(base.blocking)
    for d, a in analysis.items():
        if _blocks(d, a.status, a.speaks_for, knowledge):
            blocking.add(d)
        else:
            blocking.discard(d)
    for d, requires in of_exclusion.items():
        pairs = pairs_by[d] if d in pairs_by else base.pairs_by[d]
        own = _own_status([e for _, e in pairs if e == "excludes"]
                          + _against_weight(pairs, knowledge))
        if own is not None:
            out[d] = own
        elif not _unmet(requires, known) and not blocking:
            out[d] = "supported"
        else:
            out[d] = "possible"
    return out


def derive_statuses(fired: Mapping[str, list[Rule]], known: Mapping[str, str],
                    knowledge: KnowledgeBase) -> tuple[dict[str, str], dict[str, tuple]]:
    """Every diagnosis's status and each diagnosis of exclusion's unmet requirements."""
    statuses, unmet, _ = analyse(fired, known, knowledge)
    return statuses, unmet


def evaluate_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> list[Verdict]:
    """`evaluate` for findings already validated (the search loops call it many times)."""
    labels = knowledge.diagnosis_labels
    completed = complete(known, knowledge)
    fired = fired_rules(completed, knowledge, completed=True)
    statuses, unmet, analysis = analyse(fired, completed, knowledge, completed=True)
    alternatives = {d: s for d, s in statuses.items() if d not in knowledge.of_exclusion}
    speaking = [d for d, a in analysis.items() if a.speaks_for]
    standing = standing_alternatives(alternatives, knowledge.must_be_excluded,
                                     knowledge.wider_differential, speaking)
    unaddressed = unaddressed_alternatives(alternatives, knowledge.wider_differential, speaking)
    verdicts = []
    for d in labels:
        reasons = tuple(_reason(r, completed) for r in fired[d])
        if d in unmet:
            verdicts.append(Verdict(d, labels[d], statuses[d], reasons, standing, unmet[d],
                                    unaddressed))
        else:
            a = analysis[d]
            verdicts.append(Verdict(d, labels[d], statuses[d], reasons, leaning=a.leaning,
                                    discriminating=a.discriminating,
                                    lesion_missing=a.lesion_missing,
                                    explained_by=a.explained_by))
    return verdicts


def statuses_checked(known: Mapping[str, str], knowledge: KnowledgeBase) -> dict[str, str]:
    """Only the status of each diagnosis: what the search loops below need."""
    completed = complete(known, knowledge)
    statuses, _, _ = analyse(fired_rules(completed, knowledge, completed=True), completed,
                             knowledge, completed=True)
    return {d: statuses[d] for d in knowledge.diagnosis_labels}


def statuses(verdicts: Iterable[Verdict]) -> dict[str, str]:
    return {v.diagnosis_id: v.status for v in verdicts}


def moved(before: Iterable[Verdict], after: Iterable[Verdict]) -> dict[str, tuple[str, str]]:
    """Diagnoses whose status changed: id -> (old status, new status)."""
    old, new = statuses(before), statuses(after)
    return {d: (old[d], new[d]) for d in new if old.get(d) != new[d]}


def conditions_read(knowledge: KnowledgeBase) -> set[tuple[str, str]]:
    return {c for rule in knowledge.parsed_rules for c in (*rule.conditions, *rule.unless)} | {
        c for requires in knowledge.of_exclusion.values() for c in requires} | {
        (f, "present") for lesion in knowledge.lesions.values() for f in lesion}


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
