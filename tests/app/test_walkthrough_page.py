"""AppTest runs of the walk-through: every stage of a case, scoring, links and presenting."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.session_keys import UPLOADED_SERIES
from imos.data import MemorySource, load_case_series
from imos.reasoning.engine import STANDING, default_knowledge
from imos.reasoning.families import family_of
from imos.teaching.walkthrough import score_step, walkthrough
from tests.conftest import REPO
from tests.unit.test_upload_images import package_files, png

N_STEPS = 7
SERIES = load_case_series()
KNOWLEDGE = default_knowledge()
DIAGNOSES = list(KNOWLEDGE.diagnoses["diagnosis_id"])
FAMILIES = family_of(KNOWLEDGE)
ID_OF = dict(zip(KNOWLEDGE.diagnoses["label"], KNOWLEDGE.diagnoses["diagnosis_id"]))


def _walk(series=None, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages/walkthrough.py"), default_timeout=30)
    if series is not None:
        at.session_state[UPLOADED_SERIES] = series
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _text(at: AppTest) -> str:
    """The page's markdown as read (markdown escapes removed)."""
    return " ".join(m.value for m in at.markdown).replace("\\", "")


def _checklist(at: AppTest, case_id: str, number: int) -> list:
    """The pills of the 'which would you keep' checklist: a row per family."""
    return [p for p in at.pills if (p.key or "").startswith(f"wt_pick_{case_id}_{number}_")]


def _kept(at: AppTest, case_id: str, number: int) -> list[str]:
    chosen = {d for p in _checklist(at, case_id, number) for d in p.value}
    return [d for d in DIAGNOSES if d in chosen]


def _keep(at: AppTest, case_id: str, number: int, kept: list[str]) -> AppTest:
    """Choose exactly `kept` (each row keeps its own part), then rerun."""
    for pills in _checklist(at, case_id, number):
        row = [ID_OF[label] for label in pills.options]
        pills.set_value([d for d in kept if d in row])
    return at.run()


def _excluded(case_id: str, number: int) -> list[str]:
    verdicts = walkthrough(SERIES, case_id)[number - 1].replayed.verdicts
    return [v.diagnosis_id for v in verdicts if v.status == "excluded"]


def _next(at: AppTest) -> AppTest:
    return at.button(key="wt_next_bottom").click().run()


def test_without_a_case_the_page_offers_the_cases_and_a_random_one():
    at = _walk()
    assert not at.exception
    assert [b.label for b in at.button] == ["Case 1", "Case 2", "Case 3", "A random case"]
    at.button(key="wt_random").click().run()
    assert at.query_params["case"] in {"1", "2", "3"}
    assert at.query_params["step"] == "1"
    assert at.title[0].value.startswith("Case ")


@pytest.mark.parametrize("case_id", ["1", "2", "3"])
def test_a_full_walk_through_covers_each_stage_and_ends_with_a_score(case_id):
    at = _walk(case=case_id)
    seen = []
    for number in range(1, N_STEPS + 1):
        assert not at.exception
        assert at.query_params["step"] == str(number)
        seen.append(at.subheader[0].value)
        rows = _checklist(at, case_id, number)
        assert rows and all(p.disabled is False for p in rows)
        assert sorted(d for p in rows for d in p.value) == sorted(DIAGNOSES)  # each once
        at = _next(at)
        assert at.query_params.get("reveal") == "1"
        assert "Score at this stage" in _text(at) or "asks for no decision" in _text(at)
        at = _next(at)
    assert at.query_params["step"] == "end"
    assert [s.split(": ")[0] for s in seen] == [
        "1. History and examination", "2. Laboratory", "3. Radiograph and CT", "4. MRI",
        "5. Whole-body bone scan",
        "6. Triphasic bone scan", "7. Biopsy",
    ]
    scores = at.table[0].value  # HTML: long lists of names wrap instead of being cut
    assert len(scores) == N_STEPS and not at.dataframe
    assert at.metric[0].label == "Overall score"
    points, possible = sum(scores["points"]), sum(scores["of"])
    assert at.metric[0].value.startswith(f"{points} of {possible} ")  # the table's sum


def test_keeping_everything_is_marked_where_an_exclusion_is_kept():
    at = _walk(case="2", step="4")
    at = _next(at)  # keep the default list (every diagnosis) and reveal the MRI
    text = _text(at)
    excluded = _excluded("2", 4)
    assert excluded == ["osteoid_osteoma"]
    score = score_step(DIAGNOSES, walkthrough(SERIES, "2"), 4)
    assert f"Score at this stage: {score.agreed} of {score.total}" in text
    assert score.agreed <= score.total / 2  # keeping everything is not reasoning
    assert "Kept although a reliable finding excludes it: Osteoid osteoma" in text
    # the paper set the tumours aside here on hedged evidence: kept as the engine does
    assert "Kept as the engine does, although the paper sets it aside here" in text


