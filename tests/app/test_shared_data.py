"""The shipped series is shared by all sessions (st.cache_resource): no page may change it."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from imos.data import load_case_series
from tests.conftest import REPO
from tests.hostile import PAGE_FILES

QUERIES = {"explorer": {"case": "2", "nidus": "present"},
           "walkthrough": {"case": "3", "step": "end"}, "road": {"case": "3"},
           "timelines": {"axis": "onset"}}


def _same(a, b) -> None:
    for name in ("cases", "case_sources", "findings", "events", "mri_sequences",
                 "discrepancies", "discrepancy_readings", "discrepancy_cells", "judgements"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)
    pd.testing.assert_frame_equal(a.catalogue.findings, b.catalogue.findings)
    assert a.meta == b.meta


def test_running_every_page_leaves_the_shared_series_unchanged():
    from components.shell.data_access import _load
    from imos.data import default_series_dir

    at = AppTest.from_file(str(REPO / "dashboard.py"), default_timeout=30).run()
    for page, path in PAGE_FILES.items():
        at.switch_page(path)
        at.query_params.clear()
        for key, value in QUERIES.get(page, {}).items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, page
    shared = _load(str(default_series_dir()))
    _same(shared, load_case_series())
