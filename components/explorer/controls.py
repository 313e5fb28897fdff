"""The explorer's controls around its panel: the presets row (a button per case, or a
searchable box for hundreds of cases) and the comparison of two or three diagnoses."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from components.explorer.compare_choice import compare_choice
from components.shell.derived import BoundedMemo, derived
from components.shell.error_boundary import guarded
from imos.reasoning.questions import discriminating_findings
from imos.text import escape_markdown, markdown_table, scrollable

MANY_PRESETS = 6
COMPARISONS_KEPT = 128


def preset_row(presets: Mapping[str, Mapping[str, str]], case_labels: Mapping[str, str],
               apply: Callable[..., None]) -> None:
    """Load a case as presented, or reset every finding to unknown (`apply(state, case)`)."""
    if len(presets) <= MANY_PRESETS:
        *preset_columns, reset_column = st.columns(len(presets) + 1)
        for column, case_id in zip(preset_columns, presets):
            column.button(f"As {escape_markdown(case_labels[case_id])} presented",
                          key=f"fx_preset_{case_id}", on_click=apply,
                          args=(presets[case_id], case_id), width="stretch")
    else:  # hundreds of cases: pick one (the box is searchable), then load it
        pick, load, reset_column = st.columns([3, 1, 1], vertical_alignment="bottom")
        pick.selectbox("Load a case as presented", list(presets), format_func=case_labels.get,
                       key="fx_preset_pick")
        load.button("Load", key="fx_preset_load", on_click=lambda: apply(
            presets[st.session_state["fx_preset_pick"]], st.session_state["fx_preset_pick"]),
            width="stretch")
    reset_column.button("Reset to unknown", key="fx_reset", on_click=apply, args=({},),
                        width="stretch", icon=":material/restart_alt:")


def library_row(library: Mapping[str, Mapping[str, str]], names: Mapping[str, str],
                apply: Callable[..., None], loaded: str | None = None) -> None:
    """Load a published case of the library as coded from its report
    (`apply(state, None, library_id)`); the box shows the case loaded, if any."""
    if loaded in library and st.session_state.get("fx_library_shown") != loaded:
        st.session_state["fx_library_pick"] = st.session_state["fx_library_shown"] = loaded
    pick, load = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox("Or load a published case (the case library)", list(library),
                   format_func=names.get, key="fx_library_pick")
    load.button("Load", key="fx_library_load", width="stretch", on_click=lambda: apply(
        library[st.session_state["fx_library_pick"]], None, st.session_state["fx_library_pick"]))


@st.fragment
@guarded("explorer comparison")
def compare_diagnoses(diagnoses: Mapping[str, str], families: Mapping[str, str], knowledge,
                      labels: Mapping[str, str]) -> None:
    """Which findings tell two or three diagnoses apart (the rules only, not the scenario)."""
    st.subheader("Compare diagnoses")
    chosen = compare_choice(diagnoses, families, key="fx_compare")
    if len(chosen) >= 2:
        st.markdown(_comparison(chosen, knowledge, labels, diagnoses), unsafe_allow_html=True)
        st.caption("Only findings that act differently on the chosen diagnoses are listed.")
    else:
        st.caption("Choose at least two different diagnoses to compare.")


def _comparison(chosen: list[str], knowledge, labels: Mapping[str, str],
                diagnoses: Mapping[str, str]) -> str:
    """The comparison table of `chosen`, worked out once per choice and shared by readers
    (every reader opens the page on the same default pair)."""
    def build() -> str:
        table = discriminating_findings(chosen, knowledge, labels)
        return scrollable(markdown_table(
            [{"finding": labels[f], **{diagnoses[d]: "; ".join(cells[d]) or "—" for d in chosen}}
             for f, cells in table.items()]))
    memo = derived(knowledge, "compare_tables", lambda: BoundedMemo(COMPARISONS_KEPT))
    return memo.get((tuple(chosen), tuple(labels.items()), tuple(diagnoses.items())), build)
