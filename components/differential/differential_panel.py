"""The differential as it is shown: a status as a badge (HTML in the panel, a Streamlit
badge on the other pages), and the explorer's differential as HTML (pure: text in, text out).

The explorer panel (`components.explorer.panel`) shows it beside the findings, so that a
toggle costs Streamlit one element instead of a heading, a badge line and an expander and
a markdown block per diagnosis. Each diagnosis is a native <details> (keyboards and screen
readers open it like any disclosure), marked with `data-diagnosis` and `data-status`.
Every piece of data text is HTML-escaped here; the classes are styled by the panel.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from html import escape
from urllib.parse import quote

from imos.reasoning.engine import Reason, Verdict
from imos.reasoning.questions import Question
from imos.reasoning.families import (
    closed_words,
    group_verdicts,
    settle_phrase,
    settling,
    unaddressed_head,
)
from imos.reasoning.knowledge import ORIGIN_LABELS
from imos.reasoning.wording import (
    strength_note,
    EFFECT_WORDS,
    STATUS_SYMBOLS,
    STRONGEST_FIRST,
    conditions_text,
    lower_first,
    upper_first,
)

STATUS_WORDS = {s: s.capitalize() for s in STRONGEST_FIRST}
NEXT_SHOWN = 8
STRENGTH_CLASS = {"hallmark": "strong", "exclusion": "strong", "strong": "strong",
                  "weak": "weak", "neutral": "weak"}


def badge(status: str) -> str:
    """A status as the panel's HTML badge: symbol and word, coloured by the panel's CSS."""
    return (f'<span class="badge {status}">{STATUS_SYMBOLS[status]} '
            f"{STATUS_WORDS[status]}</span>")


# Streamlit badge colours; the word always goes with the colour.
STATUS_BADGES = {
    "excluded": ("gray", ":material/block:", "Excluded"),
    "unlikely": ("orange", ":material/trending_down:", "Unlikely"),
    "possible": ("blue", ":material/help:", "Possible"),
    "supported": ("green", ":material/check_circle:", "Supported"),
    "conflicting": ("violet", ":material/warning:", "Conflicting"),
}


def status_badge(status: str) -> str:
    """A status as a Streamlit markdown badge (the pages outside the panel)."""
    colour, icon, word = STATUS_BADGES[status]
    return f":{colour}-badge[{icon} {word}]"



def _reason(reason: Reason, labels: Mapping[str, str]) -> str:
    strength = reason.strength
    text = (f'<li><span class="strength {STRENGTH_CLASS[strength]}">{strength}</span> '
            f"<b>{escape(upper_first(conditions_text(reason, labels)))}</b> "
            f"{EFFECT_WORDS[reason.effect]} it: {escape(reason.rationale)}<br>"
            f'<span class="why">Why {strength}: {escape(strength_note(reason))}</span><br>'
            f'<span class="source">{ORIGIN_LABELS[reason.origin]}: {escape(reason.source)}</span>')
    if reason.caveat:
        text += (f'<br><span class="caveat">Caveat:</span> {escape(reason.caveat)} '
                 f'<span class="source">({escape(reason.caveat_source)})</span>')
    if reason.held_back_by:
        text += ('<br><span class="caveat">Held back:</span> this would exclude it, but '
                 + escape(" and ".join(f"{lower_first(labels.get(f, f))} {v}"
                                       for f, v in reason.held_back_by))
                 + " keeps it from closing; it argues weakly against only, and so does the finding it reads "
                 f'<span class="source">({escape(reason.unless_source or "")})</span>')
    return text + "</li>"


def basis_html(verdict: Verdict, labels: Mapping[str, str],
               diagnoses: Mapping[str, str]) -> str:
    """Why an ordinary diagnosis is supported, or only leans: the argument that
    discriminates and the rivals it sets aside, or what it lacks."""
    def name(d: str) -> str:
        return escape(diagnoses.get(d, d))

    if verdict.status == "supported" and verdict.discriminating:
        rule_id, rivals = verdict.discriminating
        reason = next((r for r in verdict.reasons if r.rule_id == rule_id), None)
        if reason is None:
            return ""
        what = escape(upper_first(conditions_text(reason, labels)))
        if reason.effect == "hallmark":
            return f'<p class="basis"><b>Supported by its hallmark:</b> {what}.</p>'
        apart = (" It sets it apart from the rivals still standing: "
                 + ", ".join(name(d) for d in rivals) + ".") if rivals else ""
        return (f'<p class="basis"><b>Supported:</b> {what} argues strongly for it, and no '
                f"rival still standing has that argument.{apart}</p>")
    if verdict.leaning == "for":
        if verdict.explained_by:
            why = ("the hallmark of " + ", ".join(name(d) for d in verdict.explained_by)
                   + " explains the picture")
        elif verdict.lesion_missing:
            why = ("its lesion is not known to be present (any of: " + ", ".join(
                escape(lower_first(labels.get(f, f))) for f in verdict.lesion_missing) + ")")
        else:
            why = ("none of its strong arguments is its own: weak arguments, or strong ones "
                   "a rival still standing shares, never support")
        return (f'<p class="basis"><b>Possible, leaning for:</b> the arguments for it '
                f"outweigh those against by a strong one, but {why}.</p>")
    if verdict.leaning == "against":
        return ('<p class="basis"><b>Unlikely on weak arguments only:</b> several hedged '
                "arguments against it add up; none of them closes it.</p>")
    return ""


def standing_html(verdict: Verdict, labels: Mapping[str, str],
                  diagnoses: Mapping[str, str]) -> str:
    """For a diagnosis of exclusion: what still stands between it and the diagnosis."""
    parts = []
    if verdict.unmet:
        parts.append("its lesion is not yet shown (" + "; ".join(
            f"{escape(lower_first(labels.get(f, f)))} {v}" for f, v in verdict.unmet) + ")")
    if verdict.standing:
        parts.append("these alternatives are still open: " + ", ".join(
            escape(diagnoses.get(d, d)) for d in verdict.standing))
    if not parts:
        return ""
    return ('<p class="standing"><b>Still between it and the diagnosis:</b> '
            + "; ".join(parts) + ". It is a diagnosis of exclusion: its own arguments "
            "never lift it while an alternative stands, and a tumour stands until the biopsy "
            "excludes it.</p>")


def unaddressed_html(verdict: Verdict, labels: Mapping[str, str], diagnoses: Mapping[str, str],
                     settle: Mapping[str, Sequence[tuple[str, str, str]]]) -> str:
    """For a diagnosis of exclusion: the wider mimics left open, each with what settles it."""
    if not verdict.unaddressed:
        return ""
    items = "".join(f"<li><b>{escape(diagnoses.get(d, d))}</b>: "
                    f"{escape(settle_phrase(d, labels, settle))}</li>" for d in verdict.unaddressed)
    return (f'<div class="unaddressed"><p>{escape(unaddressed_head(verdict.unaddressed, diagnoses))}'
            f"</p><ul>{items}</ul></div>")


def verdict_html(verdict: Verdict, labels: Mapping[str, str],
                 decisive: Sequence[tuple[str, str]] | None,
                 diagnoses: Mapping[str, str] | None = None,
                 settle: Mapping[str, Sequence[tuple[str, str, str]]] | None = None,
                 published: bool = False) -> str:
    """One diagnosis: its badge and name, and, opened, the rules for and against it (and a
    link to its published cases in the look-alikes gallery, where the library has some)."""
    parts = []
    if verdict.status == "conflicting":
        parts.append('<p class="conflict"><b>Conflicting evidence:</b> a hallmark or a strong '
                     "argument for this diagnosis holds, and so do arguments that would close "
                     "it. Neither wins: recheck both findings (a discordant biopsy is reviewed "
                     "with the imaging, or repeated).</p>")
    parts.append(basis_html(verdict, labels, diagnoses or {}))
    parts.append(standing_html(verdict, labels, diagnoses or {}))
    parts.append(unaddressed_html(verdict, labels, diagnoses or {}, settle or {}))
    if not verdict.reasons:
        parts.append("<p><i>No rule fires on the findings known so far.</i></p>")
    for heading, reasons in (("Against", verdict.against_reasons), ("For", verdict.for_reasons),
                             ("Says little here", verdict.neutral_reasons)):
        if reasons:
            parts.append(f"<p><b>{heading}</b></p><ul>"
                         + "".join(_reason(r, labels) for r in reasons) + "</ul>")
    if verdict.status != "excluded":
        parts.append(
            "<p><b>Would be excluded by:</b> " + "; ".join(
                f"{escape(lower_first(labels[f]))} {escape(v)}" for f, v in decisive) + "</p>"
            if decisive else "<p><i>No single unknown finding would exclude it.</i></p>")
    if published:
        parts.append(f'<p class="published"><a href="gallery?dx={quote(verdict.diagnosis_id)}" '
                     f'target="_self">See published cases of {escape(verdict.label)}</a></p>')
    leaning = (f' <span class="leaning">leaning {verdict.leaning}</span>'
               if verdict.leaning else "")
    return (f'<details class="verdict" data-diagnosis="{escape(verdict.diagnosis_id)}" '
            f'data-status="{verdict.status}"><summary>{badge(verdict.status)} '
            f'<span class="name">{escape(verdict.label)}</span>{leaning}</summary>'
            f'<div class="body">{"".join(parts)}</div></details>')


def counts_html(verdicts: Sequence[Verdict]) -> str:
    """How many diagnoses have each status, weakest first."""
    counts = {s: sum(v.status == s for v in verdicts) for s in reversed(STRONGEST_FIRST)}
    return ('<p class="counts">'
            + "".join(f"<span>{badge(s)} {n}</span>" for s, n in counts.items() if n or s != "conflicting")
            + "</p>")


def moved_html(moved: Mapping[str, tuple[str, str]] | None, diagnoses: Mapping[str, str],
               change: str = "") -> str:
    """What the last change moved; a change that moved nothing says so."""
    if moved is None:
        return ""
    what = f" ({escape(change)})" if change else ""
    if not moved:
        return f'<p class="moved">No diagnosis changed with the last change{what}.</p>'
    return (f'<p class="moved">Last change{what} moved: ' + "; ".join(
        f"{escape(diagnoses[d])} {a} → {b}" for d, (a, b) in moved.items()) + "</p>")


def moved_text(moved: Mapping[str, tuple[str, str]] | None, diagnoses: Mapping[str, str],
               change: str = "") -> str:
    """The last change in plain words, for a screen reader's live region."""
    if moved is None:
        return ""
    what = f" ({change})" if change else ""
    if not moved:
        return f"No diagnosis changed with the last change{what}."
    return f"Last change{what} moved: " + "; ".join(
        f"{diagnoses[d]} {a} to {b}" for d, (a, b) in moved.items()) + "."


