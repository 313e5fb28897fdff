"""The knowledge base and the engine: rules as data (`knowledge`), the differential
(`engine`, public as `imos.differential.evaluate`), what a finding not yet known would
change (`questions`), the differential by family (`families`) and how statuses, rules
and conditions read (`wording`).

May import: `imos.data` and `imos.dataset` (to read the knowledge files), `imos.text`.
Never the teaching sequences, the files or the rooms.
"""
