"""Make big stores from a built corpus: every article graph copied under new article ids."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from kgbuild.rdf import ID, iri_part
from kgbuild.store import EmbeddedStore

ARTICLE_ID = b"<https://w3id.org/kgbuild/ontology#articleId>"


def article_nquads(store: EmbeddedStore) -> list[tuple[str, bytes]]:
    """(article id, N-Quads of its graph) for every article of a store."""
    records = store.records()
    out = []
    for graph_iri in store.article_graphs():
        data = ox.serialize(store._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)), format=ox.RdfFormat.N_QUADS)
        out.append((records[graph_iri].article_id, data))
    return out


def renamed(article_id: str, data: bytes, copy: int) -> bytes:
    """The graph of ``article_id`` as if it were article ``article_id-rN``: graph, article IRIs and id."""
    if copy == 0:
        return data
    new_id = f"{article_id}-r{copy}"
    old_article, new_article = f"{ID}article/{iri_part(article_id)}".encode(), f"{ID}article/{iri_part(new_id)}".encode()
    old_graph, new_graph = f"{ID}graph/{iri_part(article_id)}>".encode(), f"{ID}graph/{iri_part(new_id)}>".encode()
    data = data.replace(old_article + b">", new_article + b">").replace(old_article + b"/", new_article + b"/")
    data = data.replace(old_graph, new_graph)
    return data.replace(ARTICLE_ID + f' "{article_id}"'.encode(), ARTICLE_ID + f' "{new_id}"'.encode())


def replicate(source: Path, target: Path, *, copies: int, batch: int = 200) -> tuple[int, int, float]:
    """Write ``copies`` copies of every article of ``source`` into a new store ``target`` (bulk load).

    Returns (articles, triples, seconds)."""
    articles = article_nquads(EmbeddedStore(source, read_only=True))
    store = EmbeddedStore(target)
    start = time.perf_counter()
    pending: list[bytes] = []
    count = 0
    for copy in range(copies):
        for article_id, data in articles:
            pending.append(renamed(article_id, data, copy))
            count += 1
            if len(pending) >= batch:
                store._store.bulk_load(b"".join(pending), format=ox.RdfFormat.N_QUADS)
                pending.clear()
    if pending:
        store._store.bulk_load(b"".join(pending), format=ox.RdfFormat.N_QUADS)
    store._store.flush()
    store._store.optimize()
    elapsed = time.perf_counter() - start
    triples = len(store._store)
    store.close()
    return count, triples, elapsed
