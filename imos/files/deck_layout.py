"""How much text fits a box on a slide, and pages of paragraphs that each fit (pure).

A .pptx file carries no layout: PowerPoint or Impress wraps the text when the slide is
shown, with whatever font the machine has. So the builder measures each word with DejaVu
Sans (`imos.files.fonts`), which is wider than Calibri, Carlito or Arial, wraps as a slide
program does, allows 1.2 ems per line (DejaVu needs 1.17) and 5% of width to spare, and moves what
would not fit onto a continuation slide instead of shrinking the type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from PIL import ImageFont

from imos.files.fonts import font_path

LINE_EM = 1.2
WIDTH_SAFETY = 0.95
SPACE_AFTER_PT = 6
INSET_X_IN = 0.1   # python-pptx's default text box insets
INSET_Y_IN = 0.05
BULLET = "• "


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box."""

    text: str
    size: float = 20
    bold: bool = False
    bullet: bool = False
    space: float = SPACE_AFTER_PT  # points after the paragraph

    @property
    def shown(self) -> str:
        return (BULLET if self.bullet else "") + self.text


@lru_cache(maxsize=16)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path("B" if bold else ""), size=round(size * 10))


@lru_cache(maxsize=8192)
def text_width_pt(text: str, size: float, bold: bool = False) -> float:
    return _font(size, bold).getlength(text) / 10


def wrapped_lines(text: str, width_in: float, size: float, bold: bool = False) -> int:
    """Lines `text` takes in a box `width_in` wide (insets included) at `size` points.

    Words are measured one by one (kerning across a space is ignored; the 5% margin
    covers it), so a paragraph costs one measurement per new word.
    """
    room = ((width_in - 2 * INSET_X_IN) * 72) * WIDTH_SAFETY
    space = text_width_pt(" ", size, bold)
    lines = 0
    for raw in text.split("\n"):
        lines += 1
        used = 0.0
        for word in raw.split():
            width = text_width_pt(word, size, bold)
            if used and used + space + width <= room:
                used += space + width
                continue
            if used:  # the word starts a new line
                lines += 1
            while width > room and len(word) > 1:  # longer than a line: it breaks anywhere
                cut = len(word)
                while cut > 1 and text_width_pt(word[:cut], size, bold) > room:
                    cut -= 1
                word = word[cut:]
                width = text_width_pt(word, size, bold)
                lines += 1
            used = width
    return lines


@lru_cache(maxsize=4096)
def para_height_in(para: Para, width_in: float) -> float:
    lines = wrapped_lines(para.shown, width_in, para.size, para.bold)
    return (lines * LINE_EM * para.size + para.space) / 72


def height_in(paras: Sequence[Para], width_in: float) -> float:
    """Estimated height of a text box holding `paras`, insets included."""
    return 2 * INSET_Y_IN + sum(para_height_in(p, width_in) for p in paras)


def pages(paras: Sequence[Para], width_in: float, height_limit_in: float) -> list[list[Para]]:
    """Paragraphs split into boxes that each fit; a heading never ends a box."""
    boxes: list[list[Para]] = [[]]
    for para in paras:
        if boxes[-1] and height_in(boxes[-1] + [para], width_in) > height_limit_in:
            carried = [boxes[-1].pop()] if boxes[-1][-1].bold and len(boxes[-1]) > 1 else []
            boxes.append(carried)
        boxes[-1].append(para)
    return [box for box in boxes if box]


def fit(paras: Sequence[Para], width_in: float, height_in_limit: float,
        more: str = "… and {n} more in the speaker notes") -> tuple[list[Para], list[Para]]:
    """The paragraphs that fit one box, the rest (for the notes): when some are left out, a
    last line says how many, and the box still fits. A slide never continues on another
    for a line or two."""
    shown = list(paras)
    if height_in(shown, width_in) <= height_in_limit:
        return shown, []
    size = min((p.size for p in paras), default=20)
    while shown:
        shown.pop()
        if shown and shown[-1].bold:  # a heading never ends a box
            shown.pop()
        rest = list(paras[len(shown):])
        note = Para(more.format(n=len(rest)), size)
        if height_in(shown + [note], width_in) <= height_in_limit:
            return shown + [note], rest
    return [], list(paras)


def notes_within(parts: Sequence[str], limit: int, tail: str = "") -> str:
    """Speaker notes of at most `limit` characters: the parts in order while they fit, then
    a line saying that the rest is in the app or the handout, and `tail` (a link) last."""
    cut = "… (the rest of the reasoning is in the handout and in the app)"
    budget = limit - (len(tail) + 2 if tail else 0)
    out: list[str] = []
    for index, part in enumerate(parts):
        if len("\n".join(out + [part])) <= budget - (len(cut) + 1 if index < len(parts) - 1 else 0):
            out.append(part)
            continue
        room = budget - len("\n".join(out + [""])) - len(cut) - 1
        if room > 80:  # a useful piece of the part, cut at a word
            out.append(part[:room].rsplit(" ", 1)[0] + " …")
        out.append(cut)
        break
    text = "\n".join(out)
    return (text + "\n\n" + tail if tail else text)[:limit]
