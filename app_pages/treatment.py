"""Treatment and outcome: what the open biopsy did for the pain, and the paper's argument."""

import streamlit as st

from components.shell.data_access import require_series, treatment_story
from components.shell.notes import teaching_note
from components.shell.presentation import presenting, presentation_style
from components.charts.timeline_chart import pain_course_figure, pain_summary
from imos.text import escape_markdown
from imos.dataset.treatment import SECTIONS

series = require_series()
story = treatment_story()
if presenting():
    presentation_style()


def points(section: str) -> None:
    """One section of the story as a list, each point with its place in the paper."""
    st.subheader(SECTIONS[section])
    for point in story.section(section):
        st.markdown(f"- {escape_markdown(point.text)} *({escape_markdown(point.source)})*")


st.title("Treatment and outcome")
st.markdown(
    "The biopsy that confirmed IMOS in these patients was also, the authors argue, its "
    "treatment: opening the bone decompressed the medulla, and the severe pain eased. "
    "This page tells that argument, what happened to each patient's pain, and where the "
    "evidence stops."
)
teaching_note()
if story is None:
    st.info("This series tells no treatment story: the page retells the one of Abe et al. "
            "2020, and an uploaded series has none.", icon=":material/info:")
    st.stop()

points("procedure")
points("argument")

st.subheader(SECTIONS["outcome"])
cases, events, levels = series.cases, series.events, series.catalogue.pain_levels
st.plotly_chart(pain_course_figure(cases, events, levels), key="treatment_pain",
                width="stretch", config={"displaylogo": False})
st.caption("Month 0 is the open biopsy. The pain scale is our ordering of the paper's own "
           "words, not a measurement. Text alternative: "
           + escape_markdown(pain_summary(cases, events, levels)))
labels = dict(zip(cases["case_id"], cases["label"]))
for column, case_id in zip(st.columns(len(labels)), labels):
    outcome = story.outcome(case_id)
    with column.container(border=True):
        st.markdown(f"**{escape_markdown(labels[case_id])}**")
        st.markdown(escape_markdown(outcome.text) if outcome else "*No outcome reported.*")
        if outcome:
            st.caption(escape_markdown(outcome.source))

points("limits")
points("unknown")
st.caption("Present this page on a projector with `?present=1` in the address.")
