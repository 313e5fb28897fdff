"""Handout downloads for the explorer and the walk-through (built only when clicked).

A handout is built once as data (`imos.files.handout.Handout`) and written as HTML (inline SVG
chart) or as PDF (PNG chart, A4 or Letter); `chart_format` says which chart it carries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from components.shell.notes import TEACHING_NOTE
from components.charts.palette import STATUS_COLOURS
from components.charts.static_charts import status_grid_file, svg_fragment
from components.files.build_limits import bounded
from imos.reasoning.engine import Verdict, moved
from imos.reasoning.questions import next_questions
from imos.reasoning.families import settling
from imos.files.handout import Chart, FindingLine, Handout, render_handout
from imos.files.handout_pdf import PAPER_SIZES, render_handout_pdf
from imos.teaching.replay import ReplayedStep, Step, initial_verdicts, replay_summary

TEACHING_TEXT = TEACHING_NOTE.replace("**For teaching only, not for clinical decisions.** ", "")


@dataclass(frozen=True)
class Column:
    """One column of the status chart (the explorer's scenario has exactly one)."""

    label: str
    replayed: ReplayedStep
    judgements: tuple = ()


def status_chart(columns: Sequence, labels: Mapping[str, str], title: str,
                 chart_format: str = "svg") -> Chart:
    """The status grid as inline SVG (HTML handout) or PNG (PDF handout)."""
    summary = replay_summary([(c.label, c.replayed) for c in columns], labels)
    drawn = status_grid_file(list(columns), initial_verdicts(), chart_format)
    if chart_format == "svg":
        return Chart(title, svg_fragment(drawn, title), summary)
    return Chart(title, "", summary, image=drawn)


def as_html(handout: Handout) -> str:
    return render_handout(handout)


def as_pdf(handout: Handout, paper: str) -> bytes:
    return render_handout_pdf(handout, STATUS_COLOURS, paper)


def explorer_handout(state: Mapping[str, str], verdicts: Sequence[Verdict], series,
                     diagnoses: Mapping[str, str], link: str | None,
                     chart_format: str = "svg") -> Handout:
    catalogue = series.catalogue
    findings = catalogue.findings.merge(catalogue.groups[["group_id", "label"]], on="group_id",
                                        suffixes=("", "_group"))
    lines = [FindingLine(row.label_group, row.label, state[row.finding_id], row.description)
             for row in findings.itertuples() if state.get(row.finding_id, "unknown") != "unknown"]
    known = {f: v for f, v in state.items() if v != "unknown"}
    replayed = ReplayedStep(Step("explorer", "Your findings", tuple(known)), known,
                            tuple(verdicts), moved(initial_verdicts(), verdicts))
    handout = Handout(
        settle=settling(next_questions(known)),
        title="IMOS Case Explorer: differential scenario",
        subtitle=f"{len(lines)} finding(s) set; every other finding unknown.",
        findings=lines, verdicts=verdicts,
        finding_labels=catalogue.finding_labels,
        meta=series.meta, teaching_note=TEACHING_TEXT,
        charts=[status_chart([Column("Your findings", replayed)], diagnoses,
                             "Status of each diagnosis", chart_format)],
        link=link, picture=known,
    )
    return handout


def walkthrough_handout(case_label: str, steps: Sequence, upto: int, series, case_id: str,
                        diagnoses: Mapping[str, str], score_rows: Sequence[Mapping[str, object]],
                        link: str | None, chart_format: str = "svg",
                        room_rows: Sequence[Mapping[str, object]] = ()) -> Handout:
    """The walk-through up to stage `upto` (1-based): findings so far, verdicts, scores,
    and the live room's votes when the room voted."""
    catalogue = series.catalogue
    labels = catalogue.finding_labels
    rows = series.findings[series.findings["case_id"] == case_id].set_index("finding_id")
    shown = steps[:upto]
    lines = [
        FindingLine(step.label, labels[f], v, rows.loc[f, "wording"], rows.loc[f, "source"])
        for step in shown for f, v in step.replayed.revealed.items() if v != "unknown"
    ]
    last = shown[-1]
    judgements = [
        {"stage": step.label, "diagnoses": ", ".join(diagnoses.get(d, d) for d in j.diagnosis_ids),
         "the paper": j.wording, "source": j.source}
        for step in shown for j in step.judgements
    ]
    extra = [("The paper's own judgements", judgements)] if judgements else []
    if room_rows:
        extra.insert(0, ("The room's votes, stage by stage", room_rows))
    if score_rows:
        extra.insert(0, ("The score, stage by stage", score_rows))
    known = {f: v for step in shown for f, v in step.replayed.revealed.items()}
    handout = Handout(
        settle=settling(next_questions(known)),
        title=f"IMOS Case Explorer: walk-through of {case_label}",
        subtitle=f"Up to stage {upto} of {len(steps)} ({last.label}).",
        findings=lines, verdicts=last.replayed.verdicts, finding_labels=labels,
        meta=series.meta, teaching_note=TEACHING_TEXT, extra=extra,
        charts=[status_chart(shown, diagnoses, "Each diagnosis, stage by stage", chart_format)],
        link=link, picture=known,
        images=[image for image in getattr(series, "images", ()) if image.case_id == case_id
                and any(image.examination_id in step.examination_ids for step in shown)],
    )
    return handout


def handout_buttons(build: Callable[[str], Handout], file_stem: str, key: str):
    """HTML and PDF (A4, Letter) downloads in one row, each generated only when clicked.

    `build(chart_format)` makes the handout. Returns the row (a horizontal container that
    wraps on a phone), so a slides button can stand beside them.
    """
    row = st.container(horizontal=True, key=f"{key}_row")
    row.download_button(
        "Download handout (HTML)", data=bounded(lambda: as_html(build("svg"))),
        file_name=f"{file_stem}.html", mime="text/html", key=key, icon=":material/download:",
        on_click="ignore", help="One self-contained HTML file: opens offline in any browser, "
                                "reads on a phone, prints on A4 or Letter.")
    for paper in PAPER_SIZES:
        row.download_button(
            f"Download handout (PDF, {paper})", data=bounded(_pdf_builder(build, paper)),
            file_name=f"{file_stem}-{paper.lower()}.pdf", mime="application/pdf",
            key=f"{key}_pdf_{paper.lower()}", icon=":material/picture_as_pdf:",
            on_click="ignore", help=f"The same handout as a PDF on {paper} paper: no print "
                                    "dialog needed.")
    return row


def _pdf_builder(build: Callable[[str], Handout], paper: str) -> Callable[[], bytes]:
    return lambda: as_pdf(build("png"), paper)
