"""A long differential made readable: diagnoses grouped by family, closed ones folded (pure).

Every view of the differential (explorer, walk-through, road, slides, handouts) groups
the diagnoses by their `family` in `diagnoses.csv`, families in order of first appearance,
shows the open ones and folds the closed ones (excluded or unlikely) into one line per
family. It also words the mimics from the wider literature that a diagnosis of exclusion
leaves unaddressed (`Verdict.unaddressed`), each with the unknown findings that would
settle it, read from `imos.reasoning.engine.next_questions` results already computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from imos.reasoning.engine import Verdict
from imos.reasoning.questions import Question
from imos.reasoning.knowledge import KnowledgeBase
from imos.reasoning.wording import lower_first, strongest_first

CLOSED = ("excluded", "unlikely")
UNADDRESSED_HEAD = "Left open by the report's text"
UNADDRESSED_WHY = ("the paper names them only as a class or not at all, and what its text "
                   "reports leaves them merely possible (no finding reported speaks for them)")
SETTLERS_SHOWN = 4


def family_of(knowledge: KnowledgeBase) -> dict[str, str]:
    """Diagnosis id -> family, in the knowledge base's order."""
    frame = knowledge.diagnoses
    return dict(zip(frame["diagnosis_id"], frame["family"]))


def scope_of(knowledge: KnowledgeBase) -> dict[str, str]:
    """Diagnosis id -> 'paper' (the paper names it), 'paper_class' (the paper names only its
    class) or 'wider' (a mimic from the wider literature), as `diagnoses.csv` says."""
    frame = knowledge.diagnoses
    return dict(zip(frame["diagnosis_id"], frame["scope"]))


def group_ids(ids: Iterable[str], families: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """`ids` grouped by family, families in the order of `families` (the file's), each
    group keeping the order of `ids`; an id without a family goes last, under 'other'."""
    ids = list(ids)
    order = list(dict.fromkeys(families.values()))
    grouped: dict[str, list[str]] = {}
    for d in ids:
        grouped.setdefault(families.get(d, "other"), []).append(d)
    return sorted(grouped.items(),
                  key=lambda item: order.index(item[0]) if item[0] in order else len(order))


@dataclass(frozen=True)
class FamilyGroup:
    """One family's verdicts: the open ones (shown), the closed ones (folded)."""

    family: str
    open: tuple[Verdict, ...]
    closed: tuple[Verdict, ...]


def group_verdicts(verdicts: Sequence[Verdict], families: Mapping[str, str]) -> list[FamilyGroup]:
    """The verdicts by family; within one, open before closed, each strongest first."""
    by_id = {v.diagnosis_id: v for v in verdicts}
    groups = []
    for family, ids in group_ids(by_id, families):
        members = [by_id[d] for d in ids]
        groups.append(FamilyGroup(
            family, tuple(strongest_first(v for v in members if v.status not in CLOSED)),
            tuple(strongest_first(v for v in members if v.status in CLOSED))))
    return groups


def closed_words(closed: Sequence[Verdict]) -> str:
    """'excluded: Osteosarcoma, Lymphoma; unlikely: CRMO': one family's closed diagnoses."""
    parts = []
    for status in CLOSED:
        names = [v.label for v in closed if v.status == status]
        if names:
            parts.append(f"{status}: {', '.join(names)}")
    return "; ".join(parts)


def settling(questions: Iterable[Question]) -> dict[str, list[tuple[str, str, str]]]:
    """Diagnosis id -> [(finding id, value, status it would move to)], from the questions
    `next_questions` ranked (most useful finding first)."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for question in questions:
        for value, d, status in question.results:
            out.setdefault(d, []).append((question.finding_id, value, status))
    return out


def settled_by_words(results: Sequence[tuple[str, str, str]], labels: Mapping[str, str],
                     limit: int = SETTLERS_SHOWN) -> str:
    """'family history present (→ excluded); bilateral lesions absent (→ unlikely), …'."""
    shown = [f"{lower_first(labels.get(f, f))} {v} (→ {s})" for f, v, s in results[:limit]]
    more = len(results) - limit
    return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")


def unaddressed_head(ids: Sequence[str], diagnoses: Mapping[str, str]) -> str:
    """'Left open by the report's text: Ribbing disease, … — the paper does not name them …'."""
    if not ids:
        return ""
    return (f"{UNADDRESSED_HEAD}: " + ", ".join(diagnoses.get(d, d) for d in ids)
            + f" — {UNADDRESSED_WHY}.")


def settle_phrase(diagnosis_id: str, labels: Mapping[str, str],
                  settle: Mapping[str, Sequence[tuple[str, str, str]]]) -> str:
    """'would be settled by …', or 'no single finding would settle it'."""
    results = settle.get(diagnosis_id)
    return ("would be settled by " + settled_by_words(results, labels) if results
            else "no single finding would settle it")


def unaddressed_lines(ids: Sequence[str], diagnoses: Mapping[str, str],
                      labels: Mapping[str, str],
                      settle: Mapping[str, Sequence[tuple[str, str, str]]]) -> list[str]:
    """One line per unaddressed mimic: 'Ribbing disease: would be settled by …'."""
    return [f"{diagnoses.get(d, d)}: {settle_phrase(d, labels, settle)}" for d in ids]
