"""The take-home handout: one self-contained HTML file of what was on the screen (pure).

Everything the file needs is inside it (styles and the charts as inline SVG), so it opens
offline in any browser, reads on a phone and prints on A4 or Letter; `imos.files.handout_pdf`
writes the same handout as a PDF. All text from data files is HTML-escaped; only the chart
fragments, SVG written by matplotlib from escaped text, are inserted as they are.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from imos.drawing.bone import bone_svg, drawn_findings
from imos.files.citation import citation_text, doi_url
from imos.reasoning.engine import STATUSES, Verdict
from imos.reasoning.wording import (
    strength_note,
    EFFECT_WORDS,
    STATUS_SYMBOLS,
    conditions_text,
    strongest_first,
    upper_first,
)
from imos.files.verdict_text import verdict_text


@dataclass(frozen=True)
class FindingLine:
    section: str
    label: str
    value: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    fragment: str  # inline SVG (components.charts.static_charts.svg_fragment); "" for the PDF only
    text_alternative: str
    image: bytes | None = None  # the same chart as PNG, for the PDF


@dataclass(frozen=True)
class Handout:
    title: str
    subtitle: str
    findings: Sequence[FindingLine]
    verdicts: Sequence[Verdict]
    finding_labels: Mapping[str, str]
    meta: Mapping
    teaching_note: str
    charts: Sequence[Chart] = ()
    extra: Sequence[tuple[str, Sequence[Mapping[str, object]]]] = ()  # (heading, table rows)
    link: str | None = None
    notes: Sequence[str] = field(default_factory=tuple)
    # what would settle each diagnosis (`imos.reasoning.families.settling`), for the unaddressed mimics
    settle: Mapping[str, Sequence[tuple[str, str, str]]] | None = None
    picture: Mapping[str, str] = field(default_factory=dict)  # the findings drawn on the bone
    images: Sequence = ()  # the package's images shown (`imos.dataset.images.PackageImage`)


CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
       max-width: 60rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; } h2 { margin-top: 2rem; font-size: 1.25rem;
border-bottom: 1px solid #ccc; } .subtitle { color: #444; margin-top: 0; }
.note { background: #fff7d6; border-left: 4px solid #E69F00; padding: .6rem .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #ccc; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; } .status { font-weight: 600; white-space: nowrap; }
.excluded { color: #555; } .unlikely { color: #8a5a00; } .possible { color: #00557f; }
.supported { color: #006b4e; } .conflicting { color: #8b2f6b; } .reason { margin: .15rem 0; } .source { color: #555; font-style: italic; }
.caveat { color: #8a5a00; } figure { margin: 1rem 0; } figcaption { color: #444; font-size: .9rem; }
@media print { .chart { break-inside: avoid; } body { margin: 0; } }
@media (prefers-color-scheme: dark) { body { background: #111; color: #eee; } th { background: #222; }
  .note { background: #332b00; } .source, .subtitle, figcaption { color: #bbb; }
  .excluded { color: #aaa; } .unlikely { color: #f0b94d; } .possible { color: #7cc7f0; }
  .supported { color: #4fd1a5; } .conflicting { color: #e7a3cb; } .caveat { color: #f0b94d; } }
"""


# The chart, the link and the page width: nothing wider than a phone or an A4 page.
LAYOUT_CSS = """
td, th { overflow-wrap: break-word; } figure.chart { margin: 1rem 0; }
@media (max-width: 600px) {  /* a phone: each table row becomes a card, cells one under another */
  table, tbody, tr, td { display: block; width: auto; } thead { display: none; }
  tr { border: 1px solid #ccc; margin: 0 0 .7rem; } td { border: 0; overflow-wrap: anywhere; }
  td + td { border-top: 1px dotted #ccc; } }
svg.static-chart { display: block; width: 100%; height: auto; background: #fff; }
.link a { overflow-wrap: anywhere; } .link details { font-size: .85rem; }
.link code { display: block; overflow-wrap: anywhere; white-space: normal; }
@media print { .link details { display: none; } }
details.more > summary { cursor: pointer; color: #00557f; margin: .4rem 0; }
ul.found { padding-left: 1.1rem; } ul.found li { margin: .2rem 0; }
figure.bone svg { display: block; width: 100%; height: auto; max-width: 48rem; }
/* printed, a folded section prints open (browsers that style the fold's content) */
@media print { details.more::details-content { content-visibility: visible; display: block; }
  details.more > summary { display: none; } }
"""
VALUE_MARKS = {"present": "✚", "absent": "−"}
STRENGTH_ORDER = ("hallmark", "exclusion", "strong", "weak", "neutral")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _findings_table(lines: Sequence[FindingLine]) -> str:
    if not lines:
        return "<p>No finding set: every finding is unknown.</p>"
    rows = "".join(
        f"<tr><td>{_e(f.section)}</td><td>{_e(f.label)}</td><td>{_e(f.value)}</td>"
        f"<td>{_e(f.note)}{' <span class=source>(' + _e(f.source) + ')</span>' if f.source else ''}"
        "</td></tr>"
        for f in lines
    )
    return ("<table><thead><tr><th>Examination</th><th>Finding</th><th>Value</th>"
            f"<th>Wording and source</th></tr></thead><tbody>{rows}</tbody></table>")


