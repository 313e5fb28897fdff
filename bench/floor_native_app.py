"""A floor for pages like the explorer: one native toggle in a fragment, the address bar
kept in step, and one HTML block the size of the explorer's differential, computed by
nothing. The benchmark measures it beside the bare app to show what such a page costs
Streamlit before the app does any work of its own."""

import streamlit as st

BLOCK = "<p>" + "differential " * 540 + "</p>"  # about 7 KB, like the explorer's


@st.fragment
def panel() -> None:
    value = st.segmented_control("Finding", ["present", "absent"], key="toggle",
                                 default="present", required=True)
    st.query_params["nidus"] = value
    st.html(f"<p>The finding is {value}.</p>{BLOCK}")


panel()
