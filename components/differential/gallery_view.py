"""Pieces of the look-alikes gallery: one case card (its report, what told the two
diagnoses apart in it, and the rules that carry each finding) and the two columns."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.reasoning.wording import EFFECT_WORDS, conditions_phrase, upper_first
from imos.teaching.gallery import Column, GalleryCase, Separator
from imos.text import escape_markdown


def separator_lines(separators: tuple[Separator, ...], labels: Mapping[str, str],
                    diagnoses: Mapping[str, str]) -> list[str]:
    """Markdown lines: the finding, the report's words, whom it favours and by which rules."""
    lines = []
    for s in separators:
        mark = {"present": "✚", "absent": "−"}[s.value]
        rules = "; ".join(
            f"{escape_markdown(upper_first(conditions_phrase(r.conditions, labels)))} "
            f"{EFFECT_WORDS[r.effect]} {escape_markdown(diagnoses.get(r.diagnosis_id, r.diagnosis_id))}"
            f" *({escape_markdown(r.source)})*" for r in s.rules)
        passage = f" — *“{escape_markdown(s.passage)}”*" if s.passage else ""
        lines.append(f"- {mark} **{escape_markdown(labels.get(s.finding_id, s.finding_id))} "
                     f"{s.value}**{passage} → favours **{escape_markdown(diagnoses[s.favours])}**."
                     f"\n  - Rules: {rules}.")
    return lines


def case_card(case: GalleryCase, separators: tuple[Separator, ...], labels: Mapping[str, str],
              diagnoses: Mapping[str, str]) -> None:
    """One case: its name and report, the findings that told the two apart, two links."""
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(case.name)}** · {len(case.findings)} findings coded")
        st.caption(escape_markdown(case.reference))
        strong = tuple(s for s in separators if s.strong)
        weak = [s for s in separators if not s.strong]
        if strong:
            st.markdown("**What told them apart in this report**\n\n"
                        + "\n".join(separator_lines(strong, labels, diagnoses)))
        if weak:
            st.markdown(("**Weaker differences:** " if strong else "**Only weak differences:** ")
                        + escape_markdown("; ".join(
                            f"{labels.get(s.finding_id, s.finding_id)} {s.value} "
                            f"(for {diagnoses[s.favours]})" for s in weak)) + ".")
            with st.expander("Their rules"):
                st.markdown("\n".join(separator_lines(tuple(weak), labels, diagnoses)))
        if not separators:
            st.markdown("*Nothing coded from this report acts differently on the two "
                        "diagnoses.*")
        if case.library:
            st.markdown(f"[Practise it as an unknown](practice?case={case.case_id}&step=1) · "
                        f"[Load it in the explorer](explorer?lit={case.case_id}) · "
                        f"[Read the report]({case.link})")
        else:
            st.markdown(f"[Walk through it]({case.link})")


def columns(pair: tuple[Column, Column], labels: Mapping[str, str],
            diagnoses: Mapping[str, str]) -> None:
    """The two diagnoses side by side (stacked on a phone)."""
    for place, column in zip(st.columns(2), pair):
        with place:
            st.subheader(f"{escape_markdown(diagnoses[column.diagnosis_id])} "
                         f"({len(column.cases)})")
            if not column.cases:
                st.markdown("*No published case of it in the library yet.*")
            for case, found in column.cases:
                case_card(case, found, labels, diagnoses)
