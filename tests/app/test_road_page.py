"""AppTest runs of the road-to-diagnosis page."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from imos.data import load_case_series
from imos.reasoning.engine import default_knowledge
from imos.reasoning.families import family_of
from imos.teaching.road import left_unaddressed, road_to_diagnosis
from tests.conftest import REPO


def _road(**query) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages/road.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _cards(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("#### ")]


def test_case_2_road_names_each_examination_in_clinical_order():
    at = _road(case="2")
    assert not at.exception
    assert _cards(at) == [
        "#### 1\\. History and examination", "#### 2\\. Laboratory tests",
        "#### 3a\\. Radiograph", "#### 3b\\. CT", "#### 4\\. MRI",
        "#### 5\\. Whole\\-body bone scan", "#### 6\\. Triphasic bone scan",
        "#### 7\\. Open biopsy \\(histology and culture\\)",
    ]
    text = " ".join(m.value for m in at.markdown)
    assert "Healing stress fracture" in text
    # where the paper closes on imaging what the engine holds open, both are said
    points = [i.value.replace("\\", "") for i in at.info]
    assert any("sets aside Healing stress fracture" in p for p in points)
    assert any("sets aside Primary lymphoma of bone" in p and "excluded only at: Open biopsy" in p
               for p in points)


def test_case_1_has_no_triphasic_step_and_says_what_stays_open():
    at = _road(case="1")
    assert not at.exception
    assert not any("Triphasic" in c for c in _cards(at))
    alternative = next(c.value for c in at.caption
                       if c.value.startswith("Text alternative")).replace("\\", "")
    assert "Healing stress fracture (unlikely)" in alternative
    points = [i.value.replace("\\", "") for i in at.info]
    assert points and all(p.startswith("Teaching point") for p in points)
    assert not any("stress fracture" in p for p in points)  # the paper never argues it in Case 1


def test_choosing_another_case_redraws_the_road():
    at = _road()
    assert at.segmented_control(key="case").value == "1"
    at.segmented_control(key="case").set_value("3").run()
    assert not at.exception
    assert any("Triphasic" in c for c in _cards(at))


def test_an_unknown_case_in_the_link_falls_back_without_an_error():
    at = _road(case="<script>9</script>")
    assert not at.exception
    assert at.segmented_control(key="case").value == "1"


def test_the_wider_mimics_left_open_at_the_end_say_why():
    at = _road(case="2")
    assert not at.exception
    knowledge = default_knowledge()
    stops = road_to_diagnosis(load_case_series(), "2", knowledge)
    left = left_unaddressed(stops)
    assert left and set(left) <= knowledge.wider_differential
    assert "Left open at the end: left open by the report's text" in [s.value for s in at.subheader]
    text = " ".join(m.value for m in at.markdown).replace("\\", "")
    names = knowledge.diagnosis_labels
    for d in left:
        line = text.split(f"**{names[d]}**")[1].split("\n")[0]
        assert "left open by the report's text: " in line
        assert "would be settled by" in line or "no single finding would settle it" in line
    assert "would be settled by" in text  # Ribbing disease, at least, has a finding that settles it
    alternative = next(c.value for c in at.caption
                       if c.value.startswith("Text alternative")).replace("\\", "")
    assert "Left open by the report's text (named by the paper only as a class or not at all): " in alternative


def test_open_diagnoses_after_each_step_are_grouped_by_family():
    at = _road(case="2")
    families = family_of(default_knowledge())
    opened = [c.value.replace("\\", "") for c in at.caption
              if c.value.startswith("Open after this step")]
    assert opened
    for line in opened:
        groups = line.split(": ", 1)[1].split("; ")
        named = [g.split(": ")[0] for g in groups]
        order = list(dict.fromkeys(families.values()))
        assert named == sorted(named, key=order.index)  # families in the file's order
