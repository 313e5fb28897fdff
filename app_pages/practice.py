"""Practise on published cases: a case from the library (the literature suite) as an
unknown, stage by stage; keep or drop diagnoses at each stage; then the reveal: the
authors' diagnosis, the engine's verdict and where they differ, and the report to read. A
run of five cases ends with the families you confused.

The address bar says where a case stands (`?case=tuteja_2016&step=2&reveal=1`, `step=end`
for the reveal); the run and the choices live in this session only.
"""

import random

import streamlit as st

from components.differential import practice_view as run
from components.differential.library_access import library_by_id
from components.room.live_room import live_room
from components.differential.walkthrough_view import answer, keep_checklist, kept_line, score_line
from components.shell.data_access import require_knowledge, require_series
from components.shell.navigation import PRACTICE_LINK
from components.shell.notes import teaching_note
from imos.reasoning.families import family_of, group_ids
from imos.rooms.facts import dump_facts, library_facts
from imos.teaching import practice
from imos.teaching.links import link_problems
from imos.teaching.walkthrough import Position, closed_before, parse_position, position_query, score_step
from imos.text import escape_markdown

series, knowledge = require_series(), require_knowledge()
library = library_by_id()
catalogue = series.catalogue
labels = catalogue.finding_labels
diagnoses = knowledge.diagnosis_labels
families = family_of(knowledge)
biopsy_findings = catalogue.findings.loc[catalogue.findings["examination"] == "biopsy", "finding_id"]

params = {k: st.query_params.get_all(k) for k in st.query_params}
asked = params.get("case", [None])[0]
steps = practice.practice_steps(library[asked].findings, catalogue, knowledge) \
    if asked in library else []
# without a known case, a step means nothing: only the case is read (and named if unknown)
case_id, position, _, problems = parse_position(
    params if steps else {k: v for k, v in params.items() if k == "case"}, list(library),
    [s.key for s in steps])
problems += link_problems(params, PRACTICE_LINK)
if problems:
    st.warning("Some parts of the link were ignored: " + escape_markdown("; ".join(problems))
               + ".", icon=":material/link_off:")


def _next_case(new_run: bool) -> None:
    how = run.how_picked() if not new_run else {
        "how": st.session_state.get("px_how_pick", "random"),
        "family": st.session_state.get("px_family")}
    pick = practice.pick_case(
        practice.practisable(list(library.values()), catalogue), families, how["how"],
        family=how["family"],
        missed=practice.most_missed(run.history(), families),
        played=[] if new_run else run.run_ids(), rng=random.Random())
    st.session_state["px_why"] = pick.why
    run.begin(pick.case_id, how["how"], how["family"], new_run)


if case_id is None:
    st.title("Practise on published cases")
    pool = practice.practisable(list(library.values()), catalogue)
    st.markdown(
        f"Reason through real case reports of IMOS and of the diseases that mimic it: "
        f"{len(pool)} of the {len(library)} cases in the library (those whose report speaks "
        f"of at least {practice.MIN_STAGES} stages; the others are in the look-alikes "
        "gallery). Each case comes as an unknown, stage by "
        "stage in clinical order, showing only what its report states; at each stage keep "
        "the diagnoses you would still hold, then reveal what the engine makes of it. The "
        f"reveal names the authors' diagnosis and the report to read. A run has "
        f"{practice.RUN_LENGTH} cases and ends with the families you confused.")
    teaching_note()
    run.limits_note()
    with_cases = [f for f, _ in group_ids([c.authors_diagnosis for c in pool], families)]
    choice = st.radio("Pick the cases", practice.PICKS, horizontal=True, key="px_how_pick",
                      format_func={"random": "At random", "family": "By family",
                                   "missed": "The mimic I keep missing"}.get)
    if choice == "family":
        st.selectbox("Family", with_cases, format_func=str.capitalize, key="px_family")
    elif choice == "missed":
        missed = practice.most_missed(run.history(), families)
        st.caption("Missed most in this session: " + escape_markdown(", ".join(missed))
                   if missed else "Nothing missed yet in this session: the first case is "
                   "picked at random.")
    if not pool:
        st.info("No case of this library reaches two stages: add cases whose report "
                "speaks of more than the history (data/literature/README.md).")
        st.stop()
    st.button(f"Start a run of {practice.RUN_LENGTH} cases", key="px_start",
              icon=":material/play_arrow:", on_click=_next_case, args=(True,))
    st.stop()

