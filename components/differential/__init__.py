"""The differential as it is shown. Where to look:

- `differential_panel`: a status as a badge (the panel's HTML badge and the pages'
  Streamlit badge) and the explorer's whole differential as HTML (verdicts by family,
  what moved, what to ask next); the explorer panel and the room show it;
- `criteria_view`: the criteria page's pieces (chooser, scope note, strength scale, the
  rules and key arguments in words);
- `explorer_views`: the explorer's verdicts, what-if analysis and panel HTML per state,
  memoised per series (a room follows the same steps);
- `walkthrough_view`: the walk-through's revealed findings, answers and scores.

The words themselves come from `imos.reasoning.wording`.

May import: `imos`, `components.shell`, `components.charts`.
"""
