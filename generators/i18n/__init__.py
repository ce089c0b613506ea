"""Bilingual content: figures, staleness, formatting and template catalogs."""
