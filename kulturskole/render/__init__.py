"""Render layer: validated data → Markdown pages. Independent of the site generator."""
