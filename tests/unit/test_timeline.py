"""Timeline shaping and the timeline / pain-course figure builders."""

from __future__ import annotations

import math

import pandas as pd
import numpy as np
import pytest

from components.charts.palette import KEY_GREY, OKABE_ITO
from components.charts.timeline_chart import (
    KEY_TRACE,
    pain_course_figure,
    pain_summary,
    timeline_figure,
)
from imos.teaching import timeline


def _row(frame, case_id, event):
    return frame[(frame["case_id"] == case_id) & (frame["event"] == event)].iloc[0]


def test_biopsy_axis_keeps_months_and_windows(series):
    shaped = timeline.shift_for_axis(series.events, "biopsy")
    assert _row(shaped, "1", "biopsy")["start"] == 0
    assert _row(shaped, "1", "symptom_onset")["start"] == -24
    nsaids = _row(shaped, "2", "nsaids_before_biopsy")
    # "for a few months": only the interval the paper gives, no invented point
    assert (nsaids["start"], nsaids["end"], bool(nsaids["dated"])) == (-8, 0, False)
    assert bool(nsaids["uncertain"]) and bool(nsaids["is_span"])
    assert not bool(_row(shaped, "1", "pain_recurrence")["uncertain"])


def test_onset_axis_counts_from_onset_and_marks_everything_uncertain(series):
    shaped = timeline.shift_for_axis(series.events, "onset")
    assert _row(shaped, "1", "symptom_onset")["start"] == 0
    assert _row(shaped, "1", "biopsy")["start"] == 24
    assert _row(shaped, "3", "biopsy")["start"] == 8
    others = shaped[shaped["category"] != "onset"]
    assert others["uncertain"].all()


def test_unknown_axis_is_refused(series):
    with pytest.raises(ValueError, match="unknown axis"):
        timeline.shift_for_axis(series.events, "diagnosis")


def test_timing_note_says_how_exact_a_time_is(series):
    events = series.events
    assert "not reported" in timeline.timing_note(_row(events, "2", "nsaids_before_biopsy"))
    assert "approximate" in timeline.timing_note(_row(events, "1", "symptom_onset"))
    assert "given" in timeline.timing_note(_row(events, "1", "pain_recurrence"))


def test_pain_course_uses_only_catalogue_levels(series):
    pain = timeline.pain_course(series.events, series.catalogue.pain_levels, "biopsy")
    assert pain["rank"].notna().all()
    assert set(pain["pain_level"]) <= set(series.catalogue.pain_levels["level_id"])
    c1 = pain[(pain["case_id"] == "1") & pain["dated"]]
    assert list(c1["pain_level"]) == ["improved", "almost_none", "recurring", "controlled"]


