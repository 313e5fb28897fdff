"""Unknown-case walk-through: reveal a case stage by stage, guess, then see the answer.

The address bar is the single source of truth for where the walk-through stands
(`?case=2&step=4&reveal=1&present=1`), so a presenter can open any slide from a link and
a reload never loses the place. Guesses live in this session only.
"""

import random
from urllib.parse import quote

import streamlit as st

from components.charts.bone_view import bone_view, drawn_here, stage_images
from components.shell.addresses import here, open_explorer, show_slide, walkthrough_address
from components.shell.data_access import require_knowledge, require_series
from components.files.handout_download import handout_buttons, walkthrough_handout
from components.room.live_room import live_room, room_code, room_kept, room_rows
from components.shell.navigation import WALK_LINK
from components.shell.notes import teaching_note
from components.shell.presentation import presentation_style, presentation_table, slide_keys
from components.files.slides_download import (
    case_title,
    public_address,
    slides_button,
    walkthrough_deck,
)
from components.differential.walkthrough_view import (
    answer,
    keep_checklist,
    kept_line,
    paper_on_stage,
    revealed_findings,
    score_line,
    stage_changes,
    verdicts_by_family,
)
from imos.rooms.facts import dump_facts, room_facts
from imos.reasoning.engine import STANDING
from imos.teaching.links import link_problems
from imos.reasoning.families import family_of
from imos.teaching.replay import stage_steps
from imos.text import escape_markdown
from imos.teaching.walkthrough import (
    Position,
    closed_before,
    overall_line,
    parse_position,
    score_row,
    score_step,
    walkthrough,
)

series = require_series()
knowledge = require_knowledge()
diagnoses = knowledge.diagnosis_labels
families = family_of(knowledge)
labels = series.catalogue.finding_labels
case_ids = list(series.cases["case_id"])
case_labels = series.case_labels
step_keys = [s.key for s in stage_steps(series.catalogue)]
n_steps = len(step_keys)

params = {k: st.query_params.get_all(k) for k in st.query_params}
case_id, position, present, problems = parse_position(params, case_ids, step_keys)
problems += link_problems(params, WALK_LINK)  # unknown keys, in the same one warning
guesses: dict = st.session_state.setdefault("wt_guesses", {})


def _go(case: str, to: Position, presenting: bool) -> None:
    show_slide(case, to, n_steps, presenting)


def _start(case: str, presenting: bool) -> None:
    for key in [k for k in guesses if k[0] == case]:
        del guesses[key]
    _go(case, Position(1, False), presenting)


def _random_start(presenting: bool) -> None:
    _start(random.choice(case_ids), presenting)


def _toggle_presenting() -> None:
    if st.session_state["wt_present_toggle"]:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


if present:
    presentation_style()

if problems:
    st.warning("Some parts of the link were ignored: " + escape_markdown("; ".join(problems)) + ".",
               icon=":material/link_off:")

if case_id is None:
    st.title("Unknown-case walk-through")
    st.markdown(
        "Meet a patient the way the clinicians did: history and examination first, then "
        "the laboratory, radiograph and CT, MRI, bone scans and finally the biopsy. At each "
        "stage decide which diagnoses you would still keep, then reveal what the findings "
        "exclude and how the paper argued. Each stage scores the decisions it asks for: "
        "what its findings close and what the paper sets aside. For a journal club, choose **Present** and let the room call out its list."
    )
    teaching_note()
    st.subheader("Choose a patient")
    if len(case_ids) <= 6:
        columns = st.columns(len(case_ids) + 1)
        for column, cid in zip(columns, case_ids):
            column.button(escape_markdown(case_labels[cid]), key=f"wt_choose_{cid}", on_click=_start,
                          args=(cid, present), width="stretch")
        random_column = columns[-1]
    else:  # many cases: a searchable box
        pick, go, random_column = st.columns([3, 1, 1], vertical_alignment="bottom")
        pick.selectbox("Patient", case_ids, format_func=case_labels.get, key="wt_pick_case")
        go.button("Start", key="wt_start", width="stretch", on_click=lambda: _start(
            st.session_state["wt_pick_case"], present))
    random_column.button("A random case", key="wt_random", on_click=_random_start,
                         args=(present,), icon=":material/casino:", width="stretch")
    st.toggle("Present (large type, no sidebar; arrow keys move between slides)",
              value=present, key="wt_present_toggle", on_change=_toggle_presenting)
    st.stop()

# Keep the address bar canonical, so it always opens this very slide.
show_slide(case_id, position, n_steps, present)
steps = walkthrough(series, case_id, knowledge)
case = series.cases.set_index("case_id").loc[case_id]
case_findings = series.findings[series.findings["case_id"] == case_id]
# what a live room's phones are shown: this case as this series has it (shipped or uploaded)
facts = dump_facts(room_facts(steps, case_id, case_labels[case_id], series.meta["title"],
                              case_findings, labels, diagnoses, families))


