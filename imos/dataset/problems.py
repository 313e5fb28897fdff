"""What can be wrong in a data file, and the translation of pydantic's errors into it.

A `Problem` names the file, the row and the field; `DataFileError` carries every problem
found, so a person can fix the file without reading a traceback. `plain_message` puts one
pydantic error in the words of a person filling in the file: "use lower-case letters,
digits and underscores", not "String should match pattern '^[a-z0-9][a-z0-9_]*$'".
`validate_rows` turns raw rows into validated models (collecting problems), `to_frame` the
models into a frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
from pydantic import BaseModel, ValidationError

from imos.dataset import schema
from imos.dataset.schema import (
    CASE_ID_PATTERN,
    DIAGNOSIS_LIST_PATTERN,
    DOI_PATTERN,
    IDENTIFIER_PATTERN,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one data file."""

    file: str
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.message}"


MAX_PROBLEMS_PER_FILE = 200  # a file with more is cut short; the reader is told so


class Problems(list):
    """Problems found in a package, at most `MAX_PROBLEMS_PER_FILE` kept per file.

    A list, so every checker appends as before; beyond the cap a file's problems are
    counted, not kept, and `full(file)` tells a checker to stop reading that file (a
    12 KB zip of a million broken rows once produced six million problems and 3 GB).
    `finish()` adds one line per cut-short file saying so.
    """

    def __init__(self, items: Iterable[Problem] = (), cap: int = MAX_PROBLEMS_PER_FILE):
        super().__init__()
        self.cap = cap
        self._kept: dict[str, int] = {}
        self.cut: dict[str, bool] = {}
        self.extend(items)

    def append(self, problem: Problem) -> None:  # type: ignore[override]
        kept = self._kept.get(problem.file, 0)
        if kept >= self.cap:
            self.cut[problem.file] = True
            return
        self._kept[problem.file] = kept + 1
        super().append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:  # type: ignore[override]
        for problem in problems:
            self.append(problem)

    def full(self, file: str) -> bool:
        """Whether `file` has reached the cap: checking it further shows nothing new."""
        return self._kept.get(file, 0) >= self.cap

    def stop_checking(self, file: str) -> None:
        """Record that `file` was not checked to its end (its problems are cut short)."""
        self.cut[file] = True

    def finish(self) -> Problems:
        """Add, per file that was cut short, the line saying so; returns self."""
        for file in self.cut:
            super().append(Problem(file, None, None,
                                   f"first {self._kept.get(file, 0)} problems shown; the file "
                                   "has more (checking stopped there: fix these and check "
                                   "again)"))
        self.cut = {}
        return self


