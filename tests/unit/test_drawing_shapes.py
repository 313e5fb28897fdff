"""The drawing's SVG: outlines sampled every few pixels travel with only the points that
change their shape (the explorer sends the bone on toggles: bench/README.md)."""

from __future__ import annotations

import math

from hypothesis import given, strategies as st

from imos.drawing.bone import bone_svg, drawable_findings
from imos.drawing import shapes
from imos.drawing.shapes import SVG_TOLERANCE, _simplified


def _distance(point, a, b) -> float:
    (x, y), (x0, y0), (x1, y1) = point, a, b
    span = math.hypot(x1 - x0, y1 - y0)
    if not span:
        return math.hypot(x - x0, y - y0)
    t = max(0.0, min(1.0, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / span ** 2))
    return math.hypot(x - x0 - t * (x1 - x0), y - y0 - t * (y1 - y0))


def test_a_straight_stretch_keeps_only_its_ends_and_corners_stay():
    line = [(x, 5.0) for x in range(0, 100, 3)] + [(99.0, 5.0), (99.0, 50.0)]
    assert _simplified(line) == [(0, 5.0), (99.0, 5.0), (99.0, 50.0)]
    assert _simplified([(0, 0), (1, 1)]) == [(0, 0), (1, 1)]


COORDINATE = st.floats(0, 500).map(lambda v: round(v, 1))


@given(st.lists(st.tuples(COORDINATE, COORDINATE), min_size=3, max_size=40))
def test_no_point_dropped_lies_farther_than_the_tolerance_from_the_outline_kept(points):
    kept = _simplified(points)
    assert kept[0] == points[0] and kept[-1] == points[-1]
    remaining = iter(points)  # the points kept are the outline's, in its order
    assert all(any(p == q for q in remaining) for p in kept)
    for point in points:
        assert min(_distance(point, a, b) for a, b in zip(kept, kept[1:])) < SVG_TOLERANCE + 1e-9


def test_the_bone_travels_at_well_under_the_size_of_its_sampled_outlines(monkeypatch):
    """The normal bone and the bone with every finding drawn, each under four fifths of
    what the same drawing weighs with every sampled point kept (bench/README.md)."""
    pictures = ({}, dict.fromkeys(drawable_findings(), "present"))
    simplified = [len(bone_svg(p, {}, ident="x")) for p in pictures]
    monkeypatch.setattr(shapes, "_simplified", list)
    whole = [len(bone_svg(p, {}, ident="x")) for p in pictures]
    assert all(s < 0.8 * w for s, w in zip(simplified, whole)), (simplified, whole)
