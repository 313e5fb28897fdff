"""AppTest of the practice page, the look-alikes gallery and the explorer's library
presets: every state the page registry lists (`PageSpec.visits`), a full run of five
cases to its summary, and links that round-trip."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from components.shell.navigation import PAGES, with_library_case
from imos.dataset.literature import load_literature
from imos.reasoning import engine as dx
from imos.teaching.practice import LIMITS, RUN_LENGTH
from imos.text import escape_markdown
from tests.conftest import REPO

TIMEOUT = 60
CASES = load_literature()
KB = dx.default_knowledge()
PATHS = {spec.url_path: spec.path for spec in PAGES}
VISITS = [(spec.url_path, with_library_case(query, CASES[0].case_id))
          for spec in PAGES if spec.url_path in ("practice", "gallery", "explorer")
          for query in spec.visits]


def _open(url_path: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=TIMEOUT).run()
    at.switch_page(PATHS[url_path])
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _text(at: AppTest) -> str:
    return "\n".join(e.value for e in [*at.markdown, *at.caption, *at.info, *at.title,
                                       *at.subheader])


@pytest.mark.parametrize(("url_path", "query"), VISITS, ids=lambda v: str(v))
def test_every_listed_state_runs_and_keeps_its_link(url_path, query):
    at = _open(url_path, **query)
    assert not at.exception
    assert not [w for w in at.warning if "link" in w.value], [w.value for w in at.warning]
    for key, value in query.items():
        assert at.query_params.get(key) in (value, [value]), (key, at.query_params)
    if url_path in ("practice", "gallery"):
        assert LIMITS.split(":")[0] in _text(at)  # the honest limits on every screen


def _click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, key
    return at


def test_a_full_run_of_five_cases_ends_with_the_families_confused():
    at = _open("practice")
    at.radio(key="px_how_pick").set_value("random").run()
    _click(at, "px_start")
    played = []
    for number in range(1, RUN_LENGTH + 1):
        case_id = at.query_params["case"][0] if isinstance(at.query_params["case"], list) \
            else at.query_params["case"]
        assert case_id not in played
        played.append(case_id)
        assert at.title[0].value.startswith(f"Case {number} of {RUN_LENGTH}")
        authors = next(c for c in CASES if c.case_id == case_id).authors_diagnosis
        first = True
        while not any(b.key == "px_next_case" or b.key == "px_new_run" for b in at.button):
            pills = [p for p in at.get("button_group") if str(p.key).startswith(
                f"px_pick_{case_id}_") and "_f" in str(p.key)]
            if first and pills:  # drop the authors' diagnosis on the first stage
                for p in pills:
                    if authors in p.value:
                        p.set_value([d for d in p.value if d != authors])
                at.run()
                first = False
            _click(at, "px_next_bottom")
        text = _text(at)
        assert "The authors' diagnosis:" in text and "Read it:" in text
        assert escape_markdown(KB.diagnosis_labels[authors]) in text
        if number < RUN_LENGTH:
            _click(at, "px_next_case")
    text = _text(at)
    assert "Your run" in text and "The families you confused" in text
    assert "dropped in" in text
    assert at.metric[0].label == "Agreement with the engine over the run"


def test_the_mimic_i_keep_missing_picks_from_the_family_missed():
    at = _open("practice")
    at.radio(key="px_how_pick").set_value("random").run()
    _click(at, "px_start")
    case_id = at.query_params["case"]
    case_id = case_id[0] if isinstance(case_id, list) else case_id
    authors = next(c for c in CASES if c.case_id == case_id).authors_diagnosis
    for p in at.get("button_group"):
        if str(p.key).startswith(f"px_pick_{case_id}_") and authors in (p.value or []):
            p.set_value([d for d in p.value if d != authors])
    at.run()
    while not any(b.key == "px_next_case" for b in at.button):
        _click(at, "px_next_bottom")
    at.query_params.clear()
    at.run()
    at.radio(key="px_how_pick").set_value("missed").run()
    assert "Missed most in this session" in _text(at)
    _click(at, "px_start")
    from imos.reasoning.families import family_of
    families = family_of(KB)
    new = at.query_params["case"]
    new = new[0] if isinstance(new, list) else new
    assert families[next(c for c in CASES if c.case_id == new).authors_diagnosis] == families[authors]


@pytest.mark.parametrize("query", [{"case": "no_such_case"}, {"case": CASES[0].case_id, "step": "99"},
                                   {"bogus": "1"}])
def test_an_odd_practice_link_is_named_in_one_warning(query):
    at = _open("practice", **query)
    assert not at.exception
    assert any("Some parts of the link were ignored" in w.value for w in at.warning)


def test_the_gallery_follows_its_chooser_and_links_back():
    at = _open("gallery", dx="paget")
    assert [s.value for s in at.subheader][0].startswith("Paget disease of bone")
    assert "Raised alkaline phosphatase present" in _text(at)
    at.selectbox(key="gx_dx").set_value("osteosarcoma").run()
    assert at.query_params["dx"] in ("osteosarcoma", ["osteosarcoma"])
    assert [s.value for s in at.subheader][0].startswith("Osteosarcoma")
    at = _open("gallery", dx="nonsense")
    assert any("no diagnosis 'nonsense'" in w.value for w in at.warning)


def test_criteria_page_links_into_the_gallery():
    at = _open("criteria")
    assert "(gallery?dx=paget)" in _text(at)


@pytest.mark.parametrize("case", CASES[:3], ids=lambda c: c.case_id)
def test_a_library_case_loads_in_the_explorer_and_its_link_round_trips(case):
    at = _open("explorer", lit=case.case_id)
    assert not at.exception and at.query_params["lit"] in (case.case_id, [case.case_id])
    other = CASES[-1].case_id
    at.selectbox(key="fx_library_pick").set_value(other).run()
    at.button(key="fx_library_load").click().run()
    assert at.query_params["lit"] in (other, [other])


def test_a_teachers_folder_is_the_library_and_a_broken_file_is_named(tmp_path, monkeypatch):
    import shutil

    from imos.dataset.literature import DEFAULT_LITERATURE_DIR
    source = sorted(DEFAULT_LITERATURE_DIR.glob("*.yaml"))[-1]
    shutil.copy(source, tmp_path / source.name)
    monkeypatch.setenv("IMOS_LIBRARY_DIR", str(tmp_path))
    at = _open("practice")
    assert "1 of the 1 cases in the library" in _text(at)
    _click(at, "px_start")
    assert at.query_params["case"] in (source.stem, [source.stem])
    (tmp_path / "broken.yaml").write_text("case_id: broken\ntitle: x\n", encoding="utf-8")
    broken = tmp_path.parent / (tmp_path.name + "_b")
    broken.mkdir()
    shutil.copy(tmp_path / "broken.yaml", broken / "broken.yaml")
    monkeypatch.setenv("IMOS_LIBRARY_DIR", str(broken))
    at = _open("practice")
    assert not at.exception
    assert at.error and "case library could not be loaded" in at.error[0].value
    assert "broken.yaml" in at.code[0].value
