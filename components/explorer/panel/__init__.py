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

import functools
import hashlib
import html
import json
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import streamlit as st

from components.charts.bone_view import CAPTION as BONE_CAPTION
from components.charts.palette import DARK_TEXT, STATUS_COLOURS

STATIC = Path(__file__).resolve().parents[3] / "static"
SCRIPT, STYLE = STATIC / "explorer-panel.js", STATIC / "explorer-panel.css"


def _versioned(path: Path) -> str:
    """The file's address under Streamlit's static serving (`server.enableStaticServing`),
    relative to the page, with its content's hash so a new version is never read from a
    browser's cache."""
    digest = hashlib.sha1(path.read_bytes()).hexdigest()[:10]
    return f"app/static/{path.name}?v={digest}"


# The panel's code and style are files the browser fetches once and caches; what travels
# with every rerun is this loader, a few hundred bytes, instead of 10 KB of JavaScript and
# CSS (bench/README.md). It renders only once the style has loaded, so nothing is drawn
# unstyled.
LOADER = """export default function (component) {
  const link = component.parentElement.querySelector("link[data-xp]");
  link.xpReady ||= Promise.all([import(new URL("%s", location.href).href),
    link.sheet ? null : new Promise((done) => { link.addEventListener("load", done, { once: true });
      link.addEventListener("error", done, { once: true }); })]);
  link.xpReady.then(([panel]) => panel.default(component));
}""" % _versioned(SCRIPT)
STATUS_CSS = "".join(f".xp .badge.{s}{{background:{c};color:{DARK_TEXT}}}"
                     for s, c in STATUS_COLOURS.items())
_PANEL = st.components.v2.component(
    "imos_explorer_panel",
    html=f'<link rel="stylesheet" data-xp href="{_versioned(STYLE)}">'
         '<div class="xp"><section aria-label="Findings">'
         '<p class="xp-scenario"></p>'
         '<div class="xp-summary" aria-hidden="true"></div><div class="fp"></div></section>'
         '<section aria-label="Differential"><div class="dx"></div>'
         '<p class="xp-live" role="status" aria-live="polite"></p></section></div>'
         '<figure class="xp-bone bone-view"><div class="xp-bone-svg"></div>'
         f'<figcaption>{html.escape(BONE_CAPTION)}</figcaption></figure>',
    css=STATUS_CSS,
    js=LOADER,
)
EVENT = "set"
# The browser asks for the folded texts it lacks (a diagnosis just opened) with this event.
NEED = "need"
# A diagnosis's folded text (its rules and sources) in the differential's HTML: the panel
# sends a reference to it, and the text only while the diagnosis is open in the browser
# and the browser does not hold it yet (`split_bodies`).
BODY = re.compile(r'(<details class="verdict" data-diagnosis="([^"]*)"[^>]*><summary>.*?</summary>)'
                  r'<div class="body">(.*?)</div></details>', re.S)
MOST_REPORTED = 64  # ids a browser may report at once (it has about twenty)
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


def split_bodies(differential: str) -> tuple[str, dict[str, tuple[set[str], str]]]:
    """The differential with each diagnosis's folded text replaced by a reference to it
    (`<div class="body" data-body="HASH"></div>`), and {HASH: (diagnosis ids, text)} (two
    diagnoses can have the same text: no rule fired on either).

    Most of a differential's bytes are these texts, and the reader sees a text only when
    they open its diagnosis: the panel sends the others as references.

    >>> split_bodies('<details class="verdict" data-diagnosis="a"><summary>A</summary>'
    ...              '<div class="body"><p>x</p></div></details>')[1]
    {'aa4022727e': ({'a'}, '<p>x</p>')}
    """
    bodies: dict[str, tuple[set[str], str]] = {}

    def reference(match: re.Match) -> str:
        head, diagnosis, text = match.groups()
        digest = hashlib.sha1(text.encode()).hexdigest()[:10]
        bodies.setdefault(digest, (set(), text))[0].add(diagnosis)
        return f'{head}<div class="body" data-body="{digest}"></div></details>'

    return BODY.sub(reference, differential), bodies


