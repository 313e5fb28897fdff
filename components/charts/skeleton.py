"""A simple front-view sketch of both lower limbs with one case's lesion marked.

The sketch is schematic: it marks the bone, the side and the shaft (diaphysis) the paper
names. The paper does not say which third of the shaft, so the whole shaft is marked.
"""

from __future__ import annotations

from collections.abc import Mapping

import html

import plotly.graph_objects as go

from components.charts.palette import BONE_COLOUR, BONE_OUTLINE

# Patient's right is drawn on the viewer's left, as on a radiograph in anatomical position.
# Each bone: (x at the proximal end, y), (x at the distal end, y), line width.
_BONES = {
    "femur": ((0.42, 9.0), (0.32, 5.35), 11),
    "tibia": ((0.30, 5.05), (0.28, 1.05), 9),
    "fibula": ((0.50, 4.85), (0.47, 1.05), 4),
}
_DIAPHYSIS = (0.22, 0.78)  # fraction of the bone length counted as shaft in the sketch


def _x(side: str, x: float) -> float:
    return -x if side == "right" else x


def _point(bone: str, side: str, fraction: float) -> tuple[float, float]:
    (x0, y0), (x1, y1), _ = _BONES[bone]
    return _x(side, x0 + (x1 - x0) * fraction), y0 + (y1 - y0) * fraction


def skeleton_figure(case: Mapping, colour: str, height: int = 360) -> go.Figure:
    """Both lower limbs with the lesion of `case` (a row of `cases`) marked in `colour`."""
    fig = go.Figure()
    for side in ("right", "left"):
        for bone, (_, _, width) in _BONES.items():
            xs, ys = zip(*(_point(bone, side, f) for f in (0.0, 1.0)))
            fig.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines+markers", hoverinfo="skip", showlegend=False,
                    line={"color": BONE_COLOUR, "width": width},
                    marker={"color": BONE_COLOUR, "size": width + 5,
                            "line": {"color": BONE_OUTLINE, "width": 1}},
                )
            )
    # pelvis and kneecaps, schematic
    fig.add_shape(type="path", path="M -0.62 9.15 Q 0 10.2 0.62 9.15 Q 0.3 9.6 0 9.35 Q -0.3 9.6 -0.62 9.15 Z",
                  fillcolor=BONE_COLOUR, line={"color": BONE_OUTLINE, "width": 1})
    for side in ("right", "left"):
        fig.add_shape(type="circle", x0=_x(side, 0.24), x1=_x(side, 0.40), y0=5.1, y1=5.4,
                      fillcolor=BONE_COLOUR, line={"color": BONE_OUTLINE, "width": 1})

    bone, side = str(case["bone"]).lower(), str(case["side"])
    if bone in _BONES:
        fractions = [_DIAPHYSIS[0] + (_DIAPHYSIS[1] - _DIAPHYSIS[0]) * i / 6 for i in range(7)]
        xs, ys = zip(*(_point(bone, side, f) for f in fractions))
        sex = {"F": "woman", "M": "man"}[case["sex"]]
        hover = (
            f"{html.escape(str(case['label']))}: {case['age']}-year-old {sex}<br>"
            f"{html.escape(side)} {html.escape(bone)}, {html.escape(str(case['segment']))}"
            "<extra></extra>"
        )
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines+markers", name=f"{html.escape(str(case['label']))} lesion",
                line={"color": colour, "width": _BONES[bone][2] + 8},
                marker={"color": colour, "size": 6, "symbol": "diamond"},
                hovertemplate=hover, showlegend=False,
            )
        )
    fig.add_annotation(x=-0.85, y=10.0, text="R", showarrow=False, font={"size": 14})
    fig.add_annotation(x=0.85, y=10.0, text="L", showarrow=False, font={"size": 14})
    fig.update_xaxes(visible=False, range=[-1, 1], fixedrange=True)
    fig.update_yaxes(visible=False, range=[0.6, 10.4], fixedrange=True, scaleanchor="x", scaleratio=0.3)
    fig.update_layout(
        height=height, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        plot_bgcolor="rgba(0,0,0,0)", paper_bgcolor="rgba(0,0,0,0)",
    )
    return fig
