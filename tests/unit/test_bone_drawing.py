"""The schematic bone: each finding drawn alone shows its own element (and no other
finding's), in the SVG for the page and in the PNG for the files."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image

from imos.data import load_case_series
from imos.drawing import bone
from imos.drawing.bone import bone_description, bone_drawing, bone_png, bone_svg, drawable_findings

SVG = "{http://www.w3.org/2000/svg}"
CATALOGUE = load_case_series().catalogue.findings
LABELS = dict(zip(CATALOGUE["finding_id"], CATALOGUE["label"]))


def _groups(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {g.get("id"): g for g in root.iter(f"{SVG}g")}


def _findings_drawn(svg: str) -> set[str]:
    return {ident.removeprefix("bone-") for ident, g in _groups(svg).items()
            if g.get("class") == "finding"}


def test_every_drawn_finding_is_one_of_the_catalogue():
    assert set(drawable_findings()) <= set(LABELS)
    expected = {"intramedullary_sclerosis", "metaphysis_extension", "epiphysis_extension",
                "cortical_thickening", "medullary_narrowing", "periosteal_reaction",
                "solid_periosteal_new_bone", "aggressive_periosteal_reaction", "nidus",
                "lucent_cavity", "double_line_sign", "flowing_cortical_hyperostosis",
                "bone_enlargement", "soft_tissue_mass", "sequestrum", "brush_border",
                "fracture_line", "cortical_breach", "lytic_component",
                "extensive_periosteal_new_bone", "linear_lucency", "paraosseous_ossified_mass"}
    assert expected <= set(drawable_findings())


def test_a_bone_without_findings_is_drawn_normal_and_labelled_schematic():
    svg = bone_svg({})
    assert _findings_drawn(svg) == set()
    assert "SCHEMATIC, not to scale, not an image of any patient" in svg
    # the PNG (slides, PDF) is drawn from the same shapes: it carries the words too
    texts = [shape.text for group in bone_drawing({}).groups for shape in group.shapes
             if isinstance(shape, bone.Text)]
    assert any("not an image of any patient" in text for text in texts)
    assert "bone-anatomy" in _groups(svg)
    for region in ("epiphysis", "metaphysis", "diaphysis"):
        assert f">{region}</text>" in svg
    assert "drawn normal" in bone_description({})


@pytest.mark.parametrize("finding", drawable_findings())
def test_each_finding_alone_draws_its_own_element(finding):
    svg = bone_svg({finding: "present"}, LABELS)
    groups = _groups(svg)
    assert _findings_drawn(svg) == {finding}
    group = groups[f"bone-{finding}"]
    assert group.find(f"{SVG}title").text == LABELS[finding]
    shapes = [e for e in group if e.tag != f"{SVG}title"]
    assert shapes, finding  # something is drawn
    key = "".join(t.text or "" for t in groups["bone-key"].iter(f"{SVG}text"))
    assert LABELS[finding][:40] in key
    assert LABELS[finding] in bone_description({finding: "present"}, LABELS)


@pytest.mark.parametrize("value", ["absent", "unknown"])
def test_absent_and_unknown_findings_are_not_drawn(value):
    assert _findings_drawn(bone_svg({f: value for f in drawable_findings()})) == set()


def test_the_periosteal_kinds_are_drawn_apart():
    solid = _groups(bone_svg({"solid_periosteal_new_bone": "present"}))["bone-solid_periosteal_new_bone"]
    aggressive = _groups(bone_svg({"aggressive_periosteal_reaction": "present"}))[
        "bone-aggressive_periosteal_reaction"]
    # solid: a filled layer; aggressive: lamellae (dashed lines), spicules and a triangle
    assert any(e.get("fill") not in (None, "none") for e in solid if e.tag == f"{SVG}polygon")
    assert any(e.get("stroke-dasharray") for e in aggressive)
    assert sum(e.tag == f"{SVG}polyline" for e in aggressive) > 10


def test_the_lesion_reaches_as_far_as_the_picture_says():
    def right_end(picture):
        group = _groups(bone_svg(picture))["bone-intramedullary_sclerosis"]
        points = group.find(f"{SVG}polygon").get("points")
        return max(float(p.split(",")[0]) for p in points.split())

    shaft = right_end({"intramedullary_sclerosis": "present"})
    metaphysis = right_end({"intramedullary_sclerosis": "present", "metaphysis_extension": "present"})
    epiphysis = right_end({"intramedullary_sclerosis": "present", "epiphysis_extension": "present"})
    assert shaft <= 380 < metaphysis <= 460 < epiphysis  # diaphysis, metaphysis, epiphysis


def test_an_enlarged_bone_is_wider_than_its_dashed_normal_outline():
    def height(svg):
        outline = _groups(svg)["bone-anatomy"].find(f"{SVG}polygon").get("points")
        ys = [float(p.split(",")[1]) for p in outline.split()]
        return max(ys) - min(ys)

    enlarged = bone_svg({"bone_enlargement": "present"})
    assert height(enlarged) > 1.15 * height(bone_svg({}))
    assert _groups(enlarged)["bone-bone_enlargement"].find(f"{SVG}polygon").get("stroke-dasharray")


def test_the_serpiginous_rim_is_a_double_line():
    group = _groups(bone_svg({"double_line_sign": "present"}))["bone-double_line_sign"]
    assert len([e for e in group if e.tag == f"{SVG}polygon"]) >= 2


def test_text_in_labels_is_escaped():
    svg = bone_svg({"nidus": "present"}, {"nidus": "<img src=x onerror=alert(1)>"})
    assert "<img" not in svg and "&lt;img" in svg
    ET.fromstring(svg)  # still well-formed


@pytest.mark.parametrize("picture", [{}, {f: "present" for f in drawable_findings()}])
def test_the_png_is_drawn_at_the_drawings_size_and_differs_with_findings(picture):
    data = bone_png(picture, scale=2)
    with Image.open(io.BytesIO(data)) as image:
        drawing = bone_drawing(picture)
        assert image.size == (round(drawing.width * 2), round(drawing.height * 2))
        assert image.format == "PNG" and not image.info.get("exif")
    assert bone_png({"soft_tissue_mass": "present"}) != bone_png({})


def test_the_palette_is_the_apps():
    from components.charts import palette

    assert bone.BONE_COLOUR == palette.BONE_COLOUR and bone.BONE_OUTLINE == palette.BONE_OUTLINE
    assert bone.VERMILLION == palette.OKABE_ITO["vermillion"]
    assert bone.REDDISH_PURPLE == palette.OKABE_ITO["reddish_purple"]
    assert bone.BLUE == palette.OKABE_ITO["blue"] and bone.ORANGE == palette.OKABE_ITO["orange"]
    assert bone.DARK_TEXT == palette.DARK_TEXT


def test_a_new_drawn_finding_is_one_registered_function():
    @bone.draws("cortical_breach_test_only", "Cortical breach")
    def _breach(geometry):
        return bone.Drawn((bone.Poly(((260, 100), (270, 110)), bone.Style(stroke="#000000"),
                                     closed=False),), (), (260, 95))
    try:
        svg = bone_svg({"cortical_breach_test_only": "present"})
        assert _findings_drawn(svg) == {"cortical_breach_test_only"}
        assert re.search(r'id="bone-cortical_breach_test_only"', svg)
    finally:
        del bone.DRAWERS["cortical_breach_test_only"]


# --- the radiological conventions, finding by finding --------------------------------------
# Each test below fails when its element is not drawn, or drawn against the convention.

PRESENT = "present"


def _drawn(finding: str, **others: str) -> bone.Drawn:
    picture = {finding: PRESENT, **others}
    return bone.DRAWERS[finding].draw(bone.Bone(picture, enlarged="bone_enlargement" in picture))


def _points(shapes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for shape in shapes:
        if isinstance(shape, bone.Poly):
            points += shape.points
        elif isinstance(shape, bone.Ellipse):
            points += [(shape.cx - shape.rx, shape.cy), (shape.cx + shape.rx, shape.cy),
                       (shape.cx, shape.cy - shape.ry), (shape.cx, shape.cy + shape.ry)]
    return points


def _radius(geometry: bone.Bone, point) -> float:
    """How far a lengthwise point lies from the bone's axis."""
    x, y = point
    return abs(y - geometry.axis(x))


