"""Vote in a live room: the journal club's phones follow the presenter's walk-through.

Opened from the presenter's QR code or link (`/vote?room=CODE`), or by typing the code.
Anonymous: the browser gets a random voter token; nothing else is asked or kept.
"""

import streamlit as st

from components.shell.notes import teaching_note
from components.room.room_voter import code_entry, room_from_link, voter_view

st.title("Live room")
teaching_note()
code, given = room_from_link()
if code is not None:
    voter_view(code)
else:
    if given:
        st.error("This link does not hold a room code. Check it, or type the code shown on "
                 "the presenter's screen.", icon=":material/link_off:")
    st.markdown("Type the code shown on the presenter's screen to join the room and vote "
                "on each stage of the case. No name is asked.")
    code_entry()