def _references(parts: Sequence[tuple[str, str]], texts: "FoldedTexts | None",
                bodies: dict[str, str]) -> list[str]:
    """Each (digest, part)'s reference; the parts this browser does not hold go into
    `bodies`."""
    references = []
    for digest, part in parts:
        references.append(digest)
        if texts is None or digest not in texts.sent:
            bodies[digest] = part
            if texts is not None:
                texts.sent.add(digest)
    return references


def _digested(parts: Iterable[str]) -> tuple[tuple[str, str], ...]:
    return tuple((hashlib.sha1(part.encode()).hexdigest()[:10], part) for part in parts)


# A state's differential and bone are the same strings for every reader (the views' memo
# shares them), so their parts and digests are worked out once per string, not per click
# (a py-spy profile of toggles: a seventh of a toggle's server time went to cutting them
# anew). Bounded like the views' memo, a few hundred states.
PARTS_KEPT = 256


@functools.lru_cache(maxsize=PARTS_KEPT)
def differential_parts(differential: str) -> tuple[tuple[tuple[str, str], ...],
                                                   tuple[tuple[str, frozenset[str], str], ...]]:
    """The differential's parts as (digest, part), its folded texts replaced by references
    (`split_bodies`, `split_differential`), and its folded texts as (digest, diagnoses,
    text)."""
    shown, bodies = split_bodies(differential)
    return (_digested(split_differential(shown)),
            tuple((digest, frozenset(diagnoses), text)
                  for digest, (diagnoses, text) in bodies.items()))


@functools.lru_cache(maxsize=PARTS_KEPT)
def svg_parts(svg: str) -> tuple[tuple[str, str], ...]:
    """The drawing's parts as (digest, part) (`split_svg`)."""
    return _digested(split_svg(svg))


# A diagnosis, a family's fold or section, or the text between them (after `split_bodies`).
DIFFERENTIAL_CUT = re.compile(r'(?=<details class="(?:verdict|fold)")|(?=<section)'
                              r'|(?<=</details>)|(?<=</section>)')


def split_differential(differential: str) -> list[str]:
    """The differential's HTML in parts that join back to it: each diagnosis, each fold's
    and section's opening and closing, and what comes between.

    >>> split_differential('<h3>D</h3><section><details class="verdict">a</details></section>')
    ['<h3>D</h3>', '<section>', '<details class="verdict">a</details>', '</section>']
    """
    return [part for part in DIFFERENTIAL_CUT.split(differential) if part]


# The drawing's elements (imos.drawing.shapes.to_svg writes flat groups of shapes): a shape,
# a text, a title, a description, a group's start or end, the drawing's start or end.
SVG_ELEMENT = re.compile(r'<(text|title|desc)\b[^>]*>[^<]*</\1>|<[^>]*/>|</?g\b[^>]*>|</?svg\b[^>]*>')
CHUNK = 3  # shapes per part on average


def split_svg(svg: str) -> list[str]:
    """The SVG in parts that join back to it: every group starts a part and ends one, and
    within a group a part ends after a shape whose hash says so (one in `CHUNK`). The cuts
    depend only on the shapes themselves, so a finding added to the drawing changes the
    parts that hold its shapes and its line of the key, and leaves the others as they
    were: the browser holds those already.

    >>> split_svg('<svg><desc>d</desc><g id="a" class="x"><title>A</title></g></svg>')
    ['<svg><desc>d</desc>', '<g id="a" class="x"><title>A</title></g>', '</svg>']
    """
    elements = [m.group() for m in SVG_ELEMENT.finditer(svg)]
    if "".join(elements) != svg:  # not drawn by to_svg: one part
        return [svg] if svg else []
    parts, current = [], ""
    for index, element in enumerate(elements):
        following = elements[index + 1] if index + 1 < len(elements) else ""
        current += element
        if (element == "</g>" or following.startswith("<g ")
                or (element.endswith(("/>", "</text>")) and zlib.crc32(element.encode()) % CHUNK == 0)):
            parts.append(current)
            current = ""
    if current:
        parts.append(current)
    return parts


