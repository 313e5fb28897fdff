"""Reading the explorer panel (a custom component) in AppTest runs: AppTest cannot click
it, but it sees what the server sends it: the state and the differential as HTML."""

from __future__ import annotations

import json
import re
from html import unescape

from streamlit.testing.v1 import AppTest

VERDICT = re.compile(r'data-status="(\w+)"><summary>.*?<span class="name">(.*?)</span>')


def panel_data(at: AppTest) -> dict:
    (element,) = at.get("bidi_component")
    return json.loads(element.proto.bytes)


def statuses(at: AppTest) -> dict[str, str]:
    """Diagnosis label -> status word as shown ("Excluded", "Possible", ...)."""
    return {unescape(name): status.capitalize()
            for status, name in VERDICT.findall(panel_data(at)["differential"])}


def set_findings(at: AppTest, **findings: str) -> AppTest:
    """What a click in the panel does (imos.teaching.scenario.apply_event), then the rerun."""
    at.session_state["fx_state"] = {**at.session_state["fx_state"], **findings}
    return at.run()
