"""Data packages for tests: hostile uploads the validator must refuse in words, edge
packages it must accept (and every page must draw), and the seeded mutation fuzz.

Each package is a list of uploads, (file name, bytes), as the upload page and
`python -m imos validate` receive them.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable, Iterator

from bench.synthetic import synthetic_files

Uploads = list[tuple[str, bytes]]
FINDINGS_HEADER = b"case_id,finding_id,value,wording,source\n"
EVENTS_HEADER = synthetic_files(1)["events.csv"].split(b"\n", 1)[0] + b"\n"


def zipped(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, folder: str = "pkg/",
           extract_version: int | None = None) -> bytes:
    """The files in a zip, inside `folder`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(folder + name)
            info.compress_type = method
            if extract_version is not None:
                info.extract_version = extract_version
            archive.writestr(info, data)
    return buffer.getvalue()


def _changed(name: str, data: bytes | None) -> Uploads:
    """Two synthetic cases with one file replaced (None: the file left out), as uploads."""
    files = synthetic_files(2)
    if data is None:
        files.pop(name)
    else:
        files[name] = data
    return list(files.items())


def _without_case(case_id: bytes, csv_file: bytes) -> bytes:
    return b"".join(line for line in csv_file.splitlines(keepends=True)
                    if not line.startswith(case_id + b","))


def _damage(data: bytes, start: float = 0.3, count: int = 12) -> bytes:
    """Overwrite bytes from `start` (a fraction of the length) on: a broken stream."""
    damaged = bytearray(data)
    at = int(len(damaged) * start)
    damaged[at:at + count] = b"\xa5" * count
    return bytes(damaged)


def _flag_encrypted(data: bytes) -> bytes:
    """Mark every entry of a zip as encrypted (flag bit 0) without encrypting anything."""
    damaged = bytearray(data)
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = damaged.find(signature)
        while at >= 0:
            (flags,) = struct.unpack_from("<H", damaged, at + flags_at)
            struct.pack_into("<H", damaged, at + flags_at, flags | 1)
            at = damaged.find(signature, at + 4)
    return bytes(damaged)


def _bad_offsets(data: bytes) -> bytes:
    """Point every central-directory entry at an offset outside the archive."""
    damaged = bytearray(data)
    at = damaged.find(b"PK\x01\x02")
    while at >= 0:
        struct.pack_into("<I", damaged, at + 42, 0xFFFFFF00)
        at = damaged.find(b"PK\x01\x02", at + 4)
    return bytes(damaged)


SYNTHETIC = synthetic_files(2)
NESTED = b"[" * 5000 + b"]" * 5000
LAUGHS = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n".encode()
    for i in range(8))

def shipped_with(name: str, data: bytes) -> bytes:
    """The shipped Abe 2020 package, zipped, with one file replaced (issue 24's probe)."""
    from imos.dataset.sources import DEFAULT_SERIES_DIR
    files = {p.name: p.read_bytes() for p in sorted(DEFAULT_SERIES_DIR.iterdir()) if p.is_file()}
    files[name] = data
    return zipped(files)


# 12 KB zipped: events.csv as its header and about a million one-character lines (once 6
# million problems, 96 s and 3.2 GB); a 200,000-column header; YAML lists of ~500,000 entries
MILLION_LINES = [("p.zip", shipped_with("events.csv", EVENTS_HEADER + b"x\n" * 999_000))]
WIDE_HEADER = [("p.zip", shipped_with("events.csv", b",".join(b"c%d" % i for i in range(200_000))
                                      + b"\n"))]
LONG_YAML = [("p.zip", shipped_with("cases.yaml", b"- x\n" * 499_000))]

