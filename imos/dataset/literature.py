"""The literature suite: published case reports of IMOS and its mimics, one YAML file each
in `data/literature/cases/`, coded only from what their text says (see
`data/literature/README.md`). Validated here like a data package: every problem named in
plain words (file, field, message), never a traceback.

`load_literature()` returns the cases, each with its `findings` as {finding_id: value}
(`present` or `absent`; a finding the text does not mention is left out). The diagnosis
ids are checked against the knowledge base by the reasoning layer's tests, not here (this
layer does not import the reasoning).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from imos.dataset.catalogue import Catalogue, load_catalogue
from imos.dataset.cross_checks import nesting_pairs
from imos.dataset.problems import DataFileError, Problem, problems_from
from imos.dataset.schema import DOI_PATTERN, IDENTIFIER_PATTERN, FieldError
from imos.dataset.sources import DATA_DIR

DEFAULT_LITERATURE_DIR = DATA_DIR / "literature" / "cases"
MAX_FILE_BYTES = 200_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Citation(_Strict):
    """Who published the case, where and when, and how to find it again."""

    authors: str = Field(min_length=2, max_length=300)
    title: str = Field(min_length=3, max_length=400)
    journal: str = Field(min_length=2, max_length=200)
    year: int = Field(ge=1900, le=2100)
    volume: str | None = Field(default=None, max_length=40)
    pages: str | None = Field(default=None, max_length=40)
    doi: str | None = Field(default=None, pattern=DOI_PATTERN)
    pmid: str | None = Field(default=None, pattern=r"^\d{1,9}$")
    url: str | None = Field(default=None, pattern=r"^https?://\S+$", max_length=400)

    @model_validator(mode="after")
    def _findable(self) -> Citation:
        if not (self.doi or self.pmid or self.url):
            raise FieldError("citation", "a citation needs a DOI, a PMID or a stable URL")
        return self


class CodedFinding(_Strict):
    id: str = Field(pattern=IDENTIFIER_PATTERN, max_length=60)
    value: Literal["present", "absent"]
    passage: str = Field(min_length=1, max_length=300)


class Uncoded(_Strict):
    what: str = Field(min_length=1, max_length=400)
    passage: str = Field(min_length=1, max_length=300)


class LiteratureCaseFile(_Strict):
    """One case file as written (format: data/literature/README.md)."""

    case_id: str = Field(pattern=IDENTIFIER_PATTERN, max_length=60)
    title: str = Field(min_length=3, max_length=200)
    authors_diagnosis: str = Field(pattern=IDENTIFIER_PATTERN, max_length=60)
    how_confirmed: Literal["biopsy", "imaging", "follow_up", "genetic", "surgery",
                           "clinical"] | None = None  # None: not stated in the text read
    citation: Citation
    licence: str = Field(min_length=2, max_length=80)
    coded_from: Literal["abstract", "full_text", "excerpt"]
    age: int | None = Field(default=None, ge=0, le=120)
    sex: Literal["F", "M"] | None = None
    bone: Literal["femur", "tibia", "fibula", "humerus", "radius", "ulna", "other"] | None = None
    site: str | None = Field(default=None, max_length=200)
    summary: str = Field(min_length=10, max_length=1500)
    findings: list[CodedFinding] = Field(min_length=1)
    uncoded: list[Uncoded] = Field(default_factory=list)
    notes: str | None = Field(default=None, max_length=2000)
    curation: str | None = Field(default=None, max_length=1000)


@dataclass(frozen=True)
class LiteratureCase:
    """A validated published case, ready for the engine."""

    case_id: str
    title: str
    authors_diagnosis: str
    how_confirmed: str | None
    citation: Citation
    coded_from: str
    age: int | None
    sex: str | None
    bone: str | None
    summary: str
    findings: dict[str, str]  # finding_id -> present | absent (only what the text states)
    passages: dict[str, str]  # finding_id -> the short passage the coding rests on
    notes: str | None
    file: str
    licence: str | None = None  # as the case file states it ("unknown" where not found)

    @property
    def reference(self) -> str:
        c = self.citation
        where = c.doi and f"doi:{c.doi}" or c.pmid and f"PMID {c.pmid}" or c.url
        return f"{c.authors.rstrip('.')}. {c.title.rstrip('.')}. {c.journal} {c.year}. {where}"


def _case_problems(name: str, doc: LiteratureCaseFile, finding_ids: set[str],
                   pairs: list[tuple[str, str]]) -> list[Problem]:
    problems = []
    if doc.case_id != Path(name).stem:
        problems.append(Problem(name, None, "case_id",
                                f"'{doc.case_id}' should match the file name '{Path(name).stem}'"))
    seen: dict[str, str] = {}
    for finding in doc.findings:
        if finding.id not in finding_ids:
            problems.append(Problem(name, None, "findings",
                                    f"unknown finding '{finding.id}' (not in the catalogue)"))
        if finding.id in seen and seen[finding.id] != finding.value:
            problems.append(Problem(name, None, "findings",
                                    f"'{finding.id}' is coded both present and absent"))
        seen[finding.id] = finding.value
    for child, parent in pairs:
        if seen.get(child) == "present" and seen.get(parent) == "absent":
            problems.append(Problem(name, None, "findings",
                                    f"'{child}' is present but '{parent}' is absent; {child} "
                                    f"is a kind of {parent}, so both cannot be true"))
    return problems


def load_literature(path: str | os.PathLike | None = None,
                    catalogue: Catalogue | None = None) -> list[LiteratureCase]:
    """Every case of the literature suite, validated, in file-name order.

    Raises `DataFileError` naming the file and field of every problem at once.
    """
    folder = Path(path) if path is not None else DEFAULT_LITERATURE_DIR
    if not folder.is_dir():
        raise DataFileError([Problem(str(folder), None, None, "the folder does not exist")])
    catalogue = catalogue if catalogue is not None else load_catalogue()
    finding_ids = set(catalogue.findings["finding_id"])
    pairs = nesting_pairs()
    problems: list[Problem] = []
    cases: list[LiteratureCase] = []
    seen_ids: set[str] = set()
    for file in sorted(folder.glob("*.yaml")):
        name = file.name
        if file.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, None, None, "the file is larger than 200,000 bytes"))
            continue
        try:
            document = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(Problem(name, None, None,
                                    f"not readable as YAML ({type(error).__name__})"))
            continue
        if not isinstance(document, dict):
            problems.append(Problem(name, None, None, "expected a mapping of fields"))
            continue
        try:
            doc = LiteratureCaseFile.model_validate(document)
        except ValidationError as exc:
            problems.extend(problems_from(name, None, exc))
            continue
        found = _case_problems(name, doc, finding_ids, pairs)
        if doc.case_id in seen_ids:
            found.append(Problem(name, None, "case_id", f"'{doc.case_id}' is used twice"))
        seen_ids.add(doc.case_id)
        problems.extend(found)
        if found:
            continue
        cases.append(LiteratureCase(
            case_id=doc.case_id, title=doc.title, authors_diagnosis=doc.authors_diagnosis,
            how_confirmed=doc.how_confirmed, citation=doc.citation, coded_from=doc.coded_from,
            age=doc.age, sex=doc.sex, bone=doc.bone, summary=doc.summary,
            findings={f.id: f.value for f in doc.findings},
            passages={f.id: f.passage for f in doc.findings}, notes=doc.notes, file=name,
            licence=doc.licence))
    if not cases and not problems:
        problems.append(Problem(str(folder), None, None, "no case files (*.yaml) found"))
    if problems:
        raise DataFileError(problems)
    return cases
