"""The teaching sequences and views: step-by-step replays (`replay`, `road`,
`walkthrough`), scenarios in links (`scenario`, `links`), and the shaping of timelines
and the findings matrix for charts (`timeline`, `matrix`).

May import: `imos.data`, `imos.dataset`, `imos.reasoning`, `imos.text`.
"""
