"""The floor: a bare Streamlit app with one toggle and one line of output.

The benchmark measures it beside IMOS Case Explorer in the same run, so every figure can
be read as a multiple of what Streamlit itself costs on the machine at hand.
"""

import streamlit as st

value = st.segmented_control("Finding", ["present", "absent"], key="toggle", default="present",
                             required=True)
st.write(f"The finding is {value}.")