def _guess_key(number: int) -> str:
    return f"wt_pick_{case_id}_{number}"


def _kept(number: int) -> list[str]:
    """The learner's list at a step: their own, else the list carried from the step before."""
    if (case_id, number) in guesses:
        return guesses[(case_id, number)]
    return _kept(number - 1) if number > 1 else list(diagnoses)


def _scored(number: int) -> tuple[list[str], bool]:
    """The list a stage is scored on and whose it is: the room's (what more than half of
    its votes kept) when the room voted on the stage, else the presenter's own."""
    voted = room_kept(case_id, number, facts)
    return (voted, True) if voted is not None else (_kept(number), False)


def _score_rows(upto: int) -> list[dict]:
    rows = []
    for step in steps[:upto]:
        kept, by_room = _scored(step.number)
        label = f"{step.number}. {step.label}" + (" (the room)" if by_room else "")
        rows.append(score_row(label, score_step(kept, steps, step.number), diagnoses))
    return rows


def _handout(upto: int, scored: int) -> None:
    """The handout (HTML, PDF) of the walk-through so far and the whole case as slides."""
    link = walkthrough_address(here(), case_id, position, n_steps, False)
    room = room_code(case_id, facts)
    row = handout_buttons(
        lambda chart_format: walkthrough_handout(case_labels[case_id], steps, upto, series,
                                                 case_id, diagnoses, _score_rows(scored), link,
                                                 chart_format,
                                                 room_rows(room, steps, upto, diagnoses)),
        f"imos-walkthrough-case-{case_id}-stage-{upto}", key="wt_handout")
    address = public_address()
    slides_button(lambda: walkthrough_deck(series, case_id, case_title(case), steps, diagnoses,
                                           address, knowledge),
                  f"imos-walkthrough-case-{case_id}.pptx", key="wt_slides", container=row)


def _slide_keys() -> None:
    """PageDown/Space, PageUp, Home and End for a clicker (the arrows are on the buttons)."""
    first, last = Position(1, False), Position(n_steps + 1, False)
    slide_keys(
        forward=None if position.is_end(n_steps) else (
            _go, (case_id, position.forward(n_steps), present)),
        back=None if position == first else (_go, (case_id, position.back(n_steps), present)),
        first=None if position == first else (_go, (case_id, first, present)),
        last=None if position == last else (_go, (case_id, last, present)))


def _navigation(where: str) -> None:
    if present and where == "bottom":
        _slide_keys()
    back, forward, *rest = st.columns([1, 1, 1, 1] if not present else [1, 1, 2])
    back.button("Previous", key=f"wt_back_{where}", icon=":material/arrow_back:",
                on_click=_go, args=(case_id, position.back(n_steps), present),
                disabled=position == Position(1, False), width="stretch",
                shortcut="Left" if where == "bottom" else None)
    if not position.is_end(n_steps):
        label = "Reveal" if not position.revealed else (
            "Next stage" if position.step < n_steps else "Final score")
        # not type="primary": Streamlit writes its label white on the primary colour,
        # which the dark theme's light blue cannot carry (axe-core colour contrast)
        forward.button(label, key=f"wt_next_{where}",
                       icon=":material/arrow_forward:", on_click=_go,
                       args=(case_id, position.forward(n_steps), present), width="stretch",
                       shortcut="Right" if where == "bottom" else None)
    if not present:
        rest[0].button("Present this", key=f"wt_present_{where}", icon=":material/slideshow:",
                       on_click=_go, args=(case_id, position, True), width="stretch")
        rest[1].button("Another case", key=f"wt_restart_{where}", icon=":material/restart_alt:",
                       on_click=lambda: st.query_params.clear(), width="stretch")
    else:
        rest[0].button("Leave presentation", key=f"wt_leave_{where}",
                       icon=":material/close_fullscreen:", on_click=_go,
                       args=(case_id, position, False), width="stretch")


def _so_far(step) -> dict[str, str]:
    """The findings known after `step`: what its stage and every earlier one revealed."""
    return {f: v for s in steps[:step.number] for f, v in s.replayed.revealed.items()}


def _drawn(step) -> None:
    """The findings known so far drawn on a schematic bone, and the package's images of
    this stage's examinations."""
    bone_view(_so_far(step), labels, ident="walkthrough-bone", only_when_drawn=True)
    stage_images(series, case_id, step.examination_ids)


def _slide_heading(step) -> None:
    """A slide's title and progress; once a finding can be drawn, the bone of the findings
    so far beside them as a strip (the title's height, so it costs the slide no line)."""
    if not drawn_here(_so_far(step)):
        st.title(f"{step.number}. {step.label}")
        st.progress(step.number / n_steps, text=f"{title} · stage {step.number} of {n_steps}")
        return
    heading, strip = st.columns([2, 3], gap="medium", vertical_alignment="center")
    with heading:
        st.title(f"{step.number}. {step.label}")
        st.progress(step.number / n_steps, text=f"{title} · stage {step.number} of {n_steps}")
    with strip:
        bone_view(_so_far(step), labels, ident="walkthrough-bone", compact=True)


