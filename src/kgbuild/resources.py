"""Where the ontology, the SHACL shapes and the SPARQL queries live.

In an installed wheel they are package data under ``kgbuild/_data/`` (see the hatch
``force-include`` in pyproject.toml); in a source checkout they are the top-level ``ontology/``,
``shapes/`` and ``queries/`` directories. Each function looks in the package first and falls back
to the checkout.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DATA = Path(__file__).resolve().parent / "_data"
_REPO_ROOT = Path(__file__).resolve().parents[2]

ONTOLOGY_FILE = "kgbuild.ttl"
SHAPES_FILE = "kgbuild.shapes.ttl"


def _find(*parts: str) -> Path:
    candidates = [_PACKAGE_DATA.joinpath(*parts), _REPO_ROOT.joinpath(*parts)]
    for candidate in candidates:
        if candidate.exists():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise FileNotFoundError(f"kgbuild resource {'/'.join(parts)} not found (tried {tried})")


def ontology_path() -> Path:
    """The OWL ontology (Turtle): ``ontology/kgbuild.ttl``."""
    return _find("ontology", ONTOLOGY_FILE)


def shapes_path() -> Path:
    """The SHACL shapes (Turtle): ``shapes/kgbuild.shapes.ttl``."""
    return _find("shapes", SHAPES_FILE)


def queries_dir() -> Path:
    """The directory of the SPARQL queries (``*.rq``): ``queries/``."""
    return _find("queries")
