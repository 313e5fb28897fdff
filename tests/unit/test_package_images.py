"""Images in a data package: checked with Pillow, bounded, written anew without metadata,
shown at their stage; a broken, oversized or misnamed image is a plain problem."""

from __future__ import annotations

import io
import shutil

import pytest
from PIL import Image, PngImagePlugin
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from imos.data import DataFileError, load_case_series
from imos.dataset.images import MAX_IMAGE_BYTES, MAX_IMAGE_SIDE, clean_image
from tests.conftest import REPO

HEADER = "case_id,examination_id,file,caption,credit,licence\n"


def _png(size=(320, 200), text: dict | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(buffer, "PNG", pnginfo=info)
    return buffer.getvalue()


def _jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"          # Make
    exif[0x8825] = {1: "N", 2: (35.0, 41.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    Image.new("RGB", (200, 120), (10, 120, 200)).save(buffer, "JPEG", exif=exif,
                                                      comment=b"patient: Jane Doe")
    return buffer.getvalue()


def _package(tmp_path, rows: str, files: dict[str, bytes]):
    folder = tmp_path / "package"
    shutil.copytree(REPO / "data" / "abe2020", folder)
    (folder / "images").mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "images.csv").write_text(HEADER + rows, encoding="utf-8")
    return folder


def _problems(folder) -> list[str]:
    with pytest.raises(DataFileError) as error:
        load_case_series(folder)
    return [str(p) for p in error.value.problems]


def test_a_package_with_images_loads_them_without_their_metadata(tmp_path):
    folder = _package(tmp_path, "2,radiograph,images/case2-xray.png,Femur radiograph,"
                                "Abe et al. 2020 Fig. 2a,CC BY 4.0\n"
                                "2,mri,images/case2-mri.jpg,STIR,Abe et al. 2020 Fig. 2d,CC BY 4.0\n",
                      {"images/case2-xray.png": _png(text={"Author": "Dr X", "GPS": "35N"}),
                       "images/case2-mri.jpg": _jpeg_with_exif()})
    series = load_case_series(folder)
    png, jpeg = series.images
    assert (png.case_id, png.examination_id, png.mime, png.width) == ("2", "radiograph",
                                                                      "image/png", 320)
    with Image.open(io.BytesIO(png.data)) as image:
        assert "Author" not in image.info and "GPS" not in image.info
    with Image.open(io.BytesIO(jpeg.data)) as image:
        assert not image.getexif() and "comment" not in image.info and image.format == "JPEG"
    assert b"Jane Doe" not in jpeg.data and b"CameraMaker" not in jpeg.data


@pytest.mark.parametrize(("name", "data", "words"), [
    ("images/broken.png", b"\x89PNG\r\n\x1a\n not really", "not a readable PNG or JPEG"),
    ("images/cut.png", _png()[:200], "not a readable PNG or JPEG"),
    ("images/big.png", b"\x89PNG" + bytes(MAX_IMAGE_BYTES), f"larger than {MAX_IMAGE_BYTES:,}"),
    ("images/wide.png", _png(size=(MAX_IMAGE_SIDE + 1, 10)), "at most 4096 a side"),
])
def test_a_broken_or_oversized_image_is_a_plain_problem(tmp_path, name, data, words):
    folder = _package(tmp_path, f"2,radiograph,{name},c,credit,CC BY 4.0\n", {name: data})
    problems = _problems(folder)
    assert len(problems) == 1 and words in problems[0] and "images.csv" in problems[0]
    assert "row 1" in problems[0] or "1" in problems[0]


def test_a_gif_is_refused_by_its_kind(tmp_path):
    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    folder = _package(tmp_path, "2,radiograph,images/a.png,c,credit,CC BY 4.0\n",
                      {"images/a.png": buffer.getvalue()})
    assert "use PNG or JPEG" in _problems(folder)[0]


@pytest.mark.parametrize(("row", "words"), [
    ("2,radiograph,../series.yaml,c,credit,CC BY 4.0", "inside the images/ folder"),
    ("2,radiograph,images/../../etc/passwd.png,c,credit,CC BY 4.0", "inside the images/ folder"),
    ("2,radiograph,images/missing.png,c,credit,CC BY 4.0", "is not in the package"),
    ("9,radiograph,images/a.png,c,credit,CC BY 4.0", "no case '9'"),
    ("2,xray,images/a.png,c,credit,CC BY 4.0", "no examination 'xray'"),
    ("2,radiograph,images/a.png,c,credit,", "licence"),
])
def test_a_bad_row_names_its_field(tmp_path, row, words):
    folder = _package(tmp_path, row + "\n", {"images/a.png": _png()})
    problems = _problems(folder)
    assert any(words in p for p in problems), problems


def test_decompression_bombs_are_refused_before_decoding():
    buffer = io.BytesIO()
    Image.new("1", (MAX_IMAGE_SIDE * 3, MAX_IMAGE_SIDE * 3)).save(buffer, "PNG")
    with pytest.raises(ValueError, match="a side"):
        clean_image(buffer.getvalue())


@pytest.mark.slow
def test_the_deck_puts_a_packages_image_on_its_stage(tmp_path):
    from imos.__main__ import main

    folder = _package(tmp_path, "2,radiograph,images/case2-xray.png,Femur radiograph,"
                                "Abe et al. 2020 Fig. 2a,CC BY 4.0\n",
                      {"images/case2-xray.png": _png()})
    out = tmp_path / "deck.pptx"
    assert main(["slides", "--case", "2", "--series", str(folder), "--out", str(out)]) == 0
    image = load_case_series(folder).images[0].data
    for slide in Presentation(str(out)).slides:
        blobs = [s.image.blob for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        on_stage = slide.shapes.title.text_frame.text == "3. Radiograph and CT: what is found"
        assert (image in blobs) == on_stage


@pytest.mark.slow
def test_the_handouts_show_a_packages_image_with_its_credit(tmp_path):
    from pypdf import PdfReader

    from imos.__main__ import main

    folder = _package(tmp_path, "2,radiograph,images/case2-xray.png,Femur radiograph,"
                                "Abe et al. 2020 Fig. 2a,CC BY 4.0\n",
                      {"images/case2-xray.png": _png(size=(400, 300))})
    pdf, page = tmp_path / "h.pdf", tmp_path / "h.html"
    assert main(["handout", "--case", "2", "--pdf", "--series", str(folder), "--out", str(pdf)]) == 0
    assert main(["handout", "--case", "2", "--series", str(folder), "--out", str(page)]) == 0
    reader = PdfReader(str(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Femur radiograph" in text and "Abe et al. 2020 Fig. 2a" in text
    sizes = [(i.image.width, i.image.height) for p in reader.pages for i in p.images]
    assert (400, 300) in sizes
    assert len(reader.pages) <= 4
    html_text = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in html_text and "Abe et al. 2020 Fig. 2a (CC BY 4.0)" in html_text
