"""Presentation mode (`?present=1`): large type and no navigation, for a projector.

The navigation is hidden through Streamlit's own API (`st.navigation(position="hidden")`,
with nothing else in the sidebar, so Streamlit draws no sidebar at all); the type is
sized by the root font size, which every element sized in `rem` follows alike, from the
screen's height, so that each slide fits a 16:9 screen. The stylesheet names plain HTML
elements and three Streamlit classes (see `PRESENTATION_CSS`), never Streamlit's test ids.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from imos.text import escape_markdown

# Streamlit sizes its text in rem: one root size enlarges headings, lists, labels, buttons
# and tables alike. Tables are set to the body's size (Streamlit draws them smaller) and
# wrap, so a wide table fits the projector instead of losing a column.
# The type follows the screen (about 48 lines of text on a 16:9 screen of any size), so a
# slide laid out to fit at 1280x720 fits at 1920x1080 alike. Three Streamlit classes are
# named (never a test id): `.block-container` (the main column's padding) to give a
# projector its top 6rem back; `.stSidebar`, because a sidebar drawn before the switch to
# presenting stays on screen, empty and grey, until a reload; `.st-key-…` (a keyed
# container) to hide the clicker's buttons and to lay out a stage's images
# (`components.charts.bone_view.stage_images`): a row of thumbnails a few lines high, each
# with its caption and credit beside it. The height is a maximum, not a size: Streamlit's
# full-screen view (each image's own button) sets its own and shows the image whole.
PRESENTATION_CSS = """
<style>
html { font-size: clamp(12px, min(2.05vh, 1.15vw), 28px); }
.block-container { padding-top: 1.2rem !important; padding-bottom: 0.2rem !important; }
header { background: transparent !important; pointer-events: none; }
header button, header a { pointer-events: auto; }
h1 { font-size: 2rem !important; padding: 0 0 0.2rem 0 !important; }
h3 { font-size: 1.2rem !important; padding: 0.1rem 0 !important; }
table { width: 100%; }
table th, table td { font-size: 0.9rem; white-space: normal; overflow-wrap: anywhere;
                     padding: 0.15rem 0.4rem !important; }
.st-key-wt_slide_keys, .stSidebar { display: none !important; }
p, li { margin-bottom: 0.15rem !important; }
.st-key-stage_images { flex-wrap: nowrap !important; }
.st-key-stage_images > div { flex-shrink: 1 !important; min-width: 0; }
.st-key-stage_images div:has(> img) { flex-direction: row; align-items: center; gap: 0.4rem; }
.st-key-stage_images img { max-height: 4.5rem; width: auto !important; max-width: 60%; flex: none; }
.st-key-stage_images img + div { width: auto !important; min-width: 0; text-align: left; }
.st-key-stage_images img + div p { font-size: 0.7rem; line-height: 1.2; overflow: hidden;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; }
</style>
"""

# What a presentation clicker or keyboard sends, and where each goes.
FORWARD_KEYS = ("PageDown", "Space")
BACK_KEYS = ("PageUp",)


def slide_keys(forward, back, first, last) -> None:
    """Keys for the slides beyond the arrows the visible buttons carry: PageDown and Space
    forward, PageUp back, Home to the first slide, End to the last. Streamlit binds each
    to a button of its own (one shortcut a button) in a hidden container, so they work as
    soon as the slide opens, without a click, and the page does not scroll.
    `forward` etc. are `(callback, args)` or None where there is nowhere to go."""
    with st.container(key="wt_slide_keys"):
        for name, keys, target in (("forward", FORWARD_KEYS, forward),
                                   ("back", BACK_KEYS, back),
                                   ("first", ("Home",), first), ("last", ("End",), last)):
            for key in keys:
                st.button(f"{name} ({key})", key=f"wt_key_{key}", shortcut=key,
                          on_click=target[0] if target else None,
                          args=target[1] if target else None, disabled=target is None)


def presenting(query: Mapping[str, str] | None = None) -> bool:
    """Whether the address asks for presentation mode (`present=1`)."""
    query = st.query_params if query is None else query
    return query.get("present") == "1"


def navigation_position() -> str:
    """Where `st.navigation` puts the menu: hidden while presenting, else the sidebar."""
    return "hidden" if presenting() else "sidebar"


def presentation_style() -> None:
    """Restyle the page for a projector (a stylesheet only; nothing is shown)."""
    st.html(PRESENTATION_CSS)


def presentation_table(rows: list[dict]) -> None:
    """A table as HTML (`st.table`): its type grows with the page when presenting and its
    long cells wrap, where a `st.dataframe` canvas keeps a small fixed type and cuts them.
    Cells are text, not markdown."""
    st.table([{k: escape_markdown(v) if isinstance(v, str) else v for k, v in row.items()}
              for row in rows], hide_index=True)
