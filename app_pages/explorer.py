"""Exclusion explorer: set findings, watch the differential update, share the scenario.

A toggle reruns only the panel (an st.fragment), and the panel is one element: findings
and differential are one custom widget (components/explorer/panel), because Streamlit
sends every element as a message of its own on every rerun (bench/README.md). The
session's state and its moves are `components.explorer.session`'s; the verdicts and HTML
of each state, shared by a room, `components.differential.explorer_views`'.
"""

import streamlit as st

from components.shell.addresses import EXPLORER, address, here, show_scenario
from components.shell.data_access import require_knowledge, require_series
from components.shell.error_boundary import guarded
from components.charts.bone_view import bone_markup
from components.differential.library_access import require_library
from components.explorer.controls import compare_diagnoses, library_row, preset_row
from components.explorer.inputs import explorer_inputs
from components.explorer.panel import explorer_panel
from components.explorer.session import PANEL_KEY, ExplorerSession
from components.differential.explorer_views import ExplorerViews
from components.files.handout_download import explorer_handout, handout_buttons
from components.shell.notes import teaching_note
from components.shell.test_probes import probe
from imos.teaching.scenario import describe
from imos.text import escape_markdown

series, knowledge = require_series(), require_knowledge()
inputs = explorer_inputs(series, knowledge, require_library())
labels, diagnoses, families = inputs.labels, inputs.diagnoses, inputs.families
case_labels, presets, layout = inputs.case_labels, inputs.presets, inputs.layout
library, library_names = inputs.library, inputs.library_names

session = ExplorerSession(inputs.finding_ids, inputs.sections)
session.start(presets, library, ages=inputs.ages)
probe("explorer-page-runs", session.runs)
views = ExplorerViews(series, knowledge, labels, diagnoses, families, inputs.published)

st.title("Exclusion explorer")
st.markdown(
    "Set what is known about a patient and watch the differential update. Each diagnosis "
    "shows its status and, opened, the rules that moved it, with their sources. Unknown "
    "findings never exclude anything. The address bar always holds the scenario: copy it "
    "to share exactly this state."
)
teaching_note()
if session.problems:
    st.warning("Some parts of the link were ignored: "
               + escape_markdown("; ".join(session.problems)) + ".", icon=":material/link_off:")

preset_row(presets, case_labels, session.apply)
library_row(library, library_names, session.apply, session.library_id)
st.number_input("Age in years (sets the age findings: adult, under 30, 40 or older)",
                min_value=0, max_value=120, value=None, step=1, key="fx_age",
                on_change=session.on_age, placeholder="unknown")


@st.fragment
@guarded("explorer panel")
def explorer() -> None:
    """Findings and differential; a click here reruns only this function."""
    state = session.state
    if session.refused:
        st.warning(escape_markdown(session.refused), icon=":material/block:")
    loaded = {session.library_id: library[session.library_id]} \
        if session.library_id in library else {}
    link = show_scenario(state, presets, session.case_id, loaded)
    moved, change = session.moved(views.change)
    due = session.layout_due()
    explorer_panel(layout if due else None, state, *views.panel(state, moved, change),
                   key=PANEL_KEY, on_set=session.on_set,
                   scenario=describe(link, case_labels, labels, library_names),
                   has_case=session.case_id is not None, texts=session.folded_texts(due),
                   bone=bone_markup(state, labels))
    session.leave_for_handout(state=state, verdicts=views.verdicts(state), link=link)


page_address = here()  # read once per page run; the handout's link is made from it
explorer()
st.subheader("Take it home")
st.caption("The address bar holds this scenario: copy it to share exactly this state. The "
           "handout (one HTML file, or a PDF) holds the findings, every verdict and its sources.")
handout = session.handout_inputs()
handout_buttons(
    lambda chart_format: explorer_handout(
        handout["state"], handout["verdicts"], series, diagnoses,
        address(page_address, EXPLORER, handout["link"]), chart_format),
    "imos-explorer-handout", key="fx_handout")
compare_diagnoses(diagnoses, families, knowledge, labels)
