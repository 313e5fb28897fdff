"""The finding catalogue, the vocabulary every series shares: finding ids and their
groups, the examinations that reveal them, pain levels. Loaded and checked as a whole."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from imos.dataset import schema
from imos.dataset.problems import DataFileError, Problem, check_unique, to_frame
from imos.dataset.sources import DEFAULT_CATALOGUE_DIR, read_csv_file

CATALOGUE_FILES = ("groups.csv", "findings.csv", "pain_levels.csv")


@dataclass(frozen=True)
class Catalogue:
    """The vocabulary shared by every series: finding ids, their groups, pain levels."""

    groups: pd.DataFrame
    findings: pd.DataFrame
    pain_levels: pd.DataFrame
    examinations: pd.DataFrame

    @property
    def finding_labels(self) -> dict[str, str]:
        """Finding id -> label, in catalogue order."""
        return dict(zip(self.findings["finding_id"], self.findings["label"]))

    @property
    def group_labels(self) -> dict[str, str]:
        """Group id -> label (the modality headings), in group order."""
        return dict(zip(self.groups["group_id"], self.groups["label"]))

    @property
    def pain_level_labels(self) -> dict[str, str]:
        """Pain level id -> label."""
        return dict(zip(self.pain_levels["level_id"], self.pain_levels["label"]))

    @property
    def examination_short_labels(self) -> dict[str, str]:
        """Examination id -> its short label, in the order examinations are done."""
        return dict(zip(self.examinations["examination_id"], self.examinations["short_label"]))

    def markdown_table(self) -> str:
        """The finding list as a Markdown table (`python -m imos findings` prints it; the
        docs point to that command instead of copying the list)."""
        lines = ["| finding_id | label | revealed by the examination |", "| --- | --- | --- |"]
        lines += [f"| `{f.finding_id}` | {f.label} | {f.examination} |"
                  for f in self.findings.itertuples()]
        return "\n".join(lines) + "\n"


def load_catalogue(path: str | os.PathLike | None = None) -> Catalogue:
    """Load the finding catalogue (groups, findings, pain levels) from `path`."""
    folder = Path(path) if path is not None else DEFAULT_CATALOGUE_DIR
    problems: list[Problem] = []
    groups = read_csv_file(folder, "groups.csv", schema.FindingGroup, problems)
    findings = read_csv_file(folder, "findings.csv", schema.FindingDefinition, problems)
    pain_levels = read_csv_file(folder, "pain_levels.csv", schema.PainLevel, problems)
    examinations = read_csv_file(folder, "examinations.csv", schema.Examination, problems)
    check_unique("groups.csv", groups, ("group_id",), problems)
    check_unique("examinations.csv", examinations, ("examination_id",), problems)
    check_unique("findings.csv", findings, ("finding_id",), problems)
    check_unique("pain_levels.csv", pain_levels, ("level_id",), problems)
    group_ids = {g.group_id for _, g in groups}
    for number, finding in findings:
        if finding.group_id not in group_ids:
            problems.append(
                Problem("findings.csv", number, "group_id", f"unknown group '{finding.group_id}'")
            )
    examination_ids = {e.examination_id for _, e in examinations}
    for number, finding in findings:
        if finding.examination not in examination_ids:
            problems.append(
                Problem("findings.csv", number, "examination",
                        f"unknown examination '{finding.examination}'")
            )
    if problems:
        raise DataFileError(problems)
    groups_df = to_frame(groups).sort_values("order", kind="stable").reset_index(drop=True)
    findings_df = to_frame(findings)
    order = {g: i for i, g in enumerate(groups_df["group_id"])}
    findings_df["group_order"] = findings_df["group_id"].map(order)
    findings_df = findings_df.sort_values("group_order", kind="stable").reset_index(drop=True)
    examinations_df = (
        to_frame(examinations).sort_values("order", kind="stable").reset_index(drop=True)
    )
    return Catalogue(groups=groups_df, findings=findings_df, pain_levels=to_frame(pain_levels),
                     examinations=examinations_df)
