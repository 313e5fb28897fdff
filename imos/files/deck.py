"""The walk-through of one case as a deck a teacher presents as it is (python-pptx; pure).

A 16:9 template in the app's palette (`imos.files.deck_pieces`): a title slide; per stage
a question slide (what the stage finds, the findings so far drawn on a schematic bone with
any images the package carries for the stage, and the diagnoses still open as a clean
list to ask the room about) and an answer slide (each diagnosis's verdict by family, what
the stage moved and why, the paper's judgement beside the engine's); the case's timeline
and its road as images; a closing slide with the citation, the licence and the app's
address. Type is 18 pt or larger. What does not fit a slide goes to its speaker notes
(at most 1,500 characters each), never onto a "(continued)" slide or into smaller type.
Links name only an address a room can reach (`reachable`): never a loopback host.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pandas as pd
import segno
from pptx import Presentation
from pptx.util import Inches

from imos.drawing.bone import bone_png, drawn_findings
from imos.files.citation import citation_text, doi_url, short_citation
from imos.files.deck_layout import Para, fit, height_in, notes_within
from imos.files.deck_pieces import (
    BAND_H,
    BODY_H,
    BODY_PT,
    BODY_TOP,
    BODY_W,
    GAP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    SMALL_PT,
    TABLE_W,
    link_line,
    new_slide,
    picture_in,
    table_height,
    table_rows,
    text_box,
    verdict_table,
)
from imos.reasoning.families import group_ids
from imos.files.verdict_text import reason_text, reasons_revealed, status_words
from imos.teaching.walkthrough import Position, WalkStep
from imos.text import shorten

VALUE_MARKS = {"present": "✚ present", "absent": "− absent"}
PAPER = "¶"
NOTES_LIMIT = 1500
PAPER_SHOWN = 90  # characters of the paper's judgement on a slide; all of it in the notes
LABEL_PT = 18
MIN_VISUAL_H = 1.5  # the bone's strip on a question slide, at least
LOOPBACK = re.compile(r"^(localhost|127(\.\d+){3}|\[?::1\]?|0\.0\.0\.0)$", re.I)


def reachable(address: str | None) -> str | None:
    """`address` when a room could open it: http(s) and not a loopback host ('localhost',
    127.x.x.x, ::1, 0.0.0.0); None otherwise.

    >>> reachable("https://imos.example.org/walkthrough?case=2"), reachable("http://localhost:8501/x")
    ('https://imos.example.org/walkthrough?case=2', None)
    """
    if not address:
        return None
    parts = urlsplit(address)
    host = (parts.hostname or "").strip("[]")
    if parts.scheme not in ("http", "https") or not host or LOOPBACK.match(host) \
            or host.endswith(".localhost"):
        return None
    return address


@dataclass(frozen=True)
class SlideImage:
    """An image a data package carries for one stage of a case (already checked)."""

    data: bytes
    caption: str
    credit: str
    licence: str

    @property
    def credit_line(self) -> str:
        return f"{self.credit} ({self.licence})"


@dataclass(frozen=True)
class DeckCase:
    """Everything one case's deck is made of; the charts come as PNG bytes."""

    case_id: str
    title: str                           # "Case 2: 41-year-old woman"
    steps: Sequence[WalkStep]
    case_rows: pd.DataFrame              # the case's rows of findings.csv (wording, source)
    finding_labels: Mapping[str, str]
    diagnoses: Mapping[str, str]
    meta: Mapping
    teaching_note: str
    status_colours: Mapping[str, str]
    timeline_png: bytes
    timeline_text: str
    road_png: bytes
    road_text: str
    link: Callable[[Position], str | None] = lambda position: None
    families: Mapping[str, str] = field(default_factory=dict)  # diagnosis id -> family
    # what would settle each diagnosis at the end (`imos.reasoning.families.settling`), for the notes
    settle: Mapping[str, Sequence[tuple[str, str, str]]] | None = None
    images: Mapping[int, Sequence[SlideImage]] = field(default_factory=dict)  # by stage number

    def address(self, position: Position) -> str | None:
        return reachable(self.link(position))


# --- what each slide says ----------------------------------------------------------------


