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
    assert presenter.get_by_text("Where the room, the engine and the paper part ways").first.is_visible()
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


def test_a_room_opened_on_an_uploaded_variant_shows_its_facts_on_the_phones(app_url, browser):
    """Issue 25: the presenter's uploaded series reuses Case 2's id with other facts; the
    phone (a session that never saw the upload) shows the variant, not the shipped case."""
    import io
    import zipfile

    from bench.synthetic import synthetic_files
    from tests.e2e.test_upload_browser import _upload

    files = {name: data.replace(b"S0001", b"2") for name, data in synthetic_files(2).items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    presenter_context = browser.new_context(viewport={"width": 1400, "height": 1400})
    presenter = presenter_context.new_page()
    presenter.goto(f"{app_url}/data")
    wait_for_app(presenter)
    _upload(presenter, "variant.zip", buffer.getvalue())
    presenter.get_by_text("Loaded SYNTHETIC series of 2 cases").wait_for(timeout=15_000)
    # within the same session (a reload would start a new one, with the shipped series)
    presenter.locator("[data-testid='stSidebarNav'] a", has_text="Walk-through").first.click()
    wait_for_app(presenter)
    presenter.get_by_role("button", name="Synthetic 1").click()  # the variant of Case 2's id
    wait_for_app(presenter)
    presenter.get_by_role("button", name="Open a live room").click()
    presenter.get_by_text("Vote from your phone").wait_for(timeout=20_000)
    wait_for_app(presenter)
    link = presenter.locator("[data-testid='stCode'] code").first.inner_text().strip()
    assert "case=2" in presenter.url
    assert presenter.get_by_text("SYNTHETIC").count() >= 1  # the projector shows the variant
    context, phone = join(browser, link)
    phone.get_by_role("heading", name="Synthetic 1 · stage 1 of 7: History and examination",
                      exact=False).wait_for(timeout=20_000)
    assert phone.get_by_text("SYNTHETIC").count() >= 1  # the variant's sources, not the paper's
    assert phone.get_by_text("Case 2 text").count() == 0
    save_screenshot(phone, "live-room-voter-phone-uploaded-variant")
    context.close()
    presenter_context.close()


def test_the_join_link_is_not_localhost_when_a_network_address_exists(browser):
    """Issue 25: opened as localhost on a laptop on the venue's network, the QR code and
    link carry the machine's network address, and a phone opens them."""
    from bench.server import start_streamlit, stop
    from components.shell.addresses import network_address

    network = network_address()
    if network is None:
        import pytest
        pytest.skip("this machine has no network address")
    process, url = start_streamlit(listen="0.0.0.0")
    try:
        context = browser.new_context(viewport=PROJECTOR)
        presenter = context.new_page()
        local = url.replace("127.0.0.1", "localhost")
        presenter.goto(f"{local}/walkthrough?case=1&step=1&present=1")
        wait_for_app(presenter)
        presenter.get_by_role("button", name="Open a live room").click()
        presenter.get_by_text("Vote from your phone").wait_for(timeout=20_000)
        link = presenter.locator("[data-testid='stCode'] code").first.inner_text().strip()
        assert "localhost" not in link and "127.0.0.1" not in link
        assert link.startswith(f"http://{network}:{url.rsplit(':', 1)[1]}/vote?room="), link
        assert presenter.get_by_text("Phones cannot open").count() == 0  # no warning
        phone_context, phone = join(browser, link)
        phone.get_by_text("Case 1 · stage 1 of 7", exact=False).wait_for(timeout=20_000)
        phone_context.close()
        context.close()
    finally:
        stop(process)


def test_a_loopback_only_server_warns_that_phones_cannot_join(app_url, browser):
    context = browser.new_context(viewport=PROJECTOR)
    presenter = context.new_page()
    open_room(presenter, app_url, case="1")  # the shared test server listens on 127.0.0.1
    assert presenter.get_by_text("The app listens on this machine only").is_visible()
    context.close()


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
