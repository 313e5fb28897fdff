"""A floor for the explorer itself: its panel (the same custom widget, in a fragment, the
address bar kept in step) with a fixed differential of the usual size and nothing worked
out. The benchmark measures it beside the bare app and the explorer: the distance from
the bare app is Streamlit's, the distance to the explorer is the app's own work."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import streamlit as st  # noqa: E402

from components.explorer.panel import explorer_panel, last_event  # noqa: E402
from imos.teaching.scenario import apply_event  # noqa: E402

BLOCK = "<p>" + "differential " * 540 + "</p>"  # about 7 KB, like the explorer's
st.session_state.setdefault("state", {"nidus": "unknown"})


def _on_set() -> None:
    event = last_event("fx_findings")
    state = apply_event(st.session_state["state"], *event) if event else None
    if state is not None:
        st.session_state["state"] = state


@st.fragment
def panel() -> None:
    state = st.session_state["state"]
    st.query_params["nidus"] = state["nidus"]
    explorer_panel(None, state, BLOCK, "", "", key="fx_findings", on_set=_on_set)


panel()
