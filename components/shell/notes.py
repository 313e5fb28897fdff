"""Notes every page shows: the teaching-use warning and the source line."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.files.citation import doi_url, short_citation
from imos.text import escape_markdown

TEACHING_NOTE = (
    "**For teaching only, not for clinical decisions.** This app retells a case series "
    "and its authors' reasoning. It cannot diagnose anyone."
)


def teaching_note() -> None:
    st.warning(TEACHING_NOTE, icon=":material/school:")


def sidebar_source(meta: Mapping) -> None:
    """The citation for the sidebar of every page (the teaching note is on the page
    itself, once)."""
    try:
        source = short_citation(meta)
    except (IndexError, KeyError, AttributeError, TypeError):  # e.g. authors ", Smith J"
        source = str(meta.get("title", "this series"))
    link = f", [doi:{meta['doi']}]({doi_url(meta)})" if meta.get("doi") else ""
    licence = ", CC BY 4.0" if "CC BY 4.0" in meta.get("licence", "") else ""
    st.caption(f"Source: {escape_markdown(source)}{link}{licence}.")