def summary_html(verdicts: Sequence[Verdict], moved: Mapping[str, tuple[str, str]] | None,
                 diagnoses: Mapping[str, str], change: str = "") -> str:
    """The counts and the last change, kept in sight above the findings on a phone."""
    return counts_html(verdicts) + moved_html(moved, diagnoses, change)


ANSWER_VERBS = {"excluded": "would exclude {}", "unlikely": "would make {} unlikely",
                "supported": "would support {}", "conflicting": "would put {} in conflict"}


def question_words(question: Question, labels: Mapping[str, str],
                   diagnoses: Mapping[str, str]) -> tuple[str, list[str]]:
    """('Malignant cells?', ['Present would exclude IMOS and support Osteosarcoma.', …]):
    an unknown finding as a question, and what each answer would do (plain text)."""
    answers = []
    for value in ("present", "absent"):
        moves: dict[str, list[str]] = {}
        for v, d, status in (*question.results, *question.raises):
            if v == value:
                moves.setdefault(status, []).append(diagnoses.get(d, d))
        if moves:
            answers.append(f"{value.capitalize()} " + " and ".join(
                ANSWER_VERBS.get(status, status + " {}").format(", ".join(names))
                for status, names in moves.items()) + ".")
    return f"{labels.get(question.finding_id, question.finding_id)}?", answers


