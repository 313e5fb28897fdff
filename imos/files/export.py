"""The dataset as downloadable tables (CSV) and as one JSON document (pure)."""

from __future__ import annotations

import csv
import json

import pandas as pd

from imos.reasoning.knowledge import KnowledgeBase

PAPER_PLACES = ("Abstract", "Background", "Case", "Discussion", "Conclusions", "Table", "Fig")


def split_sources(text: str) -> list[str]:
    """'A; B (x; y)' -> ['A', 'B (x; y)']: split on semicolons outside brackets."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [p for p in parts if p]


def series_tables(series, knowledge: KnowledgeBase) -> dict[str, pd.DataFrame]:
    """Every table of the series and of the knowledge base, by file-like name."""
    return {
        "cases": series.cases,
        "case_sources": series.case_sources,
        "findings": series.findings,
        "events": series.events,
        "mri_sequences": series.mri_sequences,
        "discrepancy_readings": series.discrepancy_readings.merge(
            series.discrepancies[["discrepancy_id", "topic", "case_id", "dataset_uses"]],
            on="discrepancy_id"),
        "judgements": series.judgements,
        "finding_catalogue": series.catalogue.findings.drop(columns=["group_order"],
                                                            errors="ignore"),
        "examinations": series.catalogue.examinations,
        "diagnoses": knowledge.diagnoses,
        "rules": knowledge.rules,
    }


def series_json(series, knowledge: KnowledgeBase) -> str:
    """One JSON document: the series' metadata and every table as a list of records."""
    document = {"meta": series.meta}
    for name, table in series_tables(series, knowledge).items():
        document[name] = json.loads(table.to_json(orient="records", force_ascii=False))
    return json.dumps(document, ensure_ascii=False, indent=1)


def external_references(knowledge: KnowledgeBase) -> pd.DataFrame:
    """Works outside the paper that the knowledge base cites: how many rules cite each, and
    the diagnoses those rules are about (by their labels, never by internal ids)."""
    names = knowledge.diagnosis_labels
    cited: dict[str, set[str]] = {}
    about: dict[str, list[str]] = {}
    for row in knowledge.rules.itertuples():
        for field in ("source", "caveat_source"):
            value = getattr(row, field)
            if not isinstance(value, str):
                continue
            for part in split_sources(value):
                if not part.startswith(PAPER_PLACES):
                    cited.setdefault(part, set()).add(row.rule_id)
                    about.setdefault(part, []).append(names.get(row.diagnosis_id, row.diagnosis_id))
    return pd.DataFrame(
        [{"reference": ref, "rules": len(ids), "cited for": ", ".join(dict.fromkeys(about[ref]))}
         for ref, ids in sorted(cited.items(), key=lambda item: item[0].lower())],
        columns=["reference", "rules", "cited for"],
    )


# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP,
# "CSV Injection"): `=HYPERLINK(...)`, `=cmd|...`, `@SUM(...)`, or the same after a tab or
# a carriage return.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula, made inert with a leading quote.

    >>> neutral_cell("=HYPERLINK(\\"http://x\\")"), neutral_cell("-2"), neutral_cell(-2)
    ('\\'=HYPERLINK("http://x")', "'-2", -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV with every formula-like text cell neutralised (numbers kept)."""
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    safe = frame.copy()
    for column in text_columns:
        safe[column] = safe[column].map(neutral_cell)
    safe.columns = [neutral_cell(str(c)) for c in safe.columns]
    # Text quoted: pandas leaves a lone carriage return unquoted, which starts a new row.
    return safe.to_csv(index=False, quoting=csv.QUOTE_NONNUMERIC).encode("utf-8")