class DataFileError(ValueError):
    """Raised when data files are missing or invalid; lists every problem found."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = tuple(problems)
        lines = [str(p) for p in self.problems]
        super().__init__(
            f"{len(lines)} problem(s) in the data files:\n" + "\n".join(f"- {x}" for x in lines)
        )


# --- pydantic's errors in words -----------------------------------------

PATTERNS = {
    IDENTIFIER_PATTERN: "use lower-case letters, digits and underscores only, starting with a "
                        "letter or digit (for example intramedullary_sclerosis)",
    CASE_ID_PATTERN: "use 1 to 20 letters, digits, - or _, without spaces (for example 1 or A)",
    DOI_PATTERN: "write the DOI alone, such as 10.1186/s12891-020-03758-5 "
                 "(without https://doi.org/)",
    DIAGNOSIS_LIST_PATTERN: "list diagnosis ids from knowledge/diagnoses.csv separated by ; "
                            "without spaces (for example osteoid_osteoma;stress_fracture)",
}

KINDS = {
    "string_type": "write text here",
    "int_parsing": "write a whole number (digits only, for example 42)",
    "int_from_float": "write a whole number, without decimals",
    "int_type": "write a whole number",
    "float_parsing": "write a number (for example 12 or 2.5, with a point, not a comma)",
    "float_type": "write a number",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "dict_type": "expected a mapping of names to values (name: value lines)",
    "list_type": "expected a list (lines starting with - )",
    "finite_number": "write an ordinary number",
    "model_type": "expected a mapping of fields (name: value lines)",
}


def plain_message(error: dict) -> str:
    """One pydantic error in the words of a person filling in the file.

    >>> plain_message({"type": "missing", "msg": "Field required", "ctx": {}})
    'required field is missing or empty'
    >>> plain_message({"type": "string_pattern_mismatch", "msg": "",
    ...                "ctx": {"pattern": "^[a-z0-9][a-z0-9_]*$"}})[:45]
    'use lower-case letters, digits and underscore'
    """
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "missing":
        return "required field is missing or empty"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling of the column or key)"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(str(ctx.get("pattern")), "the value is not written in the expected form")
    if kind == "literal_error":
        return f"write one of: {ctx.get('expected', '')}".replace("'", "")
    if kind == "string_too_short":
        return "must not be empty" if ctx.get("min_length") == 1 else (
            f"too short: write at least {ctx.get('min_length')} characters")
    if kind == "string_too_long":
        return f"too long: at most {ctx.get('max_length')} characters"
    if kind in ("too_short", "too_long"):
        return f"{'too few' if kind == 'too_short' else 'too many'} entries (expected " \
               f"{'at least' if kind == 'too_short' else 'at most'} " \
               f"{ctx.get('min_length', ctx.get('max_length'))})"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be {'at least' if kind == 'greater_than_equal' else 'more than'} " \
               f"{ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be {'at most' if kind == 'less_than_equal' else 'less than'} " \
               f"{ctx.get('le', ctx.get('lt'))}"
    return KINDS.get(kind, str(error.get("msg", "not a valid value")))


# --- validating rows ----------------------------------------------------


def validate_rows(
    file_name: str, rows: Iterable[object], model: type[BaseModel], problems: list[Problem]
) -> list[tuple[int, BaseModel]]:
    """Validate each row; returns (row number, model) for the valid ones."""
    valid = []
    for number, row in enumerate(rows, start=1):
        if isinstance(problems, Problems) and problems.full(file_name):
            problems.stop_checking(file_name)  # more rows would only repeat the pattern
            break
        if not isinstance(row, dict):
            problems.append(Problem(file_name, number, None, "expected a mapping of fields"))
            continue
        try:
            valid.append((number, model.model_validate(row)))
        except ValidationError as exc:
            problems.extend(problems_from(file_name, number, exc))
        except RecursionError:
            problems.append(Problem(file_name, number, None, "nested too deeply"))
    return valid


def problems_from(file_name: str, row: int | None, exc: ValidationError) -> Iterator[Problem]:
    for error in exc.errors(include_url=False):
        field = ".".join(str(part) for part in error["loc"]) or None
        message = plain_message(error)
        original = error.get("ctx", {}).get("error")
        if isinstance(original, schema.FieldError):
            field, message = original.field, str(original)
        value = error.get("input")
        if error["type"] not in ("missing", "extra_forbidden") and isinstance(
            value, (str, int, float)
        ):
            message += f" (got {str(value)[:60]!r})"
        yield Problem(file_name, row, field, message)


def to_frame(rows: Sequence[tuple[int, BaseModel]], exclude: set[str] | None = None,
             model: type[BaseModel] | None = None) -> pd.DataFrame:
    """The validated rows as a frame; with `model`, an empty file still has its columns."""
    if not rows and model is not None:
        return pd.DataFrame(columns=[f for f in model.model_fields if f not in (exclude or ())])
    return pd.DataFrame([row.model_dump(exclude=exclude) for _, row in rows])


def check_unique(
    file_name: str,
    rows: Sequence[tuple[int, BaseModel]],
    keys: tuple[str, ...],
    problems: list[Problem],
) -> None:
    seen: dict[tuple, int] = {}
    for number, row in rows:
        key = tuple(getattr(row, k) for k in keys)
        if key in seen:
            problems.append(
                Problem(
                    file_name,
                    number,
                    keys[-1],
                    f"duplicate of row {seen[key]} ({', '.join(map(str, key))})",
                )
            )
        else:
            seen[key] = number
