"""The explorer's schematic bone in a real browser: a toggle in the panel redraws it."""

from __future__ import annotations

from tests.e2e.conftest import save_screenshot, wait_for_app
from tests.e2e.explorer_view import option, section, verdict


def test_toggling_a_periosteal_reaction_draws_it_on_the_bone(page, app_url):
    page.set_viewport_size({"width": 1400, "height": 1400})
    page.goto(f"{app_url}/explorer")
    wait_for_app(page)
    verdict(page, "Osteoid osteoma").wait_for(state="attached", timeout=15_000)
    bone = page.locator("svg#explorer-bone")
    bone.wait_for(state="visible", timeout=15_000)
    assert page.locator("svg#explorer-bone g.finding").count() == 0  # nothing set: a normal bone
    section(page, "Radiograph and CT").locator("summary").click()
    option(page, "aggressive_periosteal_reaction", "present").click()
    drawn = page.locator("svg#explorer-bone g#bone-aggressive_periosteal_reaction")
    drawn.wait_for(state="attached", timeout=15_000)
    assert drawn.locator("polyline").count() > 10  # lamellae and spicules
    assert "Aggressive periosteal reaction" in page.locator("svg#explorer-bone g#bone-key").text_content()
    option(page, "aggressive_periosteal_reaction", "absent").click()
    drawn.wait_for(state="detached", timeout=15_000)
    option(page, "periosteal_reaction", "present").click()
    page.locator("svg#explorer-bone g#bone-periosteal_reaction").wait_for(state="attached",
                                                                          timeout=15_000)
    wait_for_app(page)
    bone.scroll_into_view_if_needed()
    save_screenshot(page, "explorer-bone-periosteal")
