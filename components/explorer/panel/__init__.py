"""The exclusion explorer's panel: findings and differential in one custom widget.

Streamlit sends every element as a message of its own on every rerun, and with sixty
readers clicking at once those messages are what the server spends its time on. Drawn
with native widgets, one toggle of the explorer cost some forty of them; this panel is one
(bench/README.md has the measurements).

The browser side (panel.js) draws a tri-state radio group per finding (native radios, so
keyboards and screen readers work as on any form), grouped in collapsible sections, and
sends one event per click. The server keeps the state and answers with the whole state
and the differential, as HTML built by `components.differential.differential_panel` with every piece
of data text escaped. Labels and help texts are set with textContent, never as HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import streamlit as st

from components.charts.palette import DARK_TEXT, STATUS_COLOURS

HERE = Path(__file__).parent


def compact(source: str) -> str:
    """Comments and indentation out: the panel's code travels with every rerun."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)  # CSS comments
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


STATUS_CSS = "".join(f".xp .badge.{s}{{background:{c};color:{DARK_TEXT}}}"
                     for s, c in STATUS_COLOURS.items())
_PANEL = st.components.v2.component(
    "imos_explorer_panel",
    html='<div class="xp"><section aria-label="Findings">'
         '<p class="xp-scenario"></p>'
         '<div class="xp-summary" aria-hidden="true"></div><div class="fp"></div></section>'
         '<section aria-label="Differential"><div class="dx"></div>'
         '<p class="xp-live" role="status" aria-live="polite"></p></section></div>',
    css=compact((HERE / "panel.css").read_text(encoding="utf-8")) + STATUS_CSS,
    js=compact((HERE / "panel.js").read_text(encoding="utf-8")),
)
EVENT = "set"
STATE_WORDS = {"present": "+ present", "absent": "− absent", "unknown": "? unknown"}
FIRST_OPEN = "History and examination"  # the section open at first


def section_findings(catalogue) -> dict[str, list[str]]:
    """Each section's title and its findings, as the panel groups them (for its buttons)."""
    group_sections = dict(zip(catalogue.groups["group_id"], catalogue.groups["section"]))
    sections: dict[str, list[str]] = {}
    for row in catalogue.findings.itertuples():
        sections.setdefault(group_sections[row.group_id], []).append(row.finding_id)
    return sections


def findings_layout(catalogue) -> bytes:
    """The catalogue's findings grouped by section, as the panel's layout (`layout_bytes`),
    versioned by its content; build it once per series (`components.shell.derived`)."""
    group_sections = dict(zip(catalogue.groups["group_id"], catalogue.groups["section"]))
    grouped: dict[str, list[dict]] = {}
    for row in catalogue.findings.itertuples():
        grouped.setdefault(group_sections[row.group_id], []).append(
            {"id": row.finding_id, "label": row.label, "help": row.description})
    sections = [{"title": title, "open": title == FIRST_OPEN, "findings": items}
                for title, items in grouped.items()]
    version = hashlib.sha1(json.dumps(sections, sort_keys=True).encode()).hexdigest()[:12]
    return layout_bytes(sections, STATE_WORDS, version)


def layout_bytes(sections: Sequence[Mapping], words: Mapping[str, str], version: str) -> bytes:
    """The fixed part of the panel's data, encoded once per series.

    `sections`: [{"title", "open", "findings": [{"id", "label", "help"}]}]; `words`: the
    label of each finding state; `version` names this layout, so the browser rebuilds the
    radios only when it changes (another series).
    """
    return json.dumps({"sections": list(sections), "words": list(words.items()),
                       "version": version}).encode()[:-1]  # the closing brace comes later


def explorer_panel(layout: bytes | None, state: Mapping[str, str], differential: str,
                   summary: str, announce: str, *, key: str, on_set: Callable[[], None],
                   scenario: str = "", has_case: bool = False) -> None:
    """Draw the panel with the findings set as in `state`; `on_set` runs before the rerun
    that follows each click. `differential` and `summary` (the counts kept in sight when
    the differential is not) are escaped HTML; `announce` is plain text for screen readers
    (a live region); `scenario` is plain text saying which case or scenario is loaded;
    `has_case`: a case is loaded, so each section offers to go back to it.

    `layout` may be None when the browser already has it (a rerun of the panel alone,
    after the page drew it). The data goes as bytes (the layout, encoded once, plus this
    run's part), which spares Streamlit walking a nested dict on every rerun.
    """
    rest = json.dumps({"state": dict(state), "differential": differential, "summary": summary,
                       "announce": announce, "scenario": scenario,
                       "has_case": has_case}).encode()
    _PANEL(key=key, data=layout + b", " + rest[1:] if layout else rest, on_set_change=on_set)


def last_event(key: str) -> tuple[object, object] | None:
    """The (finding, value) of the click that caused this rerun, read inside `on_set`;
    unchecked (a browser can send anything), see `imos.teaching.scenario.apply_event`."""
    result = st.session_state[key] if key in st.session_state else {}
    event = result.get(EVENT)
    if isinstance(event, Mapping) and "section" not in event:
        return event.get("finding"), event.get("value")
    return None


def last_section_event(key: str) -> tuple[object, object] | None:
    """The (section title, "unknown" or "case") of a section's button that caused this
    rerun; unchecked, see `imos.teaching.scenario.apply_section`."""
    result = st.session_state[key] if key in st.session_state else {}
    event = result.get(EVENT)
    if isinstance(event, Mapping) and "section" in event:
        return event.get("section"), event.get("value")
    return None
