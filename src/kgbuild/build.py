"""The whole path for a set of inputs: read, parse, extract, make RDF, validate, store.

``build(paths, store)`` is the library call behind ``kgbuild build``: every input either lands in the
store as its own named graph or is reported as a failure (unreadable, or not conforming to the shapes),
and the other inputs go on. Nothing already in the store is touched except the graphs of the articles
built again, each replaced in one transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .articles import InputError, read_articles
from .extract import extract_facts
from .facts import Article, ArticleFacts
from .nlp import parse
from .rdf import ArticleGraph, to_rdf
from .store import Store
from .validate import Validation, infer, validate_graph


@dataclass(frozen=True)
class Failure:
    """An input that did not make it into the graph, and why (one line, naming the file)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


@dataclass(frozen=True)
class BuiltArticle:
    """An article that went through every stage."""

    facts: ArticleFacts
    graph: ArticleGraph
    validation: Validation


@dataclass
class BuildSummary:
    """What a build did: counts for the summary line and the failures to report."""

    built: int = 0
    statements: int = 0
    events: int = 0
    triples: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        return (
            f"built {plural(self.built, 'article')}, {self.failed} failed: "
            f"{plural(self.statements, 'statement')}, {plural(self.events, 'event')}, "
            f"{plural(self.triples, 'triple')}"
        )


def process(
    items: Iterable[Article | InputError],
    *,
    reason: bool = False,
    actor_tables: tuple[Path, ...] = (),
    on_failure: Callable[[Failure], None],
) -> Iterator[BuiltArticle]:
    """Articles through spaCy, the rules, RDF and SHACL; input errors and violations go to ``on_failure``."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                on_failure(Failure(item.path if item.line is None else f"{item.path}:{item.line}", item.message))
            else:
                yield item

    pending: list[Article] = []

    def texts() -> Iterator[str]:
        for article in articles():
            pending.append(article)
            yield article.text

    for doc in parse(texts()):
        article = pending.pop(0)
        source = article.source or article.id
        try:
            facts = extract_facts(article, doc, actor_tables=actor_tables)
            graph = to_rdf(facts)
            if reason:
                for triple in infer(graph.graph):
                    graph.graph.add(triple)
            validation = validate_graph(graph.graph)
        except Exception as error:  # a bug in one article's rules must not stop the others
            on_failure(Failure(source, f"internal error while extracting ({type(error).__name__}: {error})"))
            continue
        if not validation.conforms:
            first = validation.violations[0] if validation.violations else "see 'kgbuild validate'"
            count = len(validation.violations)
            on_failure(Failure(source, f"graph does not conform to the shapes ({count} violation(s); first: {first})"))
            continue
        yield BuiltArticle(facts, graph, validation)


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    published: datetime.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    reason: bool = False,
    actor_tables: tuple[Path, ...] = (),
    on_failure: Callable[[Failure], None] | None = None,
    on_article: Callable[[BuiltArticle], None] | None = None,
) -> BuildSummary:
    """Build every article under ``paths`` into ``store``; failures are collected, never raised."""
    summary = BuildSummary()

    def failed(failure: Failure) -> None:
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    items = read_articles(paths, published=published, url=url, publisher=publisher)
    for built in process(items, reason=reason, actor_tables=actor_tables, on_failure=failed):
        summary.triples += store.replace_article(built.graph)
        summary.built += 1
        summary.statements += len(built.facts.statements)
        summary.events += len(built.facts.events)
        if on_article:
            on_article(built)
    return summary
