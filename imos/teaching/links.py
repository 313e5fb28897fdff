"""What a page's link may hold, checked in one place (pure).

Pages whose state is bound to the address bar (`bind="query-params"`) get a link's bad
values silently dropped by Streamlit; pages that take no parameters would ignore them
silently too. `link_problems` names every part of a link a page will not use, so that
the page can say so once, in words.

>>> link_problems({"axis": ["onset"]}, {"axis": ("biopsy", "onset")})
[]
>>> link_problems({"axis": ["sideways"], "x": ["1"]}, {"axis": ("biopsy", "onset")})
["'axis' cannot be 'sideways' (use biopsy or onset)", "unknown parameter 'x'"]
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from imos.teaching.scenario import STREAMLIT_PARAMS
from imos.text import shorten

SHOWN_CHOICES = 8


def link_problems(params: Mapping[str, Sequence[str]],
                  expected: Mapping[str, Collection[str] | None]) -> list[str]:
    """Problems of a link: unknown keys, repeated keys, values outside their choices.

    `expected` maps each key a page reads to the values it accepts, or to None when the
    page checks that key's value itself.
    """
    problems: list[str] = []
    for key, values in params.items():
        if key in STREAMLIT_PARAMS:
            continue
        if key not in expected:
            problems.append(f"unknown parameter '{shorten(key)}'")
            continue
        choices = expected[key]
        if choices is None:
            continue
        values = list(values)
        if len(values) > 1:
            problems.append(f"'{key}' was given more than once")
        elif values and values[0] not in choices:
            problems.append(f"'{key}' cannot be '{shorten(values[0])}' (use {_or_list(choices)})")
    return problems


def _or_list(choices: Collection[str]) -> str:
    shown = list(choices)[:SHOWN_CHOICES]
    more = ", ..." if len(choices) > SHOWN_CHOICES else ""
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + f" or {shown[-1]}" + more
