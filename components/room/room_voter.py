"""The voter's side of a live room: join by link or code, follow the presenter, vote.

The page draws the stage the presenter is on. A small fragment polls the room every
`POLL_SECONDS` and reruns the page only when the presenter has moved; the phones of a room
share one read of its state a second (`shared_room_state`), so a quiet room costs the store
one read a second per process, whatever the number of phones. Voters only tick diagnoses: nothing they type
is stored or shown, and the code they may type is only ever compared with real codes.
"""

from __future__ import annotations

import re

import streamlit as st

from components.room.browser_id import browser_id, counted_address
from components.room.room_access import room_call, shared_room_state
from imos.rooms import (
    RoomError, RoomNotFound, RoomPosition, RoomState, SlowDown, display_code, normalise_code,
)
from imos.rooms.codes import (
    JOINS_PER_ADDRESS_PER_MINUTE, VOTES_PER_ADDRESS_PER_MINUTE, VOTES_PER_VOTER_PER_MINUTE,
)
from imos.rooms.facts import FactsUnreadable, RoomFacts, ShownStage, load_facts
from imos.reasoning.families import group_ids
from imos.text import escape_markdown

# 300 phones: 60 fragment reruns a second, each answered from one shared read of the room
# per second (`shared_room_state`; bench/README.md)
POLL_SECONDS = 5.0
TOKENS = "vote_tokens"  # session key: room code -> this browser's anonymous voter token
RECALLED = "vote_recalled"  # session key: (room code, stage) already asked of the store
BOUND = "vote_bound"  # session key: room code -> whether the token is tied to the browser's id
SENT = "vote_sent"  # session key: (room code, stage) -> the ballot this browser sent
CODE_HELP = "A room code is 12 letters and digits, as on the presenter's screen (K7M2-Q9XR-TVAB)."


_MARKUP = re.compile(r"([\\`*_{}\[\]<>#|~$])")


def widget_label(text: str) -> str:
    """A label as plain text for a widget that reads markdown, escaping only what could be
    markup, so a screen reader (which hears the label as given) meets no stray backslash.

    >>> widget_label("Chronic (sclerosing) osteomyelitis")
    'Chronic (sclerosing) osteomyelitis'
    >>> widget_label("**x** [a](b)")
    '\\\\*\\\\*x\\\\*\\\\* \\\\[a\\\\](b)'
    """
    text = _MARKUP.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)  # not an ordered list
    return "\\" + text if text[:1] in ("-", "+") else text


def room_from_link() -> tuple[str | None, bool]:
    """(the room code in the link, whether a `room` was given at all)."""
    raw = st.query_params.get_all("room")
    if not raw:
        return None, False
    return (normalise_code(raw[0]) if len(raw) == 1 else None), True


def code_entry() -> None:
    """A box to type a room code; a good one goes into the address bar."""
    with st.form("vote_code_form", enter_to_submit=True):
        typed = st.text_input("Room code", max_chars=20, placeholder="K7M2-Q9XR-TVAB",
                              help=CODE_HELP, key="vote_code_typed")
        if st.form_submit_button("Join the room"):
            code = normalise_code(typed)
            if code is None:
                st.error("That is not a room code. " + CODE_HELP, icon=":material/error:")
            else:
                st.query_params.from_dict({"room": code})
                st.rerun()


def _admit(code: str, browser: str | None, address: str | None) -> str | RoomError:
    """Join (or rejoin: a browser that joined before gets its token back), within the
    joins one address may make a minute."""
    def join(store) -> str:
        if address and not store.spend(f"join:address:{address}", JOINS_PER_ADDRESS_PER_MINUTE,
                                       60):
            raise SlowDown()
        return store.join(code, browser=browser, address=address)
    return room_call(join)


