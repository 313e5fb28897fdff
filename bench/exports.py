"""How long the files that leave the app take to build, and how big they are.

    python -m bench.exports             # every shipped case, 5 builds of each file
    python -m bench.exports --repeat 3

Times each download as its button builds it (charts included) in one warm process: the
walk-through's slides (.pptx), the walk-through's handout as HTML and as PDF (A4), and
the explorer's handout of each case's findings as HTML and PDF. Prints the median and the
slowest build and the size; the first build of a process (imports, fonts) is reported
apart. Target: every file under 2 s to build and under 2 MB (the HTML handout under
1 MB). A benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable


def _cases():
    from imos.data import load_case_series
    from imos.reasoning.engine import default_knowledge

    series = load_case_series()
    knowledge = default_knowledge()
    diagnoses = dict(zip(knowledge.diagnoses["diagnosis_id"], knowledge.diagnoses["label"]))
    return series, knowledge, diagnoses


def builders(series, knowledge, diagnoses) -> dict[str, Callable[[], bytes]]:
    """One builder per (file, case), as the download buttons call them."""
    from components.files.handout_download import as_html, as_pdf, explorer_handout, walkthrough_handout
    from components.files.slides_download import walkthrough_deck
    from imos.reasoning.engine import case_findings, evaluate
    from imos.teaching.walkthrough import walkthrough

    link = "http://localhost:8501/walkthrough"
    found: dict[str, Callable[[], bytes]] = {}
    for case_id in series.cases["case_id"]:
        steps = walkthrough(series, case_id, knowledge)
        state = case_findings(series.findings, case_id)
        verdicts = evaluate(state, knowledge)

        def walk(fmt, steps=steps, case_id=case_id):
            return walkthrough_handout(f"Case {case_id}", steps, len(steps), series, case_id,
                                       diagnoses, [], f"{link}?case={case_id}&step=end", fmt)

        def scenario(fmt, state=state, verdicts=verdicts):
            return explorer_handout(state, verdicts, series, diagnoses, None, fmt)

        found[f"slides (.pptx), case {case_id}"] = (
            lambda steps=steps, case_id=case_id: walkthrough_deck(
                series, case_id, f"Case {case_id}", steps, diagnoses, link, knowledge))
        found[f"walk-through handout HTML, case {case_id}"] = (
            lambda walk=walk: as_html(walk("svg")).encode())
        found[f"walk-through handout PDF, case {case_id}"] = (
            lambda walk=walk: as_pdf(walk("png"), "A4"))
        found[f"explorer handout HTML, case {case_id}"] = (
            lambda scenario=scenario: as_html(scenario("svg")).encode())
        found[f"explorer handout PDF, case {case_id}"] = (
            lambda scenario=scenario: as_pdf(scenario("png"), "Letter"))
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="builds of each file (default 5)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    series, knowledge, diagnoses = _cases()
    found = builders(series, knowledge, diagnoses)
    first_name, first = next(iter(found.items()))
    first()
    print(f"first build in a fresh process (imports, fonts, {first_name}): "
          f"{time.perf_counter() - started:.2f} s")
    print(f"| file | median | slowest | size |\n| --- | ---: | ---: | ---: |")
    for name, build in found.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            data = build()
            times.append(time.perf_counter() - start)
        print(f"| {name} | {statistics.median(times):.2f} s | {max(times):.2f} s | "
              f"{len(data) / 1024:.0f} KB |", flush=True)


if __name__ == "__main__":
    main()