def _found(step: WalkStep, case: DeckCase) -> list[Para]:
    assessed = step.replayed.assessed
    if not assessed:
        return [Para("Nothing reported at this stage: the paper describes no such "
                     "examination for this patient.", BODY_PT)]
    return [Para(f"{case.finding_labels[f]}: {VALUE_MARKS.get(v, v)}", SMALL_PT, bullet=True)
            for f, v in assessed.items()]


def _found_notes(step: WalkStep, case: DeckCase) -> list[str]:
    """Each finding of the stage in the paper's words, with its place in the paper."""
    rows = case.case_rows.set_index("finding_id")
    return [f"- {case.finding_labels[f]} {v}: {rows.loc[f, 'wording']} ({rows.loc[f, 'source']})"
            for f, v in step.replayed.assessed.items()]


def _picture_so_far(case: DeckCase, upto: int) -> dict[str, str]:
    return {f: v for step in case.steps[:upto] for f, v in step.replayed.revealed.items()}


def _open_before(step: WalkStep, case: DeckCase) -> list[str]:
    if step.number == 1:
        return list(case.diagnoses)
    return list(case.steps[step.number - 2].replayed.open_ids)


def short_name(label: str) -> str:
    """A diagnosis as a ballot names it: its acronym when it has one, else its name without
    the words in brackets.

    >>> short_name("Chronic recurrent multifocal osteomyelitis (CRMO)"), short_name("Giant bone island (enostosis)")
    ('CRMO', 'Giant bone island')
    """
    match = re.fullmatch(r"(.+?)\s*\(([^)]*)\)", label)
    if not match:
        return label
    inside = match.group(2)
    return inside if re.fullmatch(r"[A-Z]{2,6}", inside) else match.group(1)


def _ballot(step: WalkStep, case: DeckCase) -> list[Para]:
    """The diagnoses still open before this stage, family by family, one name a line."""
    ids = [d for _, members in group_ids(_open_before(step, case), case.families) for d in members]
    return [Para(short_name(case.diagnoses.get(d, d)), LABEL_PT, space=0) for d in ids]


def _moved(step: WalkStep, case: DeckCase) -> list[Para]:
    names = case.diagnoses
    if not step.replayed.changed:
        return [Para("Nothing changed at this stage: every verdict stands as before.", LABEL_PT)]
    return [Para(f"{names.get(d, d)}: {status_words(old)} → {status_words(new)}", LABEL_PT,
                 bullet=True)
            for d, (old, new) in step.replayed.changed.items()]


def _paper(step: WalkStep, case: DeckCase) -> list[Para]:
    if not step.judgements:
        return []
    names = case.diagnoses
    statuses = {v.diagnosis_id: v.status for v in step.replayed.verdicts}
    paras = [Para(f"{PAPER} The paper and the engine", SMALL_PT, bold=True)]
    for judgement in step.judgements:
        named = ", ".join(short_name(names.get(d, d)) for d in judgement.diagnosis_ids)
        engine = "; ".join(f"{status_words(statuses.get(d, '?'))}" for d in judgement.diagnosis_ids)
        paras.append(Para(f"{named}: “{shorten(judgement.wording, PAPER_SHOWN)}” "
                          f"— the engine: {engine}", LABEL_PT, bullet=True))
    return paras


def _answer_notes(step: WalkStep, case: DeckCase, overflow: Sequence[Para], link: str | None) -> str:
    names = case.diagnoses
    parts = [f"Stage {step.number}, {step.label}: what moved and why."]
    for d, (old, new) in step.replayed.changed.items():
        why = [reason_text(r, case.finding_labels, detail=False)
               for r in reasons_revealed(step.replayed, d)]
        parts.append(f"- {names.get(d, d)} {old} → {new}" + (": " + "; ".join(why) if why else ""))
    if not step.replayed.changed:
        parts.append("- Nothing changed: the findings of this stage move no verdict.")
    for judgement in step.judgements:
        parts.append(f"- The paper ({judgement.source}): {judgement.wording}")
    if overflow:
        parts.append("Not on the slide: " + " | ".join(p.text for p in overflow))
    return notes_within(parts, NOTES_LIMIT, f"This slide in the app: {link}" if link else "")


