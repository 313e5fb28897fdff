"""The exclusion explorer: its custom panel widget (`panel`, JavaScript and CSS beside
it), its session state (`session`), memoised views (`views`), controls and the
compare chooser.

May import: `imos`, `components.shell`, `components.charts`, `components.differential`.
"""
