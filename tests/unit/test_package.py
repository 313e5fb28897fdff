"""Uploaded packages: zip or loose files, limits, and the `python -m imos validate` command."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from bench.synthetic import synthetic_files, synthetic_zip
from imos.__main__ import main
from imos.data import DataFileError, MemorySource, load_case_series, load_catalogue
from imos.dataset.uploads import MAX_PACKAGE_BYTES, read_package


def _zip(files: dict[str, bytes], folder: str = "pkg/") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(folder + name, data)
    return buffer.getvalue()


def test_a_zip_with_a_folder_inside_loads():
    source, problems, ignored = read_package([("mine.zip", synthetic_zip(2))])
    assert problems == [] and ignored == []
    assert len(load_case_series(source).cases) == 2


def test_loose_files_load_and_strangers_are_ignored():
    uploads = list(synthetic_files(2).items()) + [("notes.txt", b"hello")]
    source, problems, ignored = read_package(uploads)
    assert problems == [] and ignored == ["notes.txt"]
    assert len(load_case_series(source).cases) == 2


def test_a_broken_zip_is_named():
    source, problems, _ = read_package([("mine.zip", b"PK\x03\x04 not really")])
    assert source is None and problems[0].file == "mine.zip"


def test_a_zip_bomb_is_refused_before_unpacking():
    bomb = _zip({"findings.csv": b"0" * (MAX_PACKAGE_BYTES + 1)})
    assert len(bomb) < 100_000
    source, problems, _ = read_package([("bomb.zip", bomb)])
    assert source is None and "unpacks to more than" in problems[0].message


def test_an_oversized_file_is_refused():
    source, problems, _ = read_package([("findings.csv", b"x" * 2_000_001)])
    assert source is None and problems[0].file == "findings.csv"


def test_nothing_usable_is_said_so():
    source, problems, ignored = read_package([("notes.txt", b"hello")])
    assert source is None and "no package file" in problems[0].message and ignored == ["notes.txt"]


def test_images_alone_are_no_package():
    source, problems, _ = read_package([("photo.png", b"\x89PNG")])
    assert source is None and "no package file" in problems[0].message


def test_a_broken_uploaded_file_names_file_row_and_field():
    files = synthetic_files(2)
    files["cases.yaml"] = files["cases.yaml"].replace(b"sex: F", b"sex: X").replace(
        b"sex: M", b"sex: X")
    with pytest.raises(DataFileError) as caught:
        load_case_series(MemorySource(files))
    assert ("cases.yaml", 1, "sex") in [(p.file, p.row, p.field) for p in caught.value.problems]


def test_own_series_need_no_journal_or_doi():
    series = load_case_series(MemorySource(synthetic_files(2)))
    assert series.meta["doi"] is None and series.mri_sequences.empty
    assert "sequence" in series.mri_sequences.columns


def test_validate_command_on_the_shipped_series(capsys):
    assert main(["validate", "data/abe2020"]) == 0
    out = capsys.readouterr().out
    # a finding the package leaves out is loaded as not reported and said so, never a problem
    assert out.startswith("OK: ")


def test_validate_command_counts_the_findings_a_package_leaves_out(tmp_path, capsys):
    shutil.copytree("data/abe2020", tmp_path / "p")
    rows = (tmp_path / "p" / "findings.csv").read_text(encoding="utf-8").splitlines()
    listed = len(rows) - 1
    every = 3 * len(load_catalogue().findings)  # the shipped package may leave some out too
    (tmp_path / "p" / "findings.csv").write_text("\n".join(rows[:-2]) + "\n", encoding="utf-8")
    assert main(["validate", str(tmp_path / "p")]) == 0
    assert (f"3 cases, {listed - 2} findings, {every - listed + 2} more not listed "
            "(not reported), ") in capsys.readouterr().out


def test_validate_command_lists_every_problem(tmp_path, capsys):
    files = synthetic_files(2)
    files["events.csv"] = files["events.csv"].replace(b",stated,", b",exact,", 1)
    archive = tmp_path / "broken.zip"
    archive.write_bytes(_zip(files))
    assert main(["validate", str(archive)]) == 1
    out = capsys.readouterr().out
    assert "events.csv, row 7, field 'precision'" in out


def test_validate_command_on_the_empty_template(capsys):
    assert main(["validate", "data/template"]) == 1
    assert "cases.yaml: the series has no cases" in capsys.readouterr().out
