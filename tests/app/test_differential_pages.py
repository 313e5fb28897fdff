"""AppTest runs of the criteria and explorer pages: presets, URL state, bad links."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from imos.data import load_catalogue
from imos.reasoning.engine import default_knowledge
from imos.reasoning.questions import next_questions
from imos.reasoning.families import family_of
from imos.text import escape_markdown
from tests.conftest import REPO
from tests.html_tables import html_regions, html_tables
from tests.panel import panel_data, set_findings
from tests.panel import statuses as _statuses

TIMEOUT = 30
KNOWLEDGE = default_knowledge()
DIAGNOSES = KNOWLEDGE.diagnosis_labels
FAMILIES = family_of(KNOWLEDGE)


def _page(path: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / path), default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _rules(at: AppTest):
    """The criteria page's table of every rule (its own HTML, whose cells wrap), and the
    count its heading gives."""
    (rules,) = [t for t in html_tables(at) if "why this strength" in t.columns]
    (heading,) = [h.value for h in at.subheader if h.value.startswith("Every rule")]
    assert heading == f"Every rule ({len(rules)})"
    return rules


def _key_arguments(at: AppTest):
    """The criteria page's table "What tells each diagnosis apart" (its own HTML)."""
    (key,) = [t for t in html_tables(at) if "strongly against" in t.columns]
    return key


def test_criteria_page_lists_rules_and_table1():
    at = _page("app_pages/criteria.py")
    assert not at.exception
    assert not at.dataframe  # a canvas cut its long cells; the rules are an HTML table
    rules = _rules(at)
    # every rule, each cell's text whole and as written (escaped markup reads back as text)
    assert len(rules) == len(KNOWLEDGE.rules)
    assert list(rules["rationale"]) == list(KNOWLEDGE.rules["rationale"])
    assert list(rules["caveat source"]) == list(KNOWLEDGE.rules["caveat_source"].fillna(""))
    # in a frame a keyboard reaches and a screen reader names
    frames = [f.split(' style="')[0] for f in html_regions(at)]
    assert frames == [f'<div class="framed-table" tabindex="0" role="region" aria-label="{name}"'
                      for name in ("What tells each diagnosis apart",
                                   "Every rule of the knowledge base")]
    assert "--frame-height: none" in html_regions(at)[0]  # the short table: only sideways
    assert "Abe et al. (text)" in set(rules["whose"]) and "Other literature" in set(rules["whose"])
    assert (rules["caveat"] != "").any()
    assert set(rules["strength"]) >= {"hallmark", "exclusion", "strong", "weak"}
    assert (rules["why this strength"] != "").all()
    assert not rules["when"].str.contains("=|_").any()  # in words, not code
    text = " ".join(m.value for m in at.markdown)
    assert "**Hallmark**" in text and "never silently overridden" in text
    key = _key_arguments(at).set_index("diagnosis")
    assert list(key.loc["Osteoid osteoma", ["raised by", "hallmark", "excluded by"]]) == [
        "the paper", "Nidus present", "Nidus absent"]
    assert key.loc["Melorheostosis", "raised by"] == "wider literature"
    assert len(at.get("plotly_chart")) == 1


def test_criteria_groups_the_diagnoses_by_family_and_says_where_each_comes_from():
    at = _page("app_pages/criteria.py")
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    scope = dict(zip(KNOWLEDGE.diagnoses["diagnosis_id"], KNOWLEDGE.diagnoses["scope"]))
    named, classed, wider = ([DIAGNOSES[d] for d in DIAGNOSES if scope[d] == s]
                             for s in ("paper", "paper_class", "wider"))
    assert (f"The paper's own differential names {len(named)} of these {len(DIAGNOSES)} "
            f"diagnoses by name, and {', '.join(classed)} only as a class") in text
    assert (f"The other {len(wider)} are mimics from the wider literature that a journal club "
            f"raises ({', '.join(wider)})") in text
    key = _key_arguments(at)
    assert key.set_index("diagnosis").loc["Ribbing disease", "raised by"] == "the paper, as a class"
    # "What tells each diagnosis apart": a family named once, at its first row
    order = list(dict.fromkeys(FAMILIES.values()))
    assert [f.lower() for f in key["family"] if f] == order
    assert list(key["diagnosis"]) == [DIAGNOSES[d] for f in order
                                      for d, family in FAMILIES.items() if family == f]
    # the family chooser narrows the rules; a single diagnosis narrows them further
    at.pills(key="criteria_families").set_value(["sclerosing dysplasia"]).run()
    dysplasias = {d for d, f in FAMILIES.items() if f == "sclerosing dysplasia"}
    rules = _rules(at)
    assert set(rules["diagnosis"]) == {DIAGNOSES[d] for d in dysplasias}
    assert len(rules) == KNOWLEDGE.rules["diagnosis_id"].isin(dysplasias).sum()
    at.multiselect(key="criteria_diagnoses").set_value(["ribbing"]).run()
    rules = _rules(at)
    assert set(rules["diagnosis"]) == {"Ribbing disease"}
    assert len(rules) == (KNOWLEDGE.rules["diagnosis_id"] == "ribbing").sum()


