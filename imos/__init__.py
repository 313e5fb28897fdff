"""IMOS Case Explorer domain package: data, schemas and pure logic, no Streamlit.

For teaching only; not for clinical decisions.
"""
