"""The criteria page's pieces: the diagnosis chooser, the note on where each diagnosis comes
from, the strength scale, and the rules and key arguments in words."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

import pandas as pd

from components.shell.tables import FramedColumn, framed_table
from imos.reasoning.families import group_ids
from imos.reasoning.knowledge import parse_conditions
from imos.reasoning.wording import conditions_phrase
from imos.text import escape_markdown


def diagnosis_chooser(container, diagnoses: Mapping[str, str], families: Mapping[str, str]
                      ) -> list[str]:
    """Families as pills (all chosen at first), then, optionally, single diagnoses of
    those families; returns the chosen diagnoses grouped by family."""
    grouped = group_ids(diagnoses, families)
    picked = container.pills(
        "Families", [family for family, _ in grouped], default=[f for f, _ in grouped],
        format_func=str.capitalize, selection_mode="multi", key="criteria_families",
        wrap=True) or []
    offered = [d for family, ids in grouped if family in picked for d in ids]
    only = container.multiselect(
        "Only these diagnoses (leave empty for every diagnosis of the chosen families)",
        offered, format_func=lambda d: f"{diagnoses[d]} ({families.get(d, 'other')})",
        key="criteria_diagnoses")
    return [d for d in offered if d in only] if only else offered


def scope_note(diagnoses: Mapping[str, str], scopes: Mapping[str, str]) -> str:
    """Markdown: which diagnoses the paper names, which only as a class, which come from the
    wider literature (names escaped)."""
    def names(scope: str) -> list[str]:
        return [escape_markdown(diagnoses[d]) for d, s in scopes.items() if s == scope]

    named, classed, wider = names("paper"), names("paper_class"), names("wider")
    text = (f"**Where each diagnosis comes from.** The paper's own differential names "
            f"{len(named)} of these {len(scopes)} diagnoses by name")
    if classed:
        text += f", and {', '.join(classed)} only as a class (bone dysplasia)"
    text += (f". The other {len(wider)} are mimics from the wider literature that a journal "
             f"club raises ({', '.join(wider)}); their rules cite sources outside the paper. "
             if wider else ". ")
    return text + (
        "A diagnosis the paper does not name by name holds IMOS back only when the findings "
        "speak for it; left merely possible, it is named as *left open by the report's text*. "
        "The column *raised by* below says which is which.")


# The examples the scale names, as (finding, value, the rule's strength): a test checks
# each against the knowledge base, so the teaching text says what the engine does.
SCALE_EXAMPLES = {
    "hallmark": (("histology_lymphoid_malignant", "present", "lymphoma"),
                 ("culture_positive", "present", "chronic_osteomyelitis"),
                 ("nidus", "present", "osteoid_osteoma")),
    "exclusion": (("nidus", "absent", "osteoid_osteoma"),),
    "strong": (("malignant_cells", "present", "lymphoma"),
               ("fracture_line", "present", "stress_fracture")),
}
STRENGTH_SCALE = (
    "- **Hallmark**: confirms the diagnosis on its own (tumour cells of a named type, such "
    "as malignant lymphoid cells; an organism grown; a nidus).\n"
    "- **Exclusion**: closes it, used only where the literature accepts the finding as "
    "reliable on its own (no nidus on CT; a benign biopsy that explains a quiet lesion). "
    "Each exclusion names its context: a benign biopsy beside a known cancer or a cortical "
    "breach only argues weakly against (the sample may have missed the tumour), and no "
    "nidus on CT beside NSAID-relieved pain asks for a further search. An exclusion beside "
    "a hallmark or a strong "
    "argument for the same diagnosis is shown as **conflicting**.\n"
    "- **Strong** and **weak** arguments lean for or against: two weak ones weigh as much as "
    "a strong one, and findings nested in one another (a solid periosteal reaction is a "
    "periosteal reaction) count once. Tumour cells of unknown type and a fracture line are "
    "strong, not hallmarks. A hedged sentence in the literature (\"usually\", \"often\", "
    "\"further analysis is necessary\") is never more than weak or strong.\n"
    "- **Supported** needs a hallmark, or a strong argument for it that no rival still "
    "standing shares, and its lesion known to be present (a diagnosis confirmed by its own "
    "hallmark leaves the others leaning at most). Arguments that only outweigh (weak ones, "
    "or strong ones a rival shares) give **possible, leaning for**. **Unlikely**: the "
    "arguments against outweigh those for by a strong one (weak ones can add up to it).\n"
    "- **Neutral**: often raised, but says little about that diagnosis.\n"
    "- A hallmark beside an exclusion or a strong argument against is shown as "
    "**conflicting**, never silently overridden.\n"
    "- IMOS, a diagnosis of exclusion, is **supported** only when its lesion is present, "
    "every alternative the paper names is excluded or unlikely (a malignant tumour and "
    "osteoid osteoma must be excluded: the biopsy and the CT search for a nidus), and no "
    "mimic the paper does not name speaks for itself (supported, conflicting, or a strong "
    "argument for it that outweighs what is against it). Mimics the paper does not name "
    "that the findings leave merely possible do not hold it back: they are named beside "
    "its verdict as left open. Supported means: against the diagnoses listed here, not "
    "against every disease."
)
KEY_EFFECTS = ("hallmark", "excludes", "strong_for", "strong_against")


def conditions_words(conditions: str, labels: dict[str, str]) -> str:
    """'nidus=absent; fracture_line=present' -> 'Nidus absent and fracture line present'."""
    words = conditions_phrase(parse_conditions(conditions), labels)
    return words[:1].upper() + words[1:]


SCOPE_WORDS = {"paper": "the paper", "paper_class": "the paper, as a class",
               "wider": "wider literature"}


def key_arguments(rules: pd.DataFrame, diagnoses: dict[str, str], labels: dict[str, str],
                  families: dict[str, str] | None = None,
                  scopes: dict[str, str] | None = None) -> list[dict[str, str]]:
    """One row per diagnosis: its hallmarks, exclusions and strong arguments, in words.

    With `families` the rows come grouped by family (the family named at its first row);
    with `scopes` each row says who raises the diagnosis (the paper, or the wider
    literature)."""
    by_diagnosis = dict(list(rules.groupby("diagnosis_id", sort=False)))
    rows = []
    for family, ids in group_ids(by_diagnosis, families or {}):
        for index, diagnosis_id in enumerate(ids):
            row = {"family": family.capitalize() if index == 0 else ""} if families else {}
            row["diagnosis"] = diagnoses[diagnosis_id]
            if scopes:
                row["raised by"] = SCOPE_WORDS[scopes[diagnosis_id]]
            group = by_diagnosis[diagnosis_id]
            for effect, title in zip(KEY_EFFECTS, ("hallmark", "excluded by", "strongly for",
                                                   "strongly against")):
                chosen = group[group["effect"] == effect]
                row[title] = "; ".join(conditions_words(c, labels)
                                       for c in chosen["conditions"]) or "—"
            rows.append(row)
    return rows


KEY_ARGUMENT_COLUMNS = {  # shares of a wide frame (add up to 100) and rem in a narrow one
    "family": FramedColumn(11, 7), "diagnosis": FramedColumn(13, 8),
    "raised by": FramedColumn(8, 6), "hallmark": FramedColumn(14, 9),
    "excluded by": FramedColumn(16, 11), "strongly for": FramedColumn(16, 11),
    "strongly against": FramedColumn(22, 14),
}


def key_arguments_table(rows: list[dict[str, str]]) -> None:
    """`key_arguments` as a table whose cells wrap whole, in a frame a keyboard reaches; on
    a phone it scrolls sideways in that frame with the diagnosis pinned (a markdown table
    ran off the screen there and took the page sideways with it)."""
    if rows:
        framed_table(pd.DataFrame(rows), "What tells each diagnosis apart",
                     KEY_ARGUMENT_COLUMNS, height=None, row_header="diagnosis")
