"""The walk-through of one case as a PowerPoint deck (python-pptx; pure, no Streamlit).

In the walk-through's order: a title slide with the citation; per stage a question slide
(what this stage finds, which diagnoses were still open) and an answer slide (each
diagnosis's verdict, what the stage moved and why, the paper's judgement beside the
engine's, the sources); the case's timeline and its road to the diagnosis as images; a
closing slide with the teaching note, the licence and a link back to the app. Speaker
notes carry the longer reasoning. 16:9, body text 18 pt or more; text that would not fit
a box goes on a continuation slide (`imos.files.deck_layout`), never into smaller type.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd
from pptx import Presentation
from pptx.util import Inches

from imos.files.citation import citation_text, doi_url
from imos.files.deck_layout import Para, height_in, pages
from imos.files.deck_pieces import (
    BODY_H,
    BODY_PT,
    BODY_TOP,
    GAP,
    MARGIN,
    SLIDE_H,
    SLIDE_W,
    SMALL_PT,
    link_line,
    new_slide,
    picture,
    table_height,
    table_rows,
    text_box,
    verdict_table,
)
from imos.reasoning.families import group_ids
from imos.files.handout import link_text
from imos.files.verdict_text import reason_text, reasons_revealed, status_words, verdict_text
from imos.teaching.walkthrough import Position, WalkStep
from imos.reasoning.wording import strongest_first

VALUE_MARKS = {"present": "✚ present", "absent": "− absent"}
PAPER = "¶"


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


# --- what each slide says ----------------------------------------------------------------


def _found(step: WalkStep, case: DeckCase) -> list[Para]:
    rows = case.case_rows.set_index("finding_id")
    assessed = step.replayed.assessed
    if not assessed:
        return [Para("Nothing reported at this stage for this case: the paper describes no "
                     "such examination here.", BODY_PT)]
    return [Para(f"{case.finding_labels[f]}: {VALUE_MARKS.get(v, v)}. {rows.loc[f, 'wording']} "
                 f"({rows.loc[f, 'source']})", BODY_PT, bullet=True)
            for f, v in assessed.items()]


def _known_so_far(case: DeckCase, upto: int) -> str:
    rows = case.case_rows.set_index("finding_id")
    lines = []
    for step in case.steps[:upto]:
        for f, v in step.replayed.assessed.items():
            lines.append(f"- {step.label}: {case.finding_labels[f]} {v} — "
                         f"{rows.loc[f, 'wording']} ({rows.loc[f, 'source']})")
    return "\n".join(lines) or "- nothing yet"


def _open_before(step: WalkStep, case: DeckCase) -> list[str]:
    if step.number == 1:
        return list(case.diagnoses)
    return list(case.steps[step.number - 2].replayed.open_ids)


def _why(step: WalkStep, diagnosis_id: str, labels: Mapping[str, str]) -> list[str]:
    """The rules that fire now because of a finding revealed at this stage."""
    return [reason_text(r, labels, detail=False)
            for r in reasons_revealed(step.replayed, diagnosis_id)]


def _moved_and_paper(step: WalkStep, case: DeckCase) -> list[Para]:
    names = case.diagnoses
    paras = [Para("What this stage changed", BODY_PT, bold=True)]
    if not step.replayed.changed:
        paras.append(Para("Nothing changed at this stage.", SMALL_PT))
    for d, (old, new) in step.replayed.changed.items():
        why = _why(step, d, case.finding_labels)  # the first two; all of them in the notes
        paras.append(Para(f"{names.get(d, d)}: {status_words(old)} → {status_words(new)}."
                          + (f" {'; '.join(why[:2])}." if why else ""), SMALL_PT, bullet=True))
    if step.judgements:
        paras.append(Para(f"{PAPER} The paper's own judgement, beside the engine's", BODY_PT,
                          bold=True))
        statuses = {v.diagnosis_id: v.status for v in step.replayed.verdicts}
        for judgement in step.judgements:
            named = ", ".join(names.get(d, d) for d in judgement.diagnosis_ids)
            engine = "; ".join(f"{names.get(d, d)} {status_words(statuses.get(d, '?'))}"
                               for d in judgement.diagnosis_ids)
            paras.append(Para(f"The paper on {named}: {judgement.wording} ({judgement.source}). "
                              f"The engine: {engine}.", SMALL_PT, bullet=True))
    return paras


def _answer_notes(step: WalkStep, case: DeckCase, link: str | None) -> str:
    parts = [f"Stage {step.number}, {step.label}: every verdict and the rules behind it."]
    for verdict in strongest_first(step.replayed.verdicts):
        last = step.number == len(case.steps)  # what settles the mimics: at the end only
        text = verdict_text(verdict, case.finding_labels, case.diagnoses,
                            case.settle if last else None)
        parts.append(f"\n{text.label}: {text.status_words}")
        parts += [f"- {reason}" for reason in text.reasons] or ["- no rule fires yet"]
        if text.pending:
            parts.append(f"- {text.pending}")
        parts += [f"- {line}" for line in text.unaddressed]
    if link:
        parts.append(f"\nThis slide in the app: {link}")
    return "\n".join(parts)


# --- the deck ----------------------------------------------------------------------------


def _title_slide(deck, case: DeckCase) -> None:
    notes = ("How to use: each stage has a question slide (ask the room which diagnoses it "
             "keeps) and an answer slide (the engine's verdicts, what moved, the paper's own "
             "words). " + case.teaching_note)
    slide = new_slide(deck, f"{case.title}: a walk-through", notes)
    paras = [Para("Intramedullary osteosclerosis, one patient revealed stage by stage.", 24),
             Para(f"Retold from: {citation_text(case.meta)}.", BODY_PT),
             Para(f"For teaching only, not for clinical decisions. {case.teaching_note}",
                  SMALL_PT, bold=True)]
    text_box(slide, paras, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, BODY_H)


def _checklist(step: WalkStep, case: DeckCase) -> list[Para]:
    """The diagnoses still open before this stage, one line per family."""
    return [Para(f"{family.capitalize()}: " + "   ".join(f"☐ {case.diagnoses.get(d, d)}"
                                                   for d in ids), SMALL_PT)
            for family, ids in group_ids(_open_before(step, case), case.families)]


def _two_columns(paras: Sequence[Para], width: float) -> tuple[list[Para], list[Para]]:
    """`paras` split into two columns of about the same height, in reading order."""
    heights = [height_in([p], width) for p in paras]
    total, used = sum(heights), 0.0
    for index, height in enumerate(heights):
        if used + height / 2 > total / 2:
            return list(paras[:index]), list(paras[index:])
        used += height
    return list(paras), []


def _question_slides(deck, step: WalkStep, case: DeckCase) -> None:
    """What the stage finds across the slide; below it (or on the next slide) the question
    and its checklist in two columns."""
    title = f"{step.number}. {step.label}: what is found"
    link = case.link(Position(step.number, False))
    notes = (f"Known so far (stages 1 to {step.number}):\n{_known_so_far(case, step.number)}\n\n"
             "Ask the room which diagnoses it would still keep, then show the answer."
             + (f"\n\nThis slide in the app: {link}" if link else ""))
    width = SLIDE_W - 2 * MARGIN
    column_w = (width - 0.3) / 2
    head = [Para("Which diagnoses would you keep?", BODY_PT, bold=True)]
    left, right = _two_columns(_checklist(step, case), column_w)
    need = height_in(head, width) + max(height_in(left, column_w), height_in(right, column_w))
    boxes = pages(_found(step, case), width, BODY_H)
    slide = None
    for index, box in enumerate(boxes):
        slide = new_slide(deck, title if index == 0 else f"{title} (continued)", notes)
        used = height_in(box, width)
        text_box(slide, box, MARGIN, BODY_TOP, width, used)
    top = BODY_TOP + used + GAP
    if top + need > BODY_TOP + BODY_H:  # no room below the findings: a slide of its own
        slide, top = new_slide(deck, f"{title} (continued)", notes), BODY_TOP
    text_box(slide, head, MARGIN, top, width, height_in(head, width))
    top += height_in(head, width)
    for offset, column in ((0, left), (column_w + 0.3, right)):
        if column:
            text_box(slide, column, MARGIN + offset, top, column_w, height_in(column, column_w))


def _answer_slides(deck, step: WalkStep, case: DeckCase) -> None:
    """The verdicts by family across the slide; what moved and the paper below it and on
    continuation slides."""
    title = f"{step.number}. {step.label}: the answer"
    link = case.link(Position(step.number, True))
    notes = _answer_notes(step, case, link)
    width = SLIDE_W - 2 * MARGIN
    chunks, chunk = [], []
    for row in table_rows(step.replayed.verdicts, case.families):
        if chunk and table_height(chunk + [row]) > BODY_H:
            chunks.append(chunk)
            chunk = []
        chunk.append(row)
    chunks.append(chunk)
    paras = _moved_and_paper(step, case)
    room = BODY_H - table_height(chunks[-1]) - GAP
    below = pages(paras, width, room)[0] if room > 1 else []
    if below and height_in(below, width) > room:  # one paragraph taller than the room
        below = []
    for index, rows in enumerate(chunks):
        slide = new_slide(deck, title if index == 0 else f"{title} (continued)", notes)
        verdict_table(slide, rows, case.status_colours, MARGIN, BODY_TOP)
    if below:
        top = BODY_TOP + table_height(chunks[-1]) + GAP
        text_box(slide, below, MARGIN, top, width, height_in(below, width))
    for box in pages(paras[len(below):], width, BODY_H) if len(below) < len(paras) else []:
        slide = new_slide(deck, f"{title} (continued)", notes)
        text_box(slide, box, MARGIN, BODY_TOP, width, BODY_H)


def _chart_slide(deck, title: str, png: bytes, notes: str) -> None:
    slide = new_slide(deck, title, notes)
    picture(slide, png, BODY_TOP)


def _closing_slides(deck, case: DeckCase) -> None:
    meta = case.meta
    link = case.link(Position(len(case.steps) + 1, False))
    paras = [Para(f"For teaching only, not for clinical decisions. {case.teaching_note}",
                  BODY_PT, bold=True),
             Para(f"Source: {citation_text(meta)}." + (f" {doi_url(meta)}" if doi_url(meta)
                                                        else ""), SMALL_PT),
             Para(f"Licence: {meta['licence']}", SMALL_PT)]
    stage_links = [f"- {s.number}. {s.label}: {address}" for s in case.steps
                   if (address := case.link(Position(s.number, True)))]
    notes = case.teaching_note + (
        "\n\nEvery answer slide in the app:\n" + "\n".join(stage_links) if stage_links else "")
    link_words = "Continue in the app from the final slide: "
    room = BODY_H - (height_in([Para(link_words + link_text(link), SMALL_PT)],
                               SLIDE_W - 2 * MARGIN) + 0.1 if link else 0)
    boxes = pages(paras, SLIDE_W - 2 * MARGIN, room)
    for index, box in enumerate(boxes):
        slide = new_slide(deck, "Take-home, source and licence" + (" (continued)" if index else ""),
                       notes)
        used = height_in(box, SLIDE_W - 2 * MARGIN)
        text_box(slide, box, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, used)
        if link and index == len(boxes) - 1:
            link_line(slide, link_words, link, MARGIN, BODY_TOP + used + 0.1,
                       SLIDE_W - 2 * MARGIN)


def build_deck(case: DeckCase) -> bytes:
    """The .pptx file of one case's walk-through."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    deck.core_properties.title = f"{case.title}: a walk-through"
    deck.core_properties.author = "IMOS Case Explorer"
    _title_slide(deck, case)
    for step in case.steps:
        _question_slides(deck, step, case)
        _answer_slides(deck, step, case)
    _chart_slide(deck, f"{case.title}: the timeline", case.timeline_png,
                 "Text alternative: " + case.timeline_text)
    _chart_slide(deck, "The road to the diagnosis, examination by examination", case.road_png,
                 "Text alternative: " + case.road_text)
    _closing_slides(deck, case)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
