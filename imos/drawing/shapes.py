"""Plain shapes (polygon, line, ellipse, text) in groups, written as SVG or drawn as PNG.

One geometry, two writers: the page shows the SVG (each group an element with an id, a
class and a <title>, so tests and screen readers can name what is drawn); slides and the
PDF take the PNG, drawn with Pillow in the same coordinates. Curves are given as points.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from imos.files.fonts import font_path

Point = tuple[float, float]


@dataclass(frozen=True)
class Style:
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    dash: tuple[float, float] | None = None
    opacity: float = 1.0


@dataclass(frozen=True)
class Poly:
    """A polygon (closed) or a polyline (open)."""

    points: tuple[Point, ...]
    style: Style
    closed: bool = True


@dataclass(frozen=True)
class Ellipse:
    cx: float
    cy: float
    rx: float
    ry: float
    style: Style


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    size: float = 12
    bold: bool = False
    anchor: str = "start"  # start, middle or end
    colour: str = "#111111"


Shape = Poly | Ellipse | Text


@dataclass(frozen=True)
class Group:
    """Shapes that draw one thing: `ident` and `classes` name it in the SVG."""

    ident: str
    classes: str
    title: str
    shapes: tuple[Shape, ...]


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    title: str
    description: str
    groups: tuple[Group, ...] = field(default_factory=tuple)


# --- SVG -----------------------------------------------------------------------------------


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _style_attrs(style: Style) -> str:
    parts = [f'fill="{style.fill or "none"}"']
    if style.stroke:
        parts.append(f'stroke="{style.stroke}" stroke-width="{_num(style.width)}"')
    if style.dash:
        parts.append(f'stroke-dasharray="{_num(style.dash[0])} {_num(style.dash[1])}"')
    if style.opacity < 1:
        parts.append(f'opacity="{style.opacity:.2f}"')
    return " ".join(parts)


SVG_TOLERANCE = 0.2  # px of the drawing: a point this close to its neighbours' line adds nothing


def _simplified(points: Sequence[Point], tolerance: float = SVG_TOLERANCE) -> list[Point]:
    """The points without those within `tolerance` of the outline the others draw
    (Ramer-Douglas-Peucker): the outlines are sampled every few pixels, and a straight or
    gently curved stretch needs few of them. The SVG of a drawing is a third of its size
    this way, and no point moves by more than `tolerance`.

    >>> _simplified([(0, 0), (1, 0), (2, 0), (2, 1), (2, 2)])
    [(0, 0), (2, 0), (2, 2)]
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        (x0, y0), (x1, y1) = points[first], points[last]
        worst, at = -1.0, first
        for index in range(first + 1, last):
            distance = _off_segment(points[index], x0, y0, x1, y1)
            if distance > worst:
                worst, at = distance, index
        if worst >= tolerance:
            keep[at] = True
            spans += [(first, at), (at, last)]
    return [point for point, kept in zip(points, keep) if kept]


def _off_segment(point: Point, x0: float, y0: float, x1: float, y1: float) -> float:
    """How far `point` lies from the segment (x0, y0)-(x1, y1)."""
    x, y = point
    dx, dy = x1 - x0, y1 - y0
    length = dx * dx + dy * dy
    t = 0.0 if not length else max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / length))
    return math.hypot(x - x0 - t * dx, y - y0 - t * dy)


def _svg_shape(shape: Shape) -> str:
    if isinstance(shape, Poly):
        points = " ".join(f"{_num(x)},{_num(y)}" for x, y in _simplified(shape.points))
        tag = "polygon" if shape.closed else "polyline"
        return f'<{tag} points="{points}" {_style_attrs(shape.style)}/>'
    if isinstance(shape, Ellipse):
        return (f'<ellipse cx="{_num(shape.cx)}" cy="{_num(shape.cy)}" rx="{_num(shape.rx)}" '
                f'ry="{_num(shape.ry)}" {_style_attrs(shape.style)}/>')
    weight = ' font-weight="bold"' if shape.bold else ""
    return (f'<text x="{_num(shape.x)}" y="{_num(shape.y)}" font-size="{_num(shape.size)}"'
            f'{weight} text-anchor="{shape.anchor}" fill="{shape.colour}">'
            f"{html.escape(shape.text)}</text>")