def test_criteria_filter_by_origin():
    at = _page("app_pages/criteria.py")
    at.button_group(key="criteria_origins").set_value(["paper"]).run()
    rules = _rules(at)
    assert set(rules["whose"]) == {"Abe et al. (text)"}
    assert len(rules) == (KNOWLEDGE.rules["origin"] == "paper").sum()
    # no argument chosen: no rule, said in words rather than an empty frame
    at.button_group(key="criteria_origins").set_value([]).run()
    assert not at.exception and not html_tables(at)
    assert "Every rule (0)" in [h.value for h in at.subheader]
    assert any("No rule matches" in c.value for c in at.caption)


def test_explorer_starts_all_unknown_with_everything_possible():
    at = _page("app_pages/explorer.py")
    assert not at.exception
    assert set(_statuses(at).values()) == {"Possible"}
    assert not at.warning[1:]  # only the teaching note


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_case_presets_leave_imos_supported(case_id):
    at = _page("app_pages/explorer.py")
    at.button(key=f"fx_preset_{case_id}").click().run()
    statuses = _statuses(at)
    assert statuses["Intramedullary osteosclerosis (IMOS)"] == "Supported"
    assert statuses["Osteoid osteoma"] == "Excluded"
    assert statuses["Osteosarcoma"] == "Excluded"
    assert dict(at.query_params) in ({"case": case_id}, {"case": [case_id]})  # short link


def test_a_loaded_case_shows_its_age_and_a_reset_clears_it():
    from imos.data import load_case_series
    from imos.dataset.literature import load_literature

    ages = dict(zip(load_case_series().cases["case_id"], load_case_series().cases["age"]))
    at = _page("app_pages/explorer.py")
    assert at.number_input(key="fx_age").value is None
    at.button(key="fx_preset_2").click().run()
    assert at.number_input(key="fx_age").value == ages["2"]
    at.button(key="fx_reset").click().run()
    assert at.number_input(key="fx_age").value is None
    case = next(c for c in load_literature() if c.age is not None)
    at.selectbox(key="fx_library_pick").set_value(case.case_id).run()
    at.button(key="fx_library_load").click().run()
    assert at.number_input(key="fx_age").value == case.age


def test_a_toggle_moves_a_diagnosis_and_says_so():
    at = _page("app_pages/explorer.py")
    set_findings(at, nidus="absent")
    assert _statuses(at)["Osteoid osteoma"] == "Excluded"
    panel = panel_data(at)
    assert "Osteoid osteoma possible → excluded" in panel["differential"]
    assert "Osteoid osteoma possible → excluded" in panel["summary"]  # kept in sight on a phone
    assert panel["announce"] == "Last change (nidus: unknown → absent) moved: Osteoid osteoma possible to excluded."
    assert at.query_params["nidus"] in ("absent", ["absent"])
    at.button(key="fx_reset").click().run()
    assert set(_statuses(at).values()) == {"Possible"}


def test_link_loads_a_case_and_overrides_one_finding():
    at = _page("app_pages/explorer.py", case="2", nidus="present")
    assert not at.exception
    statuses = _statuses(at)
    assert statuses["Osteoid osteoma"] == "Supported"  # the nidus is its hallmark
    assert statuses["Intramedullary osteosclerosis (IMOS)"] == "Unlikely"
    assert statuses["Healing stress fracture"] == "Unlikely"
    assert panel_data(at)["state"]["nidus"] == "present"
    assert dict(at.query_params) == {"case": "2", "nidus": "present"}  # the link stays short
    assert panel_data(at)["scenario"] == "Case 2 as presented, with 1 change: Nidus present."


