"""The schematic bone on a page: the present findings drawn on a long bone (each
walk-through stage; each stop of the road; the explorer's panel draws `bone_markup` itself,
sent once per distinct drawing). One markdown element; the SVG of a picture is made once per process and picture
(`imos.drawing.bone`). `st.html` is not used: its sanitiser drops SVG."""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import lru_cache

import streamlit as st

from imos.drawing.bone import bone_svg, drawable_findings

CAPTION = ("Schematic, not to scale: what the findings set as present look like on a long "
           "bone. Absent and unknown findings are not drawn. Not an image of any patient.")


@lru_cache(maxsize=256)
def _svg(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...], ident: str) -> str:
    return bone_svg(dict.fromkeys(drawn, "present"), dict(labels), ident=ident)


def _drawn(state: Mapping[str, str], labels: Mapping[str, str]
           ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    drawn = tuple(f for f in drawable_findings() if state.get(f) == "present")
    return drawn, tuple((f, labels[f]) for f in drawn if f in labels)


def bone_markup(state: Mapping[str, str], labels: Mapping[str, str],
                ident: str = "explorer-bone") -> str:
    """The SVG of `state`'s schematic bone alone (the explorer's panel draws it, under
    `CAPTION`, and sends it once per distinct drawing)."""
    return _svg(*_drawn(state, labels), ident)


def _figure(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...], ident: str) -> str:
    return (f'<figure class="bone-view" style="max-width:760px;margin:0">'
            f"{_svg(drawn, labels, ident)}"
            f"<figcaption style=\"font-size:0.85rem\">{html.escape(CAPTION)}</figcaption></figure>")


def bone_view(state: Mapping[str, str], labels: Mapping[str, str],
              ident: str = "explorer-bone", only_when_drawn: bool = False) -> None:
    """The schematic bone of `state` ({finding_id: value}); `ident` names the SVG (one per
    page); with `only_when_drawn`, nothing when no finding of `state` can be drawn."""
    drawn, shown = _drawn(state, labels)
    if only_when_drawn and not drawn:
        return
    st.markdown(_figure(drawn, shown, ident), unsafe_allow_html=True)


def stage_images(series, case_id: str, examination_ids) -> None:
    """The package's images of one case's examinations, each with its caption, credit and
    licence (none when the package carries none)."""
    for image in getattr(series, "images", ()):
        if image.case_id == case_id and image.examination_id in examination_ids:
            st.image(image.data, caption=f"{image.caption} — {image.credit} ({image.licence})",
                     width="content")
