"""The store interface, run against the embedded store and live Oxigraph servers alike."""

import pytest
from rdflib import Literal

from conftest import make_facts
from kgbuild import store as store_module
from kgbuild.rdf import graph_iri, to_rdf
from kgbuild.store import EXTRACTOR_VERSION, EmbeddedStore, GraphPayload, Store, StoreError, StoreStats
from oxigraph_server import empty_store, plain_server, union_server  # noqa: F401 - fixtures


def test_store_building_an_article_again_replaces_its_graph(empty_store):
    store = empty_store
    article = to_rdf(make_facts("a"))
    store.replace_article(article)
    size = len(store)
    store.replace_article(article)
    assert len(store) == size == len(article.graph)


def test_store_bulk_put_replaces_too(empty_store):
    store = empty_store
    payloads = [GraphPayload.of(to_rdf(make_facts(name))) for name in ("a", "b")]
    assert store.put_graphs(payloads) == sum(p.triples for p in payloads)
    assert store.put_graphs(payloads[:1]) == payloads[0].triples
    assert len(store) == sum(p.triples for p in payloads)


def test_store_keeps_other_articles_when_one_is_replaced(empty_store):
    store = empty_store
    store.replace_article(to_rdf(make_facts("a")))
    store.replace_article(to_rdf(make_facts("b")))
    store.replace_article(to_rdf(make_facts("a")))
    assert store.article_graphs() == [str(graph_iri("a")), str(graph_iri("b"))]


def test_store_remove_article(empty_store):
    store = empty_store
    store.replace_article(to_rdf(make_facts("a")))
    assert store.remove_article(str(graph_iri("a")))
    assert not store.remove_article(str(graph_iri("a")))
    assert len(store) == 0


def by_value(graph) -> set:
    """Triples with literals by value: stores keep xsd:decimal 1.0 as 1."""
    return {(s, p, (o.datatype, o.toPython()) if isinstance(o, Literal) else o) for s, p, o in graph}


def test_store_graph_round_trips(empty_store):
    article = to_rdf(make_facts("a"))
    empty_store.replace_article(article)
    assert by_value(empty_store.graph(str(article.graph_iri))) == by_value(article.graph)


def test_store_article_ids_with_odd_characters(empty_store):
    article = to_rdf(make_facts("a b/é?&#x"))
    empty_store.replace_article(article)
    assert empty_store.article_graphs() == [str(article.graph_iri)]
    assert empty_store.remove_article(str(article.graph_iri))


def test_store_stats_count_what_is_there(empty_store):
    empty_store.replace_article(to_rdf(make_facts("a")))
    empty_store.replace_article(to_rdf(make_facts("b")))
    triples = len(to_rdf(make_facts("a")).graph) + len(to_rdf(make_facts("b")).graph)
    # The sample article has Ana Lopez and Northland (actors; shared by the two articles), Eastport (a place).
    assert empty_store.stats() == StoreStats(articles=2, actors=2, statements=2, events=2, triples=triples)


def test_store_records_say_which_version_built_each_article(empty_store):
    empty_store.replace_article(to_rdf(make_facts("a")))
    record = empty_store.records()[str(graph_iri("a"))]
    assert (record.article_id, record.extractor_version) == ("a", EXTRACTOR_VERSION)


def test_store_persists_on_disk(tmp_path):
    store = Store(tmp_path / "kg")
    store.replace_article(to_rdf(make_facts("a")))
    size = len(store)
    del store
    assert len(Store(tmp_path / "kg", read_only=True)) == size


def test_store_close_leaves_nothing_in_the_write_ahead_log(tmp_path):
    # what stays in RocksDB's log is replayed on every open (34 s after the 840-article corpus)
    def log_bytes() -> int:
        return sum(log.stat().st_size for log in (tmp_path / "kg").glob("*.log"))

    store = EmbeddedStore(tmp_path / "kg")
    store.put_graphs([GraphPayload.of(to_rdf(make_facts(name))) for name in "abc"])
    assert log_bytes() > 0
    store.close()
    assert log_bytes() == 0
    assert len(EmbeddedStore(tmp_path / "kg", read_only=True).article_graphs()) == 3


