"""The walk-through's slides as a .pptx download (built only when clicked)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from components.shell.addresses import join_address, walkthrough_address
from components.files.build_limits import bounded
from components.files.handout_download import TEACHING_TEXT
from components.charts.palette import STATUS_COLOURS
from components.charts.static_charts import case_timeline_file, status_grid_file
from imos.files.deck import DeckCase, SlideImage, build_deck
from imos.reasoning.engine import default_knowledge
from imos.reasoning.questions import next_questions
from imos.reasoning.families import family_of, settling
from imos.teaching.replay import initial_verdicts
from imos.teaching.road import road_summary, road_to_diagnosis, unaddressed_reasons
from imos.teaching.timeline import timeline_summary
from imos.teaching.walkthrough import Position, WalkStep

def public_address() -> str | None:
    """The app's address as a room reaches it, the same as the live room's join link
    (`components.shell.addresses.join_address`: IMOS_PUBLIC_URL, Streamlit's
    browser.serverAddress, or the machine's network address in place of localhost);
    `imos.files.deck.reachable` still drops a loopback one."""
    return join_address().base


SLIDE_TEXT = 1.5  # chart text half as large again on a slide, read from the back of a room
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def case_title(case: Mapping) -> str:
    """'Case 2: 41-year-old woman': a case as the deck's title names it (plain text)."""
    return f"{case['label']}: {case['age']}-year-old {'woman' if case['sex'] == 'F' else 'man'}"


def walkthrough_deck(series, case_id: str, title: str, steps: Sequence[WalkStep],
                     diagnoses: Mapping[str, str], address: str | None, knowledge=None,
                     images: Mapping[int, Sequence[SlideImage]] | None = None) -> bytes:
    """One case's deck: the walk-through's stages, its timeline and its road as images.

    `address` is the app's address for the room (`public_address`); the deck links only
    to an address a room can reach (never a loopback host), else to none.
    """
    catalogue = series.catalogue
    labels = catalogue.finding_labels
    case = series.cases[series.cases["case_id"] == case_id]
    case_label = case["label"].iloc[0]
    stops = road_to_diagnosis(series, case_id, knowledge)
    settle = settling(next_questions(
        {f: v for step in steps for f, v in step.replayed.revealed.items()}, knowledge))

    def link(position: Position) -> str | None:
        return walkthrough_address(address, case_id, position, len(steps), present=True)

    return build_deck(DeckCase(
        case_id=case_id, title=title, steps=steps,
        case_rows=series.findings[series.findings["case_id"] == case_id],
        finding_labels=labels, diagnoses=diagnoses, meta=series.meta,
        teaching_note=TEACHING_TEXT, status_colours=STATUS_COLOURS,
        timeline_png=case_timeline_file(series.events, case_id, case_label,
                                        catalogue.pain_levels, text_scale=SLIDE_TEXT),
        timeline_text=timeline_summary(case, series.events),
        road_png=status_grid_file(stops, initial_verdicts(knowledge), "png",
                                  text_scale=SLIDE_TEXT),
        road_text=road_summary(stops, dict(diagnoses),
                               reasons=unaddressed_reasons(stops, labels, settle)),
        link=link,
        families=family_of(knowledge or default_knowledge()),
        settle=settle,
        images=dict(images) if images is not None else package_images(series, case_id, steps),
    ))


def package_images(series, case_id: str, steps: Sequence[WalkStep]) -> dict[int, list[SlideImage]]:
    """The package's images of the case, by the walk-through stage of their examination."""
    by_stage: dict[int, list[SlideImage]] = {}
    for image in getattr(series, "images", ()):
        for step in steps:
            if image.case_id == case_id and image.examination_id in step.examination_ids:
                by_stage.setdefault(step.number, []).append(
                    SlideImage(image.data, image.caption, image.credit, image.licence))
    return by_stage


def slides_button(build: Callable[[], bytes], file_name: str, key: str, container=st) -> None:
    """`Download slides (.pptx)`: the deck is generated only when clicked."""
    container.download_button(
        "Download slides (.pptx)", data=bounded(build), file_name=file_name, mime=PPTX_MIME, key=key,
        icon=":material/slideshow:", on_click="ignore",
        help="This case's walk-through as a 16:9 PowerPoint deck: a question and an answer "
             "slide per stage, the timeline and the road, speaker notes with the reasoning.")
