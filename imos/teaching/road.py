"""The road to the diagnosis: one case's differential replayed along its own timeline (pure).

Each examination the case report describes reveals the catalogue findings attributed to
it (`examination` column of the finding catalogue); the engine then says which
diagnoses that result excluded. The time of each examination comes from the case's
events, with the paper's precision kept: most imaging is only ordered, not dated.
Beside the engine's verdicts stand the paper's own judgements (`judgements.csv`), so a
learner can see where the knowledge base and the authors agree and where they do not.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from imos.reasoning.engine import case_findings
from imos.reasoning.families import settle_phrase
from imos.reasoning.knowledge import KnowledgeBase
from imos.teaching.replay import ReplayedStep, examination_steps, replay
from imos.text import month_label
from imos.reasoning.wording import conditions_phrase


@dataclass(frozen=True)
class PaperJudgement:
    kind: str
    diagnosis_ids: tuple[str, ...]
    wording: str
    source: str


@dataclass(frozen=True)
class RoadStop:
    """One examination of one case: when it happened and what it settled."""

    replayed: ReplayedStep
    when: str
    month: float | None
    window: tuple[float, float] | None
    time_source: str
    judgements: tuple[PaperJudgement, ...]

    @property
    def examination_id(self) -> str:
        return self.replayed.step.key

    @property
    def label(self) -> str:
        return self.replayed.step.label

    @property
    def paper_excluded(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(
            d for j in self.judgements if j.kind == "excluded" for d in j.diagnosis_ids))

    def disagreements(self) -> tuple[str, ...]:
        """Diagnoses the paper sets aside here that the engine has not excluded by now."""
        statuses = {v.diagnosis_id: v.status for v in self.replayed.verdicts}
        return tuple(d for d in self.paper_excluded if statuses.get(d) != "excluded")


def road_to_diagnosis(series, case_id: str, knowledge: KnowledgeBase | None = None) -> list[RoadStop]:
    """Every examination the case reports, in clinical order, with what it excluded.

    An examination is left out when the case neither dates it (no event) nor reports any
    of its findings: Case 1 of the paper had no triphasic scan, for instance.
    """
    values = case_findings(series.findings, case_id)
    events = series.events[series.events["case_id"] == case_id].set_index("event")
    examinations = series.catalogue.examinations.set_index("examination_id")
    judgements = series.judgements[series.judgements["case_id"] == case_id]
    stops = []
    for replayed in replay(values, examination_steps(series.catalogue), knowledge):
        exam = examinations.loc[replayed.step.key]
        dated = _present(exam["event"]) and exam["event"] in events.index
        event = events.loc[exam["event"]] if dated else None
        if event is None and not replayed.assessed:
            continue
        stops.append(RoadStop(replayed, *_timing(event, events),
                              paper_judgements(judgements, [replayed.step.key])))
    return stops


def _present(value: object) -> bool:
    return isinstance(value, str) and bool(value)


def _timing(event, events: pd.DataFrame) -> tuple[str, float | None, tuple[float, float] | None, str]:
    if event is None:
        start = _onset_month(events)
        span = f", within the {_months_before(start)} before the biopsy" if start is not None else ""
        return (f"undated: reported before the imaging{span}", None,
                (start, 0.0) if start is not None else None, "order of the case text")
    if _number(event["month"]):
        month = float(event["month"])
        prefix = {"approximate": "about ", "vague": "around "}.get(event["precision"], "")
        return f"{prefix}{month_label(month)}", month, None, event["source"]
    start, end = float(event["window_start"]), float(event["window_end"])
    if end == 0 and start < 0:
        text = f"order only: sometime in the {_months_before(start)} before the biopsy"
    else:
        text = f"order only: between {month_label(start)} and {month_label(end)}"
    return text, None, (start, end), event["source"]


def _months_before(start: float) -> str:
    value = int(-start) if float(start).is_integer() else -start
    return f"{value} month{'s' if value != 1 else ''}"


def _onset_month(events: pd.DataFrame) -> float | None:
    if "symptom_onset" in events.index and _number(events.loc["symptom_onset", "month"]):
        return float(events.loc["symptom_onset", "month"])
    return None


def _number(value: object) -> bool:
    return value is not None and not pd.isna(value)


def paper_judgements(frame: pd.DataFrame, examination_ids) -> tuple[PaperJudgement, ...]:
    """The paper's judgements at these examinations, one per statement (diagnoses grouped)."""
    rows = frame[frame["examination"].isin(list(examination_ids))]
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for row in rows.itertuples():
        grouped.setdefault((row.kind, row.wording, row.source), []).append(row.diagnosis_id)
    return tuple(PaperJudgement(kind, tuple(ids), wording, source)
                 for (kind, wording, source), ids in grouped.items())