def _question_item(question: Question, labels: Mapping[str, str],
                   diagnoses: Mapping[str, str]) -> str:
    asked, answers = question_words(question, labels, diagnoses)
    return (f'<li data-finding="{escape(question.finding_id)}"><b>{escape(asked)}</b> '
            + " ".join(escape(a) for a in answers) + "</li>")


NEXT_IN_SIGHT = 3


def next_questions_html(ranked: Sequence[Question], labels: Mapping[str, str],
                        diagnoses: Mapping[str, str]) -> str:
    """What to ask or image next, near the top of the differential: the first few in
    sight, the rest folded; each a question with what each answer would do."""
    if not ranked:
        return ('<section class="next"><h4>What to ask or image next</h4><p class="muted">'
                "No single unknown finding would settle an open diagnosis.</p></section>")
    shown = ranked[:NEXT_SHOWN]
    head = "".join(_question_item(q, labels, diagnoses) for q in shown[:NEXT_IN_SIGHT])
    more = shown[NEXT_IN_SIGHT:]
    folded = (f'<details class="more" data-fold="next-questions"><summary>{len(more)} more '
              "questions</summary><ul>" + "".join(_question_item(q, labels, diagnoses)
                                                  for q in more) + "</ul></details>"
              if more else "")
    return ('<section class="next"><h4>What to ask or image next</h4><ul>' + head + "</ul>"
            + folded + "</section>")


