"""Pieces of the practice page: a library case's stage as an unknown (its coded findings
with their passages), the reveal, the citation to read, and a run's summary.

The run lives in this session only, under the page's prefix `px_` (`components.shell.
session_keys`): `px_guesses` {(case, stage): kept ids}, `px_outcomes` the cases finished in
this run, `px_history` every case finished in this session ('the mimic I keep missing'),
`px_run` the case ids of the current run, `px_how` how the next case is picked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from components.differential.differential_panel import status_badge
from components.differential.library_access import short_name
from imos.dataset.literature import LiteratureCase
from imos.teaching.practice import (
    LIMITS,
    FamilyConfusion,
    Outcome,
    Reveal,
    citation_link,
    stage_findings,
)
from imos.teaching.walkthrough import WalkStep
from components.shell.presentation import presentation_table
from imos.text import escape_markdown

GUESSES, OUTCOMES, HISTORY, RUN, HOW = "px_guesses", "px_outcomes", "px_history", "px_run", "px_how"


def limits_note() -> None:
    """The honest limits of the library, on every screen of the page."""
    st.info(LIMITS, icon=":material/menu_book:")


def patient_line(case: LiteratureCase) -> str:
    """What the unknown case says of the patient before anything is revealed."""
    who = {"F": "woman", "M": "man"}.get(case.sex or "", "patient")
    age = f"{case.age}-year-old " if case.age is not None else ""
    article = "an" if age[:1] == "8" or age[:2] in ("11", "18") else "a"
    return f"{article} {age}{who}" if age else f"a {who}"


def stage_view(step: WalkStep, case: LiteratureCase, labels: Mapping[str, str]) -> None:
    """The findings coded at this stage, each with the passage of the report it rests on."""
    for finding_id, value, passage in stage_findings(step, case.passages):
        mark = {"present": "✚ present", "absent": "− absent"}[value]
        st.markdown(f"- **{escape_markdown(labels.get(finding_id, finding_id))}**: {mark} — "
                    f"*“{escape_markdown(passage)}”*")
    st.caption("Passages in quotation marks are the report's words (square brackets: a "
               "paraphrase); a finding the text does not mention is unknown.")


def citation_markdown(case: LiteratureCase) -> str:
    c = case.citation
    words, url = citation_link(c)
    where = ", ".join(x for x in (c.volume and f"vol. {c.volume}", c.pages) if x)
    return (f"{escape_markdown(c.authors)}. {escape_markdown(c.title)}. "
            f"*{escape_markdown(c.journal)}* {c.year}{', ' + escape_markdown(where) if where else ''}. "
            f"[{escape_markdown(words)}]({url})")


def reveal_view(case: LiteratureCase, shown: Reveal, diagnoses: Mapping[str, str],
                gallery_link: str, mine: Outcome) -> None:
    """The authors' diagnosis and how it was reached, the learner's choices, the engine's
    verdict and why, where they differ, and the citation to read."""
    name = escape_markdown(diagnoses.get(shown.authors_diagnosis, shown.authors_diagnosis))
    st.markdown(f"**The authors' diagnosis:** {name}, reached {escape_markdown(shown.confirmed)}.")
    kept = (f"you kept {name} to the last stage" if mine.dropped_at is None else
            f"you dropped {name} at stage {mine.dropped_at}"
            + ("" if mine.missed else " and took it back later"))
    st.markdown(f"**Your choices:** {kept}; agreement with the engine {mine.agreed} of "
                f"{mine.total} over the stages.")
    st.markdown(f"**The case:** {escape_markdown(case.summary)}")
    st.markdown(f"**The engine on {name}:** {status_badge(shown.engine_status)} "
                f"{escape_markdown(shown.engine_basis)}")
    for d, status, why in shown.also_supported:
        st.markdown(f"**The engine also:** {status_badge(status)} "
                    f"{escape_markdown(diagnoses.get(d, d))}: {escape_markdown(why)}")
    st.markdown("**Where they differ, and why**\n\n" + "\n".join(
        f"- {escape_markdown(line)}" for line in shown.differences))
    st.markdown(f"**Read it:** {citation_markdown(case)} (coded from the "
                f"{escape_markdown(case.coded_from.replace('_', ' '))}; licence "
                f"{escape_markdown(case.licence or 'unknown')}).")
    beside = "its look-alikes" if shown.authors_diagnosis == "imos" else "IMOS"
    st.markdown(f"[See published cases of {name} beside {beside}]({gallery_link})")


def summary_view(outcomes: Sequence[Outcome], rows: Sequence[FamilyConfusion],
                 library: Mapping[str, LiteratureCase], diagnoses: Mapping[str, str]) -> None:
    """The run's end: the cases played, and which families the learner confused."""
    agreed, total = sum(o.agreed for o in outcomes), sum(o.total for o in outcomes)
    st.metric("Agreement with the engine over the run",
              f"{agreed} of {total} ({100 * agreed / total:.0f}%)" if total else "—")
    presentation_table([  # an HTML table: its cells wrap on a phone
        {"case": short_name(library[o.case_id]) if o.case_id in library else o.case_id,
         "authors' diagnosis": diagnoses.get(o.authors_diagnosis, o.authors_diagnosis),
         "kept to the end": "yes" if not o.missed else "no: dropped",
         "agreement": f"{o.agreed} of {o.total}"} for o in outcomes])
    confused = [r for r in rows if r.missed]
    if confused:
        st.markdown("**The families you confused** (the authors' diagnosis dropped by the "
                    "last stage; what you kept instead):\n\n" + "\n".join(
                        f"- **{escape_markdown(r.family.capitalize())}**: dropped in {r.missed} "
                        f"of {r.played} case{'s' if r.played > 1 else ''}"
                        + (", taken for " + escape_markdown(", ".join(
                            f"{f} ({n})" for f, n in r.taken_for)) if r.taken_for
                           else " (with most of the list still kept)")
                        for r in confused))
        st.caption("Choose **the mimic I keep missing** to practise those families next.")
    else:
        st.markdown("**No family confused in this run:** you kept every authors' diagnosis "
                    "to the last stage.")


