"""The files of the walk-through built outside the app, for `python -m imos slides` and
`python -m imos handout`: the same builders the app's download buttons call, with the
whole case (every stage, no score or room votes) and the app's address from an argument.
"""

from __future__ import annotations

from collections.abc import Mapping

from components.files.handout_download import as_html, as_pdf, walkthrough_handout
from components.files.slides_download import case_title, walkthrough_deck
from components.shell.addresses import walkthrough_address
from imos.files.deck import reachable
from imos.reasoning.engine import default_knowledge
from imos.teaching.walkthrough import Position, walkthrough


def _diagnoses(knowledge) -> Mapping[str, str]:
    return dict(zip(knowledge.diagnoses["diagnosis_id"], knowledge.diagnoses["label"]))


def slides_file(series, case_id: str, address: str | None = None) -> bytes:
    """The case's deck, as the walk-through's "Download slides" button builds it."""
    knowledge = default_knowledge()
    case = series.cases[series.cases["case_id"] == case_id].iloc[0]
    return walkthrough_deck(series, case_id, case_title(case), walkthrough(series, case_id, knowledge),
                            _diagnoses(knowledge), address, knowledge)


def handout_file(series, case_id: str, pdf: bool, paper: str = "A4",
                 address: str | None = None) -> bytes:
    """The handout of the whole case (HTML, or PDF on `paper`), as the walk-through's
    handout buttons build it at the last stage before any answer is scored."""
    knowledge = default_knowledge()
    steps = walkthrough(series, case_id, knowledge)
    label = dict(zip(series.cases["case_id"], series.cases["label"]))[case_id]
    link = reachable(walkthrough_address(address, case_id, Position(len(steps), False),
                                         len(steps), False))
    handout = walkthrough_handout(label, steps, len(steps), series, case_id,
                                  _diagnoses(knowledge), [], link, "png" if pdf else "svg")
    return as_pdf(handout, paper) if pdf else as_html(handout).encode("utf-8")
