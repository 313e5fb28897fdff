"""The exclusion explorer's state in this browser session, and its moves.

Every key is the explorer's own (prefix `fx_`, `components.shell.session_keys`):

- `fx_state`: every finding's value; `fx_case`: the case it was loaded from, if any (the
  short link then prefers that case);
- `fx_started`: the link has been read; `fx_problems`: what in it was ignored;
- `fx_page_runs`: full runs of the page (not the panel's reruns alone);
- `fx_previous`: the state the differential last showed; `fx_moved`, `fx_change`: what
  the last change moved, and the change in words;
- `fx_layout_sent`: the page run whose panel carried the findings layout;
- `fx_scenario`: the handout's inputs, left by the panel for the button outside it;
- `fx_findings`: the panel's own widget state (its last click).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

import streamlit as st

from components.shell.addresses import explorer_link_handed_over
from components.explorer.panel import last_event, last_section_event
from imos.reasoning.engine import Verdict, moved
from imos.teaching.scenario import apply_event, apply_section, parse_query
from imos.reasoning.wording import change_text

PANEL_KEY = "fx_findings"
STATE, CASE, STARTED, PROBLEMS = "fx_state", "fx_case", "fx_started", "fx_problems"
RUNS, PREVIOUS, MOVED, CHANGE = "fx_page_runs", "fx_previous", "fx_moved", "fx_change"
LAYOUT_SENT, HANDOUT = "fx_layout_sent", "fx_scenario"


class ExplorerSession:
    """The explorer's state machine over `st.session_state`, for one series' findings."""

    def __init__(self, finding_ids: Iterable[str],
                 sections: Mapping[str, Sequence[str]] | None = None) -> None:
        self.finding_ids = list(finding_ids)
        self.sections = dict(sections or {})
        self.presets: Mapping[str, Mapping[str, str]] = {}

    def start(self, presets: Mapping[str, Mapping[str, str]]) -> None:
        """A run of the page: on the first in this session, or when another page hands
        the explorer a link (the walk-through), read the address bar's link; after a new
        series, keep what still applies. Counts the run."""
        session = st.session_state
        self.presets = presets
        if STARTED not in session or explorer_link_handed_over():
            params = {k: st.query_params.get_all(k) for k in st.query_params}
            linked = parse_query(params, self.finding_ids, presets)
            self.apply(linked.findings, linked.case_id)
            session[STARTED], session[PROBLEMS] = True, linked.problems
            session[PREVIOUS] = linked.findings
            session.pop(MOVED, None)
            session.pop(CHANGE, None)
        if set(session[STATE]) != set(self.finding_ids):  # another series was loaded
            self.apply(session[STATE], session.get(CASE))
        session[RUNS] = session.get(RUNS, 0) + 1

    @property
    def state(self) -> dict[str, str]:
        return st.session_state[STATE]

    @property
    def case_id(self) -> str | None:
        return st.session_state.get(CASE)

    @property
    def problems(self) -> list[str]:
        """What in the link was ignored, in words."""
        return st.session_state[PROBLEMS]

    @property
    def runs(self) -> int:
        """Full runs of the page in this session."""
        return st.session_state[RUNS]

    def apply(self, state: Mapping[str, str], case_id: str | None = None) -> None:
        """Set the findings (a preset, a reset); `case_id` names the case they come from."""
        st.session_state[STATE] = {f: state.get(f, "unknown") for f in self.finding_ids}
        st.session_state[CASE] = case_id

    def on_set(self) -> None:
        """One click in the findings panel (a finding, or a section's button: all unknown,
        or back to the loaded case); anything a browser could forge is ignored."""
        event = last_event(PANEL_KEY)
        state = apply_event(st.session_state[STATE], *event) if event else None
        section = last_section_event(PANEL_KEY)
        if section is not None:
            title, value = section
            case = self.case_id
            state = apply_section(
                st.session_state[STATE],
                self.sections.get(title) if isinstance(title, str) else None, value,
                self.presets.get(case) if case is not None else None)
        if state is not None:
            st.session_state[STATE] = state

    def moved(self, verdicts_of: Callable[[Mapping[str, str]], Sequence[Verdict]],
              labels: Mapping[str, str]) -> tuple[dict | None, str]:
        """What the last change moved (None before any) and that change in words, kept
        until the next change."""
        session = st.session_state
        previous, state = session[PREVIOUS], session[STATE]
        if previous != state:
            session[MOVED] = moved(verdicts_of(previous), verdicts_of(state))
            session[CHANGE] = change_text(previous, state, labels)
            session[PREVIOUS] = state
        return session.get(MOVED), session.get(CHANGE, "")

    def layout_due(self) -> bool:
        """Whether the panel must carry the findings layout: once per page run; the
        panel's own reruns leave it out (the browser keeps it), halving what a toggle sends."""
        due = st.session_state.get(LAYOUT_SENT) != self.runs
        st.session_state[LAYOUT_SENT] = self.runs
        return due

    def leave_for_handout(self, **inputs: object) -> None:
        """What the handout is built from, left by the panel on every toggle."""
        st.session_state.setdefault(HANDOUT, {}).update(inputs)

    def handout_inputs(self) -> dict:
        """The handout's inputs as the panel last left them: the button (outside the
        panel, so a toggle does not redraw it) reads them only when clicked."""
        return st.session_state.setdefault(HANDOUT, {})