def closed_at(stops: list[RoadStop], diagnosis_id: str) -> str | None:
    """The examination after which the engine first excludes a diagnosis, if any does."""
    return next((s.label for s in stops
                 if s.replayed.verdict(diagnosis_id).status == "excluded"), None)


def teaching_point(stops: list[RoadStop], stop: RoadStop, diagnosis_id: str, label: str,
                   finding_labels: dict[str, str]) -> str:
    """Where the paper closes a diagnosis before the engine: both judgements and why."""
    verdict = stop.replayed.verdict(diagnosis_id)
    against = [f"{r.strength} ({conditions_phrase(r.conditions, finding_labels)})"
               for r in verdict.against_reasons]
    weighed = ("weighs the evidence reported so far as " + "; ".join(against)
               if against else "has no argument against it on the findings reported so far")
    closing = closed_at(stops, diagnosis_id)
    then = (f"it is excluded only at: {closing}" if closing else
            f"no reported finding excludes it, so it ends {stops[-1].replayed.verdict(diagnosis_id).status}")
    return (f"Teaching point: the paper sets aside {label} here. The engine {weighed}, "
            f"and keeps it {verdict.status}; {then}.")


def open_until(stops: list[RoadStop], diagnosis_id: str = "imos") -> list[tuple[str, int]]:
    """(examination label, number of open diagnoses besides `diagnosis_id`) after each stop."""
    return [(s.label, sum(1 for d in s.replayed.open_ids if d != diagnosis_id)) for s in stops]


def left_unaddressed(stops: list[RoadStop]) -> tuple[str, ...]:
    """The mimics from the wider literature the road leaves merely possible at its end:
    the paper never raises them and reports none of the findings that would settle them."""
    if not stops:
        return ()
    return tuple(dict.fromkeys(d for v in stops[-1].replayed.verdicts for d in v.unaddressed))


def unaddressed_reasons(stops: list[RoadStop], finding_labels: dict[str, str],
                        settle: dict[str, list[tuple[str, str, str]]]) -> dict[str, str]:
    """Each mimic left unaddressed at the end -> 'would be settled by …' (or that no single
    finding would), from `imos.reasoning.families.settling` of the case's findings."""
    return {d: settle_phrase(d, finding_labels, settle) for d in left_unaddressed(stops)}


def road_summary(stops: list[RoadStop], labels: dict[str, str], focus: str = "imos",
                 reasons: dict[str, str] | None = None) -> str:
    """The whole road in plain sentences: the chart's text alternative and the handout's.

    `reasons` (`unaddressed_reasons`) say why each wider mimic is still open at the end."""
    if not stops:
        return "The case reports no examination."
    total = len(stops[0].replayed.verdicts)
    parts = [f"Before any test, all {total} diagnoses are open."]
    for stop in stops:
        gone = [labels[d] for d in stop.replayed.newly_excluded]
        result = ("excluded " + ", ".join(gone)) if gone else "excluded nothing"
        parts.append(f"{stop.label} ({stop.when}) {result}; "
                     f"{len(stop.replayed.open_ids)} remain open.")
    last = stops[-1].replayed
    others = [f"{labels[d]} ({last.verdict(d).status})" for d in last.open_ids if d != focus]
    if focus in last.open_ids:
        parts.append(
            f"At the end {labels[focus]} is {last.verdict(focus).status}"
            + (f", beside {', '.join(others)}, which no reported finding settles."
               if others else ", the only diagnosis left open.")
        )
    if reasons:
        parts.append("Left open by the report's text (named by the paper only as a class or not at all): "
                     + "; ".join(
            f"{labels[d]}, which {why}" for d, why in reasons.items()) + ".")
    return " ".join(parts)
