"""The explorer's schematic bone: the present findings drawn on a long bone, redrawn with
every toggle (one element inside the panel's fragment; the SVG of a picture is made once
per process and picture, `imos.drawing.bone`)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from functools import lru_cache

import streamlit as st

from imos.drawing.bone import bone_svg, drawable_findings

CAPTION = ("Schematic, not to scale: what the findings set as present look like on a long "
           "bone. Absent and unknown findings are not drawn. Not an image of any patient.")


@lru_cache(maxsize=256)
def _figure(drawn: tuple[str, ...], labels: tuple[tuple[str, str], ...]) -> str:
    svg = bone_svg(dict.fromkeys(drawn, "present"), dict(labels), ident="explorer-bone")
    return (f'<figure class="bone-view" data-drawn="{html.escape(" ".join(drawn), quote=True)}" '
            f'style="max-width:760px;margin:0">{svg}'
            f"<figcaption style=\"font-size:0.85rem\">{html.escape(CAPTION)}</figcaption></figure>")


def bone_view(state: Mapping[str, str], labels: Mapping[str, str]) -> None:
    """The schematic bone of the explorer's `state`."""
    drawn = tuple(f for f in drawable_findings() if state.get(f) == "present")
    shown = tuple((f, labels[f]) for f in drawn if f in labels)
    st.markdown(_figure(drawn, shown), unsafe_allow_html=True)
