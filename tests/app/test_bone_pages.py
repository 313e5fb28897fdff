"""The schematic bone on the walk-through's stages and on the road: drawn where a stage
shows a finding that can be drawn, with the findings known so far."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.conftest import REPO


def _run(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(REPO / f"app_pages/{page}.py"), default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _bones(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if 'class="bone-view"' in m.value]


def _drawn(figure: str) -> set[str]:
    return set(re.findall(r'<g id="bone-(\w+)" class="finding">', figure))


def test_a_walk_through_stage_draws_the_findings_so_far():
    assert _bones(_run("walkthrough", case="2", step="1")) == []  # history: nothing to draw
    at = _run("walkthrough", case="2", step="3")
    assert not at.exception
    (figure,) = _bones(at)
    assert 'id="walkthrough-bone"' in figure
    assert {"intramedullary_sclerosis", "cortical_thickening"} <= _drawn(figure)
    assert "periosteal_reaction" not in _drawn(figure)  # absent in Case 2: not drawn
    later = _bones(_run("walkthrough", case="2", step="4", reveal="1"))
    assert later == [] or _drawn(later[0]) >= _drawn(figure)


def test_the_road_draws_the_bone_where_a_drawable_finding_is_reported():
    at = _run("road", case="2")
    assert not at.exception
    figures = _bones(at)
    assert figures
    ids = [re.search(r'<svg[^>]* id="([^"]+)"', f).group(1) for f in figures]
    assert len(ids) == len(set(ids))  # one id per drawing on the page
    assert "road-bone-radiograph" in ids
