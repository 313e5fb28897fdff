"""The bone as a slide's strip: cut to the bone, between the drawing's headings and its key,
and nothing drawn on or beside the bone is cut off (the key is given beside it in words)."""

from __future__ import annotations

import re

import pytest

from components.charts.bone_view import CROP_BOTTOM, CROP_TOP, _strip
from imos.drawing.bone import KEY_TOP, bone_drawing, drawable_findings
from imos.drawing.shapes import Ellipse, Poly, Text


def _extent(shape) -> tuple[float, float]:
    """The top and bottom of a shape (a text: its cap height above and a descender below)."""
    if isinstance(shape, Poly):
        ys = [y for _, y in shape.points]
        return min(ys), max(ys)
    if isinstance(shape, Ellipse):
        return shape.cy - shape.ry, shape.cy + shape.ry
    assert isinstance(shape, Text)
    return shape.y - 0.8 * shape.size, shape.y + 0.25 * shape.size


PICTURES = [(f,) for f in drawable_findings()] + [tuple(drawable_findings())]


@pytest.mark.parametrize("drawn", PICTURES, ids=lambda d: d[0] if len(d) == 1 else "all")
def test_the_strip_keeps_everything_drawn_on_or_beside_the_bone(drawn):
    drawing = bone_drawing(dict.fromkeys(drawn, "present"))
    for group in drawing.groups:
        for shape in group.shapes:
            top, bottom = _extent(shape)
            if group.classes == "key" and top >= KEY_TOP - 16:
                continue  # the key's rows: given beside the strip in words
            if group.classes == "anatomy" and isinstance(shape, Text) and bottom <= CROP_TOP:
                continue  # the headings above the bone
            assert CROP_TOP <= top and bottom <= CROP_BOTTOM, (group.ident, shape)


def test_the_strip_cuts_the_key_off_and_lists_it_in_words():
    labels = (("cortical_thickening", "Cortical thickening"),
              ("intramedullary_sclerosis", "Intramedullary sclerosis"))
    figure = _strip(("cortical_thickening", "intramedullary_sclerosis"), labels, "slide-bone")
    assert CROP_BOTTOM < KEY_TOP - 12  # above the first row of the key
    (view_box,) = re.findall(r'viewBox="([^"]*)"', figure)
    assert view_box == f"0 {CROP_TOP} {bone_drawing({}).width:g} {CROP_BOTTOM - CROP_TOP}"
    assert re.findall(r"<li>([^<]*)</li>", figure) == ["Cortical thickening",
                                                       "Intramedullary sclerosis"]
    assert 'id="slide-bone"' in figure and "not to scale" in figure
