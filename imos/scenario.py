"""Explorer scenarios: presets from a case, and the shareable URL state (pure).

A link such as `?case=2&nidus=present` loads Case 2 as presented, then overrides one
finding. Anything else in the query string is ignored and reported once, in words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from imos.differential import FINDING_STATES
from imos.text import shorten

# Query parameters Streamlit itself uses; never reported as unknown.
STREAMLIT_PARAMS = frozenset({"embed", "embed_options"})


def parse_query(
    params: Mapping[str, Sequence[str]],
    finding_ids: Iterable[str],
    presets: Mapping[str, Mapping[str, str]],
) -> tuple[dict[str, str], str | None, list[str]]:
    """Turn query parameters (each key with all its values) into explorer state.

    Returns (findings, chosen case id or None, problems). `findings` holds every finding
    id, `unknown` where nothing set it. Problems are short, human-readable and already
    truncated; the caller shows them as plain text.
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
    known = set(finding_ids)
    for key, values in params.items():
        if key == "case" or key in STREAMLIT_PARAMS:
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
    return state, case_id, problems


def to_query(state: Mapping[str, str]) -> dict[str, str]:
    """The URL form of a state: only findings that are known, in a stable order."""
    return {f: v for f, v in sorted(state.items()) if v != "unknown"}


def apply_event(state: Mapping[str, str], finding: object, value: object) -> dict[str, str] | None:
    """The state after one click in the explorer panel, or None when the event names no
    known finding or no valid value (what a browser sends is checked like a link is)."""
    if not isinstance(finding, str) or finding not in state:
        return None
    if not isinstance(value, str) or value not in FINDING_STATES:
        return None
    return {**state, finding: value}
