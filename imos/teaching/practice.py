"""Practice on published cases: a library case as an unknown, stage by stage, then the
reveal; a run of cases ends with the families the learner confused (pure).

The library is the literature suite (`imos.dataset.literature.load_literature`): one
loader, one schema. A case's coded findings fall into the walk-through's stages by the
catalogue's `examination` column (history and examination, laboratory, radiograph and CT,
MRI, bone scans, biopsy); only stages with a coded finding are shown. At each stage the
learner keeps or drops diagnoses and is scored by the walk-through's own function
(`imos.teaching.walkthrough.score_step`): the practice steps are `WalkStep`s without
paper judgements (a published case has no Abe et al. argument to compare with).

Teaching, not diagnosis: the findings are what the report's abstract or opening text
states, not everything that was found.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from imos.reasoning.engine import STANDING, Verdict
from imos.reasoning.knowledge import KnowledgeBase
from imos.reasoning.wording import conditions_text, lower_first, upper_first
from imos.teaching.replay import replay, stage_steps
from imos.teaching.walkthrough import GuessScore, WalkStep, score_step

RUN_LENGTH = 5
PICKS = ("random", "family", "missed")
CONFIRMED_WORDS = {
    "biopsy": "by biopsy",
    "imaging": "on imaging",
    "follow_up": "by follow-up",
    "genetic": "by genetic testing",
    "surgery": "at surgery",
    "clinical": "on clinical grounds",
}
LIMITS = (
    "Coded from the report's abstract or the opening of its text, as each case says: not "
    "every finding the authors had is reported, and a finding the text does not mention is "
    "unknown here (it neither excludes nor supports). For teaching, not diagnosis."
)


# --- stages ---------------------------------------------------------------------------------

def practice_steps(findings: Mapping[str, str], catalogue,
                   knowledge: KnowledgeBase | None = None) -> list[WalkStep]:
    """The case's stages in the walk-through's clinical order, only those with a coded
    finding, each with the engine's verdicts after it (numbered from 1).

    A stage with nothing coded changes no verdict, so leaving it out changes nothing the
    learner is scored against.
    """
    stages = [s for s in stage_steps(catalogue) if any(f in findings for f in s.finding_ids)]
    exams = catalogue.examinations.groupby("stage", sort=False)["examination_id"]
    exams_of = {stage: tuple(ids) for stage, ids in exams}
    return [WalkStep(n, r, exams_of[r.step.label], ())
            for n, r in enumerate(replay(findings, stages, knowledge), start=1)]


def stage_findings(step: WalkStep, passages: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(finding id, present/absent, the passage it rests on) of what this stage reveals."""
    return [(f, v, passages.get(f, "")) for f, v in step.replayed.assessed.items()]


def carried(guesses: Mapping[int, Sequence[str]], number: int,
            every: Sequence[str]) -> list[str]:
    """The learner's list at stage `number`: their own, else the one carried from before
    (every diagnosis before the first stage)."""
    for n in range(number, 0, -1):
        if n in guesses:
            return list(guesses[n])
    return list(every)


def stage_scores(guesses: Mapping[int, Sequence[str]], steps: Sequence[WalkStep],
                 every: Sequence[str]) -> list[GuessScore]:
    """The walk-through's score of the learner's list at each stage."""
    return [score_step(carried(guesses, s.number, every), steps, s.number) for s in steps]


# --- choosing a case ------------------------------------------------------------------------

MIN_STAGES = 2  # a case whose report speaks of one stage only is no unknown to reason through


def practisable(cases: Sequence, catalogue) -> list:
    """The cases whose coded findings reach at least `MIN_STAGES` stages (the others, often
    an abstract that gives only age and sex, stay in the gallery and the explorer)."""
    stages = stage_steps(catalogue)
    return [c for c in cases
            if sum(any(f in c.findings for f in s.finding_ids) for s in stages) >= MIN_STAGES]


@dataclass(frozen=True)
class Pick:
    """The case chosen and, in words, why (a 'missed' pick with nothing missed yet says so)."""

    case_id: str | None
    why: str


def pick_case(cases: Sequence, families: Mapping[str, str], how: str, *,
              family: str | None = None, missed: Sequence[str] = (),
              played: Iterable[str] = (), rng: random.Random | None = None) -> Pick:
    """A library case: at random, from one family (of the authors' diagnosis), or from the
    family the learner missed most so far (`missed`, most missed first). Cases already
    played in this run are left out while others remain."""
    rng = rng or random.Random()
    played = set(played)

    def choose(pool: list, why: str) -> Pick:
        fresh = [c for c in pool if c.case_id not in played] or pool
        return Pick(rng.choice(fresh).case_id, why) if fresh else Pick(None, why)

    of_family = lambda fam: [c for c in cases if families.get(c.authors_diagnosis) == fam]  # noqa: E731
    if how == "family":
        pool = of_family(family)
        if not pool:
            return Pick(None, f"no library case of the family '{family}'")
        return choose(pool, f"a case of the family {family}")
    if how == "missed":
        for fam in missed:
            if of_family(fam):
                return choose(of_family(fam), f"a case of {fam}, the family you missed most")
        return choose(list(cases), "nothing missed yet in this session, so a random case")
    return choose(list(cases), "a random case")


