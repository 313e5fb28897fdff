"""The data package and its validation: schemas, reading folders and uploads, the
catalogue of findings, the case series and its cross-checks, problems in plain words.

May import: the standard library, pandas, pydantic, yaml, and `imos.text`. Nothing else
of `imos`. The front door for callers is `imos.data`.
"""
