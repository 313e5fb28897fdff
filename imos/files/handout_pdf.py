"""The handout as a PDF, written directly (fpdf2): no browser and no print dialog (pure).

The HTML handout's content (`imos.files.handout.Handout`) on at most four pages at a
readable size: the findings, the schematic bone, every diagnosis with its verdict and the
rules that fired in short (strength, finding, effect, source), the charts as images with
their text alternatives, the citation, the licence and the teaching note. Each rule's
rationale and caveat are in the HTML handout and the app. A4 or Letter.

fpdf2 is pure Python (with fontTools and Pillow) and embeds only the glyphs used, so a
handout is a few hundred kilobytes; the Unicode font is DejaVu Sans (`imos.files.fonts`).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date

from fpdf import FPDF, FontFace
from PIL import Image

from imos.files.citation import citation_text, doi_url
from imos.reasoning.engine import STATUSES, Verdict
from imos.files.fonts import FILES, font_path
from imos.files.handout import Chart, FindingLine, Handout, link_text
from imos.drawing.bone import bone_description, bone_png, drawn_findings
from imos.files.verdict_text import reason_text, verdict_text
from imos.reasoning.wording import strongest_first

PAPER_SIZES = ("A4", "Letter")
FONT = "DejaVu"
GREY = (242, 242, 242)
NOTE_FILL = (255, 247, 214)
BODY = 10
BONE_MM = 62    # the schematic bone's height at most
# The last chart may shrink to this share of its height so that the closing notes and
# source (about CLOSING_MM) share its page instead of starting one of their own.
SHRINK_TO, CLOSING_MM = 0.42, 76.0
CHART_MM = 95   # a chart's height at most
IMAGE_MM = 40   # a package image's height at most
SHOWN_RULES = 1  # the strongest rule of each diagnosis; every rule in the HTML handout
VALUE_MARKS = {"present": "✚", "absent": "−"}
EXTRA_WIDTHS = {("stage", "diagnoses", "the paper", "source"): (24, 40, 80, 34)}
STRENGTH_ORDER = ("hallmark", "exclusion", "strong", "weak", "neutral")


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) for i in (0, 2, 4))


class _Document(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "I", 8)
        self.set_text_color(90, 90, 90)
        self.cell(0, 5, f"{self.footer_text} · page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def _document(paper: str, title: str) -> _Document:
    if paper not in PAPER_SIZES:
        raise ValueError(f"paper must be one of {', '.join(PAPER_SIZES)}, not {paper!r}")
    pdf = _Document(format=paper, unit="mm")
    for style in FILES:
        pdf.add_font(FONT, style, font_path(style))
    pdf.set_margins(16, 16, 16)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(title)
    pdf.set_author("IMOS Case Explorer")
    pdf.set_lang("en")
    pdf.footer_text = "IMOS Case Explorer · for teaching only"
    return pdf


def _heading(pdf: FPDF, text: str, size: float = 13) -> None:
    if pdf.get_y() > pdf.h - 45:  # never leave a heading alone at the foot of a page
        pdf.add_page()
    pdf.ln(3)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(200, 200, 200)
    pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
    pdf.ln(2.5)
    pdf.set_font(FONT, "", BODY)


def _paragraph(pdf: FPDF, text: str, style: str = "", size: float = BODY, fill=None) -> None:
    pdf.set_font(FONT, style, size)
    if fill:
        pdf.set_fill_color(*fill)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT", fill=bool(fill), align="L",
                   padding=(1.5, 2) if fill else 0)
    pdf.ln(1.2)
    pdf.set_font(FONT, "", BODY)
    pdf.set_fill_color(255, 255, 255)


def _table(pdf: FPDF, head: Sequence[str], rows: Sequence[Sequence[str]],
           widths: Sequence[float] | None = None, size: float = 9) -> None:
    pdf.set_font(FONT, "", size)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=size * 0.48,
                   headings_style=FontFace(emphasis="BOLD", fill_color=GREY),
                   padding=1.2, borders_layout="ALL") as table:
        table.row(list(head))
        for row in rows:
            table.row([str(cell) for cell in row])
    pdf.ln(2)
    pdf.set_font(FONT, "", BODY)


def _findings(pdf: FPDF, lines: Sequence[FindingLine]) -> None:
    """One row per examination: each finding with its value (✚ present, − absent) and where
    the paper says it (the paper's wording is in the HTML handout)."""
    if not lines:
        _paragraph(pdf, "No finding set: every finding is unknown.")
        return
    sections: dict[str, list[str]] = {}
    for f in lines:
        mark = VALUE_MARKS.get(f.value, f.value)
        sections.setdefault(f.section, []).append(
            f"{mark} {f.label}" + (f" ({f.source})" if f.source else ""))
    _table(pdf, ("Examination", "Findings (✚ present, − absent) and where the paper says them"),
           [(section, "; ".join(items)) for section, items in sections.items()],
           widths=(28, 150), size=8.5)


def _bone(pdf: FPDF, picture: Mapping[str, str], labels: Mapping[str, str]) -> None:
    if not drawn_findings(picture):
        return
    png = bone_png(picture, labels, scale=2.5)
    with Image.open(io.BytesIO(png)) as image:
        ratio = image.height / image.width
    width = min(pdf.epw, BONE_MM / ratio)
    if pdf.get_y() + width * ratio + 12 > pdf.h - pdf.b_margin:
        pdf.add_page()
    _heading(pdf, "The findings on a bone (schematic)", 12)
    pdf.image(io.BytesIO(png), w=width, h=width * ratio)
    _paragraph(pdf, "A drawing of the findings set as present, not an image of the patient. "
                    + bone_description(picture, labels), "I", 8.5)


def _images(pdf: FPDF, images: Sequence) -> None:
    """The package's images, side by side in rows of two, each with its caption and credit."""
    if not images:
        return
    _heading(pdf, "Images", 12)
    width = (pdf.epw - 6) / 2
    for index, image in enumerate(images):
        ratio = image.height / image.width
        shown_w = min(width, IMAGE_MM / ratio)
        if index % 2 == 0 and pdf.get_y() + shown_w * ratio + 12 > pdf.h - pdf.b_margin:
            pdf.add_page()
        x = pdf.l_margin + (index % 2) * (width + 6)
        top = pdf.get_y()
        pdf.image(io.BytesIO(image.data), x=x, y=top, w=shown_w, h=shown_w * ratio)
        pdf.set_xy(x, top + shown_w * ratio + 1)
        pdf.set_font(FONT, "I", 8)
        pdf.multi_cell(width, 3.6, f"{image.caption} — {image.credit} ({image.licence})",
                       new_x="LEFT", new_y="NEXT")
        if index % 2 == 1 or index == len(images) - 1:
            pdf.ln(2)
        else:
            pdf.set_y(top)
    pdf.set_font(FONT, "", BODY)


def _verdicts(pdf: FPDF, verdicts: Sequence[Verdict], labels: Mapping[str, str],
              colours: Mapping[str, str], settle=None) -> None:
    """One row per diagnosis, strongest first: its status (coloured, with its symbol), its
    name, and the rules that fired in short, each with its source."""
    names = {v.diagnosis_id: v.label for v in verdicts}
    pdf.set_font(FONT, "", 8.5)
    with pdf.table(col_widths=(24, 38, 120), text_align="LEFT", line_height=4.1,
                   headings_style=FontFace(emphasis="BOLD", fill_color=GREY), padding=1.1,
                   borders_layout="ALL") as table:
        table.row(["Status", "Diagnosis", "Rules that fired (strength) and their sources"])
        for verdict in strongest_first(verdicts):
            text = verdict_text(verdict, labels, names, settle)
            strongest = sorted(verdict.reasons, key=lambda r: STRENGTH_ORDER.index(r.strength))
            why = [reason_text(r, labels, detail=False) for r in strongest[:SHOWN_RULES]] or [
                "No rule fires on these findings."]
            if len(strongest) > SHOWN_RULES:
                more = len(strongest) - SHOWN_RULES
                why.append(f"and {more} more rule{'s' if more > 1 else ''} (HTML handout)")
            if text.pending:
                why.append(text.pending)
            if text.unaddressed:
                why.append(text.unaddressed[0])
            row = table.row()
            row.cell(text.status_words, style=FontFace(
                emphasis="BOLD", fill_color=_rgb(colours.get(verdict.status, "#FFFFFF"))))
            row.cell(text.label)
            row.cell("\n".join(f"• {line}" for line in why))
    pdf.ln(2)
    pdf.set_font(FONT, "", BODY)


def _chart(pdf: FPDF, chart: Chart, reserve: float = 0.0) -> None:
    """The chart under its heading (both moved to a new page when the chart would not fit
    below), at most CHART_MM tall, and its text alternative. `reserve`: room to leave
    below it (the closing notes); the chart shrinks to as little as SHRINK_TO of its height
    before it, or they, would start a page of their own."""
    width = height = 0.0
    if chart.image:
        with Image.open(io.BytesIO(chart.image)) as picture:
            ratio = picture.height / picture.width
        width = min(pdf.epw, CHART_MM / ratio)
        height = width * ratio
        alternative = f"Text alternative: {chart.text_alternative}"
        pdf.set_font(FONT, "I", 8)
        below = pdf.multi_cell(0, 4, alternative, dry_run=True, output="HEIGHT") + 1.2
        pdf.set_font(FONT, "", BODY)
        room = pdf.h - pdf.b_margin - pdf.get_y() - 16 - below - reserve
        if SHRINK_TO * height <= room < height:
            width, height = room / ratio, room
        if pdf.get_y() + height + 16 > pdf.h - pdf.b_margin:
            pdf.add_page()
    _heading(pdf, chart.title, 12)
    if chart.image:
        pdf.image(io.BytesIO(chart.image), w=width, h=height)
        pdf.ln(2)
    _paragraph(pdf, f"Text alternative: {chart.text_alternative}", "I", 8)


def render_handout_pdf(handout: Handout, status_colours: Mapping[str, str], paper: str = "A4",
                       today: date | None = None) -> bytes:
    """The handout as PDF bytes; `status_colours` maps each status to a '#rrggbb' fill."""
    meta = handout.meta
    pdf = _document(paper, handout.title)
    pdf.add_page()
    pdf.set_font(FONT, "B", 17)
    pdf.multi_cell(0, 8, handout.title, new_x="LMARGIN", new_y="NEXT")
    _paragraph(pdf, handout.subtitle, size=10.5)
    _paragraph(pdf, f"For teaching only, not for clinical decisions. {handout.teaching_note}",
               "B", 10, fill=NOTE_FILL)
    _heading(pdf, "Findings")
    _findings(pdf, handout.findings)
    _bone(pdf, handout.picture, handout.finding_labels)
    _images(pdf, handout.images)
    counts = ", ".join(f"{sum(v.status == s for v in handout.verdicts)} {s}" for s in STATUSES)
    _heading(pdf, "Differential")
    _paragraph(pdf, f"{counts}. Each diagnosis with its status and the rules that fired, "
                    "with its source: the strongest of each (every rule, its reasoning "
                    "and its caveats: in the HTML handout and the app).")
    _verdicts(pdf, handout.verdicts, handout.finding_labels, status_colours, handout.settle)
    for heading, rows in handout.extra:
        if rows:
            _heading(pdf, heading)
            columns = list(rows[0])
            _table(pdf, columns, [[row[c] for c in columns] for row in rows],
                   widths=EXTRA_WIDTHS.get(tuple(columns)), size=8.5)
    for number, chart in enumerate(handout.charts, start=1):
        _chart(pdf, chart, CLOSING_MM if number == len(handout.charts) else 0.0)
    _heading(pdf, "Notes, source and licence")
    for note in list(handout.notes) + [
            "Statuses come from a small teaching rule base (see the app's Differential criteria "
            "page): an unknown finding never excludes anything."]:
        _paragraph(pdf, f"• {note}")
    _paragraph(pdf, citation_text(meta) + ".")
    if doi_url(meta):
        pdf.set_text_color(0, 80, 160)
        pdf.cell(0, 5, doi_url(meta), link=doi_url(meta), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1)
    _paragraph(pdf, f"Licence: {meta['licence']}")
    if handout.link:
        pdf.set_font(FONT, "", BODY)
        pdf.write(5, "Open this scenario in the app: ")
        pdf.set_text_color(0, 80, 160)
        pdf.write(5, link_text(handout.link), link=handout.link)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(7)
    _paragraph(pdf, f"Made with IMOS Case Explorer on {(today or date.today()).isoformat()}.",
               "I", 8.5)
    return bytes(pdf.output())
