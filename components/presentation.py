"""Presentation mode: large type, no sidebar or toolbar, for a projector at a journal club."""

from __future__ import annotations

import streamlit as st

PRESENTATION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none !important; }
[data-testid="stMainBlockContainer"] { max-width: 1200px; padding-top: 1.5rem; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] label { font-size: 1.45rem !important; line-height: 1.45; }
[data-testid="stMainBlockContainer"] td, [data-testid="stMainBlockContainer"] th {
  font-size: 1.3rem !important; }
[data-testid="stMainBlockContainer"] code { font-size: 1.2rem !important; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.6rem !important; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2.1rem !important; }
[data-testid="stMainBlockContainer"] button p { font-size: 1.25rem !important; }
</style>
"""


def presentation_style() -> None:
    """Restyle the page for a projector (inserted once per run; nothing is shown)."""
    st.html(PRESENTATION_CSS)
