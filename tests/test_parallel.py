"""Parallel and distributed extraction give the same graphs as one process (with the real model)."""

from __future__ import annotations

import pytest

from kgbuild.build import build
from kgbuild.store import EmbeddedStore
from oxigraph_server import oxigraph, union_server  # noqa: F401 - fixtures

pytestmark = pytest.mark.model

TEXTS = {
    "lopez": "Ministers meet in Geneva\nForeign Minister Ana Lopez said on Friday that the talks would go on. "
    '"We will talk," Lopez told reporters.\n',
    "strike": "Strike on Kharkiv\nRussia struck Kharkiv on Thursday, killing 3 people, Ukraine's army said.\n",
    "swap": "Prisoners freed\nUkraine and Russia exchanged 390 prisoners on Friday, Zelenskyy wrote on Telegram.\n",
    "talks": "Talks\nThe United States and Ukraine held talks in Jeddah. Rubio said the meeting went well.\n",
    "empty": "",
}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def nquads(store) -> list[str]:
    import pyoxigraph as ox

    return sorted(ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS).decode().splitlines())


def test_parallel_two_workers_build_the_same_graphs_as_one(inputs, tmp_path):
    one, two = EmbeddedStore(tmp_path / "one"), EmbeddedStore(tmp_path / "two")
    first = build([inputs], one, workers=1)
    second = build([inputs], two, workers=2)
    assert first.line() == second.line()
    assert [str(f) for f in first.failures] == [str(f) for f in second.failures] == [f"{inputs / 'empty.txt'}: empty file"]
    assert first.built == 4
    assert nquads(one) == nquads(two)


def test_parallel_dask_local_mode_feeds_a_sparql_server(inputs, tmp_path, oxigraph):
    pytest.importorskip("dask")
    from kgbuild.cluster import ServerTarget, build_on_dask

    summary = build_on_dask([inputs], ServerTarget(oxigraph.query_url), scheduler="processes", num_workers=2)
    local = EmbeddedStore(tmp_path / "local")
    expected = build([inputs], local)
    assert summary.line() == expected.line()
    assert nquads(oxigraph.store()) == nquads(local)
