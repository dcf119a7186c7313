"""Shared fixtures: hand-built facts (no spaCy model needed) and paths to shared material."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from kgbuild.facts import Actor, Article, ArticleFacts, Event, Quantity, Statement, TextSpan

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED_ARTICLE = SHARED / "corpus" / "seed" / "prisoner-swap.txt"

# Offsets below index this text; each span is checked against it in make_facts().
SAMPLE_TEXT = (
    "Ministers meet in Geneva\n"
    'President Ana Lopez said: "We will talk." Northland shelled Eastport on Friday, injuring 12 people.\n'
)


def span(text: str, needle: str, sentence: int, occurrence: int = 0) -> TextSpan:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return TextSpan(start, start + len(needle), sentence, needle)


def make_facts(article_id: str = "sample", text: str = SAMPLE_TEXT) -> ArticleFacts:
    """One article by hand: a person who speaks, a state that attacks a place with 12 injured."""
    article = Article(
        id=article_id,
        text=text,
        title="Ministers meet in Geneva",
        url="https://news.example/sample",
        publisher="Example News",
        published=datetime.date(2025, 5, 24),
    )
    sentence_one = span(text, 'President Ana Lopez said: "We will talk."', 1)
    sentence_two = span(text, "Northland shelled Eastport on Friday, injuring 12 people.", 2)
    lopez = Actor(
        key="person/ana-lopez",
        label="Ana Lopez",
        kind="Person",
        aliases=("Lopez",),
        titles=("President",),
        mentions=(span(text, "Ana Lopez", 1),),
    )
    northland = Actor(key="Q999001", label="Northland", kind="State", wikidata="Q999001",
                      mentions=(span(text, "Northland", 2),))
    eastport = Actor(key="place/eastport", label="Eastport", kind="Place", mentions=(span(text, "Eastport", 2),))
    statement = Statement(
        speaker=lopez.key,
        content=span(text, "We will talk.", 1),
        kind="direct",
        evidence=sentence_one,
        speaker_span=span(text, "President Ana Lopez", 1),
        cue="say",
        cue_span=span(text, "said", 1),
        date=datetime.date(2025, 5, 24),
        confidence=0.9,
        rule="direct-colon",
    )
    attack = Event(
        event_type="Attack",
        trigger=span(text, "shelled", 2),
        evidence=sentence_two,
        agents=(northland.key,),
        targets=(eastport.key,),
        places=(eastport.key,),
        date=datetime.date(2025, 5, 23),
        quantities=(Quantity(12, "injured", span(text, "12", 2)),),
        rule="verb-trigger",
    )
    facts = ArticleFacts(article, (eastport, lopez, northland), (statement,), (attack,))
    for fact_span in [sentence_one, sentence_two, statement.content, attack.trigger]:
        assert text[fact_span.start : fact_span.end] == fact_span.text
    return facts


@pytest.fixture
def sample_facts() -> ArticleFacts:
    return make_facts()


@pytest.fixture(scope="session")
def reference_article_store(tmp_path_factory):
    """The reference article built (published 2025-05-24) into an embedded store, once per test run; read it only."""
    from kgbuild.build import build
    from kgbuild.store import Store

    store = Store(tmp_path_factory.mktemp("kg") / "reference-store")
    summary = build([SEED_ARTICLE], store, published=datetime.date(2025, 5, 24))
    assert summary.failures == [] and summary.built == 1
    return store
