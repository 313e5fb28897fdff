"""The road to the diagnosis: which examination, at which month, closed which door."""

import streamlit as st

from components.shell.data_access import require_knowledge, require_series
from components.differential.differential_panel import status_badge
from components.shell.notes import teaching_note
from components.shell.derived import derived
from components.charts.bone_view import bone_view, stage_images
from components.charts.road_chart import road_figure
from imos.drawing.bone import drawable_findings
from imos.reasoning.engine import case_findings
from imos.reasoning.questions import next_questions
from imos.reasoning.families import family_of, group_ids, settling
from imos.teaching.replay import initial_verdicts, stage_numbers
from imos.teaching.road import road_summary, road_to_diagnosis, teaching_point, unaddressed_reasons
from imos.text import escape_markdown
from imos.reasoning.wording import status_key

series = require_series()
knowledge = require_knowledge()
labels = knowledge.diagnosis_labels
finding_labels = series.catalogue.finding_labels
families = family_of(knowledge)

st.title("Road to the diagnosis")
st.markdown(
    "Each patient's differential replayed in the order the paper reports the examinations. "
    "After each one, the engine re-reads everything known so far; the chart shows every "
    "diagnosis's status, and the cards below say which result closed which door. "
    "**¶** marks where the paper states its own judgement."
)
teaching_note()

case_ids = list(series.cases["case_id"])
if len(case_ids) <= 8:
    case_id = st.segmented_control(
        "Case", options=case_ids, default=case_ids[0], key="case", bind="query-params",
        required=True,
    ) or case_ids[0]
else:  # many cases: a searchable box, still bound to ?case=
    case_id = st.selectbox("Case", case_ids, key="case", bind="query-params") or case_ids[0]
case = series.cases.set_index("case_id").loc[case_id]
st.markdown(
    f"**{escape_markdown(case['label'])}**: {case['age']}-year-old, {escape_markdown(case['bone'])}; "
    f"onset to diagnosis {escape_markdown(case['onset_to_diagnosis_wording'])}."
)

stops = road_to_diagnosis(series, case_id, knowledge)
# what would settle each mimic the report leaves open: one what-if pass per case
settle = derived(series, ("road_settle", case_id), lambda: settling(
    next_questions(case_findings(series.findings, case_id), knowledge)))
left_open = unaddressed_reasons(stops, finding_labels, settle)
start = initial_verdicts(knowledge)
numbers = stage_numbers(series.catalogue)  # the walk-through's stage numbers
short = series.catalogue.examination_short_labels
titles = [f"{numbers[s.examination_id]}. {s.label}" for s in stops]
st.plotly_chart(road_figure(stops, start, [f"{numbers[s.examination_id]} {short[s.examination_id]}"
                                           for s in stops], families),
                key="road_chart", width="stretch", config={"displaylogo": False})
st.caption("Numbers are the walk-through's stages (radiograph and CT are both stage 3).")
st.caption("Rows are grouped by family (the family is named in italics at its first row).")
st.caption("Text alternative: " + escape_markdown(road_summary(stops, labels, reasons=left_open)))
st.caption(status_key() + " · ¶ the paper's own judgement at this examination. Colours "
           "follow the same statuses. IMOS is a diagnosis of exclusion: it stays open until "
           "every alternative the paper names is excluded or unlikely and no other mimic "
           "speaks for itself; mimics left merely possible are named as left open.")

so_far: dict[str, str] = {}  # the findings known at each stop, for the schematic bone
for title, stop in zip(titles, stops):
    replayed = stop.replayed
    with st.container(border=True, key=f"stop_{stop.examination_id}"):
        st.markdown(f"#### {escape_markdown(title)}")
        st.caption(f"When: {escape_markdown(stop.when)}. Timing source: "
                   f"{escape_markdown(stop.time_source)}.")
        shown = [f"{escape_markdown(finding_labels[f])} **{v}**" for f, v in replayed.assessed.items()]
        not_reported = [finding_labels[f] for f, v in replayed.revealed.items() if v == "unknown"]
        if shown:
            st.markdown("Result: " + "; ".join(shown))
        so_far.update(replayed.assessed)
        if any(f in drawable_findings() for f in replayed.assessed):  # drawn where it changes
            bone_view(so_far, finding_labels, ident=f"road-bone-{stop.examination_id}",
                      only_when_drawn=True)
        stage_images(series, case_id, (stop.examination_id,))
        if not_reported:
            st.caption("Not reported for this case: " + escape_markdown(", ".join(not_reported)))
        if replayed.newly_excluded:
            for d in replayed.newly_excluded:
                reasons = [r for r in replayed.verdict(d).reasons if r.effect == "excludes"]
                why = "; ".join(r.rationale for r in reasons)
                sources = "; ".join(r.source for r in reasons)
                st.markdown(f"{status_badge('excluded')} **{escape_markdown(labels[d])}**: "
                            f"{escape_markdown(why)} *({escape_markdown(sources)})*")
        else:
            st.markdown("Excluded nothing new.")
        other = {d: c for d, c in replayed.changed.items() if c[1] != "excluded"}
        if other:
            st.caption("Also moved: " + "; ".join(
                f"{labels[d]} {old} → {new}" for d, (old, new) in other.items()))
        for judgement in stop.judgements:
            named = ", ".join(labels.get(d, d) for d in judgement.diagnosis_ids)
            st.markdown(f"¶ **The paper** on {escape_markdown(named)}: "
                        f"{escape_markdown(judgement.wording)} *({escape_markdown(judgement.source)})*")
        for d in stop.disagreements():
            st.info(escape_markdown(teaching_point(stops, stop, d, labels[d], finding_labels)),
                    icon=":material/compare_arrows:")
        open_now = group_ids(replayed.open_ids, families)
        st.caption(f"Open after this step ({len(replayed.open_ids)}): " + escape_markdown("; ".join(
            f"{family}: {', '.join(labels[d] for d in ids)}" for family, ids in open_now)))

if left_open:
    st.subheader("Left open at the end: left open by the report's text")
    with st.container(border=True, key="road_unaddressed"):
        st.markdown("The paper names these mimics only as a class or not at all. What its "
                    "text reports argues a little either way for some of them (the cortical "
                    "thickening of the figures, for Ribbing disease) but leaves each merely "
                    "possible, so they do not hold IMOS back: no finding reported speaks for "
                    "them. Each line names the findings that would settle it.")
        for d, why in left_open.items():
            st.markdown(f"- {status_badge(stops[-1].replayed.verdict(d).status)} "
                        f"**{escape_markdown(labels[d])}** ({escape_markdown(families[d])}): "
                        f"left open by the report's text: {escape_markdown(why)}.")
