"""Exports of a store, embedded or remote: N-Quads and TriG stream graph by graph; Turtle and JSON-LD,
which merge the article graphs into one, are built in memory; QuickStatements and Wikibase RDF hold the claims
ready for Wikidata (``kgbuild.wikidata``).
"""

from __future__ import annotations

import datetime
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .rdf import PREFIXES
from .store import BaseStore
from .wikidata import claims, quickstatements, wikibase_graph

FORMATS = {
    "turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld",
    "quickstatements": "quickstatements", "wikibase": "turtle",
}  # fmt: skip
WIKIDATA_FORMATS = {"quickstatements", "wikibase"}


def export(
    store: BaseStore,
    export_format: str,
    output: BinaryIO,
    *,
    create_items: bool = False,
    retrieved: datetime.date | None = None,
) -> None:
    """Write the article graphs of ``store`` to ``output`` in one of ``FORMATS``.

    For the Wikidata formats, ``create_items`` also exports people without a QID (as new items) and ``retrieved``
    is the retrieval date of the references (default: today).
    """
    if export_format in WIKIDATA_FORMATS:
        found = claims(
            (store.graph(graph_iri) for graph_iri in store.article_graphs()),
            create_items=create_items,
            retrieved=retrieved or datetime.date.today(),
        )
        if export_format == "quickstatements":
            output.write("".join(line + "\n" for line in quickstatements(found)).encode("utf-8"))
        else:
            output.write(wikibase_graph(found).serialize(format="turtle").encode("utf-8"))
    elif export_format == "nquads":
        ox.serialize(store.quads(), output, format=ox.RdfFormat.N_QUADS)
    elif export_format == "trig":
        _trig(store, output)
    else:
        merged = Graph()
        for prefix, namespace in PREFIXES.items():
            merged.bind(prefix, namespace)
        for graph_iri in store.article_graphs():
            merged += store.graph(graph_iri)
        output.write(merged.serialize(format=FORMATS[export_format]).encode("utf-8"))


def _trig(store: BaseStore, output: BinaryIO) -> None:
    """One ``<graph> { ... }`` block per article, each serialized on its own; a prefix line once."""
    written: set[str] = set()
    for graph_iri in store.article_graphs():
        dataset = Dataset()
        for prefix, namespace in PREFIXES.items():
            dataset.bind(prefix, namespace)
        named = dataset.graph(graph_iri)
        for triple in store.graph(graph_iri):
            named.add(triple)
        lines = []
        for line in dataset.serialize(format="trig").splitlines(keepends=True):
            if line.startswith("@prefix"):
                if line in written:
                    continue
                written.add(line)
            lines.append(line)
        output.write("".join(lines).encode("utf-8"))
