from conftest import make_facts
from kgbuild.rdf import graph_iri, to_rdf
from kgbuild.store import Store, StoreError

import pytest


def test_store_building_an_article_again_replaces_its_graph(tmp_path):
    store = Store(tmp_path / "kg")
    article = to_rdf(make_facts("a"))
    store.replace_article(article)
    size = len(store)
    store.replace_article(article)
    assert len(store) == size == len(article.graph)


def test_store_keeps_other_articles_when_one_is_replaced(tmp_path):
    store = Store(tmp_path / "kg")
    store.replace_article(to_rdf(make_facts("a")))
    store.replace_article(to_rdf(make_facts("b")))
    store.replace_article(to_rdf(make_facts("a")))
    assert store.article_graphs() == [str(graph_iri("a")), str(graph_iri("b"))]


def test_store_persists_on_disk(tmp_path):
    store = Store(tmp_path / "kg")
    store.replace_article(to_rdf(make_facts("a")))
    size = len(store)
    del store
    assert len(Store(tmp_path / "kg", read_only=True)) == size


def test_store_remove_article(tmp_path):
    store = Store(tmp_path / "kg")
    store.replace_article(to_rdf(make_facts("a")))
    assert store.remove_article(str(graph_iri("a")))
    assert not store.remove_article(str(graph_iri("a")))
    assert len(store) == 0


def test_store_read_only_on_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        Store(tmp_path / "missing", read_only=True)
