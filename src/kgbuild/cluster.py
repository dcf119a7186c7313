"""Extraction on a cluster engine (Dask): one article per task, each task writing its own graph to a
shared SPARQL server.

This is how kgbuild scales past one machine: the engine schedules the tasks on its workers (each
worker process loads the spaCy model once, on its first task); every task parses, extracts, makes the
RDF, validates it against the shapes and PUTs the article's named graph to the server with the Graph
Store Protocol; only a few counts travel back to the driver. Tasks are independent and a graph depends
on its article alone, so a failed task can be rerun, and the server ends up the same whatever the
number of workers or the order of the tasks.

``dask`` is optional (``pip install dask``): ``build_on_dask`` imports it when called. With no
``client``, Dask's local schedulers run the tasks (``scheduler="processes"``: one process per core);
with a ``dask.distributed`` client, the cluster does.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .articles import InputError, read_articles
from .build import ArticleResult, BuildSummary, ExtractOptions, _input_failure, extract_batch
from .facts import Article
from .remote import RemoteStore


@dataclass(frozen=True)
class ServerTarget:
    """Where tasks write: the server's URLs (credentials come from each worker's environment)."""

    endpoint: str
    update_endpoint: str | None = None
    gsp_endpoint: str | None = None

    def open(self) -> RemoteStore:
        return RemoteStore(self.endpoint, update_endpoint=self.update_endpoint, gsp_endpoint=self.gsp_endpoint)


def article_task(article: Article, target: ServerTarget, options: ExtractOptions = ExtractOptions()) -> ArticleResult:
    """One task: one article through every stage, its graph written to the server; returns the counts.

    The graph itself is not sent back (``payload`` is None in what the driver gets).
    """
    (result,) = extract_batch([article], options)
    if result.payload is not None:
        target.open().put_graphs([result.payload])
        result = replace(result, payload=None)
    return result


def build_on_dask(
    paths: Iterable[str | Path],
    target: ServerTarget,
    *,
    published: datetime.date | None = None,
    options: ExtractOptions = ExtractOptions(),
    scheduler: str = "processes",
    num_workers: int | None = None,
    client=None,
) -> BuildSummary:
    """Build every article under ``paths`` into the server, one Dask task per article."""
    import dask.bag

    summary = BuildSummary()
    articles = []
    for item in read_articles(paths, published=published):
        if isinstance(item, InputError):
            summary.failures.append(_input_failure(item))
        else:
            articles.append(item)
    if not articles:
        return summary
    bag = dask.bag.from_sequence(articles, partition_size=1).map(article_task, target, options)
    if client is not None:
        results = client.compute(bag).result()
    else:
        results = bag.compute(scheduler=scheduler, num_workers=num_workers)
    for result in results:
        if result.failure is not None:
            summary.failures.append(result.failure)
            continue
        summary.built += 1
        summary.statements += result.statements
        summary.events += result.events
        summary.triples += result.triples
    return summary

