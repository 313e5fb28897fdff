"""One warning, on any page, for the parts of its link it will not use."""

from __future__ import annotations

import streamlit as st

from components.shell.navigation import PageSpec
from imos.data import CaseSeries
from imos.teaching.links import link_problems
from imos.text import escape_markdown
from imos.teaching.timeline import AXIS_TITLES


def link_values(series: CaseSeries) -> dict[str, tuple[str, ...]]:
    """The values a link may give, by the names `PageSpec.link` uses."""
    return {"axes": tuple(AXIS_TITLES), "case_ids": tuple(series.cases["case_id"]),
            "flag": ("1", "0")}


def warn_about_link(page: PageSpec, series: CaseSeries) -> None:
    """Warn once about unknown keys and bad values in the link of `page`."""
    if page.link is None or not st.query_params:
        return
    values = link_values(series)
    expected = {key: (values[name] if name else None) for key, name in page.link.items()}
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    problems = link_problems(params, expected)
    if problems:
        st.warning("Some parts of the link were ignored: "
                   + escape_markdown("; ".join(problems)) + ".", icon=":material/link_off:")
