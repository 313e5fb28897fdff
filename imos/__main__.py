"""Command line: check a data package, list the catalogue's findings, and build a case's
slides or handout.

    python -m imos validate PATH
    python -m imos findings        (the catalogue's finding list as a Markdown table)
    python -m imos slides --case 2 --out deck.pptx [--series FOLDER_OR_ZIP] [--address URL]
    python -m imos handout --case 2 [--pdf [--paper A4|Letter]] --out handout.pdf [--series ...]

This is the command line's shell, as dashboard.py is the app's: the slides and handouts
come from the same builders as the app's download buttons (`components.files.command_line`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imos.dataset.catalogue import load_catalogue
from imos.dataset.series import NOT_LISTED_SOURCE
from imos.dataset.uploads import MAX_PACKAGE_BYTES, load_package, read_package


def _read(path: Path):
    """(series or None, problems, ignored names, exit code when it cannot be read at all)."""
    if path.is_file():
        try:
            with path.open("rb") as handle:  # no more than an upload may hold
                data = handle.read(MAX_PACKAGE_BYTES + 1)
        except OSError as error:
            print(f"{path}: cannot be read ({error.strerror})", file=sys.stderr)
            return None, [], [], 1
        if len(data) > MAX_PACKAGE_BYTES:
            print(f"1 problem(s) in {path}:\n- {path.name}: the file is larger than "
                  f"{MAX_PACKAGE_BYTES:,} bytes")
            return None, [], [], 1
        source, problems, ignored = read_package([(path.name, data)])
    elif path.is_dir():
        source, problems, ignored = path, [], []
    else:
        print(f"{path}: no such file or folder", file=sys.stderr)
        return None, [], [], 2
    series, problems = load_package(source, problems)
    return series, problems, ignored, 0


def validate(path: Path) -> int:
    """Print every problem of the package at `path` (file, row, field); 0 when it is valid."""
    series, problems, ignored, code = _read(path)
    if code:
        return code
    for name in ignored:
        print(f"note: {name} is not part of a package and was ignored")
    if series is not None:
        filled = int((series.findings["source"] == NOT_LISTED_SOURCE).sum())
        unlisted = f", {filled} more not listed (not reported)" if filled else ""
        print(f"OK: {series.meta['title']} ({len(series.cases)} cases, "
              f"{len(series.findings) - filled} findings{unlisted}, "
              f"{len(series.events)} events)")
        return 0
    print(f"{len(problems)} problem(s) in {path}:")
    for problem in problems:
        print(f"- {problem}")
    return 1


def _series(path: Path | None):
    """The shipped series, or the package at `path`; (None, exit code) after saying why."""
    if path is None:
        from imos.data import load_case_series

        return load_case_series(), 0
    series, problems, _, code = _read(path)
    if code:
        return None, code
    if series is None:
        print(f"{path} is not a valid data package ({len(problems)} problem(s)); "
              f"`python -m imos validate {path}` lists them:", file=sys.stderr)
        for problem in problems[:10]:
            print(f"- {problem}", file=sys.stderr)
        return None, 1
    return series, 0


def build(args: argparse.Namespace) -> int:
    """Write the slides or the handout of one case to `args.out`."""
    series, code = _series(args.series)
    if series is None:
        return code
    cases = [str(c) for c in series.cases["case_id"]]
    if args.case not in cases:
        print(f"no case {args.case!r} in {series.meta['title']!r}: its cases are "
              f"{', '.join(cases)}", file=sys.stderr)
        return 2
    from components.files.command_line import handout_file, slides_file

    if args.command == "slides":
        data = slides_file(series, args.case, args.address)
    else:
        data = handout_file(series, args.case, args.pdf, args.paper, args.address)
    try:
        args.out.write_bytes(data)
    except OSError as error:
        print(f"{args.out}: cannot be written ({error.strerror})", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({len(data):,} bytes)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imos", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data package: a folder or a .zip")
    check.add_argument("path", type=Path)
    commands.add_parser("findings", help="print the catalogue's findings as a Markdown table")
    for name, what in (("slides", "the case's walk-through as a .pptx deck"),
                       ("handout", "the case's walk-through as a handout (HTML, or PDF)")):
        command = commands.add_parser(name, help=what)
        command.add_argument("--case", required=True, help="the case's id, e.g. 2")
        command.add_argument("--out", required=True, type=Path, help="the file to write")
        command.add_argument("--series", type=Path, help="a data package (folder or .zip); "
                             "the shipped case series when left out")
        command.add_argument("--address", help="the app's public address for the links, "
                             "e.g. https://imos.example.org/walkthrough (none when left out; "
                             "a loopback address is never linked)")
        if name == "handout":
            command.add_argument("--pdf", action="store_true", help="a PDF instead of HTML")
            command.add_argument("--paper", choices=("A4", "Letter"), default="A4")
    args = parser.parse_args(argv)
    if args.command == "findings":
        print(load_catalogue().markdown_table(), end="")
        return 0
    if args.command == "validate":
        return validate(args.path)
    return build(args)


if __name__ == "__main__":
    sys.exit(main())
