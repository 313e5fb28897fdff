"""The explorer panel's pure parts: the differential as HTML, the click events a browser
sends, the scenario link, and the code that travels with every rerun."""

from __future__ import annotations

import re
from dataclasses import replace
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from components.differential.differential_panel import (
    differential_html,
    moved_html,
    moved_text,
    summary_html,
    verdict_html,
)
from components.charts.bone_view import bone_markup
from components.explorer.panel import LOADER, STATIC, split_bodies, split_differential, split_svg
from imos.data import load_case_series
from imos.reasoning.engine import FINDING_STATES, all_case_findings, default_knowledge, evaluate
from imos.reasoning.families import family_of, settling
from imos.reasoning.questions import Question, decisive_for_all, next_questions
from imos.teaching.scenario import apply_event

MARKUP = '<img src=x onerror="window.__pwned=1"><b>x</b>'


@pytest.fixture(scope="module")
def setting():
    series = load_case_series()
    knowledge = default_knowledge()
    labels = series.catalogue.finding_labels
    diagnoses = knowledge.diagnosis_labels
    state = {f: "unknown" for f in labels} | all_case_findings(series.findings)["2"]
    return state, labels, diagnoses


def _statuses(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-diagnosis="([^"]+)" data-status="(\w+)"', html))


def test_every_verdict_is_shown_with_the_engines_status(setting):
    state, labels, diagnoses = setting
    verdicts = evaluate(state)
    html = differential_html(verdicts, labels, diagnoses, None, decisive_for_all(state),
                             next_questions(state))
    assert _statuses(html) == {v.diagnosis_id: v.status for v in verdicts}
    assert "<h3>Differential</h3>" in html and "What to ask or image next" in html
    # strongest first: the supported diagnosis before the excluded ones
    assert html.index('data-status="supported"') < html.index('data-status="excluded"')


def test_diagnoses_come_by_family_with_the_closed_ones_folded(setting):
    state, labels, diagnoses = setting
    verdicts = evaluate(state)
    families = family_of(default_knowledge())
    html = differential_html(verdicts, labels, diagnoses, None, decisive_for_all(state),
                             next_questions(state), families=families)
    status = {v.diagnosis_id: v.status for v in verdicts}
    closed = {d for d, s in status.items() if s in ("excluded", "unlikely")}
    order = list(dict.fromkeys(families.values()))
    shown, _, folded = html.partition('<h4 class="closed">')
    sections = re.findall(r'<section class="family" data-family="([^"]+)">(.*?)</section>', shown)
    folds = re.findall(r'<details class="fold" data-fold="([^"]+)"><summary>(.*?)</summary>'
                       r'(.*?)</details></details>', folded)
    # the open ones first, by family in the file's order; then the closed ones, folded
    assert [f for f, _ in sections] == [f for f in order if any(
        families[d] == f and d not in closed for d in status)]
    assert [f for f, _, _ in folds] == [f for f in order if any(
        families[d] == f and d in closed for d in status)]
    for family, body in sections:
        assert set(_statuses(body)) == {d for d in status if families[d] == family} - closed
    for family, line, body in folds:
        ids = set(_statuses(body))
        assert ids == {d for d in closed if families[d] == family}
        for d in ids:  # the fold's one line names each closed diagnosis with its status
            assert f"{status[d]}: " in line and diagnoses[d] in line
    assert html.index('data-status="supported"') < html.index('data-status="excluded"')


def test_imos_names_the_mimics_it_leaves_unaddressed_with_what_would_settle_them(setting):
    state, labels, diagnoses = setting
    verdicts = evaluate(state)
    imos = next(v for v in verdicts if v.unaddressed)
    ranked = next_questions(state)
    html = differential_html(verdicts, labels, diagnoses, None, decisive_for_all(state), ranked,
                             families=family_of(default_knowledge()))
    body = html.split(f'data-diagnosis="{imos.diagnosis_id}"')[1].split("</details>")[0]
    names = ", ".join(diagnoses[d] for d in imos.unaddressed)
    assert escape(f"Left open by the report's text: {names} — the paper names them only as a "
                  "class or not at all, and what its text reports leaves them merely possible (no "
                  "finding reported speaks for them).") in body
    settle = settling(ranked)
    for d in imos.unaddressed:
        line = body.split(f"<li><b>{diagnoses[d]}</b>: ")[1].split("</li>")[0]
        if settle.get(d):
            finding, value, _ = settle[d][0]
            assert f"{labels[finding].lower()} {value}" in line
        else:
            assert line == "no single finding would settle it"


