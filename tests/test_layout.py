"""Data flows one way: each stage's module imports only kgbuild modules of its own or earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kgbuild"

# The stages in the order data flows through them (README, "Layout"), then the layers that run them.
STAGES = [
    {"facts", "resources", "vocab", "vocabgen", "sparqlcache"},  # shared definitions, no stage of their own
    {"articles"},  # input
    {"nlp"},  # spaCy
    {"extract"},  # extraction
    {"rdf"},  # RDF
    {"shapecheck", "validate"},  # SHACL
    {"store", "remote"},  # store
    {"queries", "wikidata", "export", "viz", "serve"},  # query, export, pictures, endpoint
    {"build", "cluster", "evaluation"},  # the stages run together
    {"cli", "__main__"},  # the command line
]
STAGE_OF = {module: n for n, modules in enumerate(STAGES) for module in modules}


def top_module(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def kgbuild_imports(source: str, location: tuple[str, ...]) -> set[str]:
    """The top-level kgbuild modules that ``source`` imports, relative or absolute, anywhere in it.

    ``location`` is the file's path inside the package ("extract", "events.py"), to resolve "from ..x".
    """
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").startswith("kgbuild"):
                parts = node.module.split(".")[1:]
            elif node.level > 0:
                package = list(location[:-1])[: len(location) - node.level]
                parts = [*package, *(node.module.split(".") if node.module else [])]
            else:
                continue
            found |= {parts[0]} if parts else {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("kgbuild.")}
    return found


def test_layout_every_module_has_a_stage():
    modules = {top_module(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert modules <= set(STAGE_OF), sorted(modules - set(STAGE_OF))


def test_layout_modules_import_only_earlier_stages():
    backwards = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = top_module(path)
        if module == "__init__":
            continue
        location = path.relative_to(PACKAGE).parts
        for imported in kgbuild_imports(path.read_text(encoding="utf-8"), location) - {module, "__init__"}:
            if STAGE_OF.get(imported, 0) > STAGE_OF[module]:
                backwards.append(f"{'/'.join(location)} imports {imported}")
    assert backwards == []


def test_layout_imports_are_read_relative_and_absolute():
    top_level = "from .store import Store\nfrom . import facts\nimport kgbuild.nlp\nimport json\n"
    assert kgbuild_imports(top_level, ("rdf.py",)) == {"store", "facts", "nlp"}
    nested = "from ..rdf import to_rdf\nfrom .spans import SpanMaker\nfrom kgbuild.store import Store\n"
    assert kgbuild_imports(nested, ("extract", "probe.py")) == {"rdf", "extract", "store"}
    # "rdf.py" importing the store is what the layout test reports: the RDF stage may not read the store
    assert STAGE_OF["store"] > STAGE_OF["rdf"]
