"""What can be wrong in a data file, and the translation of pydantic's errors into it.

A `Problem` names the file, the row and the field; `DataFileError` carries every problem
found, so a person can fix the file without reading a traceback. `validate_rows` turns
raw rows into validated models (collecting problems), `to_frame` the models into a frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
from pydantic import BaseModel, ValidationError

from imos.dataset import schema
from imos.dataset.messages import plain_message


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
