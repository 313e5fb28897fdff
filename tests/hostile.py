"""Hostile inputs shared by the AppTest and browser tests: links and data text."""

from __future__ import annotations

from pathlib import Path

from components.shell.navigation import DEFAULT_PAGE, PAGES

# url path ("" for the default page) -> page file, for every page of the menu
PAGE_FILES = {("" if page is DEFAULT_PAGE else page.url_path): page.path for page in PAGES}

# Each a query as {key: value or [values]}: unknown ids, wrong values, huge and unicode
# strings, repeated keys, markup.
HOSTILE_QUERIES = {
    "repeated keys": {"case": ["1", "2"], "step": ["1", "2"], "axis": ["onset", "biopsy"]},
    "huge unicode": {"case": "ü😀" * 10_000, "nidus": "ß" * 5_000},
    "wrong values": {"case": "0", "step": "-1", "reveal": "maybe", "present": "2",
                     "nidus": "perhaps", "axis": "sideways"},
    "unknown ids": {"not_a_finding": "present", "case": "../../etc/passwd",
                    "step": "pet_scan"},
    "markup": {"case": "<script>window.__pwned=1</script>", "<img src=x>": "**bold**",
               "step": "[link](javascript:alert(1))"},
    "control characters": {"case": "\x00\x1b[31m", "nidus": "\u202eabsent"},
    "digits that are not ASCII": {"case": "①", "step": "²", "axis": "٣", "reveal": "¹"},
}

# Text planted in a copy of the data: must show as text, never become markup.
SCRIPT = "<script>window.__pwned=1</script>"
IMAGE = "<img src=x onerror=window.__pwned=2>"
MARKDOWN = "**bold** [link](javascript:alert(1)) # heading"


def plant_markup(series_dir: Path) -> None:
    """Put HTML and markdown into a case label and into a finding's wording."""
    cases = series_dir / "cases.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace(
        "label: Case 2", "label: \"Case 2 <b>x</b> **y**\"", 1), encoding="utf-8")
    findings = series_dir / "findings.csv"
    old = ("2,intramedullary_sclerosis,present,sclerotic lesion inside the medulla of the left "
           "femoral shaft (the caption calls it massive)")
    text = findings.read_text(encoding="utf-8")
    assert old in text
    findings.write_text(text.replace(old, f'2,intramedullary_sclerosis,present,"{SCRIPT} {IMAGE} {MARKDOWN}"', 1),
                        encoding="utf-8")


# A markdown image: rendered, it would make every reader's browser fetch an outside address.
REMOTE_IMAGE = "![i](https://e.x/i.png)"
CASE_TEXT_FIELDS = ("label", "bone", "segment", "presenting_complaint", "histology",
                    "treatments_before_surgery", "onset_to_diagnosis_wording", "followup_wording")


def markdown_everywhere(files: dict[str, bytes]) -> dict[str, bytes]:
    """A package with a markdown image in every text a page may show: case fields, the
    series' title and authors, finding and event wordings."""
    import yaml

    cases = yaml.safe_load(files["cases.yaml"])
    for case in cases:
        for field in CASE_TEXT_FIELDS:
            case[field] = f"{REMOTE_IMAGE} {case[field]}"[:60]
    meta = yaml.safe_load(files["series.yaml"])
    meta["title"], meta["authors"] = f"{REMOTE_IMAGE} title", f"{REMOTE_IMAGE} Author A"
    return {**files, "cases.yaml": yaml.safe_dump(cases).encode(),
            "series.yaml": yaml.safe_dump(meta).encode(),
            "findings.csv": files["findings.csv"].replace(b"synthetic present",
                                                          REMOTE_IMAGE.encode()),
            "events.csv": files["events.csv"].replace(b"synthetic biopsy", REMOTE_IMAGE.encode())}
