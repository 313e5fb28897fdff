"""Citation text for a case series, built from its series.yaml metadata."""

from __future__ import annotations

from collections.abc import Mapping


def doi_url(meta: Mapping) -> str | None:
    return f"https://doi.org/{meta['doi']}" if meta.get("doi") else None


def is_published(meta: Mapping) -> bool:
    """True when the series cites a journal article (BibTeX and RIS make sense)."""
    return all(meta.get(k) for k in ("journal", "year", "doi"))


def citation_text(meta: Mapping) -> str:
    """A plain-text citation: authors. Title. Journal. Year;Volume:Article. doi."""
    parts = [meta["authors"], meta["title"]]
    if meta.get("journal"):
        parts.append(meta["journal"])
    if meta.get("year"):
        where = str(meta["year"])
        if meta.get("volume"):
            where += f";{meta['volume']}" + (f":{meta['article']}" if meta.get("article") else "")
        parts.append(where)
    if meta.get("doi"):
        parts.append(f"doi:{meta['doi']}")
    return ". ".join(parts)


def short_citation(meta: Mapping) -> str:
    """'Abe et al., BMC Musculoskeletal Disorders 2020' style short form."""
    first_author = meta["authors"].split(",")[0].split()[0]
    where = " ".join(str(meta[k]) for k in ("journal", "year") if meta.get(k))
    return f"{first_author} et al., {where}" if where else f"{first_author} et al., {meta['title']}"


def _authors(meta: Mapping) -> list[tuple[str, str]]:
    """('Abe', 'K') pairs from the 'Abe K, Yamamoto N' style author list."""
    pairs = []
    for author in meta["authors"].split(","):
        family, _, initials = author.strip().rpartition(" ")
        pairs.append((family or initials, initials if family else ""))
    return pairs


def citation_key(meta: Mapping) -> str:
    return f"{_authors(meta)[0][0].lower()}{meta['year']}"


def bibtex(meta: Mapping) -> str:
    """A BibTeX @article entry for the series' paper."""
    authors = " and ".join(f"{family}, {initials}" if initials else family
                           for family, initials in _authors(meta))
    fields = {
        "author": authors, "title": "{" + meta["title"] + "}", "journal": meta["journal"],
        "year": str(meta["year"]), "volume": str(meta["volume"]), "pages": str(meta["article"]),
        "doi": meta["doi"], "url": doi_url(meta),
    }
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@article{{{citation_key(meta)},\n{body}\n}}\n"


def ris(meta: Mapping) -> str:
    """An RIS record (journal article) for the series' paper."""
    lines = ["TY  - JOUR"]
    lines += [f"AU  - {family}, {initials}" if initials else f"AU  - {family}"
              for family, initials in _authors(meta)]
    lines += [f"TI  - {meta['title']}", f"JO  - {meta['journal']}", f"PY  - {meta['year']}",
              f"VL  - {meta['volume']}", f"SP  - {meta['article']}", f"DO  - {meta['doi']}",
              f"UR  - {doi_url(meta)}", "ER  - "]
    return "\n".join(lines) + "\n"