def _reason(reason, labels: Mapping[str, str]) -> str:
    condition = conditions_text(reason, labels)
    text = (f"<div class=reason>[{reason.strength}] <b>{_e(upper_first(condition))}</b> "
            f"{EFFECT_WORDS[reason.effect]} it: {_e(reason.rationale)} "
            f"<i>Why {reason.strength}: {_e(strength_note(reason))}</i> "
            f"<span class=source>({_e(reason.source)})</span>")
    if reason.caveat:
        text += (f"<br><span class=caveat>Caveat: {_e(reason.caveat)}</span> "
                 f"<span class=source>({_e(reason.caveat_source)})</span>")
    return text + "</div>"


def _unaddressed(verdict: Verdict, labels: Mapping[str, str], names: Mapping[str, str],
                 settle) -> str:
    lines = verdict_text(verdict, labels, names, settle).unaddressed
    if not lines:
        return ""
    return (f"<div class=reason><i>{_e(lines[0])}</i>"
            + ("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in lines[1:]) + "</ul>"
               if lines[1:] else "") + "</div>")


def _verdicts_table(verdicts: Sequence[Verdict], labels: Mapping[str, str],
                    settle=None) -> str:
    ordered = strongest_first(verdicts)
    names = {v.diagnosis_id: v.label for v in verdicts}
    rows = "".join(
        f"<tr><td>{_e(v.label)}</td><td class='status {v.status}'>"
        f"{STATUS_SYMBOLS[v.status]} {v.status}</td><td>"
        + ("".join(_reason(r, labels) for r in v.reasons) or "No rule fires on these findings.")
        + (f"<div class=reason><i>A diagnosis of exclusion; still open before it: "
           f"{_e(', '.join(names[d] for d in v.standing))}</i></div>"
           if v.standing else "")
        + _unaddressed(v, labels, names, settle)
        + "</td></tr>"
        for v in ordered
    )
    return ("<table><thead><tr><th>Diagnosis</th><th>Status</th><th>Rules that fired, with "
            f"sources</th></tr></thead><tbody>{rows}</tbody></table>")


def _short_reason(reason, labels: Mapping[str, str]) -> str:
    condition = upper_first(conditions_text(reason, labels))
    return (f"[{reason.strength}] {_e(condition)} {EFFECT_WORDS[reason.effect]} it "
            f"<span class=source>({_e(reason.source)})</span>")


