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
                "bone_enlargement", "soft_tissue_mass"}
    assert expected <= set(drawable_findings())


def test_a_bone_without_findings_is_drawn_normal_and_labelled_schematic():
    svg = bone_svg({})
    assert _findings_drawn(svg) == set()
    assert "SCHEMATIC, not to scale" in svg
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
