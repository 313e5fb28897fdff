"""A verdict in words, the one place the exported files (PDF handout, slides) read it from.

Each rule is shown with its strength (hallmark, exclusion, strong, weak, neutral) and why
it has that strength; a diagnosis of exclusion names the alternatives still open before
it. The handout PDF and the slide deck both go through `verdict_text`, so a change of the
engine's verdicts is one edit here. Statuses, symbols and words come from
`imos.reasoning.engine`, never a list of its own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from imos.reasoning.engine import Reason, Verdict
from imos.reasoning.families import unaddressed_head, unaddressed_lines
from imos.reasoning.wording import (
    EFFECT_WORDS, STATUS_SYMBOLS, conditions_text, strength_note, upper_first,
)


@dataclass(frozen=True)
class VerdictText:
    label: str
    status: str          # the bare status, e.g. "excluded"
    status_words: str    # symbol and word, e.g. "✕ excluded"
    reasons: tuple[str, ...]
    pending: str = ""    # a diagnosis of exclusion: what still stands before it
    # a diagnosis of exclusion: the wider mimics left unaddressed, then one line each
    unaddressed: tuple[str, ...] = ()


def status_words(status: str) -> str:
    """'✕ excluded': a status always with its symbol (colour is never alone)."""
    return f"{STATUS_SYMBOLS.get(status, '')} {status}".strip()


def reason_text(reason: Reason, finding_labels: Mapping[str, str], detail: bool = True) -> str:
    """'[strong] Nidus absent argues strongly against it: <rationale> Why strong: <note>
    (<source>)' and the caveat when there is one; without `detail` only
    '[strong] Nidus absent argues strongly against it (<source>)', for a slide."""
    effect = EFFECT_WORDS.get(reason.effect, reason.effect.replace("_", " "))
    head = f"[{reason.strength}] {upper_first(conditions_text(reason, finding_labels))} {effect} it"
    if not detail:
        return f"{head} ({reason.source})"
    text = f"{head}: {_sentence(reason.rationale)}"
    if reason.strength_note:
        text += f" Why {reason.strength}: {_sentence(strength_note(reason))}"
    text += f" ({reason.source})"
    if reason.caveat:
        text += f" Caveat: {_sentence(reason.caveat)} ({reason.caveat_source})"
    return text


def reason_brief(reason: Reason) -> str:
    """'<rationale> (weak: <why weak>; <source>)': a reason in one line, as the walk-through
    gives it under 'What this stage changed'."""
    return f"{reason.rationale} ({reason.strength}: {strength_note(reason)}; {reason.source})"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", ")")) else f"{text}."


def verdict_text(verdict: Verdict, finding_labels: Mapping[str, str],
                 diagnosis_labels: Mapping[str, str] | None = None,
                 settle: Mapping[str, Sequence[tuple[str, str, str]]] | None = None
                 ) -> VerdictText:
    """`settle` (`imos.reasoning.families.settling`): what would settle each unaddressed mimic; without
    it the mimics are named only."""
    names = diagnosis_labels or {}
    pending = ""
    if verdict.standing:
        pending = ("A diagnosis of exclusion; still open before it: "
                   + ", ".join(names.get(d, d) for d in verdict.standing) + ".")
    unaddressed = ()
    if verdict.unaddressed:
        unaddressed = (unaddressed_head(verdict.unaddressed, names),) + (tuple(
            line + "." for line in unaddressed_lines(verdict.unaddressed, names,
                                                     finding_labels, settle))
            if settle is not None else ())
    return VerdictText(verdict.label, verdict.status, status_words(verdict.status),
                       tuple(reason_text(r, finding_labels) for r in verdict.reasons), pending,
                       unaddressed)


def reasons_revealed(replayed, diagnosis_id: str) -> tuple[Reason, ...]:
    """The rules behind a verdict that rest on a finding this step revealed: why it moved."""
    return tuple(r for r in replayed.verdict(diagnosis_id).reasons
                 if any(f in replayed.revealed for f, _ in r.conditions))