def test_timeline_figure_has_one_lane_per_case_and_labels_each_delay(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    assert list(fig.layout.yaxis.ticktext) == ["Case 1", "Case 2", "Case 3"]
    notes = [a.text for a in fig.layout.annotations]
    assert any("about 2 years" in n for n in notes)
    assert sum("about 8 months" in n for n in notes) == 2


def _traces(fig, name):
    return [t for t in fig.data if t.name == name]


def test_timeline_figure_marks_case1_recurrence_at_month_8(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    recurrence = _traces(fig, "Pain returning")
    assert len(recurrence) == 1
    assert list(recurrence[0].x) == [8] and list(recurrence[0].y) == [0]


def test_timeline_figure_draws_every_event_with_its_source(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    drawn_points = sum(len(t.x) for t in fig.data if t.type == "scatter" and t.meta != KEY_TRACE)
    shaped = timeline.shift_for_axis(series.events, "biopsy")
    assert drawn_points == int((~shaped["is_span"] & shaped["dated"]).sum())
    hovers = []
    for trace in fig.data:
        template = trace.hovertemplate
        # per-point texts come as a tuple, or an array when the chart passes one (fast)
        hovers += list(template) if isinstance(template, (tuple, np.ndarray)) else [template]
    event_hovers = [h for h in hovers if h]
    sources_shown = " ".join(event_hovers)
    for source in shaped["source"]:
        assert source.replace("'", "&#x27;") in sources_shown


def test_uncertain_spans_are_hatched(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    nsaids = _traces(fig, "NSAIDs")
    patterns = {t.marker.pattern.shape for t in nsaids}
    assert "/" in patterns  # "a few months" of NSAIDs
    assert patterns == {"/"}  # no NSAID span has a stated end: Case 1's from month 8 on has none


def test_undated_imaging_is_one_span_listing_the_papers_order(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    spans = _traces(fig, "Imaging (date not reported)")
    assert len(spans) == 3
    case2 = spans[1].hovertemplate
    assert case2.index("radiograph") < case2.index("CT:") < case2.index("triphasic")


def test_pain_figure_uses_ordinal_levels_not_scores(series):
    levels = series.catalogue.pain_levels
    fig = pain_course_figure(series.cases, series.events, levels, "biopsy")
    assert [t.replace("<br>", " ") for t in fig.layout.yaxis.ticktext] == list(
        levels.sort_values("rank")["label"])
    ranks = set(levels["rank"])
    for trace in fig.data:
        if trace.fill == "toself":
            continue
        for y in trace.y:
            if y is None or math.isnan(y):  # a gap between two pieces of one trace
                continue
            assert any(math.isclose(y, r, abs_tol=0.2) for r in ranks)
    # Case 3's "worse, then better" is a band between month 0 and 6, not a point
    bands = [t for t in fig.data if t.fill == "toself"]
    assert len(bands) == 1 and (min(bands[0].x), max(bands[0].x)) == (0, 6)


def test_text_alternatives_come_from_the_data(series):
    text = timeline.timeline_summary(series.cases, series.events)
    assert "Case 1" in text and "8 months after the biopsy" in text
    pain = pain_summary(series.cases, series.events, series.catalogue.pain_levels)
    assert "relieved at month 3" in pain


def test_medication_points_each_sit_in_their_own_drug_lane(series):
    events = series.events[series.events["case_id"] == "3"].copy()
    extra = events[events["event"] == "biopsy"].copy()
    extra = pd.concat([
        extra.assign(event="opioids_dose", category="medication", order=90),
        extra.assign(event="nsaids_dose", category="medication", order=91),
    ])
    fig = timeline_figure(series.cases[series.cases["case_id"] == "3"],
                          pd.concat([events, extra]), "biopsy")
    points = [t for t in fig.data if t.name == "medication" and t.meta != KEY_TRACE]
    assert len(points) == 1
    assert sorted(points[0].y) == [0.27, 0.42]


def _legend(fig):
    return [t for t in fig.data if t.showlegend is not False]


def test_every_legend_entry_looks_different(series):
    """Colour and hatching (bars) or colour and symbol (markers) tell each entry apart."""
    fig = timeline_figure(series.cases, series.events, "biopsy")
    looks = [(t.type, t.marker.color, t.marker.pattern.shape if t.type == "bar" else t.marker.symbol)
             for t in _legend(fig)]
    assert len(looks) == len(set(looks)), looks
    names = [t.name for t in _legend(fig)]
    assert len(names) == len(set(names))
    assert {"Onset to diagnosis (approximate)", "Pain (date not reported)",
            "Imaging (date not reported)", "Open biopsy", "Last radiograph"} <= set(names)


def test_case_coloured_marks_have_a_grey_key_not_case_1s_colour(series):
    fig = timeline_figure(series.cases, series.events, "biopsy")
    keys = {t.name: t for t in fig.data if t.meta == KEY_TRACE}
    assert {"Onset to diagnosis (approximate)", "Pain (date not reported)", "Symptom onset",
            "Pain milestone"} <= set(keys)
    assert all(t.marker.color == KEY_GREY for t in keys.values())


@pytest.mark.parametrize("name", ["Open biopsy", "Last radiograph"])
def test_anchors_are_neither_black_nor_white_and_outlined(series, name):
    """Black vanished on the dark theme: a yellow fill inside a black outline shows on both."""
    marks = _traces(timeline_figure(series.cases, series.events, "biopsy"), name)
    assert marks
    for trace in marks:
        assert trace.marker.color == OKABE_ITO["yellow"]
        assert trace.marker.line.color == OKABE_ITO["black"]


def _many_events(per_case: int):
    """Two synthetic cases, each with `per_case` dated pain events and as many undated ones
    (the chart once drew one trace per undated span: 9 s for 36,000 events)."""
    from bench.synthetic import synthetic_files
    from imos.data import MemorySource, load_case_series

    files = synthetic_files(2)
    header = files["events.csv"].split(b"\n", 1)[0]
    rows = [header]
    for case in (b"S0001", b"S0002"):
        for k in range(per_case):
            rows.append(b"%s,%d,dated%d,pain,%d,,,,stated,none,w,src" % (case, k + 1, k, k % 40))
            rows.append(b"%s,%d,undated%d,pain,,,%d,%d,order_only,,w,src"
                        % (case, per_case + k + 1, k, -(k % 9) - 1, 0))
    files["events.csv"] = b"\n".join(rows) + b"\n"
    return load_case_series(MemorySource(files))


@pytest.mark.slow
def test_thousands_of_events_are_drawn_in_a_few_traces_each_with_its_hover():
    import time

    small, large = _many_events(10), _many_events(3000)
    started = time.perf_counter()
    for series in (small, large):
        timeline_figure(series.cases, series.events, "biopsy")
        pain_course_figure(series.cases, series.events, series.catalogue.pain_levels, "biopsy")
    assert time.perf_counter() - started < 20  # generous: a shared machine; ~2 s here
    for build in (lambda s: timeline_figure(s.cases, s.events, "biopsy"),
                  lambda s: pain_course_figure(s.cases, s.events, s.catalogue.pain_levels,
                                               "biopsy")):
        assert len(build(large).data) == len(build(small).data)  # per lane, not per event
    hovers = [h for t in timeline_figure(large.cases, large.events, "biopsy").data
              if t.meta != KEY_TRACE for h in np.atleast_1d(t.hovertemplate) if h]
    assert len(hovers) >= 2 * 2 * 3000  # every event keeps its own hover text


@pytest.mark.slow
def test_the_slides_timeline_of_a_case_with_thousands_of_events_is_a_few_artists():
    """The deck's timeline image once called matplotlib once per event (13 s for 12,000)."""
    from components.charts.static_charts import case_timeline

    small, large = _many_events(10), _many_events(3000)
    figures = [case_timeline(s.events, "S0001", "Synthetic 1", s.catalogue.pain_levels)
               for s in (small, large)]
    assert len(figures[1].axes[0].lines) == len(figures[0].axes[0].lines)
    drawn = sum(len(line.get_xdata()) for line in figures[1].axes[0].lines)
    assert drawn >= 3000  # every dated event is still a mark