def test_store_build_flushes_to_the_store_files_as_it_goes(tmp_path, monkeypatch):
    payloads = [GraphPayload.of(to_rdf(make_facts(name))) for name in "abcde"]
    monkeypatch.setattr(store_module, "FLUSH_EVERY", payloads[0].triples + payloads[1].triples)
    store = EmbeddedStore(tmp_path / "kg")
    flushed_at = []
    monkeypatch.setattr(store, "flush", lambda: flushed_at.append(len(store.article_graphs())))

    store.put_graphs(payloads)

    assert flushed_at == [2, 4]  # after every two articles' worth of triples, not after the fifth
    assert len(store.article_graphs()) == 5


def test_store_flushed_build_is_in_the_store_files_before_the_close(tmp_path, monkeypatch):
    payloads = [GraphPayload.of(to_rdf(make_facts(name))) for name in "abc"]
    monkeypatch.setattr(store_module, "FLUSH_EVERY", 1)

    def table_bytes() -> int:  # RocksDB's table files: what is written, not only logged
        return sum(table.stat().st_size for table in (tmp_path / "kg").glob("*.sst"))

    store = EmbeddedStore(tmp_path / "kg")
    empty = table_bytes()
    store.put_graphs(payloads)
    assert table_bytes() > empty
    store.close()
    assert len(EmbeddedStore(tmp_path / "kg", read_only=True).article_graphs()) == 3


class RecordingStore:
    """An Oxigraph store that records in ``called`` which of its methods were called."""

    def __init__(self, inner, called: list[str]):
        self.inner = inner
        self.called = called

    def __getattr__(self, name):
        self.called.append(name)
        return getattr(self.inner, name)


@pytest.mark.parametrize("flush_every, compacted", [(1, True), (10**9, False)])
def test_store_flushed_in_the_middle_of_a_build_is_compacted_at_the_close(tmp_path, monkeypatch, flush_every, compacted):
    # one sorted run per flush made the corpus's queries a third slower until compacted
    monkeypatch.setattr(store_module, "FLUSH_EVERY", flush_every)
    store = EmbeddedStore(tmp_path / "kg")
    called: list[str] = []
    store._store = RecordingStore(store._store, called)  # closing drops the only reference to it
    store.put_graphs([GraphPayload.of(to_rdf(make_facts(name))) for name in "abcd"])
    store.close()
    assert ("optimize" in called) is compacted
    assert called[-2:] == (["flush", "optimize"] if compacted else ["load", "flush"])
    assert len(EmbeddedStore(tmp_path / "kg", read_only=True).article_graphs()) == 4


def test_store_remote_persists_across_connections(union_server):
    union_server.clear()
    union_server.store().replace_article(to_rdf(make_facts("a")))
    assert union_server.store().article_graphs() == [str(graph_iri("a"))]


def test_store_read_only_on_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing", read_only=True)


def test_store_second_writer_is_refused_with_a_clear_error(tmp_path):
    first = EmbeddedStore(tmp_path / "kg")
    with pytest.raises(StoreError, match="in use by another process"):
        EmbeddedStore(tmp_path / "kg")
    first.close()
    EmbeddedStore(tmp_path / "kg").close()


def test_store_payload_lands_in_the_article_graph(tmp_path):
    store = EmbeddedStore(tmp_path / "kg")
    payload = GraphPayload.of(to_rdf(make_facts("a")))
    store.put_graphs([payload])
    assert store.article_graphs() == [payload.graph_iri]
    assert sum(1 for _ in store.graph_triples(payload.graph_iri)) == payload.triples


def test_store_article_that_fails_to_load_leaves_nothing_half_written(tmp_path):
    store = EmbeddedStore(tmp_path / "kg")
    good = GraphPayload.of(to_rdf(make_facts("a")))
    store.put_graphs([good])
    # the same article again, cut short by a broken last line: the load fails as a whole
    broken = GraphPayload(good.article_id, good.graph_iri, good.ntriples + b"<no end\n", good.triples + 1)
    with pytest.raises(StoreError, match="cannot write article 'a'"):
        store.put_graphs([broken])
    other = GraphPayload.of(to_rdf(make_facts("b")))
    with pytest.raises(StoreError):
        store.put_graphs([other, GraphPayload("c", str(graph_iri("c")), other.ntriples + b"<no end\n", 0)])
    # 'a' was dropped before its failed load (it is out, not half in); 'b', written before, is whole
    assert store.article_graphs() == [str(graph_iri("b"))]
    assert len(store) == other.triples
    store.close()
