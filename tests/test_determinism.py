"""The same inputs give the same store: in any order, built once or twice, with 1 or 2 workers."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kgbuild.cli import main
from kgbuild.store import EmbeddedStore

pytestmark = pytest.mark.model

TEXTS = {
    "lopez.txt": "Ministers meet in Geneva\nForeign Minister Ana Lopez said on Friday that the talks would go on. "
    '"We will talk," Lopez told reporters.\n',
    "strike.txt": "Strike on Kharkiv\nRussia struck Kharkiv on Thursday, killing 3 people, Ukraine's army said.\n",
    "swap.html": "<html><head><title>Prisoners freed</title></head><body><article><p>Ukraine and Russia exchanged "
    "390 prisoners on Friday, Zelenskyy wrote on Telegram.</p></article></body></html>",
}
RECORDS = [
    # Two records with the id of a file: which one is kept must not depend on the order of the inputs.
    {"id": "talks", "text": "Talks\nThe United States and Ukraine held talks in Jeddah. Rubio said the meeting went well."},
    {"id": "lopez", "text": "Lopez again\nAna Lopez said the talks had failed."},
]


def make_inputs(folder: Path) -> list[Path]:
    """The input files, in the order of TEXTS then the JSONL feed."""
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(record) for record in RECORDS), encoding="utf-8")
    return [folder / name for name in [*TEXTS, "feed.jsonl"]]


def sorted_nquads(store_path: Path) -> list[str]:
    store = EmbeddedStore(store_path, read_only=True)
    try:
        return sorted(ox.serialize(store.quads(), format=ox.RdfFormat.N_QUADS).decode().splitlines())
    finally:
        store.close()


def build(store: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["build", *args, "--store", str(store), "--published", "2025-05-24"])
    assert result.exit_code == 1, result.output  # the duplicate id is reported, the rest built
    return result.stderr


def test_determinism_any_order_twice_or_two_workers_give_the_same_store(tmp_path: Path) -> None:
    files = make_inputs(tmp_path / "in")
    reference = tmp_path / "in-order"
    messages = build(reference, *map(str, files))
    expected = sorted_nquads(reference)
    assert len({line.rsplit(" ", 2)[-2] for line in expected}) == 4  # four article graphs
    assert f"Error: {files[0]}: duplicate article id 'lopez' (also in {files[-1]}:2)" in messages

    reversed_order = tmp_path / "reversed"
    assert build(reversed_order, *map(str, reversed(files))) == messages
    assert sorted_nquads(reversed_order) == expected

    twice = tmp_path / "twice"
    build(twice, str(tmp_path / "in"))
    build(twice, *map(str, files[::2] + files[1::2]))
    assert sorted_nquads(twice) == expected

    two_workers = tmp_path / "two-workers"
    build(two_workers, *map(str, files[1:] + files[:1]), "--workers", "2")
    assert sorted_nquads(two_workers) == expected
