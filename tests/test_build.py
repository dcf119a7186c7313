"""The library's build call on small texts of our own, with the real model."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from conftest import SEED_ARTICLE
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