def differential_html(
    verdicts: Sequence[Verdict],
    labels: Mapping[str, str],
    diagnoses: Mapping[str, str],
    moved: Mapping[str, tuple[str, str]] | None,
    decisive: Mapping[str, Sequence[tuple[str, str]]],
    ranked: Sequence[Question],
    change: str = "",
    families: Mapping[str, str] | None = None,
    published: Collection[str] = (),
) -> str:
    """The whole results column: counts, last change, what to ask next (in sight, not
    below the verdicts), the open diagnoses by family, then the closed ones (excluded or
    unlikely), each family's folded into one line."""
    parts = ["<h3>Differential</h3>", counts_html(verdicts),
             moved_html(moved, diagnoses, change), next_questions_html(ranked, labels, diagnoses)]
    settle = settling(ranked)
    groups = group_verdicts(verdicts, families or {})
    for group in groups:
        if group.open:
            parts.append(f'<section class="family" data-family="{escape(group.family)}">'
                         f"<h4>{escape(group.family.capitalize())}</h4>" + "".join(
                             verdict_html(v, labels, decisive.get(v.diagnosis_id, ()),
                                          diagnoses, settle, v.diagnosis_id in published)
                             for v in group.open)
                         + "</section>")
    closed = [group for group in groups if group.closed]
    if closed:
        parts.append(f'<h4 class="closed">Set aside ({sum(len(g.closed) for g in closed)}): '
                     "excluded or unlikely, by family</h4>")
    for group in closed:
        parts.append(f'<details class="fold" data-fold="{escape(group.family)}"><summary>'
                     f"<b>{escape(group.family.capitalize())}</b> — "
                     f"{escape(closed_words(group.closed))}</summary>"
                     + "".join(verdict_html(v, labels, decisive.get(v.diagnosis_id, ()),
                                            diagnoses, settle, v.diagnosis_id in published)
                       for v in group.closed)
                     + "</details>")
    return "".join(parts)
