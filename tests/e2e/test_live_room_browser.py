"""A live room in real browsers: one presenter and three voters, each in a browser
context of their own, go through a case; the presenter's screen updates on its own."""

from __future__ import annotations

from imos.reasoning.knowledge import default_knowledge
from tests.e2e.conftest import save_screenshot, wait_for_app
from tests.e2e.room_view import PROJECTOR, counter_reads, join, open_room, reveal, room_row, vote

IMOS = "Intramedullary osteosclerosis (IMOS)"
OSTEOSARCOMA = "Osteosarcoma"
OSTEOID = "Osteoid osteoma"
LABELS = list(default_knowledge().diagnosis_labels.values())  # every diagnosis's checkbox


def test_three_voters_vote_and_the_presenter_sees_the_room_without_reloading(app_url, browser):
    presenter_context = browser.new_context(viewport=PROJECTOR)
    presenter = presenter_context.new_page()
    link = open_room(presenter, app_url, case="2")
    counter_reads(presenter, 0, 0)
    save_screenshot(presenter, "live-room-question-light")
    voters = [join(browser, link) for _ in range(3)]
    counter_reads(presenter, 3, 0)  # joining shows on the presenter's screen by itself
    pages = [page for _, page in voters]
    assert pages[0].get_by_role("heading", name="Case 2 · stage 1 of 7: History and examination")
    vote(pages[0], {IMOS, OSTEOSARCOMA}, LABELS)
    vote(pages[1], {IMOS}, LABELS)
    vote(pages[2], {OSTEOSARCOMA}, LABELS)
    vote(pages[2], {IMOS, OSTEOSARCOMA}, LABELS)  # changed before the reveal: replaced
    counter_reads(presenter, 3, 3)
    save_screenshot(pages[0], "live-room-voter-phone")

    reveal(presenter, 3)
    assert presenter.get_by_text("Where the room, the engine and the paper part ways").is_visible()
    assert room_row(presenter, IMOS)[1] == "100%"
    assert room_row(presenter, OSTEOSARCOMA)[1] == "67%"
    assert room_row(presenter, OSTEOID)[1] == "0%"
    save_screenshot(presenter, "live-room-reveal-light")
    # the phones follow the presenter: the stage closes, then the next one opens
    for page in pages:
        page.get_by_text("voting on it is closed").wait_for(timeout=20_000)
    presenter.keyboard.press("ArrowRight")
    for page in pages:
        page.get_by_text("stage 2 of 7: Laboratory").wait_for(timeout=20_000)
    counter_reads(presenter, 3, 0)
    for context, _ in voters:
        context.close()
    presenter_context.close()


def test_a_wrong_or_malformed_code_gives_a_clear_message(app_url, browser):
    context = browser.new_context(viewport={"width": 360, "height": 780})
    page = context.new_page()
    page.goto(f"{app_url}/vote?room=K7M2-Q9XR-TVAB")
    wait_for_app(page)
    assert page.get_by_text("No live room has this code").is_visible()
    page.goto(f"{app_url}/vote?room=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E")
    wait_for_app(page)
    assert page.get_by_text("This link does not hold a room code").is_visible()
    page.get_by_role("textbox", name="Room code").fill("ABC")
    page.get_by_role("button", name="Join the room").click()
    page.get_by_text("That is not a room code").wait_for(timeout=20_000)
    assert page.evaluate("window.__pwned") is None
    context.close()


def test_the_presenter_and_the_phone_in_dark_mode(app_url, browser):
    context = browser.new_context(viewport=PROJECTOR, color_scheme="dark")
    presenter = context.new_page()
    link = open_room(presenter, app_url, case="1")
    save_screenshot(presenter, "live-room-question-dark")
    phone_context, phone = join(browser, link, color_scheme="dark")
    vote(phone, {IMOS}, LABELS)
    save_screenshot(phone, "live-room-voter-phone-dark")
    counter_reads(presenter, 1, 1)
    reveal(presenter, 1)
    save_screenshot(presenter, "live-room-reveal-dark")
    phone_context.close()
    context.close()


def test_a_voter_can_vote_with_the_keyboard_alone(app_url, browser):
    presenter_context = browser.new_context(viewport=PROJECTOR)
    presenter = presenter_context.new_page()
    link = open_room(presenter, app_url, case="1")
    context, phone = join(browser, link)
    box = phone.get_by_role("checkbox", name=OSTEOSARCOMA, exact=True)
    box.focus()
    phone.keyboard.press("Space")  # untick
    assert not box.is_checked()
    send = phone.get_by_role("button", name="Send my vote")
    send.focus()
    phone.keyboard.press("Enter")
    phone.get_by_text("Vote received").wait_for(timeout=20_000)
    assert "Osteosarcoma" not in phone.get_by_text("Vote received").inner_text()
    counter_reads(presenter, 1, 1)
    context.close()
    presenter_context.close()


def test_one_phone_counts_once_however_it_reloads(app_url, browser):
    """Issue 24: a reload, a second tab or the page reopened each counted a new voter
    (one phone became 6 joined / 6 voted); the browser's lasting id brings its ballot back."""
    presenter_context = browser.new_context(viewport=PROJECTOR)
    presenter = presenter_context.new_page()
    link = open_room(presenter, app_url, case="2")
    context, page = join(browser, link)
    vote(page, {IMOS}, LABELS)
    counter_reads(presenter, 1, 1)
    page.reload()
    wait_for_app(page)
    page.get_by_text("Vote received: you keep Intramedullary").wait_for(timeout=20_000)
    second_tab = context.new_page()
    second_tab.goto(link)
    wait_for_app(second_tab)
    page.close()
    reopened = context.new_page()
    reopened.goto(link)
    wait_for_app(reopened)
    vote(reopened, {IMOS, OSTEOSARCOMA}, LABELS)  # the same ballot, replaced
    presenter.wait_for_timeout(2_500)  # the counter polls every second
    counter_reads(presenter, 1, 1)
    other_context, other = join(browser, link)  # another phone still counts
    counter_reads(presenter, 2, 1)
    for c in (context, other_context, presenter_context):
        c.close()


def test_a_presenter_who_reloads_keeps_the_room_and_the_phones_keep_following(app_url, browser):
    """Issues 24 and 25: after a reload the presenter found "Open a live room" again and the
    room was lost; the secret now comes back from the browser's storage (not the address)."""
    presenter_context = browser.new_context(viewport=PROJECTOR)
    presenter = presenter_context.new_page()
    link = open_room(presenter, app_url, case="2")
    assert "secret" not in presenter.url
    context, phone = join(browser, link)
    vote(phone, {IMOS}, LABELS)
    counter_reads(presenter, 1, 1)
    presenter.reload()
    wait_for_app(presenter)
    counter_reads(presenter, 1, 1)  # the same room, without pressing anything
    assert presenter.locator("[data-testid='stCode'] code").first.inner_text().strip() == link
    assert presenter.get_by_role("button", name="Open a live room").count() == 0
    reveal(presenter, 1)
    phone.get_by_text("voting on it is closed").wait_for(timeout=20_000)
    presenter.keyboard.press("ArrowRight")
    phone.get_by_text("stage 2 of 7: Laboratory").wait_for(timeout=20_000)
    context.close()
    presenter_context.close()
