"""IMOS Case Explorer: the entry point (`streamlit run dashboard.py`).

Sets the page, builds the navigation over `pages/`, and draws the shared sidebar.
"""

import streamlit as st

from components.data_access import require_series
from components.notes import sidebar_source

st.set_page_config(
    page_title="IMOS Case Explorer",
    page_icon=":material/radiology:",
    layout="wide",
    initial_sidebar_state="auto",
)

series = require_series()

navigation = st.navigation(
    [
        st.Page("app_pages/overview.py", title="Overview", icon=":material/home:",
                url_path="overview", default=True),
        st.Page("app_pages/timelines.py", title="Case timelines", icon=":material/timeline:",
                url_path="timelines"),
        st.Page("app_pages/findings_matrix.py", title="Findings matrix", icon=":material/grid_on:",
                url_path="findings"),
        st.Page("app_pages/criteria.py", title="Differential criteria", icon=":material/rule:",
                url_path="criteria"),
        st.Page("app_pages/explorer.py", title="Exclusion explorer", icon=":material/tune:",
                url_path="explorer"),
        st.Page("app_pages/walkthrough.py", title="Walk-through", icon=":material/school:",
                url_path="walkthrough"),
        st.Page("app_pages/road.py", title="Road to the diagnosis", icon=":material/route:",
                url_path="road"),
        st.Page("app_pages/sources.py", title="Sources and data", icon=":material/menu_book:",
                url_path="sources"),
        st.Page("app_pages/upload.py", title="Your own cases", icon=":material/upload_file:",
                url_path="data"),
    ]
)

with st.sidebar:
    sidebar_source(series.meta)

navigation.run()
