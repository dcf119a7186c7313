"""The whole path for a set of inputs: read, parse, extract, make RDF, validate, store.

``build(paths, store)`` is the library call behind ``kgbuild build``: every input either lands in the
store as its own named graph or is reported as a failure (unreadable, or not conforming to the shapes),
and the other inputs go on. Nothing already in the store is touched except the graphs of the articles
built again, each replaced.

Throughput: articles go through spaCy, the rules, RDF and SHACL in batches (``nlp.pipe``), in
``workers`` processes that each load the model once; the main process only reads inputs and writes
finished graphs to the store, each article in one transaction (a crash leaves it whole or out, never
half). At most ``2 * workers`` batches are in flight, so memory stays flat however many articles there are.
Results come back in input order and every graph depends on its input alone, so the store ends the same
whatever the number of workers.
"""

from __future__ import annotations

import datetime
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from .articles import DEFAULT_MAX_ARTICLE_SIZE, InputError, read_articles
from .extract import extract_facts
from .facts import Article, ArticleFacts
from .nlp import load_pipeline, parse
from .rdf import ArticleGraph, graph_iri, to_rdf
from .store import BaseStore, GraphPayload
from .validate import Validation, infer, ontology, shapes, validate_graph
from . import sparqlcache

BATCH_SIZE = 8  # articles per nlp.pipe call and per task sent to a worker


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


@dataclass(frozen=True)
class ArticleResult:
    """What extraction hands back for one input: a graph ready for the store, or why there is none.

    Small and picklable: this is what a worker process sends to the one that writes the store.
    """

    source: str
    payload: GraphPayload | None = None
    statements: int = 0
    events: int = 0
    triples: int = 0
    failure: Failure | None = None


@dataclass(frozen=True)
class ExtractOptions:
    """Everything besides the article that decides its graph."""

    reason: bool = False
    actor_tables: tuple[Path, ...] = ()


@dataclass
class BuildSummary:
    """What a build did: counts for the summary line and the failures to report."""

    built: int = 0
    statements: int = 0
    events: int = 0
    triples: int = 0
    up_to_date: int | None = None  # articles skipped by --rebuild-stale (None: not asked)
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        def plural(n: int, word: str) -> str:
            return f"{n} {word}{'' if n == 1 else 's'}"

        skipped = f", {self.up_to_date} up to date" if self.up_to_date is not None else ""
        return (
            f"built {plural(self.built, 'article')}, {self.failed} failed{skipped}: "
            f"{plural(self.statements, 'statement')}, {plural(self.events, 'event')}, "
            f"{plural(self.triples, 'triple')}"
        )


def _input_failure(item: InputError) -> Failure:
    return Failure(item.path if item.line is None else f"{item.path}:{item.line}", item.message)


def process(
    items: Iterable[Article | InputError],
    *,
    reason: bool = False,
    actor_tables: tuple[Path, ...] = (),
    on_failure: Callable[[Failure], None],
) -> Iterator[BuiltArticle]:
    """Articles through spaCy, the rules, RDF and SHACL; input errors and violations go to ``on_failure``."""
    sparqlcache.install()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                on_failure(_input_failure(item))
            else:
                yield item

    pending: deque[Article] = deque()

    def texts() -> Iterator[str]:
        for article in articles():
            pending.append(article)
            yield article.text

    for doc in parse(texts()):
        article = pending.popleft()
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


def extract_batch(articles: list[Article], options: ExtractOptions = ExtractOptions()) -> list[ArticleResult]:
    """One batch through every stage, in order; what a worker runs (and the main process, with one)."""
    results: list[ArticleResult] = []

    def failed(failure: Failure) -> None:
        results.append(ArticleResult(failure.source, failure=failure))

    for built in process(
        articles, reason=options.reason, actor_tables=options.actor_tables, on_failure=failed
    ):
        article = built.facts.article
        results.append(
            ArticleResult(
                article.source or article.id,
                GraphPayload.of(built.graph),
                statements=len(built.facts.statements),
                events=len(built.facts.events),
                triples=len(built.graph.graph),
            )
        )
    return results


def _start_worker(actor_tables: tuple[Path, ...]) -> None:
    """Once per worker process: the model, the shapes, the ontology and the actor table, loaded."""
    sparqlcache.install()
    load_pipeline()
    shapes()
    ontology()
    from .extract.reference import load_reference

    load_reference(actor_tables)


def extract_articles(
    articles: Iterable[Article],
    options: ExtractOptions = ExtractOptions(),
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[ArticleResult]:
    """Every article's result, in input order, from ``workers`` processes (1: this process).

    At most ``2 * workers`` batches are in flight at once, so neither the inputs nor the results pile up.
    """
    iterator = iter(articles)
    batches = iter(lambda: list(islice(iterator, batch_size)), [])
    if workers <= 1:
        for batch in batches:
            yield from extract_batch(batch, options)
        return
    context = multiprocessing.get_context("spawn")  # no fork of a process holding the store's threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(options.actor_tables,)) as pool:
        pending: deque = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(extract_batch, batch, options))
                while len(pending) >= 2 * workers:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BrokenProcessPool as error:
            raise BuildError(f"a worker process died ({error}); try fewer --workers") from None
        finally:
            for future in pending:
                future.cancel()


class BuildError(Exception):
    """The build itself cannot go on (not one article's problem): a worker died, the store failed."""


def build(
    paths: Iterable[str | Path],
    store: BaseStore,
    *,
    published: datetime.date | None = None,
    url: str | None = None,
    publisher: str | None = None,
    reason: bool = False,
    actor_tables: tuple[Path, ...] = (),
    workers: int = 1,
    rebuild_stale: bool = False,
    max_article_size: int = DEFAULT_MAX_ARTICLE_SIZE,
    on_failure: Callable[[Failure], None] | None = None,
    on_article: Callable[[ArticleResult], None] | None = None,
) -> BuildSummary:
    """Build every article under ``paths`` into ``store``; failures are collected, never raised.

    ``rebuild_stale`` skips the articles the store already holds as built by this kgbuild and this
    ontology version (``summary.up_to_date`` counts them); the others, stale or new, are built.
    A store that fails raises ``kgbuild.store.StoreError``; a worker that dies raises ``BuildError``.
    """
    summary = BuildSummary(up_to_date=0 if rebuild_stale else None)
    current = {g for g, record in store.records().items() if record.current} if rebuild_stale else set()

    def failed(failure: Failure) -> None:
        summary.failures.append(failure)
        if on_failure:
            on_failure(failure)

    def articles() -> Iterator[Article]:
        for item in read_articles(
            paths, published=published, url=url, publisher=publisher, max_article_size=max_article_size
        ):
            if isinstance(item, InputError):
                failed(_input_failure(item))
            elif str(graph_iri(item.id)) in current:
                summary.up_to_date += 1
            else:
                yield item

    def payloads() -> Iterator[GraphPayload]:
        options = ExtractOptions(reason=reason, actor_tables=tuple(actor_tables))
        for result in extract_articles(articles(), options, workers=workers):
            if result.failure is not None:
                failed(result.failure)
                continue
            summary.built += 1
            summary.statements += result.statements
            summary.events += result.events
            if on_article:
                on_article(result)
            yield result.payload

    summary.triples = store.put_graphs(payloads())
    return summary
