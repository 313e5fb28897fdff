"""Tables that fit: room above a dataframe for its toolbar, wide HTML tables that scroll in
their own frame on a phone, and long tables whose cells wrap whole in a frame of their own.

Streamlit shows a dataframe's toolbar (show/hide columns, download, search, full screen)
over the top right of the table, reaching above it; on a phone the heading or paragraph
just above runs under those buttons. A small space first keeps the toolbar clear of it.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

import pandas as pd
import streamlit as st

TOOLBAR_ROOM_PX = 16  # with Streamlit's own gap, the height of the toolbar


def table_below_text(data, **kwargs) -> None:
    """`st.dataframe(data, **kwargs)` with room above it for its toolbar."""
    st.space(TOOLBAR_ROOM_PX)
    st.dataframe(data, **kwargs)


# Wide tables on a phone: markdown tables and `st.table` scroll inside their own frame with
# their first column pinned, instead of running off the screen; every cell keeps a readable
# width, so a long list makes a cell a few lines taller, not a row taller than the phone.
# Plain HTML elements only (no Streamlit test ids); set once per page run by the shell.
TABLE_CSS = """
<style>
@media (max-width: 640px) {
  table { display: block; overflow-x: auto; max-width: 100%; }
  table th, table td { min-width: 9rem; white-space: normal; overflow-wrap: anywhere; }
  table th:first-child, table td:first-child { position: sticky; left: 0; z-index: 1;
    background: Canvas; box-shadow: 1px 0 0 rgba(128, 128, 128, .4); }
}
</style>
"""


def table_style() -> None:
    """The phone layout of wide HTML tables (a stylesheet only; nothing is shown)."""
    st.html(TABLE_CSS)


# A long table in a frame of its own: a `<div>` that scrolls, that a keyboard reaches and
# scrolls (a focusable, named region: axe's `scrollable-region-focusable`), and that keeps
# the header row in view. Every cell wraps whole (a dataframe's canvas cuts long cells).
# A wide frame fits the table to its width, each column its share; a narrow one (a phone,
# or a laptop's window beside the sidebar) gives each column a readable width of its own,
# pins the column that names the rows, and scrolls sideways inside the frame (the page never
# does). The frame's own width decides (a container query), not the window's.
FRAME_PX = 640  # the frame's greatest height; the page stays short
NARROW_PX = 900  # a frame narrower than this scrolls sideways instead of breaking words
FRAMED_CSS = """
<style>
.framed-table { max-height: var(--frame-height, none); overflow: auto;
  container-type: inline-size; margin: 0 0 1rem; overscroll-behavior-x: contain;
  border: 1px solid rgba(128, 128, 128, .4); border-radius: .5rem; }
.framed-table:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
.framed-table table { display: table; width: 100%; max-width: none; table-layout: fixed;
  border-collapse: separate; border-spacing: 0; margin: 0; font-size: .8125rem; }
.framed-table col { width: var(--share); }
.framed-table th, .framed-table td { white-space: normal; overflow-wrap: break-word;
  vertical-align: top; text-align: left; padding: .35rem .3rem; min-width: 0; border: 0;
  border-bottom: 1px solid rgba(128, 128, 128, .3); line-height: 1.4; }
.framed-table thead th { position: sticky; top: 0; z-index: 2; font-weight: 600;
  background: Canvas; box-shadow: 0 1px 0 rgba(128, 128, 128, .5); }
.framed-table tbody th { font-weight: 600; }
@container (max-width: NARROWpx) {
  .framed-table table { width: var(--narrow-width); }
  .framed-table col { width: var(--narrow); }
  .framed-table .pin { position: sticky; left: 0; z-index: 1;
    background: Canvas; box-shadow: 1px 0 0 rgba(128, 128, 128, .5); }
  .framed-table thead .pin { z-index: 3; }
  .framed-table tr > :not(.pin) { left: auto; }  /* only the row header (TABLE_CSS pins
                                                     every first cell) */
}
</style>
""".replace("NARROW", str(NARROW_PX))


class FramedColumn(NamedTuple):
    """A column's share of a wide frame (%) and its own width in a narrow one (rem)."""

    share: float
    narrow_rem: float


# The shares give each column of the shipped rules its longest usual word whole in a frame
# just wider than `NARROW_PX` (13 px type): only a rare longer word or address breaks
# there; a narrow frame gives every word room.
RULE_COLUMNS = {  # the order of the criteria page's table; the shares add up to 100
    "diagnosis": FramedColumn(10.8, 7), "when": FramedColumn(10.4, 7.5),
    "effect": FramedColumn(6.8, 5), "strength": FramedColumn(7, 5),
    "why this strength": FramedColumn(11.2, 12), "rationale": FramedColumn(11.4, 12),
    "whose": FramedColumn(6.9, 5), "source": FramedColumn(11.9, 10),
    "caveat": FramedColumn(11.7, 12), "caveat source": FramedColumn(11.9, 10),
}
RULES_LABEL = "Every rule of the knowledge base"