# --- the slides --------------------------------------------------------------------------


def _title_slide(deck, case: DeckCase) -> None:
    notes = notes_within(
        ["How to use: each stage has a question slide (ask the room which diagnoses it keeps) "
         "and an answer slide (the engine's verdicts, what moved, the paper's own words). "
         "The schematic bone shows the findings so far; it is a drawing, not the patient's image.",
         case.teaching_note], NOTES_LIMIT)
    slide = new_slide(deck, f"{case.title}: a walk-through", notes, band_h=2.4, title_pt=40)
    paras = [Para("Intramedullary osteosclerosis and its mimics: one patient, stage by stage.",
                  28, bold=True),
             Para(f"Retold from {short_citation(case.meta)} (full citation on the last slide).",
                  BODY_PT),
             Para("For teaching only, not for clinical decisions.", BODY_PT, bold=True)]
    text_box(slide, paras, MARGIN, 2.9, BODY_W)


def _visuals(slide, step: WalkStep, case: DeckCase, left: float, top: float, width: float,
             height: float) -> list[str]:
    """The bone with the findings so far and the stage's images, side by side in a strip;
    returns the notes lines (captions, credits)."""
    pictures: list[tuple[bytes, str]] = []
    picture = _picture_so_far(case, step.number)
    if drawn_findings(picture):
        pictures.append((bone_png(picture, case.finding_labels), ""))
    for image in case.images.get(step.number, ()):
        pictures.append((image.data, image.credit_line))
    if not pictures:
        return []
    credits = [c for _, c in pictures if c]
    line = Para("Images: " + "; ".join(credits), LABEL_PT) if credits else None
    line_h = height_in([line], width) if line else 0
    if line and line_h > 0.5:  # more than a line: the credits go to the notes, named there
        line = Para("Image credits and licences: in the speaker notes", LABEL_PT)
        line_h = height_in([line], width)
    room_w = (width - GAP * (len(pictures) - 1)) / len(pictures)
    x = left
    for data, _ in pictures:
        shown_w, _ = picture_in(slide, data, x, top, room_w, height - line_h, centre=False)
        x += shown_w + GAP
    if line:
        text_box(slide, [line], left, top + height - line_h, width)
    notes = []
    if drawn_findings(picture):
        notes.append("The bone is a schematic of the findings so far, not an image of the patient.")
    notes += [f"Image: {image.caption} — {image.credit_line}"
              for image in case.images.get(step.number, ())]
    return notes


def _question_slide(deck, step: WalkStep, case: DeckCase) -> None:
    """The findings of the stage and the bone (left), the open diagnoses to vote on (right)."""
    title = f"{step.number}. {step.label}: what is found"
    link = case.address(Position(step.number, False))
    left_w, right_w = 7.2, BODY_W - 7.2 - 0.3
    right_x = MARGIN + left_w + 0.3
    has_visuals = bool(drawn_findings(_picture_so_far(case, step.number))
                       or case.images.get(step.number))
    found, found_rest = fit(_found(step, case), left_w,
                            BODY_H - (MIN_VISUAL_H + GAP if has_visuals else 0))
    used = height_in(found, left_w)
    slide = new_slide(deck, title, "")
    text_box(slide, found, MARGIN, BODY_TOP, left_w)
    visual_notes = _visuals(slide, step, case, MARGIN, BODY_TOP + used + GAP, left_w,
                            BODY_H - used - GAP) if has_visuals else []
    head = [Para("Which would you keep?", SMALL_PT, bold=True)]
    ballot, ballot_rest = fit(_ballot(step, case), right_w, BODY_H - height_in(head, right_w),
                              "… and {n} more (in the notes)")
    text_box(slide, head + ballot, right_x, BODY_TOP, right_w)
    # credits first: an image's licence asks for them, and the notes may be cut at the end
    parts = ["Ask the room which diagnoses they would still keep, then show the answer."]
    parts += visual_notes
    if found_rest or ballot_rest:
        parts.append("Not on the slide: " + " | ".join(p.text for p in found_rest + ballot_rest))
    parts += ["Found at this stage, in the paper's words:"] + (
        _found_notes(step, case) or ["- nothing: no such examination is reported."])
    slide.notes_slide.notes_text_frame.text = notes_within(
        parts, NOTES_LIMIT, f"This slide in the app: {link}" if link else "")


