"""The slide deck's drawing pieces (python-pptx; pure): the 16:9 geometry and type sizes,
a titled slide with speaker notes, text boxes, a linked line, a picture, text that flows
onto continuation slides, and the verdict table (a row per family and status). What each
slide says is `imos.files.deck`'s."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from imos.files.deck_layout import LINE_EM, Para, height_in, pages, wrapped_lines
from imos.reasoning.engine import Verdict
from imos.reasoning.families import group_verdicts
from imos.files.handout import link_text
from imos.files.verdict_text import status_words

SLIDE_W, SLIDE_H = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_H, TITLE_PT = 0.2, 1.1, 28  # two lines of title fit
BODY_TOP = TITLE_TOP + TITLE_H + 0.05
BODY_H = SLIDE_H - BODY_TOP - 0.25
BODY_PT, SMALL_PT = 20, 18
TABLE_PT = 18
DARK = RGBColor(0x11, 0x11, 0x11)
GREY = RGBColor(0xF2, 0xF2, 0xF2)



def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


# --- slide pieces ------------------------------------------------------------------------


def new_slide(deck, title: str, notes: str):
    slide = deck.slides.add_slide(deck.slide_layouts[5])  # "Title Only": a real title
    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN), Inches(TITLE_TOP)
    shape.width, shape.height = Inches(SLIDE_W - 2 * MARGIN), Inches(TITLE_H)
    frame = shape.text_frame
    frame.text = title
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    for paragraph in frame.paragraphs:
        paragraph.alignment = 1  # left
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(TITLE_PT), True
    slide.notes_slide.notes_text_frame.text = notes
    return slide


def text_box(slide, paras: Sequence[Para], left: float, top: float, width: float, height: float):
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    for index, para in enumerate(paras):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(6)
        run = paragraph.add_run()
        run.text = para.shown
        run.font.size, run.font.bold = Pt(para.size), para.bold
        run.font.color.rgb = DARK
    return box


def link_line(slide, words: str, link: str, left: float, top: float, width: float) -> None:
    box = text_box(slide, [Para(words + link_text(link), SMALL_PT)], left, top, width,
                height_in([Para(words + link_text(link), SMALL_PT)], width))
    run = box.text_frame.paragraphs[0].runs[0]
    run.hyperlink.address = link


def picture(slide, png: bytes, top: float, bottom_room: float = 0.3) -> None:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        ratio = image.height / image.width
    width, height = SLIDE_W - 2 * MARGIN, SLIDE_H - top - bottom_room
    if width * ratio > height:
        width = height / ratio
    left = (SLIDE_W - width) / 2
    slide.shapes.add_picture(io.BytesIO(png), Inches(left), Inches(top), width=Inches(width),
                             height=Inches(width * ratio))


def text_slides(deck, title: str, paras: Sequence[Para], notes: str,
                 width: float = SLIDE_W - 2 * MARGIN) -> list:
    """As many slides as `paras` need, the later ones titled '(continued)'."""
    slides = []
    for index, box in enumerate(pages(paras, width, BODY_H)):
        slide = new_slide(deck, title if index == 0 else f"{title} (continued)", notes)
        text_box(slide, box, MARGIN, BODY_TOP, width, BODY_H)
        slides.append(slide)
    return slides


# --- the verdict table -----------------------------------------------------------------

STATUS_W = 2.1
LABEL_W = SLIDE_W - 2 * MARGIN - STATUS_W  # the table spans the slide: a row, a line
GAP = 0.15
CELL_MARGIN_IN = 0.06


def _row_height(text: str, width: float, bold: bool = False) -> float:
    lines = wrapped_lines(text, width, TABLE_PT, bold)
    return lines * LINE_EM * TABLE_PT / 72 + CELL_MARGIN_IN


def table_rows(verdicts: Sequence[Verdict], families: Mapping[str, str]
               ) -> list[tuple[str, str, str]]:
    """(names, status words, status) per family and status: 'Malignant tumour: Osteosarcoma,
    Primary lymphoma of bone' on one row, so that the whole differential fits one slide."""
    rows = []
    for group in group_verdicts(verdicts, families):
        shown = group.open + group.closed
        for status in dict.fromkeys(v.status for v in shown):
            names = ", ".join(v.label for v in shown if v.status == status)
            rows.append((f"{group.family.capitalize()}: {names}", status_words(status), status))
    return rows


def verdict_table(slide, rows, colours: Mapping[str, str], left: float, top: float) -> None:
    rows = [("Diagnoses by family", "Status", None)] + [
        (names, words, colours.get(status)) for names, words, status in rows]
    heights = [max(_row_height(a, LABEL_W, r == 0), _row_height(b, STATUS_W, True))
               for r, (a, b, _) in enumerate(rows)]
    shape = slide.shapes.add_table(len(rows), 2, Inches(left), Inches(top),
                                   Inches(LABEL_W + STATUS_W), Inches(sum(heights)))
    table = shape.table
    table.first_row = True
    table.columns[0].width, table.columns[1].width = Inches(LABEL_W), Inches(STATUS_W)
    for r, ((label, status, fill), height) in enumerate(zip(rows, heights)):
        table.rows[r].height = Inches(height)
        for c, text in enumerate((label, status)):
            cell = table.cell(r, c)
            cell.text = text
            cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_IN / 2)
            cell.fill.solid()
            cell.fill.fore_color.rgb = GREY if r == 0 else (
                _rgb(fill) if c == 1 and fill else RGBColor(0xFF, 0xFF, 0xFF))
            for run in cell.text_frame.paragraphs[0].runs:
                run.font.size, run.font.color.rgb = Pt(TABLE_PT), DARK
                run.font.bold = r == 0 or c == 1


def table_height(rows) -> float:
    rows = [("Diagnoses by family", "Status")] + [(names, words) for names, words, _ in rows]
    return sum(max(_row_height(a, LABEL_W, r == 0), _row_height(b, STATUS_W, True))
               for r, (a, b) in enumerate(rows))
