"""Performance benchmark of IMOS Case Explorer against a bare Streamlit app (not a test)."""
