"""A data package uploaded as a zip or as loose files carries its images/ folder: each image
is checked like a folder package's, and a broken or oversized one is a plain problem."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from imos.dataset.images import MAX_IMAGE_BYTES
from imos.dataset.uploads import load_package, read_package
from tests.conftest import REPO

ROW = "2,radiograph,images/case2-xray.png,Femur radiograph,Abe et al. 2020 Fig. 2a,CC BY 4.0\n"
IMAGES_CSV = "case_id,examination_id,file,caption,credit,licence\n" + ROW


def png(size=(320, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(buffer, "PNG")
    return buffer.getvalue()


def package_files(image: bytes, csv: str = IMAGES_CSV) -> dict[str, bytes]:
    """The shipped series' files, an images.csv and one image under images/."""
    files = {p.name: p.read_bytes() for p in (REPO / "data" / "abe2020").iterdir() if p.is_file()
             and p.suffix in (".yaml", ".csv")}
    files["images.csv"] = csv.encode()
    files["images/case2-xray.png"] = image
    return files


def zipped(files: dict[str, bytes], folder: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
    return buffer.getvalue()


def _load(uploads):
    source, problems, ignored = read_package(uploads)
    series, problems = load_package(source, problems)
    return series, [str(p) for p in problems], ignored


@pytest.mark.parametrize("folder", ["", "my-package/"])
def test_a_zip_with_an_image_loads_it(folder):
    series, problems, ignored = _load([("pkg.zip", zipped(package_files(png()), folder))])
    assert problems == [] and series is not None
    (image,) = series.images
    assert (image.case_id, image.examination_id, image.name, image.width) == (
        "2", "radiograph", "images/case2-xray.png", 320)
    assert "case2-xray.png" not in " ".join(ignored)


def test_loose_files_with_an_image_load_it():
    files = package_files(png())
    uploads = [(name.removeprefix("images/"), data) for name, data in files.items()]
    series, problems, _ = _load(uploads)
    assert problems == [] and [i.name for i in series.images] == ["images/case2-xray.png"]


def test_a_broken_image_in_a_zip_is_a_plain_problem_naming_the_file():
    series, problems, _ = _load([("pkg.zip", zipped(package_files(b"\x89PNG\r\n\x1a\n broken")))])
    assert series is None and len(problems) == 1
    assert "images.csv" in problems[0] and "images/case2-xray.png" in problems[0]
    assert "not a readable PNG or JPEG" in problems[0] and "Traceback" not in problems[0]


def test_an_oversized_image_in_a_zip_is_a_plain_problem_naming_the_file():
    big = b"\x89PNG" + bytes(MAX_IMAGE_BYTES)
    series, problems, _ = _load([("pkg.zip", zipped(package_files(big)))])
    assert series is None and len(problems) == 1
    assert "case2-xray.png" in problems[0] and f"larger than {MAX_IMAGE_BYTES:,}" in problems[0]


def test_an_image_outside_an_images_folder_is_ignored_not_loaded():
    files = package_files(png())
    files["elsewhere/stray.png"] = png()
    series, problems, ignored = _load([("pkg.zip", zipped(files))])
    assert problems == [] and "stray.png" in ignored and len(series.images) == 1
