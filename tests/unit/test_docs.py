"""The docs restate no list by hand: the finding table of data/README.md is the catalogue's
own, and no count of the data is typed into the README or the code."""

from __future__ import annotations

import re

from imos.__main__ import main
from imos.data import load_catalogue
from tests.conftest import REPO

BEGIN = "<!-- generated from catalogue/findings.csv by `python -m imos findings`"
END = "<!-- end of the generated table -->"


def _generated_block(text: str) -> str:
    start = text.index(BEGIN)
    return text[text.index("\n", start) + 1:text.index(END)]


def test_the_data_readme_finding_table_is_the_catalogue():
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert _generated_block(readme) == load_catalogue().markdown_table(), (
        "data/README.md's finding table differs from catalogue/findings.csv: paste the "
        "output of `python -m imos findings` between its two comments")


def test_the_findings_command_prints_the_table(capsys):
    assert main(["findings"]) == 0
    printed = capsys.readouterr().out
    catalogue = load_catalogue()
    assert printed == catalogue.markdown_table()
    assert len(re.findall(r"^\| `", printed, flags=re.M)) == len(catalogue.findings)
