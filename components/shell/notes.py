"""Notes every page shows: the teaching-use warning and the source line."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.files.citation import doi_url, short_citation, valid_doi
from imos.text import escape_markdown

TEACHING_NOTE = (
    "**For teaching only, not for clinical decisions.** This app retells a case series "
    "and its authors' reasoning. It cannot diagnose anyone."
)


def teaching_note() -> None:
    st.warning(TEACHING_NOTE, icon=":material/school:")


def source_line(meta: Mapping) -> str:
    """The sidebar's citation as markdown: every piece of metadata escaped, the DOI linked
    only when it has a DOI's syntax (so a package's metadata cannot add a link or an
    image to the page)."""
    url = doi_url(meta)
    link = f", [doi:{escape_markdown(valid_doi(meta))}]({url})" if url else ""
    licence = ", CC BY 4.0" if "CC BY 4.0" in meta.get("licence", "") else ""
    try:
        source = short_citation(meta)
    except (IndexError, KeyError, AttributeError, TypeError):  # e.g. authors ", Smith J"
        source = str(meta.get("title", "this series"))
    return f"Source: {escape_markdown(source)}{link}{licence}."


def sidebar_source(meta: Mapping) -> None:
    """The citation for the sidebar of every page (the teaching note is on the page
    itself, once)."""
    st.caption(source_line(meta))
