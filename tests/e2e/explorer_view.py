"""Reading and clicking the explorer panel in a real browser.

The panel is a custom component drawn in a shadow root; Playwright's locators look inside
open shadow roots, so these helpers use locators (not `document.querySelector`)."""

from __future__ import annotations

WORDS = {"present": "+ present", "absent": "− absent", "unknown": "? unknown"}


def verdict(page, diagnosis: str, status: str | None = None):
    """The <details> of one diagnosis (by the words of its name), optionally of a status."""
    selector = "details.verdict" + (f"[data-status='{status.lower()}']" if status else "")
    return page.locator(selector, has=page.locator("span.name", has_text=diagnosis)).first


def status(page, diagnosis: str) -> str:
    """"Excluded", "Unlikely", "Possible", "Supported" or "Conflicting", as the badge says."""
    return verdict(page, diagnosis).get_attribute("data-status").capitalize()


def wait_for_status(page, diagnosis: str, status_word: str, timeout: float = 15_000) -> None:
    """Drawn with that status (a closed diagnosis may be folded away in its family)."""
    verdict(page, diagnosis, status_word).wait_for(state="attached", timeout=timeout)


def fold(page, family: str):
    """The fold that holds one family's closed diagnoses."""
    return page.locator(f"details.fold[data-fold='{family}']")


def statuses(page) -> dict[str, str]:
    out = {}
    for item in page.locator("details.verdict").all():
        # text_content: a closed diagnosis folded away has no rendered (inner) text
        out[item.locator("span.name").text_content().strip()] = item.get_attribute("data-status")
    return out


def option(page, finding: str, value: str):
    """The radio of one finding's value (found even in a closed section; to click it, the
    section must be open, as for a reader)."""
    return page.locator(f"fieldset[data-finding='{finding}'] input[type=radio][value='{value}']")


def labelled_option(page, finding: str, value: str):
    """The same radio found by its accessible name, as a screen reader announces it."""
    return page.locator(f"fieldset[data-finding='{finding}']").get_by_role("radio", name=WORDS[value])


def section(page, title: str):
    return page.locator(f"details.fp-section[data-section='{title}']")
