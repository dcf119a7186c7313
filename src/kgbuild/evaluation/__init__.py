"""Scoring kgbuild output against public, human-annotated corpora."""
