"""Files in and out: CSV downloads, the handout and slide-deck downloads, the template
zip and the upload box.

May import: `imos`, `components.shell`, `components.charts`.
"""
