"""A schematic long bone with the findings of a picture drawn on it (pure; SVG and PNG).

`bone_drawing({finding_id: value})` draws a long bone lengthwise (proximal end on the left)
and in cross-section at the dashed line, headed "schematic, not to scale, not an image of
any patient", with each present finding the drawing knows drawn where it would show,
numbered and named in a key below, and a key of the tones (darker is denser bone, white
is lucent). Absent and unknown findings are not drawn. The drawing teaches what a word on
the page looks like on a bone; it is not an image of any patient.

The conventions a reader can rely on (set after a radiologist's review of the drawing):
- the periosteal (outer) surface changes only with a periosteal finding (periosteal
  reaction, periosteal new bone, flowing hyperostosis) or an enlarged bone; cortical
  thickening, a narrowed canal and medullary sclerosis are drawn inside it, from the
  endosteum inwards, as intramedullary osteosclerosis is described (endosteal new bone,
  sclerosis continuous from the endosteum, no extensive periosteal new bone);
- a focal lesion the cross-section shows (nidus, cavity, sequestrum, lytic areas, a
  cortical breach) lies at the dashed line in the lengthwise view too;
- tones: marrow pale, cortex grey, bone added by disease darker, sclerosis darkest;
  white is lucent (no bone). A radiograph shows the same densities the other way round.

Adding a drawn finding is one function decorated `@draws("finding_id", "Words")`: it gets
the bone's geometry and returns the lengthwise shapes, the cross-section shapes and where
its number goes. Its group in the SVG is `id="bone-<finding_id>"`, `class="finding"` (the
id only once, behind a prefix: the page shows no internal id as if it were a word).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from imos.drawing.shapes import (Drawing, Ellipse, Group, Point, Poly, Shape, Style, Text,
                                 text_width, to_png, to_svg)

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
LUCENT = "#FFFFFF"     # no bone: a radiograph shows it dark
REACTIVE = "#F3C7A6"   # immature reactive new bone of an aggressive periosteal reaction

WIDTH = 760
CY = 130.0            # the bone's axis, lengthwise view
CROSS = (640.0, 130.0)
CROSS_SCALE = 1.5
CUT = 270.0           # where the cross-section is taken (the dashed line)
LESION = (190.0, 350.0)  # the shaft's stretch where a lesion is drawn
ENDS = {"diaphysis": 350.0, "metaphysis": 430.0, "epiphysis": 494.0}
# (x, half width of the outer surface) and (x, cortical thickness), proximal to distal
OUTER = ((30, 30), (36, 44), (50, 50), (80, 50), (100, 44), (130, 32), (160, 27), (380, 27),
         (410, 32), (440, 44), (460, 50), (490, 50), (504, 44), (510, 30))
CORTEX = ((30, 3), (130, 4), (165, 9), (375, 9), (410, 4), (510, 3))
REGIONS = (("epiphysis", 30, 80), ("metaphysis", 80, 160), ("diaphysis", 160, 380),
           ("metaphysis", 380, 460), ("epiphysis", 460, 510))
THICKENING = 3.5      # cortical thickening, laid on the endosteal side
NARROWING = 4.5       # further endosteal bone narrowing the canal
EXTENSIVE = (165.0, 375.0, 9.0)  # thick periosteal new bone: from, to, how thick
HEADER = "SCHEMATIC, not to scale, not an image of any patient"
TONES = (("marrow", MARROW), ("cortex", BONE_COLOUR), ("added bone", ADDED_BONE),
         ("sclerosis: darker = denser", SCLEROSIS), ("lucent, no bone", LUCENT))
LEGEND_Y = 252
ROW_H = 20
KEY_TOP = 284
NUMBER_R = 8


def _interp(points, x: float) -> float:
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[0][1] if x < points[0][0] else points[-1][1]


def _xs(x0: float, x1: float, step: float = 4.0) -> list[float]:
    count = max(1, math.ceil((x1 - x0) / step))
    return [x0 + (x1 - x0) * i / count for i in range(count + 1)]


def _xs_ends(x0: float, x1: float, ramp: float = 28.0) -> list[float]:
    """Points from x0 to x1, close at the ends (where a shape rounds off), sparse between."""
    if x1 - x0 <= 2 * ramp:
        return _xs(x0, x1, 2)
    return _xs(x0, x0 + ramp, 2) + _xs(x0 + ramp, x1 - ramp, 10)[1:-1] + _xs(x1 - ramp, x1, 2)


def _xs_profile(x0: float, x1: float, step: float = 8.0) -> list[float]:
    """Points from x0 to x1 that keep the bone's outline exact: its corners and a point
    every `step` (few enough to keep the page's SVG small)."""
    corners = {float(x) for x, _ in OUTER + CORTEX if x0 < x < x1}
    return sorted(set(_xs(x0, x1, step)) | corners)


def _taper(x: float, x0: float, x1: float, ramp: float = 18.0) -> float:
    """1 inside [x0, x1], falling to 0 over `ramp` at each end."""
    return max(0.0, min(1.0, (x - x0) / ramp, (x1 - x) / ramp))


def _smooth(t: float) -> float:
    """A ramp from 0 to 1 without corners (a spindle's end, not a plug's)."""
    t = max(0.0, min(1.0, t))
    return t * t * (3 - 2 * t)


@dataclass(frozen=True)
class Bone:
    """The bone's geometry for one picture: how wide (an enlarged bone is wider and bowed),
    how thick its cortex, how wide its canal and how far the lesion reaches.

    Radii from the axis, outside in: `surface` (the outermost bone, with thick periosteal
    new bone), `outer` (the cortex's periosteal surface, unchanged by cortical thickening),
    `inner` (the normal endosteal surface), `endosteum` (the cortex's inner surface after
    a thickening, laid inside), `canal` (the canal left after a narrowing)."""

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
        """Cortical thickening at x, laid on the endosteal side of the cortex."""
        return THICKENING * _taper(x, *LESION) if self.has("cortical_thickening") else 0.0

    def narrow(self, x: float) -> float:
        """How much more the canal is narrowed at x (endosteal bone inside the cortex)."""
        return NARROWING * _taper(x, *LESION) if self.has("medullary_narrowing") else 0.0

    def periosteal(self, x: float) -> float:
        """Thick periosteal new bone laid on the outer surface at x."""
        x0, x1, depth = EXTENSIVE
        return depth * _taper(x, x0, x1, 30) if self.has("extensive_periosteal_new_bone") \
            else 0.0

    def surface(self, x: float) -> float:
        return self.outer(x) + self.periosteal(x)

    def endosteum(self, x: float) -> float:
        return self.inner(x) - self.thick(x)

    def canal(self, x: float) -> float:
        return self.endosteum(x) - self.narrow(x)

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

    # the cross-section, at CUT
    @property
    def cross_outer(self) -> float:
        return 27 * self.k * CROSS_SCALE

    @property
    def cross_surface(self) -> float:
        return self.cross_outer + self.periosteal(CUT) * CROSS_SCALE

    @property
    def cross_inner(self) -> float:
        return 18 * self.k * CROSS_SCALE

    @property
    def cross_endosteum(self) -> float:
        return self.cross_inner - self.thick(CUT) * CROSS_SCALE

    @property
    def cross_canal(self) -> float:
        return self.cross_endosteum - self.narrow(CUT) * CROSS_SCALE


def _band(bone: Bone, x0: float, x1: float, r_in: Callable[[float], float],
          r_out: Callable[[float], float], side: str, style: Style) -> Poly:
    """The band between two radii, on the top or bottom side of the axis."""
    edge = bone.top if side == "top" else bone.bottom
    xs = _xs_ends(x0, x1, 22)
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


def _annulus(cx: float, cy: float, r_in: float, r_out: float, style: Style,
             a0: float = 0.0, a1: float = 2 * math.pi, steps: int = 48) -> Poly:
    return Poly(_ring(cx, cy, lambda a: r_out, steps, a0, a1)
                + _ring(cx, cy, lambda a: r_in, steps, a0, a1)[::-1], style)


def _blob(cx: float, cy: float, r: float, seed: int, stretch: float = 1.0) -> tuple[Point, ...]:
    """An irregular closed outline (the same for the same seed)."""
    wobble = lambda a: r * (1 + 0.22 * math.sin(3 * a + seed) + 0.12 * math.sin(5 * a + 2 * seed))
    return _ring(cx, cy, wobble, 20, stretch=stretch)


# --- the findings --------------------------------------------------------------------------


@dataclass(frozen=True)
class Drawn:
    along: tuple[Shape, ...]
    across: tuple[Shape, ...]
    number_at: Point
    points_to: Point | None = None  # a thin line from the number to a thin element


@dataclass(frozen=True)
class Drawer:
    finding_id: str
    words: str
    draw: Callable[[Bone], Drawn]
    cue: str = ""  # how to spot it, added in the key to a label given from outside


DRAWERS: dict[str, Drawer] = {}


def draws(finding_id: str, words: str, cue: str = ""):
    """Register a function that draws `finding_id` (its default words for the key, and a
    short cue to where it is drawn, added to a label given from outside)."""
    def register(function: Callable[[Bone], Drawn]) -> Callable[[Bone], Drawn]:
        DRAWERS[finding_id] = Drawer(finding_id, words, function, cue)
        return function
    return register


def drawable_findings() -> tuple[str, ...]:
    """Every finding the drawing knows, in drawing order (back to front)."""
    return tuple(DRAWERS)


@draws("bone_enlargement", "Enlarged, bowed bone (dashed: normal outline)",
       cue="dashed: normal size")
def _enlargement(bone: Bone) -> Drawn:
    normal = Bone({})
    xs = _xs_profile(30, 510)
    outline = Style(stroke=BONE_OUTLINE, width=1.2, dash=(5, 4))
    along = (Poly(tuple((x, normal.top(x, normal.outer(x))) for x in xs)
                  + tuple((x, normal.bottom(x, normal.outer(x))) for x in reversed(xs)), outline),)
    cx, cy = CROSS
    across = (Ellipse(cx, cy, normal.cross_outer, normal.cross_outer, outline),)
    return Drawn(along, across, (470, bone.top(470, bone.outer(470)) - 12))


@draws("cortical_thickening", "Cortical thickening (laid inside the cortex)",
       cue="inner side")
def _thickening(bone: Bone) -> Drawn:
    # Laid on the endosteal side: the outer surface keeps its place, as in IMOS (endosteal
    # new bone, no extensive periosteal new bone); periosteal new bone is its own finding.
    style = Style(fill=ADDED_BONE, stroke=BONE_OUTLINE, width=1)
    along = tuple(_band(bone, *LESION, bone.endosteum, bone.inner, side, style)
                  for side in ("top", "bottom"))
    cx, cy = CROSS
    ring = (_annulus(cx, cy, bone.cross_endosteum, bone.cross_inner, Style(fill=ADDED_BONE)),
            Ellipse(cx, cy, bone.cross_endosteum, bone.cross_endosteum,
                    Style(stroke=BONE_OUTLINE)))
    target = (236.0, bone.top(236, (bone.inner(236) + bone.endosteum(236)) / 2))
    return Drawn(along, ring, (214, bone.top(214, bone.surface(214)) - 14), target)


@draws("extensive_periosteal_new_bone", "Thick periosteal new bone all round")
def _extensive(bone: Bone) -> Drawn:
    x0, x1, _ = EXTENSIVE
    style = Style(fill=ADDED_BONE, stroke=VERMILLION, width=1.2)
    along = tuple(_band(bone, x0, x1, bone.outer, bone.surface, side, style)
                  for side in ("top", "bottom"))
    cx, cy = CROSS
    rs = bone.cross_surface
    across = (_annulus(cx, cy, bone.cross_outer, rs, Style(fill=ADDED_BONE)),
              Ellipse(cx, cy, rs, rs, Style(stroke=VERMILLION, width=1.2)))
    return Drawn(along, across, (176, bone.bottom(176, bone.surface(176)) + 12))


@draws("intramedullary_sclerosis", "Medullary sclerosis (drawn dark)")
def _sclerosis(bone: Bone) -> Drawn:
    # Homogeneous, filling the canal from the endosteum inwards, fading into the normal
    # marrow at its ends (a dark block with square or pointed ends reads as a nail or
    # cement); squared off against the joint when it reaches the epiphysis. Drawn as
    # three layers, the outermost (first) the faintest and longest.
    start, end = LESION[0], bone.lesion_end()
    to_joint = bone.has("epiphysis_extension")
    along: list[Shape] = []
    for reach, opacity in ((15.0, 0.18), (9.0, 0.3), (3.0, 0.45), (-4.0, 0.75)):
        x0, x1 = start - reach, end if to_joint else end + reach
        round_off = lambda t: math.sqrt(max(0.0, 1 - (1 - min(1.0, max(0.0, t))) ** 2))
        r = lambda x, x0=x0, x1=x1: max(0.0, bone.canal(x) - 0.4) * round_off((x - x0) / 10) \
            * (1.0 if to_joint else round_off((x1 - x) / 10))
        xs = _xs_ends(x0, x1)
        along.append(Poly(tuple((x, bone.top(x, r(x))) for x in xs)
                          + tuple((x, bone.bottom(x, r(x))) for x in reversed(xs)),
                          Style(fill=SCLEROSIS, opacity=opacity)))
    cx, cy = CROSS
    rc = bone.cross_canal - 0.4
    return Drawn(tuple(along), (Ellipse(cx, cy, rc, rc, Style(fill=SCLEROSIS, opacity=0.9)),),
                 (228, bone.axis(228)))


@draws("medullary_narrowing", "Narrowed medullary canal", cue="blue: its width")
def _narrowing(bone: Bone) -> Drawn:
    style = Style(fill=ADDED_BONE, stroke=BONE_OUTLINE, width=1)
    along: list[Shape] = [_band(bone, *LESION, bone.canal, bone.endosteum, side, style)
                          for side in ("top", "bottom")]
    x = 322.0
    along += _caliper((x, bone.top(x, bone.canal(x))), (x, bone.bottom(x, bone.canal(x))))
    cx, cy = CROSS
    rc = bone.cross_canal
    across = [_annulus(cx, cy, rc, bone.cross_endosteum, Style(fill=ADDED_BONE)),
              Ellipse(cx, cy, rc, rc, Style(stroke=BONE_OUTLINE))]
    across += _caliper((cx - rc, cy), (cx + rc, cy))
    return Drawn(tuple(along), tuple(across), (336, bone.axis(336)))


def _caliper(a: Point, b: Point) -> list[Shape]:
    """A measuring line from wall to wall, its heads on the walls (how wide the canal is)."""
    (x0, y0), (x1, y1) = a, b
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    head = min(5.0, length / 3)

    def arrow(tip: Point, sign: float) -> Poly:
        tx, ty = tip
        bx, by = tx + sign * ux * head, ty + sign * uy * head
        return Poly(((tx, ty), (bx - uy * head * 0.6, by + ux * head * 0.6),
                     (bx + uy * head * 0.6, by - ux * head * 0.6)), Style(fill=BLUE))

    return [Poly((a, b), Style(stroke=LUCENT, width=3.4), closed=False),
            Poly((a, b), Style(stroke=BLUE, width=1.5), closed=False),
            arrow(a, 1), arrow(b, -1)]


@draws("lytic_component", "Lytic areas (ill-defined, no sclerotic rim)")
def _lytic(bone: Bone) -> Drawn:
    # Moth-eaten holes around the cut, one eating into the endosteal cortex; a dashed edge
    # says "ill-defined" (a lucent cavity has a thick dark rim instead).
    edge = Style(fill=LUCENT, stroke=BONE_OUTLINE, width=0.8, dash=(2, 2))
    spots = ((-22, 0.35, 5.0), (-4, -0.5, 4.0), (14, 0.15, 5.5), (34, -0.3, 4.5))
    along: list[Shape] = [Poly(_blob(CUT + dx, bone.axis(CUT + dx) + share * bone.canal(CUT + dx),
                                     r, i, 1.4), edge)
                          for i, (dx, share, r) in enumerate(spots)]
    x = CUT + 24
    along.append(Poly(_blob(x, bone.bottom(x, bone.canal(x) + 1.5), 4.0, 7, 1.8), edge))
    cx, cy = CROSS
    rc = bone.cross_canal
    across = tuple(Poly(_blob(cx + dx * rc, cy + dy * rc, r, i), edge)
                   for i, (dx, dy, r) in enumerate(((-0.45, -0.3, 5.5), (0.35, 0.35, 6.0),
                                                    (0.1, -0.55, 4.0))))
    return Drawn(tuple(along), across, (CUT + 50, bone.axis(CUT + 50) + 4))


@draws("double_line_sign", "Serpiginous rim around fat-signal marrow")
def _serpiginous(bone: Bone) -> Drawn:
    # A geographic, elongated lesion along the canal whose dense rim winds like a snake
    # (not a star); the marrow inside keeps its fat. The inner orange line is the second
    # line of the MRI double line.
    x0, x1 = CUT - 66, CUT + 64
    room = max(7.0, bone.canal(CUT) - 2)
    envelope = lambda x: math.sqrt(max(0.0, 1 - ((2 * x - x0 - x1) / (x1 - x0)) ** 2))

    def edge(x: float, phase: float, shrink: float) -> float:
        wind = 0.16 * math.sin((x - x0) / 9 + phase) + 0.1 * math.sin((x - x0) / 4.3 + 2 * phase)
        return max(0.0, room * envelope(x) * (0.78 + wind) - shrink)

    def outline(shrink: float) -> tuple[Point, ...]:
        xs = _xs(x0, x1, 2)
        return (tuple((x, bone.top(x, edge(x, 0.0, shrink))) for x in xs)
                + tuple((x, bone.bottom(x, edge(x, 2.3, shrink))) for x in reversed(xs)))

    rim = Poly(outline(0.0), Style(fill=MARROW, stroke=SCLEROSIS, width=2.6))
    inner = Poly(outline(3.0), Style(stroke=ORANGE, width=1.4))
    px, py = CROSS
    hc = bone.cross_canal
    cross_wave = lambda a: hc * (0.72 + 0.07 * math.sin(3 * a + 0.7) + 0.05 * math.sin(7 * a + 2.1)
                                 + 0.04 * math.sin(11 * a + 0.3))
    across = (Poly(_ring(px, py, cross_wave), Style(fill=MARROW, stroke=SCLEROSIS, width=2.6)),
              Poly(_ring(px, py, lambda a: cross_wave(a) - 3.2), Style(stroke=ORANGE, width=1.4)))
    return Drawn((rim, inner), across, (x0 - 12, bone.axis(x0)))


@draws("lucent_cavity", "Lucent cavity with a sclerotic rim")
def _cavity(bone: Bone) -> Drawn:
    cy = bone.axis(CUT)
    ry = _cavity_ry(bone)
    style = Style(fill=LUCENT, stroke=SCLEROSIS, width=3)
    px, py = CROSS
    rc = ry * CROSS_SCALE
    return Drawn((Ellipse(CUT, cy, 22, ry, style),),
                 (Ellipse(px, py, rc * 1.1, rc, style),), (CUT + 30, cy - ry - 4))


def _cavity_ry(bone: Bone) -> float:
    return max(4.0, min(11.0, bone.canal(CUT) - 3))


@draws("sequestrum", "Sequestrum (dead bone fragment)")
def _sequestrum(bone: Bone) -> Drawn:
    cy = bone.axis(CUT)
    halo_style = Style(fill=LUCENT, stroke=SCLEROSIS, width=1.5)
    halo = () if bone.has("lucent_cavity") else (Ellipse(CUT, cy, 13, 6, halo_style),)
    fragment = Poly(((CUT - 9, cy - 2), (CUT - 2, cy - 4), (CUT + 7, cy - 1), (CUT + 4, cy + 3),
                     (CUT - 6, cy + 3)), Style(fill="#2B2824", stroke="#000000", width=0.8))
    px, py = CROSS
    cross_halo = () if bone.has("lucent_cavity") else (Ellipse(px, py, 10, 8, halo_style),)
    return Drawn(halo + (fragment,), cross_halo + (Ellipse(px, py, 4.5, 3.5, Style(fill="#2B2824")),),
                 (CUT + 13, cy + 12))


@draws("nidus", "Nidus (small lucent core in the cortex)")
def _nidus(bone: Bone) -> Drawn:
    # In the cortex (the usual intracortical osteoid osteoma), at the cut, inside its halo
    # of reactive sclerosis; a cortical thickening is centred on it.
    x = CUT
    mid = (bone.endosteum(x) + bone.outer(x)) / 2
    cy = bone.bottom(x, mid)
    half = (bone.outer(x) - bone.endosteum(x)) / 2
    halo = Ellipse(x, cy, 17, half - 0.3, Style(fill=SCLEROSIS, opacity=0.55))
    core = Ellipse(x, cy, 4.0, 4.0, Style(fill=LUCENT, stroke=DARK_TEXT, width=1.2))
    dot = Ellipse(x, cy, 1.4, 1.4, Style(fill=DARK_TEXT))
    px, py = CROSS
    r = (bone.cross_outer + bone.cross_endosteum) / 2
    across = (Ellipse(px, py + r, 9, 7, Style(fill=SCLEROSIS, opacity=0.55)),
              Ellipse(px, py + r, 4, 4, Style(fill=LUCENT, stroke=DARK_TEXT, width=1.2)))
    return Drawn((halo, core, dot), across, (x - 26, cy + 9))


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


@draws("fracture_line", "Fracture line (a lucent crack through the cortex)")
def _fracture(bone: Bone) -> Drawn:
    x = 330.0
    r0, r1 = bone.canal(x) - 3, bone.surface(x)
    points = tuple((x + (3 if i % 2 else -2), bone.bottom(x, r0 + (r1 - r0) * i / 5))
                   for i in range(6))
    return Drawn((Poly(points, Style(stroke=DARK_TEXT, width=4.2), closed=False),
                  Poly(points, Style(stroke=LUCENT, width=1.8), closed=False)), (),
                 (x + 13, bone.bottom(x, r1) + 7))


@draws("linear_lucency", "Linear lucency in the lesion")
def _linear_lucency(bone: Bone) -> Drawn:
    x = 212.0
    r = bone.canal(x) * 0.75
    points = ((x - 6, bone.top(x, r)), (x + 1, bone.axis(x)), (x + 6, bone.bottom(x, r)))
    return Drawn((Poly(points, Style(stroke=BONE_OUTLINE, width=3.2), closed=False),
                  Poly(points, Style(stroke=LUCENT, width=1.6), closed=False)), (),
                 (x - 14, bone.bottom(x, r) + 4))


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
    # Mature bone (the added-bone tone), smooth and unbroken, merging with the cortex at
    # both ends; only its outer edge in the periosteal colour.
    layer = lambda x: bone.surface(x) + 7 * _smooth(_taper(x, 195, 345, 40))
    style = Style(fill=ADDED_BONE, stroke=VERMILLION, width=1.5)
    px, py = CROSS
    r0, r1 = bone.cross_surface, bone.cross_surface + 7
    band = _annulus(px, py, r0, r1, style, 0.1 * math.pi, 0.9 * math.pi, 40)
    return Drawn((_band(bone, 195, 345, bone.surface, layer, "bottom", style),), (band,),
                 (300, bone.bottom(300, bone.surface(300)) + 20),
                 (292, bone.bottom(292, layer(292) - 3.5)))


@draws("aggressive_periosteal_reaction",
       "Aggressive periosteal reaction (Codman triangle, onion skin, spicules)")
def _aggressive(bone: Bone) -> Drawn:
    # Three patterns side by side, not on top of each other: a Codman triangle at the
    # margin (periosteum lifted, new bone only in the angle), interrupted lamellae (onion
    # skin) and spicules at right angles to the cortex over the lesion (hair-on-end).
    style = Style(stroke=VERMILLION, width=1.6)
    x0, x1 = 262.0, 352.0
    base = lambda x: bone.top(x, bone.surface(x))
    shapes: list[Shape] = [Poly(((x0 - 12, base(x0 - 12)), (x0 + 2, base(x0 + 2)),
                                 (x0 + 2, base(x0 + 2) - 17)),
                                Style(fill=REACTIVE, stroke=VERMILLION, width=1.5))]
    lamellae = (x0 + 6, x0 + 38)
    shapes += [_line(bone, *lamellae, lambda x, d=d: bone.surface(x) + d, "top",
                     Style(stroke=VERMILLION, width=1.4, dash=(7, 3)))
               for d in (4, 8, 12)]
    for i, x in enumerate(_xs(lamellae[1] + 6, x1, 6)):
        length = 14 + 7 * math.sin(1.7 * i + 0.5) ** 2
        shapes.append(Poly(((x, base(x)), (x, base(x) - length)), style, closed=False))
    px, py = CROSS
    r = bone.cross_surface
    across = tuple(Poly(((px + r * math.cos(a), py + r * math.sin(a)),
                         (px + (r + 16) * math.cos(a), py + (r + 16) * math.sin(a))), style,
                        closed=False)
                   for a in (-math.pi * (0.2 + 0.6 * i / 8) for i in range(9)))
    return Drawn(tuple(shapes), across, (x1 + 12, base(x1) - 14))


@draws("flowing_cortical_hyperostosis", "Flowing hyperostosis along one side")
def _flowing(bone: Bone) -> Drawn:
    # Dense, lobulated bone flowing down one side like wax down a candle: drips of unequal
    # size, from the metaphysis along the shaft.
    drips = ((122, 12, 11.0), (150, 15, 19.0), (184, 13, 12.0), (216, 18, 22.0), (252, 14, 14.0),
             (284, 17, 18.0), (316, 12, 10.0), (340, 10, 6.0))
    x0, x1 = 108.0, 356.0
    lumps = lambda x: bone.surface(x) + (1.5 + sum(h * math.exp(-((x - c) / w) ** 2)
                                                   for c, w, h in drips)) * _taper(x, x0, x1, 10)
    style = Style(fill=SCLEROSIS, stroke=BONE_OUTLINE, width=1, opacity=0.9)
    px, py = CROSS
    r = bone.cross_surface
    lump = Poly(_ring(px, py, lambda a: r + 15 * math.sin(math.pi * (a + 0.85 * math.pi)
                                                          / (0.7 * math.pi)) ** 2,
                      30, -0.85 * math.pi, -0.15 * math.pi)
                + _ring(px, py, lambda a: r, 30, -0.85 * math.pi, -0.15 * math.pi)[::-1], style)
    along = Poly(tuple((x, bone.top(x, lumps(x))) for x in _xs(x0, x1, 2))
                 + tuple((x, bone.top(x, bone.surface(x))) for x in reversed(_xs(x0, x1, 8))),
                 style)
    return Drawn((along,), (lump,), (120, bone.top(150, lumps(150)) - 4))


@draws("cortical_breach", "Cortical breach (a gap through the cortex)")
def _breach(bone: Bone) -> Drawn:
    # A ragged lucent gap through the whole cortex at the cut, on the side a mass would
    # grow; from a cavity, if there is one (a cloaca).
    x = CUT + 2
    r0 = (_cavity_ry(bone) - 1) if bone.has("lucent_cavity") else bone.canal(x) - 1
    r1 = bone.surface(x) + 1
    steps = 6
    rs = [r0 + (r1 - r0) * i / steps for i in range(steps + 1)]
    left = [(x - 4 - (1.5 if i % 2 else 0), bone.top(x, r)) for i, r in enumerate(rs)]
    right = [(x + 4 + (0 if i % 2 else 1.5), bone.top(x, r)) for i, r in enumerate(rs)]
    edge = Style(stroke=DARK_TEXT, width=0.9)
    along = (Poly(tuple(left) + tuple(reversed(right)), Style(fill=LUCENT)),
             Poly(tuple(left), edge, closed=False), Poly(tuple(right), edge, closed=False))
    px, py = CROSS
    a = -math.pi / 2
    rc0 = bone.cross_canal - 1 if not bone.has("lucent_cavity") else _cavity_ry(bone) * CROSS_SCALE - 1
    rc1 = bone.cross_surface + 1
    gap = Poly(((px + rc0 * math.cos(a - 0.16), py + rc0 * math.sin(a - 0.16)),
                (px + rc1 * math.cos(a - 0.13), py + rc1 * math.sin(a - 0.13)),
                (px + rc1 * math.cos(a + 0.13), py + rc1 * math.sin(a + 0.13)),
                (px + rc0 * math.cos(a + 0.16), py + rc0 * math.sin(a + 0.16))),
               Style(fill=LUCENT, stroke=DARK_TEXT, width=0.9))
    return Drawn(along, (gap,), (x - 16, bone.top(x, r1) - 10))


@draws("paraosseous_ossified_mass", "Ossified mass beside the bone")
def _ossified_mass(bone: Bone) -> Drawn:
    # Away from the cut (so not in the cross-section), beside the distal metaphysis, apart
    # from the bone's surface (not growing from it).
    x = 412.0
    cy = bone.top(x, max(bone.surface(x + dx) for dx in (-24, 0, 24))) - 13
    body = Poly(_blob(x, cy, 9, 3, 2.4), Style(fill=ADDED_BONE, stroke=BONE_OUTLINE, width=1))
    dots = tuple(Ellipse(x + dx, cy + dy, 1.3, 1.3, Style(fill=SCLEROSIS))
                 for dx, dy in ((-12, -2), (-4, 3), (5, -3), (13, 1), (0, -1)))
    return Drawn((body,) + dots, (), (x + 32, cy))


@draws("soft_tissue_mass", "Soft-tissue mass")
def _mass(bone: Bone) -> Drawn:
    cy = bone.top(300, bone.surface(300)) - 14
    style = Style(fill=REDDISH_PURPLE, opacity=0.35)
    edge = Style(stroke=REDDISH_PURPLE, width=1.8, dash=(6, 4))
    px, py = CROSS
    # above the cross-section, but below the headings (which end at y 44), however
    # large an enlarged bone makes the section
    my = max(py - bone.cross_surface - 12, HEADINGS_BOTTOM + 15 + 2)
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


draws("metaphysis_extension", "Lesion reaches the metaphysis (arrow)",
      cue="blue arrow")(_extent("metaphysis"))
draws("epiphysis_extension", "Lesion reaches the epiphysis (arrow)",
      cue="blue arrow")(_extent("epiphysis"))


# --- the drawing ---------------------------------------------------------------------------


def _anatomy(bone: Bone) -> Group:
    xs = _xs_profile(30, 510)
    outer = Poly(tuple((x, bone.top(x, bone.outer(x))) for x in xs)
                 + tuple((x, bone.bottom(x, bone.outer(x))) for x in reversed(xs)),
                 Style(fill=BONE_COLOUR, stroke=BONE_OUTLINE, width=1.5))
    ixs = _xs_profile(36, 504)
    marrow = Poly(tuple((x, bone.top(x, bone.inner(x))) for x in ixs)
                  + tuple((x, bone.bottom(x, bone.inner(x))) for x in reversed(ixs)),
                  Style(fill=MARROW, stroke=BONE_OUTLINE, width=0.6))
    cx, cy = CROSS
    ring = Ellipse(cx, cy, bone.cross_outer, bone.cross_outer,
                   Style(fill=BONE_COLOUR, stroke=BONE_OUTLINE, width=1.5))
    canal = Ellipse(cx, cy, bone.cross_inner, bone.cross_inner,
                    Style(fill=MARROW, stroke=BONE_OUTLINE, width=0.6))
    cut = Style(stroke=BONE_OUTLINE, width=1, dash=(3, 3))
    shapes: list[Shape] = [outer, marrow, ring, canal,
                           Poly(((CUT, CY - 60), (CUT, CY + 58)), cut, closed=False)]
    base = CY + 66
    tick = Style(stroke=BONE_OUTLINE, width=1)
    for name, x0, x1 in REGIONS:
        shapes.append(Poly(((x0 + 2, base - 4), (x0 + 2, base), (x1 - 2, base), (x1 - 2, base - 4)),
                           tick, closed=False))
        shapes.append(Text((x0 + x1) / 2, base + 12, name, 10, anchor="middle", colour=DARK_TEXT))
    shapes += [
        Text(12, 20, HEADER, 13, bold=True, colour=DARK_TEXT),
        Text(270, 40, "Along the bone (proximal ← → distal)", 12, anchor="middle"),
        Text(cx, 40, "Across, at the dashed line", 12, anchor="middle"),
    ]
    return Group("bone-anatomy", "anatomy", "A long bone: cortex, medullary canal and its "
                 "regions (epiphysis, metaphysis, diaphysis)", tuple(shapes))


def _legend() -> Group:
    """What the tones mean: the drawing's densities run the other way from a radiograph's."""
    x, y, size = 24.0, float(LEGEND_Y), 11
    shapes: list[Shape] = [Text(x, y, "Tones:", size, bold=True)]
    x += text_width("Tones:", size, bold=True) + 8
    for words, colour in TONES:
        shapes.append(Poly(((x, y - 9), (x + 14, y - 9), (x + 14, y + 1), (x, y + 1)),
                           Style(fill=colour, stroke=BONE_OUTLINE, width=0.8)))
        shapes.append(Text(x + 19, y, words, size))
        x += 19 + text_width(words, size) + 14
    return Group("bone-legend", "legend", "Tones: darker is denser bone, white is lucent "
                 "(a radiograph shows densities the other way round)", tuple(shapes))


def _number(n: int, at: Point) -> tuple[Shape, ...]:
    x, y = at
    return (Ellipse(x, y, NUMBER_R, NUMBER_R, Style(fill="#FFFFFF", stroke=DARK_TEXT, width=1.2)),
            Text(x, y + 4, str(n), 11, bold=True, anchor="middle"))


def _leader(number: Point, target: Point) -> Poly:
    """A thin line from a number's edge to the element it names."""
    (x0, y0), (x1, y1) = number, target
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    start = (x0 + (x1 - x0) * NUMBER_R / length, y0 + (y1 - y0) * NUMBER_R / length)
    return Poly((start, target), Style(stroke=DARK_TEXT, width=0.8), closed=False)


HEADINGS_BOTTOM = 44  # the view's headings are drawn above this line


def _free_place(at: Point, taken: list[Point]) -> Point:
    """`at`, or the nearest of a few places beside it, where a number covers no other and
    stays between the headings and the key (a slide's strip shows only that band)."""
    x, y = at
    step = 2 * NUMBER_R + 2
    top, bottom = HEADINGS_BOTTOM + NUMBER_R, KEY_TOP - 20 - NUMBER_R
    for dx, dy in ((0, 0), (0, -step), (0, step), (step, 0), (-step, 0), (step, -step),
                   (-step, -step), (step, step), (-step, step), (0, -2 * step), (0, 2 * step)):
        place = (x + dx, y + dy)
        if top <= place[1] <= bottom and all(
                math.hypot(place[0] - tx, place[1] - ty) >= step for tx, ty in taken):
            return place
    return x, min(max(y, top), bottom)


def _words(finding_id: str, labels: Mapping[str, str] | None) -> str:
    return DRAWERS[finding_id].words if not labels or finding_id not in labels \
        else labels[finding_id]


def _key_words(finding_id: str, labels: Mapping[str, str] | None) -> str:
    """The words in the key: a label given from outside gets the drawer's cue after it."""
    words = _words(finding_id, labels)
    cue = DRAWERS[finding_id].cue
    given = bool(labels) and finding_id in labels
    return f"{words} ({cue})" if given and cue and cue not in words else words


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
    taken: list[Point] = []
    key: list[Shape] = []
    columns = 2
    for index, finding in enumerate(shown, start=1):
        drawn = DRAWERS[finding].draw(bone)
        groups.append(Group(f"bone-{finding}", "finding", _words(finding, labels),
                            drawn.along + drawn.across))
        place = _free_place(drawn.number_at, taken)
        taken.append(place)
        if drawn.points_to is not None:
            numbers.append(_leader(place, drawn.points_to))
        numbers += _number(index, place)
        words = _key_words(finding, labels)
        row, column = (index - 1) // columns, (index - 1) % columns
        x, y = 24 + column * 370, KEY_TOP + row * ROW_H
        key += _number(index, (x, y - 4))
        key.append(Text(x + 14, y, words if len(words) <= 52 else words[:51] + "…", 12))
    if not shown:
        key.append(Text(24, KEY_TOP, "No finding that can be drawn is present: a normal bone.", 12))
    groups.append(_legend())
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
