"""The presenter's side of a live room, on the walk-through.

One call per slide (`live_room(...)`): on a question slide it offers to open a room, or
shows the QR code, the link and a live count of who has joined and voted (a fragment
that polls the store, so the slide itself never reruns); on an answer slide the room's
split beside the engine's verdict and the paper's judgement, and where they part ways;
on the final slide the room summed up over the stages. Each call also moves the room to
the slide shown, which is what closes a stage's voting when its answer appears.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import streamlit as st

from components.shell.addresses import join_address, vote_address
from components.room.browser_id import browser_state, client_keys
from components.room.room_access import qr_code_html, room_call
from imos.rooms import NotPresenter, RoomError, RoomNotFound, RoomPosition, display_code
from imos.rooms.codes import ROOMS_PER_CLIENT_PER_HOUR, ROOMS_PER_CLIENT_PER_MINUTE
from imos.rooms.store import MAX_FACTS_CHARS
from imos.rooms.tally import KEPT, RoomRow, compare, paper_so_far, parting_sentence, summarise_stage, tally
from imos.text import escape_markdown, markdown_table
from imos.teaching.walkthrough import Position, WalkStep, score_step
from imos.reasoning.wording import STATUS_SYMBOLS

ROOM = "wt_live_room"  # session key: {"code", "secret", "case_id", "facts"} of this presenter's room
ROOM_SAVED = "wt_live_room_saved"  # the code this browser was last asked to keep
ROOM_FORGET = "wt_live_room_forget"  # a case whose kept room the browser should drop
COUNTER_SECONDS = 1.0


def fingerprint(facts: str | None) -> str | None:
    return None if facts is None else hashlib.sha256(facts.encode()).hexdigest()


CANNOT_SHOW = ("A live room cannot be opened for this case: its facts could not be prepared "
               "for the phones ({why}), and a room whose phones see other facts than the "
               "screen would mislead. The walk-through itself works as before.")


def _open(case_id: str, options: Sequence[str], n_steps: int, position: Position,
          facts: str | None, clients: tuple[str, ...] = ()) -> None:
    """Open a room with the case's facts pinned to it, or refuse in words."""
    if facts is None:
        st.session_state["wt_live_room_error"] = CANNOT_SHOW.format(why="no facts")
        return
    if len(facts) > MAX_FACTS_CHARS:
        st.session_state["wt_live_room_error"] = CANNOT_SHOW.format(
            why=f"{len(facts):,} characters, more than a room carries")
        return

    def create(store):
        ticket = store.create(case_id, options, n_steps,
                              RoomPosition(position.step, position.revealed), clients=clients)
        store.attach_facts(ticket.code, ticket.secret, facts)
        return ticket

    ticket = room_call(create)
    if isinstance(ticket, RoomError):
        st.session_state["wt_live_room_error"] = str(ticket)
        return
    st.session_state[ROOM] = {"code": ticket.code, "secret": ticket.secret, "case_id": case_id,
                              "facts": fingerprint(facts)}


def _room_for(case_id: str, facts: str | None) -> dict | None:
    """This presenter's room for the case shown, if it was opened on these very facts (a
    room opened before another series was loaded belongs to the old facts)."""
    room = st.session_state.get(ROOM)
    return room if room and room["case_id"] == case_id \
        and room.get("facts") == fingerprint(facts) else None


def _remembered(case_id: str, facts: str | None) -> tuple[dict | None, object]:
    """This session's room for the case, or the one this browser keeps (a reload, another
    replica: the secret comes back from the browser's storage, never from the address), if
    it was opened on these very facts; and the browser's state."""
    room = _room_for(case_id, facts)
    kept = None
    if room is not None and st.session_state.get(ROOM_SAVED) != room["code"]:
        kept = {"case_id": case_id, "code": room["code"], "secret": room["secret"],
                "facts": room.get("facts") or ""}
        st.session_state[ROOM_SAVED] = room["code"]
    browser = browser_state(save=kept, forget=st.session_state.pop(ROOM_FORGET, None))
    saved = browser.rooms.get(case_id) if room is None else None
    if saved is not None and saved.get("facts") == fingerprint(facts):
        room = {**saved, "case_id": case_id}
        st.session_state[ROOM], st.session_state[ROOM_SAVED] = room, room["code"]
    return room, browser


