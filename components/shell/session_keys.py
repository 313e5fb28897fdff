"""The session keys that more than one page or component touches, declared here, one line
each. Every other key belongs to one page, under that page's prefix, and only that page
(and the components it calls) reads or writes it; a page hands something to another page
only through a named function (`components.shell.addresses`), never by writing its keys.
"""

from __future__ import annotations

# Each page that keeps state keeps it under its own prefix (keyed by the page list's url_path).
PAGE_PREFIXES = {"explorer": "fx_", "walkthrough": "wt_", "practice": "px_", "gallery": "gx_"}
# Page state that names case ids: all of it is dropped when the session's series changes.
STATE_PREFIXES = tuple(PAGE_PREFIXES.values())
# The series this session uploaded: written by `data_access.use_series`, read by every page.
UPLOADED_SERIES = "imos_uploaded_series"
# A hand-off to the explorer: read the link again on its next run (`addresses.open_explorer`).
EXPLORER_READ_LINK = "fx_read_link"
