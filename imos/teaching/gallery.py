"""A gallery of look-alikes: per diagnosis, its published cases beside IMOS cases, with the
findings that told them apart in each report and the rules that carry them (pure).

A finding tells two diagnoses apart in a report when the report codes it (present or
absent) and the knowledge base has a rule reading that very value for one of the two and
none for the other: the same finding cannot then argue the same way for both. The IMOS
side holds the library's IMOS cases and the case series' own cases.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from imos.reasoning.knowledge import KnowledgeBase, Rule

IMOS = "imos"


@dataclass(frozen=True)
class GalleryCase:
    """One case as the gallery shows it: where it comes from, what it was, what it codes."""

    case_id: str
    name: str
    diagnosis_id: str
    findings: Mapping[str, str]
    passages: Mapping[str, str]
    reference: str
    link: str  # the report's address, or the case's page in this app
    library: bool  # a library case (else one of the case series')


@dataclass(frozen=True)
class Separator:
    """A coded finding whose rules move the two diagnoses differently: it favours one
    (argues for it more, or against it less) over the other."""

    finding_id: str
    value: str
    passage: str
    favours: str  # the diagnosis it favours
    rules: tuple[Rule, ...]  # the rules of either diagnosis that read it

    @property
    def strong(self) -> bool:
        """A hallmark, an exclusion or a strong argument on either side (else weak only)."""
        return any(abs(FOR[r.effect]) >= 2 for r in self.rules)


FOR = {"hallmark": 3, "strong_for": 2, "weak_for": 1, "neutral": 0, "weak_against": -1,
       "strong_against": -2, "excludes": -3}


def rules_reading(knowledge: KnowledgeBase, diagnosis_id: str, finding_id: str,
                  value: str) -> tuple[Rule, ...]:
    """The rules of a diagnosis with `finding_id = value` among their conditions."""
    return tuple(r for r in knowledge.parsed_rules if r.diagnosis_id == diagnosis_id
                 and (finding_id, value) in r.conditions)


def _pull(rules: Sequence[Rule]) -> int:
    """How far a finding's rules move a diagnosis at most, for (+) or against (-)."""
    return max((FOR[r.effect] for r in rules), key=abs, default=0)


def separators(case: GalleryCase, one: str, other: str,
               knowledge: KnowledgeBase) -> list[Separator]:
    """The case's coded findings whose rules act on `one` and `other` differently (for
    one and not the other, or for one and against the other), in the case's order."""
    found = []
    for finding_id, value in case.findings.items():
        mine = rules_reading(knowledge, one, finding_id, value)
        theirs = rules_reading(knowledge, other, finding_id, value)
        a, b = _pull(mine), _pull(theirs)
        if a != b and (a > 0 or b > 0 or (a < 0) != (b < 0)):
            found.append(Separator(finding_id, value, case.passages.get(finding_id, ""),
                                   one if a > b else other, mine + theirs))
    return sorted(found, key=lambda s: -max(abs(FOR[r.effect]) for r in s.rules))


@dataclass(frozen=True)
class Column:
    """One side of the gallery: a diagnosis and its cases, each with its separators."""

    diagnosis_id: str
    cases: tuple[tuple[GalleryCase, tuple[Separator, ...]], ...]


def look_alikes(diagnosis_id: str, versus: str, cases: Sequence[GalleryCase],
                knowledge: KnowledgeBase) -> tuple[Column, Column]:
    """The published cases of `diagnosis_id` and of `versus` (IMOS, usually) side by side,
    each case with the findings that set the two apart in its report."""
    def column(d: str) -> Column:
        return Column(d, tuple((c, tuple(separators(c, diagnosis_id, versus, knowledge)))
                               for c in cases if c.diagnosis_id == d))
    return column(diagnosis_id), column(versus)


def with_cases(cases: Sequence[GalleryCase], order: Sequence[str]) -> list[str]:
    """The diagnoses that have at least one case, in the knowledge base's order."""
    have = {c.diagnosis_id for c in cases}
    return [d for d in order if d in have]


def from_library(case, link: str, name: str) -> GalleryCase:
    """A library case (`imos.dataset.literature.LiteratureCase`) for the gallery."""
    return GalleryCase(case.case_id, name, case.authors_diagnosis, case.findings,
                       case.passages, case.reference, link, True)


def from_series(series, case_id: str, diagnosis_id: str = IMOS) -> GalleryCase:
    """A case of the case series (the paper's IMOS cases), with its wording as passages."""
    rows = series.findings[(series.findings["case_id"] == case_id)
                           & (series.findings["value"] != "unknown")]
    label = series.cases.set_index("case_id").loc[case_id, "label"]
    meta = series.meta
    first = str(meta.get("authors", "")).split(",")[0].split(" ")[0]
    who = f"{first} et al. {meta.get('year', '')}".strip() if first else "this case series"
    reference = ". ".join(str(x) for x in (meta.get("authors"), meta.get("title"),
                                           f"{meta.get('journal', '')} {meta.get('year', '')}")
                          if x and str(x).strip())
    if meta.get("doi"):
        reference += f". doi:{meta['doi']}"
    return GalleryCase(
        f"series_{case_id}", f"{label} ({who})",
        diagnosis_id, dict(zip(rows["finding_id"], rows["value"])),
        dict(zip(rows["finding_id"], rows["wording"])), reference,
        f"walkthrough?case={case_id}", False)


def gallery_query(diagnosis_id: str, versus: str = IMOS) -> dict[str, str]:
    """The gallery's link for a diagnosis: `?dx=paget` (and `vs=` when not IMOS).

    >>> gallery_query("paget")
    {'dx': 'paget'}
    """
    return {"dx": diagnosis_id} if versus == IMOS else {"dx": diagnosis_id, "vs": versus}


def parse_gallery(params: Mapping[str, Sequence[str]], diagnoses: Sequence[str]
                  ) -> tuple[str | None, str | None, list[str]]:
    """(diagnosis, versus, problems) from `?dx=...&vs=...`; None where the link gives none
    (or an unknown id, which `problems` names)."""
    problems = []

    def one(key: str) -> str | None:
        values = list(params.get(key, []))
        if len(values) > 1:
            problems.append(f"'{key}' was given more than once")
            return None
        if values and values[0] not in diagnoses:
            problems.append(f"no diagnosis '{values[0][:40]}' ('{key}')")
            return None
        return values[0] if values else None

    return one("dx"), one("vs"), problems
