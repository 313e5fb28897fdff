"""The schematic bone on a page: the present findings drawn on a long bone (each
walk-through stage; each stop of the road; the explorer's panel draws `bone_markup` itself,
sending its parts once each). One markdown element; the SVG of a picture is made once per process and picture
(`imos.drawing.bone`). `st.html` is not used: its sanitiser drops SVG.

A slide (`compact`) shows the drawing as a strip of fixed height, cut to the bone itself,
with its numbered key beside it in the slide's own type: the drawing's own key and headings
are set in 12-unit type, which a strip a few lines high shrinks past reading."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache

import streamlit as st

from imos.drawing.bone import KEY_TOP, bone_drawing, bone_svg, drawn_findings
from imos.drawing.shapes import to_svg

CAPTION = ("Schematic, not to scale: what the findings set as present look like on a long "
           "bone. Absent and unknown findings are not drawn. Not an image of any patient.")
COMPACT_CAPTION = "Schematic, not to scale; not an image of any patient."
# The strip shows the drawing from under its headings (drawn above y = 44) to above its key
# (from KEY_TOP); everything drawn on or beside the bone lies between (a unit test checks it).
CROP_TOP = 44
CROP_BOTTOM = KEY_TOP - 20
STRIP_HEIGHT = "6rem"  # the slide's rem follows the screen's height


def _picture(drawn: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(drawn, "present")


@lru_cache(maxsize=256)
def _svg(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...], ident: str) -> str:
    return bone_svg(_picture(drawn), dict(labels), ident=ident)


def bone_markup(state: Mapping[str, str], labels: Mapping[str, str],
                ident: str = "explorer-bone") -> str:
    """The SVG of `state`'s schematic bone alone (the explorer's panel draws it, under
    `CAPTION`, and sends its parts once each)."""
    drawn = drawn_here(state)
    return _svg(drawn, _labelled(drawn, labels), ident)


def _figure(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...], ident: str) -> str:
    return (f'<figure class="bone-view" style="max-width:760px;margin:0">'
            f"{_svg(drawn, labels, ident)}"
            f"<figcaption style=\"font-size:0.85rem\">{html.escape(CAPTION)}</figcaption></figure>")


def _strip_svg(svg: str, width: float) -> str:
    """The drawing cut to the bone (its viewBox) at the strip's height: only the opening
    `<svg …>` tag changes."""
    tag, rest = svg.split(">", 1)
    tag = re.sub(r'\s(viewBox|style)="[^"]*"', "", tag)
    return (f'{tag} viewBox="0 {CROP_TOP} {width:g} {CROP_BOTTOM - CROP_TOP}" '
            f'style="height:{STRIP_HEIGHT};width:auto;max-width:100%;flex:none">{rest}')


@lru_cache(maxsize=256)
def _strip(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...], ident: str) -> str:
    drawing = bone_drawing(_picture(drawn), dict(labels))
    words = [group.title for group in drawing.groups if group.classes == "finding"]
    key = "".join(f"<li>{html.escape(w)}</li>" for w in words)
    columns = "columns:2;column-gap:1rem;" if len(words) > 4 else ""
    return (f'<figure class="bone-view" style="display:flex;align-items:center;gap:0.75rem;'
            f'margin:0">{_strip_svg(to_svg(drawing, ident), drawing.width)}'
            f'<figcaption style="font-size:0.85rem;line-height:1.25">'
            f'<ol style="margin:0 0 0.2rem 1.2rem;padding:0;{columns}">{key}</ol>'
            f"<span>{html.escape(COMPACT_CAPTION)}</span></figcaption></figure>")


def bone_view(state: Mapping[str, str], labels: Mapping[str, str],
              ident: str = "explorer-bone", only_when_drawn: bool = False,
              compact: bool = False) -> None:
    """The schematic bone of `state` ({finding_id: value}); `ident` names the SVG (one per
    page); with `only_when_drawn`, nothing when no finding of `state` can be drawn;
    `compact` (a slide): a strip of fixed height with the key beside it."""
    drawn = drawn_here(state)
    if only_when_drawn and not drawn:
        return
    st.markdown((_strip if compact else _figure)(drawn, _labelled(drawn, labels), ident),
                unsafe_allow_html=True)


def drawn_here(state: Mapping[str, str]) -> tuple[str, ...]:
    """The findings of `state` the bone would draw (none: no drawing to show)."""
    return tuple(drawn_findings(state))


def _labelled(drawn: tuple[str, ...], labels: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """The drawn findings' labels, hashable for the caches."""
    return tuple((f, labels[f]) for f in drawn if f in labels)


def _images_of(series, case_id: str, examination_ids) -> list:
    """The package's images of one case's examinations (none when it carries none)."""
    return [image for image in getattr(series, "images", ())
            if image.case_id == case_id and image.examination_id in examination_ids]


def stage_images(series, case_id: str, examination_ids, compact: bool = False) -> None:
    """The package's images of one case's examinations, each with its caption, credit and
    licence (none when the package carries none); `compact` (a slide): a row of thumbnails
    of fixed height (`.st-key-stage_images` in the presentation's stylesheet), each
    enlarged by its own full-screen button."""
    images = _images_of(series, case_id, examination_ids)
    where = st.container(key="stage_images", horizontal=True) if compact and images else st
    for image in images:
        where.image(image.data, caption=f"{image.caption} — {image.credit} ({image.licence})",
                    width="content", alt=image.caption)
