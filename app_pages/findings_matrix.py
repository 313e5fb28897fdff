"""Imaging-findings matrix: which findings each case had, by modality, with sources."""

import streamlit as st

from components.charts.bone_view import stage_images
from components.shell.data_access import require_series
from components.shell.derived import derived
from components.files.downloads import csv_download
from components.charts.matrix_chart import (
    matrix_figure,
    matrix_summary,
    prevalence_figure,
    prevalence_summary,
)
from components.shell.notes import teaching_note
from components.shell.tables import MRI_COLUMNS, wrapped_table
from imos.teaching import matrix
from imos.text import escape_markdown

series = require_series()
groups = series.catalogue.groups
MANY_CASES = 12  # more columns than this stop being readable; the summary takes over
DETAILED = 3  # cases shown case by case at first when there are many

st.title("Imaging-findings matrix")
st.markdown(
    "Cases are columns; findings are rows, grouped by how they were examined. Each cell "
    "has a colour **and** a symbol: **+** present, **−** absent, **?** not assessed or not "
    "reported. A **†** marks a cell where the paper disagrees with itself. Hover over a "
    "cell for the paper's wording, its source and, where marked, both readings."
)
teaching_note()

# Pills, not multiselects: Streamlit writes a multiselect's tags white on the primary
# colour, unreadable on the dark theme's light blue. The choice is in the address bar.
group_label = series.catalogue.group_labels
case_label = series.case_labels
chosen_groups = st.pills(
    "Modalities", options=list(group_label), default=list(group_label),
    format_func=group_label.get, selection_mode="multi", key="matrix_groups",
    bind="query-params",
)
if len(series.cases) <= MANY_CASES:
    chosen_cases = st.pills(
        "Cases", options=list(case_label), default=list(case_label)[:DETAILED],
        format_func=lambda c: escape_markdown(case_label[c]), selection_mode="multi",
        key="matrix_cases",
        bind="query-params",
    )
else:  # too many to show as pills: a searchable list
    chosen_cases = st.multiselect(
        "Cases", options=list(case_label), default=list(case_label)[:DETAILED],
        format_func=case_label.get, key="matrix_cases", max_selections=MANY_CASES,
        help="Type to search the cases.", bind="query-params",
    )

if len(series.cases) > MANY_CASES:
    st.subheader(f"All {len(series.cases)} cases at a glance")

    def _summary():
        table = matrix.prevalence(matrix.findings_matrix(series, groups=chosen_groups))
        return table, prevalence_figure(table)

    everything, figure = derived(series, ("prevalence", tuple(chosen_groups)), _summary)
    st.plotly_chart(figure, key="prevalence_chart", width="stretch",
                    config={"displaylogo": False})
    st.caption("Text alternative: " + escape_markdown(prevalence_summary(everything, len(series.cases))))
    st.subheader(f"Case by case (up to {MANY_CASES}; choose them above)")

cells = derived(series, ("cells", tuple(chosen_groups), tuple(chosen_cases)),
                lambda: matrix.findings_matrix(series, groups=chosen_groups, cases=chosen_cases))
if cells.empty:
    st.info("Choose at least one modality and one case to see the matrix.")
    st.stop()

shared = matrix.shared_by_all(cells)
st.plotly_chart(
    derived(series, ("matrix", tuple(chosen_groups), tuple(chosen_cases)),
            lambda: matrix_figure(cells)), key="matrix_chart", width="stretch",
    config={"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}},
)
st.caption("Text alternative: " + escape_markdown(matrix_summary(cells, shared)))
csv_download(
    cells[["case_id", "case_label", "group_label", "finding_id", "label", "value", "wording",
           "source", "discrepancy"]],
    "imos-findings-matrix.csv", "Matrix data (CSV)", key="download_matrix",
)

# The package's own images of the cases shown, by examination (none: no section at all)
shown_images = [i for i in series.images if i.case_id in set(cells["case_id"])]
if shown_images:
    st.subheader("Images of these cases")
    exam_label = series.catalogue.examination_short_labels
    for case_id in dict.fromkeys(cells["case_id"]):
        exams = [e for e in exam_label if any(i.case_id == case_id and i.examination_id == e
                                              for i in shown_images)]
        for exam in exams:
            st.markdown(f"**{escape_markdown(case_label[case_id])} · "
                        f"{escape_markdown(exam_label[exam])}**")
            stage_images(series, case_id, (exam,))

n = cells["case_id"].nunique()
scope = "all three cases" if n == 3 else f"all {n} cases shown" if n > 1 else "this case"
st.subheader(f"Shared by {scope}")
st.markdown(
    f"**Present:** {', '.join(shared['present']) or 'none'}  \n"
    f"**Absent:** {', '.join(shared['absent']) or 'none'}"
)
if any(label.endswith("†") for labels_ in shared.values() for label in labels_):
    st.caption("† For some of these cases the paper disagrees with itself (for example, "
               "cortical thickening in Cases 2 and 3 is in the figure captions only); the "
               "matrix's hover and the Sources page give both readings.")

st.subheader("MRI acquisition parameters")
mri = matrix.mri_parameters_table(series, cases=chosen_cases)
wrapped_table(mri, "MRI acquisition parameters", MRI_COLUMNS)  # long "signal" cells wrap
st.caption(
    "As reported in the case descriptions. The paper calls STIR 'T2-weighted'; Case 3 was "
    "imaged with fat-suppressed T2 instead of STIR and with thicker slices."
)
csv_download(mri, "imos-mri-parameters.csv", "MRI parameters (CSV)", key="download_mri")