def live_room(case_id: str, position: Position, steps: Sequence[WalkStep],
              diagnoses: dict[str, str], facts: str | None, compact: bool = False,
              paper: bool = True) -> None:
    """The live room's part of this slide (see the module docstring). `facts`: what the
    phones are to be shown (`imos.rooms.facts.dump_facts` of the case on screen).
    `paper=False` for a case with no paper's judgement stage by stage (a published case of
    the library): the room is then set beside the engine only."""
    room, browser = _remembered(case_id, facts)
    if room is None:
        stale = st.session_state.get(ROOM)
        if stale and stale["case_id"] == case_id:
            st.info("The live room was opened on other facts for this case (another series "
                    "has been loaded since); open a new room for the case as shown.",
                    icon=":material/sync_problem:")
        if not position.revealed and not position.is_end(len(steps)):
            _offer(case_id, list(diagnoses), len(steps), position, facts, browser.id)
        return
    moved = room_call(lambda store: store.move(
        room["code"], room["secret"], RoomPosition(position.step, position.revealed)))
    if isinstance(moved, (RoomNotFound, NotPresenter)):  # expired: forget it, offer a new one
        del st.session_state[ROOM]
        st.session_state[ROOM_FORGET] = case_id
        st.warning("The live room has ended (rooms last four hours, or 15 minutes when "
                   "nobody joins).",
                   icon=":material/timer_off:")
        return
    if isinstance(moved, RoomError):
        st.warning(str(moved), icon=":material/cloud_off:")
        return
    if position.is_end(len(steps)):
        room_summary(room["code"], steps, diagnoses, paper)
    elif position.revealed:
        room_split(room["code"], steps, position.step, diagnoses, compact, paper)
    else:
        room_invitation(room["code"], position.step, compact)


def _offer(case_id: str, options: list[str], n_steps: int, position: Position,
           facts: str | None, browser: str | None) -> None:
    error = st.session_state.pop("wt_live_room_error", None)
    if error:
        st.error(error, icon=":material/error:")
    st.button("Open a live room", key="wt_open_room", icon=":material/qr_code_2:",
              help="The room votes from their phones: a QR code and a link appear here. "
                   f"One browser or address opens at most {ROOMS_PER_CLIENT_PER_MINUTE} "
                   f"rooms a minute and {ROOMS_PER_CLIENT_PER_HOUR} an hour; a room "
                   "nobody joins ends after 15 minutes.",
              on_click=_open, args=(case_id, options, n_steps, position, facts,
                                    client_keys(browser)))


def room_invitation(code: str, stage: int, compact: bool = False) -> None:
    """The QR code, the link and the code, and the live count beside them (`compact`: a
    smaller code, for a slide)."""
    base = join_address()
    link = vote_address(code, base.base)
    if base.warning and compact:  # a slide: the first sentence, the rest on hover
        st.caption(f":material/wifi_off: **{escape_markdown(base.warning.split('. ')[0])}.** "
                   "Phones may not open this link.", help=base.warning)
    elif base.warning:
        st.warning(base.warning, icon=":material/wifi_off:")
    qr, words = st.columns([1, 2], vertical_alignment="center")
    qr.html(qr_code_html(link, 150 if compact else 260))
    with words:
        st.markdown("**Vote from your phone:** scan the code or open")
        st.code(link, language=None, wrap_lines=True)
        st.markdown(f"Room code **{display_code(code)}**")
        live_count(code, stage)


@st.fragment(run_every=COUNTER_SECONDS)
def live_count(code: str, stage: int) -> None:
    """How many have joined and voted on this stage (polls the store; reruns alone)."""
    counts = room_call(lambda store: (store.state(code).joined, len(store.ballots(code, stage))))
    if isinstance(counts, RoomError):
        st.warning(str(counts), icon=":material/timer_off:")
        return
    joined, voted = counts
    st.markdown(f"**{joined}** joined · **{voted}** voted on this stage")


def _rows(code: str, steps: Sequence[WalkStep], number: int) -> tuple[list[RoomRow], list]:
    step = steps[number - 1]
    result = room_call(lambda store: (store.state(code), store.ballots(code, number)))
    if isinstance(result, RoomError):
        return [], []
    state, ballots = result
    paper = paper_so_far(j for s in steps[:number] for j in s.judgements)
    return compare(tally(ballots, state.options, state.joined), step.replayed.verdicts,
                   paper), ballots