def _case_pictures() -> dict[str, dict[str, str]]:
    findings = load_case_series().findings
    return {str(case): dict(zip(rows["finding_id"], rows["value"]))
            for case, rows in findings.groupby("case_id")}


INSIDE_THE_BONE = ("cortical_thickening", "medullary_narrowing", "intramedullary_sclerosis",
                   "lucent_cavity", "sequestrum", "lytic_component", "double_line_sign",
                   "linear_lucency", "nidus")
ON_THE_PERIOSTEUM = ("periosteal_reaction", "solid_periosteal_new_bone",
                     "extensive_periosteal_new_bone", "aggressive_periosteal_reaction",
                     "flowing_cortical_hyperostosis")


@pytest.mark.parametrize("finding", INSIDE_THE_BONE)
def test_an_intramedullary_or_endosteal_finding_leaves_the_periosteal_surface_alone(finding):
    drawn = _drawn(finding)
    normal = bone.Bone({})
    assert drawn.along
    assert all(_radius(normal, p) <= normal.outer(p[0]) + 0.01 for p in _points(drawn.along))


@pytest.mark.parametrize("finding", ON_THE_PERIOSTEUM)
def test_a_periosteal_finding_is_drawn_outside_the_cortex(finding):
    drawn = _drawn(finding)
    normal = bone.Bone({})
    assert any(_radius(normal, p) > normal.outer(p[0]) + 2 for p in _points(drawn.along))