def test_an_open_diagnosis_says_what_would_exclude_it():
    state = {f: "unknown" for f in default_knowledge().finding_ids}
    (osteoid,) = [v for v in evaluate(state) if v.diagnosis_id == "osteoid_osteoma"]
    labels = {f: f.replace("_", " ").capitalize() for f in state}
    html = verdict_html(osteoid, labels, decisive_for_all(state)["osteoid_osteoma"])
    assert "Would be excluded by:" in html and "nidus absent" in html
    assert "No rule fires" in html


def test_data_text_never_becomes_markup(setting):
    state, labels, diagnoses = setting
    verdicts = [replace(v, label=MARKUP, reasons=tuple(
        replace(r, rationale=MARKUP, source=MARKUP, caveat=r.caveat and MARKUP) for r in v.reasons))
        for v in evaluate(state)]
    hostile_labels = {f: MARKUP for f in labels}
    hostile_diagnoses = {d: MARKUP for d in diagnoses}
    moved = {d: ("possible", "excluded") for d in diagnoses}
    html = differential_html(verdicts, hostile_labels, hostile_diagnoses, moved,
                             decisive_for_all(state),
                             [Question("nidus", ("osteoid_osteoma",),
                                       (("absent", "osteoid_osteoma", "excluded"),))],
                             change=MARKUP)
    html += summary_html(verdicts, moved, hostile_diagnoses, change=MARKUP)
    assert "<img" not in html and "<b>x" not in html and "<script" not in html
    assert "&lt;img src=x" in html


def test_the_last_change_is_announced_in_plain_words(setting):
    _, _, diagnoses = setting
    text = moved_text({"osteoid_osteoma": ("possible", "excluded")}, diagnoses)
    assert text == "Last change moved: Osteoid osteoma possible to excluded."
    assert moved_text(None, diagnoses) == ""


def test_a_change_that_moves_nothing_says_so(setting):
    _, _, diagnoses = setting
    text = moved_text({}, diagnoses, "nidus: unknown → present")
    assert text == "No diagnosis changed with the last change (nidus: unknown → present)."
    assert "No diagnosis changed" in moved_html({}, diagnoses, "x")
    assert moved_html(None, diagnoses) == ""


def test_a_conflict_and_what_stands_before_imos_are_shown(setting):
    state, labels, diagnoses = setting
    # a proven TGFB1 variant (Camurati-Engelmann disease's hallmark) in a one-sided lesion
    # (a strong argument against it)
    scenario = {**{f: "unknown" for f in state}, "tgfb1_variant": "present",
                "bilateral_symmetric": "absent"}
    verdicts = {v.diagnosis_id: v for v in evaluate(scenario)}
    html = verdict_html(verdicts["camurati_engelmann"], labels, [], diagnoses)
    assert 'data-status="conflicting"' in html and "Conflicting evidence" in html
    assert "HALLMARK" in html.upper() and "strong" in html
    imos = verdict_html(next(v for v in evaluate({}) if v.diagnosis_id == "imos"), labels, [],
                        diagnoses)
    assert "Still between it and the diagnosis" in imos and "Osteoid osteoma" in imos


def test_a_click_sets_one_finding():
    state = {"nidus": "unknown", "fracture_line": "absent"}
    assert apply_event(state, "nidus", "present") == {"nidus": "present", "fracture_line": "absent"}
    assert state["nidus"] == "unknown"  # a new state; the old one is left alone


@pytest.mark.parametrize("finding,value", [
    ("nidus", "maybe"), ("bogus", "present"), (None, "present"), ("nidus", None),
    (["nidus"], "present"), ("nidus", ["present"]), ({"a": 1}, 3), ("x" * 10_000, "absent"),
])
def test_a_forged_click_is_ignored(finding, value):
    assert apply_event({"nidus": "unknown"}, finding, value) is None


@given(st.one_of(st.none(), st.text(), st.integers(), st.lists(st.text())),
       st.one_of(st.none(), st.text(), st.integers(), st.sampled_from(FINDING_STATES)))
def test_any_event_gives_a_valid_state_or_none(finding, value):
    state = {"nidus": "unknown", "fracture_line": "absent"}
    after = apply_event(state, finding, value)
    assert after is None or (set(after) == set(state) and set(after.values()) <= set(FINDING_STATES))


def _differential(setting, state):
    _, labels, diagnoses = setting
    knowledge = default_knowledge()
    verdicts = evaluate({f: v for f, v in state.items() if v != "unknown"}, knowledge)
    known = {f: v for f, v in state.items() if v != "unknown"}
    ranked = next_questions(known, knowledge)
    return differential_html(verdicts, labels, diagnoses, None, decisive_for_all(known, knowledge),
                             ranked, families=family_of(knowledge))


