"""The exclusion explorer: its custom panel widget (`panel`, JavaScript and CSS beside
it), its session state (`session`), controls and the compare chooser. What the panel
shows of the differential, memoised per state, is in `components.differential.explorer_views`.

May import: `imos`, `components.shell`, `components.charts`, `components.differential`.
"""
