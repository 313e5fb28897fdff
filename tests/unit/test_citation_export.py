"""Citation formats and data exports."""

import json

import pandas as pd
import pytest

from imos.files.citation import bibtex, citation_key, ris
from imos.data import load_case_series
from imos.files.export import external_references, series_json, series_tables, split_sources
from imos.reasoning.knowledge import load_knowledge


@pytest.fixture(scope="module")
def series():
    return load_case_series()


def test_bibtex_entry_has_every_field(series):
    entry = bibtex(series.meta)
    assert entry.startswith("@article{abe2020,")
    assert "author = {Abe, K and Yamamoto, N and" in entry and "Tsuchiya, H}" in entry
    assert "doi = {10.1186/s12891-020-03758-5}" in entry
    assert "volume = {21}" in entry and "pages = {762}" in entry
    assert entry.count("{") == entry.count("}")
    assert citation_key(series.meta) == "abe2020"


def test_ris_record_is_well_formed(series):
    lines = ris(series.meta).splitlines()
    assert lines[0] == "TY  - JOUR" and lines[-1] == "ER  - "
    assert sum(line.startswith("AU  - ") for line in lines) == 13
    assert "DO  - 10.1186/s12891-020-03758-5" in lines
    assert all(line[2:6] == "  - " for line in lines)


def test_json_export_round_trips_every_table(series):
    knowledge = load_knowledge()
    document = json.loads(series_json(series, knowledge))
    for name, table in series_tables(series, knowledge).items():
        assert len(document[name]) == len(table), name
    assert document["meta"]["doi"] == series.meta["doi"]
    assert pd.DataFrame(document["findings"])["source"].str.len().min() >= 3


def test_sources_split_only_outside_brackets():
    assert split_sources("A; B (refs 4; 6); C") == ["A", "B (refs 4; 6)", "C"]


def test_external_references_leave_out_the_papers_own_places():
    refs = external_references(load_knowledge())["reference"]
    assert "Fetalvo and Magboo 2008" in set(refs)
    assert not any(r.startswith(("Discussion", "Case", "Abstract", "Conclusions")) for r in refs)
    assert not any(r[0].isdigit() or r.endswith(")") and "(" not in r for r in refs)


def test_external_references_name_the_diagnoses_not_the_rule_ids():
    knowledge = load_knowledge()
    table = external_references(knowledge)
    assert list(table.columns) == ["reference", "rules", "cited for"]
    labels = set(knowledge.diagnoses["label"])
    assert all(set(cell.split(", ")) <= labels for cell in table["cited for"])


