"""Schematic drawings made of plain shapes, written as SVG (pages, HTML handout) and as PNG
(slides, PDF) from one geometry: `shapes` (the primitives and the two writers) and `bone`
(a long bone with the findings of a picture drawn on it).

May import: `imos.files.fonts` (the font the PNG text is set in), Pillow.
"""
