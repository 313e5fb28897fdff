"""Sources: how to cite, where the paper contradicts itself, the data, and the references."""

import streamlit as st

from components.shell.data_access import require_knowledge, require_series
from components.shell.notes import teaching_note
from components.shell.tables import table_below_text
from imos.files.citation import (
    bibliography_bibtex,
    bibliography_ris,
    bibtex,
    citation_text,
    doi_url,
    is_published,
    ris,
)
from imos.files.export import csv_bytes, external_references, series_json, series_tables
from imos.text import escape_markdown

series = require_series()
knowledge = require_knowledge()
meta = series.meta

st.title("Sources and data")
teaching_note()

st.header("The paper")
st.markdown(escape_markdown(citation_text(meta))
            + (f"  \n[{doi_url(meta)}]({doi_url(meta)})" if doi_url(meta) else ""))
if is_published(meta):
    bib, ris_tab = st.tabs(["BibTeX", "RIS"])
    with bib:
        st.code(bibtex(meta), language="bibtex", wrap_lines=True)
    with ris_tab:
        st.code(ris(meta), language=None, wrap_lines=True)
licence = "**Licence.** " + escape_markdown(meta["licence"])
if "CC BY 4.0" in meta["licence"]:
    licence += (" CC BY 4.0 (Creative Commons Attribution 4.0) allows reuse with "
                "attribution. This app cites where each fact stands and reproduces no "
                "figure or passage of the paper.")
st.markdown(licence)

st.header("Where the paper contradicts itself")
st.markdown(
    "Every discrepancy found while building the dataset, with each reading and the one "
    "the dataset uses. Cells of the findings matrix affected by one carry a †."
)
readings = series.discrepancy_readings.groupby("discrepancy_id", sort=False)
for row in series.discrepancies.itertuples():
    case = f"Case {row.case_id}" if isinstance(row.case_id, str) and row.case_id else "Series"
    with st.expander(f"{case}: {row.topic}"):
        for reading in readings.get_group(row.discrepancy_id).itertuples():
            st.markdown(f"- **{escape_markdown(reading.source)}**: {escape_markdown(reading.reading)}")
        st.markdown(f"*The dataset uses:* {escape_markdown(row.dataset_uses)}")

st.header("Download the data")
st.markdown(
    "The whole dataset and knowledge base as one JSON file, or any table as CSV. Each row "
    "names its source in the paper (or the reference it comes from)."
)
tables = series_tables(series, knowledge)
st.download_button(
    "Everything (JSON)", data=lambda: series_json(series, knowledge),
    file_name=f"{meta['series_id']}-dataset.json", mime="application/json", key="src_json",
    on_click="ignore", icon=":material/download:",
)
with st.container(horizontal=True):
    for name, table in tables.items():
        st.download_button(
            f"{name.replace('_', ' ')} ({len(table)} rows)",
            data=lambda table=table: csv_bytes(table),
            file_name=f"{meta['series_id']}-{name}.csv", mime="text/csv", key=f"src_{name}",
            on_click="ignore", icon=":material/table:",
        )

st.header("References of the knowledge base")
st.markdown(
    "Rules that go beyond the paper cite other literature; so do the caveats. Each entry "
    "below is cited by rules on the listed diagnoses (see the Differential criteria page). "
    "The paper's own reference list is in the article itself."
)
references = external_references(knowledge)
table_below_text(references, hide_index=True, width="stretch")
st.caption("For a reference manager: the paper and every reference above in one file. The "
           "references are written as the rules cite them (nothing added); complete them "
           "from the originals.")
with st.container(horizontal=True):
    cited = list(references["reference"])
    st.download_button(
        "References (.bib)", data=lambda: bibliography_bibtex(meta, cited),
        file_name=f"{meta['series_id']}-references.bib", mime="application/x-bibtex",
        key="src_bib", on_click="ignore", icon=":material/menu_book:")
    st.download_button(
        "References (.ris)", data=lambda: bibliography_ris(meta, cited),
        file_name=f"{meta['series_id']}-references.ris",
        mime="application/x-research-info-systems", key="src_ris", on_click="ignore",
        icon=":material/menu_book:")
