"""Exclusion explorer: set findings, watch the differential update, share the scenario."""

import streamlit as st

from components.data_access import require_knowledge, require_series
from components.derived import derived
from components.differential_view import STATUS_BADGES, status_badge, verdict_markdown
from components.handout_download import explorer_handout, handout_button, scenario_link
from components.notes import teaching_note
from imos import differential as dx
from imos.scenario import parse_query, to_query
from imos.text import escape_markdown, markdown_table

series = require_series()
knowledge = require_knowledge()
catalogue = series.catalogue
labels = dict(zip(catalogue.findings["finding_id"], catalogue.findings["label"]))
diagnoses = dict(zip(knowledge.diagnoses["diagnosis_id"], knowledge.diagnoses["label"]))
finding_ids = list(catalogue.findings["finding_id"])
case_labels = dict(zip(series.cases["case_id"], series.cases["label"]))
_by_case = derived(series, "case_findings", lambda: dx.all_case_findings(series.findings))
presets = {c: _by_case.get(c, {}) for c in case_labels}
# The findings of each section, worked out once per page run (fragment reruns reuse it).
_groups = dict(zip(catalogue.groups["group_id"], catalogue.groups["section"]))
sections: dict[str, list[tuple[str, str, str]]] = {}
for _row in catalogue.findings.itertuples():
    sections.setdefault(_groups[_row.group_id], []).append(
        (_row.finding_id, _row.label, _row.description))
MANY_PRESETS = 6
STATE_WORDS = {"present": "+ present", "absent": "− absent", "unknown": "? unknown"}


def _key(finding_id: str) -> str:
    return f"fx_{finding_id}"


def _current() -> dict[str, str]:
    return {f: st.session_state.get(_key(f), "unknown") for f in finding_ids}


def _apply(state: dict[str, str]) -> None:
    for finding_id in finding_ids:
        st.session_state[_key(finding_id)] = state.get(finding_id, "unknown")


# First run of this page in this session: read the shared link once. Another page (the
# walk-through) may ask for the link to be read again when it sends the reader here.
if "fx_started" not in st.session_state or st.session_state.pop("fx_read_link", False):
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state, _, problems = parse_query(params, finding_ids, presets)
    _apply(state)
    st.session_state["fx_started"] = True
    st.session_state["fx_problems"] = problems
    st.session_state["fx_previous"] = state

# Widget values are dropped by Streamlit while another page is shown; restore them from
# the last state this page saw, so coming back keeps the scenario.
for _finding_id, _value in st.session_state["fx_previous"].items():
    st.session_state.setdefault(_key(_finding_id), _value)

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


@st.fragment
def explorer() -> None:
    """The whole interactive panel; a click here reruns only this function."""
    if len(presets) <= MANY_PRESETS:
        presets_row = st.columns(len(presets) + 1)
        for column, case_id in zip(presets_row, presets):
            column.button(f"As {case_labels[case_id]} presented", key=f"fx_preset_{case_id}",
                          on_click=_apply, args=(presets[case_id],), width="stretch")
        reset_column = presets_row[-1]
    else:  # hundreds of cases: pick one (the box is searchable), then load it
        pick, load, reset_column = st.columns([3, 1, 1], vertical_alignment="bottom")
        chosen = pick.selectbox("Load a case as presented", list(presets),
                                format_func=case_labels.get, key="fx_preset_pick")
        load.button("Load", key="fx_preset_load", on_click=lambda: _apply(
            presets[st.session_state["fx_preset_pick"]]), width="stretch")
    reset_column.button("Reset to unknown", key="fx_reset", on_click=_apply, args=({},),
                        width="stretch", icon=":material/restart_alt:")

    controls, results = st.columns([2, 3], gap="large")
    with controls:
        st.subheader("Findings")
        for section, findings in sections.items():
            with st.expander(section, expanded=section == "History and examination"):
                for finding_id, label, description in findings:
                    st.segmented_control(
                        label, options=list(STATE_WORDS), format_func=STATE_WORDS.get,
                        key=_key(finding_id), required=True, help=description,
                    )

    state = _current()
    st.query_params.from_dict(to_query(state))
    verdicts = dx.evaluate(state, knowledge)
    previous = st.session_state["fx_previous"]
    if previous != state:
        changes = dx.moved(dx.evaluate(previous, knowledge), verdicts)
        st.session_state["fx_moved"] = changes
        st.session_state["fx_previous"] = state

    with results:
        st.subheader("Differential")
        counts = {s: sum(v.status == s for v in verdicts) for s in STATUS_BADGES}
        st.markdown(" ".join(f"{status_badge(s)} {n}" for s, n in counts.items()))
        moved = st.session_state.get("fx_moved")
        if moved:
            st.info("Last change moved: " + "; ".join(
                f"{diagnoses[d]} {a} → {b}" for d, (a, b) in moved.items()),
                icon=":material/swap_vert:")
        decisive_all = dx.decisive_for_all(state, knowledge)
        for verdict in sorted(verdicts, key=lambda v: dx.STRONGEST_FIRST.index(v.status)):
            with st.expander(f"{verdict.label}  ·  {STATUS_BADGES[verdict.status][2]}"):
                text = status_badge(verdict.status) + "\n\n" + verdict_markdown(verdict, labels)
                if verdict.status != "excluded":
                    decisive = decisive_all[verdict.diagnosis_id]
                    text += "\n\n" + ("**Would be excluded by:** " + "; ".join(
                        f"{escape_markdown(labels[f].lower())} {v}" for f, v in decisive)
                        if decisive else "*No single unknown finding would exclude it.*")
                st.markdown(text)

        st.subheader("What to ask or image next")
        ranked = dx.next_questions(state, knowledge)[:8]
        if ranked:
            st.markdown(markdown_table(
                [{"finding": labels[f], "open diagnoses it can settle": n,
                  "which": ", ".join(diagnoses[d] for d in ds)} for f, n, ds in ranked]))
        else:
            st.caption("No unknown finding would exclude any open diagnosis.")

        st.subheader("Take it home")
        link = scenario_link("explorer", to_query(state))
        handout_button(lambda: explorer_handout(state, verdicts, series, diagnoses, link),
                       "imos-explorer-handout.html", key="fx_handout")

    st.subheader("Compare diagnoses")
    open_ids = [v.diagnosis_id for v in verdicts if v.status != "excluded"]
    chosen = st.multiselect(
        "Two or three diagnoses", list(diagnoses), default=(open_ids + list(diagnoses))[:2],
        format_func=diagnoses.get, max_selections=3, key="fx_compare",
    )
    if len(chosen) >= 2:
        table = dx.discriminating_findings(chosen, knowledge)
        st.markdown(markdown_table(
            [{"finding": labels[f], "now": state[f],
              **{diagnoses[d]: "; ".join(cells[d]) or "—" for d in chosen}}
             for f, cells in table.items()]))
        st.caption("Only findings that act differently on the chosen diagnoses are listed.")
    else:
        st.caption("Choose at least two diagnoses to compare.")


explorer()
