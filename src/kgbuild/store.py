"""The store stage: validated article graphs in, SPARQL answers and exports out.

The default store is an embedded, on-disk Oxigraph database (``pyoxigraph``) in a folder. Each article
lives in its own named graph; writing an article replaces that graph in one transaction, so a rebuild
leaves no duplicates and a failure leaves the previous version in place.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .rdf import ID, ArticleGraph

GRAPH_PREFIX = str(ID["graph/"])


class StoreError(Exception):
    """The store cannot be opened or written (locked, not a store, disk full...)."""


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a SELECT; cells are RDF terms (``pyoxigraph``) or None when unbound."""

    columns: list[str]
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]


class Store:
    """An embedded Oxigraph store in ``path`` (created if missing); ``None`` keeps it in memory."""

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here (build one with 'kgbuild build')")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._store = ox.Store(str(self.path))
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(error)})") from error

    def replace_article(self, article: ArticleGraph) -> int:
        """Put an article's graph in the store, replacing any earlier version; returns its triple count."""
        graph = f"<{article.graph_iri}>"
        triples = article.graph.serialize(format="nt")
        try:
            self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{triples}\n}} }}")
        except OSError as error:
            raise StoreError(f"{self.path}: cannot write article {article.article_id!r} ({_first_line(error)})") from error
        return len(article.graph)

    def remove_article(self, graph_iri: str) -> bool:
        """Drop an article's graph; False if it was not there."""
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    def article_graphs(self) -> list[str]:
        """IRIs of the article graphs, sorted."""
        return sorted(g.value for g in self._store.named_graphs() if g.value.startswith(GRAPH_PREFIX))

    def graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib Graph (for validation and export)."""
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
        graph = Graph()
        graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def query(self, sparql: str, custom_functions: dict | None = None) -> QueryResult:
        """Run a SELECT over the union of all graphs, with extension functions (how parameters come in)."""
        solutions = self._store.query(sparql, use_default_graph_as_union=True, custom_functions=custom_functions or {})
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("only SELECT queries can be run by name; use 'kgbuild export' for graphs")
        columns = [v.value for v in solutions.variables]
        return QueryResult(columns, [[solution[c] for c in columns] for solution in solutions])

    def dump(self, rdf_format: ox.RdfFormat) -> bytes:
        """Everything, as TriG or N-Quads (one named graph per article)."""
        return self._store.dump(format=rdf_format)

    def quads(self) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, None)

    def __len__(self) -> int:
        return len(self._store)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
