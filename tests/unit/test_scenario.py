"""Short explorer links: a case and its changes, or what differs from unknown (imos.teaching.scenario)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from imos.reasoning import engine as dx
from imos.teaching.scenario import LinkedScenario, changes_from, describe, parse_query, short_query

FINDINGS = ["adult_age", "female_sex", "nidus", "periosteal_reaction"]
PRESETS = {
    "1": {"adult_age": "present", "female_sex": "absent", "nidus": "absent"},
    "2": {"adult_age": "present", "female_sex": "present", "nidus": "absent"},
}


def _state(**set_: str) -> dict[str, str]:
    return {f: set_.get(f, "unknown") for f in FINDINGS}


@pytest.mark.parametrize("state,prefer,expected", [
    (_state(), None, {}),
    (_state(nidus="present"), None, {"nidus": "present"}),
    (_state(**PRESETS["2"]), None, {"case": "2"}),
    (_state(**{**PRESETS["2"], "nidus": "present"}), None, {"case": "2", "nidus": "present"}),
    # a finding the case had, cleared by the reader, is named as unknown
    (_state(adult_age="present", female_sex="present"), None, {"case": "2", "nidus": "unknown"}),
    # fewer parameters without a case: no case
    (_state(adult_age="present"), None, {"adult_age": "present"}),
    # a tie between two cases: the one the reader loaded
    (_state(adult_age="present", nidus="absent"), "2", {"case": "2", "female_sex": "unknown"}),
    (_state(adult_age="present", nidus="absent"), "1", {"case": "1", "female_sex": "unknown"}),
    # a tie between a case and none: the case
    (_state(adult_age="present", female_sex="present"), "2", {"case": "2", "nidus": "unknown"}),
])
def test_short_query_names_the_fewest_parameters(state, prefer, expected):
    assert short_query(state, PRESETS, prefer) == expected


def test_changes_from_a_case_are_sorted_and_include_clearing():
    state = _state(periosteal_reaction="absent", female_sex="absent", adult_age="present")
    assert changes_from(state, PRESETS["1"]) == {"nidus": "unknown", "periosteal_reaction": "absent"}


@given(st.lists(st.sampled_from(dx.FINDING_STATES), min_size=len(FINDINGS), max_size=len(FINDINGS)),
       st.sampled_from([None, "1", "2"]))
def test_every_short_link_reads_back_as_the_same_state(values, prefer):
    state = dict(zip(FINDINGS, values))
    query = short_query(state, PRESETS, prefer)
    params = {k: [v] for k, v in query.items()}
    assert parse_query(params, FINDINGS, PRESETS) == LinkedScenario(state, query.get("case"), [])


def test_a_shipped_case_link_is_short(series):
    findings = list(series.catalogue.findings["finding_id"])
    presets = dx.all_case_findings(series.findings)
    for case_id in presets:
        state = parse_query({"case": [case_id]}, findings, presets).findings
        assert short_query(state, presets) == {"case": case_id}
        changed = {**state, "nidus": "present"}
        query = short_query(changed, presets, case_id)
        assert query == {"case": case_id, "nidus": "present"}
        assert len(urlencode(query)) < 30


@pytest.mark.parametrize("params,findings,case_id", [
    ({}, {}, None),
    ({"case": ["2"]}, PRESETS["2"], "2"),
    ({"case": ["2"], "nidus": ["present"]}, {**PRESETS["2"], "nidus": "present"}, "2"),
    ({"case": ["1"], "nidus": ["unknown"]}, {**PRESETS["1"], "nidus": "unknown"}, "1"),
    ({"nidus": ["present"]}, {"nidus": "present"}, None),
    ({"embed": ["true"], "embed_options": ["x"]}, {}, None),  # Streamlit's own parameters
])
def test_a_link_loads_its_case_and_findings(params, findings, case_id):
    linked = parse_query(params, FINDINGS, PRESETS)
    assert linked.findings == _state(**findings)
    assert linked.case_id == case_id
    assert linked.problems == []


@pytest.mark.parametrize("params,problem", [
    ({"case": ["9"]}, "no case '9' (choose one of 1, 2)"),
    ({"case": ["1", "2"]}, "'case' was given more than once"),
    ({"bogus": ["1"]}, "unknown parameter 'bogus'"),
    ({"nidus": ["maybe"]}, "'nidus' cannot be 'maybe' (use present, absent or unknown)"),
    ({"nidus": ["present", "absent"]}, "'nidus' was given more than once"),
    ({"x" * 3000: ["present"]}, "unknown parameter '" + "x" * 40 + "…'"),
    ({"nidus": ["π" * 1000]}, "'nidus' cannot be '" + "π" * 40 + "…' (use present, absent or unknown)"),
])
def test_a_bad_part_of_a_link_is_named_and_loses_nothing_else(params, problem):
    linked = parse_query({**params, "female_sex": ["present"]}, FINDINGS, PRESETS)
    assert linked.problems == [problem]
    assert linked.findings["female_sex"] == "present"
    assert linked.case_id is None


@pytest.mark.parametrize("query,expected", [
    ({}, "No case loaded: every finding unknown."),
    ({"case": "2"}, "Case 2 as presented."),
    ({"case": "2", "nidus": "present"}, "Case 2 as presented, with 1 change: Nidus present."),
    ({"case": "1", "nidus": "present", "female_sex": "unknown"},
     "Case 1 as presented, with 2 changes: Nidus present, Female unknown."),
    ({"nidus": "absent"}, "No case loaded; 1 finding set: Nidus absent."),
    ({"nidus": "absent", "female_sex": "present"},
     "No case loaded; 2 findings set: Nidus absent, Female present."),
])
def test_describe_says_which_case_or_scenario_is_loaded(query, expected):
    assert describe(query, {"1": "Case 1", "2": "Case 2"},
                    {"nidus": "Nidus", "female_sex": "Female"}) == expected


LIBRARY = {"x_2016": {"nidus": "absent", "female_sex": "present"}}


def test_a_library_case_loads_from_its_link_and_the_link_round_trips():
    linked = parse_query({"lit": ["x_2016"]}, FINDINGS, PRESETS, LIBRARY)
    assert linked.library_id == "x_2016" and linked.case_id is None and not linked.problems
    assert linked.findings["nidus"] == "absent"
    assert short_query(linked.findings, PRESETS, None, LIBRARY) == {"lit": "x_2016"}
    changed = {**linked.findings, "nidus": "present"}
    query = short_query(changed, PRESETS, None, LIBRARY)
    assert query["lit"] == "x_2016" and query["nidus"] == "present"
    again = parse_query({k: [v] for k, v in query.items()}, FINDINGS, PRESETS, LIBRARY)
    assert again.findings == changed and again.library_id == "x_2016"
    assert describe({"lit": "x_2016"}, {}, {}, {"x_2016": "X 2016"}).startswith("X 2016 as published")


def test_an_unknown_library_case_is_named_not_loaded():
    linked = parse_query({"lit": ["nope"]}, FINDINGS, PRESETS, LIBRARY)
    assert linked.library_id is None and "no published case 'nope'" in linked.problems[0]


def test_a_section_is_set_unknown_or_back_to_the_case_in_one_click():
    from imos.teaching.scenario import apply_section
    state = {"a": "present", "b": "absent", "c": "present"}
    case = {"a": "absent", "b": "present"}  # c not reported for the case
    assert apply_section(state, ["a", "b"], "unknown", None) == {
        "a": "unknown", "b": "unknown", "c": "present"}
    assert apply_section(state, ["a", "c"], "case", case) == {
        "a": "absent", "b": "absent", "c": "unknown"}
    # forged or impossible: nothing changes
    assert apply_section(state, None, "unknown", case) is None  # no such section
    assert apply_section(state, ["a"], "present", case) is None
    assert apply_section(state, ["a"], ["unknown"], case) is None
    assert apply_section(state, ["a"], "case", None) is None  # no case loaded
    assert apply_section(state, ["zz"], "unknown", None) == state  # ids outside the state


_IDS = [f"f{i}" for i in range(12)]
_VALUES = st.sampled_from(["present", "absent", "unknown"])


@given(st.fixed_dictionaries({f: _VALUES for f in _IDS}),
       st.dictionaries(st.sampled_from(_IDS + ["not_in_the_state"]), _VALUES, max_size=6))
def test_the_short_cut_of_short_query_finds_the_same_changes_as_changes_from(state, preset):
    from imos.teaching.scenario import _changes, to_query

    assert _changes(state, to_query(state), preset) == changes_from(state, preset)
