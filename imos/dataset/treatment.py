"""The paper's treatment story (`treatment.yaml` beside a series' files), validated (pure).

The Discussion argues that the open biopsy also decompressed the medulla and so relieved
the pain; this module reads that argument, each patient's outcome, its limits and what
remains unknown, every point with its place in the paper. A series without the file
(a teacher's own upload) simply has no treatment story.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from imos.data import DataFileError, Problem, read_yaml_file
from imos.dataset.schema import CaseId, _Row, _source, _text

SECTIONS = {
    "procedure": "What was done",
    "argument": "The decompression argument",
    "outcome": "Each patient after the biopsy",
    "limits": "Its limits",
    "unknown": "What remains unknown",
}
FILE_NAME = "treatment.yaml"


class TreatmentPoint(_Row):
    section: Literal["procedure", "argument", "outcome", "limits", "unknown"]
    case_id: CaseId | None = None
    text: str = _text(800)
    source: str = _source()


@dataclass(frozen=True)
class TreatmentStory:
    points: tuple[TreatmentPoint, ...]

    def section(self, name: str) -> tuple[TreatmentPoint, ...]:
        return tuple(p for p in self.points if p.section == name)

    def outcome(self, case_id: str) -> TreatmentPoint | None:
        return next((p for p in self.section("outcome") if p.case_id == case_id), None)


def load_treatment(folder: str | os.PathLike) -> TreatmentStory | None:
    """The story in `folder`, None where the series has none; raises `DataFileError`."""
    if not (Path(folder) / FILE_NAME).is_file():
        return None
    problems: list[Problem] = []
    rows = read_yaml_file(folder, FILE_NAME, TreatmentPoint, problems)
    for number, point in rows:
        if (point.section == "outcome") != (point.case_id is not None):
            problems.append(Problem(FILE_NAME, number, "case_id",
                                    "an outcome names its case; no other point does"))
    if problems:
        raise DataFileError(problems)
    return TreatmentStory(tuple(point for _, point in rows))