def explorer_panel(layout: bytes | None, state: Mapping[str, str], differential: str,
                   summary: str, announce: str, *, key: str, on_set: Callable[[], None],
                   scenario: str = "", has_case: bool = False,
                   texts: "FoldedTexts | None" = None, bone: str = "") -> None:
    """Draw the panel with the findings set as in `state`; `on_set` runs before the rerun
    that follows each click. `differential` and `summary` (the counts kept in sight when
    the differential is not) are escaped HTML; `announce` is plain text for screen readers
    (a live region); `scenario` is plain text saying which case or scenario is loaded;
    `has_case`: a case is loaded, so each section offers to go back to it.

    `layout` may be None when the browser already has it (a rerun of the panel alone,
    after the page drew it). The data goes as bytes (the layout, encoded once, plus this
    run's part), which spares Streamlit walking a nested dict on every rerun.

    `texts`, when given, says which folded texts this browser holds, which diagnoses it has
    open and which texts it asked for: only the texts it needs and lacks are sent.

    With `texts`, the differential itself goes in parts (`split_differential`: a
    diagnosis or a heading each) and `bone`, the SVG of the schematic bone drawn under the
    panel, in parts of a few shapes (`split_svg`); each part travels as a reference, with
    its markup only when the browser does not hold it. A toggle sends what it changed
    (the counts, the diagnoses that moved, the finding drawn and its line of the key),
    not the whole differential and bone again.
    """
    bodies: dict[str, str] = {}
    fresh = texts is None or not texts.sent  # the browser replaces the texts it keeps
    callbacks = {}
    shown: str | list[str] = differential
    if texts is not None:
        parts, folded = differential_parts(differential)
        bodies = {h: text for h, diagnoses, text in folded
                  if h in texts.asked or (h not in texts.sent and diagnoses & texts.open)}
        texts.sent.update(bodies)
        texts.asked.clear()
        callbacks = {"on_need_change": texts.on_need}
        shown = _references(parts, texts, bodies)
    drawing = _references(svg_parts(bone), texts, bodies)
    known = {f: v for f, v in state.items() if v != "unknown"}  # the rest is unknown
    rest = json.dumps({"state": known, "differential": shown, "summary": summary,
                       "announce": announce, "scenario": scenario, "bodies": bodies,
                       "fresh": fresh, "has_case": has_case, "bone": drawing}).encode()
    _PANEL(key=key, data=layout + b", " + rest[1:] if layout else rest, on_set_change=on_set,
           **callbacks)


class FoldedTexts:
    """What one browser holds of the differential's folded texts, kept in the session:
    `sent` (references whose text it has), `open` (diagnoses it reported open) and `asked`
    (references it asked for, opening a diagnosis). Anything the browser reports is
    bounded and only ever compared with ids, never shown."""

    def __init__(self, key: str) -> None:
        self.key = key
        self.sent: set[str] = set()
        self.open: set[str] = set()
        self.asked: set[str] = set()

    def reported(self, event: object) -> None:
        """Read the open diagnoses (and asked texts) an event of the browser carries."""
        if not isinstance(event, Mapping):
            return
        for name, into in (("open", self.open), ("asked", self.asked)):
            values = event.get(name)
            if isinstance(values, list):
                if name == "open":
                    into.clear()
                into.update(v for v in values[:MOST_REPORTED] if isinstance(v, str) and len(v) < 80)

    def on_need(self) -> None:
        """The browser opened a diagnosis whose text it lacks."""
        result = st.session_state[self.key] if self.key in st.session_state else {}
        self.reported(result.get(NEED))

    def forget(self) -> None:
        """The browser may have drawn the panel anew (a page run): it holds nothing."""
        self.sent.clear()


def last_event(key: str) -> tuple[object, object] | None:
    """The (finding, value) of the click that caused this rerun, read inside `on_set`;
    unchecked (a browser can send anything), see `imos.teaching.scenario.apply_event`."""
    result = st.session_state[key] if key in st.session_state else {}
    event = result.get(EVENT)
    if isinstance(event, Mapping) and "section" not in event:
        return event.get("finding"), event.get("value")
    return None


def last_set_event(key: str) -> object:
    """The whole payload of the click that caused this rerun (unchecked)."""
    result = st.session_state[key] if key in st.session_state else {}
    return result.get(EVENT)


def last_section_event(key: str) -> tuple[object, object] | None:
    """The (section title, "unknown" or "case") of a section's button that caused this
    rerun; unchecked, see `imos.teaching.scenario.apply_section`."""
    result = st.session_state[key] if key in st.session_state else {}
    event = result.get(EVENT)
    if isinstance(event, Mapping) and "section" in event:
        return event.get("section"), event.get("value")
    return None
