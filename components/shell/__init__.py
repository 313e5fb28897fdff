"""The app's shell: the page list (`navigation`), every in-app address (`addresses`),
the session keys pages share, the error boundary, cached data access and derived values,
notes, present mode, tables and the probes browser tests read.

May import: `imos` and `components.charts.palette`.
"""
