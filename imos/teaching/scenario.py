"""Explorer scenarios: presets from a case, and the shareable URL state (pure).

A link such as `?case=2&nidus=present` loads Case 2 as presented, then overrides one
finding; `?lit=tuteja_2016` loads a published case of the library (the literature suite) as
coded from its report. Anything else in the query string is ignored and reported once, in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from imos.reasoning.engine import FINDING_STATES
from imos.text import shorten

# The key of a library case in a link (`?lit=tuteja_2016`).
LIBRARY_KEY = "lit"
# Query parameters Streamlit itself uses; never reported as unknown.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})


class LinkedScenario(NamedTuple):
    """What an explorer link loads: every finding's value (`unknown` where the link sets
    nothing), the case it starts from (or None), and what in the link was not used."""

    findings: dict[str, str]
    case_id: str | None
    problems: list[str]
    library_id: str | None = None  # the library case it starts from (`lit=`), if any


def parse_query(
    params: Mapping[str, Sequence[str]],
    finding_ids: Iterable[str],
    presets: Mapping[str, Mapping[str, str]],
    library: Mapping[str, Mapping[str, str]] | None = None,
) -> LinkedScenario:
    """Turn query parameters (each key with all its values) into explorer state.

    `findings` holds every finding id, `unknown` where nothing set it. Problems are
    short, human-readable and already truncated; the caller shows them as plain text.
    """
    finding_ids = list(finding_ids)
    state = {f: "unknown" for f in finding_ids}
    problems: list[str] = []
    case_id = None
    case_values = list(params.get("case", []))
    if case_values:
        if len(case_values) > 1:
            problems.append("'case' was given more than once")
        elif case_values[0] not in presets:
            problems.append(f"no case '{shorten(case_values[0])}' (choose one of "
                            f"{', '.join(presets)})")
        else:
            case_id = case_values[0]
            state.update(presets[case_id])
    library_id = None
    library_values = list(params.get(LIBRARY_KEY, []))
    if library_values:
        library = library or {}
        if len(library_values) > 1:
            problems.append(f"'{LIBRARY_KEY}' was given more than once")
        elif case_id is not None:
            problems.append(f"'{LIBRARY_KEY}' and 'case' cannot both be loaded; 'case' was")
        elif library_values[0] not in library:
            problems.append(f"no published case '{shorten(library_values[0])}' in the library")
        else:
            library_id = library_values[0]
            state.update({f: v for f, v in library[library_id].items() if f in state})
    known = set(finding_ids)
    for key, values in params.items():
        if key in ("case", LIBRARY_KEY) or key in STREAMLIT_PARAMS:
            continue
        if key not in known:
            problems.append(f"unknown parameter '{shorten(key)}'")
            continue
        values = list(values)
        if len(values) != 1:
            problems.append(f"'{key}' was given more than once")
        elif values[0] not in FINDING_STATES:
            problems.append(f"'{key}' cannot be '{shorten(values[0])}' (use present, absent or unknown)")
        else:
            state[key] = values[0]
    return LinkedScenario(state, case_id, problems, library_id)


def to_query(state: Mapping[str, str]) -> dict[str, str]:
    """The URL form of a state: only findings that are known, in a stable order."""
    return {f: v for f, v in sorted(state.items()) if v != "unknown"}


def changes_from(state: Mapping[str, str], preset: Mapping[str, str]) -> dict[str, str]:
    """What `state` sets differently from a case as presented (`unknown` included, where
    the reader cleared a finding the case had), in a stable order."""
    return {f: v for f, v in sorted(state.items()) if v != preset.get(f, "unknown")}


def _changes(state: Mapping[str, str], known: Mapping[str, str],
             preset: Mapping[str, str]) -> dict[str, str]:
    """`changes_from(state, preset)` given `known`, the state's known findings (`to_query`):
    only those and the preset's own findings can differ, so the rest is not walked (this
    runs on every click of the explorer, once per case)."""
    keys = sorted(set(known).union(f for f in preset if f in state))
    return {f: state[f] for f in keys if state[f] != preset.get(f, "unknown")}


def short_query(state: Mapping[str, str], presets: Mapping[str, Mapping[str, str]],
                prefer: str | None = None,
                library: Mapping[str, Mapping[str, str]] | None = None) -> dict[str, str]:
    """The shortest link to a state: what differs from "unknown", or a case and what
    differs from it, whichever names fewer parameters. On a tie a case wins over none
    (it reads better), `prefer` (the case the reader loaded) over other cases.

    >>> short_query({"nidus": "present", "female_sex": "absent"},
    ...             {"1": {"female_sex": "absent"}})
    {'case': '1', 'nidus': 'present'}
    >>> short_query({"nidus": "present"}, {"1": {"female_sex": "absent"}})
    {'nidus': 'present'}

    `library`: the library case the reader loaded (one at most, so a toggle costs no more),
    preferred on a tie:

    >>> short_query({"nidus": "present"}, {}, library={"x_2016": {"nidus": "present"}})
    {'lit': 'x_2016'}
    """
    known = best = to_query(state)
    for case_id in sorted(presets, key=lambda c: c != prefer):  # `prefer` first
        candidate = {"case": case_id, **_changes(state, known, presets[case_id])}
        if len(candidate) <= len(best) and not (len(candidate) == len(best) and "case" in best):
            best = candidate
    for library_id, values in (library or {}).items():
        candidate = {LIBRARY_KEY: library_id, **_changes(state, known, values)}
        if len(candidate) <= len(best):
            best = candidate
    return best


def describe(query: Mapping[str, str], case_labels: Mapping[str, str],
             finding_labels: Mapping[str, str],
             library_labels: Mapping[str, str] | None = None) -> str:
    """In words, what a link from `short_query` loads, for the page to say.

    >>> describe({"case": "2", "nidus": "present"}, {"2": "Case 2"}, {"nidus": "Nidus"})
    'Case 2 as presented, with 1 change: Nidus present.'
    """
    changes = {f: v for f, v in query.items() if f not in ("case", LIBRARY_KEY)}
    listed = ", ".join(f"{finding_labels.get(f, f)} {v}" for f, v in changes.items())
    if "case" in query or LIBRARY_KEY in query:
        if "case" in query:
            text = f"{case_labels.get(query['case'], query['case'])} as presented"
        else:
            name = (library_labels or {}).get(query[LIBRARY_KEY], query[LIBRARY_KEY])
            text = f"{name} as published (coded from its report)"
        if not changes:
            return text + "."
        count = f"{len(changes)} change" + ("s" if len(changes) > 1 else "")
        return f"{text}, with {count}: {listed}."
    if not changes:
        return "No case loaded: every finding unknown."
    return f"No case loaded; {len(changes)} finding{'s' if len(changes) > 1 else ''} set: {listed}."


def apply_event(state: Mapping[str, str], finding: object, value: object) -> dict[str, str] | None:
    """The state after one click in the explorer panel, or None when the event names no
    known finding or no valid value (what a browser sends is checked like a link is)."""
    if not isinstance(finding, str) or finding not in state:
        return None
    if not isinstance(value, str) or value not in FINDING_STATES:
        return None
    return {**state, finding: value}


SECTION_VALUES = ("unknown", "case")


def apply_section(state: Mapping[str, str], finding_ids: Sequence[str] | None, value: object,
                  preset: Mapping[str, str] | None) -> dict[str, str] | None:
    """The state after one click on a section's button: every finding of the section
    unknown (`value` "unknown"), or back to the loaded case's values ("case", `preset`);
    None for anything else (an unknown section, no case loaded, a forged value)."""
    if finding_ids is None or not isinstance(value, str) or value not in SECTION_VALUES:
        return None
    if value == "case" and preset is None:
        return None
    changed = {f: "unknown" if value == "unknown" else (preset or {}).get(f, "unknown")
               for f in finding_ids if f in state}
    return {**state, **changed}
