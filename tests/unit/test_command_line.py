"""`python -m imos slides` and `python -m imos handout` build the files the app builds, and
say plainly what is wrong with a bad case or package."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from pypdf import PdfReader

from components.files.handout_download import as_html, as_pdf, walkthrough_handout
from components.files.slides_download import case_title, walkthrough_deck
from imos.__main__ import main
from imos.data import load_case_series
from imos.reasoning.engine import default_knowledge
from imos.teaching.walkthrough import walkthrough
from tests.conftest import REPO

pytestmark = pytest.mark.slow  # builds whole decks and PDFs: the full run, not the fast loop

SERIES = load_case_series()
KNOWLEDGE = default_knowledge()
DIAGNOSES = dict(zip(KNOWLEDGE.diagnoses["diagnosis_id"], KNOWLEDGE.diagnoses["label"]))
ADDRESS = "https://imos.example.org/walkthrough"


def _parts(pptx: bytes) -> dict[str, bytes]:
    """The package's parts (the zip's own timestamps differ from one build to the next)."""
    with zipfile.ZipFile(io.BytesIO(pptx)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def test_slides_from_the_command_line_are_the_apps_slides(tmp_path):
    out = tmp_path / "deck.pptx"
    assert main(["slides", "--case", "2", "--out", str(out), "--address", ADDRESS]) == 0
    case = SERIES.cases.set_index("case_id").loc["2"]
    steps = walkthrough(SERIES, "2", KNOWLEDGE)
    app = walkthrough_deck(SERIES, "2", case_title(case), steps, DIAGNOSES, ADDRESS, KNOWLEDGE)
    assert _parts(out.read_bytes()) == _parts(app)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_pdf_handout_from_the_command_line_is_the_apps(tmp_path, paper):
    out = tmp_path / "handout.pdf"
    assert main(["handout", "--case", "2", "--pdf", "--paper", paper, "--out", str(out)]) == 0
    steps = walkthrough(SERIES, "2", KNOWLEDGE)
    app = as_pdf(walkthrough_handout("Case 2", steps, len(steps), SERIES, "2", DIAGNOSES, [],
                                     None, "png"), paper)
    assert _pdf_pages(out.read_bytes()) == _pdf_pages(app)


def test_the_html_handout_from_the_command_line_is_the_apps(tmp_path):
    out = tmp_path / "handout.html"
    assert main(["handout", "--case", "3", "--out", str(out), "--address", ADDRESS]) == 0
    steps = walkthrough(SERIES, "3", KNOWLEDGE)
    link = f"{ADDRESS}?case=3&step={len(steps)}"
    app = as_html(walkthrough_handout("Case 3", steps, len(steps), SERIES, "3", DIAGNOSES, [],
                                      link, "svg"))
    assert out.read_text(encoding="utf-8") == app


def test_a_package_as_a_zip_builds_the_same_deck(tmp_path):
    folder = tmp_path / "package"
    shutil.copytree(REPO / "data" / "abe2020", folder)
    archive = shutil.make_archive(str(tmp_path / "package"), "zip", folder)
    from_zip, shipped = tmp_path / "zip.pptx", tmp_path / "shipped.pptx"
    assert main(["slides", "--case", "1", "--out", str(from_zip), "--series", archive]) == 0
    assert main(["slides", "--case", "1", "--out", str(shipped)]) == 0
    assert _parts(from_zip.read_bytes()) == _parts(shipped.read_bytes())


def test_a_case_that_is_not_there_is_named_with_the_ones_that_are(tmp_path, capsys):
    assert main(["slides", "--case", "9", "--out", str(tmp_path / "x.pptx")]) == 2
    error = capsys.readouterr().err
    assert "no case '9'" in error and "1, 2, 3" in error
    assert not (tmp_path / "x.pptx").exists()


def test_a_broken_package_says_what_is_wrong(tmp_path, capsys):
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["handout", "--case", "1", "--pdf", "--out", str(tmp_path / "h.pdf"),
                 "--series", str(broken)]) == 1
    error = capsys.readouterr().err
    assert "is not a valid data package" in error and "Traceback" not in error
    assert main(["slides", "--case", "1", "--out", str(tmp_path / "x.pptx"),
                 "--series", str(tmp_path / "missing")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_an_unwritable_output_is_a_message_not_a_traceback(tmp_path, capsys):
    assert main(["handout", "--case", "1", "--out", str(tmp_path / "no" / "such" / "h.html")]) == 1
    assert "cannot be written" in capsys.readouterr().err