case = library[case_id]
n_steps = len(steps)
# what a live room's phones are shown: the stages as coded, no name or citation
facts = dump_facts(library_facts(steps, case, f"A published case ({run.patient_line(case)})",
                                 labels, diagnoses, families))
place = run.join_run(case_id)
query = position_query(case_id, position, n_steps, False)
if st.query_params.to_dict() != query:  # keep the address bar canonical
    st.query_params.from_dict(query)
every = list(diagnoses)
guesses = {n: kept for (c, n), kept in run.guesses().items() if c == case_id}


def _move(to: Position) -> None:
    run.go(case_id, position_query(case_id, to, n_steps, False))


def _buttons(where: str) -> None:
    back, forward, other = st.columns(3)
    back.button("Previous", key=f"px_back_{where}", icon=":material/arrow_back:",
                on_click=_move, args=(position.back(n_steps),),
                disabled=position == Position(1, False), width="stretch")
    if not position.is_end(n_steps):
        label = "Reveal" if not position.revealed else (
            "Next stage" if position.step < n_steps else "The authors' diagnosis")
        forward.button(label, key=f"px_next_{where}", icon=":material/arrow_forward:",
                       on_click=_move, args=(position.forward(n_steps),), width="stretch")
    other.button("Leave the run", key=f"px_leave_{where}", icon=":material/close:",
                 on_click=lambda: st.query_params.clear(), width="stretch")


if position.is_end(n_steps):
    st.title(f"Case {place} of {practice.RUN_LENGTH}: the reveal")
    teaching_note()
    final = steps[-1].replayed.verdicts
    shown = practice.reveal(case, final, labels, diagnoses, biopsy_findings)
    mine = practice.outcome(case, guesses, steps, every, families)
    run.reveal_view(case, shown, diagnoses, f"gallery?dx={case.authors_diagnosis}", mine)
    run.record(mine)
    st.markdown(f"[Open this case in the exclusion explorer](explorer?lit={case_id})")
    live_room(practice.room_case_id(case_id), position, steps, diagnoses, facts, paper=False)
    run.limits_note()
    done = run.outcomes()
    if len(done) >= practice.RUN_LENGTH:
        st.subheader("Your run")
        run.summary_view(done, practice.run_summary(done, families), library, diagnoses)
        st.button("Start a new run", key="px_new_run", icon=":material/restart_alt:",
                  on_click=lambda: st.query_params.clear())
    else:
        st.button(f"Next case ({len(done) + 1} of {practice.RUN_LENGTH})", key="px_next_case",
                  icon=":material/skip_next:", on_click=_next_case, args=(False,))
    _buttons("bottom")
    st.stop()

step = steps[position.step - 1]
st.title(f"Case {place} of {practice.RUN_LENGTH}: {run.patient_line(case)} (a published case)")
if st.session_state.get("px_why") and position == Position(1, False):
    st.caption(f"Picked: {escape_markdown(st.session_state['px_why'])}.")
st.progress(step.number / n_steps, text=f"Stage {step.number} of {n_steps}: {step.label} "
            "(only the stages the report speaks of)")
teaching_note()
st.subheader(f"{step.number}. {step.label}: what the report states")
run.stage_view(step, case, labels)
kept_now = practice.carried(guesses, step.number, every)
if not position.revealed:
    picked = keep_checklist("Which diagnoses would you still keep?",
                            f"px_pick_{case_id}_{step.number}", diagnoses, families, kept_now,
                            closed_before(steps, step.number))
    run.guesses()[(case_id, step.number)] = picked
    st.caption("Then press **Reveal**. With a group, open a live room: everyone votes from "
               "their phone.")
    live_room(practice.room_case_id(case_id), position, steps, diagnoses, facts, paper=False)
else:
    st.markdown(kept_line(kept_now, diagnoses, families))
    st.subheader(f"{step.number}. {step.label}: the engine's answer")
    st.markdown(score_line(score_step(kept_now, steps, step.number), diagnoses))
    answer(step, diagnoses, labels, families)
    live_room(practice.room_case_id(case_id), position, steps, diagnoses, facts, paper=False)
run.limits_note()
_buttons("bottom")
