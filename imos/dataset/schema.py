"""Pydantic models of every data file: one model per row (CSV) or entry (YAML).

Validation happens once, when a file is loaded (see `imos.data`); inside the app the data
is trusted. The models forbid unknown fields so that a typo in a column name is reported
instead of silently ignored.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

FindingValue = Literal["present", "absent", "not_assessed"]
FINDING_VALUES: tuple[str, ...] = ("present", "absent", "not_assessed")

Precision = Literal["stated", "approximate", "vague", "order_only"]
EventCategory = Literal[
    "onset", "medication", "pain", "imaging", "biopsy", "recurrence", "follow_up"
]

CASE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,20}$"
IDENTIFIER_PATTERN = r"^[a-z0-9][a-z0-9_]*$"
DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
DIAGNOSIS_LIST_PATTERN = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"


def _identifier(**kwargs: object):
    """A snake_case id, as used in data files, URLs and code."""
    return Field(pattern=IDENTIFIER_PATTERN, max_length=60, **kwargs)


def _text(max_length: int = 2000):
    return Field(min_length=1, max_length=max_length)


def _source():
    """Where in the paper (or which reference) a fact stands."""
    return Field(min_length=3, max_length=300)


def _int_as_text(value: object) -> object:
    """YAML reads `case_id: 1` as an int; case ids are text everywhere else."""
    return str(value) if isinstance(value, int) else value


CaseId = Annotated[str, BeforeValidator(_int_as_text), Field(pattern=CASE_ID_PATTERN)]


class FieldError(ValueError):
    """A rule broken by one field, checked across fields; the loader reports `field`."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class _Row(BaseModel):
    """Base: strict about unknown fields, trims whitespace, treats '' as missing."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_missing(cls, data: object) -> object:
        if isinstance(data, dict):
            return {k: (None if v == "" else v) for k, v in data.items()}
        return data


class SeriesMeta(_Row):
    series_id: str = _identifier()
    title: str = _text()
    authors: str = _text()
    # A published series gives all of these; a teacher's own cases may give none.
    journal: str | None = Field(default=None, min_length=1, max_length=2000)
    year: int | None = Field(default=None, ge=1800, le=2100)
    volume: str | None = Field(default=None, min_length=1, max_length=20)
    article: str | None = Field(default=None, min_length=1, max_length=20)
    doi: str | None = Field(default=None, pattern=DOI_PATTERN)
    licence: str = _text()
    period: str | None = Field(default=None, max_length=500)
    reference_point: str = _text()


class Case(_Row):
    case_id: CaseId
    label: str = Field(min_length=1, max_length=60)
    age: int = Field(ge=0, le=120)
    sex: Literal["F", "M"]
    side: Literal["left", "right"]
    bone: str = Field(min_length=1, max_length=60)
    segment: str = _text()
    presenting_complaint: str = _text()
    treatments_before_surgery: str = _text()
    onset_to_diagnosis_months: float = Field(ge=0, le=1200)
    onset_to_diagnosis_approximate: bool
    onset_to_diagnosis_wording: str = _text()
    followup_months: float = Field(ge=0, le=1200)
    followup_wording: str = _text()
    histology: str = _text()
    culture: Literal["negative", "positive", "not_done"]
    sources: dict[str, str]

    @model_validator(mode="after")
    def _every_fact_has_a_source(self) -> Case:
        facts = set(type(self).model_fields) - {"case_id", "label", "sources"}
        missing = sorted(facts - set(self.sources))
        if missing:
            raise FieldError("sources", f"no source named for: {', '.join(missing)}")
        unknown = sorted(set(self.sources) - facts)
        if unknown:
            raise FieldError("sources", f"sources for fields that do not exist: {', '.join(unknown)}")
        short = sorted(k for k, v in self.sources.items() if not v or len(v.strip()) < 3)
        if short:
            raise FieldError("sources", f"empty source for: {', '.join(short)}")
        return self


class FindingDefinition(_Row):
    finding_id: str = _identifier()
    label: str = Field(min_length=1, max_length=80)
    group_id: str = _identifier()
    examination: str = _identifier()
    description: str = _text()


class Examination(_Row):
    """An examination that reveals findings; `stage` groups them for the walk-through.

    `event` names the event (in a series' events.csv) that dates the examination; history
    and laboratory tests have none because case reports rarely date them.
    """

    examination_id: str = _identifier()
    label: str = Field(min_length=1, max_length=80)
    short_label: str = Field(min_length=1, max_length=12)  # a chart's column heading
    stage: str = Field(min_length=1, max_length=60)
    order: int = Field(ge=0)
    event: str | None = _identifier(default=None)
    description: str = _text()


class FindingGroup(_Row):
    group_id: str = _identifier()
    label: str = Field(min_length=1, max_length=80)
    section: str = Field(min_length=1, max_length=60)
    order: int = Field(ge=0)


class PainLevel(_Row):
    level_id: str = _identifier()
    label: str = Field(min_length=1, max_length=80)
    rank: int = Field(ge=0, le=20)
    description: str = _text()


class CaseFinding(_Row):
    case_id: CaseId
    finding_id: str = _identifier()
    value: FindingValue
    wording: str = _text()
    source: str = _source()


class MriSequence(_Row):
    case_id: CaseId
    sequence: str = Field(min_length=1, max_length=60)
    paper_calls_it: str = Field(min_length=1, max_length=80)
    plane: str = Field(min_length=1, max_length=40)
    te_ms: float = Field(gt=0, le=10000)
    tr_ms: float = Field(gt=0, le=100000)
    slice_mm: float = Field(gt=0, le=50)
    signal: str = _text()
    source: str = _source()


class Event(_Row):
    case_id: CaseId
    order: int = Field(ge=1)
    event: str = _identifier()
    category: EventCategory
    month: float | None = Field(default=None, ge=-1200, le=1200)
    month_end: float | None = Field(default=None, ge=-1200, le=1200)
    window_start: float | None = Field(default=None, ge=-1200, le=1200)
    window_end: float | None = Field(default=None, ge=-1200, le=1200)
    precision: Precision
    pain_level: str | None = _identifier(default=None)
    wording: str = _text()
    source: str = _source()

    @model_validator(mode="after")
    def _time_is_consistent(self) -> Event:
        if self.precision in ("stated", "approximate") and self.month is None:
            raise FieldError("month", f"a '{self.precision}' event needs a month")
        if self.month is None and (self.window_start is None or self.window_end is None):
            raise FieldError(
                "window_start",
                "an event without a month needs window_start and window_end "
                "(the interval the paper places it in)",
            )
        if self.month_end is not None and self.month is None:
            raise FieldError("month_end", "month_end needs a month to start from")
        if self.month_end is not None and self.month is not None and self.month_end < self.month:
            raise FieldError("month_end", "month_end is before month")
        if (
            self.window_start is not None
            and self.window_end is not None
            and self.window_end < self.window_start
        ):
            raise FieldError("window_end", "window_end is before window_start")
        return self


class Judgement(_Row):
    """A diagnosis the paper itself set aside (or made) at one examination of one case."""

    case_id: CaseId
    examination: str = _identifier()
    kind: Literal["excluded", "diagnosed"]
    diagnoses: str = Field(pattern=DIAGNOSIS_LIST_PATTERN, max_length=500)
    wording: str = _text()
    source: str = _source()

    @property
    def diagnosis_ids(self) -> tuple[str, ...]:
        return tuple(self.diagnoses.split(";"))


class Reading(_Row):
    source: str = _source()
    reading: str = _text()


class AffectedCell(_Row):
    table: Literal["cases", "findings", "events", "mri_sequences"]
    case_id: CaseId
    field: str = Field(min_length=1, max_length=60)


class Discrepancy(_Row):
    discrepancy_id: str = _identifier()
    topic: str = Field(min_length=1, max_length=200)
    case_id: CaseId | None = None
    readings: list[Reading] = Field(min_length=2)
    dataset_uses: str = _text()
    affects: list[AffectedCell] = Field(default_factory=list)