@pytest.mark.parametrize("cell", ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0",
                                  "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_formula_in_a_csv_export_is_made_inert(cell):
    import csv
    import io

    import pandas as pd

    from imos.files.export import csv_bytes

    frame = pd.DataFrame({"wording": [cell, "plain"], "month": [-24.0, 3.0], cell: [1, 2]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"), newline="")))
    assert rows[0][2] == "'" + cell and rows[1][0] == "'" + cell  # header and cell
    assert rows[2][0] == "plain" and rows[1][1] == "-24.0"  # text and numbers kept


def test_every_export_of_a_series_with_formulas_is_inert(series):
    from imos.files.export import FORMULA_STARTS, csv_bytes, series_tables
    from imos.reasoning.knowledge import load_knowledge
    import csv
    import io

    cases = series.cases.assign(label="=HYPERLINK(\"http://x\")")
    planted = type(series)(**{**series.__dict__, "cases": cases})
    for name, table in series_tables(planted, load_knowledge()).items():
        for row in csv.reader(io.StringIO(csv_bytes(table).decode("utf-8"))):
            for cell in row:
                assert not cell.startswith(FORMULA_STARTS) or _number(cell), (name, cell)


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# --- citation files from hostile metadata ---------------------------------------------------

import re as _re

from imos.files.citation import (
    bibliography_bibtex,
    bibliography_ris,
    citation_text,
    doi_url,
    references_bibtex,
    references_ris,
    valid_doi,
)

HOSTILE = {
    "series_id": "x", "authors": "Evil E, Doer D\n@misc{planted,",
    "title": "A title}\n}\n@misc{planted, title={Planted}\nER  - \nTY  - JOUR\nTI  - Planted",
    "journal": "J {of} Things\r\nER  - ", "year": 2020, "volume": "1}\n@misc{v,",
    "article": "2\u2028ER  - ", "doi": "10.1186/s12891-020-03758-5", "licence": "CC BY 4.0",
}


def _unescaped_braces(text: str) -> str:
    return "".join(_re.findall(r"(?<!\\)[{}]", text))


def _bib_entries(text: str) -> list[str]:
    return _re.findall(r"^@(\w+)\{", text, flags=_re.M)


def test_a_title_with_newlines_and_braces_makes_one_bibtex_entry():
    entry = bibtex(HOSTILE)
    assert _bib_entries(entry) == ["article"]
    braces = _unescaped_braces(entry)
    depth = 0
    for brace in braces:  # balanced, and never closed before the entry's end
        depth += 1 if brace == "{" else -1
        assert depth >= 1 or brace == braces[-1]
    assert depth == 0
    for line in entry.splitlines()[1:-1]:
        assert _re.match(r"^  \w+ = \{.*\},?$", line), line


def test_a_title_with_newlines_makes_one_ris_record():
    record = ris(HOSTILE)
    lines = record.splitlines()
    assert sum(line.startswith("TY  - ") for line in lines) == 1
    assert sum(line.startswith("ER  - ") for line in lines) == 1 and lines[-1] == "ER  - "
    assert all(_re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines), lines
    assert sum(line.startswith("TI  - ") for line in lines) == 1


@pytest.mark.parametrize("doi", ["10.1/x)![a](https://evil.example/pixel.png)",
                                 "10.1186/abc def", "javascript:alert(1)", "10.1186/x\n@misc{",
                                 "10.12/<script>", "11.1186/abc"])
def test_a_doi_without_a_dois_syntax_is_not_used(doi):
    meta = {**HOSTILE, "title": "T", "doi": doi}
    assert valid_doi(meta) is None and doi_url(meta) is None
    assert "doi" not in bibtex(meta) and "DO  - " not in ris(meta)
    assert "doi:" not in citation_text(meta)


def test_the_sidebar_never_turns_metadata_into_an_image_or_a_link():
    from components.shell.notes import source_line

    meta = {**HOSTILE, "authors": "![x](https://evil.example/a.png) Evil",
            "journal": "[click](https://evil.example)", "doi": "10.1/x)![a](https://e.example/i.png)"}
    line = source_line(meta)
    assert "![" not in line and "](" not in line
    good = source_line({**meta, "doi": "10.1186/s12891-020-03758-5"})
    assert good.count("](") == 1 and "(https://doi.org/10.1186/s12891-020-03758-5)" in good


def test_a_valid_doi_with_brackets_is_percent_encoded_in_its_address():
    meta = {**HOSTILE, "doi": "10.1002/(SICI)1097-0258(19980815/30)17:15/16<1661::AID-SIM968>3.0.CO;2-2"}
    assert valid_doi(meta) is None  # angle brackets are outside Crossref's pattern
    meta = {**HOSTILE, "doi": "10.1016/S0140-6736(20)30183-5"}
    assert valid_doi(meta) and doi_url(meta) == "https://doi.org/10.1016/S0140-6736%2820%2930183-5"


def test_every_reference_of_the_knowledge_base_is_one_entry_and_one_record(series):
    refs = list(external_references(load_knowledge())["reference"])
    bib = references_bibtex(refs)
    assert len(_bib_entries(bib)) == len(refs)
    keys = _re.findall(r"^@misc\{(\w+),", bib, flags=_re.M)
    assert len(set(keys)) == len(refs)
    assert _unescaped_braces(bib).count("{") == _unescaped_braces(bib).count("}")
    ris_text = references_ris(refs)
    assert ris_text.count("TY  - GEN") == len(refs) == ris_text.count("ER  - ")
    whole = bibliography_bibtex(series.meta, refs)
    assert _bib_entries(whole) == ["article"] + ["misc"] * len(refs)
    assert bibliography_ris(series.meta, refs).count("ER  - ") == len(refs) + 1
    for ref in refs:  # each reference's words as cited, nothing added
        assert f"TI  - {ref}" in ris_text


def test_a_reference_with_braces_and_newlines_stays_one_entry():
    bib = references_bibtex(["Smith 2001}\n@misc{planted, title={x}", "Jones \r\n ER  - 2003"])
    assert len(_bib_entries(bib)) == 2
    ris_text = references_ris(["Jones \r\n ER  - 2003"])
    assert ris_text.count("ER  - ") == 1