def test_a_learner_who_follows_the_engine_scores_full_marks():
    at = _walk(case="2", step="3")
    everything = _kept(at, "2", 3)
    assert everything == DIAGNOSES
    step = walkthrough(SERIES, "2")[2]
    at = _keep(at, "2", 3, [v.diagnosis_id for v in step.replayed.verdicts
                            if v.status in STANDING])
    at = _next(at)
    score = score_step([v.diagnosis_id for v in step.replayed.verdicts if v.status in STANDING],
                       walkthrough(SERIES, "2"), 3)
    assert score.agreed == score.total > 0
    assert f"Score at this stage: {score.total} of {score.total}. Every choice" in _text(at)


def test_dropping_a_mimic_the_paper_never_raises_is_a_fair_call_not_a_mistake():
    at = _walk(case="2", step="1")
    wider = sorted(KNOWLEDGE.wider_differential)
    at = _keep(at, "2", 1, [d for d in DIAGNOSES if d not in wider])
    text = _text(_next(at))
    assert "Dropped although still possible, but the paper never raises it" in text
    assert "✕" not in text  # nothing counted wrong
    # a diagnosis the paper names is still counted when dropped while possible
    named = next(v for v in walkthrough(SERIES, "2")[0].replayed.verdicts
                 if v.status == "possible" and v.diagnosis_id not in wider)
    at = _keep(_walk(case="2", step="1"), "2", 1, [d for d in DIAGNOSES if d != named.diagnosis_id])
    assert (f"Dropped although nothing reported so far closes it and the paper has not "
            f"set it aside: {named.label}"
            in _text(_next(at)))


def test_the_guess_carries_to_the_next_stage():
    at = _walk(case="3", step="2")
    rows = _checklist(at, "3", 2)  # a row per family (open ones; the closed ones folded)
    assert {p.label for p in rows} == {f.capitalize() for f in FAMILIES.values()}
    for pills in rows:
        assert {FAMILIES[ID_OF[o]].capitalize() for o in pills.options} == {pills.label}
    at = _keep(at, "3", 2, ["imos", "crmo"])
    revealed = _next(at)  # the choice said in words, by family
    assert ("**Kept:** Benign sclerosis: Intramedullary osteosclerosis (IMOS); Infection or "
            "inflammation: Chronic recurrent multifocal osteomyelitis (CRMO)"
            in _text(revealed).replace("\\", ""))
    at = _next(revealed)
    assert at.query_params["step"] == "3"
    assert _kept(at, "3", 3) == ["imos", "crmo"]


def test_the_diagnoses_closed_earlier_are_folded_by_family():
    at = _walk(case="2", step="5")
    closed = [v.diagnosis_id for v in walkthrough(SERIES, "2")[3].replayed.verdicts
              if v.status in ("excluded", "unlikely")]
    assert closed
    (fold,) = [e for e in at.expander if e.label.startswith("Set aside by the earlier stages")]
    assert fold.label.startswith(
        f"Set aside by the earlier stages (excluded or unlikely): {len(closed)}")
    folded = [d for p in fold.get("button_group") for d in p.value]
    assert sorted(folded) == sorted(closed)  # kept by default, so each is there, once
    shown = [p for p in _checklist(at, "2", 5) if p.key.split("_")[-1].startswith("f")]
    assert not {d for p in shown for d in p.value} & set(closed)


def test_the_case_without_a_triphasic_scan_says_so():
    at = _walk(case="1", step="triphasic_bone_scan")
    assert not at.exception
    assert "Nothing reported at this stage" in _text(at)


def test_a_presenter_link_opens_at_the_answer_in_large_type_without_the_question():
    at = _walk(case="2", step="7", reveal="1", present="1")
    assert not at.exception
    assert at.title[0].value == "7. Biopsy"
    assert not at.pills  # one idea per screen: the answer slide has no question
    assert "What the findings exclude" in [s.value for s in at.subheader]
    assert any("html { font-size: clamp(" in h.proto.body for h in at.get("html"))  # the screen's
    assert not any("data-testid" in h.proto.body for h in at.get("html"))  # no internal ids
    assert at.button(key="wt_leave_bottom")
    # a clicker's keys: PageDown and Space forward, PageUp back, Home and End
    shortcuts = {b.key: b for b in at.button if (b.key or "").startswith("wt_key_")}
    assert set(shortcuts) == {"wt_key_PageDown", "wt_key_Space", "wt_key_PageUp", "wt_key_Home",
                              "wt_key_End"}
    at = shortcuts["wt_key_Space"].click().run()
    assert (at.query_params["step"], at.query_params.get("reveal")) == ("end", None)
    at = at.button(key="wt_key_Home").click().run()
    assert (at.query_params["step"], at.query_params.get("reveal")) == ("1", None)


