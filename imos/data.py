"""Load and validate a case series and the finding catalogue into pandas DataFrames.

`load_case_series()` reads the shipped Abe 2020 series (or any folder of the same shape),
validates every row against `imos.dataset.schema`, checks the files against each other, and
returns a `CaseSeries` of tidy DataFrames. Any problem raises `DataFileError`, whose
message names the file, the row and the field of every problem found, so a person can
fix the file without reading a traceback.

This module is the loader's front door; the pipeline lives in one module per idea:
`imos.dataset.problems` (what can be wrong, pydantic's errors in words, validated rows to
frames), `imos.dataset.sources` (folders and uploads, raw CSV and YAML rows),
`imos.dataset.catalogue` (the shared vocabulary), `imos.dataset.series` (a case series and its frames)
and `imos.dataset.cross_checks` (ids unique and defined where they are used).
"""

from __future__ import annotations

from imos.dataset.catalogue import CATALOGUE_FILES, Catalogue, load_catalogue
from imos.dataset.problems import DataFileError, Problem, check_unique, to_frame
from imos.dataset.series import (
    JUDGEMENT_COLUMNS,
    NOT_LISTED_SOURCE,
    NOT_REPORTED,
    OPTIONAL_SERIES_FILES,
    SERIES_DIR_ENV,
    SERIES_FILES,
    CaseSeries,
    complete_findings,
    default_series_dir,
    load_case_series,
)
from imos.dataset.sources import (
    DATA_DIR,
    DEFAULT_CATALOGUE_DIR,
    DEFAULT_SERIES_DIR,
    MAX_FILE_BYTES,
    FileSource,
    FolderSource,
    MemorySource,
    as_source,
    read_csv_file,
    read_yaml_file,
)

__all__ = [
    "CATALOGUE_FILES", "DATA_DIR", "DEFAULT_CATALOGUE_DIR", "DEFAULT_SERIES_DIR",
    "JUDGEMENT_COLUMNS", "MAX_FILE_BYTES", "NOT_LISTED_SOURCE", "NOT_REPORTED",
    "OPTIONAL_SERIES_FILES", "SERIES_DIR_ENV", "SERIES_FILES", "CaseSeries", "Catalogue",
    "DataFileError", "FileSource", "FolderSource", "MemorySource", "Problem", "as_source",
    "check_unique", "complete_findings", "default_series_dir", "load_case_series",
    "load_catalogue", "read_csv_file", "read_yaml_file", "to_frame",
]
