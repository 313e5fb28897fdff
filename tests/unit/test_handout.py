"""The handout: self-contained, same verdicts as the engine, data text never becomes markup."""

import html
import re
from dataclasses import replace

import pytest

from imos.data import load_case_series
from imos.reasoning.engine import case_findings, evaluate
from imos.reasoning.questions import next_questions
from imos.reasoning.families import settling
from imos.files.handout import LINK_SHOWN, Chart, FindingLine, Handout, render_handout
from imos.reasoning.knowledge import load_knowledge


STATE = case_findings(load_case_series().findings, "2")


@pytest.fixture(scope="module")
def handout():
    series = load_case_series()
    state = STATE
    labels = series.catalogue.finding_labels
    return Handout(
        title="Scenario", subtitle="Case 2 as presented",
        findings=[FindingLine("MRI", "Soft-tissue mass", "absent", "none seen", "Fig. 2d")],
        verdicts=evaluate(state), finding_labels=labels, meta=series.meta,
        teaching_note="Teaching only.",
        charts=[Chart("Status", "<div id=chart></div>", "IMOS supported.")],
        extra=[("Scores", [{"stage": "1. History", "agreed": 9}])],
        link="http://localhost/explorer?nidus=absent",
    )


def test_the_handout_shows_every_verdict_of_the_engine(handout):
    page = render_handout(handout)
    for verdict in handout.verdicts:
        row = re.search(re.escape(f"<td>{verdict.label}</td>"), page)  # its row, not a mention
        assert row, verdict.label
        cell = page[row.end():].split("</tr>")[0]
        assert f"class='status {verdict.status}'" in cell


def test_the_handout_names_the_mimics_imos_leaves_unaddressed_with_what_settles_them(handout):
    imos = next(v for v in handout.verdicts if v.unaddressed)
    settle = settling(next_questions(STATE))
    page = render_handout(replace(handout, settle=settle))
    names = [v.label for v in handout.verdicts if v.diagnosis_id in imos.unaddressed]
    assert html.escape(f"Left open by the report's text: {', '.join(names)}") in page
    for d in imos.unaddressed:
        label = next(v.label for v in handout.verdicts if v.diagnosis_id == d)
        assert f"<li>{label}: would be settled by" in page or (
            f"<li>{label}: no single finding" in page), label
    assert "would be settled by" not in render_handout(handout)  # without it: named only


def test_the_handout_needs_nothing_from_the_network_and_runs_no_script(handout):
    page = render_handout(handout)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=['\"]?https?:", page)
    assert "<script" not in page


def test_text_from_data_is_escaped(handout):
    hostile = replace(handout, title="<script>alert(1)</script>",
                      findings=[FindingLine("<b>x</b>", "a & b", "present", "<img src=x>", "**s**")])
    page = render_handout(hostile)
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert "<img src=x>" not in page and "&lt;img src=x&gt;" in page


def test_the_handout_carries_citation_licence_and_teaching_note(handout):
    page = render_handout(handout)
    assert "10.1186/s12891-020-03758-5" in page
    assert "CC BY 4.0" in page
    assert "For teaching only, not for clinical decisions." in page
    assert "http://localhost/explorer?nidus=absent" in page


def test_a_long_link_is_shown_short_and_kept_whole_as_its_target(handout):
    link = "http://localhost:8501/explorer?" + "&".join(f"finding_{i}=present" for i in range(40))
    page = render_handout(replace(handout, link=link))
    assert f"href='{html.escape(link)}'" in page
    shown = re.search(r"<a href='[^']+'>([^<]+)</a>", page.split("Open this scenario")[1]).group(1)
    assert len(shown) <= LINK_SHOWN and shown.startswith("localhost:8501/explorer?finding_0=present")
    assert "(+" in shown and "more settings)" in shown


def test_knowledge_sources_are_in_the_reasons(handout):
    page = render_handout(handout)
    rules = load_knowledge().rules
    fired = {r.rule_id for v in handout.verdicts for r in v.reasons}
    for source in rules.loc[rules["rule_id"].isin(fired), "source"]:
        assert html.escape(source) in page


def test_long_sections_are_folded_and_a_short_summary_is_shown(handout):
    page = render_handout(handout)
    folds = re.findall(r"<details class=more><summary>([^<]+)</summary>", page)
    assert any(s.startswith("Every rule that fired") for s in folds)
    assert any(s.startswith("Every finding with the paper") for s in folds)
    assert "Show the table (1 rows)" in folds
    summary = page.split("<h2>Differential</h2>")[1].split("<details")[0]
    for verdict in handout.verdicts:  # each verdict outside the fold, with its status
        assert f"<td>{html.escape(verdict.label)}</td><td class='status {verdict.status}'>" in summary
    assert "✚" not in page.split("<h2>Findings</h2>")[0]
    assert "− Soft-tissue mass" in page.split("<details")[0] or "Soft-tissue mass" in page


def test_the_findings_are_drawn_on_the_bone_when_one_can_be_drawn(handout):
    assert "handout-bone" not in render_handout(handout)  # no picture given: no drawing
    page = render_handout(replace(handout, picture={"periosteal_reaction": "present"}))
    assert "<svg" in page and "id=\"bone-periosteal_reaction\"" in page
    assert "not an image of the patient" in page