def _reassembled(skeleton: str, bodies: dict[str, tuple[str, str]]) -> str:
    """What the browser draws with every diagnosis open: each reference replaced by its
    text (static/explorer-panel.js)."""
    return re.sub(r'<div class="body" data-body="(\w+)"></div>',
                  lambda m: f'<div class="body">{bodies[m.group(1)][1]}</div>', skeleton)


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_a_differential_split_into_references_and_texts_draws_the_same(setting, case_id):
    state, labels, _ = setting
    series = load_case_series()
    full = _differential(setting, {f: "unknown" for f in labels} | all_case_findings(series.findings)[case_id])
    skeleton, bodies = split_bodies(full)
    assert _reassembled(skeleton, bodies) == full
    assert sum(len(d) for d, _ in bodies.values()) == len(re.findall(r'class="verdict"', full))
    assert set().union(*(d for d, _ in bodies.values())) == set(
        re.findall(r'data-diagnosis="(\w+)"', full))
    assert '<div class="body"><' not in skeleton


def test_without_the_folded_texts_a_differential_is_a_fraction_of_its_bytes(setting):
    """A toggle sends references for closed diagnoses: far fewer bytes than the whole."""
    state, _, _ = setting
    after = _differential(setting, state | {"nidus": "present"})
    skeleton, every = split_bodies(after)
    assert len(skeleton) < len(after) / 3
    assert set(split_bodies(_differential(setting, state))[1]) != set(every)  # texts changed


def test_a_toggle_changes_few_parts_of_the_differential_and_the_bone(setting):
    """Parts join back to the whole, and after a toggle most parts are ones the browser
    already holds (it is sent references to them, not their text)."""
    state, labels, _ = setting
    before, after = state, state | {"nidus": "present"}
    old, new = (split_differential(split_bodies(_differential(setting, s))[0]) for s in (before, after))
    assert "".join(new) == split_bodies(_differential(setting, after))[0]
    fresh = [part for part in new if part not in set(old)]
    assert len(fresh) < len(new) / 3 and sum(map(len, fresh)) < sum(map(len, new)) / 2
    old, new = (split_svg(bone_markup(s, labels)) for s in (before, after))
    assert "".join(new) == bone_markup(after, labels)
    assert any('id="bone-nidus"' in part for part in new)
    fresh = [part for part in new if part not in set(old)]
    assert sum(map(len, fresh)) < sum(map(len, new)) / 3


def test_a_svg_not_drawn_by_the_drawing_module_travels_whole():
    assert split_svg("<svg><foreignObject>x</foreignObject></svg>") == [
        "<svg><foreignObject>x</foreignObject></svg>"]
    assert split_svg("") == []


def test_the_panel_code_and_style_are_served_not_sent_with_each_rerun():
    """What travels with each rerun is a loader that names the static files by version."""
    assert len(LOADER) < 600
    for name in ("explorer-panel.js", "explorer-panel.css"):
        assert (STATIC / name).is_file()
    assert re.search(r'app/static/explorer-panel\.js\?v=[0-9a-f]{10}', LOADER)


def test_a_diagnosis_with_published_cases_links_to_the_gallery(setting):
    state, labels, diagnoses = setting
    verdicts = evaluate(state)
    html = differential_html(verdicts, labels, diagnoses, None, decisive_for_all(state),
                             next_questions(state), published={"paget"})
    assert html.count('href="gallery?dx=') == 1
    paget = html[html.index('data-diagnosis="paget"'):]
    assert paget[:paget.index("</details>")].count('href="gallery?dx=paget"') == 1
    assert "See published cases of Paget disease of bone" in html


def test_a_next_question_says_what_each_answer_would_do_including_what_it_confirms():
    """Issue 25: 'Malignant cells: present → IMOS excluded' never said that a positive
    biopsy speaks for a tumour. Each answer names what it would exclude, make unlikely and
    support, as the engine's what-if gives it."""
    from components.differential.differential_panel import question_words
    from imos.reasoning.engine import default_knowledge, evaluate
    from imos.reasoning.questions import next_questions, what_if

    knowledge = default_knowledge()
    labels = {f: f.replace("_", " ").capitalize() for f in knowledge.finding_ids}
    diagnoses = knowledge.diagnosis_labels
    ranked = next_questions({})
    lifting = [q for q in ranked if q.raises]
    assert lifting, "some unknown finding speaks for a diagnosis"
    outcomes = what_if({})
    now = {v.diagnosis_id: v.status for v in evaluate({})}
    for question in ranked[:8]:
        asked, answers = question_words(question, labels, diagnoses)
        assert asked.endswith("?")
        for value in ("present", "absent"):
            after = outcomes[(question.finding_id, value)]
            lifted = [d for d, s in after.items() if s in ("supported", "conflicting")
                      and s != now[d]]
            said = " ".join(a for a in answers if a.startswith(value.capitalize()))
            for d in lifted:
                assert diagnoses[d] in said and ("would support" in said or
                                                 "in conflict" in said), (question.finding_id, value, d)
