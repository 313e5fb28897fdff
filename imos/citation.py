"""Citation text for a case series, built from its series.yaml metadata."""

from __future__ import annotations

from collections.abc import Mapping


def doi_url(meta: Mapping) -> str:
    return f"https://doi.org/{meta['doi']}"


def citation_text(meta: Mapping) -> str:
    """A plain-text citation: authors. Title. Journal. Year;Volume:Article. doi."""
    return (
        f"{meta['authors']}. {meta['title']}. {meta['journal']}. "
        f"{meta['year']};{meta['volume']}:{meta['article']}. doi:{meta['doi']}"
    )


def short_citation(meta: Mapping) -> str:
    """'Abe et al., BMC Musculoskeletal Disorders 2020' style short form."""
    first_author = meta["authors"].split(",")[0].split()[0]
    return f"{first_author} et al., {meta['journal']} {meta['year']}"