LONG_WORD = re.compile(r"\S{12,}")  # an address or a joined name: it may break at its marks
BREAK_POINT = re.compile(r"(?<=[/.\-_a-z])(?=[A-Z])|(?<=[/.\-_])(?=[a-z0-9])")  # after a
# slash, dot, hyphen or underscore, or before a capital inside a word


def _with_breaks(word: re.Match) -> str:
    return BREAK_POINT.sub("<wbr>", word.group())


def _cell(value) -> str:
    """A cell as escaped text, empty for a missing value, never markup; a long word (an
    address, a site's name) may break after its slashes, dots and hyphens and before a
    capital inside it, rather than anywhere.

    >>> _cell("see a.org/x-1234567890123 <b> MusculoskeletalKey")
    'see a.<wbr>org/<wbr>x-<wbr>1234567890123 &lt;b&gt; Musculoskeletal<wbr>Key'
    """
    if isinstance(value, str):
        text = value
    elif value is None or pd.isna(value):
        return ""
    else:
        text = str(value)
    return LONG_WORD.sub(_with_breaks, html.escape(text))


def framed_table_html(frame: pd.DataFrame, label: str, columns: dict[str, FramedColumn],
                      height: int | None = FRAME_PX, row_header: str | None = None) -> str:
    """`frame` as an HTML table in a focusable, named frame that scrolls (`height` None: only
    sideways); every cell is escaped text. The `row_header` column (the first by default)
    names each row and stays pinned when a narrow frame scrolls sideways.

    >>> html_ = framed_table_html(pd.DataFrame({"a": ["<b>"]}), "A", {"a": FramedColumn(100, 5)})
    >>> '<div class="framed-table" tabindex="0" role="region" aria-label="A"' in html_
    True
    >>> '<th scope="row" class="pin">&lt;b&gt;</th>' in html_
    True
    """
    names = list(frame.columns)
    pinned = names.index(row_header) if row_header is not None else 0
    widths = [columns.get(c, FramedColumn(100 / len(names), 9)) for c in names]
    cols = "".join(f'<col style="--share: {w.share:g}%; --narrow: {w.narrow_rem:g}rem">'
                   for w in widths)
    head = "".join(f'<th scope="col" class="pin">{_cell(c)}</th>' if i == pinned
                   else f'<th scope="col">{_cell(c)}</th>' for i, c in enumerate(names))
    rows = "".join(
        "<tr>" + "".join(f'<th scope="row" class="pin">{_cell(v)}</th>' if i == pinned
                         else f"<td>{_cell(v)}</td>" for i, v in enumerate(row)) + "</tr>"
        for row in frame.itertuples(index=False, name=None))
    tallest = f"min({height}px, 80vh)" if height else "none"  # a short screen keeps room
    style = (f"--frame-height: {tallest}; "
             f"--narrow-width: {sum(w.narrow_rem for w in widths):g}rem")
    return (f'<div class="framed-table" tabindex="0" role="region" '
            f'aria-label="{html.escape(label)}" style="{style}"><table>'
            f"<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table></div>")


def framed_table(frame: pd.DataFrame, label: str, columns: dict[str, FramedColumn],
                 height: int | None = FRAME_PX, row_header: str | None = None) -> None:
    """Draw `framed_table_html` with its stylesheet."""
    st.html(FRAMED_CSS)
    st.html(framed_table_html(frame, label, columns, height, row_header))


def rules_table(table: pd.DataFrame) -> None:
    """The knowledge base's rules as an HTML table in a frame of its own that scrolls and
    that a keyboard reaches (`framed_table`): every cell wraps whole at any width, the
    header stays in view, and in a narrow frame (a phone) the diagnosis stays pinned while
    the rest scrolls sideways in the frame (the page itself never does)."""
    if table.empty:
        st.caption("No rule matches the diagnoses and arguments chosen above.")
        return
    framed_table(table.rename(columns={"caveat_source": "caveat source"}), RULES_LABEL,
                 RULE_COLUMNS)


# The findings page's MRI parameters: the signal's words take the room, the numbers little.
MRI_COLUMNS = {
    "case": FramedColumn(7, 4.5), "sequence": FramedColumn(11, 7),
    "the paper calls it": FramedColumn(13, 8), "plane": FramedColumn(8, 5.5),
    "TE (ms)": FramedColumn(6, 4), "TR (ms)": FramedColumn(6, 4), "slice (mm)": FramedColumn(6, 4),
    "signal": FramedColumn(29, 13), "source": FramedColumn(14, 7),
}


def wrapped_table(frame: pd.DataFrame, label: str,
                  columns: dict[str, FramedColumn] | None = None) -> None:
    """A short table, whole on the page (`framed_table` without a height): its long cells
    wrap at any width (a dataframe's canvas cuts them), and on a phone it scrolls sideways
    in a frame a keyboard reaches, its first column pinned. Numbers as people write them:
    10 and 6,000, not 10.0000."""
    shown = frame.copy()
    for column in shown.columns:
        if pd.api.types.is_float_dtype(shown[column]):
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else f"{v:,g}")
    framed_table(shown, label, columns or {}, height=None)
