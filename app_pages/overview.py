"""Overview: what IMOS is, the three patients at a glance, the paper's conclusions."""

import streamlit as st

from components.shell.addresses import link_to, page
from components.shell.data_access import require_series
from components.shell.derived import derived
from components.shell.notes import teaching_note
from components.charts.palette import case_colour
from components.charts.skeleton import skeleton_figure
from components.shell.tables import table_below_text
from imos.files.citation import citation_text, doi_url
from imos.text import escape_markdown, months_phrase, sex_word

series = require_series()
meta = series.meta

st.title("IMOS Case Explorer")
st.markdown(
    "An interactive retelling of a published case series of **intramedullary "
    "osteosclerosis (IMOS)**: three patients, their long road to a diagnosis, their "
    "imaging, and why each alternative diagnosis could be set aside."
)
teaching_note()

st.header("Teach with it")
st.markdown(
    "For a journal club: walk the room through one patient stage by stage (the room calls "
    "out which diagnoses it keeps, then you reveal the answer), continue in the explorer, "
    "and hand out the scenario as one HTML file that opens offline. **Present this** on "
    "the walk-through gives large type and no sidebar; the arrow keys move between slides."
)
with st.container(horizontal=True):
    for url_path in ("walkthrough", "road", "explorer", "sources"):
        link_to(page(url_path))

st.header("What IMOS is")
st.markdown(
    "IMOS is a rare, painful build-up of dense bone inside the marrow cavity of a long "
    "bone's shaft, seen in adults, mostly in the legs, with no family history, infection, "
    "injury or body-wide illness behind it. No single test proves it: it is diagnosed by "
    "ruling out the conditions that look alike on imaging, such as bone tumours, chronic "
    "infection, stress fracture, osteoid osteoma and the bone dysplasias."
)
st.caption("Paraphrased from the Background and Discussion of the paper.")

SHIPPED = meta["series_id"] == "abe2020"  # the paper-specific text below is about it only
if not SHIPPED:
    st.info(f"Showing **{escape_markdown(meta['title'])}** ({len(series.cases)} cases), "
            "loaded for this session. The text about IMOS and the paper's conclusions "
            "below describe the shipped Abe 2020 series.", icon=":material/upload_file:")
st.header("The three patients" if SHIPPED else f"The {len(series.cases)} patients")
CARDS = 3  # more cards than this are a table below
columns = st.columns(min(len(series.cases), CARDS))
for index, (column, case) in enumerate(zip(columns, series.cases.head(CARDS).to_dict("records"))):
    with column:
        st.subheader(escape_markdown(case["label"]))
        st.markdown(
            f"**{case['age']}-year-old {sex_word(case['sex'])}**  \n"
            f"{escape_markdown(case['side'])} {escape_markdown(case['bone'])}, shaft  \n"
            f"Onset to diagnosis: "
            f"{months_phrase(case['onset_to_diagnosis_months'], case['onset_to_diagnosis_approximate'])}  \n"
            f"Follow-up after biopsy: {months_phrase(case['followup_months'], False)}"
        )
        st.plotly_chart(
            skeleton_figure(case, case_colour(index), height=300),
            key=f"skeleton_{case['case_id']}",
            config={"displayModeBar": False, "staticPlot": False},
        )
        st.caption(
            f"Sketch of both legs from the front (patient's right on the left); the "
            f"{escape_markdown(case['side'])} {escape_markdown(case['bone'])} shaft is "
            f"marked. The paper does not say which third of the shaft."
        )

if len(series.cases) > CARDS:
    st.caption(f"The first {CARDS} of {len(series.cases)} cases; all of them below.")
    table_below_text(series.cases[["case_id", "label", "age", "sex", "side", "bone",
                               "onset_to_diagnosis_months", "followup_months"]],
                 hide_index=True, width="stretch", key="all_cases")

def _sources_table():
    """Where each card's facts come from: a column per case, or for a long series a row
    per case (a table 500 columns wide is unreadable, and slow to send)."""
    sources = series.case_sources
    shown = sources[sources["field"].isin(
        ["age", "sex", "side", "bone", "onset_to_diagnosis_months", "followup_months"]
    )]
    table = shown.pivot(index="field", columns="case_id", values="source")
    return table if len(series.cases) <= CARDS else table.T


with st.expander("Where these facts come from"):
    table_below_text(derived(series, "overview_sources", _sources_table), width="stretch")
    st.caption(
        "Case 1's follow-up is 34 months in the Abstract and 39 months in the text; the "
        "Sources page lists every place where the paper disagrees with itself."
    )

st.header("What the authors concluded")
st.markdown(
    "1. **Think of IMOS early.** A large sclerotic lesion in the shaft of a long bone "
    "with severe pain should bring IMOS to mind, so that the diagnosis is not delayed; "
    "the other sclerotic bone lesions still have to be ruled out with care.\n"
    "2. **The triphasic bone scan helps.** An intense, spindle-shaped (fusiform) area of "
    "uptake on the delayed images, with no or only a slight increase on the blood-pool "
    "images, supports the diagnosis.\n"
    "3. **Open biopsy did two jobs.** It confirmed IMOS and quickly eased the severe pain "
    "in all three patients, but more patients and longer follow-up are needed."
)
st.caption("Paraphrased from the Conclusions of the paper.")

st.header("The paper")
st.markdown(escape_markdown(citation_text(meta))
            + (f"  \n[{doi_url(meta)}]({doi_url(meta)})" if doi_url(meta) else ""))
st.caption(escape_markdown(meta["licence"]))
