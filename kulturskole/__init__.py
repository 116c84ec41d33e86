"""Fremtidens kulturskole: the programme's material as validated YAML, rendered into a static site.

The pipeline, one package per step:

    data/ (YAML) → load (read, catch YAML traps) → model (schema) → validate (references, order)
    → render (Markdown) → site (MkDocs adapter) → publish (mike)

load, model, validate and render do not import MkDocs.
"""