def to_svg(drawing: Drawing, ident: str = "drawing") -> str:
    """The drawing as an inline SVG element (scales to its container's width)."""
    title_id = f"{ident}-title"
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" id="{html.escape(ident, quote=True)}" '
           f'viewBox="0 0 {_num(drawing.width)} {_num(drawing.height)}" role="img" '
           f'aria-labelledby="{title_id}" style="max-width:100%;height:auto" '
           'font-family="DejaVu Sans, Verdana, sans-serif" '
           'stroke-linejoin="round" stroke-linecap="round">',  # every stroke's, said once
           f'<title id="{title_id}">{html.escape(drawing.title)}</title>',
           f"<desc>{html.escape(drawing.description)}</desc>",
           f'<rect width="{_num(drawing.width)}" height="{_num(drawing.height)}" fill="#FFFFFF"/>']
    for group in drawing.groups:
        out.append(f'<g id="{html.escape(group.ident, quote=True)}" '
                   f'class="{html.escape(group.classes, quote=True)}">'
                   f"<title>{html.escape(group.title)}</title>")
        out += [_svg_shape(shape) for shape in group.shapes]
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# --- PNG -----------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(size: float, bold: bool) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path("B" if bold else ""), size=max(1, round(size)))


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is set in the drawing's font at `size` units (to lay out a row)."""
    return _font(size * 4, bold).getlength(text) / 4


def _rgba(colour: str, opacity: float = 1.0) -> tuple[int, int, int, int]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16),
            round(255 * opacity))


def _dashed(points: Sequence[Point], dash: tuple[float, float]) -> list[list[Point]]:
    """An open polyline cut into its dashes."""
    runs: list[list[Point]] = []
    on, left, current = True, dash[0], [points[0]]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = math.hypot(x1 - x0, y1 - y0)
        at = 0.0
        while length - at > left:
            at += left
            point = (x0 + (x1 - x0) * at / length, y0 + (y1 - y0) * at / length)
            if on:
                current.append(point)
                runs.append(current)
            current = [point]
            on = not on
            left = dash[0] if on else dash[1]
        left -= length - at
        if on:
            current.append((x1, y1))
    if on and len(current) > 1:
        runs.append(current)
    return runs


def _draw_shape(layer: Image.Image, shape: Shape, scale: float) -> None:
    pen = ImageDraw.Draw(layer)
    if isinstance(shape, Text):
        font = _font(shape.size * scale, shape.bold)
        anchor = {"start": "ls", "middle": "ms", "end": "rs"}[shape.anchor]
        pen.text((shape.x * scale, shape.y * scale), shape.text, font=font,
                 fill=_rgba(shape.colour), anchor=anchor)
        return
    style = shape.style
    width = max(1, round(style.width * scale))
    if isinstance(shape, Ellipse):
        box = [(shape.cx - shape.rx) * scale, (shape.cy - shape.ry) * scale,
               (shape.cx + shape.rx) * scale, (shape.cy + shape.ry) * scale]
        if style.fill:
            pen.ellipse(box, fill=_rgba(style.fill))
        if style.stroke:
            if style.dash:
                steps = 72
                ring = [(shape.cx + shape.rx * math.cos(2 * math.pi * i / steps),
                         shape.cy + shape.ry * math.sin(2 * math.pi * i / steps))
                        for i in range(steps + 1)]
                _draw_shape(layer, Poly(tuple(ring), Style(stroke=style.stroke, width=style.width,
                                                           dash=style.dash), closed=False), scale)
            else:
                pen.ellipse(box, outline=_rgba(style.stroke), width=width)
        return
    points = [(x * scale, y * scale) for x, y in shape.points]
    if shape.closed and style.fill:
        pen.polygon(points, fill=_rgba(style.fill))
    if style.stroke:
        line = points + [points[0]] if shape.closed else points
        runs = _dashed(line, (style.dash[0] * scale, style.dash[1] * scale)) if style.dash \
            else [line]
        for run in runs:
            pen.line(run, fill=_rgba(style.stroke), width=width, joint="curve")


def to_png(drawing: Drawing, scale: float = 2.0) -> bytes:
    """The drawing as a PNG, `scale` pixels per unit (no metadata written)."""
    size = (round(drawing.width * scale), round(drawing.height * scale))
    image = Image.new("RGBA", size, (255, 255, 255, 255))
    for group in drawing.groups:
        for shape in group.shapes:
            opacity = getattr(getattr(shape, "style", None), "opacity", 1.0)
            if opacity >= 1:
                _draw_shape(image, shape, scale)
                continue
            layer = Image.new("RGBA", size, (0, 0, 0, 0))
            _draw_shape(layer, shape, scale)
            alpha = layer.getchannel("A").point(lambda a: round(a * opacity))
            layer.putalpha(alpha)
            image.alpha_composite(layer)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