def _answer_slide(deck, step: WalkStep, case: DeckCase) -> None:
    """The verdicts by family (left); what the stage moved and the paper's words (right)."""
    title = f"{step.number}. {step.label}: the answer"
    link = case.address(Position(step.number, True))
    rows = table_rows(step.replayed.verdicts, case.families, short_name)
    slide = new_slide(deck, title, "")
    verdict_table(slide, rows, case.status_colours, MARGIN, BODY_TOP)
    side_x = MARGIN + TABLE_W + 0.3
    side_w = SLIDE_W - MARGIN - side_x
    head = [Para("What this stage changed", SMALL_PT, bold=True)]
    moved, paper = head + _moved(step, case), _paper(step, case)
    side, side_rest = fit(moved + paper, side_w, BODY_H)
    below = []
    if len(side_rest) > len(paper):  # what moved beside the table, the paper's words below it
        (side, side_rest), below = fit(moved, side_w, BODY_H), paper
    else:
        side_rest = []  # only the paper's words are left out, and the notes hold them whole
    text_box(slide, side, side_x, BODY_TOP, side_w)
    top = BODY_TOP + table_height(rows) + GAP
    below, _ = fit(below, TABLE_W, BODY_TOP + BODY_H - top)
    if len(below) > 1:
        text_box(slide, below, MARGIN, top, TABLE_W)
    # the paper's words are in the notes whole anyway: only what moved is named as left out
    slide.notes_slide.notes_text_frame.text = _answer_notes(step, case, side_rest, link)


def _chart_slide(deck, title: str, png: bytes, notes: str) -> None:
    slide = new_slide(deck, title, notes_within([notes], NOTES_LIMIT))
    picture_in(slide, png, MARGIN, BODY_TOP, BODY_W, BODY_H)


def _qr_png(link: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def _closing_slide(deck, case: DeckCase) -> None:
    meta = case.meta
    link = case.address(Position(len(case.steps) + 1, False))
    stage_links = [f"- {s.number}. {s.label}: {address}" for s in case.steps
                   if (address := case.address(Position(s.number, True)))]
    notes = notes_within([case.teaching_note] + (
        ["Every answer slide in the app:"] + stage_links if stage_links else []), NOTES_LIMIT)
    slide = new_slide(deck, "Take-home, source and licence", notes)
    width = BODY_W - (2.6 if link else 0)
    paras = [Para(f"For teaching only, not for clinical decisions. {case.teaching_note}",
                  SMALL_PT, bold=True),
             Para(f"Source: {citation_text(meta)}.", SMALL_PT),
             Para(f"Licence: {meta['licence']}", SMALL_PT)]
    paras, _ = fit(paras, width, BODY_H - 1.2)
    text_box(slide, paras, MARGIN, BODY_TOP, width)
    top = BODY_TOP + height_in(paras, width)
    if doi_url(meta):
        top += link_line(slide, "The paper: ", doi_url(meta), MARGIN, top, width)
    if link:
        link_line(slide, "Continue in the app: ", link, MARGIN, top, width)
        picture_in(slide, _qr_png(link), SLIDE_W - MARGIN - 2.3, BODY_TOP, 2.3, 2.3)


def build_deck(case: DeckCase) -> bytes:
    """The .pptx file of one case's walk-through."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    deck.core_properties.title = f"{case.title}: a walk-through"
    deck.core_properties.author = "IMOS Case Explorer"
    _title_slide(deck, case)
    for step in case.steps:
        _question_slide(deck, step, case)
        _answer_slide(deck, step, case)
    _chart_slide(deck, f"{case.title}: the timeline", case.timeline_png,
                 "Text alternative: " + case.timeline_text)
    _chart_slide(deck, "The road to the diagnosis", case.road_png,
                 "Text alternative: " + case.road_text)
    _closing_slide(deck, case)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
