"""Your own cases: upload a data package for this session, or go back to the shipped series."""

import streamlit as st

from components.shell.data_access import require_series, series_uploaded, use_series
from components.shell.notes import teaching_note
from components.files.template_zip import template_zip
from components.files.upload_box import OUTCOME, budget_sentence, check_upload, read_and_drop, upload_box
from imos.dataset.uploads import MAX_PACKAGE_BYTES
from imos.text import escape_markdown

series = require_series()
st.title("Your own cases")
st.markdown(
    "Load another case series, for example your own anonymised patients or other "
    "published IMOS cases, and every page (timelines, matrix, explorer presets, "
    "walk-through, road, handouts) works on it. It stays in **this browser session "
    "only**: nothing is written to the server and nobody else sees it. Reloading the "
    "page or closing the tab forgets it."
)
teaching_note()

uploaded_now = series_uploaded()
st.markdown(f"**In use now:** {escape_markdown(series.meta['title'])} "
            f"({len(series.cases)} cases){' — uploaded' if uploaded_now else ''}.")
if uploaded_now:
    st.button("Back to the shipped series", key="pkg_reset",
              on_click=use_series, args=(None,), icon=":material/undo:")

st.subheader("1. Start from the template")
st.markdown(
    "The template holds the files of a package with their columns, an example patient "
    "in comments, and the format description (`README.md`). Fill in your cases, zip "
    "the folder (or keep the loose files) and upload it below."
)
st.download_button("Package template (zip)", data=template_zip(), file_name="imos-package-template.zip",
                   mime="application/zip", key="pkg_template", on_click="ignore",
                   icon=":material/download:")

st.subheader("2. Upload it")
st.caption(budget_sentence() + " Files are read when you press the button and then dropped "
           "from the server's memory; only the checked series is kept, for this session.")
files = upload_box(
    f"One .zip of the package, or its loose files (series.yaml, cases.yaml, findings.csv, "
    f"events.csv, optional others, and images.csv with its PNG or JPEG images); at most "
    f"{MAX_PACKAGE_BYTES // 1_000_000} MB unpacked",
    ["zip", "yaml", "yml", "csv", "png", "jpg", "jpeg"],
)
# a secondary button: a primary one's white label is unreadable on the dark theme's blue
if st.button("Check and use these files", key="pkg_load", disabled=not files):
    st.session_state[OUTCOME] = check_upload(read_and_drop(files))
    st.rerun()  # the emptied upload box is drawn at once

outcome = st.session_state.pop(OUTCOME, None)
if outcome is not None and outcome.ignored:
    st.caption("Ignored (not part of a package): " + escape_markdown(", ".join(outcome.ignored)))
if outcome is not None and outcome.loaded:
    st.success(f"Loaded {escape_markdown(outcome.title)} ({outcome.cases} cases) for this "
               "session. Open any page from the menu.", icon=":material/check:")
elif outcome is not None:
    st.error(f"The package was not loaded: {len(outcome.problems)} problem(s). The app keeps "
             f"using {escape_markdown(series.meta['title'])}. Fix the files and upload them "
             "again.", icon=":material/error:")
    st.code("\n".join(outcome.problems), language=None, wrap_lines=True)
