"""The library's build call on small texts of our own, with the real model."""

from __future__ import annotations

import datetime
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox

import pytest

from conftest import SEED_ARTICLE
import kgbuild
from kgbuild.build import build
from kgbuild.store import Store

pytestmark = pytest.mark.model

ARTICLE = (
    "Leaders meet in Geneva\n"
    "Foreign Minister Ana Lopez said on Friday that the talks would go on.\n"
)
KG = "https://w3id.org/kgbuild/ontology#"


def ask(store: Store, pattern: str) -> bool:
    return bool(store.query(f"SELECT * WHERE {{ {pattern} }} LIMIT 1").rows)


def test_build_reason_stores_what_owl_rl_infers(tmp_path):
    source = tmp_path / "lopez.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    plain, reasoned = Store(tmp_path / "plain"), Store(tmp_path / "reasoned")
    assert build([source], plain).failures == []
    assert build([source], reasoned, reason=True).failures == []
    person_is_actor = f"?p a <{KG}Person> , <{KG}Actor>"
    assert not ask(plain, person_is_actor)
    assert ask(reasoned, person_is_actor)
    assert len(reasoned) > len(plain)


def test_build_json_records_keep_their_metadata(tmp_path):
    source = tmp_path / "feed.jsonl"
    record = {"id": "lopez-1", "title": "Leaders meet", "text": ARTICLE, "url": "https://news.example/1",
              "published": "2025-05-24", "publisher": "Example News"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    store = Store(tmp_path / "kg")
    assert build([source], store).built == 1
    article = f"""?a <{KG}articleId> "lopez-1" ; <{KG}url> "https://news.example/1"^^<http://www.w3.org/2001/XMLSchema#anyURI> ;
                  <{KG}publisher> "Example News" ; <{KG}published> "2025-05-24"^^<http://www.w3.org/2001/XMLSchema#date>"""
    assert ask(store, article)


def test_build_published_date_resolves_weekdays(tmp_path):
    source = tmp_path / "lopez.txt"
    source.write_text(ARTICLE, encoding="utf-8")
    store = Store(tmp_path / "kg")
    build([source], store, published=datetime.date(2025, 5, 24))
    # "said on Friday" in an article of Saturday 2025-05-24 is Friday 2025-05-23
    assert ask(store, f'?s a <{KG}Statement> ; <{KG}date> "2025-05-23"^^<http://www.w3.org/2001/XMLSchema#date>')


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here")
def test_build_example_graph_is_up_to_date():
    """graph/prisoner-swap.trig is what the README's command makes from the reference article today."""
    from click.testing import CliRunner

    from kgbuild.cli import main

    committed = Path(__file__).resolve().parents[1] / "graph" / "prisoner-swap.trig"
    result = CliRunner().invoke(main, ["extract", str(SEED_ARTICLE), "--published", "2025-05-24"])
    assert result.exit_code == 0
    assert result.stdout == committed.read_text(encoding="utf-8"), (
        "graph/prisoner-swap.trig is stale: regenerate it with the command in the README"
    )


SPEAKERS = ["Ana Lopez", "Peter Novak", "Maria Rossi", "John Carter", "Lena Berg", "Omar Haddad"]
CITIES = ["Geneva", "Vienna", "Oslo", "Ankara", "Doha"]


def news_folder(folder: Path, count: int) -> Path:
    """``count`` small articles that all differ (speaker, city, numbers), each a few sentences long."""
    folder.mkdir()
    for n in range(count):
        speaker, city = SPEAKERS[n % len(SPEAKERS)], CITIES[n % len(CITIES)]
        surname = speaker.split()[1]
        text = (
            f"Talks in {city}, round {n}\n"
            f"Foreign Minister {speaker} said on Friday that the talks in {city} would go on. "
            f'"We will talk again in {n + 2} days," {surname} told reporters. '
            f"Russia struck Kharkiv on Thursday, killing {n + 3} people, Ukraine's army said.\n"
        )
        (folder / f"talks-{n:02}.txt").write_text(text, encoding="utf-8")
    return folder


def graphs_of(store_dir: Path) -> dict[str, list[str]]:
    """Every named graph of a store folder (opened read-only, so a running build may hold it): sorted N-Quads."""
    store = ox.Store.read_only(str(store_dir))
    graphs: dict[str, list[str]] = {}
    for quad in store:
        graphs.setdefault(quad.graph_name.value, []).append(str(quad))
    return {graph: sorted(lines) for graph, lines in graphs.items()}


def kgbuild_command(*args: str) -> list[str]:
    return [sys.executable, "-c", "from kgbuild.cli import main; main()", *args]


def test_build_killed_mid_folder_leaves_whole_graphs_and_a_rerun_finishes(tmp_path):
    """kill -9 of 'kgbuild build' once some articles are stored: each graph is whole or absent, and
    'kgbuild build --rebuild-stale' on the same folder completes the store to what a clean build gives."""
    folder = news_folder(tmp_path / "news", 30)
    clean = Store(tmp_path / "clean")
    assert build([folder], clean, published=datetime.date(2025, 5, 24)).built == 30
    clean.close()
    expected = graphs_of(tmp_path / "clean")
    assert len(expected) == 30

    killed = tmp_path / "killed"
    environment = {**os.environ, "PYTHONPATH": str(Path(kgbuild.__file__).resolve().parents[1])}
    arguments = ["build", str(folder), "--store", str(killed), "--published", "2025-05-24"]
    process = subprocess.Popen(kgbuild_command(*arguments), env=environment, stderr=subprocess.PIPE)
    stored: dict[str, list[str]] = {}
    deadline = time.monotonic() + 300
    while process.poll() is None and time.monotonic() < deadline and len(stored) < 3:
        time.sleep(0.02)
        try:
            stored = graphs_of(killed)
        except (OSError, RuntimeError):  # no store yet, or caught being created: look again
            continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build finished before it could be killed"

    after_crash = graphs_of(killed)
    assert 3 <= len(after_crash) < 30
    for graph, lines in after_crash.items():
        assert lines == expected[graph], f"{graph} is not the graph a clean build stores"

    rerun = subprocess.run(kgbuild_command(*arguments, "--rebuild-stale"), env=environment, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(after_crash)} up to date" in rerun.stdout
    assert graphs_of(killed) == expected
