"""Exclusion explorer: set findings, watch the differential update, share the scenario.

A toggle reruns only the panel (an st.fragment), and the panel is one element: findings
and differential are one custom widget (components/explorer_panel), because Streamlit
sends every element as a message of its own on every rerun (bench/README.md).
"""

import hashlib
import json

import streamlit as st

from components.data_access import require_knowledge, require_series
from components.derived import BoundedMemo, derived
from components.compare_choice import compare_choice
from components.differential_panel import differential_html, moved_text, summary_html
from components.error_boundary import guarded
from components.explorer_panel import explorer_panel, last_event, layout_bytes
from components.handout_download import explorer_handout, handout_buttons, page_link
from components.notes import teaching_note
from imos import differential as dx
from imos.families import family_of
from imos.scenario import apply_event, describe, parse_query, short_query, to_query
from imos.text import escape_markdown, markdown_table, scrollable

series = require_series()
knowledge = require_knowledge()
catalogue = series.catalogue
labels = dict(zip(catalogue.findings["finding_id"], catalogue.findings["label"]))
diagnoses = dict(zip(knowledge.diagnoses["diagnosis_id"], knowledge.diagnoses["label"]))
families = family_of(knowledge)
finding_ids = list(catalogue.findings["finding_id"])
case_labels = dict(zip(series.cases["case_id"], series.cases["label"]))
_by_case = derived(series, "case_findings", lambda: dx.all_case_findings(series.findings))
presets = {c: _by_case.get(c, {}) for c in case_labels}
MANY_PRESETS = 6
STATE_WORDS = {"present": "+ present", "absent": "− absent", "unknown": "? unknown"}
FIRST_OPEN = "History and examination"


def _panel_layout() -> bytes:
    """The findings grouped by section, encoded once per series for the findings panel."""
    group_sections = dict(zip(catalogue.groups["group_id"], catalogue.groups["section"]))
    grouped: dict[str, list[dict]] = {}
    for row in catalogue.findings.itertuples():
        grouped.setdefault(group_sections[row.group_id], []).append(
            {"id": row.finding_id, "label": row.label, "help": row.description})
    out = [{"title": title, "open": title == FIRST_OPEN, "findings": items}
           for title, items in grouped.items()]
    version = hashlib.sha1(json.dumps(out, sort_keys=True).encode()).hexdigest()[:12]
    return layout_bytes(out, STATE_WORDS, version)


panel_layout = derived(series, "explorer_panel_layout", _panel_layout)


def _apply(state: dict[str, str], case_id: str | None = None) -> None:
    """Set the findings; `case_id` names the case they were loaded from, if any (the
    short link then prefers that case)."""
    st.session_state["fx_state"] = {f: state.get(f, "unknown") for f in finding_ids}
    st.session_state["fx_case"] = case_id


def _on_set() -> None:
    """One click in the findings panel; anything a browser could forge is ignored."""
    event = last_event("fx_findings")
    state = apply_event(st.session_state["fx_state"], *event) if event else None
    if state is not None:
        st.session_state["fx_state"] = state


# First run of this page in this session: read the shared link once. Another page (the
# walk-through) may ask for the link to be read again when it sends the reader here.
if "fx_started" not in st.session_state or st.session_state.pop("fx_read_link", False):
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, case_id, problems = parse_query(params, finding_ids, presets)
    _apply(state, case_id)
    st.session_state["fx_started"] = True
    st.session_state["fx_problems"] = problems
    st.session_state["fx_previous"] = state
    st.session_state.pop("fx_moved", None)
    st.session_state.pop("fx_change", None)
if set(st.session_state["fx_state"]) != set(finding_ids):  # another series was loaded
    _apply(st.session_state["fx_state"], st.session_state.get("fx_case"))

# Counts full-page runs (not fragment reruns); browser tests read it to prove that a
# toggle reruns only the panel.
st.session_state["fx_page_runs"] = st.session_state.get("fx_page_runs", 0) + 1
st.html(f'<div id="explorer-page-runs" hidden>{st.session_state["fx_page_runs"]}</div>')

st.title("Exclusion explorer")
st.markdown(
    "Set what is known about a patient and watch the differential update. Each diagnosis "
    "shows its status and, opened, the rules that moved it, with their sources. Unknown "
    "findings never exclude anything. The address bar always holds the scenario: copy it "
    "to share exactly this state."
)
teaching_note()
if st.session_state["fx_problems"]:
    st.warning(
        "Some parts of the link were ignored: "
        + escape_markdown("; ".join(st.session_state["fx_problems"])) + ".",
        icon=":material/link_off:",
    )

if len(presets) <= MANY_PRESETS:
    presets_row = st.columns(len(presets) + 1)
    for column, case_id in zip(presets_row, presets):
        column.button(f"As {escape_markdown(case_labels[case_id])} presented",
                      key=f"fx_preset_{case_id}",
                      on_click=_apply, args=(presets[case_id], case_id), width="stretch")
    reset_column = presets_row[-1]
