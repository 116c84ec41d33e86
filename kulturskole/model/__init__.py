"""Model layer: the one schema definition and the assembled version."""
