"""Exports of a store, embedded or remote: N-Quads and TriG stream graph by graph; Turtle and JSON-LD,
which merge the article graphs into one, are built in memory.
"""

from __future__ import annotations

from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset, Graph

from .rdf import PREFIXES
from .store import BaseStore

FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def export(store: BaseStore, export_format: str, output: BinaryIO) -> None:
    """Write the article graphs of ``store`` to ``output`` in one of ``FORMATS``."""
    if export_format == "nquads":
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
