"""Citations of a case series and of the references its knowledge base cites: plain text,
BibTeX and RIS, built from metadata that a package's author wrote (so never trusted).

Every value is made safe by rule before it is written: white space (newlines, carriage
returns, line and paragraph separators) becomes one space, so a value can never start a
new RIS tag or BibTeX entry; BibTeX's special characters are escaped one by one (braces
included, so a value cannot close its field); a DOI is used only when it has a DOI's syntax
(Crossref's pattern), and its address is percent-encoded, so metadata shown in a page's
markdown cannot turn into a link or an image there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote

# Crossref's pattern for the DOIs it registers (case-insensitive); anything else is not used.
DOI_SYNTAX = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
_SPACE = re.compile(r"[\s\u0085\u2028\u2029]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&",
                "$": r"\$", "#": r"\#", "_": r"\_", "^": r"\^{}", "~": r"\~{}"}
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def one_line(value: object) -> str:
    """The value as one line of text: control characters out, white space runs one space.

    >>> one_line("A\\r\\nER  - \\n@misc{x,")
    'A ER - @misc{x,'
    """
    return _SPACE.sub(" ", _CONTROL.sub("", str(value))).strip()


def valid_doi(meta: Mapping) -> str | None:
    """The series' DOI when it has a DOI's syntax, else None.

    >>> valid_doi({"doi": "10.1186/s12891-020-03758-5"}), valid_doi({"doi": "10.1/x)![a](http://e/i.png"})
    ('10.1186/s12891-020-03758-5', None)
    """
    doi = one_line(meta.get("doi") or "")
    return doi if DOI_SYNTAX.match(doi) else None


def doi_url(meta: Mapping) -> str | None:
    doi = valid_doi(meta)
    return f"https://doi.org/{quote(doi, safe='/:;._-')}" if doi else None


def is_published(meta: Mapping) -> bool:
    """True when the series cites a journal article (BibTeX and RIS make sense)."""
    return all(meta.get(k) for k in ("journal", "year")) and valid_doi(meta) is not None


def citation_text(meta: Mapping) -> str:
    """A plain-text citation: authors. Title. Journal. Year;Volume:Article. doi."""
    parts = [one_line(meta["authors"]), one_line(meta["title"])]
    if meta.get("journal"):
        parts.append(one_line(meta["journal"]))
    if meta.get("year"):
        where = one_line(meta["year"])
        if meta.get("volume"):
            where += f";{one_line(meta['volume'])}" + (
                f":{one_line(meta['article'])}" if meta.get("article") else "")
        parts.append(where)
    if valid_doi(meta):
        parts.append(f"doi:{valid_doi(meta)}")
    return ". ".join(parts)


def short_citation(meta: Mapping) -> str:
    """'Abe et al., BMC Musculoskeletal Disorders 2020' style short form."""
    first_author = (one_line(meta["authors"]).split(",")[0].split() or ["Anonymous"])[0]
    where = " ".join(one_line(meta[k]) for k in ("journal", "year") if meta.get(k))
    return f"{first_author} et al., {where}" if where else \
        f"{first_author} et al., {one_line(meta['title'])}"


def _authors(meta: Mapping) -> list[tuple[str, str]]:
    """('Abe', 'K') pairs from the 'Abe K, Yamamoto N' style author list."""
    pairs = []
    for author in one_line(meta["authors"]).split(","):
        family, _, initials = author.strip().rpartition(" ")
        if author.strip():
            pairs.append((family or initials, initials if family else ""))
    return pairs or [("Anonymous", "")]


def _key(text: str, year: object = "") -> str:
    """A BibTeX key of letters and digits only."""
    word = re.sub(r"[^a-z0-9]", "", one_line(text).split(" ")[0].lower()) or "ref"
    return word + re.sub(r"[^0-9]", "", str(year or ""))


def citation_key(meta: Mapping) -> str:
    return _key(_authors(meta)[0][0], meta.get("year"))


def bib_value(value: object) -> str:
    """A BibTeX field's text: one line, each special character escaped.

    >>> bib_value("A}, note={x} }\\n@misc{evil,")
    'A\\\\}, note=\\\\{x\\\\} \\\\} @misc\\\\{evil,'
    """
    return "".join(_BIB_ESCAPES.get(char, char) for char in one_line(value))


def _bib_entry(kind: str, key: str, fields: Mapping[str, object],
               protected: Sequence[str] = ()) -> str:
    """An entry; the `protected` fields get a second pair of braces (their capitals kept)."""
    def field(name: str, value: object) -> str:
        text = bib_value(value)
        return f"  {name} = {{{{{text}}}}}" if name in protected else f"  {name} = {{{text}}}"
    body = ",\n".join(field(name, value) for name, value in fields.items()
                      if value not in (None, "") and one_line(value))
    return f"@{kind}{{{key},\n{body}\n}}\n"


def bibtex(meta: Mapping) -> str:
    """A BibTeX @article entry for the series' paper (@misc when it names no journal)."""
    authors = " and ".join(f"{family}, {initials}" if initials else family
                           for family, initials in _authors(meta))
    fields = {"author": authors, "title": meta["title"], "journal": meta.get("journal"),
              "year": meta.get("year"), "volume": meta.get("volume"),
              "pages": meta.get("article"), "doi": valid_doi(meta), "url": doi_url(meta)}
    return _bib_entry("article" if meta.get("journal") else "misc", citation_key(meta), fields,
                      protected=("title",))


