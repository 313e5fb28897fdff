"""Choosing two or three of many diagnoses to compare, one family at a time."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.families import group_ids


def compare_choice(diagnoses: Mapping[str, str], families: Mapping[str, str], key: str
                   ) -> list[str]:
    """Pills grouped by family (a family's name before each of its diagnoses, the pills in
    the knowledge base's family order), so that seventeen diagnoses read as nine groups.

    Pills, not a multiselect, whose white-on-primary tags are unreadable on dark.
    """
    options = [d for _, ids in group_ids(diagnoses, families) for d in ids]
    return st.pills(
        "Two or three diagnoses (grouped by family)", options, default=options[:2],
        format_func=lambda d: f"{families.get(d, 'other').capitalize()} · {diagnoses[d]}",
        selection_mode="multi", key=key,
    )