@pytest.mark.parametrize("case", sorted(_case_pictures()))
def test_the_papers_cases_show_medullary_sclerosis_inside_an_unchanged_outer_surface(case):
    """IMOS: endosteal new bone and medullary sclerosis, no (extensive) periosteal new bone
    (Abe et al. 2020, Background and Discussion): the outer contour stays the normal one."""
    picture = _case_pictures()[case]
    shown = bone.drawn_findings(picture)
    assert "intramedullary_sclerosis" in shown
    geometry = bone.Bone(picture)
    normal = bone.Bone({})
    for finding in shown:
        for point in _points(bone.DRAWERS[finding].draw(geometry).along):
            assert _radius(normal, point) <= normal.outer(point[0]) + 0.01, finding
    anatomy = _groups(bone_svg(picture))["bone-anatomy"].find(f"{SVG}polygon").get("points")
    assert anatomy == _groups(bone_svg({}))["bone-anatomy"].find(f"{SVG}polygon").get("points")


def test_cortical_thickening_is_laid_inside_the_cortex_and_narrows_the_canal():
    drawn = _drawn("cortical_thickening")
    geometry = bone.Bone({"cortical_thickening": PRESENT})
    normal = bone.Bone({})
    for point in _points(drawn.along):
        r = _radius(geometry, point)
        assert geometry.endosteum(point[0]) - 0.01 <= r <= normal.inner(point[0]) + 0.01
    assert geometry.endosteum(bone.CUT) < normal.inner(bone.CUT) - 2
    assert geometry.cross_endosteum < normal.cross_inner and geometry.cross_outer == normal.cross_outer
    assert all(s.style.fill == bone.ADDED_BONE for s in drawn.along)
    assert drawn.points_to is not None  # a thin band: its number points at it