def _ris_record(kind: str, tags: Sequence[tuple[str, object]]) -> str:
    lines = [f"TY  - {kind}"] + [f"{tag}  - {one_line(value)}" for tag, value in tags
                                 if value not in (None, "") and one_line(value)]
    return "\n".join(lines + ["ER  - "]) + "\n"


def ris(meta: Mapping) -> str:
    """An RIS record (journal article) for the series' paper."""
    tags = [("AU", f"{family}, {initials}" if initials else family)
            for family, initials in _authors(meta)]
    tags += [("TI", meta["title"]), ("JO", meta.get("journal")), ("PY", meta.get("year")),
             ("VL", meta.get("volume")), ("SP", meta.get("article")), ("DO", valid_doi(meta)),
             ("UR", doi_url(meta))]
    return _ris_record("JOUR" if meta.get("journal") else "GEN", tags)


# --- the references the knowledge base cites -----------------------------------------------

REFERENCE_NOTE = ("As cited by the IMOS Case Explorer knowledge base (author, year and "
                  "journal as the rules name them); complete from the original before use.")


def _reference_keys(references: Sequence[str]) -> list[str]:
    keys, seen = [], {}
    for text in references:
        year = YEAR.search(text)
        key = _key(text, year.group(1) if year else "")
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}{chr(96 + seen[key])}")
    return keys


def references_bibtex(references: Sequence[str]) -> str:
    """One @misc entry per reference, its text as cited (nothing invented: no authors,
    journal or pages beyond the words the knowledge base gives)."""
    entries = []
    for key, text in zip(_reference_keys(references), references):
        year = YEAR.search(text)
        entries.append(_bib_entry("misc", key, {"title": text, "year": year.group(1) if year else None,
                                                "note": REFERENCE_NOTE}))
    return "\n".join(entries)


def references_ris(references: Sequence[str]) -> str:
    records = []
    for text in references:
        year = YEAR.search(text)
        records.append(_ris_record("GEN", [("TI", text), ("PY", year.group(1) if year else None),
                                           ("N1", REFERENCE_NOTE)]))
    return "".join(records)


def bibliography_bibtex(meta: Mapping, references: Sequence[str]) -> str:
    """The paper, then every reference the knowledge base cites, as one .bib file."""
    return bibtex(meta) + "\n" + references_bibtex(references)


def bibliography_ris(meta: Mapping, references: Sequence[str]) -> str:
    return ris(meta) + references_ris(references)