@pytest.mark.parametrize("query,expect", [
    ({"case": "9"}, "no case '9'"),
    ({"nidus": "maybe"}, "'nidus' cannot be 'maybe'"),
    ({"bogus": "1"}, "unknown parameter 'bogus'"),
    ({"x" * 3000: "present"}, "unknown parameter 'xxxxxxxx"),
    ({"nidus": "<script>alert(1)</script>"}, "cannot be"),
    ({"nidus": "π" * 1000}, "cannot be"),
])
def test_bad_links_are_ignored_with_one_warning(query, expect):
    at = _page("app_pages/explorer.py", **query)
    assert not at.exception
    warnings = [w.value for w in at.warning if "ignored" in w.value]
    assert len(warnings) == 1
    assert expect.replace("'", "") in warnings[0].replace("\\", "").replace("'", "")
    assert set(_statuses(at).values()) == {"Possible"}


def test_repeated_keys_are_ignored_with_a_warning():
    at = AppTest.from_file(str(REPO / "app_pages/explorer.py"), default_timeout=TIMEOUT)
    at.query_params["nidus"] = ["present", "absent"]
    at.run()
    assert not at.exception
    assert any("more than once" in w.value for w in at.warning)
    assert panel_data(at)["state"]["nidus"] == "unknown"


def test_explorer_state_survives_a_visit_to_another_page():
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page("app_pages/explorer.py").run()
    at.button(key="fx_preset_2").click().run()
    at.switch_page("app_pages/timelines.py").run()
    at.switch_page("app_pages/explorer.py").run()
    assert not at.exception
    assert panel_data(at)["state"]["nidus"] == "absent"
    assert _statuses(at)["Osteoid osteoma"] == "Excluded"


def test_explorer_ranks_what_to_ask_next_and_compares_two_diagnoses():
    at = _page("app_pages/explorer.py")
    html = panel_data(at)["differential"]
    top = next_questions({})[0]  # the most useful finding first
    findings = load_catalogue().findings
    label = dict(zip(findings["finding_id"], findings["label"]))[top.finding_id]
    # in sight: above the diagnoses, not below them in the column's own scroll
    asked = html.index("What to ask or image next")
    assert asked < html.index('<section class="family"')
    first_row = html.split('<section class="next">')[1].split("<li ")[1].split("</li>")[0]
    assert first_row.startswith(f'data-finding="{top.finding_id}"><b>{label}?</b> ')
    for value, _, status in top.results:  # each answer says what it would do
        assert f"{value.capitalize()} " in first_row
        assert {"excluded": "would exclude", "unlikely": "would make"}[status] in first_row
    first, second = (at.selectbox(key=f"fx_compare_{n}").value for n in (1, 2))  # by default
    text = " ".join(m.value for m in at.markdown)
    assert (f"| finding | {escape_markdown(DIAGNOSES[first])} | "
            f"{escape_markdown(DIAGNOSES[second])} |") in text


def test_the_compare_choice_offers_every_diagnosis_grouped_and_labelled_by_family():
    at = _page("app_pages/explorer.py")
    order = list(dict.fromkeys(FAMILIES.values()))
    grouped = sorted(DIAGNOSES, key=lambda d: order.index(FAMILIES[d]))  # stable: file order
    boxes = [at.selectbox(key=f"fx_compare_{n}") for n in (1, 2, 3)]
    for box in boxes:
        assert list(box.options) == [f"{DIAGNOSES[d]} ({FAMILIES[d]})" for d in grouped]
    assert boxes[2].value is None  # the third is optional
    dysplasias = [d for d in grouped if FAMILIES[d] == "sclerosing dysplasia"][:3]
    for box, d in zip(boxes, dysplasias):
        box.set_value(d)
    at.run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "| finding | " + " | ".join(escape_markdown(DIAGNOSES[d]) for d in dysplasias) + " |" in text
    at.selectbox(key="fx_compare_2").set_value(dysplasias[0])  # the same one twice
    at.selectbox(key="fx_compare_3").set_value(None).run()
    assert "Choose at least two different diagnoses to compare." in [c.value for c in at.caption]
