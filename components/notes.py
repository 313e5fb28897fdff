"""Notes every page shows: the teaching-use warning and the source line."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.citation import doi_url, short_citation

TEACHING_NOTE = (
    "**For teaching only, not for clinical decisions.** This app retells a published case "
    "series of three patients and the authors' reasoning. It cannot diagnose anyone."
)


def teaching_note() -> None:
    st.warning(TEACHING_NOTE, icon=":material/school:")


def sidebar_source(meta: Mapping) -> None:
    """Short teaching note and citation for the sidebar of every page."""
    st.caption(TEACHING_NOTE)
    st.caption(f"Source: {short_citation(meta)}, [doi:{meta['doi']}]({doi_url(meta)}), CC BY 4.0.")
