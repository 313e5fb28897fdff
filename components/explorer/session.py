"""The exclusion explorer's state in this browser session, and its moves.

Every key is the explorer's own (prefix `fx_`, `components.shell.session_keys`):

- `fx_state`: every finding's value; `fx_case`: the case it was loaded from, if any (the
  short link then prefers that case); `fx_lit`: the library case it was loaded from, if any;
- `fx_started`: the link has been read; `fx_problems`: what in it was ignored;
- `fx_page_runs`: full runs of the page (not the panel's reruns alone);
- `fx_previous`: the state the differential last showed; `fx_moved`, `fx_change`: what
  the last change moved, and the change in words;
- `fx_layout_sent`: the page run whose panel carried the findings layout;
- `fx_texts`: the differential's folded texts this browser holds and the diagnoses it has
  open (`components.explorer.panel.FoldedTexts`);
- `fx_scenario`: the handout's inputs, left by the panel for the button outside it;
- `fx_findings`: the panel's own widget state (its last click);
- `fx_refused`: the last click refused as a contradiction, in words; `fx_age`: the age in
  years typed beside the panel (it sets the age findings).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterable, Mapping, Sequence

import streamlit as st

from components.shell.addresses import explorer_link_handed_over
from components.explorer.panel import FoldedTexts, last_event, last_section_event, last_set_event
from imos.reasoning.engine import age_findings, contradictions, without_contradictions
from imos.reasoning.knowledge import default_knowledge
from imos.teaching.scenario import apply_event, apply_section, parse_query

PANEL_KEY = "fx_findings"
STATE, CASE, STARTED, PROBLEMS = "fx_state", "fx_case", "fx_started", "fx_problems"
LIBRARY = "fx_lit"
RUNS, PREVIOUS, MOVED, CHANGE = "fx_page_runs", "fx_previous", "fx_moved", "fx_change"
LAYOUT_SENT, HANDOUT, TEXTS = "fx_layout_sent", "fx_scenario", "fx_texts"
REFUSED, AGE = "fx_refused", "fx_age"
# The browser's copy of the folded texts is renewed past this many (a long session).
MOST_TEXTS_KEPT = 1500


class ExplorerSession:
    """The explorer's state machine over `st.session_state`, for one series' findings."""

    def __init__(self, finding_ids: Iterable[str],
                 sections: Mapping[str, Sequence[str]] | None = None) -> None:
        self.finding_ids = list(finding_ids)
        self.sections = dict(sections or {})
        self.presets: Mapping[str, Mapping[str, str]] = {}
        self.ages: dict[str, object] = {}

    def start(self, presets: Mapping[str, Mapping[str, str]],
              library: Mapping[str, Mapping[str, str]] | None = None,
              ages: Mapping[str, object] | None = None) -> None:
        """A run of the page: on the first in this session, or when another page hands
        the explorer a link (the walk-through), read the address bar's link; after a new
        series, keep what still applies. Counts the run. `ages`: each case's (and library
        case's) age in years, shown in the age box when it is loaded."""
        session = st.session_state
        self.presets = presets
        self.ages = dict(ages or {})
        if STARTED not in session or explorer_link_handed_over():
            params = {k: st.query_params.get_all(k) for k in st.query_params}
            linked = parse_query(params, self.finding_ids, presets, library)
            self.apply(linked.findings, linked.case_id, linked.library_id)
            session[STARTED], session[PROBLEMS] = True, linked.problems
            session[PREVIOUS] = linked.findings
            session.pop(MOVED, None)
            session.pop(CHANGE, None)
        if set(session[STATE]) != set(self.finding_ids):  # another series was loaded
            self.apply(session[STATE], session.get(CASE), session.get(LIBRARY))
        session[RUNS] = session.get(RUNS, 0) + 1

    @property
    def state(self) -> dict[str, str]:
        return st.session_state[STATE]

    @property
    def case_id(self) -> str | None:
        return st.session_state.get(CASE)

    @property
    def library_id(self) -> str | None:
        """The library case the findings were loaded from, if any."""
        return st.session_state.get(LIBRARY)

    @property
    def problems(self) -> list[str]:
        """What in the link was ignored, in words."""
        return st.session_state[PROBLEMS]

    @property
    def runs(self) -> int:
        """Full runs of the page in this session."""
        return st.session_state[RUNS]

    def apply(self, state: Mapping[str, str], case_id: str | None = None,
              library_id: str | None = None, keep_age: bool = False) -> None:
        """Set the findings (a preset, a reset, a link); `case_id` names the case they come
        from, `library_id` the library case. A contradiction in them (a subtype present
        under an absent parent) is undone, the subtype giving way, and said in words."""
        full = {f: state.get(f, "unknown") for f in self.finding_ids}
        knowledge = default_knowledge()
        problems = contradictions(full, knowledge)
        st.session_state[STATE] = without_contradictions(full, knowledge) if problems else full
        st.session_state[CASE] = case_id
        st.session_state[LIBRARY] = library_id
        st.session_state.pop(REFUSED, None)
        if not keep_age:  # a case shows its age in the box; a reset leaves it blank
            age = self.ages.get(library_id or case_id)
            if isinstance(age, numbers.Real) and not isinstance(age, bool) and age == age:  # not NaN
                st.session_state[AGE] = int(age)
            else:
                st.session_state.pop(AGE, None)
        if problems:
            st.session_state[REFUSED] = "Set aside as contradictory: " + "; ".join(problems)

    def on_set(self) -> None:
        """One click in the findings panel (a finding, or a section's button: all unknown,
        or back to the loaded case); anything a browser could forge is ignored, and a click
        that would contradict another finding is refused in words."""
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
        if TEXTS in st.session_state:
            st.session_state[TEXTS].reported(last_set_event(PANEL_KEY))
        st.session_state.pop(REFUSED, None)
        if state is None:
            return
        problems = contradictions(state, default_knowledge())
        if problems:
            st.session_state[REFUSED] = "That change was refused: " + "; ".join(problems)
            return
        st.session_state[STATE] = state

    @property
    def refused(self) -> str | None:
        """The last change refused as a contradiction, in words (None when none was)."""
        return st.session_state.get(REFUSED)

    def on_age(self) -> None:
        """The age typed beside the panel sets the age findings (blank: unknown)."""
        years = st.session_state.get(AGE)
        self.apply({**st.session_state[STATE], **age_findings(years)}, self.case_id,
                   self.library_id, keep_age=True)

    def moved(self, change_of: Callable[[Mapping[str, str], Mapping[str, str]], tuple[dict, str]]
              ) -> tuple[dict | None, str]:
        """What the last change moved (None before any) and that change in words, kept
        until the next change; `change_of(before, after)` works them out."""
        session = st.session_state
        previous, state = session[PREVIOUS], session[STATE]
        if previous != state:
            session[MOVED], session[CHANGE] = change_of(previous, state)
            session[PREVIOUS] = state
        return session.get(MOVED), session.get(CHANGE, "")

    def layout_due(self) -> bool:
        """Whether the panel must carry the findings layout: once per page run; the
        panel's own reruns leave it out (the browser keeps it), halving what a toggle sends."""
        due = st.session_state.get(LAYOUT_SENT) != self.runs
        st.session_state[LAYOUT_SENT] = self.runs
        return due

    def folded_texts(self, layout_due: bool) -> FoldedTexts:
        """What this browser holds of the differential's folded texts: nothing after a
        page run that sends the layout (the browser may have drawn the panel anew), and
        renewed past `MOST_TEXTS_KEPT`, so the browser's copy stays small."""
        texts = st.session_state.get(TEXTS)
        if texts is None:
            texts = st.session_state[TEXTS] = FoldedTexts(PANEL_KEY)
        if layout_due or len(texts.sent) > MOST_TEXTS_KEPT:
            texts.forget()
        return texts

    def leave_for_handout(self, **inputs: object) -> None:
        """What the handout is built from, left by the panel on every toggle."""
        st.session_state.setdefault(HANDOUT, {}).update(inputs)

    def handout_inputs(self) -> dict:
        """The handout's inputs as the panel last left them: the button (outside the
        panel, so a toggle does not redraw it) reads them only when clicked."""
        return st.session_state.setdefault(HANDOUT, {})
