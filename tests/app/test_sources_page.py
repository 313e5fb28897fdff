"""AppTest run of the sources page."""

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def test_sources_page_gives_citations_discrepancies_downloads_and_references():
    at = AppTest.from_file(str(REPO / "app_pages/sources.py"), default_timeout=30).run()
    assert not at.exception
    assert [c.language for c in at.code] == ["bibtex", "plaintext"]
    assert at.code[0].value.startswith("@article{abe2020,")
    assert at.code[1].value.startswith("TY  - JOUR")
    assert len(at.expander) == 18  # one per discrepancy in discrepancies.yaml
    text = " ".join(m.value for m in at.markdown)
    assert "CC BY 4.0" in text
    downloads = at.get("download_button")
    assert len(downloads) == 14  # the JSON, one CSV per table, the references as .bib and .ris
    refs = at.dataframe[0].value
    assert "Fetalvo and Magboo 2008" in set(refs["reference"])
