"""Pieces of the walk-through page: what a stage reveals, the answer, and the score."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.differential_view import status_badge
from imos.text import escape_markdown
from imos.verdict_text import reasons_revealed
from imos.walkthrough import GuessScore, WalkStep
from imos.wording import STRONGEST_FIRST



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
            why = "; ".join(f"{r.rationale} ({r.strength}: {r.strength_note}; {r.source})"
                            for r in reasons[:2])
            st.markdown(f"- {escape_markdown(diagnoses[d])}: {old} → **{new}**. "
                        f"{escape_markdown(why)}")
    else:
        st.markdown("Nothing changed at this stage.")
    for judgement in step.judgements:
        named = ", ".join(diagnoses.get(d, d) for d in judgement.diagnosis_ids)
        st.markdown(f"¶ **The paper** on {escape_markdown(named)}: "
                    f"{escape_markdown(judgement.wording)} *({escape_markdown(judgement.source)})*")
        still_open = [d for d in judgement.diagnosis_ids if judgement.kind == "excluded"
                      and replayed.verdict(d).status != "excluded"]
        if still_open:
            st.markdown("↳ *Teaching point:* the engine keeps " + escape_markdown(", ".join(
                f"{diagnoses[d]} {replayed.verdict(d).status}" for d in still_open))
                + ": the evidence so far is graded as not decisive (see each diagnosis's "
                "rules in the explorer); the biopsy is what settles a tumour.")


def score_line(score: GuessScore, diagnoses: dict[str, str]) -> str:
    """The score in words: where the room differs from the engine, and from the paper."""
    def names(ids) -> str:
        return escape_markdown(", ".join(diagnoses[d] for d in ids))

    lines = [f"**Agreement with the engine: {score.agreed} of {score.total}.**"
             + (" Every choice is one the engine accepts." if score.agreed == score.total else "")]
    if score.kept_but_excluded:
        lines.append(f"- ✕ Kept although a reliable finding excludes it: "
                     f"{names(score.kept_but_excluded)}.")
    if score.dropped_but_open:
        lines.append(f"- ? Dropped although nothing reported so far closes it: "
                     f"{names(score.dropped_but_open)}.")
    if score.judgement_calls:
        lines.append(f"- ↓ Unlikely, so keeping or dropping is a fair call: "
                     f"{names(score.judgement_calls)}.")
    if score.kept_but_paper_closed:
        lines.append(f"- ¶ Kept although the paper set it aside by now, on evidence the engine "
                     f"grades as not decisive (not counted wrong): "
                     f"{names(score.kept_but_paper_closed)}.")
    return "\n".join(lines)
