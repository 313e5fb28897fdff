"""Pieces of the walk-through page: what a stage reveals, the answer, and the score."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.differential_view import status_badge
from imos.differential import STRONGEST_FIRST
from imos.text import escape_markdown
from imos.verdict_text import reasons_revealed
from imos.walkthrough import GuessScore, WalkStep



def revealed_findings(step: WalkStep, case_findings: pd.DataFrame, labels: dict[str, str]) -> None:
    """The findings this stage reveals for the case, with the paper's wording and source."""
    rows = case_findings.set_index("finding_id")
    reported = [f for f, v in step.replayed.revealed.items() if v != "unknown"]
    if not reported:
        st.markdown("**Nothing reported at this stage for this case.** The paper describes no "
                    "such examination here, so nothing changes; move on when ready.")
    for finding_id in reported:
        row = rows.loc[finding_id]
        mark = {"present": "✚ present", "absent": "− absent"}[step.replayed.revealed[finding_id]]
        st.markdown(f"- **{escape_markdown(labels[finding_id])}**: {mark} — "
                    f"{escape_markdown(row['wording'])} *({escape_markdown(row['source'])})*")
    silent = [labels[f] for f, v in step.replayed.revealed.items() if v == "unknown"]
    if silent and reported:
        st.caption("Not reported for this case: " + escape_markdown(", ".join(silent)) + ".")


def answer(step: WalkStep, diagnoses: dict[str, str], findings: dict[str, str]) -> None:
    """The engine's verdicts after the stage, what moved and why, and the paper's words."""
    replayed = step.replayed
    by_status = {s: [v for v in replayed.verdicts if v.status == s] for s in STRONGEST_FIRST}
    for status, verdicts in by_status.items():
        if verdicts:
            st.markdown(f"{status_badge(status)} " + escape_markdown(
                ", ".join(v.label for v in verdicts)))
    if replayed.changed:
        st.markdown("**What this stage changed**")
        for d, (old, new) in replayed.changed.items():
            reasons = reasons_revealed(replayed, d)
            why = "; ".join(f"{r.rationale} ({r.source})" for r in reasons[:2])
            st.markdown(f"- {escape_markdown(diagnoses[d])}: {old} → **{new}**. "
                        f"{escape_markdown(why)}")
    else:
        st.markdown("Nothing changed at this stage.")
    for judgement in step.judgements:
        named = ", ".join(diagnoses.get(d, d) for d in judgement.diagnosis_ids)
        st.markdown(f"¶ **The paper** on {escape_markdown(named)}: "
                    f"{escape_markdown(judgement.wording)} *({escape_markdown(judgement.source)})*")


def score_line(score: GuessScore, diagnoses: dict[str, str]) -> str:
    text = f"**Agreement with the engine: {score.agreed} of {score.total}.**"
    if score.kept_but_excluded:
        text += " Kept although excluded: " + escape_markdown(
            ", ".join(diagnoses[d] for d in score.kept_but_excluded)) + "."
    if score.dropped_but_open:
        text += " Dropped although still open: " + escape_markdown(
            ", ".join(diagnoses[d] for d in score.dropped_but_open)) + "."
    if score.agreed == score.total:
        text += " Exactly the engine's list."
    return text
