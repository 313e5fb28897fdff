"""The files that leave the app: the walk-through's slides, the PDF and the HTML handout.

The .pptx is read back with python-pptx and every text box is measured independently of
the builder: DejaVu Sans (wider than the fonts a slide program would use) at the run's
size, greedy word wrap, 1.17 ems per line. The PDF is read back as text with pypdf.
"""

from __future__ import annotations

import io
import re
from functools import lru_cache

import pytest
from PIL import ImageFont
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu, Inches
from pypdf import PdfReader

from components.files.handout_download import as_html, as_pdf, explorer_handout, walkthrough_handout
from components.files.slides_download import walkthrough_deck
from imos.files.citation import citation_text
from imos.data import load_case_series
from imos.reasoning.engine import case_findings, default_knowledge, evaluate
from imos.files.fonts import font_path
from imos.teaching.walkthrough import walkthrough
from imos.reasoning.wording import STATUS_SYMBOLS

pytestmark = pytest.mark.slow  # builds every deck and PDF: outside the fast loop

SERIES = load_case_series()
KNOWLEDGE = default_knowledge()
DIAGNOSES = KNOWLEDGE.diagnosis_labels
CASES = list(SERIES.cases["case_id"])
FAMILIES = dict(zip(KNOWLEDGE.diagnoses["diagnosis_id"], KNOWLEDGE.diagnoses["family"]))
APP = "https://imos.example.org/walkthrough"
TWO_MB = 2 * 1024 * 1024
EMU_PER_PT = 12700


@lru_cache(maxsize=None)
def _deck(case_id: str) -> bytes:
    return walkthrough_deck(SERIES, case_id, f"Case {case_id}", walkthrough(SERIES, case_id),
                            DIAGNOSES, APP)


@lru_cache(maxsize=None)
def _walk_pdf(case_id: str, paper: str) -> bytes:
    steps = walkthrough(SERIES, case_id)
    handout = walkthrough_handout(f"Case {case_id}", steps, len(steps), SERIES, case_id,
                                  DIAGNOSES, [], f"{APP}?case={case_id}&step=end", "png")
    return as_pdf(handout, paper)


# --- the slides --------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _font(size_pt: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path("B" if bold else ""), size=round(size_pt * 10))


def _lines(text: str, width_pt: float, size_pt: float, bold: bool) -> int:
    font = _font(size_pt, bold)
    count = 0
    for raw in text.split("\n"):
        count += 1
        line = ""
        for word in raw.split():
            candidate = f"{line} {word}".strip()
            if font.getlength(candidate) / 10 <= width_pt or not line:
                line = candidate
            else:
                count += 1
                line = word
    return count


def _needed_height_pt(frame, width_pt: float) -> float:
    total = 0.0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        size = max(r.font.size.pt for r in runs)
        bold = any(r.font.bold for r in runs)
        text = "".join(r.text for r in runs)
        total += _lines(text, width_pt, size, bold) * 1.17 * size
        total += paragraph.space_after.pt if paragraph.space_after is not None else 0
    return total


def _slides(case_id: str):
    return list(Presentation(io.BytesIO(_deck(case_id))).slides)


@pytest.mark.parametrize("case_id", CASES)
def test_the_deck_follows_the_walk_through_one_question_and_one_answer_a_stage(case_id):
    deck = Presentation(io.BytesIO(_deck(case_id)))
    assert abs(deck.slide_width / deck.slide_height - 16 / 9) < 0.01
    titles = [s.shapes.title.text_frame.text for s in deck.slides]
    assert titles[0] == f"Case {case_id}: a walk-through"
    steps = walkthrough(SERIES, case_id)
    expected = [f"{s.number}. {s.label}: {what}" for s in steps
                for what in ("what is found", "the answer")]
    assert titles[1:-3] == expected  # no "(continued)" slides
    assert titles[-3:] == [f"Case {case_id}: the timeline", "The road to the diagnosis",
                           "Take-home, source and licence"]
    assert not any("continued" in t for t in titles)


def test_the_template_is_the_apps_palette_on_a_title_band():
    from components.charts import palette
    from imos.files import deck_pieces

    assert deck_pieces.BAND == palette.OKABE_ITO["blue"]
    assert deck_pieces.ACCENT == palette.OKABE_ITO["orange"]
    assert deck_pieces.DARK_TEXT == palette.DARK_TEXT
    assert deck_pieces.HEADER_FILL == palette.NEUTRAL_FILL
    for slide in _slides("2"):
        band = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                and s.top == 0 and s.width == Presentation(io.BytesIO(_deck("2"))).slide_width]
        assert band and str(band[0].fill.fore_color.rgb) == palette.OKABE_ITO["blue"][1:]
        title = slide.shapes.title
        assert title.top + title.height <= band[0].height  # the title sits on the band
        assert all(r.font.size.pt >= 28 for p in title.text_frame.paragraphs for r in p.runs)