# --- the reveal -----------------------------------------------------------------------------

def basis_words(verdict: Verdict, finding_labels: Mapping[str, str],
                diagnoses: Mapping[str, str]) -> str:
    """Why the engine gives a diagnosis its status, in one plain sentence: the argument
    that discriminates and the rivals it sets aside, or what it lacks."""
    def names(ids: Iterable[str]) -> str:
        return ", ".join(diagnoses.get(d, d) for d in ids)

    if verdict.status == "supported" and verdict.discriminating:
        rule_id, rivals = verdict.discriminating
        reason = next((r for r in verdict.reasons if r.rule_id == rule_id), None)
        if reason is None:  # IMOS: supported once every alternative is closed
            return "every alternative is excluded or unlikely."
        what = upper_first(conditions_text(reason, finding_labels))
        if reason.effect == "hallmark":
            return f"its hallmark: {what} ({reason.source})."
        shown = names(rivals[:4]) + (f" and {len(rivals) - 4} more" if len(rivals) > 4 else "")
        apart = f"; it sets it apart from {shown}" if rivals else ""
        return (f"{what} argues strongly for it and no rival still standing has "
                f"that argument{apart} ({reason.source}).")
    if verdict.status == "supported":
        return "every alternative is excluded or unlikely."
    if verdict.standing:
        return (f"a diagnosis of exclusion: {names(verdict.standing)} still stand (the "
                "report as coded does not close them).")
    if verdict.leaning == "for":
        if verdict.explained_by:
            why = f"the hallmark of {names(verdict.explained_by)} explains the picture"
        elif verdict.lesion_missing:
            why = "its lesion is not stated in the coded findings"
        else:
            why = "none of its strong arguments is its own (a rival still standing shares it)"
        return f"leaning for: the arguments for it outweigh those against, but {why}."
    if verdict.status == "possible":
        fors = verdict.for_reasons
        if fors:
            return ("only weak or shared arguments for it ("
                    + "; ".join(f"{lower_first(conditions_text(r, finding_labels))}, {r.strength}"
                                for r in fors[:2])
                    + "): nothing coded sets it apart from its rivals.")
        return "no coded finding argues for or against it."
    against = [r for r in verdict.against_reasons][:2]
    return "the arguments against it weigh more: " + "; ".join(
        f"{lower_first(conditions_text(r, finding_labels))}, {r.strength}" for r in against) + "."


@dataclass(frozen=True)
class Reveal:
    """What the reveal shows: the authors' diagnosis and how it was reached, the engine's
    verdict on it and why, what else the engine supports, and where the two differ."""

    authors_diagnosis: str
    confirmed: str
    engine_status: str
    engine_basis: str
    also_supported: tuple[tuple[str, str, str], ...]  # (diagnosis, status, why)
    differences: tuple[str, ...]

    @property
    def agrees(self) -> bool:
        return self.engine_status == "supported" and not self.also_supported


def reveal(case, verdicts: Sequence[Verdict], finding_labels: Mapping[str, str],
           diagnoses: Mapping[str, str], biopsy_findings: Iterable[str] = ()) -> Reveal:
    """The reveal of a library case from the engine's verdicts after its last stage.

    `biopsy_findings`: the catalogue's findings of the biopsy stage, to say when the
    authors relied on a biopsy whose result the coded text does not state.
    """
    by_id = {v.diagnosis_id: v for v in verdicts}
    own = by_id[case.authors_diagnosis]
    name = diagnoses.get(case.authors_diagnosis, case.authors_diagnosis)
    confirmed = CONFIRMED_WORDS.get(case.how_confirmed or "", "by a route the text read does not state")
    others = tuple((v.diagnosis_id, v.status, basis_words(v, finding_labels, diagnoses))
                   for v in verdicts if v.diagnosis_id != case.authors_diagnosis
                   and v.status in ("supported", "conflicting"))
    differences = []
    if own.status == "supported":
        differences.append(f"The engine reaches the authors' diagnosis, {name}, from the "
                           "coded findings alone.")
    else:
        differences.append(
            f"The authors diagnosed {name} ({confirmed}); the engine leaves it {own.status}. "
            + ("IMOS is a diagnosis of exclusion: it is supported only once every "
               "alternative is closed, and a report rarely states every closing finding."
               if own.standing or case.authors_diagnosis == "imos" else
               "The text coded does not state a finding that sets it apart from its rivals "
               "(the abstract or opening text rarely gives every finding)."))
    if case.how_confirmed == "biopsy" and not any(f in case.findings for f in biopsy_findings):
        differences.append("The authors relied on a biopsy whose result the coded text does "
                           "not state in the catalogue's terms, so the engine cannot use it.")
    for d, status, _ in others:
        differences.append(f"The engine also finds {diagnoses.get(d, d)} {status} on the coded "
                           "findings: the text as coded allows that reading; read the report "
                           "for how its authors set it aside.")
    if case.authors_diagnosis != "imos" and by_id.get("imos") and by_id["imos"].status in STANDING:
        differences.append("IMOS stays possible for this mimic, never supported: the coded "
                           "findings do not close it, and a diagnosis of exclusion needs its "
                           "alternatives closed.")
    return Reveal(case.authors_diagnosis, confirmed, own.status,
                  basis_words(own, finding_labels, diagnoses), others, tuple(differences))