def _bones(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="bone-view"' in m.value]


def _images(at: AppTest) -> list:
    return [e for e in at.main if getattr(e, "type", "") == "image"]


@pytest.mark.parametrize("reveal", [{}, {"reveal": "1"}], ids=["question", "answer"])
def test_a_slide_draws_the_findings_so_far_beside_its_title_once_one_can_be_drawn(reveal):
    """Issue 27: the bone drawn in the page view is on the slides too, as a strip with its
    key in words (the drawing's own key is too small to read on a strip)."""
    assert _bones(_walk(case="2", step="1", present="1", **reveal)) == []  # nothing drawn
    at = _walk(case="2", step="3", present="1", **reveal)
    assert not at.exception
    (figure,) = _bones(at)
    assert 'id="walkthrough-bone"' in figure and 'viewBox="0 44 ' in figure  # cut to the bone
    assert "<li>Intramedullary sclerosis</li>" in figure and "not to scale" in figure
    assert at.title[0].value == "3. Radiograph and CT"
    later = _bones(_walk(case="2", step="6", present="1", **reveal))  # the findings so far
    assert len(later) == 1 and "<li>Intramedullary sclerosis</li>" in later[0]


def test_a_question_slide_shows_the_packages_images_of_its_stage_with_their_credit():
    series = load_case_series(MemorySource(package_files(png())))  # Case 2's radiograph
    at = _walk(series, case="2", step="3", present="1")
    assert not at.exception
    (image,) = _images(at)
    assert image.proto.imgs[0].caption == "Femur radiograph — Abe et al. 2020 Fig. 2a (CC BY 4.0)"
    assert image.proto.imgs[0].alt == "Femur radiograph"  # axe-core: an image has a text
    assert _bones(at) and at.pills  # beside the bone and the room's ballot
    assert not _images(_walk(series, case="2", step="4", present="1"))  # MRI: none
    assert not _images(_walk(series, case="2", step="3", present="1", reveal="1"))  # the answer


def test_previous_and_next_move_one_slide():
    at = _walk(case="2", step="3")
    at = _next(at)
    assert (at.query_params["step"], at.query_params.get("reveal")) == ("3", "1")
    at = at.button(key="wt_back_bottom").click().run()
    assert (at.query_params["step"], at.query_params.get("reveal")) == ("3", None)
    at = at.button(key="wt_back_bottom").click().run()
    assert (at.query_params["step"], at.query_params.get("reveal")) == ("2", "1")


@pytest.mark.parametrize("query", [
    {"case": "7"}, {"case": "2", "step": "42"}, {"case": "2", "step": "<b>x</b>"},
    {"case": "2", "reveal": "perhaps"}, {"case": "ü" * 3000},
])
def test_a_bad_link_warns_and_still_works(query):
    at = _walk(**query)
    assert not at.exception
    assert at.warning and "ignored" in at.warning[0].value


def test_the_final_slide_hands_the_case_to_the_explorer_even_after_a_visit():
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    at.switch_page("app_pages/explorer.py").run()  # the explorer has already read its link
    assert at.query_params.get("bone_scan_blood_pool_slight") is None
    at.switch_page("app_pages/walkthrough.py")
    at.query_params["case"] = "3"
    at.query_params["step"] = "end"
    at.run()
    at.button(key="wt_to_explorer").click().run()
    assert not at.exception
    assert at.title[0].value == "Exclusion explorer"
    assert dict(at.query_params) in ({"case": "3"}, {"case": ["3"]})  # the short link
    assert at.session_state["fx_state"]["bone_scan_blood_pool_slight"] == "present"  # Case 3's


def test_the_final_slide_presented_shows_the_score_as_a_table_in_large_type():
    at = _walk(case="2", step="end", present="1")
    assert not at.exception
    assert not at.dataframe  # a canvas keeps its small type; an HTML table grows with the page
    table = at.table[0].value
    assert "as the paper did" in table.columns
    assert table["stage"].iloc[0].startswith("1\\. ")  # shown as text, not as a markdown list


def test_presenting_hides_the_navigation_and_the_sidebar():
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30)
    at.query_params["present"] = "1"
    at = at.run()
    assert not at.exception
    assert not at.sidebar.children
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    assert at.sidebar.children


def test_the_final_slide_links_the_road_of_the_same_case():
    at = _walk(case="3", step="end")
    assert not at.exception
    assert any("[Road to the diagnosis](road?case=3)" in m.value for m in at.markdown)


def test_the_teaching_point_names_where_this_case_closes_each_diagnosis_not_a_tumour_rule():
    """Issue 25: 'the biopsy is what settles a tumour' was said of osteomyelitis and stress
    fracture. Each diagnosis the paper set aside but the engine keeps is now followed to
    the stage of this case that closes it, read from the replay."""
    steps = walkthrough(SERIES, "2")
    text = _text(_walk(case="2", step="4", reveal="1"))
    assert "settles a tumour" not in text
    point = text.split("Teaching point:", 1)[1]
    for judgement in steps[3].judgements:
        for d in judgement.diagnosis_ids:
            status = steps[3].replayed.verdict(d).status
            if judgement.kind != "excluded" or status == "excluded":
                continue
            closing = next((s for s in steps[4:] if d in s.replayed.changed
                            and s.replayed.verdict(d).status in ("excluded", "unlikely")), None)
            label = KNOWLEDGE.diagnosis_labels[d]
            expected = (f"{label} {status} (this case makes it "
                        f"{closing.replayed.verdict(d).status} at stage {closing.number}, "
                        f"{closing.label.lower()})" if closing else
                        f"{label} {status} (no later finding of this case closes it)")
            assert expected in point, expected
