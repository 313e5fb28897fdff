"""The findings matrix shows a package's images under the matrix, by case and examination,
with caption, credit and licence; a package without images shows no such section."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.shell.session_keys import UPLOADED_SERIES
from imos.data import MemorySource, load_case_series
from tests.conftest import REPO
from tests.unit.test_upload_images import package_files, png


def _matrix(series=None) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    if series is not None:
        at.session_state[UPLOADED_SERIES] = series
    at.run()
    at.switch_page("app_pages/findings_matrix.py")
    return at.run()


def _images(at: AppTest) -> list:
    return [e for e in at.main if getattr(e, "type", "") == "image"]


def test_a_packages_image_is_shown_under_the_matrix_with_its_credit():
    series = load_case_series(MemorySource(package_files(png())))
    at = _matrix(series)
    assert not at.exception
    assert "Images of these cases" in [s.value for s in at.subheader]
    assert "**Case 2 · X\\-ray**" in [m.value for m in at.markdown]  # the radiograph's label
    (shown,) = _images(at)
    caption = shown.proto.imgs[0].caption  # one image, its caption
    assert caption == "Femur radiograph — Abe et al. 2020 Fig. 2a (CC BY 4.0)"


def test_no_image_section_without_images_or_when_its_case_is_not_shown():
    at = _matrix()
    assert not at.exception and not _images(at)
    assert "Images of these cases" not in [s.value for s in at.subheader]
    series = load_case_series(MemorySource(package_files(png())))
    at = _matrix(series)
    at.pills(key="matrix_cases").set_value(["1", "3"]).run()
    assert not at.exception and not _images(at)
