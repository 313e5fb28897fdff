"""The differential-diagnosis knowledge base: diagnoses and sourced rules, validated.

A rule says that when all its conditions hold (each `finding=present` or `finding=absent`),
the finding(s) move a diagnosis as far as the evidence allows (`effect`, strongest last):

- for it: `weak_for`, `strong_for`, or `hallmark` (a finding that confirms it on its own,
  such as tumour cells in the biopsy);
- against it: `weak_against`, `strong_against`, or `excludes` (only where the literature
  accepts the finding as reliable on its own);
- `neutral`: the finding is often raised but says little about this diagnosis.

`strength_note` says in one line why the rule has its strength. `origin` says whose
argument it is: the paper's text (`paper`), the paper's Table 1 (`paper_table1`), or
other literature (`external`). A caveat that weakens a rule stands beside it with its own
source. A diagnosis of exclusion (`of_exclusion`, IMOS here) also `requires` a compatible
lesion; the engine (`imos.reasoning.engine`) derives its status from the alternatives.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field, field_validator, model_validator

from imos.data import (
    DATA_DIR,
    Catalogue,
    DataFileError,
    Problem,
    check_unique,
    load_catalogue,
    read_csv_file,
    to_frame,
)
from imos.dataset.schema import FieldError, _identifier, _Row, _source, _text

DEFAULT_KNOWLEDGE_DIR = DATA_DIR / "knowledge"
Effect = Literal["hallmark", "strong_for", "weak_for", "neutral",
                 "weak_against", "strong_against", "excludes"]
EFFECTS: tuple[str, ...] = ("hallmark", "strong_for", "weak_for", "neutral",
                            "weak_against", "strong_against", "excludes")
# How far each effect can move a diagnosis, in one word (the strength a rule is graded at).
STRENGTHS = {"hallmark": "hallmark", "strong_for": "strong", "weak_for": "weak",
             "neutral": "neutral", "weak_against": "weak", "strong_against": "strong",
             "excludes": "exclusion"}
ORIGIN_LABELS = {
    "paper": "Abe et al. (text)",
    "paper_table1": "Abe et al. (Table 1)",
    "external": "Other literature",
}


Condition = tuple[str, Literal["present", "absent"]]


def parse_conditions(value: object) -> object:
    """'a=present; b=absent' -> (('a', 'present'), ('b', 'absent'))."""
    if not isinstance(value, str):
        return value
    parsed = []
    for part in value.split(";"):
        finding, sep, state = part.strip().partition("=")
        if not sep or not finding.strip():
            raise ValueError(f"expected finding=present or finding=absent, got {part.strip()!r}")
        parsed.append((finding.strip(), state.strip()))
    return tuple(parsed)


class Diagnosis(_Row):
    diagnosis_id: str = _identifier()
    label: str = _text(120)
    family: str = _text(60)
    description: str = _text()
    # A diagnosis of exclusion: open until every alternative is closed, and only with the
    # lesion it `requires` (IMOS needs its intramedullary diaphyseal sclerosis).
    of_exclusion: Literal["yes", "no"] = "no"
    requires: tuple[Condition, ...] = ()
    requires_source: str | None = Field(default=None, max_length=300)
    # A modelling choice: a diagnosis of exclusion waits until this alternative is
    # excluded (the biopsy, for a tumour), not merely unlikely on imaging.
    must_be_excluded: Literal["yes", "no"] = "no"
    # `paper`: the paper names it in its differential; `paper_class`: the paper names only
    # its class (Ribbing and Camurati-Engelmann disease: "bone dysplasia"); `wider`: a mimic
    # the wider literature raises that the paper does not name. The last two hold IMOS back
    # only when the findings speak for them (they cannot hold it open on the report's silence).
    scope: Literal["paper", "paper_class", "wider"] = "paper"
    # The lesion a diagnosis needs before anything can make it "supported": at least one of
    # these findings present (imaging or tissue of a lesion at the site), with its source.
    lesion: tuple[str, ...] = ()
    lesion_source: str | None = Field(default=None, max_length=300)

    @field_validator("requires", mode="before")
    @classmethod
    def _parse_requires(cls, value: object) -> object:
        return () if value is None else parse_conditions(value)

    @field_validator("lesion", mode="before")
    @classmethod
    def _parse_lesion(cls, value: object) -> object:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        return value

    @model_validator(mode="after")
    def _requirement_has_source(self) -> Diagnosis:
        if self.requires and not self.requires_source:
            raise FieldError("requires_source", "a required finding needs its source")
        if self.lesion and not self.lesion_source:
            raise FieldError("lesion_source", "a required lesion needs its source")
        return self


class Rule(_Row):
    rule_id: str = _identifier()
    diagnosis_id: str = _identifier()
    conditions: tuple[Condition, ...] = Field(min_length=1)
    effect: Effect
    origin: Literal["paper", "paper_table1", "external"]
    rationale: str = _text(300)
    strength_note: str = _text(300)
    source: str = _source()
    caveat: str | None = Field(default=None, max_length=300)
    caveat_source: str | None = Field(default=None, max_length=300)
    # An exclusion's context: findings that, when present (or as stated), keep it from
    # closing the diagnosis; it then argues strongly against only (a benign biopsy beside a
    # known cancer). Each with its source.
    unless: tuple[Condition, ...] = ()
    unless_source: str | None = Field(default=None, max_length=300)

    @field_validator("conditions", mode="before")
    @classmethod
    def _parse_conditions(cls, value: object) -> object:
        return parse_conditions(value)

    @field_validator("unless", mode="before")
    @classmethod
    def _parse_unless(cls, value: object) -> object:
        return () if value is None else parse_conditions(value)

    @model_validator(mode="after")
    def _caveat_has_source(self) -> Rule:
        if self.caveat and not self.caveat_source:
            raise FieldError("caveat_source", "a caveat needs its own source")
        if self.caveat_source and not self.caveat:
            raise FieldError("caveat", "caveat_source given without a caveat")
        if self.unless and self.effect != "excludes":
            raise FieldError("unless", "only an exclusion has a context ('unless')")
        if self.unless and not self.unless_source:
            raise FieldError("unless_source", "an exclusion's context needs its source")
        return self


class Nesting(_Row):
    """A finding that is a kind of another (solid periosteal new bone is a periosteal
    reaction): present implies its parent present, and the two count once."""

    child: str = _identifier()
    parent: str = _identifier()
    source: str = _source()


@dataclass(frozen=True)
class KnowledgeBase:
    diagnoses: pd.DataFrame
    rules: pd.DataFrame
    parsed_rules: tuple[Rule, ...]
    finding_ids: frozenset[str]
    # id -> label in file order; kept beside the frame so the engine never touches pandas
    diagnosis_labels: dict[str, str] = field(default_factory=dict)
    # diagnoses of exclusion -> the findings they require (IMOS -> its lesion)
    of_exclusion: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # alternatives that only an exclusion closes (the malignant tumours)
    must_be_excluded: frozenset[str] = frozenset()
    # mimics the paper does not name by name (`scope` paper_class or wider)
    wider_differential: frozenset[str] = frozenset()
    # diagnosis -> findings any one of which shows its lesion (needed for "supported")
    lesions: dict[str, frozenset[str]] = field(default_factory=dict)
    # finding -> its parent finding (nesting.csv), and the top of each finding's chain
    parents: dict[str, str] = field(default_factory=dict)
    roots: dict[str, str] = field(default_factory=dict)
    # rule id -> the families (root findings) its conditions read: rules of one diagnosis
    # in one direction on one family count once
    rule_families: dict[str, frozenset[str]] = field(default_factory=dict)
    # (finding, value) of a rule's first condition -> the rules, in file order (the engine
    # looks up only the rules whose first condition a known finding meets)
    rules_by_first: dict[tuple[str, str], tuple[tuple[int, Rule], ...]] = field(
        default_factory=dict)
    # rule id -> how deep its most specific finding sits in its nesting family (0: a root)
    rule_depths: dict[str, int] = field(default_factory=dict)


def load_knowledge(
    path: str | os.PathLike | None = None, catalogue: Catalogue | None = None
) -> KnowledgeBase:
    """Load and validate `diagnoses.csv` and `rules.csv`; raises `DataFileError`."""
    folder = Path(path) if path is not None else DEFAULT_KNOWLEDGE_DIR
    catalogue = catalogue if catalogue is not None else load_catalogue()
    problems: list[Problem] = []
    diagnoses = read_csv_file(folder, "diagnoses.csv", Diagnosis, problems)
    rules = read_csv_file(folder, "rules.csv", Rule, problems)
    check_unique("diagnoses.csv", diagnoses, ("diagnosis_id",), problems)
    check_unique("rules.csv", rules, ("rule_id",), problems)
    nesting = read_csv_file(folder, "nesting.csv", Nesting, problems) \
        if (folder / "nesting.csv").exists() else []
    check_unique("nesting.csv", nesting, ("child",), problems)
    diagnosis_ids = {d.diagnosis_id for _, d in diagnoses}
    finding_ids = frozenset(catalogue.findings["finding_id"])
    for number, diagnosis in diagnoses:
        for finding, _ in diagnosis.requires:
            if finding not in finding_ids:
                problems.append(Problem("diagnoses.csv", number, "requires",
                                        f"unknown finding '{finding}' (not in the catalogue)"))
        for finding in diagnosis.lesion:
            if finding not in finding_ids:
                problems.append(Problem("diagnoses.csv", number, "lesion",
                                        f"unknown finding '{finding}' (not in the catalogue)"))
    parents = {n.child: n.parent for _, n in nesting}
    for number, n in nesting:
        for column, finding in (("child", n.child), ("parent", n.parent)):
            if finding not in finding_ids:
                problems.append(Problem("nesting.csv", number, column,
                                        f"unknown finding '{finding}' (not in the catalogue)"))
    roots = {}
    for child in parents:
        seen, top = {child}, parents[child]
        while top in parents:
            if top in seen:
                problems.append(Problem("nesting.csv", 0, "parent",
                                        f"'{child}' is nested in itself (a loop)"))
                break
            seen.add(top)
            top = parents[top]
        roots[child] = top
    for number, rule in rules:
        if rule.diagnosis_id not in diagnosis_ids:
            problems.append(Problem("rules.csv", number, "diagnosis_id",
                                    f"unknown diagnosis '{rule.diagnosis_id}'"))
        for column, conditions in (("conditions", rule.conditions), ("unless", rule.unless)):
            for finding, _ in conditions:
                if finding not in finding_ids:
                    problems.append(Problem("rules.csv", number, column,
                                            f"unknown finding '{finding}' (not in the catalogue)"))
    if problems:
        raise DataFileError(problems)
    frame = to_frame(rules)
    frame["conditions"] = [
        "; ".join(f"{f}={v}" for f, v in rule.conditions) for _, rule in rules
    ]
    diagnosis_frame = to_frame(diagnoses)
    frame["unless"] = ["; ".join(f"{f}={v}" for f, v in rule.unless) for _, rule in rules]
    diagnosis_frame["requires"] = [
        "; ".join(f"{f}={v}" for f, v in d.requires) for _, d in diagnoses]
    diagnosis_frame["lesion"] = ["; ".join(d.lesion) for _, d in diagnoses]
    return KnowledgeBase(
        diagnoses=diagnosis_frame,
        rules=frame,
        parsed_rules=tuple(rule for _, rule in rules),
        finding_ids=finding_ids,
        diagnosis_labels={d.diagnosis_id: d.label for _, d in diagnoses},
        of_exclusion={d.diagnosis_id: d.requires for _, d in diagnoses if d.of_exclusion == "yes"},
        must_be_excluded=frozenset(d.diagnosis_id for _, d in diagnoses
                                   if d.must_be_excluded == "yes"),
        wider_differential=frozenset(d.diagnosis_id for _, d in diagnoses if d.scope != "paper"),
        lesions={d.diagnosis_id: frozenset(d.lesion) for _, d in diagnoses if d.lesion},
        parents=parents,
        roots=roots,
        rule_families={rule.rule_id: frozenset(roots.get(f, f) for f, _ in rule.conditions)
                       for _, rule in rules},
        rules_by_first=_index_by_first(rule for _, rule in rules),
        rule_depths={rule.rule_id: max(_depth(f, parents) for f, _ in rule.conditions)
                     for _, rule in rules},
    )


def _depth(finding: str, parents: dict[str, str]) -> int:
    depth = 0
    while finding in parents and depth < 10:
        finding, depth = parents[finding], depth + 1
    return depth


def _index_by_first(rules) -> dict[tuple[str, str], tuple[tuple[int, Rule], ...]]:
    """(finding, value) -> (position in the file, rule) for the rules it opens."""
    index: dict[tuple[str, str], list[tuple[int, Rule]]] = {}
    for position, rule in enumerate(rules):
        index.setdefault(rule.conditions[0], []).append((position, rule))
    return {k: tuple(v) for k, v in index.items()}


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process and shared read-only.

    The first load is guarded by the caching layer (`components.shell.data_access`), so a room
    opening at once gets one object.
    """
    return load_knowledge()


class TriphasicCell(_Row):
    entity: str = _text(60)
    phase: Literal["flow", "blood_pool", "delayed"]
    level: Literal["increased", "variable", "normal", "slight", "intense"]
    text: str = _text(200)
    source: str = _source()


def load_triphasic_table(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """The paper's Table 1 (triphasic bone-scan patterns), validated."""
    file = Path(path) if path is not None else DEFAULT_KNOWLEDGE_DIR / "triphasic_table1.csv"
    problems: list[Problem] = []
    cells = read_csv_file(file.parent, file.name, TriphasicCell, problems)
    check_unique(file.name, cells, ("entity", "phase"), problems)
    if problems:
        raise DataFileError(problems)
    return to_frame(cells)