def _verdicts_summary(verdicts: Sequence[Verdict], labels: Mapping[str, str]) -> str:
    """One row per diagnosis: its status and its strongest rule in short."""
    rows = []
    for v in strongest_first(verdicts):
        strongest = sorted(v.reasons, key=lambda r: STRENGTH_ORDER.index(r.strength))
        why = _short_reason(strongest[0], labels) if strongest else "No rule fires."
        if len(strongest) > 1:
            why += f" <i>and {len(strongest) - 1} more</i>"
        rows.append(f"<tr><td>{_e(v.label)}</td><td class='status {v.status}'>"
                    f"{STATUS_SYMBOLS[v.status]} {v.status}</td><td>{why}</td></tr>")
    return ("<table><thead><tr><th>Diagnosis</th><th>Status</th><th>Strongest rule</th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _findings_summary(lines: Sequence[FindingLine]) -> str:
    """The findings by examination, one line each: ✚ present, − absent."""
    if not lines:
        return "<p>No finding set: every finding is unknown.</p>"
    sections: dict[str, list[str]] = {}
    for f in lines:
        sections.setdefault(f.section, []).append(f"{VALUE_MARKS.get(f.value, _e(f.value))} "
                                                  f"{_e(f.label)}")
    return "<ul class=found>" + "".join(f"<li><b>{_e(section)}</b>: {'; '.join(items)}</li>"
                                        for section, items in sections.items()) + "</ul>"


def _images_section(images: Sequence) -> str:
    """The package's images, each inline (a data address: the file stays self-contained)
    with its caption, credit and licence."""
    if not images:
        return ""
    figures = "".join(
        f"<figure class=chart><img alt='{_e(image.caption)}' style='max-width:100%;height:auto' "
        f"src='data:{image.mime};base64,{base64.b64encode(image.data).decode()}'>"
        f"<figcaption>{_e(image.caption)} — {_e(image.credit)} ({_e(image.licence)})"
        "</figcaption></figure>" for image in images)
    return "<h2>Images</h2>" + figures


def _fold(summary: str, content: str) -> str:
    return f"<details class=more><summary>{_e(summary)}</summary>{content}</details>"


def _bone_figure(picture: Mapping[str, str], labels: Mapping[str, str]) -> str:
    if not drawn_findings(picture):
        return ""
    return ("<h2>The findings on a bone (schematic)</h2><figure class=bone>"
            + bone_svg(picture, labels, ident="handout-bone")
            + "<figcaption>A drawing of the findings set as present, not an image of the "
              "patient.</figcaption></figure>")


def _rows_table(rows: Sequence[Mapping[str, object]]) -> str:
    if not rows:
        return ""
    columns = list(rows[0])
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{_e(r[c])}</td>" for c in columns) + "</tr>"
                   for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _chart_section(chart: Chart) -> list[str]:
    """A chart (inline SVG, white behind it in both themes) and its text alternative."""
    return [f"<h2>{_e(chart.title)}</h2><figure class=chart>{chart.fragment}",
            f"<figcaption>Text alternative: {_e(chart.text_alternative)}</figcaption></figure>"]


LINK_SHOWN = 72


def link_text(link: str, limit: int = LINK_SHOWN) -> str:
    """A long app address cut short for reading: host, page, the first settings and a count.

    >>> link_text("http://h/explorer?a=1&b=2", 60)
    'h/explorer?a=1&b=2'
    """
    parts = urlsplit(link)
    short = parts.netloc + parts.path + (f"?{parts.query}" if parts.query else "")
    if len(short) <= limit:
        return short
    settings = parts.query.split("&")
    shown = []
    for setting in settings:
        if len(parts.netloc + parts.path + "?" + "&".join(shown + [setting])) > limit - 24:
            break
        shown.append(setting)
    more = len(settings) - len(shown)
    return (f"{parts.netloc}{parts.path}?{'&'.join(shown)}"
            f"{'&' if shown else ''}… (+{more} more setting{'s' if more != 1 else ''})")


def _link_paragraph(link: str) -> str:
    """The scenario's address: short words as the link, the whole address folded away."""
    return (f"<div class=link><p>Open this scenario in the app: <a href='{_e(link)}'>"
            f"{_e(link_text(link))}</a></p><details><summary>The whole address</summary>"
            f"<code>{_e(link)}</code></details></div>")


def render_handout(handout: Handout, today: date | None = None) -> str:
    """The whole handout as one HTML document."""
    meta = handout.meta
    counts = ", ".join(
        f"{sum(v.status == s for v in handout.verdicts)} {s}" for s in STATUSES)
    parts = [
        "<!doctype html><html lang=en><head><meta charset=utf-8>",
        "<meta name=viewport content='width=device-width, initial-scale=1'>",
        f"<title>{_e(handout.title)}</title><style>{CSS}{LAYOUT_CSS}</style>",
    ]
    parts += [
        "</head><body>",
        f"<h1>{_e(handout.title)}</h1><p class=subtitle>{_e(handout.subtitle)}</p>",
        f"<p class=note><b>For teaching only, not for clinical decisions.</b> "
        f"{_e(handout.teaching_note)}</p>",
        "<h2>Findings</h2>", _findings_summary(handout.findings),
        _fold("Every finding with the paper's wording and its source",
              _findings_table(handout.findings)) if handout.findings else "",
        _bone_figure(handout.picture, handout.finding_labels),
        _images_section(handout.images),
        f"<h2>Differential</h2><p>{_e(counts)}.</p>",
        _verdicts_summary(handout.verdicts, handout.finding_labels),
        _fold("Every rule that fired: its reasoning, its strength, its caveats and sources",
              _verdicts_table(handout.verdicts, handout.finding_labels, handout.settle)),
    ]
    for heading, rows in handout.extra:
        parts += [f"<h2>{_e(heading)}</h2>", _fold(f"Show the table ({len(rows)} rows)",
                                                   _rows_table(rows))]
    for chart in handout.charts:
        parts += _chart_section(chart)
    parts += ["<h2>Notes</h2><ul>"]
    parts += [f"<li>{_e(n)}</li>" for n in handout.notes]
    parts += [
        "<li>Statuses come from a small teaching rule base (see the app's Differential "
        "criteria page): an unknown finding never excludes anything.</li></ul>",
        "<h2>Source</h2>",
        f"<p>{_e(citation_text(meta))}. "
        + (f"<a href='{_e(doi_url(meta))}'>{_e(doi_url(meta))}</a>. " if doi_url(meta) else "")
        + f"Licence: {_e(meta['licence'])}</p>",
    ]
    if handout.link:
        parts.append(_link_paragraph(handout.link))
    parts.append(f"<p class=source>Made with IMOS Case Explorer on "
                 f"{(today or date.today()).isoformat()}.</p></body></html>")
    return "".join(parts)