def test_medullary_sclerosis_fills_the_canal_and_fades_out_at_its_ends():
    drawn = _drawn("intramedullary_sclerosis", medullary_narrowing=PRESENT)
    geometry = bone.Bone({"intramedullary_sclerosis": PRESENT, "medullary_narrowing": PRESENT})
    layers = [s for s in drawn.along if isinstance(s, bone.Poly)]
    assert len(layers) >= 3 and all(s.style.fill == bone.SCLEROSIS for s in layers)
    assert [s.style.opacity for s in layers] == sorted(s.style.opacity for s in layers)
    spans = [max(x for x, _ in s.points) - min(x for x, _ in s.points) for s in layers]
    assert spans == sorted(spans, reverse=True)  # the faintest reaches furthest
    for layer in layers:
        assert all(_radius(geometry, p) <= geometry.canal(p[0]) + 0.01 for p in layer.points)
    densest = layers[-1].points
    top = sorted(densest[: len(densest) // 2])
    at_cut = max(_radius(geometry, p) for p in top if abs(p[0] - bone.CUT) < 6)
    assert at_cut >= geometry.canal(bone.CUT) - 0.5  # wall to wall at the cut
    widths = [_radius(geometry, p) for p in top[:5]]
    assert widths[0] < 0.05 * at_cut and widths == sorted(widths)  # rounded off, not a plug
    assert all(_radius(geometry, p) < 0.5 * at_cut
               for p in layers[0].points if p[0] == min(x for x, _ in layers[0].points))


def test_a_narrowed_canal_is_measured_wall_to_wall_in_blue():
    drawn = _drawn("medullary_narrowing")
    geometry = bone.Bone({"medullary_narrowing": PRESENT})
    normal = bone.Bone({})
    (line,) = [s for s in drawn.along if isinstance(s, bone.Poly) and not s.closed
               and s.style.stroke == bone.BLUE]
    (x, y0), (_, y1) = line.points
    assert abs(abs(y1 - y0) / 2 - geometry.canal(x)) < 0.01
    assert geometry.canal(x) < normal.inner(x) - 2
    (across,) = [s for s in drawn.across if isinstance(s, bone.Poly) and not s.closed
                 and s.style.stroke == bone.BLUE]
    (ax0, _), (ax1, _) = across.points
    assert abs(abs(ax1 - ax0) / 2 - geometry.cross_canal) < 0.01


def test_the_tones_are_keyed_and_the_drawing_uses_them():
    svg = bone_svg({"intramedullary_sclerosis": PRESENT, "cortical_thickening": PRESENT,
                    "lucent_cavity": PRESENT})
    groups = _groups(svg)
    legend = groups["bone-legend"]
    words = " ".join(t.text for t in legend.iter(f"{SVG}text"))
    for tone in ("marrow", "cortex", "added bone", "darker = denser", "lucent"):
        assert tone in words
    swatches = {e.get("fill") for e in legend.iter(f"{SVG}polygon")}
    assert swatches == {bone.MARROW, bone.BONE_COLOUR, bone.ADDED_BONE, bone.SCLEROSIS, bone.LUCENT}
    fills = lambda g: {e.get("fill") for e in groups[g] if e.tag != f"{SVG}title"}
    assert bone.SCLEROSIS in fills("bone-intramedullary_sclerosis")
    assert bone.ADDED_BONE in fills("bone-cortical_thickening")
    assert bone.LUCENT in fills("bone-lucent_cavity")
    assert "bone-legend" in _groups(bone_svg({}))  # on a normal bone too


FOCAL_AT_THE_CUT = ("nidus", "lucent_cavity", "sequestrum", "cortical_breach", "lytic_component",
                    "double_line_sign")


@pytest.mark.parametrize("finding", FOCAL_AT_THE_CUT)
def test_a_focal_lesion_in_the_cross_section_lies_at_the_dashed_line(finding):
    drawn = _drawn(finding)
    xs = [x for x, _ in _points(drawn.along)]
    assert drawn.across and min(xs) <= bone.CUT <= max(xs)


@pytest.mark.parametrize("finding", ["paraosseous_ossified_mass", "fracture_line", "linear_lucency"])
def test_a_lesion_away_from_the_dashed_line_is_not_in_the_cross_section(finding):
    drawn = _drawn(finding)
    assert drawn.along and not drawn.across
    assert all(abs(x - bone.CUT) > 20 for x, _ in _points(drawn.along))


def test_the_nidus_lies_in_the_cortex_in_both_views():
    drawn = _drawn("nidus", cortical_thickening=PRESENT)
    geometry = bone.Bone({"nidus": PRESENT, "cortical_thickening": PRESENT})
    core = [s for s in drawn.along if isinstance(s, bone.Ellipse) and s.style.fill == bone.LUCENT]
    (core,) = core
    r = core.cy - geometry.axis(core.cx)
    assert geometry.endosteum(core.cx) < r < geometry.outer(core.cx) and abs(core.cx - bone.CUT) < 1
    (cross,) = [s for s in drawn.across if s.style.fill == bone.LUCENT]
    assert geometry.cross_endosteum < cross.cy - bone.CROSS[1] < geometry.cross_outer


def test_the_serpiginous_rim_is_a_long_winding_dense_line_round_fat_marrow():
    rim, inner = _drawn("double_line_sign").along
    assert rim.style.stroke == bone.SCLEROSIS and rim.style.fill == bone.MARROW
    assert inner.style.stroke == bone.ORANGE and inner.style.stroke != rim.style.stroke
    xs = [x for x, _ in rim.points]
    ys = [y for _, y in rim.points]
    assert max(xs) - min(xs) >= 3 * (max(ys) - min(ys))  # along the canal, not a star
    top = [y for x, y in rim.points[: len(rim.points) // 2]]
    turns = sum((b - a) * (c - b) < 0 for a, b, c in zip(top, top[1:], top[2:]))
    assert turns >= 4  # it winds


def test_an_aggressive_periosteal_reaction_shows_codman_onion_skin_and_spicules_apart():
    drawn = _drawn("aggressive_periosteal_reaction")
    triangles = [s for s in drawn.along if isinstance(s, bone.Poly) and s.closed and len(s.points) == 3]
    lamellae = [s for s in drawn.along if isinstance(s, bone.Poly) and not s.closed and s.style.dash]
    spicules = [s for s in drawn.along if isinstance(s, bone.Poly) and not s.closed
                and not s.style.dash]
    assert len(triangles) == 1 and triangles[0].style.fill == bone.REACTIVE  # Codman
    assert len(lamellae) >= 2 and len(spicules) >= 6
    codman_end = max(x for x, _ in triangles[0].points)
    lamellae_x = [x for s in lamellae for x, _ in s.points]
    assert codman_end <= min(lamellae_x)
    for spicule in spicules:  # at right angles to the cortex, beyond the lamellae
        (x0, _), (x1, _) = spicule.points
        assert x0 == x1 and x0 > max(lamellae_x)


def test_solid_periosteal_new_bone_is_mature_bone_on_the_outer_surface():
    (layer,) = _drawn("solid_periosteal_new_bone").along
    assert layer.style.fill == bone.ADDED_BONE and layer.style.fill != bone.REACTIVE
    assert layer.style.stroke == bone.VERMILLION and not layer.style.dash
    normal = bone.Bone({})
    assert all(_radius(normal, p) >= normal.outer(p[0]) - 0.01 for p in layer.points)


def test_thick_periosteal_new_bone_is_drawn_all_round():
    drawn = _drawn("extensive_periosteal_new_bone")
    normal = bone.Bone({})
    beyond = [p for p in _points(drawn.along) if _radius(normal, p) > normal.outer(p[0]) + 5]
    assert any(y < bone.CY for _, y in beyond) and any(y > bone.CY for _, y in beyond)
    assert any(isinstance(s, bone.Ellipse) and s.rx > normal.cross_outer for s in drawn.across)


def test_flowing_hyperostosis_runs_down_one_side_in_unequal_drips():
    (flow,) = _drawn("flowing_cortical_hyperostosis").along
    geometry = bone.Bone({})
    assert all(y <= geometry.axis(x) for x, y in flow.points)  # one side only
    assert flow.style.fill == bone.SCLEROSIS  # dense bone
    heights = [geometry.top(x, geometry.surface(x)) - y for x, y in flow.points]
    crests = [b for a, b, c in zip(heights, heights[1:], heights[2:]) if b > a and b >= c]
    assert len(crests) >= 4 and max(crests) - min(crests) > 4


@pytest.mark.parametrize("cavity", [False, True])
def test_a_cortical_breach_is_a_lucent_gap_through_the_whole_cortex(cavity):
    others = {"lucent_cavity": PRESENT} if cavity else {}
    drawn = _drawn("cortical_breach", **others)
    geometry = bone.Bone({"cortical_breach": PRESENT, **others})
    gaps = [s for s in drawn.along if isinstance(s, bone.Poly) and s.style.fill == bone.LUCENT]
    (gap,) = gaps
    radii = [_radius(geometry, p) for p in gap.points]
    assert min(radii) < geometry.inner(bone.CUT) and max(radii) >= geometry.outer(bone.CUT)
    if cavity:  # from the cavity out (a cloaca)
        assert min(radii) < geometry.canal(bone.CUT) - 4
    assert any(s.style.fill == bone.LUCENT for s in drawn.across)


def test_lytic_areas_are_several_ill_defined_lucent_holes():
    drawn = _drawn("lytic_component")
    holes = [s for s in drawn.along if isinstance(s, bone.Poly) and s.style.fill == bone.LUCENT]
    assert len(holes) >= 3
    assert all(s.style.dash and s.style.stroke != bone.SCLEROSIS for s in holes)  # no rim
    assert len([s for s in drawn.across if s.style.fill == bone.LUCENT]) >= 2


def test_a_fracture_line_is_a_lucent_crack_through_the_cortex():
    drawn = _drawn("fracture_line")
    geometry = bone.Bone({"fracture_line": PRESENT})
    lucent = [s for s in drawn.along if s.style.stroke == bone.LUCENT]
    assert lucent and any(s.style.stroke == bone.DARK_TEXT for s in drawn.along)
    radii = [_radius(geometry, p) for p in lucent[0].points]
    assert min(radii) < geometry.inner(lucent[0].points[0][0]) and max(radii) >= geometry.outer(330) - 0.01


def test_a_linear_lucency_stays_inside_the_canal():
    drawn = _drawn("linear_lucency")
    geometry = bone.Bone({"linear_lucency": PRESENT})
    lucent = [s for s in drawn.along if s.style.stroke == bone.LUCENT]
    assert lucent
    assert all(_radius(geometry, p) < geometry.canal(p[0]) for p in lucent[0].points)


def test_an_ossified_mass_lies_apart_from_the_bone():
    drawn = _drawn("paraosseous_ossified_mass")
    geometry = bone.Bone({})
    assert drawn.along
    assert all(_radius(geometry, p) > geometry.surface(p[0]) + 1 for p in _points(drawn.along))


def test_the_numbers_on_the_bone_do_not_cover_one_another():
    drawing = bone_drawing({f: PRESENT for f in drawable_findings()})
    (key,) = [g for g in drawing.groups if g.ident == "bone-key"]
    centres = [(s.cx, s.cy) for s in key.shapes
               if isinstance(s, bone.Ellipse) and s.cy < bone.KEY_TOP - ROW_GAP]
    assert len(centres) == len(drawable_findings())
    for i, (x0, y0) in enumerate(centres):
        for x1, y1 in centres[i + 1:]:
            assert ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 >= 2 * bone.NUMBER_R


ROW_GAP = 16


@pytest.mark.parametrize("finding", [f for f in drawable_findings() if bone.DRAWERS[f].cue])
def test_a_label_from_the_catalogue_keeps_the_cue_to_where_it_is_drawn(finding):
    key = "".join(t.text or "" for t in
                  _groups(bone_svg({finding: PRESENT}, LABELS))["bone-key"].iter(f"{SVG}text"))
    assert LABELS[finding] in key and bone.DRAWERS[finding].cue in key
    assert bone.DRAWERS[finding].cue not in bone_description({finding: PRESENT}, LABELS)