@pytest.mark.parametrize("case_id", CASES)
def test_every_slide_has_short_notes_and_the_charts_are_pictures(case_id):
    slides = _slides(case_id)
    for number, slide in enumerate(slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip(), number
        assert len(notes) <= 1500, (number, len(notes))
    pictures = [s for slide in slides[-3:-1] for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 2  # the timeline and the road
    assert all(len(p.image.blob) > 10_000 for p in pictures)


def _content_lines(slide) -> int:
    """Lines of content other than the title: wrapped lines of text boxes, the lines of
    each table row; a picture of a quarter of the slide or more counts as a full slide."""
    lines = 0
    for shape in slide.shapes:
        if shape == slide.shapes.title:
            continue
        if shape.shape_type == MSO_SHAPE_TYPE.PICTURE and shape.width * shape.height > (
                Emu(Inches(13.333)) * Emu(Inches(7.5))) / 4:
            lines += 10
        if shape.has_text_frame and shape.text_frame.text.strip():
            frame = shape.text_frame
            width = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
            lines += sum(_lines("".join(r.text for r in p.runs), width,
                                max(r.font.size.pt for r in p.runs), False)
                         for p in frame.paragraphs if p.runs)
        if shape.has_table:
            lines += len(shape.table.rows)
    return lines


@pytest.mark.parametrize("case_id", CASES)
def test_no_slide_but_the_first_and_last_holds_fewer_than_three_lines(case_id):
    slides = _slides(case_id)
    for number, slide in enumerate(slides[1:-1], start=2):
        assert _content_lines(slide) >= 3, (number, slide.shapes.title.text_frame.text)


@pytest.mark.parametrize("case_id", CASES)
def test_the_bone_is_drawn_on_each_stage_that_has_a_drawable_finding(case_id):
    from imos.drawing.bone import drawn_findings

    slides = _slides(case_id)
    steps = walkthrough(SERIES, case_id)
    for step in steps:
        question = next(s for s in slides
                        if s.shapes.title.text_frame.text == f"{step.number}. {step.label}: what is found")
        so_far = {f: v for s in steps[:step.number] for f, v in s.replayed.revealed.items()}
        pictures = [s for s in question.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == (1 if drawn_findings(so_far) else 0), step.label
        assert "☐" not in " ".join(s.text_frame.text for s in question.shapes if s.has_text_frame)


def test_a_stages_images_are_on_its_question_slide_and_credited_in_the_notes():
    import io as _io

    from PIL import Image

    from imos.files.deck import SlideImage

    buffer = _io.BytesIO()
    Image.new("RGB", (640, 480), (40, 40, 40)).save(buffer, "PNG")
    image = SlideImage(buffer.getvalue(), "Lateral radiograph of the tibia",
                       "Abe et al. 2020, Fig. 2a", "CC BY 4.0")
    steps = walkthrough(SERIES, "2")
    deck = Presentation(io.BytesIO(walkthrough_deck(SERIES, "2", "Case 2", steps, DIAGNOSES, APP,
                                                    images={3: [image]})))
    for slide in deck.slides:
        blobs = [s.image.blob for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        on_stage = slide.shapes.title.text_frame.text == "3. Radiograph and CT: what is found"
        assert (image.data in blobs) == on_stage
        if on_stage:
            notes = slide.notes_slide.notes_text_frame.text
            assert "Lateral radiograph of the tibia" in notes and "CC BY 4.0" in notes
            text = " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
            assert "Abe et al. 2020, Fig. 2a" in text


@pytest.mark.parametrize("case_id", CASES)
def test_every_text_fits_its_box_and_every_box_its_slide(case_id):
    deck = Presentation(io.BytesIO(_deck(case_id)))
    width, height = deck.slide_width, deck.slide_height
    for number, slide in enumerate(deck.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number}, {shape.name}"
            assert shape.left >= 0 and shape.top >= 0, where
            assert shape.left + shape.width <= width and shape.top + shape.height <= height, where
            if shape.has_text_frame and shape.text_frame.text.strip():
                frame = shape.text_frame
                inner_w = (shape.width - frame.margin_left - frame.margin_right) / EMU_PER_PT
                inner_h = (shape.height - frame.margin_top - frame.margin_bottom) / EMU_PER_PT
                assert _needed_height_pt(frame, inner_w) <= inner_h, where
                sizes = [r.font.size.pt for p in frame.paragraphs for r in p.runs]
                assert min(sizes) >= 18, where  # readable from the back of the room
            if shape.has_table:
                needed = 0.0
                for row in shape.table.rows:
                    cells = []
                    for column, cell in zip(shape.table.columns, row.cells):
                        inner = (column.width - cell.margin_left - cell.margin_right) / EMU_PER_PT
                        cells.append(_needed_height_pt(cell.text_frame, inner)
                                     + (cell.margin_top + cell.margin_bottom) / EMU_PER_PT)
                        assert all(r.font.size.pt >= 18 for p in cell.text_frame.paragraphs
                                   for r in p.runs), where
                    needed += max(max(cells), Emu(row.height).pt)
                assert shape.top / EMU_PER_PT + needed <= Emu(height).pt, where


def _overlap(a, b) -> bool:
    return not (a.left + a.width <= b.left or b.left + b.width <= a.left
                or a.top + a.height <= b.top or b.top + b.height <= a.top)


@pytest.mark.parametrize("case_id", CASES)
def test_no_two_boxes_of_content_overlap(case_id):
    for number, slide in enumerate(_slides(case_id), start=1):
        content = [s for s in slide.shapes if s != slide.shapes.title
                   and s.shape_type != MSO_SHAPE_TYPE.AUTO_SHAPE]
        for i, a in enumerate(content):
            for b in content[i + 1:]:
                assert not _overlap(a, b), (number, a.name, b.name)


@pytest.mark.parametrize("case_id", CASES)
def test_each_answer_names_every_diagnosis_with_its_verdict(case_id):
    from imos.files.deck import short_name

    slides = _slides(case_id)
    steps = walkthrough(SERIES, case_id)
    for step in steps:
        answer = next(s for s in slides
                      if s.shapes.title.text_frame.text == f"{step.number}. {step.label}: the answer")
        named = []  # (diagnosis named in a row, that row's status): a status row names several
        for shape in answer.shapes:
            if shape.has_table:
                for row in list(shape.table.rows)[1:]:
                    named += [(name, row.cells[0].text) for name in row.cells[1].text.split(", ")]
        assert len(named) == len(step.replayed.verdicts)  # each diagnosis once
        for verdict in step.replayed.verdicts:
            assert (short_name(verdict.label),
                    f"{STATUS_SYMBOLS[verdict.status]} {verdict.status}") in named


def test_the_closing_slide_cites_the_paper_and_links_back_to_the_app():
    closing = _slides("2")[-1]
    text = " ".join(s.text_frame.text for s in closing.shapes if s.has_text_frame)
    assert "CC BY 4.0" in text and "For teaching only" in text
    assert re.sub(r"\s+", "", citation_text(SERIES.meta)) in re.sub(r"\s+", "", text)
    links = [r.hyperlink.address for s in closing.shapes if s.has_text_frame
             for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
    assert links == ["https://doi.org/10.1186/s12891-020-03758-5",
                     f"{APP}?case=2&step=end&present=1"]
    assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in closing.shapes)  # the QR code


def test_the_citation_is_on_the_closing_slide_only():
    slides = _slides("2")
    doi = SERIES.meta["doi"]
    for slide in slides[:-1]:
        assert doi not in " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


@pytest.mark.parametrize("address", ["http://localhost:8501/walkthrough",
                                     "http://127.0.0.1:8501/walkthrough",
                                     "http://[::1]:8501/walkthrough", None])
def test_no_link_names_a_loopback_address(address):
    steps = walkthrough(SERIES, "2")
    data = walkthrough_deck(SERIES, "2", "Case 2", steps, DIAGNOSES, address)
    deck = Presentation(io.BytesIO(data))
    for slide in deck.slides:
        links = [r.hyperlink.address for s in slide.shapes if s.has_text_frame
                 for p in s.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        assert all("doi.org" in link for link in links), links
        words = " ".join([s.text_frame.text for s in slide.shapes if s.has_text_frame]
                         + [slide.notes_slide.notes_text_frame.text])
        assert not re.search(r"localhost|127\.0\.0\.1|::1", words)


# --- the PDF handout ---------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    """The document's text without white space and without the page footers (a sentence
    running over a page break reads on across it)."""
    reader = PdfReader(io.BytesIO(data))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))
    return re.sub(r"IMOSCaseExplorer·forteachingonly·page\d+of\d+", "", text)


@pytest.mark.parametrize("case_id", CASES)
def test_the_pdf_carries_the_citation_and_every_verdict(case_id):
    text = _pdf_text(_walk_pdf(case_id, "A4"))
    assert re.sub(r"\s+", "", citation_text(SERIES.meta)) in text
    assert "CCBY4.0" in text and "Forteachingonly,notforclinicaldecisions." in text
    final = walkthrough(SERIES, case_id)[-1].replayed.verdicts
    order = ("hallmark", "exclusion", "strong", "weak", "neutral")
    for verdict in final:
        line = f"{STATUS_SYMBOLS[verdict.status]}{verdict.status}{verdict.label}"
        assert re.sub(r"\s+", "", line) in text, line
        if verdict.reasons:  # its strongest rule with its source; the rest counted
            strongest = sorted(verdict.reasons, key=lambda r: order.index(r.strength))[0]
            assert re.sub(r"\s+", "", strongest.source) in text
            if len(verdict.reasons) > 1:
                assert f"and{len(verdict.reasons) - 1}morerule" in text


@pytest.mark.parametrize("case_id", CASES)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_pdf_of_each_case_is_at_most_four_pages(case_id, paper):
    reader = PdfReader(io.BytesIO(_walk_pdf(case_id, paper)))
    assert len(reader.pages) <= 4
    sizes: dict[float, int] = {}

    def size_of(text, cm, tm, font, font_size):
        if text.strip():
            size = round(font_size * abs(tm[3]) * (abs(cm[3]) or 1), 1)
            sizes[size] = sizes.get(size, 0) + len(text)

    for page in reader.pages:
        page.extract_text(visitor_text=size_of)
    assert min(sizes) >= 8  # footers and text alternatives 8 pt, tables 8.5 pt, body 10 pt
    assert sum(n for size, n in sizes.items() if size >= 8.5) > 0.85 * sum(sizes.values())


def test_the_pdf_draws_the_findings_on_the_bone():
    reader = PdfReader(io.BytesIO(_walk_pdf("2", "A4")))
    text = _pdf_text(_walk_pdf("2", "A4"))
    assert "Thefindingsonabone(schematic)" in text and "notanimageofthepatient" in text
    images = [image for page in reader.pages for image in page.images]
    assert len(images) >= 2  # the bone and the stage-by-stage chart


@pytest.mark.parametrize(("paper", "size_pt"), [("A4", (595, 842)), ("Letter", (612, 792))])
def test_the_pdf_comes_on_a4_and_letter(paper, size_pt):
    reader = PdfReader(io.BytesIO(_walk_pdf("2", paper)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size_pt
    assert len(reader.pages) >= 2


def test_the_explorer_pdf_has_the_scenario_and_its_link():
    state = {"nidus": "absent", "malignant_cells": "absent"}
    handout = explorer_handout(state, evaluate(state), SERIES, DIAGNOSES,
                               "http://localhost:8501/explorer?nidus=absent", "png")
    text = _pdf_text(as_pdf(handout, "Letter"))
    for verdict in evaluate(state):
        assert re.sub(r"\s+", "", verdict.label) in text
    assert "localhost:8501/explorer?nidus=absent" in text


# --- sizes -------------------------------------------------------------------------------


@pytest.mark.parametrize("case_id", CASES)
def test_every_file_of_every_case_stays_small(case_id):
    assert len(_deck(case_id)) < TWO_MB
    assert len(_walk_pdf(case_id, "A4")) < TWO_MB
    steps = walkthrough(SERIES, case_id)
    page = as_html(walkthrough_handout(f"Case {case_id}", steps, len(steps), SERIES, case_id,
                                       DIAGNOSES, [], None, "svg"))
    assert len(page.encode()) < 1024 * 1024
    assert "plotly" not in page.lower()


def test_the_html_handout_chart_names_every_diagnosis_and_no_cards():
    state = case_findings(SERIES.findings, "3")
    page = as_html(explorer_handout(state, evaluate(state), SERIES, DIAGNOSES, None, "svg"))
    start = page.index("<svg", page.index("<figure class=chart>"))  # the chart, not the bone
    svg = page[start:page.index("</svg>", start)]
    words = " ".join(re.sub(r"<[^>]+>", " ", svg).split())
    for label in DIAGNOSES.values():
        assert all(word in words for word in label.split()), label
    assert "numbered cards" not in page
