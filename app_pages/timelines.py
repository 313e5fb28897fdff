"""Case timelines: how long each patient waited for a diagnosis, and how the pain went."""

import streamlit as st

from components.shell.data_access import require_series
from components.shell.derived import derived
from components.files.downloads import csv_download
from components.shell.notes import teaching_note
from components.charts.timeline_chart import pain_course_figure, pain_summary, timeline_figure
from imos.teaching import timeline
from imos.text import escape_markdown

series = require_series()
PLOT_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}

st.title("Case timelines")
st.markdown(
    "Each lane is one patient. Month 0 is the open biopsy, which gave the diagnosis. "
    "**Hatched** bars and **open** markers are times the paper gives only roughly, or "
    "only as an interval; hover over any mark for the paper's wording, how exact the "
    "time is, and where it stands in the paper."
)
teaching_note()

# Options are shown as they are, so a shared link reads ?axis=onset.
axis = st.segmented_control(
    "Count months from the",
    options=list(timeline.AXIS_TITLES),
    default="biopsy",
    key="axis",
    bind="query-params",
    required=True,
) or "biopsy"  # an empty ?axis= in a link yields no selection
if axis == "onset":
    st.caption(
        "Counting from onset makes every time approximate, because the paper gives onset "
        "only as 'about' 2 years or 8 months before the diagnosis."
    )

cases, events = series.cases, series.events
PER_PAGE = 10
if len(series.cases) > PER_PAGE:  # hundreds of lanes are unreadable: search, sort, page
    find, order, number = st.columns([2, 2, 1])
    # the chosen view is in the address bar, so it survives a reload and can be shared
    search = find.text_input("Find a case (label or id)", key="tl_search", max_chars=60,
                             bind="query-params")
    sort = order.selectbox("Order", list(timeline.SORTS), format_func=timeline.SORTS.get,
                           key="tl_sort", bind="query-params")
    _, pages = timeline.case_page(series.cases, search, sort, 1, PER_PAGE)
    page = number.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1,
                               step=1, key="tl_page", bind="query-params")
    cases, pages = timeline.case_page(series.cases, search, sort, int(page), PER_PAGE)
    events = series.events[series.events["case_id"].isin(cases["case_id"])]
    st.caption(f"Showing {len(cases)} of {len(series.cases)} cases.")
    if cases.empty:
        st.info("No case matches the search.")
        st.stop()

st.subheader("From first symptoms to last follow-up")
# Figures are pure functions of read-only data: built once per page of cases and axis.
shown_ids = tuple(cases["case_id"])
st.plotly_chart(
    derived(series, ("timeline", shown_ids, axis), lambda: timeline_figure(cases, events, axis)),
    key="timeline_chart", config=PLOT_CONFIG, width="stretch",
)
st.caption("Text alternative: "
           + escape_markdown(timeline.timeline_summary(cases, events)))
shown = timeline.shift_for_axis(events, axis)
csv_download(
    shown[["case_id", "order", "event", "category", "start", "end", "precision", "wording",
           "source"]],
    f"imos-timeline-{axis}.csv", "Timeline data (CSV)", key="download_timeline",
)

st.subheader("Pain course")
st.markdown(
    "The paper describes pain in words, never as a score. The levels below only order "
    "those words; the dotted lines join reported points and say nothing about the time "
    "between them. A shaded band marks a change the paper reports without a level."
)
st.plotly_chart(
    derived(series, ("pain", shown_ids, axis),
            lambda: pain_course_figure(cases, events, series.catalogue.pain_levels, axis)),
    key="pain_chart", config=PLOT_CONFIG, width="stretch",
)
st.caption(
    "Text alternative: "
    + escape_markdown(pain_summary(cases, events, series.catalogue.pain_levels))
)
pain = timeline.pain_course(events, series.catalogue.pain_levels, axis)
csv_download(
    pain[["case_id", "event", "start", "end", "precision", "pain_level", "level_label",
          "wording", "source"]],
    f"imos-pain-course-{axis}.csv", "Pain-course data (CSV)", key="download_pain",
)
