"""The upload page: hostile packages give a list of problems, never an exception; the
session's upload budget; files dropped from the server's memory once read."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.synthetic import synthetic_zip
from components.shell.session_keys import UPLOADED_SERIES
from components.files.upload_box import SESSION_FILES
from tests.conftest import REPO
from tests.packages import EDGE, HOSTILE, mutated_packages


def _upload_page() -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    at.switch_page("app_pages/upload.py")
    return at.run()


def _send(at: AppTest, uploads) -> AppTest:
    at.file_uploader[0].set_value([(name, data, "application/octet-stream")
                                   for name, data in uploads]).run()
    return at


def _check(at: AppTest, uploads) -> AppTest:
    _send(at, uploads)
    at.button(key="pkg_load").click().run()
    return at


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_package_is_refused_on_the_page(name):
    uploads, phrase = HOSTILE[name]
    at = _check(_upload_page(), uploads)
    assert not at.exception
    assert "The package was not loaded" in at.error[0].value
    assert phrase in at.code[0].value
    assert UPLOADED_SERIES not in at.session_state


@pytest.mark.parametrize("name", sorted(EDGE))
def test_an_edge_package_loads_on_the_page(name):
    at = _check(_upload_page(), list(EDGE[name]().items()))
    assert not at.exception and not at.error
    assert "Loaded SYNTHETIC" in at.success[0].value


def test_mutated_packages_never_break_the_page():
    at = _upload_page()
    for number, uploads in mutated_packages(12, seed=7):
        at = _check(at, uploads) if number % 4 else _check(_upload_page(), uploads)
        assert not at.exception, number
        assert at.error or at.success, number


def test_files_read_are_dropped_from_the_server_and_the_box():
    at = _check(_upload_page(), [("p.zip", synthetic_zip(2))])
    assert "Loaded SYNTHETIC" in at.success[0].value
    assert at.file_uploader[0].value in (None, [])  # a new, empty box
    assert at.file_uploader[0].key != "pkg_files_0"


def test_a_session_over_its_budget_is_refused_and_the_files_dropped():
    at = _upload_page()
    many = [(f"f{i}.csv", b"x") for i in range(SESSION_FILES + 1)]
    _send(at, many)
    assert not at.exception
    assert "not kept" in at.error[0].value and "20 files" in at.error[0].value
    assert at.button(key="pkg_load").disabled
    assert at.file_uploader[0].disabled  # the allowance is spent
    assert any("upload allowance" in w.value for w in at.warning)


def test_the_budget_is_stated_on_the_page():
    at = _upload_page()
    assert any("at most 20 files and 20 MB" in c.value for c in at.caption)


def test_a_zip_with_an_image_loads_on_the_page_and_a_broken_one_is_named():
    from tests.unit.test_upload_images import package_files, png, zipped

    at = _check(_upload_page(), [("pkg.zip", zipped(package_files(png())))])
    assert not at.exception and at.success
    assert [i.name for i in at.session_state[UPLOADED_SERIES].images] == ["images/case2-xray.png"]
    at = _check(_upload_page(), [("pkg.zip", zipped(package_files(b"\x89PNG broken")))])
    assert not at.exception and not at.success and at.error
    assert "images/case2-xray.png: the file is not a readable PNG or JPEG" in at.code[0].value
