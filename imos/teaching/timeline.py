"""Shape the events of a series for the timeline and pain-course charts (pure pandas).

Times are months from the biopsy (month 0) in the data. The charts can instead count from
symptom onset; because onset is itself approximate in the paper, every time on that axis
is approximate too, and the shaped rows say so.

Events are split by how well the paper places them:
- dated: the paper gives a month (stated, approximate, or vague but anchored, such as
  "right after the operation");
- windowed: the paper gives only an interval ("for a few months" before the biopsy,
  "before the 6-month visit"), kept as `start`/`end` with no invented point inside it.
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

Axis = Literal["biopsy", "onset"]
AXIS_TITLES = {
    "biopsy": "Months from biopsy (month 0)",
    "onset": "Months from symptom onset (approximate)",
}

SPAN_CATEGORIES = ("medication",)


def onset_months(events: pd.DataFrame) -> pd.Series:
    """Month of symptom onset per case (negative: before the biopsy)."""
    onset = events[events["category"] == "onset"]
    return onset.set_index("case_id")["month"]


def shift_for_axis(events: pd.DataFrame, axis: Axis) -> pd.DataFrame:
    """Events with `start`/`end` on the chosen axis and an `uncertain` flag.

    `start` and `end` are equal for points; for windowed events they bound the interval
    the paper gives. On the onset axis every time is uncertain, because onset is.
    """
    shaped = events.copy()
    offset = 0.0
    if axis == "onset":
        offset = -shaped["case_id"].map(onset_months(events)).fillna(0.0)
    elif axis != "biopsy":
        raise ValueError(f"unknown axis {axis!r}; use 'biopsy' or 'onset'")
    dated = shaped["month"].notna()
    shaped["start"] = shaped["month"].where(dated, shaped["window_start"]) + offset
    end = shaped["month_end"].where(shaped["month_end"].notna(), shaped["month"])
    shaped["end"] = end.where(dated, shaped["window_end"]) + offset
    shaped["dated"] = dated
    shaped["uncertain"] = (~dated) | shaped["precision"].isin(["approximate", "vague"])
    if axis == "onset":
        shaped["uncertain"] = shaped["uncertain"] | (shaped["category"] != "onset")
    shaped["is_span"] = (shaped["end"] > shaped["start"]) & (
        shaped["category"].isin(SPAN_CATEGORIES) | ~dated
    )
    return shaped


def timing_note(row: pd.Series | dict) -> str:
    """How the paper places an event in time, in words, for hover text."""
    precision = row["precision"]
    if precision == "stated":
        return "time given in the paper"
    if precision == "approximate":
        return "approximate: the paper says 'about'"
    if row.get("month") is not None and pd.notna(row.get("month")):
        return "no exact time given; drawn where the paper anchors it"
    return (
        f"time not reported; the paper places it between month "
        f"{_fmt(row['window_start'])} and month {_fmt(row['window_end'])} from the biopsy"
    )


def diagnostic_delays(cases: pd.DataFrame) -> pd.DataFrame:
    """Onset-to-diagnosis per case with a label that keeps the paper's precision."""
    rows = []
    for case in cases.itertuples():
        rows.append(
            {
                "case_id": case.case_id,
                "label": case.label,
                "months": case.onset_to_diagnosis_months,
                "approximate": bool(case.onset_to_diagnosis_approximate),
                "text": f"{case.onset_to_diagnosis_wording} from onset to diagnosis",
            }
        )
    return pd.DataFrame(rows)


def pain_course(events: pd.DataFrame, pain_levels: pd.DataFrame, axis: Axis) -> pd.DataFrame:
    """Pain milestones with their ordinal level (rank and label), on the chosen axis."""
    shaped = shift_for_axis(events, axis)
    pain = shaped[shaped["pain_level"].notna()].merge(
        pain_levels.rename(columns={"label": "level_label", "description": "level_description"}),
        left_on="pain_level",
        right_on="level_id",
        how="left",
    )
    return pain.sort_values(["case_id", "order"], kind="stable").reset_index(drop=True)


def unlevelled_pain_changes(events: pd.DataFrame, axis: Axis) -> pd.DataFrame:
    """Pain events the paper describes without a level (e.g. 'worsened, then improved')."""
    shaped = shift_for_axis(events, axis)
    return shaped[(shaped["category"] == "pain") & shaped["pain_level"].isna()].reset_index(
        drop=True
    )


def timeline_summary(cases: pd.DataFrame, events: pd.DataFrame) -> str:
    """A text alternative of the timeline chart, computed from the data."""
    parts = []
    for case in cases.itertuples():
        own = events[events["case_id"] == case.case_id]
        recurrences = own[own["category"] == "recurrence"]
        followup = own[own["category"] == "follow_up"]["month"].max()
        text = (
            f"{case.label}: symptoms began {case.onset_to_diagnosis_wording} before the "
            f"biopsy"
        )
        if not recurrences.empty:
            months = ", ".join(_fmt(m) for m in recurrences["month"])
            text += f"; pain came back {months} months after the biopsy"
        if pd.notna(followup):
            text += f"; last radiograph {_fmt(followup)} months after the biopsy"
        parts.append(text + ".")
    return " ".join(parts)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


SORTS = {"label": "case label", "onset_to_diagnosis_months": "longest wait for a diagnosis",
         "followup_months": "longest follow-up"}


def case_page(cases: pd.DataFrame, search: str = "", sort: str = "label", page: int = 1,
              per_page: int = 20) -> tuple[pd.DataFrame, int]:
    """One page of cases for charts that cannot show hundreds at once.

    `search` matches the label or id (case-insensitive, plain text); returns the page's
    cases and the number of pages (at least 1).
    """
    shown = cases
    if search:
        needle = search.casefold()
        mask = [needle in str(label).casefold() or needle in str(case_id).casefold()
                for label, case_id in zip(cases["label"], cases["case_id"])]
        shown = cases[mask]
    if sort != "label":
        shown = shown.sort_values(sort, ascending=False, kind="stable")
    pages = max(1, -(-len(shown) // per_page))
    page = min(max(1, page), pages)
    return shown.iloc[(page - 1) * per_page: page * per_page], pages
