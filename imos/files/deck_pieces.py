"""The slide deck's drawing pieces (python-pptx; pure): the 16:9 template (a title band in
the app's palette, large type), a titled slide with speaker notes, text boxes, a linked
line, pictures placed in a frame, and the verdict table (a row per family and status).
What each slide says is `imos.files.deck`'s."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence

from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from imos.files.deck_layout import LINE_EM, Para, height_in, wrapped_lines
from imos.reasoning.engine import Verdict
from imos.reasoning.families import group_verdicts
from imos.reasoning.wording import strongest_first
from imos.files.handout import link_text
from imos.files.verdict_text import status_words

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
BAND_H = 1.0             # the title band: one line of title
ACCENT_H = 0.07          # a thin strip under it
TITLE_PT = 30
BODY_TOP = BAND_H + ACCENT_H + 0.2
BODY_H = SLIDE_H - BODY_TOP - 0.3
BODY_W = SLIDE_W - 2 * MARGIN
BODY_PT, SMALL_PT = 22, 20
TABLE_PT = 18
GAP = 0.15

# The app's palette (components/charts/palette.py, Okabe-Ito); imos/ may not import the
# components, so the values are repeated and tests/unit/test_exports.py checks them.
BAND = "#0072B2"         # blue
ACCENT = "#E69F00"       # orange
DARK_TEXT = "#111111"
HEADER_FILL = "#EEEEEE"  # NEUTRAL_FILL


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


DARK = rgb(DARK_TEXT)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)


# --- slide pieces ------------------------------------------------------------------------


def _rectangle(slide, left: float, top: float, width: float, height: float, colour: str):
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(left), Inches(top),
                                   Inches(width), Inches(height))
    shape.fill.solid()
    shape.fill.fore_color.rgb = rgb(colour)
    shape.line.fill.background()
    shape.shadow.inherit = False
    tree = slide.shapes._spTree  # behind everything else: the title sits on it
    tree.remove(shape._element)
    tree.insert(2, shape._element)
    return shape


def new_slide(deck, title: str, notes: str, band_h: float = BAND_H, title_pt: float = TITLE_PT):
    """A slide with its title in white on the blue band (a real title placeholder, so
    outlines and screen readers find it) and its speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only"
    _rectangle(slide, 0, 0, SLIDE_W, band_h, BAND)
    _rectangle(slide, 0, band_h, SLIDE_W, ACCENT_H, ACCENT)
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(0.08)
    shape.width, shape.height = Inches(BODY_W), Inches(band_h - 0.16)
    frame = shape.text_frame
    frame.text = title
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    for paragraph in frame.paragraphs:
        paragraph.alignment = 1  # left
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(title_pt), True
            run.font.color.rgb = WHITE
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def text_box(slide, paras: Sequence[Para], left: float, top: float, width: float,
             height: float | None = None):
    """A text box sized to `paras` (or `height`), dark text on white."""
    height = height_in(paras, width) if height is None else height
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(para.space)
        run = paragraph.add_run()
        run.text = para.shown
        run.font.size, run.font.bold = Pt(para.size), para.bold
        run.font.color.rgb = DARK
    return box


def link_line(slide, words: str, link: str, left: float, top: float, width: float,
              size: float = SMALL_PT) -> float:
    """`words` and the link (shortened for reading, the whole address behind it); returns
    the height used."""
    para = Para(words + link_text(link), size)
    box = text_box(slide, [para], left, top, width)
    box.text_frame.paragraphs[0].runs[0].hyperlink.address = link
    return height_in([para], width)


def image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return image.size


def picture_in(slide, data: bytes, left: float, top: float, width: float, height: float,
               centre: bool = True) -> tuple[float, float]:
    """The image as large as fits the frame, its aspect kept; returns (width, height)."""
    w_px, h_px = image_size(data)
    ratio = h_px / w_px
    shown_w = min(width, height / ratio)
    shown_h = shown_w * ratio
    x = left + (width - shown_w) / 2 if centre else left
    slide.shapes.add_picture(io.BytesIO(data), Inches(x), Inches(top), width=Inches(shown_w),
                             height=Inches(shown_h))
    return shown_w, shown_h


# --- the verdict table -----------------------------------------------------------------

STATUS_W = 2.0
TABLE_W = 7.6                # the answer's table; what moved stands beside it
LABEL_W = TABLE_W - STATUS_W
CELL_MARGIN_IN = 0.06


def _row_height(text: str, width: float, bold: bool = False) -> float:
    lines = wrapped_lines(text, width, TABLE_PT, bold)
    return lines * LINE_EM * TABLE_PT / 72 + CELL_MARGIN_IN


def table_rows(verdicts: Sequence[Verdict], families: Mapping[str, str],
               name: Callable[[str], str] = lambda label: label) -> list[tuple[str, str, str]]:
    """(names, status words, status), one row per status, strongest first, the names in
    the order of their families: the whole differential in at most one row per status."""
    ordered = [v for group in group_verdicts(verdicts, families) for v in group.open + group.closed]
    rows = []
    for status in dict.fromkeys(v.status for v in strongest_first(verdicts)):
        names = ", ".join(name(v.label) for v in ordered if v.status == status)
        rows.append((names, status_words(status), status))
    return rows


def verdict_table(slide, rows, colours: Mapping[str, str], left: float, top: float) -> None:
    rows = [("Diagnoses", "Status", None)] + [
        (names, words, colours.get(status)) for names, words, status in rows]
    heights = [max(_row_height(a, LABEL_W, r == 0), _row_height(b, STATUS_W, True))
               for r, (a, b, _) in enumerate(rows)]
    shape = slide.shapes.add_table(len(rows), 2, Inches(left), Inches(top),
                                   Inches(LABEL_W + STATUS_W), Inches(sum(heights)))
    table = shape.table
    table.first_row = True
    table.columns[0].width, table.columns[1].width = Inches(STATUS_W), Inches(LABEL_W)
    for r, ((label, status, fill), height) in enumerate(zip(rows, heights)):
        table.rows[r].height = Inches(height)
        for c, text in enumerate((status, label)):
            cell = table.cell(r, c)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_IN / 2)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(HEADER_FILL) if r == 0 else (
                rgb(fill) if c == 0 and fill else WHITE)
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size, run.font.color.rgb = Pt(TABLE_PT), DARK
                run.font.bold = r == 0 or c == 0


def table_height(rows) -> float:
    rows = [("Diagnoses", "Status")] + [(names, words) for names, words, _ in rows]
    return sum(max(_row_height(a, LABEL_W, r == 0), _row_height(b, STATUS_W, True))
               for r, (a, b) in enumerate(rows))
