"""The case library (the literature suite, `data/literature/cases`), loaded once per
process and shared read-only, like the case series. A teacher's own folder of case files
in the same format is used instead when `IMOS_LIBRARY_DIR` names it. A broken file is shown
as a list of problems (file, field), never as a traceback."""

from __future__ import annotations

import os

import streamlit as st

from imos.dataset.literature import DEFAULT_LITERATURE_DIR, LiteratureCase, load_literature
from imos.dataset.problems import DataFileError

LIBRARY_DIR_VARIABLE = "IMOS_LIBRARY_DIR"


def library_dir() -> str:
    return os.environ.get(LIBRARY_DIR_VARIABLE) or str(DEFAULT_LITERATURE_DIR)


@st.cache_resource(show_spinner=False, max_entries=2)
def _load(folder: str) -> tuple[LiteratureCase, ...]:
    return tuple(load_literature(folder))


def require_library() -> tuple[LiteratureCase, ...]:
    """The library's cases, or a clear message on the page and a stop."""
    try:
        return _load(library_dir())
    except DataFileError as error:
        st.error("The case library could not be loaded. Fix the problems listed below in "
                 "its case files and reload the page.", icon=":material/error:")
        st.code("\n".join(str(p) for p in error.problems), language=None, wrap_lines=True)
        st.stop()


def library_by_id() -> dict[str, LiteratureCase]:
    return {c.case_id: c for c in require_library()}


def short_name(case: LiteratureCase) -> str:
    """'Tuteja 2016' (first author's surname and year), for lists and menus."""
    first = case.citation.authors.split(",")[0].split(" et al")[0].strip().rstrip(".")
    words = first.split(" ")
    if len(words) > 1 and words[-1].isupper() and len(words[-1]) <= 3:  # initials last
        words = words[:-1]
    return f"{' '.join(words)} {case.citation.year}"
