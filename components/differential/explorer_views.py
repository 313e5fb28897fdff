"""The explorer's verdicts and panel HTML per state, shared by every reader of a series: a
room follows the same steps, so most states are worked out once (strings and frozen
dataclasses only, nothing a session could change)."""

from __future__ import annotations

from collections.abc import Mapping

from components.shell.derived import BoundedMemo, derived
from components.differential.differential_panel import differential_html, moved_text, summary_html
from imos.reasoning import engine as dx
from imos.reasoning import questions
from imos.reasoning.wording import change_text
from imos.teaching.scenario import to_query

MEMO_SIZE = 512


class ExplorerViews:
    """Verdicts, what-if analysis and the panel's HTML of a state, memoised per series."""

    def __init__(self, series, knowledge, labels: Mapping[str, str],
                 diagnoses: Mapping[str, str], families: Mapping[str, str],
                 published: frozenset[str] = frozenset()) -> None:
        self.memo: BoundedMemo = derived(series, "explorer_views", lambda: BoundedMemo(MEMO_SIZE))
        self.knowledge, self.labels = knowledge, labels
        self.diagnoses, self.families = diagnoses, families
        self.published = published  # diagnoses with library cases: "see published cases"

    def verdicts(self, state: Mapping[str, str]) -> tuple[dx.Verdict, ...]:
        return self.memo.get(("verdicts", _known(state)),
                             lambda: tuple(dx.evaluate(to_query(state), self.knowledge)))

    def change(self, before: Mapping[str, str], after: Mapping[str, str]
               ) -> tuple[dict, str]:
        """What a change of findings moved ({diagnosis: (status before, after)}) and the
        change in words."""
        return self.memo.get(
            ("change", _known(before), _known(after)),
            lambda: (dx.moved(self.verdicts(before), self.verdicts(after)),
                     change_text(before, after, self.labels)))

    def _analysis(self, query: Mapping[str, str]):
        """Which single findings would exclude or settle each diagnosis: one what-if pass."""
        def build():
            outcomes = questions.what_if(query, self.knowledge)
            return (questions.decisive_for_all(query, self.knowledge, outcomes),
                    questions.next_questions(query, self.knowledge, outcomes))
        return self.memo.get(("analysis", frozenset(query.items())), build)

    def panel(self, state: Mapping[str, str], moved: Mapping | None, change: str
              ) -> tuple[str, str, str]:
        """(differential HTML, summary HTML, the words for screen readers) of a state."""
        moved_key = None if moved is None else tuple(sorted(moved.items()))
        verdicts = self.verdicts(state)
        return self.memo.get(
            ("html", _known(state), moved_key, change),
            lambda: (differential_html(verdicts, self.labels, self.diagnoses, moved,
                                       *self._analysis(to_query(state)), change=change,
                                       families=self.families, published=self.published),
                     summary_html(verdicts, moved, self.diagnoses, change),
                     moved_text(moved, self.diagnoses, change)))


def _known(state: Mapping[str, str]) -> frozenset[tuple[str, str]]:
    """A state's memo key: its known findings (what `to_query` keeps, unsorted)."""
    return frozenset(item for item in state.items() if item[1] != "unknown")
