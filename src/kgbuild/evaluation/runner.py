"""Run kgbuild's extraction over an annotated corpus and score it.

In: a corpus folder or file in the layout of a public benchmark. Out: the scores (and, if asked, an
errors file). The graph, the shapes and the store are not involved: only extraction is scored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..extract import extract_facts
from ..facts import Article, ArticleFacts
from ..nlp import parse
from . import polnear, wikievents


def extract_all(articles: Iterable[Article], progress: Callable[[int], None] | None = None) -> Iterator[ArticleFacts]:
    """Facts of each article, in order."""
    articles = list(articles)
    for article, doc in zip(articles, parse(a.text for a in articles)):
        yield extract_facts(article, doc)
        if progress:
            progress(1)


def evaluate_polnear(
    folder: Path, *, errors: Path | None = None, progress: Callable[[int], None] | None = None
) -> polnear.Scores:
    """Scores of the statement rules on a PolNeAR split folder (``text/`` and ``attributions/``)."""
    documents = polnear.load_corpus(folder)
    articles = [Article(id=d.name, text=d.text, title=d.title, published=d.published) for d in documents]
    predictions = {
        facts.article.id: polnear.predictions_from_facts(facts) for facts in extract_all(articles, progress)
    }
    if errors is not None:
        polnear.write_errors(errors, documents, predictions)
    return polnear.score(documents, predictions)


def evaluate_wikievents(
    path: Path, *, errors: Path | None = None, progress: Callable[[int], None] | None = None
) -> wikievents.Scores:
    """Scores of the event rules on a WikiEvents split (``dev.jsonl`` and ``dev.coref.jsonlines`` beside it).

    The stored texts glue sentences together ("...in Syria.The desert..."): a line break is put between
    them, so that the parser sees the sentence boundary; every offset then indexes that text.
    """
    documents = wikievents.load_corpus(path, sentence_break="\n")
    articles = [wikievents.to_article(d) for d in documents]
    predictions = {
        facts.article.id: wikievents.predictions_from_facts(facts) for facts in extract_all(articles, progress)
    }
    if errors is not None:
        wikievents.write_errors(errors, documents, predictions)
    return wikievents.score(documents, predictions)
