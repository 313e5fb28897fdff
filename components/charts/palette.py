"""The one colour palette of the app: Okabe-Ito, safe for the common colour-vision deficiencies.

Colour never carries meaning alone: every coded state also has a symbol and a word.
"""

from __future__ import annotations

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

# Greys for "nothing to show" (not assessed, not raised, excluded) and for outlines.
NEUTRAL_FILL = "#EEEEEE"
EXCLUDED_FILL = "#D9D9D9"
OUTLINE = "#666666"
DARK_TEXT = "#111111"

# Fixed reference points of a chart (the biopsy, the last radiograph): yellow inside a
# black outline stands out on a white and on a dark background alike.
ANCHOR_FILL = OKABE_ITO["yellow"]
ANCHOR_OUTLINE = OKABE_ITO["black"]
# A key entry for marks drawn in each case's own colour: a grey readable on both themes.
KEY_GREY = "#8C8C8C"

CASE_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["vermillion"], OKABE_ITO["bluish_green"]]
BONE_COLOUR = "#B8B2A7"
BONE_OUTLINE = "#6B665E"


def case_colour(index: int) -> str:
    """Colour of the n-th case (0-based), cycling through the palette."""
    cycle = CASE_COLOURS + [OKABE_ITO[k] for k in ("orange", "reddish_purple", "sky_blue")]
    return cycle[index % len(cycle)]

# Differential statuses: each colour is always shown with its symbol and word.
STATUS_COLOURS = {
    "excluded": EXCLUDED_FILL,
    "unlikely": OKABE_ITO["orange"],
    "possible": OKABE_ITO["sky_blue"],
    "supported": OKABE_ITO["bluish_green"],
    "conflicting": OKABE_ITO["reddish_purple"],
}
