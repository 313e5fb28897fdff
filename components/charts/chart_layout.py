"""Layout shared by the app's plotly charts so that they read at 390 px as at 1400 px.

Plotly's toolbar (and Streamlit's fullscreen button beside it) sits in the top right
corner of a chart: a top margin of `TOOLBAR_ROOM` keeps it off the legend, the axis labels
and the heading above the chart. Legends go under the plot, where a phone has the room.
"""

from __future__ import annotations

import plotly.graph_objects as go

TOOLBAR_ROOM = 40  # px above the plot kept free for the toolbar
TOP_LABELS = 36  # px for two lines of column labels drawn above a plot (side="top")


def legend_below(fig: go.Figure, room: int) -> go.Figure:
    """Put a horizontal legend in the bottom `room` px of the figure, under the x axis."""
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                "yanchor": "bottom"},
        margin={"t": TOOLBAR_ROOM, "b": room},
    )
    return fig