def joined_room(code: str) -> RoomState | None:
    """The room, with this browser admitted as a voter; a clear message when it cannot be.

    One browser is one voter: its lasting id (`browser_id`) brings back the same token
    after a reload, in a second tab or another replica; a first visit joins before the
    browser has reported its id and is tied to it on the next run (`RoomStore.bind`)."""
    state = room_call(lambda store: store.state(code))
    tokens: dict = st.session_state.setdefault(TOKENS, {})
    bound: dict = st.session_state.setdefault(BOUND, {})
    browser, address = browser_id(), counted_address()
    if not isinstance(state, RoomError) and code not in tokens:
        token = _admit(code, browser, address)
        if isinstance(token, RoomError):
            state = token
        else:
            tokens[code], bound[code] = token, browser is not None
            state = room_call(lambda store: store.state(code))
    elif not isinstance(state, RoomError) and browser is not None and not bound.get(code):
        token = room_call(lambda store: store.bind(code, tokens[code], browser))
        if not isinstance(token, RoomError):
            tokens[code], bound[code] = token, True
    if isinstance(state, RoomError):
        st.error(str(state), icon=":material/error:")
        return None
    return state


@st.fragment(run_every=POLL_SECONDS)
def follow_presenter(code: str, drawn: RoomPosition) -> None:
    """Rerun the page when the presenter moves (or the room ends); otherwise say we follow.
    The room's state is shared by every phone of the room in this process (read at most
    once a second), so a full room costs the store one read a second, not one per phone."""
    state = shared_room_state(code)
    if not isinstance(state, RoomError) and state.position != drawn:
        state = shared_room_state(code, fresh=True)  # a shared read may be a second old
    if isinstance(state, RoomNotFound) or (
            not isinstance(state, RoomError) and state.position != drawn):
        st.rerun()
    st.caption(f"Room {display_code(code)} · following the presenter" if not isinstance(
        state, RoomError) else f"Room {display_code(code)} · reconnecting…")


def _recall_sent(code: str, stage: int | None) -> None:
    """After a reload (a new session of the same browser) the ballot this phone sent at
    `stage` comes back from the store, so the phone shows it instead of a fresh form."""
    sent: dict = st.session_state.setdefault(SENT, {})
    token = st.session_state.get(TOKENS, {}).get(code)
    if stage is None or token is None or (code, stage) in sent \
            or (code, stage) in st.session_state.get(RECALLED, set()):
        return
    st.session_state.setdefault(RECALLED, set()).add((code, stage))
    ballot = room_call(lambda store: store.ballot_of(code, token, stage))
    if isinstance(ballot, frozenset):
        sent[(code, stage)] = ballot


def _last_sent(code: str, stage: int) -> frozenset[str] | None:
    sent: dict = st.session_state.get(SENT, {})
    earlier = [s for (c, s) in sent if c == code and s <= stage]
    return sent[(code, max(earlier))] if earlier else None


def ballot_form(state: RoomState, diagnoses: dict[str, str],
                families: dict[str, str] | None = None) -> None:
    """One checkbox per diagnosis of the room under its family's name, and Send; a sent
    vote can be replaced."""
    stage = state.voting_stage
    _recall_sent(state.code, stage)
    sent_here = st.session_state.get(SENT, {}).get((state.code, stage))
    start = _last_sent(state.code, stage)
    start = set(state.options) if start is None else start
    keys = {option: f"vote_{state.code}_{stage}_{option}" for option in state.options}
    for option, key in keys.items():  # a default through the state keeps the widgets' ids
        st.session_state.setdefault(key, option in start)
    with st.form(f"vote_form_{state.code}_{stage}"):
        st.markdown("**Which diagnoses would you still keep?**")
        kept = []
        for family, options in group_ids(keys, families or {}):
            if families:
                st.caption(escape_markdown(family.capitalize()))
            kept += [option for option in options
                     if st.checkbox(widget_label(diagnoses.get(option, option)), key=keys[option])]
        # not type="primary": its white label is unreadable on the dark theme's blue (axe-core)
        submitted = st.form_submit_button("Send my vote",
                                          icon=":material/how_to_vote:", width="stretch")
    if submitted:
        token = st.session_state[TOKENS][state.code]
        address = counted_address()

        def vote(store) -> None:
            if not (store.spend(f"vote:{token}", VOTES_PER_VOTER_PER_MINUTE, 60)
                    and (address is None or store.spend(f"vote:address:{address}",
                                                        VOTES_PER_ADDRESS_PER_MINUTE, 60))):
                raise SlowDown()
            store.vote(state.code, token, stage, kept)

        result = room_call(vote)
        if isinstance(result, RoomError):
            st.warning(str(result), icon=":material/block:")
            return
        sent_here = frozenset(kept)
        st.session_state.setdefault(SENT, {})[(state.code, stage)] = sent_here
    if sent_here is not None:
        st.success(f"Vote received: {_kept_words(sent_here, state.options, diagnoses)}. "
                   "You can change it until the presenter reveals the answer.",
                   icon=":material/check_circle:")


