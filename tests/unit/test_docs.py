"""The docs restate no list by hand: data/README.md points to the command that prints the
catalogue's findings instead of a copy, and no count of the data is typed into the README
or the code."""

from __future__ import annotations

import re

from imos.__main__ import main
from imos.data import load_catalogue
from tests.conftest import REPO



def test_the_data_readme_points_to_the_catalogue_and_restates_none_of_it():
    """The finding list lives in catalogue/findings.csv only: data/README.md names the
    command that prints it, and lists no finding of its own (a copy went stale before)."""
    readme = (REPO / "data" / "README.md").read_text(encoding="utf-8")
    assert "python -m imos findings" in readme and "catalogue/findings.csv" in readme
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    restated = [f for f in load_catalogue().findings["finding_id"]
                if any(row.startswith(f"| `{f}`") for row in rows)]
    assert not restated, restated


def test_the_findings_command_prints_the_table(capsys):
    assert main(["findings"]) == 0
    printed = capsys.readouterr().out
    catalogue = load_catalogue()
    assert printed == catalogue.markdown_table()
    assert len(re.findall(r"^\| `", printed, flags=re.M)) == len(catalogue.findings)


NUMBER_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
                "fourteen fifteen sixteen seventeen eighteen nineteen twenty").split()


def _spelled(n: int) -> set[str]:
    return {str(n)} | ({NUMBER_WORDS[n]} if n < len(NUMBER_WORDS) else set())


def _prose_and_code() -> dict[str, str]:
    files = [REPO / "README.md", REPO / "data" / "README.md", REPO / "CONTRIBUTING.md"]
    for folder in ("imos", "components", "app_pages"):
        files += sorted((REPO / folder).rglob("*.py"))
    return {str(f.relative_to(REPO)): f.read_text(encoding="utf-8") for f in files if f.is_file()}


def test_no_count_of_the_data_is_typed_into_the_docs_or_the_code():
    """'17 diagnoses' or 'forty-eight findings' go stale with the next row of the data:
    say 'every diagnosis', or compute the number."""
    from imos.reasoning.engine import default_knowledge

    counts = {"diagnoses": len(default_knowledge().diagnoses),
              "findings": len(load_catalogue().findings)}
    stated = []
    for name, text in _prose_and_code().items():
        for noun, n in counts.items():
            words = "|".join(sorted(_spelled(n)))
            pattern = rf"\b({words})\s+(\w+\s+)?{noun}\b"
            stated += [f"{name}: {m.group(0)!r}"
                       for m in re.finditer(pattern, text, flags=re.I)]
    assert not stated, stated


def test_the_count_check_would_catch_a_typed_count():
    n = len(load_catalogue().findings)
    assert re.search(rf"\b({'|'.join(_spelled(n))})\s+(\w+\s+)?findings\b",
                     f"the catalogue's {n} findings")
