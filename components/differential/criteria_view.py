"""The criteria page's diagnosis chooser and its note on where each diagnosis comes from."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.reasoning.families import group_ids
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
