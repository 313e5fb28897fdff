"""The words the app shows, part two: how the engine's statuses, rules and conditions read
wherever they are shown (pages, charts, handouts, slides): display words and symbols, kept
out of the engine (pure). Its pair is `imos.text` (data text shown safely); the exported
files assemble whole verdicts from these words in `imos.files.verdict_text`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from imos.reasoning.engine import STATUSES, Reason
from imos.reasoning.knowledge import STRENGTHS

STRONGEST_FIRST = ("conflicting", "supported", "possible", "unlikely", "excluded")
STATUS_SYMBOLS = {"excluded": "✕", "unlikely": "↓", "possible": "?", "supported": "✓",
                  "conflicting": "⚠"}
EFFECT_WORDS = {"hallmark": "is a hallmark of", "strong_for": "argues strongly for",
                "weak_for": "argues weakly for", "neutral": "says little about",
                "weak_against": "argues weakly against",
                "strong_against": "argues strongly against", "excludes": "excludes"}
STRENGTH_WORDS = STRENGTHS


def status_key() -> str:
    """'✕ excluded · ↓ unlikely · …': the legend of every status symbol."""
    return " · ".join(f"{STATUS_SYMBOLS[s]} {s}" for s in STATUSES)


def strongest_first(verdicts):
    """Verdicts (anything with a `.status`) in the order statuses are shown: conflicting and
    supported first, excluded last; a status outside STRONGEST_FIRST goes after them all."""
    order = {s: i for i, s in enumerate(STRONGEST_FIRST)}
    return sorted(verdicts, key=lambda v: order.get(v.status, len(order)))


def lower_first(label: str) -> str:
    """A label inside a sentence: its first letter lower-cased unless it starts an
    acronym, so 'Pain relieved by NSAIDs' reads 'pain relieved by NSAIDs' and 'MRI …'
    stays 'MRI …'."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def upper_first(text: str) -> str:
    """Text opening a sentence: its first letter upper-cased, the rest as written
    (unlike `str.capitalize`, which would lower-case 'NSAIDs')."""
    return text[:1].upper() + text[1:]


def strength_note(reason: Reason) -> str:
    """Why a rule has its strength, as shown after 'Why weak:' or '(weak: …)': the note
    without a leading repeat of the strength word ('Weak: one series' reads 'One series'),
    so no text says 'weak: Weak:'."""
    note = reason.strength_note.strip()
    word = reason.strength
    if note[:len(word)].lower() == word.lower() and note[len(word):len(word) + 1] in (":", ","):
        note = note[len(word) + 1:].strip()
    return upper_first(note)


def conditions_text(reason: Reason, labels: Mapping[str, str]) -> str:
    """'nidus absent and soft-tissue mass absent': a rule's conditions in words."""
    return conditions_phrase(reason.conditions, labels)


def conditions_phrase(conditions: Iterable[tuple[str, str]], labels: Mapping[str, str]) -> str:
    """`conditions_text` for bare (finding, value) pairs, such as a rules table's."""
    return " and ".join(f"{lower_first(labels.get(f, f))} {v}" for f, v in conditions)


def change_text(before: Mapping[str, str], after: Mapping[str, str],
                labels: Mapping[str, str], listed: int = 3) -> str:
    """'nidus: unknown → present': the findings a change set, in words; a change of more
    than `listed` findings (a preset, a reset) is only counted."""
    changed = [f for f, v in after.items() if before.get(f, "unknown") != v]
    if len(changed) > listed:
        return f"{len(changed)} findings changed at once"
    return "; ".join(f"{lower_first(labels.get(f, f))}: {before.get(f, 'unknown')} → {after[f]}"
                     for f in changed)