# --- a run of cases -------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """One practised case: the authors' diagnosis and family, what the learner kept at the
    last stage, and the walk-through scores of every stage."""

    case_id: str
    authors_diagnosis: str
    family: str
    kept_at_end: tuple[str, ...]
    agreed: int
    total: int
    dropped_at: int | None = None  # the first stage at which the learner dropped it

    @property
    def missed(self) -> bool:
        """The learner dropped the authors' diagnosis by the last stage."""
        return self.authors_diagnosis not in self.kept_at_end


def outcome(case, guesses: Mapping[int, Sequence[str]], steps: Sequence[WalkStep],
            every: Sequence[str], families: Mapping[str, str]) -> Outcome:
    scores = stage_scores(guesses, steps, every)
    dropped = next((s.number for s in steps if case.authors_diagnosis
                    not in carried(guesses, s.number, every)), None)
    return Outcome(case.case_id, case.authors_diagnosis,
                   families.get(case.authors_diagnosis, "other"),
                   tuple(carried(guesses, len(steps), every)),
                   sum(s.agreed for s in scores), sum(s.total for s in scores), dropped)


@dataclass(frozen=True)
class FamilyConfusion:
    """One family over a run: cases of it played, how often its diagnosis was dropped, and
    the other families the learner kept on those cases (what it was taken for)."""

    family: str
    played: int
    missed: int
    taken_for: tuple[tuple[str, int], ...]


COMMITTED = 3  # a learner who kept at most this many families at the end made a choice


def run_summary(outcomes: Sequence[Outcome], families: Mapping[str, str]) -> list[FamilyConfusion]:
    """Per family of the authors' diagnoses played: missed most first, then by name.
    What a missed case was taken for: the other families the learner kept at its end, only
    where they kept at most `COMMITTED` families (keeping most of the list open names no
    confusion).

    >>> o = Outcome("a", "paget", "metabolic bone disease", ("imos",), 3, 4)
    >>> run_summary([o], {"imos": "benign sclerosis", "paget": "metabolic bone disease"})[0]
    FamilyConfusion(family='metabolic bone disease', played=1, missed=1, taken_for=(('benign sclerosis', 1),))
    """
    rows = []
    for family in dict.fromkeys(o.family for o in outcomes):
        mine = [o for o in outcomes if o.family == family]
        missed = [o for o in mine if o.missed]
        taken = Counter(f for o in missed
                        if len(kept := dict.fromkeys(families.get(d, "other")
                                                     for d in o.kept_at_end)) <= COMMITTED
                        for f in kept if f != family)
        rows.append(FamilyConfusion(family, len(mine), len(missed),
                                    tuple(sorted(taken.items(), key=lambda kv: (-kv[1], kv[0])))))
    return sorted(rows, key=lambda r: (-r.missed, r.family))


def most_missed(outcomes: Sequence[Outcome], families: Mapping[str, str]) -> list[str]:
    """The families whose cases the learner missed, most missed first ('the mimic I keep
    missing')."""
    return [r.family for r in run_summary(outcomes, families) if r.missed]


# --- the citation -------------------------------------------------------------------------

def citation_link(citation) -> tuple[str, str]:
    """(the identifier in words, its address): the DOI first, then the PMID, then the URL.

    >>> from types import SimpleNamespace as C
    >>> citation_link(C(doi="10.1/x", pmid=None, url=None))
    ('doi:10.1/x', 'https://doi.org/10.1/x')
    """
    if citation.doi:
        return f"doi:{citation.doi}", f"https://doi.org/{citation.doi}"
    if citation.pmid:
        return f"PMID {citation.pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{citation.pmid}/"
    return citation.url, citation.url


# --- a live room on a library case ----------------------------------------------------------

ROOM_PREFIX = "lit."  # a room's case id for a library case (the store accepts `.` in ids)


def room_case_id(case_id: str) -> str:
    """The case id a live room stores for a library case.

    >>> room_case_id("tuteja_2016"), library_case_id("lit.tuteja_2016"), library_case_id("2")
    ('lit.tuteja_2016', 'tuteja_2016', None)
    """
    return ROOM_PREFIX + case_id


def library_case_id(room_case: str) -> str | None:
    """The library case a room presents, or None for a case of the series."""
    return room_case[len(ROOM_PREFIX):] if room_case.startswith(ROOM_PREFIX) else None
