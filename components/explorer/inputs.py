"""What the explorer page reads from the series, the rules and the case library, worked
out once per series and shared by every reader (read-only): a room opening the page at
once would otherwise build the same dictionaries sixty times (bench/README.md)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from components.differential.library_access import short_name
from components.explorer.panel import findings_layout, section_findings
from components.shell.derived import derived
from imos.reasoning import engine as dx
from imos.reasoning.families import family_of


@dataclass(frozen=True)
class ExplorerInputs:
    labels: Mapping[str, str]  # finding id -> label
    diagnoses: Mapping[str, str]  # diagnosis id -> label
    families: Mapping[str, str]  # diagnosis id -> family
    case_labels: Mapping[str, str]  # case id -> "Case 2"
    presets: Mapping[str, Mapping[str, str]]  # case id -> its findings as presented
    finding_ids: Sequence[str]
    sections: Mapping[str, Sequence[str]]  # the panel's sections and their findings
    layout: bytes  # the panel's findings layout (`findings_layout`)
    library: Mapping[str, Mapping[str, str]]  # library case id -> its coded findings
    library_names: Mapping[str, str]  # library case id -> "Tuteja 2016: title"
    published: frozenset[str]  # diagnoses the library has cases of
    ages: Mapping[str, object]  # case or library case id -> age in years, when known


def explorer_inputs(series, knowledge, library_cases: Sequence) -> ExplorerInputs:
    """The explorer's inputs for this series, rules and library (each object kept for the
    life of the process or of an upload, so their identities name them)."""
    def build() -> ExplorerInputs:
        catalogue = series.catalogue
        by_case = dx.all_case_findings(series.findings)
        case_labels = series.case_labels
        return ExplorerInputs(
            labels=catalogue.finding_labels,
            diagnoses=knowledge.diagnosis_labels,
            families=family_of(knowledge),
            case_labels=case_labels,
            presets={c: by_case.get(c, {}) for c in case_labels},
            finding_ids=tuple(catalogue.findings["finding_id"]),
            sections=section_findings(catalogue),
            layout=findings_layout(catalogue),
            library={c.case_id: c.findings for c in library_cases},
            library_names={c.case_id: f"{short_name(c)}: {c.title}" for c in library_cases},
            published=frozenset(c.authors_diagnosis for c in library_cases),
            ages=dict(zip(series.cases["case_id"], series.cases["age"]))
            | {c.case_id: c.age for c in library_cases},
        )
    return derived(series, ("explorer_inputs", id(knowledge), id(library_cases)), build)
