"""Pieces of the walk-through page: what a stage reveals, the answer, and the score."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.differential.differential_panel import status_badge
from imos.reasoning.families import closed_words, group_ids, group_verdicts
from imos.text import escape_markdown
from imos.files.verdict_text import reason_brief, reasons_revealed
from imos.teaching.walkthrough import GuessScore, WalkStep, score_lines



def revealed_findings(step: WalkStep, case_findings: pd.DataFrame, labels: dict[str, str],
                      compact: bool = False) -> None:
    """The findings this stage reveals for the case, with the paper's wording and source;
    `compact` (a slide): one short line each, the wording and sources folded below."""
    rows = case_findings.set_index("finding_id")
    reported = [f for f, v in step.replayed.revealed.items() if v != "unknown"]
    if not reported:
        st.markdown("**Nothing reported at this stage for this case.** The paper describes no "
                    "such examination here, so nothing changes; move on when ready.")
    marks = {"present": "✚ present", "absent": "− absent"}
    silent = [labels[f] for f, v in step.replayed.revealed.items() if v == "unknown"]
    if compact and reported:  # a line per finding present, the absent ones on one line
        present = [f for f in reported if step.replayed.revealed[f] == "present"]
        absent = [f for f in reported if step.replayed.revealed[f] == "absent"]
        st.markdown("\n".join(
            [f"- ✚ **{escape_markdown(labels[f])}** present" for f in present]
            + ([f"- − **absent**: " + ", ".join(escape_markdown(labels[f]) for f in absent)]
               if absent else [])))
        with st.expander("The paper's words and sources"):
            _finding_lines(step, reported, rows, labels, marks)
            if silent:
                st.caption("Not reported for this case: " + escape_markdown(", ".join(silent))
                           + ".")
        return
    _finding_lines(step, reported, rows, labels, marks)
    if silent and reported:
        st.caption("Not reported for this case: " + escape_markdown(", ".join(silent)) + ".")


def _finding_lines(step, reported, rows, labels, marks) -> None:
    for finding_id in reported:
        row = rows.loc[finding_id]
        mark = marks[step.replayed.revealed[finding_id]]
        st.markdown(f"- **{escape_markdown(labels[finding_id])}**: {mark} — "
                    f"{escape_markdown(row['wording'])} *({escape_markdown(row['source'])})*")


def verdicts_by_family(verdicts, families: dict[str, str]) -> None:
    """The open diagnoses by family, each with its badge; the closed ones folded into one
    expander, a line per family."""
    groups = group_verdicts(verdicts, families)
    for group in groups:
        if group.open:
            st.markdown(f"**{escape_markdown(group.family.capitalize())}**: " + " · ".join(
                f"{status_badge(v.status)} {escape_markdown(v.label)}" for v in group.open))
    closed = [g for g in groups if g.closed]
    if closed:
        count = sum(len(g.closed) for g in closed)
        with st.expander(f"Set aside: {count} diagnoses (excluded or unlikely)"):
            for group in closed:
                st.markdown(f"- **{escape_markdown(group.family.capitalize())}**: "
                            + escape_markdown(closed_words(group.closed)))


def answer(step: WalkStep, diagnoses: dict[str, str], findings: dict[str, str],
           families: dict[str, str] | None = None, later: Sequence[WalkStep] = ()) -> None:
    """The engine's verdicts after the stage, what moved and why, and the paper's words."""
    verdicts_by_family(step.replayed.verdicts, families or {})
    stage_changes(step, diagnoses)
    paper_on_stage(step, diagnoses, later)


def stage_changes(step: WalkStep, diagnoses: dict[str, str], compact: bool = False) -> None:
    """What the stage moved, with the first two reasons of each; `compact` (a slide): the
    moves on one line each, the reasons folded below."""
    replayed = step.replayed
    if not replayed.changed:
        st.markdown("Nothing changed at this stage.")
        return
    st.markdown("**What this stage changed**")
    lines = []
    for d, (old, new) in replayed.changed.items():
        why = "; ".join(reason_brief(r) for r in reasons_revealed(replayed, d)[:2])
        lines.append((f"- {escape_markdown(diagnoses[d])}: {old} → **{new}**", escape_markdown(why)))
    if compact:  # grouped by where they moved: a line per new status
        moved_to: dict[str, list[str]] = {}
        for d, (_, new) in replayed.changed.items():
            moved_to.setdefault(new, []).append(diagnoses[d])
        st.markdown("\n".join(f"- → **{new}**: {escape_markdown(', '.join(names))}"
                              for new, names in moved_to.items()))
        with st.expander("Why: the rules and their sources"):
            st.markdown("\n".join(f"{move}. {why}" for move, why in lines))
        return
    for move, why in lines:
        st.markdown(f"{move}. {why}")


def paper_on_stage(step: WalkStep, diagnoses: dict[str, str],
                   later: Sequence[WalkStep] = (), compact: bool = False) -> None:
    """The paper's own judgements at this stage, and where the engine parts from them;
    `compact` (a slide): what the paper decides here on one line, its words folded."""
    if compact and step.judgements:
        by_kind: dict[str, list[str]] = {}
        for judgement in step.judgements:
            by_kind.setdefault(judgement.kind, []).extend(
                d for d in judgement.diagnosis_ids if d not in by_kind.get(judgement.kind, []))
        st.markdown("¶ **The paper** at this stage: " + "; ".join(
            f"{PAPER_KINDS.get(kind, kind)} " + escape_markdown(", ".join(
                diagnoses.get(d, d) for d in ids)) for kind, ids in by_kind.items()) + ".")
        with st.expander("The paper's words and the engine's view"):
            paper_on_stage(step, diagnoses, later)
        return
    replayed = step.replayed
    for judgement in step.judgements:
        named = ", ".join(diagnoses.get(d, d) for d in judgement.diagnosis_ids)
        st.markdown(f"¶ **The paper** on {escape_markdown(named)}: "
                    f"{escape_markdown(judgement.wording)} *({escape_markdown(judgement.source)})*")
        still_open = [d for d in judgement.diagnosis_ids if judgement.kind == "excluded"
                      and replayed.verdict(d).status != "excluded"]
        if still_open:
            st.markdown("↳ *Teaching point:* " + escape_markdown(
                teaching_point(still_open, replayed, later, diagnoses)))


def teaching_point(still_open, replayed, later, diagnoses: dict[str, str]) -> str:
    """Why the engine has not closed what the paper set aside, and where in this very case
    a later stage closes it (or that none does): read from the replay, said of each."""
    parts = []
    for d in still_open:
        closing = next((s for s in later if s.replayed.verdict(d).status in ("excluded",
                                                                              "unlikely")
                        and d in s.replayed.changed), None)
        where = (f"this case makes it {closing.replayed.verdict(d).status} at stage "
                 f"{closing.number}, {closing.label.lower()}" if closing
                 else "no later finding of this case closes it")
        parts.append(f"{diagnoses[d]} {replayed.verdict(d).status} ({where})")
    return ("the engine keeps " + "; ".join(parts) + ": the evidence so far is graded as not "
            "decisive (see each diagnosis's rules in the explorer).")


def score_line(score: GuessScore, diagnoses: dict[str, str], room: bool = False) -> str:
    """The score in words (markdown): the headline in bold, then a line per kind of choice;
    the same names as the stage's row in the score table (`score_row`). `room`: the list
    scored is the room's (what more than half of its votes kept)."""
    head, *rest = score_lines(score, diagnoses)
    if room:
        head = "The room's list (what more than half of the votes kept). " + head
    return "\n".join([f"**{escape_markdown(head)}**"]
                     + [f"- {escape_markdown(line)}" for line in rest])


