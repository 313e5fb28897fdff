"""The differential shown: the panel's HTML (`differential_panel`), badges and rule
tables (`differential_view`), the criteria page's pieces and the walk-through's.

May import: `imos`, `components.shell`, `components.charts`.
"""
