"""A verdict in words, the one place the exported files (PDF handout, slides) read it from.

The engine's verdicts will grow (a strength per rule, a `conflicting` status); the
handout PDF and the slide deck both go through `verdict_text`, so adapting them is one
edit here. Statuses, symbols and effect words come from `imos.differential`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from imos.differential import EFFECT_WORDS, STATUS_SYMBOLS, Reason, Verdict, conditions_text


@dataclass(frozen=True)
class VerdictText:
    label: str
    status: str          # the bare status, e.g. "excluded"
    status_words: str    # symbol and word, e.g. "✕ excluded"
    reasons: tuple[str, ...]


def status_words(status: str) -> str:
    """'✕ excluded': a status always with its symbol (colour is never alone)."""
    return f"{STATUS_SYMBOLS.get(status, '')} {status}".strip()


def reason_text(reason: Reason, finding_labels: Mapping[str, str], detail: bool = True) -> str:
    """'Nidus absent excludes: <rationale> (<source>)' and the caveat when there is one;
    without `detail` only 'Nidus absent excludes (<source>)', for a slide."""
    effect = EFFECT_WORDS.get(reason.effect, reason.effect.replace("_", " "))
    condition = conditions_text(reason, finding_labels).capitalize()
    if not detail:
        return f"{condition} {effect} ({reason.source})"
    text = f"{condition} {effect}: {reason.rationale} ({reason.source})"
    if reason.caveat:
        text += f" Caveat: {reason.caveat} ({reason.caveat_source})"
    return text


def verdict_text(verdict: Verdict, finding_labels: Mapping[str, str]) -> VerdictText:
    return VerdictText(verdict.label, verdict.status, status_words(verdict.status),
                       tuple(reason_text(r, finding_labels) for r in verdict.reasons))


def reasons_revealed(replayed, diagnosis_id: str) -> tuple[Reason, ...]:
    """The rules behind a verdict that rest on a finding this step revealed: why it moved."""
    return tuple(r for r in replayed.verdict(diagnosis_id).reasons
                 if any(f in replayed.revealed for f, _ in r.conditions))