title = escape_markdown(case_title(case))
if position.is_end(n_steps):
    st.title(f"{title}: the final score")
    final = steps[-1]
    engine_list = ("After the biopsy the engine keeps: " + ", ".join(
        f"{escape_markdown(v.label)} ({v.status})" for v in final.replayed.verdicts
        if v.status in STANDING) + ".")
    rows = _score_rows(n_steps)
    if present:  # one screen: the score beside its table; the rest folded
        score_column, rest_column = st.columns([3, 1], gap="medium")
        score_column.metric("Overall score", overall_line(rows),
                            help="A point for each choice a stage asks for that the engine "
                                 "or the paper backs: the sum of the table below.")
        with score_column:
            presentation_table(rows)
        with rest_column:
            st.markdown(engine_list)
            if series.meta["series_id"] == "abe2020":
                st.markdown("The paper diagnosed IMOS only after the biopsy, once the other "
                            "diseases were set aside.")
            live_room(case_id, position, steps, diagnoses, facts, compact=True)
            with st.expander("Handout, slides and the explorer"):
                teaching_note()
                _handout(n_steps, n_steps)
                if st.button("Continue in the exclusion explorer with this case",
                             key="wt_to_explorer", icon=":material/tune:"):
                    open_explorer(case_id)
        _navigation("bottom")
        st.stop()
    st.markdown(engine_list)
    st.metric("Overall score", overall_line(rows),
              help="A point for each choice a stage asks for that the engine or the paper "
                   "backs: the sum of the table below.")
    presentation_table(rows)  # an HTML table wraps its long lists instead of cutting them
    if series.meta["series_id"] == "abe2020":
        st.markdown("The paper diagnosed IMOS only after the biopsy, once the other "
                    "diseases were set aside.")
    st.markdown(f"The [Road to the diagnosis](road?case={quote(case_id)}) page shows the same case "
                "along its timeline.")
    teaching_note()
    _handout(n_steps, n_steps)
    if st.button("Continue in the exclusion explorer with this case", key="wt_to_explorer",
                 icon=":material/tune:"):
        open_explorer(case_id)
    live_room(case_id, position, steps, diagnoses, facts)
    _navigation("bottom")
    st.stop()

step = steps[position.step - 1]
if present:  # a slide: one 16:9 screen, in columns, the detail folded
    _slide_heading(step)
    if not position.revealed:
        found, choice = st.columns([2, 3], gap="medium")
        with found:
            revealed_findings(step, case_findings, labels, compact=True)
            stage_images(series, case_id, step.examination_ids, compact=True)
            live_room(case_id, position, steps, diagnoses, facts, compact=True)
        with choice:
            guesses[(case_id, step.number)] = keep_checklist(
                "Which diagnoses does the room keep?", _guess_key(step.number), diagnoses,
                families, _kept(step.number), closed_before(steps, step.number), columns=2)
    else:
        verdicts, words = st.columns([1, 1], gap="medium")
        with verdicts:
            st.subheader("What the findings exclude")
            verdicts_by_family(step.replayed.verdicts, families)
            stage_changes(step, diagnoses, compact=True)
        with words:
            kept, by_room = _scored(step.number)
            st.markdown(score_line(score_step(kept, steps, step.number), diagnoses, by_room))
            paper_on_stage(step, diagnoses, steps[step.number:], compact=True)
            live_room(case_id, position, steps, diagnoses, facts, compact=True)
            with st.expander("Handout and slides"):
                _handout(step.number, step.number)
    _navigation("bottom")
    st.stop()

st.title(title)
st.progress(step.number / n_steps, text=f"Stage {step.number} of {n_steps}: {step.label}")
teaching_note()
_navigation("top")

st.subheader(f"{step.number}. {step.label}: what is found")
revealed_findings(step, case_findings, labels)
_drawn(step)
if position.revealed:  # the choice is made: said in words, not as a greyed-out widget
    st.markdown(kept_line(_kept(step.number), diagnoses, families))
else:
    picked = keep_checklist(
        "Which diagnoses would you (or the room) still keep?", _guess_key(step.number),
        diagnoses, families, _kept(step.number), closed_before(steps, step.number))
    guesses[(case_id, step.number)] = picked
    st.caption("Then press **Reveal** (or the right arrow key).")
    live_room(case_id, position, steps, diagnoses, facts)

if position.revealed:
    st.subheader(f"{step.number}. {step.label}: the answer")
    live_room(case_id, position, steps, diagnoses, facts)
    kept, by_room = _scored(step.number)
    st.markdown(score_line(score_step(kept, steps, step.number), diagnoses, by_room))
    answer(step, diagnoses, labels, families, steps[step.number:])
    _handout(step.number, step.number)

_navigation("bottom")