# name -> (uploads, a phrase the problem list must hold)
HOSTILE: dict[str, tuple[Uploads, str]] = {
    "corrupt deflate stream": ([("p.zip", _damage(zipped(SYNTHETIC)))], "damaged"),
    "corrupt LZMA stream": ([("p.zip", _damage(zipped(SYNTHETIC, zipfile.ZIP_LZMA)))],
                            "damaged"),
    "corrupt bzip2 stream": ([("p.zip", _damage(zipped(SYNTHETIC, zipfile.ZIP_BZIP2)))],
                             "damaged"),
    "truncated zip": ([("p.zip", zipped(SYNTHETIC)[:700])], "not a readable zip"),
    "unsupported zip version": ([("p.zip", zipped(SYNTHETIC, extract_version=99))],
                                "damaged"),
    "encrypted zip": ([("p.zip", _flag_encrypted(zipped(SYNTHETIC)))], "damaged"),
    "zip offsets out of range": ([("p.zip", _bad_offsets(zipped(SYNTHETIC)))], "damaged"),
    "not a zip at all": ([("p.zip", b"PK\x03\x04 not really")], "not a readable zip"),
    "zip bomb": ([("p.zip", zipped({"findings.csv": b"0" * 5_000_001}))], "unpacks to more"),
    "too many files in a zip": ([("p.zip", zipped({f"{i}.txt": b"x" for i in range(60)}))],
                                "more than 50 files"),
    "two zips at once": ([("a.zip", zipped(SYNTHETIC)), ("b.zip", zipped(SYNTHETIC))],
                         "one .zip on its own"),
    "a zip and loose files": ([("a.zip", zipped(SYNTHETIC)), ("cases.yaml", b"[]")],
                              "one .zip on its own"),
    "the same file twice": ([("cases.yaml", SYNTHETIC["cases.yaml"])] * 2, "two files"),
    "a file over 2 MB": ([("findings.csv", b"x" * 2_000_001)], "larger than"),
    "deeply nested YAML": (_changed("cases.yaml", NESTED), "nested too deeply"),
    "YAML alias bomb": (_changed("cases.yaml", LAUGHS), "cases.yaml"),
    "empty series.yaml": (_changed("series.yaml", b""), "series.yaml: the file is empty"),
    "series.yaml holding ~": (_changed("series.yaml", b"~\n"), "series.yaml: the file is empty"),
    "series.yaml a list": (_changed("series.yaml", b"- a\n- b\n"), "mapping of fields"),
    "series.yaml missing": (_changed("series.yaml", None), "series.yaml: the file is missing"),
    "events.csv missing": (_changed("events.csv", None), "events.csv: the file is missing"),
    "empty cases.yaml": (_changed("cases.yaml", b""), "the series has no cases"),
    "cases.yaml a single value": (_changed("cases.yaml", b"42"), "a list of entries"),
    "empty findings.csv": (_changed("findings.csv", b""), "no header row"),
    "NUL bytes in a CSV": (_changed("events.csv", b"case_id\x00,order\n\x00\x00"),
                           "events.csv"),
    "a CSV not in UTF-8": (_changed("findings.csv", FINDINGS_HEADER + b"1,nidus,absent,\xe9t\xe9,x\n"),
                           "not UTF-8"),
    "more values than columns": (_changed("findings.csv", FINDINGS_HEADER + b"S0001,nidus,absent,a,src,extra\n"),
                                 "findings.csv, row 1: more values than columns"),
    "a finding id in capitals": (_changed("findings.csv", FINDINGS_HEADER + b"S0001,Nidus,absent,a,src\n"),
                                 "field 'finding_id': use lower-case letters, digits and underscores"),
    "a case id with a space": (_changed("findings.csv", FINDINGS_HEADER + b"S 1,nidus,absent,a,src\n"),
                               "field 'case_id': use 1 to 20 letters"),
    "a month written in words": (_changed("events.csv", EVENTS_HEADER + b"S0001,1,biopsy,biopsy,zero,,,,stated,,w,src\n"),
                                 "field 'month': write a number"),
    "a value not in the list": (_changed("findings.csv", FINDINGS_HEADER + b"S0001,nidus,maybe,a,src\n"),
                                "write one of: present, absent or not_assessed"),
    "a million one-character rows": (MILLION_LINES, "first 200 problems shown; the file has more"),
    "a 200,000-column header": (WIDE_HEADER, "the header has 200,000 columns"),
    "a YAML list of 500,000 entries": (LONG_YAML, "more than 200,000 values"),
    "a CSV of too many rows": (_changed("findings.csv", FINDINGS_HEADER
                                        + b"S0001,nidus,absent,a,src\n" * 50_001),
                               "more than 50,000 rows"),
    "nothing usable": ([("p.zip", zipped({"photo.png": b"\x89PNG"}))], "no package file found"),
}


def _header_only(name: str) -> bytes:
    return {"findings.csv": FINDINGS_HEADER, "events.csv": EVENTS_HEADER}[name]


def _with_bom(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: (b"\xef\xbb\xbf" + data if name.endswith(".csv") else data)
            for name, data in files.items()}


# name -> files of a package the validator accepts, and every page must draw
EDGE: dict[str, Callable[[], dict[str, bytes]]] = {
    "one case": lambda: synthetic_files(1),
    "no events": lambda: {**synthetic_files(2), "events.csv": _header_only("events.csv")},
    "no findings for a case": lambda: {
        **synthetic_files(2),
        "findings.csv": _without_case(b"S0002", synthetic_files(2)["findings.csv"])},
    "no events for a case": lambda: {
        **synthetic_files(2),
        "events.csv": _without_case(b"S0002", synthetic_files(2)["events.csv"])},
    "smallest valid package": lambda: {**synthetic_files(1),
                                       "findings.csv": _header_only("findings.csv"),
                                       "events.csv": _header_only("events.csv")},
    "CSV files with a byte-order mark": lambda: _with_bom(synthetic_files(2)),
}


def mutated_packages(count: int, seed: int = 14) -> Iterator[tuple[int, Uploads]]:
    """`count` damaged copies of a valid package, reproducible from `seed`.

    Half flip bytes of the deflated zip (mostly broken streams and headers); half damage
    one file's text and store it uncompressed, so that the damage reaches the CSV and YAML
    readers and the schema: flipped, deleted and duplicated bytes, and characters that
    mean something to CSV or YAML.
    """
    rng = random.Random(seed)
    deflated = zipped(SYNTHETIC)
    for number in range(count):
        if number % 2 == 0:
            data = bytearray(deflated)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            yield number, [("mutant.zip", bytes(data))]
            continue
        files = dict(SYNTHETIC)
        name = rng.choice(sorted(files))
        text = bytearray(files[name])
        for _ in range(rng.randint(1, 4)):
            at, roll = rng.randrange(len(text)), rng.random()
            if roll < 0.4:
                text[at] = rng.randrange(256)
            elif roll < 0.6:
                text[at] = rng.choice(b"\n,:-[]{}\"'&*!#|>~ \t\r")
            elif roll < 0.8:
                del text[at:at + rng.randint(1, 40)]
            else:
                start = rng.randrange(len(text))
                text[at:at] = text[start:start + rng.randint(1, 40)]
        files[name] = bytes(text)
        yield number, [("mutant.zip", zipped(files, zipfile.ZIP_STORED))]
