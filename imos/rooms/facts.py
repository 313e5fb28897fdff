"""What a room's phones are shown, pinned to the room when it opens (pure).

The presenter's page builds the case's facts from the series it is showing (shipped or
uploaded) and stores them with the room (`RoomStore.attach_facts`); the voter page draws
the stages from these facts alone, never from its own copy of the data. So every phone
sees what the projector shows, even when an uploaded case reuses a shipped case's id or
has one the voter's session has never loaded.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

VERSION = 1


@dataclass(frozen=True)
class ShownFinding:
    label: str
    value: str  # present / absent
    wording: str
    source: str


@dataclass(frozen=True)
class ShownStage:
    number: int
    label: str
    findings: tuple[ShownFinding, ...]
    silent: tuple[str, ...]  # the stage's findings the case does not report


@dataclass(frozen=True)
class RoomFacts:
    case_id: str
    case_label: str
    series_title: str
    stages: tuple[ShownStage, ...]
    diagnoses: dict[str, str]  # option id -> label, in the room's order
    families: dict[str, str]  # option id -> family


class FactsUnreadable(ValueError):
    """Stored facts this version cannot read."""


def room_facts(steps: Sequence, case_id: str, case_label: str, series_title: str,
               case_findings, finding_labels: Mapping[str, str],
               diagnoses: Mapping[str, str], families: Mapping[str, str]) -> RoomFacts:
    """The facts of one walk-through (`imos.teaching.walkthrough.walkthrough` steps) as
    the presenter's series has them; `case_findings` is that case's rows of the findings
    table (finding_id, wording, source)."""
    rows = case_findings.set_index("finding_id")
    stages = []
    for step in steps:
        revealed = step.replayed.revealed
        shown = tuple(
            ShownFinding(finding_labels[f], v, str(rows.loc[f, "wording"]),
                         str(rows.loc[f, "source"]))
            for f, v in revealed.items() if v != "unknown")
        silent = tuple(finding_labels[f] for f, v in revealed.items() if v == "unknown")
        stages.append(ShownStage(step.number, step.label, shown, silent))
    return RoomFacts(case_id, case_label, series_title, tuple(stages), dict(diagnoses),
                     {d: families.get(d, "") for d in diagnoses})


def library_facts(steps: Sequence, case, case_label: str, finding_labels: Mapping[str, str],
                  diagnoses: Mapping[str, str], families: Mapping[str, str]) -> RoomFacts:
    """The facts of a published case of the library practised as an unknown
    (`imos.teaching.practice.practice_steps`): each finding worded by the passage it was
    coded from, and sourced by the report; the phones see no name or citation that would
    give the diagnosis away."""
    stages = []
    for step in steps:
        revealed = step.replayed.revealed
        shown = tuple(ShownFinding(finding_labels[f], v,
                                   f"“{case.passages[f]}”" if case.passages.get(f) else "",
                                   "the published report")
                      for f, v in revealed.items() if v != "unknown")
        silent = tuple(finding_labels[f] for f, v in revealed.items() if v == "unknown")
        stages.append(ShownStage(step.number, step.label, shown, silent))
    return RoomFacts(f"lit.{case.case_id}", case_label, "Case library",
                     tuple(stages), dict(diagnoses), {d: families.get(d, "") for d in diagnoses})


def dump_facts(facts: RoomFacts) -> str:
    return json.dumps({
        "version": VERSION, "case_id": facts.case_id, "case_label": facts.case_label,
        "series_title": facts.series_title,
        "stages": [{"number": s.number, "label": s.label, "silent": list(s.silent),
                    "findings": [[f.label, f.value, f.wording, f.source] for f in s.findings]}
                   for s in facts.stages],
        "diagnoses": facts.diagnoses, "families": facts.families,
    }, ensure_ascii=False, separators=(",", ":"))


def load_facts(text: str) -> RoomFacts:
    """The facts back from the store; `FactsUnreadable` for anything else."""
    try:
        raw = json.loads(text)
        if raw.get("version") != VERSION:
            raise FactsUnreadable("facts of another version")
        stages = tuple(
            ShownStage(int(s["number"]), str(s["label"]),
                       tuple(ShownFinding(*map(str, f)) for f in s["findings"]),
                       tuple(map(str, s["silent"])))
            for s in raw["stages"])
        return RoomFacts(str(raw["case_id"]), str(raw["case_label"]), str(raw["series_title"]),
                         stages, {str(k): str(v) for k, v in raw["diagnoses"].items()},
                         {str(k): str(v) for k, v in raw["families"].items()})
    except FactsUnreadable:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise FactsUnreadable(str(error)) from error