else:  # hundreds of cases: pick one (the box is searchable), then load it
    pick, load, reset_column = st.columns([3, 1, 1], vertical_alignment="bottom")
    pick.selectbox("Load a case as presented", list(presets), format_func=case_labels.get,
                   key="fx_preset_pick")
    load.button("Load", key="fx_preset_load", on_click=lambda: _apply(
        presets[st.session_state["fx_preset_pick"]], st.session_state["fx_preset_pick"]),
        width="stretch")
reset_column.button("Reset to unknown", key="fx_reset", on_click=_apply, args=({},),
                    width="stretch", icon=":material/restart_alt:")


# Verdicts and the panel's HTML per state, shared by every reader of this series: a room
# follows the same steps, so most states are worked out once (strings and frozen
# dataclasses only, nothing a session could change).
views: BoundedMemo = derived(series, "explorer_views", lambda: BoundedMemo(512))


def _verdicts(query: dict[str, str]) -> tuple[dx.Verdict, ...]:
    return views.get(("verdicts", frozenset(query.items())),
                     lambda: tuple(dx.evaluate(query, knowledge)))


def _moved_key(moved: dict | None) -> tuple:
    return None if moved is None else tuple(sorted(moved.items()))


def _change_text(before: dict[str, str], after: dict[str, str]) -> str:
    """'nidus: unknown → present': the findings the last change set, in words."""
    changed = [f for f, v in after.items() if before.get(f, "unknown") != v]
    if len(changed) > 3:  # a preset or a reset
        return f"{len(changed)} findings changed at once"
    return "; ".join(f"{labels[f].lower()}: {before.get(f, 'unknown')} → {after[f]}"
                     for f in changed)


def _analysis(query: dict[str, str]):
    """Which single findings would exclude or settle each diagnosis: one what-if pass."""
    def build():
        outcomes = dx.what_if(query, knowledge)
        return (dx.decisive_for_all(query, knowledge, outcomes),
                dx.next_questions(query, knowledge, outcomes))
    return views.get(("analysis", frozenset(query.items())), build)


@st.fragment
@guarded("explorer panel")
def explorer() -> None:
    """Findings and differential; a click here reruns only this function."""
    session = st.session_state
    state, previous = session["fx_state"], session["fx_previous"]
    query = to_query(state)
    # The address bar: a case and what differs from it, or what differs from unknown.
    link = short_query(state, presets, session.get("fx_case"))
    if st.query_params.to_dict() != link:
        st.query_params.from_dict(link)
    verdicts = _verdicts(query)
    if previous != state:
        session["fx_moved"] = dx.moved(_verdicts(to_query(previous)), verdicts)
        session["fx_change"] = _change_text(previous, state)
        session["fx_previous"] = state
    moved, change = session.get("fx_moved"), session.get("fx_change", "")
    differential, summary, announce = views.get(
        ("html", frozenset(query.items()), _moved_key(moved), change),
        lambda: (differential_html(verdicts, labels, diagnoses, moved, *_analysis(query),
                                   change=change, families=families),
                 summary_html(verdicts, moved, diagnoses, change),
                 moved_text(moved, diagnoses, change)))
    # The layout goes with the first drawing in each run of the page; the panel's own
    # reruns leave it out (the browser keeps it), which halves what a toggle sends.
    fresh = session.get("fx_layout_sent") != session["fx_page_runs"]
    session["fx_layout_sent"] = session["fx_page_runs"]
    explorer_panel(panel_layout if fresh else None, state, differential, summary, announce,
                   key="fx_findings", on_set=_on_set,
                   scenario=describe(link, case_labels, labels))
    scenario.update(state=state, verdicts=verdicts, link=link)


# What the handout button builds from: the panel updates it on every toggle, and the button
# (outside the panel, so a toggle does not redraw it) reads it only when clicked. The
# link is made then too, from the page's address read once per page run.
scenario: dict = st.session_state.setdefault("fx_scenario", {})
page_address = st.context.url
explorer()
st.subheader("Take it home")
st.caption("The address bar holds this scenario: copy it to share exactly this state. The "
           "handout (one HTML file, or a PDF) holds the findings, every verdict and its sources.")
handout_buttons(
    lambda chart_format: explorer_handout(
        scenario["state"], scenario["verdicts"], series, diagnoses,
        page_link(page_address, "explorer", scenario["link"]), chart_format),
    "imos-explorer-handout", key="fx_handout")


@st.fragment
@guarded("explorer comparison")
def compare() -> None:
    """Which findings tell two or three diagnoses apart (the rules only, not the scenario)."""
    st.subheader("Compare diagnoses")
    chosen = compare_choice(diagnoses, families, key="fx_compare")
    if len(chosen) >= 2:
        table = dx.discriminating_findings(chosen, knowledge, labels)
        st.markdown(scrollable(markdown_table(
            [{"finding": labels[f], **{diagnoses[d]: "; ".join(cells[d]) or "—" for d in chosen}}
             for f, cells in table.items()])), unsafe_allow_html=True)
        st.caption("Only findings that act differently on the chosen diagnoses are listed.")
    else:
        st.caption("Choose at least two different diagnoses to compare.")


compare()
