"""Reading the explorer panel (a custom component) in AppTest runs: AppTest cannot click
it, but it sees what the server sends it: the state and the differential as HTML."""

from __future__ import annotations

import json
import re
from html import unescape

from streamlit.testing.v1 import AppTest

VERDICT = re.compile(r'data-status="(\w+)"><summary>.*?<span class="name">(.*?)</span>')
REFERENCE = re.compile(r'<div class="body" data-body="(\w+)"></div>')
REFERENCE_IDS = re.compile(r'data-diagnosis="([^"]+)"')


def panel_data(at: AppTest) -> dict:
    """The panel's data, with each folded text it carries put back in place as the browser
    does (a diagnosis's text travels only while it is open: see `open_every_diagnosis`)."""
    (element,) = at.get("bidi_component")
    data = json.loads(element.proto.bytes)
    # the panel sends the known findings (every AppTest run is a page run, with the layout)
    every = [f["id"] for section in data["sections"] for f in section["findings"]]
    data["state"] = {f: "unknown" for f in every} | data["state"]
    if isinstance(data["differential"], list):  # references to parts, as the browser joins them
        data["differential"] = "".join(data["bodies"][part] for part in data["differential"])
    data["differential"] = REFERENCE.sub(
        lambda m: f'<div class="body">{data["bodies"].get(m.group(1), "")}</div>',
        data["differential"])
    return data


def open_every_diagnosis(at: AppTest) -> AppTest:
    """What a reader who opened every diagnosis has reported (the panel sends the texts of
    open diagnoses only), then the rerun."""
    at.session_state["fx_texts"].open.update(REFERENCE_IDS.findall(
        panel_data(at)["differential"]))
    return at.run()


def statuses(at: AppTest) -> dict[str, str]:
    """Diagnosis label -> status word as shown ("Excluded", "Possible", ...)."""
    return {unescape(name): status.capitalize()
            for status, name in VERDICT.findall(panel_data(at)["differential"])}


def set_findings(at: AppTest, **findings: str) -> AppTest:
    """What a click in the panel does (imos.teaching.scenario.apply_event), then the rerun."""
    at.session_state["fx_state"] = {**at.session_state["fx_state"], **findings}
    return at.run()
