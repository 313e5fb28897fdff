"""Driving a live room in real browsers: the presenter's walk-through and voters' phones."""

from __future__ import annotations

import re

from tests.e2e.conftest import wait_for_app

PHONE = {"width": 360, "height": 780}
PROJECTOR = {"width": 1400, "height": 1000}


def open_room(page, base_url: str, case: str = "2") -> str:
    """The presenter opens a live room on stage 1; returns the voters' link as shown."""
    page.goto(f"{base_url}/walkthrough?case={case}&step=1&present=1")
    wait_for_app(page)
    page.wait_for_timeout(500)  # a first visit: the browser reports its id (one more run)
    wait_for_app(page)
    page.get_by_role("button", name="Open a live room").click()
    try:
        page.get_by_text("Vote from your phone").wait_for(timeout=20_000)
    except Exception:
        from tests.e2e.conftest import save_screenshot
        save_screenshot(page, "open-room-failed")
        raise
    wait_for_app(page)
    link = page.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/vote\?room=[2-9A-HJ-NP-Z]{12}", link), link
    return link


def join(browser, link: str, **context_options):
    """A voter in a browser context of their own (no shared cookies or storage)."""
    context = browser.new_context(viewport=PHONE, **context_options)
    page = context.new_page()
    page.goto(link)
    wait_for_app(page)
    return context, page


def vote(page, keep: set[str], labels: list[str]) -> None:
    """Tick exactly the diagnoses in `keep` (by label) and send."""
    for label in labels:
        box = page.get_by_role("checkbox", name=label, exact=True)
        if box.is_checked() != (label in keep):
            box.click(force=True)  # Streamlit hides the native input under its own mark
    page.get_by_role("button", name="Send my vote").click()
    page.get_by_text("Vote received").wait_for(timeout=20_000)


def counter_reads(page, joined: int, voted: int, timeout: float = 20_000) -> None:
    """Wait, without reloading, until the presenter's live count says so."""
    page.get_by_text(f"{joined} joined · {voted} voted on this stage").wait_for(timeout=timeout)


def room_row(page, diagnosis: str) -> list[str]:
    """The cells of the room's split table for one diagnosis (on a slide the table is
    folded: opened first, as a presenter would)."""
    fold = page.locator("[data-testid='stExpander']", has_text="The room, diagnosis by diagnosis")
    if fold.count() and fold.locator("details").first.get_attribute("open") is None:
        fold.locator("summary").first.click()
        page.wait_for_timeout(200)
    row = page.locator("table tr", has=page.locator("td", has_text=re.compile(
        "^" + re.escape(diagnosis) + "$")))
    return [c.strip() for c in row.first.locator("td").all_inner_texts()]


def reveal(page, votes: int) -> None:
    """Press Reveal (→) and wait for the room's split of `votes` ballots."""
    page.keyboard.press("ArrowRight")
    page.get_by_text(f"The room: {votes} vote{'s' if votes != 1 else ''}").wait_for(
        timeout=20_000)
    wait_for_app(page)