def _kept_words(kept: frozenset[str], options, diagnoses: dict[str, str]) -> str:
    names = [escape_markdown(diagnoses.get(o, o)) for o in options if o in kept]
    return "you keep " + ", ".join(names) if names else "you keep none"


def shown_stage(stage: ShownStage) -> None:
    """The findings a stage reveals, as the presenter's series has them (from the room)."""
    if not stage.findings:
        st.markdown("**Nothing reported at this stage for this case.** The paper describes no "
                    "such examination here, so nothing changes; move on when ready.")
    for finding in stage.findings:
        mark = {"present": "✚ present", "absent": "− absent"}.get(finding.value, finding.value)
        st.markdown(f"- **{escape_markdown(finding.label)}**: {mark} — "
                    f"{escape_markdown(finding.wording)} *({escape_markdown(finding.source)})*")
    if stage.silent and stage.findings:
        st.caption("Not reported for this case: " + escape_markdown(", ".join(stage.silent)) + ".")


def _facts(code: str) -> RoomFacts | None:
    """The facts pinned to the room, or None after saying in words why there are none."""
    stored = room_call(lambda store: store.facts(code))
    if isinstance(stored, RoomError):
        st.error(str(stored), icon=":material/error:")
        return None
    if stored is None:
        st.error("This room carries no facts of its case, so this phone cannot be shown what "
                 "the presenter shows. Ask the presenter to open a new room.",
                 icon=":material/error:")
        return None
    try:
        return load_facts(stored)
    except FactsUnreadable:
        st.error("This room's facts were written by another version of the app and cannot be "
                 "shown here. Ask the presenter to open a new room.", icon=":material/error:")
        return None


def voter_view(code: str) -> None:
    """The whole voter screen for one room, drawn from the facts pinned to the room."""
    state = joined_room(code)
    if state is None:
        code_entry()
        return
    facts = _facts(code)
    if facts is None:
        return
    diagnoses = {o: facts.diagnoses.get(o, o) for o in state.options}
    stages = facts.stages
    position = state.position
    follow_presenter(code, position)
    if position.step > len(stages):
        st.subheader(f"{escape_markdown(facts.case_label)}: the walk-through is over")
        st.markdown("Thank you for voting. The presenter's screen sums up the room.")
        return
    stage = stages[position.step - 1]
    st.subheader(f"{escape_markdown(facts.case_label)} · stage {stage.number} of {len(stages)}: "
                 f"{escape_markdown(stage.label)}")
    if position.revealed:
        _recall_sent(code, stage.number)
        sent = st.session_state.get(SENT, {}).get((code, stage.number))
        st.info("The presenter is showing the answer to this stage, so voting on it is "
                "closed. " + (f"Your vote: {_kept_words(sent, state.options, diagnoses)}."
                              if sent is not None else "You did not vote on it."),
                icon=":material/visibility:")
        return
    with st.expander("What this stage shows", expanded=True):
        shown_stage(stage)
    ballot_form(state, diagnoses, facts.families)
