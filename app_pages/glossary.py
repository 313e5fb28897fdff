"""Glossary: every finding of the catalogue, by its label, with what it means."""

import streamlit as st

from components.shell.data_access import require_series
from components.shell.notes import teaching_note
from imos.text import escape_markdown

series = require_series()
st.title("Glossary")
teaching_note()
findings = series.catalogue.findings
st.markdown("\n".join(
    f"- **{escape_markdown(row.label)}**: {escape_markdown(row.description)}"
    for row in findings.itertuples()))
