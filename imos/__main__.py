"""Command line: `python -m imos validate PATH` checks a data package (folder or zip);
`python -m imos findings` prints the catalogue's finding list as a Markdown table."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from imos.dataset.catalogue import load_catalogue
from imos.dataset.series import NOT_LISTED_SOURCE
from imos.dataset.uploads import MAX_PACKAGE_BYTES, load_package, read_package


def validate(path: Path) -> int:
    """Print every problem of the package at `path` (file, row, field); 0 when it is valid."""
    if path.is_file():
        try:
            with path.open("rb") as handle:  # no more than an upload may hold
                data = handle.read(MAX_PACKAGE_BYTES + 1)
        except OSError as error:
            print(f"{path}: cannot be read ({error.strerror})", file=sys.stderr)
            return 1
        if len(data) > MAX_PACKAGE_BYTES:
            print(f"1 problem(s) in {path}:\n- {path.name}: the file is larger than "
                  f"{MAX_PACKAGE_BYTES:,} bytes")
            return 1
        source, problems, ignored = read_package([(path.name, data)])
    elif path.is_dir():
        source, problems, ignored = path, [], []
    else:
        print(f"{path}: no such file or folder", file=sys.stderr)
        return 2
    for name in ignored:
        print(f"note: {name} is not part of a package and was ignored")
    series, problems = load_package(source, problems)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m imos", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data package: a folder or a .zip")
    check.add_argument("path", type=Path)
    commands.add_parser("findings", help="print the catalogue's findings as a Markdown table")
    args = parser.parse_args(argv)
    if args.command == "findings":
        print(load_catalogue().markdown_table(), end="")
        return 0
    return validate(args.path)


if __name__ == "__main__":
    sys.exit(main())
