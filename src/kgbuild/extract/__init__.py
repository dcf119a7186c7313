"""Extraction: a parsed article in, its facts out (actors, statements, events).

``extract_facts(article, doc)`` runs the rules in order: actors first (the other rules point at them),
then statements, then events (an event read from a statement is a claim of that statement).
"""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from ..facts import Article, ArticleFacts
from .actors import extract_actors
from .events import extract_events
from .reference import load_reference
from .spans import SpanMaker
from .statements import extract_statements


def extract_facts(article: Article, doc: Doc, *, actor_tables: tuple[Path, ...] = ()) -> ArticleFacts:
    """All facts of one article; ``doc`` is ``article.text`` parsed by ``kgbuild.nlp``."""
    spans = SpanMaker(doc)
    actors = extract_actors(doc, load_reference(actor_tables))
    statements = extract_statements(doc, actors, article, spans)
    events = extract_events(doc, actors, article, spans, statements)
    return ArticleFacts(
        article=article,
        actors=actors.to_facts(spans.sentence_of),
        statements=tuple(statements),
        events=tuple(events),
        sentences=spans.all_sentences(),
        roles=actors.role_facts(spans, article.published),
    )
