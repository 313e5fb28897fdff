"""Unknown-case walk-through: reveal a case stage by stage, guess, then see the answer.

The address bar is the single source of truth for where the walk-through stands
(`?case=2&step=4&reveal=1&present=1`), so a presenter can open any slide from a link and
a reload never loses the place. Guesses live in this session only.
"""

import random
from urllib.parse import quote

import streamlit as st

from components.charts.bone_view import bone_view, stage_images
from components.shell.addresses import here, open_explorer, show_slide, walkthrough_address
from components.shell.data_access import require_knowledge, require_series
from components.files.handout_download import handout_buttons, walkthrough_handout
from components.room.live_room import live_room, room_code, room_rows
from components.shell.navigation import WALK_LINK
from components.shell.notes import teaching_note
from components.shell.presentation import presentation_style, presentation_table
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
    revealed_findings,
    score_line,
)
from imos.teaching.links import link_problems
from imos.reasoning.families import family_of
from imos.teaching.replay import stage_steps
from imos.text import escape_markdown
from imos.teaching.walkthrough import (
    Position,
    closed_before,
    parse_position,
    score_step,
    walkthrough,
)

series = require_series()
knowledge = require_knowledge()
diagnoses = dict(zip(knowledge.diagnoses["diagnosis_id"], knowledge.diagnoses["label"]))
families = family_of(knowledge)
labels = dict(zip(series.catalogue.findings["finding_id"], series.catalogue.findings["label"]))
case_ids = list(series.cases["case_id"])
case_labels = dict(zip(series.cases["case_id"], series.cases["label"]))
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
        "exclude and how the paper argued. Your agreement with the engine is scored at "
        "every stage. For a journal club, choose **Present** and let the room call out its list."
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


def _guess_key(number: int) -> str:
    return f"wt_pick_{case_id}_{number}"


def _kept(number: int) -> list[str]:
    """The learner's list at a step: their own, else the list carried from the step before."""
    if (case_id, number) in guesses:
        return guesses[(case_id, number)]
    return _kept(number - 1) if number > 1 else list(diagnoses)


def _score_rows(upto: int) -> list[dict]:
    rows = []
    for step in steps[:upto]:
        score = score_step(_kept(step.number), steps, step.number)
        rows.append({"stage": f"{step.number}. {step.label}", "agreed": score.agreed,
                     "of": score.total, "kept but excluded": ", ".join(
                         diagnoses[d] for d in score.kept_but_excluded) or "—",
                     "dropped but open": ", ".join(
                         diagnoses[d] for d in score.dropped_but_open) or "—",
                     "kept though the paper set aside": ", ".join(
                         diagnoses[d] for d in score.kept_but_paper_closed) or "—"})
    return rows


def _handout(upto: int, scored: int) -> None:
    """The handout (HTML, PDF) of the walk-through so far and the whole case as slides."""
    link = walkthrough_address(here(), case_id, position, n_steps, False)
    room = room_code(case_id)
    row = handout_buttons(
        lambda chart_format: walkthrough_handout(case_labels[case_id], steps, upto, series,
                                                 case_id, diagnoses, _score_rows(scored), link,
                                                 chart_format,
                                                 room_rows(room, steps, upto, diagnoses)),
        f"imos-walkthrough-case-{case_id}-stage-{upto}", key="wt_handout")
    address = public_address(st.context.url)
    slides_button(lambda: walkthrough_deck(series, case_id, case_title(case), steps, diagnoses,
                                           address, knowledge),
                  f"imos-walkthrough-case-{case_id}.pptx", key="wt_slides", container=row)


def _navigation(where: str) -> None:
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


title = escape_markdown(case_title(case))
if position.is_end(n_steps):
    st.title(f"{title}: the final score")
    final = steps[-1]
    st.markdown("After the biopsy the engine's list: " + ", ".join(
        f"{escape_markdown(diagnoses[d])} ({final.replayed.verdict(d).status})"
        for d in final.replayed.open_ids) + ".")
    rows = _score_rows(n_steps)
    total = sum(r["agreed"] for r in rows)
    possible = sum(r["of"] for r in rows)
    st.metric("Overall agreement", f"{total} of {possible} ({100 * total / possible:.0f}%)")
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
    live_room(case_id, position, steps, diagnoses)
    _navigation("bottom")
    st.stop()

step = steps[position.step - 1]
if present:
    st.title(f"{step.number}. {step.label}")
    st.progress(step.number / n_steps, text=f"{title} · stage {step.number} of {n_steps}")
else:
    st.title(title)
    st.progress(step.number / n_steps, text=f"Stage {step.number} of {n_steps}: {step.label}")
if not present:
    teaching_note()
    _navigation("top")

if not (present and position.revealed):
    if not present:
        st.subheader(f"{step.number}. {step.label}: what is found")
    revealed_findings(step, case_findings, labels)
    bone_view({f: v for s in steps[:step.number] for f, v in s.replayed.revealed.items()},
              labels, ident="walkthrough-bone", only_when_drawn=True)
    stage_images(series, case_id, step.examination_ids)
    if position.revealed:  # the choice is made: said in words, not as a greyed-out widget
        st.markdown(kept_line(_kept(step.number), diagnoses, families))
    else:
        picked = keep_checklist(
            "Which diagnoses would you (or the room) still keep?" if not present
            else "Which diagnoses does the room keep?", _guess_key(step.number), diagnoses,
            families, _kept(step.number), closed_before(steps, step.number))
        guesses[(case_id, step.number)] = picked
        st.caption("Then press **Reveal** (or the right arrow key).")
        live_room(case_id, position, steps, diagnoses)

if position.revealed:
    st.subheader(f"{step.number}. {step.label}: the answer" if not present
                 else "What the findings exclude")
    live_room(case_id, position, steps, diagnoses)
    kept = _kept(step.number)
    st.markdown(score_line(score_step(kept, steps, step.number), diagnoses))
    answer(step, diagnoses, labels, families)
    _handout(step.number, step.number)

_navigation("bottom")
