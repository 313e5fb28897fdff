"""Differential criteria: the knowledge base as a table, and the paper's Table 1."""

import streamlit as st

from components.differential.library_access import require_library
from components.shell.data_access import require_knowledge, require_series
from components.differential.criteria_view import (
    STRENGTH_SCALE,
    conditions_words,
    diagnosis_chooser,
    key_arguments,
    key_arguments_table,
    scope_note,
)
from components.files.downloads import csv_download
from components.shell.tables import rules_table
from components.shell.notes import teaching_note
from components.charts.triphasic_view import triphasic_section
from imos.reasoning.families import family_of, scope_of
from imos.reasoning.knowledge import ORIGIN_LABELS, load_triphasic_table
from imos.text import escape_markdown
from imos.reasoning.wording import EFFECT_WORDS, STRENGTH_WORDS

series = require_series()
knowledge = require_knowledge()
labels = series.catalogue.finding_labels
diagnoses = knowledge.diagnosis_labels
families = family_of(knowledge)

st.title("Differential criteria")
st.markdown(
    "IMOS is diagnosed by ruling the alternatives out. Each rule below says what a finding "
    "does to one diagnosis, in whose words: **Abe et al. (text)** for the authors' own "
    "arguments, **Abe et al. (Table 1)** for their triphasic bone-scan table, and **Other "
    "literature** for sources outside the paper. Where other literature weakens an "
    "argument, the caveat stands beside it."
)
teaching_note()
st.markdown(scope_note(diagnoses, scope_of(knowledge)))

left, right = st.columns(2)
chosen = diagnosis_chooser(left, diagnoses, families)
origins = right.pills("Whose argument", list(ORIGIN_LABELS), default=list(ORIGIN_LABELS),
                      format_func=ORIGIN_LABELS.get, key="criteria_origins", selection_mode="multi")

rules = knowledge.rules[knowledge.rules["diagnosis_id"].isin(chosen)
                        & knowledge.rules["origin"].isin(origins)]
table = rules.assign(
    diagnosis=rules["diagnosis_id"].map(diagnoses),
    when=[conditions_words(c, labels) for c in rules["conditions"]],
    effect=rules["effect"].map(EFFECT_WORDS),
    strength=rules["effect"].map(STRENGTH_WORDS),
    whose=rules["origin"].map(ORIGIN_LABELS),
)[["diagnosis", "when", "effect", "strength", "strength_note", "rationale", "whose", "source",
   "caveat", "caveat_source"]].rename(columns={"strength_note": "why this strength"})

st.subheader("How far a finding moves a diagnosis")
st.markdown(STRENGTH_SCALE)

st.subheader("What tells each diagnosis apart")
st.caption("The decisive and strong arguments of each chosen diagnosis, in words; weak ones "
           "and the full wording are in the list of every rule below.")
key_arguments_table(key_arguments(rules, diagnoses, labels, families, scope_of(knowledge)))
published = [d for d in chosen if d in {c.authors_diagnosis for c in require_library()}]
if published:
    st.markdown("**See published cases** side by side with IMOS, and what told them apart, "
                "in the look-alikes gallery: " + " · ".join(
                    f"[{escape_markdown(diagnoses[d])}](gallery?dx={d})" for d in published))

st.subheader(f"Every rule ({len(table)})")
rules_table(table)
csv_download(table, "imos-differential-rules.csv", "Rules (CSV)", key="download_rules")

st.subheader("Triphasic bone scan: the paper's Table 1")
triphasic = load_triphasic_table()
triphasic_section(triphasic)
st.caption(
    "Table 1 of the article, as its Discussion also describes it. The IMOS column pools one "
    "earlier case (Puranik et al.) with Cases 2 and 3; Case 1 had no triphasic scan. The "
    "authors add that the scan's usefulness needs further study, and other sources note "
    "that three-phase results vary with the stage of disease."
)
csv_download(triphasic, "imos-triphasic-table1.csv", "Table 1 (CSV)", key="download_table1")
