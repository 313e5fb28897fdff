"""The files that leave the app: the slide deck (`deck`, `deck_pieces`, `deck_layout`,
`fonts`), handouts (`handout` HTML, `handout_pdf`), a verdict in words for both
(`verdict_text`), citations and CSV exports (`citation`, `export`).

May import: `imos.data`, `imos.dataset`, `imos.reasoning`, `imos.teaching`, `imos.text`.
"""
