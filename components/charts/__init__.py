"""Charts: the palette, plotly figure builders (timeline, matrix, road, triphasic table,
leg sketch) and the static matplotlib charts of the files that leave the app.

May import: `imos`. Never another folder of `components`.
"""
