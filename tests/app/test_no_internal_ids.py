"""No table or text on any page shows an internal id (`soft_tissue_mass`, `dy_symmetric`)
where a reader expects a finding's or a diagnosis's label."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from components.shell.navigation import PAGES, with_library_case
from imos.data import load_case_series
from imos.dataset.literature import load_literature
from imos.reasoning.engine import default_knowledge
from tests.conftest import REPO
from tests.html_tables import html_tables

TIMEOUT = 60
LIBRARY_FIRST = load_literature()[0].case_id
# Each page in every state the page registry names (`PageSpec.visits`, a library case in
# place of its placeholder): the explorer's chosen case, the walk-through's revealed step
# and its end show more tables.
VIEWS = [(spec.path, with_library_case(query, LIBRARY_FIRST))
         for spec in PAGES for query in spec.visits]


def _internal_ids() -> set[str]:
    """Ids a reader could mistake for words are left out: only ids with an underscore."""
    series, knowledge = load_case_series(), default_knowledge()
    ids = (set(series.catalogue.findings["finding_id"]) | set(knowledge.diagnoses["diagnosis_id"])
           | set(knowledge.rules["rule_id"]) | set(series.catalogue.groups["group_id"]))
    return {i for i in ids if "_" in i}


IDS = _internal_ids()
ID_PATTERN = re.compile(r"(?<![\w/=&?.-])(" + "|".join(map(re.escape, sorted(IDS, key=len,
                                                                           reverse=True)))
                        + r")(?![\w=-])")


def _shown_texts(at: AppTest) -> list[str]:
    texts = []
    for value in [*(f.value for f in [*at.dataframe, *at.table]), *html_tables(at)]:
        if isinstance(value, pd.DataFrame):
            texts += [str(c) for c in value.columns]
            texts += [str(v) for v in value.to_numpy().ravel()]
    for element in [*at.markdown, *at.caption, *at.subheader, *at.title, *at.info]:
        texts.append(element.value)
    return texts


def test_the_id_pattern_finds_an_id_and_leaves_a_link_alone():
    assert "soft_tissue_mass" in IDS
    assert ID_PATTERN.search("absent: excludes (together with soft_tissue_mass)")
    assert not ID_PATTERN.search("[link](/explorer?case=2&soft_tissue_mass=present)")


@pytest.mark.parametrize(("path", "query"), VIEWS)
def test_no_page_shows_an_internal_id(path, query):
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page(path)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if query:  # the page read its link
        assert all(at.query_params.get(k) in (v, [v]) for k, v in query.items()), at.query_params
    assert not at.exception
    leaks = {m.group(1) for text in _shown_texts(at) for m in ID_PATTERN.finditer(text)}
    assert not leaks, f"{path} {query} shows internal ids: {sorted(leaks)}"


def test_the_compare_view_names_findings_and_diagnoses_of_joint_rules():
    """Three diagnoses whose rules join findings ('together with ...'), by their labels."""
    joint = list(dict.fromkeys(rule.diagnosis_id for rule in default_knowledge().parsed_rules
                               if len(rule.conditions) > 1))[:3]
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("app_pages/explorer.py").run()
    for slot, diagnosis in enumerate(joint, start=1):
        at.selectbox(key=f"fx_compare_{slot}").set_value(diagnosis)
    at.run()
    assert not at.exception
    shown = "\n".join(_shown_texts(at))
    assert "together with" in shown  # the joint rules are in the table
    leaks = {m.group(1) for m in ID_PATTERN.finditer(shown)}
    assert not leaks, f"the compare view shows internal ids: {sorted(leaks)}"