COLUMNS = 3
PAPER_KINDS = {"excluded": "sets aside", "diagnosed": "diagnoses"}


def kept_line(kept: list[str], diagnoses: dict[str, str], families: dict[str, str]) -> str:
    """'**Kept:** Malignant tumour: Osteosarcoma, …; Trauma: …' (markdown, escaped)."""
    groups = group_ids(kept, families)
    return "**Kept:** " + (escape_markdown("; ".join(
        f"{family.capitalize()}: {', '.join(diagnoses[d] for d in ids)}"
        for family, ids in groups)) or "none")


def keep_checklist(label: str, key: str, diagnoses: dict[str, str], families: dict[str, str],
                   kept: list[str], closed_before: set[str], columns: int = COLUMNS) -> list[str]:
    """'Which would you keep?': a row of pills per family (families in the knowledge base's
    order); the diagnoses the earlier stages closed are folded into one expander, again
    by family.

    Each row is a widget of its own (key `<key>_f<n>` for a family's open diagnoses,
    `<key>_c<n>` for its closed ones), first set from `kept` (the list carried from the
    stage before); the answer is their union, in the knowledge base's order.
    """
    st.markdown(f"**{label}**")
    groups = list(enumerate(group_ids(diagnoses, families)))
    chosen: list[str] = []

    def family_rows(prefix: str, rows: list[tuple[int, str, list[str]]]) -> None:
        """The families' pills three to a line on a wide screen (stacked on a phone)."""
        places = st.columns(columns)
        for place, (index, family, ids) in enumerate(rows):
            widget = f"{key}_{prefix}{index}"
            if widget not in st.session_state:
                st.session_state[widget] = [d for d in ids if d in kept]
            chosen.extend(places[place % columns].pills(
                family.capitalize(), ids, format_func=diagnoses.get, selection_mode="multi",
                key=widget, wrap=True))

    family_rows("f", [(i, family, shown) for i, (family, ids) in groups
                      if (shown := [d for d in ids if d not in closed_before])])
    closed = [d for d in diagnoses if d in closed_before]
    if closed:
        still = sum(1 for d in closed if d in kept)
        with st.expander(f"Set aside by the earlier stages (excluded or unlikely): {len(closed)}"
                         + (f", {still} of them still kept" if still else "")):
            family_rows("c", [(i, family, folded) for i, (family, ids) in groups
                              if (folded := [d for d in ids if d in closed_before])])
    return [d for d in diagnoses if d in chosen]  # in the knowledge base's order
