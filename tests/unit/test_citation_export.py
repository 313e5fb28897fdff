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
