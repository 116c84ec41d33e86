"""Site layer: the MkDocs adapter (plugin, build and preview). The only package that imports MkDocs."""
