"""Display words: labels inside a sentence keep their acronyms."""

import pytest

from imos.reasoning import engine as dx
from imos.reasoning import questions
from imos.reasoning.wording import (
    STATUS_SYMBOLS,
    change_text,
    conditions_phrase,
    lower_first,
    status_key,
    upper_first,
)


@pytest.mark.parametrize(("label", "inside"), [
    ("Pain relieved by NSAIDs", "pain relieved by NSAIDs"),
    ("Nidus", "nidus"),
    ("NSAIDs relieve the pain", "NSAIDs relieve the pain"),
    ("MRI signal", "MRI signal"),
    ("CT", "CT"),
    ("Low T1 signal", "low T1 signal"),
    ("already lower", "already lower"),
    ("X", "x"),
    ("", ""),
])
def test_lower_first_keeps_acronyms(label, inside):
    assert lower_first(label) == inside


@pytest.mark.parametrize(("text", "opening"), [
    ("pain relieved by NSAIDs present", "Pain relieved by NSAIDs present"),
    ("nidus absent", "Nidus absent"),
    ("", ""),
])
def test_upper_first_leaves_the_rest_as_written(text, opening):
    assert upper_first(text) == opening


def test_conditions_phrase_keeps_acronyms():
    labels = {"nsaid_relief": "Pain relieved by NSAIDs", "nidus": "Nidus"}
    assert (conditions_phrase([("nsaid_relief", "present"), ("nidus", "absent")], labels)
            == "pain relieved by NSAIDs present and nidus absent")


def test_discriminating_findings_keep_acronyms_of_the_other_findings():
    knowledge = dx.default_knowledge()
    joint = next(r for r in knowledge.parsed_rules
                 if len(r.conditions) > 1 and r.effect != "neutral")
    labels = {f: f"MRI {f}" for f in knowledge.finding_ids}
    table = questions.discriminating_findings([d for d in knowledge.diagnosis_labels], knowledge, labels)
    first, other = joint.conditions[0][0], joint.conditions[1][0]
    cells = table[first][joint.diagnosis_id]
    assert any(f"(together with MRI {other}" in c for c in cells)
    assert not any("mri " in c for cell in table.values() for c in sum(cell.values(), []))


def test_status_key_names_every_status_with_its_symbol():
    key = status_key()
    for status in dx.STATUSES:
        assert f"{STATUS_SYMBOLS[status]} {status}" in key


@pytest.mark.parametrize(("before", "after", "words"), [
    ({"nidus": "unknown"}, {"nidus": "present"}, "nidus: unknown → present"),
    ({}, {"nsaid_relief": "absent"}, "pain relieved by NSAIDs: unknown → absent"),
    ({"nidus": "absent", "nsaid_relief": "present"}, {"nidus": "absent", "nsaid_relief": "unknown"},
     "pain relieved by NSAIDs: present → unknown"),
    ({}, {f"f{i}": "present" for i in range(4)}, "4 findings changed at once"),
    ({"nidus": "present"}, {"nidus": "present"}, ""),
])
def test_change_text_names_what_the_last_change_set(before, after, words):
    labels = {"nidus": "Nidus", "nsaid_relief": "Pain relieved by NSAIDs"}
    assert change_text(before, after, labels) == words


def test_no_verdict_text_repeats_its_own_strength_word():
    """'weak: Weak:' on screen, 'Why weak: Weak:' in the handout (issue 25): every rule of
    the knowledge base, in every place a reason is worded."""
    import re

    from components.differential.differential_panel import _reason as panel_reason
    from imos.files.handout import _reason as handout_reason
    from imos.files.verdict_text import reason_brief, reason_text
    from imos.reasoning.engine import _reason as engine_reason
    from imos.reasoning.knowledge import default_knowledge

    knowledge = default_knowledge()
    labels = {f: f.replace("_", " ") for f in knowledge.finding_ids}
    checked = 0
    for rule in knowledge.parsed_rules:
        reason = engine_reason(rule, {})
        word = re.escape(reason.strength)
        repeated = re.compile(rf"\b{word}\W+{word}\b", re.IGNORECASE)
        for text in (reason_text(reason, labels), handout_reason(reason, labels),
                     panel_reason(reason, labels), reason_brief(reason)):
            shown = re.sub(r"<[^>]*>", " ", text)  # the words as read, without HTML tags
            assert not repeated.search(shown), (rule.rule_id, shown)
            checked += 1
    assert checked >= 4 * len(knowledge.parsed_rules) > 0