# --- the run in this session ---------------------------------------------------------------

def go(case_id: str, query: Mapping[str, str]) -> None:
    """Move to a stage or the reveal: the address bar holds where the case stands."""
    st.query_params.from_dict(dict(query))


def guesses() -> dict:
    return st.session_state.setdefault(GUESSES, {})


def run_ids() -> list[str]:
    return st.session_state.setdefault(RUN, [])


def outcomes() -> list[Outcome]:
    return st.session_state.setdefault(OUTCOMES, [])


def history() -> list[Outcome]:
    return st.session_state.setdefault(HISTORY, [])


def how_picked() -> dict:
    return st.session_state.setdefault(HOW, {"how": "random", "family": None})


def join_run(case_id: str) -> int:
    """The case's place in the run (1-based); a case opened from a link joins the run."""
    ids = run_ids()
    if case_id not in ids:
        ids.append(case_id)
    return ids.index(case_id) + 1


def begin(case_id: str | None, how: str, family: str | None, new_run: bool) -> None:
    """Start a case (a new run of cases first, when asked): clear its old choices."""
    if new_run:
        st.session_state[RUN], st.session_state[OUTCOMES] = [], []
        st.session_state[HOW] = {"how": how, "family": family}
    if case_id is None:
        return
    for key in [k for k in guesses() if k[0] == case_id]:
        del guesses()[key]
    for key in [k for k in st.session_state if str(k).startswith(f"px_pick_{case_id}_")]:
        del st.session_state[key]
    if case_id in run_ids():
        run_ids().remove(case_id)
    run_ids().append(case_id)
    st.query_params.from_dict({"case": case_id, "step": "1"})


def record(result: Outcome) -> None:
    """A finished case, once per run, and once in the session's history."""
    if all(o.case_id != result.case_id for o in outcomes()):
        outcomes().append(result)
        history().append(result)
