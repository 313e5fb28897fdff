"""AppTest run of the glossary page (a contributor trial; never shipped)."""

from streamlit.testing.v1 import AppTest

from imos.data import load_catalogue
from imos.text import escape_markdown
from tests.conftest import REPO


def test_glossary_lists_every_finding_label_of_the_catalogue():
    at = AppTest.from_file(str(REPO / "app_pages/glossary.py"), default_timeout=30).run()
    assert not at.exception
    assert at.title[0].value == "Glossary"
    text = " ".join(m.value for m in at.markdown)
    labels = load_catalogue().findings["label"]
    assert all(escape_markdown(label) in text for label in labels)
