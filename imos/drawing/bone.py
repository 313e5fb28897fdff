"""A schematic long bone with the findings of a picture drawn on it (pure; SVG and PNG).

`bone_drawing({finding_id: value})` draws a long bone lengthwise (proximal end on the left)
and in cross-section at the lesion, labelled "schematic, not to scale", with each present
finding the drawing knows drawn where it would show, numbered and named in a key below.
Absent and unknown findings are not drawn. The drawing teaches what a word on the page
looks like on a bone; it is not an image of any patient.

Adding a drawn finding is one function decorated `@draws("finding_id", "Words")`: it gets
the bone's geometry and returns the lengthwise shapes, the cross-section shapes and where
its number goes. Its group in the SVG is `id="bone-<finding_id>"`, `class="finding"` (the
id only once, behind a prefix: the page shows no internal id as if it were a word).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from imos.drawing.shapes import Drawing, Ellipse, Group, Point, Poly, Shape, Style, Text, to_png, to_svg

# The app's palette (components/charts/palette.py; Okabe-Ito): imos/ may not import the
# components, so the values are repeated here and a test checks that they are the same.
BONE_COLOUR = "#B8B2A7"
BONE_OUTLINE = "#6B665E"
DARK_TEXT = "#111111"
VERMILLION = "#D55E00"
ORANGE = "#E69F00"
REDDISH_PURPLE = "#CC79A7"
BLUE = "#0072B2"
MARROW = "#F6F1E4"
SCLEROSIS = "#5C564D"  # denser bone is drawn darker (a radiograph shows it whiter)
ADDED_BONE = "#8F887B"

WIDTH = 760
CY = 130.0            # the bone's axis, lengthwise view
CROSS = (640.0, 130.0)
CROSS_SCALE = 1.5
LESION = (190.0, 350.0)  # the shaft's stretch where a lesion is drawn
ENDS = {"diaphysis": 350.0, "metaphysis": 430.0, "epiphysis": 494.0}
# (x, half width of the outer surface) and (x, cortical thickness), proximal to distal
OUTER = ((30, 30), (36, 44), (50, 50), (80, 50), (100, 44), (130, 32), (160, 27), (380, 27),
         (410, 32), (440, 44), (460, 50), (490, 50), (504, 44), (510, 30))
CORTEX = ((30, 3), (130, 4), (165, 9), (375, 9), (410, 4), (510, 3))
REGIONS = (("epiphysis", 30, 80), ("metaphysis", 80, 160), ("diaphysis", 160, 380),
           ("metaphysis", 380, 460), ("epiphysis", 460, 510))
ROW_H = 20
KEY_TOP = 272


def _interp(points, x: float) -> float:
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[0][1] if x < points[0][0] else points[-1][1]


def _xs(x0: float, x1: float, step: float = 4.0) -> list[float]:
    count = max(1, math.ceil((x1 - x0) / step))
    return [x0 + (x1 - x0) * i / count for i in range(count + 1)]


def _taper(x: float, x0: float, x1: float, ramp: float = 18.0) -> float:
    """1 inside [x0, x1], falling to 0 over `ramp` at each end."""
    return max(0.0, min(1.0, (x - x0) / ramp, (x1 - x) / ramp))


@dataclass(frozen=True)
class Bone:
    """The bone's geometry for one picture: how wide (an enlarged bone is wider and bowed),
    how thick its cortex and how far the lesion reaches."""

    picture: Mapping[str, str]
    enlarged: bool = False

    def has(self, finding: str) -> bool:
        return self.picture.get(finding) == "present"

    @property
    def k(self) -> float:
        return 1.22 if self.enlarged else 1.0

    def axis(self, x: float) -> float:
        bow = -7.0 * math.sin(math.pi * (x - 30) / 480) if self.enlarged else 0.0
        return CY + bow

    def outer(self, x: float) -> float:
        return _interp(OUTER, x) * self.k

    def inner(self, x: float) -> float:
        return self.outer(x) - _interp(CORTEX, x) * self.k

    def thick(self, x: float) -> float:
        """Cortical thickening added outside the cortex at x."""
        return 6.0 * _taper(x, *LESION) if self.has("cortical_thickening") else 0.0

    def narrow(self, x: float) -> float:
        """How much the canal is narrowed at x (bone laid on the inner surface)."""
        return 8.0 * _taper(x, *LESION) if self.has("medullary_narrowing") else 0.0

    def surface(self, x: float) -> float:
        return self.outer(x) + self.thick(x)

    def canal(self, x: float) -> float:
        return self.inner(x) - self.narrow(x)

    def top(self, x: float, r: float) -> float:
        return self.axis(x) - r

    def bottom(self, x: float, r: float) -> float:
        return self.axis(x) + r

    def lesion_end(self) -> float:
        if self.has("epiphysis_extension"):
            return ENDS["epiphysis"]
        if self.has("metaphysis_extension"):
            return ENDS["metaphysis"]
        return ENDS["diaphysis"]

    # the cross-section
    @property
    def cross_outer(self) -> float:
        return 27 * self.k * CROSS_SCALE

    @property
    def cross_surface(self) -> float:
        return self.cross_outer + (6 * CROSS_SCALE if self.has("cortical_thickening") else 0)

    @property
    def cross_canal(self) -> float:
        return (18 * self.k - (8 if self.has("medullary_narrowing") else 0)) * CROSS_SCALE


def _band(bone: Bone, x0: float, x1: float, r_in: Callable[[float], float],
          r_out: Callable[[float], float], side: str, style: Style) -> Poly:
    """The band between two radii, on the top or bottom side of the axis."""
    edge = bone.top if side == "top" else bone.bottom
    xs = _xs(x0, x1)
    return Poly(tuple((x, edge(x, r_out(x))) for x in xs)
                + tuple((x, edge(x, r_in(x))) for x in reversed(xs)), style)


def _line(bone: Bone, x0: float, x1: float, r: Callable[[float], float], side: str,
          style: Style) -> Poly:
    edge = bone.top if side == "top" else bone.bottom
    return Poly(tuple((x, edge(x, r(x))) for x in _xs(x0, x1)), style, closed=False)


def _ring(cx: float, cy: float, r: Callable[[float], float], steps: int = 96,
          a0: float = 0.0, a1: float = 2 * math.pi, stretch: float = 1.0) -> tuple[Point, ...]:
    return tuple((cx + stretch * r(a) * math.cos(a), cy + r(a) * math.sin(a))
                 for a in (a0 + (a1 - a0) * i / steps for i in range(steps + 1)))


# --- the findings --------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    along: tuple[Shape, ...]
    across: tuple[Shape, ...]
    number_at: Point


@dataclass(frozen=True)
class Drawer:
    finding_id: str
    words: str
    draw: Callable[[Bone], Drawn]


DRAWERS: dict[str, Drawer] = {}


def draws(finding_id: str, words: str):
    """Register a function that draws `finding_id` (its default words for the key)."""
    def register(function: Callable[[Bone], Drawn]) -> Callable[[Bone], Drawn]:
        DRAWERS[finding_id] = Drawer(finding_id, words, function)
        return function
    return register


def drawable_findings() -> tuple[str, ...]:
    """Every finding the drawing knows, in drawing order (back to front)."""
    return tuple(DRAWERS)


@draws("bone_enlargement", "Enlarged, bowed bone (dashed: normal outline)")
def _enlargement(bone: Bone) -> Drawn:
    normal = Bone({})
    xs = _xs(30, 510)
    outline = Style(stroke=BONE_OUTLINE, width=1.2, dash=(5, 4))
    along = (Poly(tuple((x, normal.top(x, normal.outer(x))) for x in xs)
                  + tuple((x, normal.bottom(x, normal.outer(x))) for x in reversed(xs)), outline),)
    cx, cy = CROSS
    across = (Ellipse(cx, cy, normal.cross_outer, normal.cross_outer, outline),)
    return Drawn(along, across, (470, bone.top(470, bone.outer(470)) - 12))


@draws("cortical_thickening", "Cortical thickening")
def _thickening(bone: Bone) -> Drawn:
    style = Style(fill=ADDED_BONE, stroke=BONE_OUTLINE, width=1)
    along = tuple(_band(bone, *LESION, bone.outer, bone.surface, side, style)
                  for side in ("top", "bottom"))
    cx, cy = CROSS
    ring = (Poly(_ring(cx, cy, lambda a: bone.cross_surface)
                 + _ring(cx, cy, lambda a: bone.cross_outer)[::-1], Style(fill=ADDED_BONE)),
            Ellipse(cx, cy, bone.cross_surface, bone.cross_surface, Style(stroke=BONE_OUTLINE)))
    return Drawn(along, ring, (205, bone.top(205, bone.surface(205)) - 10))


@draws("medullary_narrowing", "Narrowed medullary canal")
def _narrowing(bone: Bone) -> Drawn:
    style = Style(fill=BONE_COLOUR, stroke=BONE_OUTLINE, width=1)
    along = tuple(_band(bone, *LESION, bone.canal, bone.inner, side, style)
                  for side in ("top", "bottom"))
    cx, cy = CROSS
    inner = 18 * bone.k * CROSS_SCALE
    ring = (Poly(_ring(cx, cy, lambda a: inner) + _ring(cx, cy, lambda a: bone.cross_canal)[::-1],
                 Style(fill=BONE_COLOUR)),
            Ellipse(cx, cy, bone.cross_canal, bone.cross_canal, Style(stroke=BONE_OUTLINE)))
    return Drawn(along, ring, (200, bone.axis(200)))


@draws("intramedullary_sclerosis", "Medullary sclerosis (drawn dark)")
def _sclerosis(bone: Bone) -> Drawn:
    style = Style(fill=SCLEROSIS, opacity=0.85)
    end = bone.lesion_end()
    xs = _xs(LESION[0], end)
    r = lambda x: max(1.0, bone.canal(x) - 0.5) * _taper(x, LESION[0], end, 10) ** 0.3
    along = (Poly(tuple((x, bone.top(x, r(x))) for x in xs)
                  + tuple((x, bone.bottom(x, r(x))) for x in reversed(xs)), style),)
    cx, cy = CROSS
    across = (Ellipse(cx, cy, bone.cross_canal - 0.5, bone.cross_canal - 0.5, style),)
    return Drawn(along, across, (330, bone.axis(330)))


@draws("double_line_sign", "Serpiginous rim around fat-signal marrow")
def _serpiginous(bone: Bone) -> Drawn:
    cx, cy = 255.0, bone.axis(255)
    h = max(6.0, bone.canal(255) - 4)
    wave = lambda a: h * (0.78 + 0.16 * math.sin(7 * a))
    outer = Poly(_ring(cx, cy, wave, stretch=2.4), Style(fill=MARROW, stroke=ORANGE, width=2.5))
    inner = Poly(_ring(cx, cy, lambda a: wave(a) - 3, stretch=2.4),
                 Style(stroke=SCLEROSIS, width=1.2))
    px, py = CROSS
    hc = bone.cross_canal
    cross_wave = lambda a: hc * (0.7 + 0.12 * math.sin(7 * a))
    across = (Poly(_ring(px, py, cross_wave), Style(fill=MARROW, stroke=ORANGE, width=2.5)),
              Poly(_ring(px, py, lambda a: cross_wave(a) - 3), Style(stroke=SCLEROSIS, width=1.2)))
    return Drawn((outer, inner), across, (255 - 2.4 * h - 10, cy))


@draws("lucent_cavity", "Lucent cavity with a sclerotic rim")
def _cavity(bone: Bone) -> Drawn:
    cy = bone.axis(305)
    ry = max(4.0, min(11.0, bone.canal(305) - 3))
    style = Style(fill="#FFFFFF", stroke=SCLEROSIS, width=3)
    px, py = CROSS
    return Drawn((Ellipse(305, cy, 24, ry, style),),
                 (Ellipse(px + 4, py - 2, 12, 9, style),), (305, cy - ry - 10))


@draws("sequestrum", "Sequestrum (dead bone fragment)")
def _sequestrum(bone: Bone) -> Drawn:
    cy = bone.axis(305)
    halo = () if bone.has("lucent_cavity") else (
        Ellipse(305, cy, 13, 6, Style(fill="#FFFFFF", stroke=SCLEROSIS, width=1.5)),)
    fragment = Poly(((296, cy - 2), (303, cy - 4), (312, cy - 1), (309, cy + 3), (299, cy + 3)),
                    Style(fill="#2B2824", stroke="#000000", width=0.8))
    px, py = CROSS
    return Drawn(halo + (fragment,), (Ellipse(px + 4, py - 2, 4, 3, Style(fill="#2B2824")),),
                 (318, cy + 10))


@draws("nidus", "Nidus (small lucent core in the cortex)")
def _nidus(bone: Bone) -> Drawn:
    x = 232.0
    mid = (bone.inner(x) + bone.outer(x)) / 2
    cy = bone.bottom(x, mid)
    halo = Ellipse(x, cy, 17, 6.5, Style(fill=SCLEROSIS, opacity=0.55))
    core = Ellipse(x, cy, 4.5, 4.5, Style(fill="#FFFFFF", stroke=DARK_TEXT, width=1.2))
    dot = Ellipse(x, cy, 1.4, 1.4, Style(fill=DARK_TEXT))
    px, py = CROSS
    r = (bone.cross_outer + 18 * bone.k * CROSS_SCALE) / 2
    across = (Ellipse(px, py + r, 4, 4, Style(fill="#FFFFFF", stroke=DARK_TEXT, width=1.2)),)
    return Drawn((halo, core, dot), across, (x - 22, cy + 8))


@draws("brush_border", "Spiculated brush-like margins")
def _brush(bone: Bone) -> Drawn:
    style = Style(stroke=SCLEROSIS, width=1.4)
    lines = []
    for x0, direction in ((LESION[0], -1), (bone.lesion_end(), 1)):
        reach = bone.canal(x0) - 1
        for i in range(-3, 4):
            dy = reach * i / 3.6
            lines.append(Poly(((x0, bone.axis(x0) + dy),
                               (x0 + direction * 11, bone.axis(x0) + dy * 1.15)), style,
                              closed=False))
    return Drawn(tuple(lines), (), (LESION[0] - 16, bone.axis(LESION[0]) - 14))


@draws("fracture_line", "Fracture line")
def _fracture(bone: Bone) -> Drawn:
    x = 282.0
    r0, r1 = bone.canal(x) - 6, bone.surface(x) + 2
    points = tuple((x + (3 if i % 2 else -2), bone.bottom(x, r0 + (r1 - r0) * i / 5))
                   for i in range(6))
    return Drawn((Poly(points, Style(stroke=DARK_TEXT, width=2), closed=False),), (),
                 (x + 12, bone.bottom(x, r1) + 6))


@draws("periosteal_reaction", "Periosteal reaction")
def _periosteal(bone: Bone) -> Drawn:
    gap = lambda x: bone.surface(x) + 5 * _taper(x, 200, 340, 10)
    style = Style(stroke=VERMILLION, width=2)
    px, py = CROSS
    r = bone.cross_surface + 5
    arc = Poly(_ring(px, py, lambda a: r, 40, 0.15 * math.pi, 0.85 * math.pi), style, closed=False)
    return Drawn((_line(bone, 200, 340, gap, "bottom", style),), (arc,),
                 (345, bone.bottom(345, bone.surface(345)) + 8))


@draws("solid_periosteal_new_bone", "Solid periosteal new bone")
def _solid(bone: Bone) -> Drawn:
    layer = lambda x: bone.surface(x) + 7 * _taper(x, 195, 345, 25)
    style = Style(fill="#F3C7A6", stroke=VERMILLION, width=1.5)
    px, py = CROSS
    r0, r1 = bone.cross_surface, bone.cross_surface + 7
    band = Poly(_ring(px, py, lambda a: r1, 40, 0.1 * math.pi, 0.9 * math.pi)
                + _ring(px, py, lambda a: r0, 40, 0.1 * math.pi, 0.9 * math.pi)[::-1], style)
    return Drawn((_band(bone, 195, 345, bone.surface, layer, "bottom", style),), (band,),
                 (270, bone.bottom(270, bone.surface(270)) + 16))


@draws("aggressive_periosteal_reaction",
       "Aggressive periosteal reaction (spicules, Codman)")
def _aggressive(bone: Bone) -> Drawn:
    style = Style(stroke=VERMILLION, width=1.6)
    x0, x1 = 268.0, 352.0
    shapes: list[Shape] = [
        _line(bone, x0 + 6, x1, lambda x, d=d: bone.surface(x) + d, "top",
              Style(stroke=VERMILLION, width=1.4, dash=(9, 4)))
        for d in (4, 8, 12)]
    for x in _xs(x0 + 14, x1 - 6, 7):
        shapes.append(Poly(((x, bone.top(x, bone.surface(x))), (x, bone.top(x, bone.surface(x) + 20))),
                           style, closed=False))
    base = bone.top(x0, bone.surface(x0))
    shapes.append(Poly(((x0 - 10, base), (x0 + 4, base), (x0 + 4, base - 16)),
                       Style(fill="#F3C7A6", stroke=VERMILLION, width=1.5)))  # Codman triangle
    px, py = CROSS
    r = bone.cross_surface
    across = tuple(Poly(((px + r * math.cos(a), py + r * math.sin(a)),
                         (px + (r + 16) * math.cos(a), py + (r + 16) * math.sin(a))), style,
                        closed=False)
                   for a in (-math.pi * (0.2 + 0.6 * i / 8) for i in range(9)))
    return Drawn(tuple(shapes), across, (x1 + 12, bone.top(x1, bone.surface(x1)) - 14))


@draws("flowing_cortical_hyperostosis", "Flowing hyperostosis along one side")
def _flowing(bone: Bone) -> Drawn:
    lumps = lambda x: bone.surface(x) + (3 + 7 * abs(math.sin((x - 150) / 190 * 3 * math.pi))) \
        * _taper(x, 150, 340, 12)
    style = Style(fill=ADDED_BONE, stroke=BONE_OUTLINE, width=1)
    px, py = CROSS
    r = bone.cross_surface
    lump = Poly(_ring(px, py, lambda a: r + 9 * math.sin(math.pi * (a + 0.85 * math.pi) / (0.7 * math.pi)) ** 2,
                      30, -0.85 * math.pi, -0.15 * math.pi)
                + _ring(px, py, lambda a: r, 30, -0.85 * math.pi, -0.15 * math.pi)[::-1], style)
    return Drawn((_band(bone, 150, 340, bone.surface, lumps, "top", style),), (lump,),
                 (160, bone.top(175, lumps(175)) - 10))


@draws("soft_tissue_mass", "Soft-tissue mass")
def _mass(bone: Bone) -> Drawn:
    cy = bone.top(300, bone.surface(300)) - 14
    style = Style(fill=REDDISH_PURPLE, opacity=0.35)
    edge = Style(stroke=REDDISH_PURPLE, width=1.8, dash=(6, 4))
    px, py = CROSS
    my = py - bone.cross_surface - 12
    return Drawn((Ellipse(300, cy, 72, 22, style), Ellipse(300, cy, 72, 22, edge)),
                 (Ellipse(px, my, 34, 15, style), Ellipse(px, my, 34, 15, edge)), (232, cy - 16))


def _extent(region: str):
    def draw(bone: Bone) -> Drawn:
        y = CY + 90 + (9 if region == "epiphysis" else 0)
        x1 = ENDS[region]
        style = Style(stroke=BLUE, width=2)
        head = Poly(((x1, y), (x1 - 7, y - 4), (x1 - 7, y + 4)), Style(fill=BLUE))
        return Drawn((Poly(((LESION[0], y), (x1 - 4, y)), style, closed=False), head), (),
                     (x1 + 11, y))
    return draw


draws("metaphysis_extension", "Lesion reaches the metaphysis (arrow)")(_extent("metaphysis"))
draws("epiphysis_extension", "Lesion reaches the epiphysis (arrow)")(_extent("epiphysis"))


# --- the drawing ---------------------------------------------------------------------------


def _anatomy(bone: Bone) -> Group:
    xs = _xs(30, 510, 3)
    outer = Poly(tuple((x, bone.top(x, bone.outer(x))) for x in xs)
                 + tuple((x, bone.bottom(x, bone.outer(x))) for x in reversed(xs)),
                 Style(fill=BONE_COLOUR, stroke=BONE_OUTLINE, width=1.5))
    ixs = _xs(36, 504, 3)
    marrow = Poly(tuple((x, bone.top(x, bone.inner(x))) for x in ixs)
                  + tuple((x, bone.bottom(x, bone.inner(x))) for x in reversed(ixs)),
                  Style(fill=MARROW, stroke=BONE_OUTLINE, width=0.6))
    cx, cy = CROSS
    ring = Ellipse(cx, cy, bone.cross_outer, bone.cross_outer,
                   Style(fill=BONE_COLOUR, stroke=BONE_OUTLINE, width=1.5))
    inner = 18 * bone.k * CROSS_SCALE
    canal = Ellipse(cx, cy, inner, inner, Style(fill=MARROW, stroke=BONE_OUTLINE, width=0.6))
    cut = Style(stroke=BONE_OUTLINE, width=1, dash=(3, 3))
    shapes: list[Shape] = [outer, marrow, ring, canal,
                           Poly(((270, CY - 60), (270, CY + 58)), cut, closed=False)]
    base = CY + 66
    tick = Style(stroke=BONE_OUTLINE, width=1)
    for name, x0, x1 in REGIONS:
        shapes.append(Poly(((x0 + 2, base - 4), (x0 + 2, base), (x1 - 2, base), (x1 - 2, base - 4)),
                           tick, closed=False))
        shapes.append(Text((x0 + x1) / 2, base + 12, name, 10, anchor="middle", colour=DARK_TEXT))
    shapes += [
        Text(12, 20, "SCHEMATIC, not to scale", 13, bold=True, colour=DARK_TEXT),
        Text(270, 40, "Along the bone (proximal ← → distal)", 12, anchor="middle"),
        Text(cx, 40, "Across, at the dashed line", 12, anchor="middle"),
    ]
    return Group("bone-anatomy", "anatomy", "A long bone: cortex, medullary canal and its "
                 "regions (epiphysis, metaphysis, diaphysis)", tuple(shapes))


def _number(n: int, at: Point) -> tuple[Shape, ...]:
    x, y = at
    return (Ellipse(x, y, 8, 8, Style(fill="#FFFFFF", stroke=DARK_TEXT, width=1.2)),
            Text(x, y + 4, str(n), 11, bold=True, anchor="middle"))


def _words(finding_id: str, labels: Mapping[str, str] | None) -> str:
    return DRAWERS[finding_id].words if not labels or finding_id not in labels \
        else labels[finding_id]


def drawn_findings(picture: Mapping[str, str]) -> list[str]:
    """The findings of `picture` the drawing shows, in drawing order."""
    return [f for f in DRAWERS if picture.get(f) == "present"]


def bone_description(picture: Mapping[str, str], labels: Mapping[str, str] | None = None) -> str:
    """The drawing in words (its text alternative)."""
    shown = [_words(f, labels) for f in drawn_findings(picture)]
    if not shown:
        return ("Schematic long bone, not to scale: no finding that can be drawn is present, "
                "so the bone is drawn normal.")
    return "Schematic long bone, not to scale, showing: " + "; ".join(shown) + "."


def bone_drawing(picture: Mapping[str, str], labels: Mapping[str, str] | None = None) -> Drawing:
    """The schematic bone of `picture` ({finding_id: 'present' | 'absent' | 'unknown'})."""
    bone = Bone(dict(picture), enlarged=picture.get("bone_enlargement") == "present")
    shown = drawn_findings(picture)
    groups = [_anatomy(bone)]
    numbers: list[Shape] = []
    key: list[Shape] = []
    columns = 2
    for index, finding in enumerate(shown, start=1):
        drawn = DRAWERS[finding].draw(bone)
        words = _words(finding, labels)
        groups.append(Group(f"bone-{finding}", "finding", words,
                            drawn.along + drawn.across))
        numbers += _number(index, drawn.number_at)
        row, column = (index - 1) // columns, (index - 1) % columns
        x, y = 24 + column * 370, KEY_TOP + row * ROW_H
        key += _number(index, (x, y - 4))
        key.append(Text(x + 14, y, words if len(words) <= 52 else words[:51] + "…", 12))
    if not shown:
        key.append(Text(24, KEY_TOP, "No finding that can be drawn is present: a normal bone.", 12))
    groups.append(Group("bone-key", "key", "Numbers and key", tuple(numbers + key)))
    rows = max(1, math.ceil(len(shown) / columns))
    return Drawing(WIDTH, KEY_TOP + rows * ROW_H, "Schematic long bone with the findings drawn",
                   bone_description(picture, labels), tuple(groups))


def bone_svg(picture: Mapping[str, str], labels: Mapping[str, str] | None = None,
             ident: str = "bone-schematic") -> str:
    return to_svg(bone_drawing(picture, labels), ident)


def bone_png(picture: Mapping[str, str], labels: Mapping[str, str] | None = None,
             scale: float = 2.0) -> bytes:
    return to_png(bone_drawing(picture, labels), scale)
