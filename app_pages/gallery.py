"""A gallery of look-alikes: per diagnosis, its published cases side by side with IMOS
cases (the library's and the case series' own), with the findings that told them apart
in each report and the rules that carry them.

The address holds the diagnosis (`?dx=paget`, and `&vs=...` to compare with another than
IMOS), so the criteria page and the explorer link straight to it.
"""

import streamlit as st

from components.differential.gallery_view import columns
from components.differential.library_access import require_library, short_name
from components.differential.practice_view import limits_note
from components.shell.data_access import require_knowledge, require_series
from components.shell.navigation import GALLERY_LINK
from components.shell.notes import teaching_note
from imos.teaching import gallery
from imos.teaching.links import link_problems
from imos.teaching.practice import citation_link
from imos.text import escape_markdown

series, knowledge = require_series(), require_knowledge()
labels = series.catalogue.finding_labels
diagnoses = knowledge.diagnosis_labels
cases = [gallery.from_library(c, citation_link(c.citation)[1], f"{short_name(c)}: {c.title}")
         for c in require_library()]
if series.meta.get("series_id") == "abe2020":  # the paper's three cases are IMOS
    cases += [gallery.from_series(series, c) for c in series.cases["case_id"]]
offered = gallery.with_cases(cases, list(diagnoses))

params = {k: st.query_params.get_all(k) for k in st.query_params}
dx, vs, problems = gallery.parse_gallery(params, list(diagnoses))
problems += link_problems(params, GALLERY_LINK)
if problems:
    st.warning("Some parts of the link were ignored: " + escape_markdown("; ".join(problems))
               + ".", icon=":material/link_off:")
dx = dx or gallery.IMOS
vs = vs if vs and vs != dx else next(d for d in [gallery.IMOS, *offered] if d != dx)


def _follow(key: str) -> None:
    st.query_params[key] = st.session_state[f"gx_{key}"]
    if st.query_params.get("vs") == st.query_params.get("dx", gallery.IMOS):
        st.query_params.pop("vs", None)


st.title("Look-alikes: published cases side by side")
st.markdown(
    "Each published case of a diagnosis beside the cases of another (IMOS unless you choose "
    "otherwise), with the findings that told them apart in each report: coded findings whose "
    "rules in the knowledge base act differently on the two (for one and not the other, or "
    "for one and against the other), and the rules that carry them.")
teaching_note()
limits_note()
st.session_state["gx_dx"], st.session_state["gx_vs"] = dx, vs  # the link wins
left, right = st.columns(2)
choices = list(dict.fromkeys([dx, *offered]))
left.selectbox("Diagnosis", choices, format_func=diagnoses.get,
               key="gx_dx", on_change=_follow, args=("dx",))
others = [d for d in dict.fromkeys([vs, *offered]) if d != dx]
right.selectbox("Beside", others, format_func=diagnoses.get,
                key="gx_vs", on_change=_follow, args=("vs",))
columns(gallery.look_alikes(dx, vs, cases, knowledge), labels, diagnoses)
