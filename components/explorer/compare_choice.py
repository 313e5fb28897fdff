"""Choosing two or three of many diagnoses to compare, each labelled by its family."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.reasoning.families import group_ids

SLOTS = ("First diagnosis", "Second diagnosis", "Third (optional)")


def compare_choice(diagnoses: Mapping[str, str], families: Mapping[str, str], key: str
                   ) -> list[str]:
    """Three searchable boxes side by side (stacked on a phone), the options grouped by
    family and labelled with it; the third may stay empty. Returns the distinct choices.

    Boxes, not pills (a long pill per diagnosis fills a screen) nor a multiselect (its
    white-on-primary tags are unreadable on the dark theme).
    """
    options = [d for _, ids in group_ids(diagnoses, families) for d in ids]

    def label(d: str) -> str:
        return f"{diagnoses[d]} ({families.get(d, 'other')})"

    chosen = []
    for index, (column, slot) in enumerate(zip(st.columns(len(SLOTS)), SLOTS)):
        chosen.append(column.selectbox(
            slot, options, index=index if index < 2 and index < len(options) else None,
            format_func=label, placeholder="none", key=f"{key}_{index + 1}"))
    return list(dict.fromkeys(d for d in chosen if d is not None))