def room_split(code: str, steps: Sequence[WalkStep], number: int,
               diagnoses: dict[str, str], compact: bool = False, paper: bool = True) -> None:
    """Per diagnosis: the share of the room that kept it, the engine, the paper (if any);
    `compact` (a slide): where they part ways named on one line, the table and sentences
    folded."""
    rows, ballots = _rows(code, steps, number)
    if not ballots:
        st.markdown("**The room:** nobody voted on this stage.")
        return
    st.markdown(f"**The room: {len(ballots)} vote{'s' if len(ballots) != 1 else ''}**")
    parted = [r for r in rows if r.parts_ways]
    who = "the room, the engine and the paper" if paper else "the room and the engine"
    if compact:
        st.markdown((f"Where {who} part ways: " + escape_markdown(
            ", ".join(diagnoses.get(r.diagnosis_id, r.diagnosis_id) for r in parted)) + ".")
            if parted else f"{who.capitalize()} part ways on no diagnosis.")
        with st.expander("The room, diagnosis by diagnosis"):
            _split_details(rows, parted, diagnoses, paper)
        return
    _split_details(rows, parted, diagnoses, paper)


def _split_details(rows, parted, diagnoses: dict[str, str], paper: bool = True) -> None:
    st.markdown(markdown_table([{
        "Diagnosis": diagnoses.get(r.diagnosis_id, r.diagnosis_id),
        "Kept by the room": f"{r.share:.0%}",
        "Engine": f"{STATUS_SYMBOLS.get(r.engine_status, '')} {r.engine_status}",
        **({"Paper": {None: "not judged yet", "excluded": "set aside"}.get(r.paper, r.paper)}
           if paper else {}),
    } for r in rows]))
    who = "the room, the engine and the paper" if paper else "the room and the engine"
    if parted:
        st.markdown(f"**Where {who} part ways**\n\n" + "\n".join(
            f"- {escape_markdown(parting_sentence(r, diagnoses.get(r.diagnosis_id, r.diagnosis_id), paper))}"
            for r in parted))
    else:
        st.markdown(f"{who.capitalize()} part ways on no diagnosis.")


def room_code(case_id: str, facts: str | None) -> str | None:
    """The code of the room this presenter opened for the case, if any."""
    room = _room_for(case_id, facts)
    return room["code"] if room else None


def room_kept(case_id: str, number: int, facts: str | None) -> list[str] | None:
    """The room's list at stage `number`: what more than half of its ballots kept, in the
    room's option order; None without a room or without a vote on that stage."""
    room = _room_for(case_id, facts)
    if room is None:
        return None
    result = room_call(lambda store: (store.state(room["code"]),
                                      store.ballots(room["code"], number)))
    if isinstance(result, RoomError) or not result[1]:
        return None
    state, ballots = result
    counted = tally(ballots, state.options, state.joined)
    return [o for o in state.options if counted.room_view(o) == KEPT]


def room_rows(code: str | None, steps: Sequence[WalkStep], upto: int,
              diagnoses: dict[str, str], paper: bool = True) -> list[dict[str, object]]:
    """The room over stages 1..`upto`, one row per stage (for the final slide and the
    handout); no rows without a room or without any vote. Reads the store only."""
    if code is None:
        return []
    summaries = []
    for step in steps[:upto]:
        rows, ballots = _rows(code, steps, step.number)
        summaries.append(summarise_stage(
            step.number, step.label, ballots, rows,
            lambda kept, n=step.number: score_step(kept, steps, n).fraction))
    if not any(s.voted for s in summaries):
        return []
    return [{
        "Stage": f"{s.number}. {s.label}", "Votes": s.voted,
        "Mean score of the ballots": "—" if s.agreement is None else f"{s.agreement:.0%}",
        ("Where room, engine and paper part ways" if paper else
         "Where room and engine part ways"): ", ".join(
            diagnoses.get(d, d) for d in s.parted) or "—",
    } for s in summaries]


def room_summary(code: str, steps: Sequence[WalkStep], diagnoses: dict[str, str],
                 paper: bool = True) -> None:
    """The room over the stages: votes, agreement with the engine, where it parted ways."""
    st.subheader("The room, stage by stage")
    rows = room_rows(code, steps, len(steps), diagnoses, paper)
    st.markdown(markdown_table(rows) if rows else "Nobody in the room voted.")
