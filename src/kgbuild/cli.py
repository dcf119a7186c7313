"""The ``kgbuild`` command: a thin layer over the library. Library errors become ``Error: ...`` here."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import click
import pyoxigraph as ox
from rdflib import Dataset, Graph
from tqdm import tqdm

from . import __version__
from .articles import parse_date, read_articles
from .build import BuiltArticle, Failure, build, process
from .queries import FORMATS, QueryError, available_queries, format_result, load_query, run_query
from .rdf import PREFIXES
from .store import Store, StoreError
from .validate import validate_graph

DEFAULT_STORE = "kg-store"
EXPORT_FORMATS = {"turtle": "turtle", "trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}
EXIT_INVALID = 1
EXIT_ERROR = 2

store_option = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_STORE,
    show_default=True,
    help="Folder of the embedded Oxigraph store.",
)


def fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


def open_store(path: Path, *, read_only: bool) -> Store:
    try:
        return Store(path, read_only=read_only)
    except StoreError as error:
        fail(str(error))


class DateType(click.ParamType):
    name = "DATE"

    def convert(self, value, param, ctx) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        try:
            return parse_date(value)
        except ValueError as error:
            self.fail(str(error), param, ctx)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kgbuild")
def main() -> None:
    """Turn news articles into a validated, queryable knowledge graph of actors, statements and events.

    \b
    Example:
      kgbuild build article.txt --published 2025-05-24
      kgbuild query who-said-what --format csv
    """


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--published", type=DateType(), help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option("--url", help="URL of the article, for a single file.")
@click.option("--publisher", help="Publisher's name, for inputs that give none.")
@click.option("--reason", is_flag=True, help="Add what OWL RL infers from the ontology before validating.")
@click.option(
    "--actors",
    "actor_tables",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra reference actors (TSV with the columns of the built-in table); repeatable.",
)
def build_command(paths, store_path, published, url, publisher, reason, actor_tables) -> None:
    """Build articles (.txt, .html, .json, .jsonl, or folders of them) into the store.

    Each article becomes one named graph, validated against the SHACL shapes before it is stored;
    building an article again replaces its graph. Exit code 0 only if every article was built.

    \b
    Example:
      kgbuild build ../shared/corpus/seed/prisoner-swap.txt --published 2025-05-24
      kgbuild build news/ --store my-store
    """
    if url and (len(paths) > 1 or any(p.is_dir() for p in paths)):
        fail("--url applies to a single file")
    store = open_store(store_path, read_only=False)
    with tqdm(desc="Building", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        def failed(failure: Failure) -> None:
            tqdm.write(f"Error: {failure}", file=sys.stderr)

        def built(article: BuiltArticle) -> None:
            bar.update(1)

        try:
            summary = build(
                paths,
                store,
                published=published,
                url=url,
                publisher=publisher,
                reason=reason,
                actor_tables=tuple(actor_tables),
                on_failure=failed,
                on_article=built,
            )
        except StoreError as error:
            fail(str(error))
    click.echo(summary.line())
    if summary.failed:
        sys.exit(EXIT_INVALID)


@main.command("query")
@click.argument("name_or_file")
@store_option
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeatable.")
def query_command(name_or_file, store_path, output_format, params) -> None:
    """Run a canned query by name, or a SPARQL SELECT from a .rq file.

    Parameters are bound as RDF terms, never pasted into the query. 'kgbuild queries' lists the
    canned queries and their parameters.

    \b
    Example:
      kgbuild query who-said-what --param actor=Zelenskyy
      kgbuild query who-did-what --format csv --param type=Attack --param since=2025-05-20
    """
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            fail(f"--param {param!r}: expected NAME=VALUE")
        values[name.strip()] = value
    store = open_store(store_path, read_only=True)
    try:
        result = run_query(store, load_query(name_or_file), values)
    except QueryError as error:
        fail(str(error))
    click.echo(format_result(result, output_format), nl=False)


@main.command("queries")
def queries_command() -> None:
    """List the canned queries and their parameters.

    \b
    Example:
      kgbuild queries
    """
    for query in available_queries():
        click.echo(f"{query.name}: {query.description}")
        for parameter in query.parameters:
            click.echo(f"    --param {parameter.name}=... ({parameter.type}) {parameter.doc}")


@main.command("validate")
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@store_option
def validate_command(file, store_path) -> None:
    """Check every article graph in the store (or in a TriG/Turtle/N-Quads FILE) against the shapes.

    Exit code 0 if all conform, 1 if any does not (the violations are printed), 2 on error.

    \b
    Example:
      kgbuild validate
      kgbuild validate graph/prisoner-swap.trig
    """
    graphs = graphs_of_file(file) if file else graphs_of_store(store_path)
    invalid = 0
    for name, graph in graphs:
        validation = validate_graph(graph)
        if not validation.conforms:
            invalid += 1
            click.echo(f"{name}: does not conform ({len(validation.violations)} violation(s))")
            for violation in validation.violations:
                click.echo(f"  {violation}")
    count = len(graphs)
    click.echo(f"{count - invalid} of {count} graph{'s' if count != 1 else ''} conform")
    if invalid:
        sys.exit(EXIT_INVALID)


def graphs_of_store(store_path: Path) -> list[tuple[str, Graph]]:
    store = open_store(store_path, read_only=True)
    return [(iri, store.graph(iri)) for iri in store.article_graphs()]


def graphs_of_file(file: Path) -> list[tuple[str, Graph]]:
    """Each named graph of a dataset file, or the whole file when it has none."""
    rdf_format = {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}.get(file.suffix, "turtle")
    dataset = Dataset()
    try:
        dataset.parse(file, format=rdf_format)
    except Exception as error:  # rdflib raises many kinds of parse errors
        fail(f"{file}: cannot read RDF ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})")
    named = [(str(g.identifier), g) for g in dataset.graphs() if len(g) and str(g.identifier) != "urn:x-rdflib:default"]
    default = dataset.default_graph
    if len(default):
        named.append((str(file), default))
    return sorted(named, key=lambda pair: pair[0])


@main.command("export")
@click.option("--format", "export_format", type=click.Choice(list(EXPORT_FORMATS)), default="trig", show_default=True)
@store_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: standard output).")
def export_command(export_format, store_path, output) -> None:
    """Export the graph: TriG or N-Quads keep one named graph per article; Turtle and JSON-LD merge them.

    \b
    Example:
      kgbuild export --format trig -o graph.trig
      kgbuild export --format jsonld > graph.jsonld
    """
    store = open_store(store_path, read_only=True)
    data = export_store(store, export_format)
    write_output(data, output)


def export_store(store: Store, export_format: str) -> bytes:
    if export_format == "nquads":
        return store.dump(ox.RdfFormat.N_QUADS)
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.parse(data=store.dump(ox.RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
    if export_format == "trig":
        return dataset.serialize(format="trig").encode("utf-8")
    merged = Graph()
    for prefix, namespace in PREFIXES.items():
        merged.bind(prefix, namespace)
    for graph in dataset.graphs():
        merged += graph
    return merged.serialize(format=EXPORT_FORMATS[export_format]).encode("utf-8")


def write_output(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"{output}: cannot write ({error.strerror})")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=DateType(), help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="TriG file to write (default: standard output).")
def extract_command(paths, published, output) -> None:
    """Extract articles straight to TriG, without a store (each article validated, as in build).

    \b
    Example:
      kgbuild extract ../shared/corpus/seed/prisoner-swap.txt --published 2025-05-24 -o graph/prisoner-swap.trig
    """
    failures: list[Failure] = []

    def failed(failure: Failure) -> None:
        failures.append(failure)
        click.echo(f"Error: {failure}", err=True)

    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    for built in process(read_articles(paths, published=published), on_failure=failed):
        named = dataset.graph(built.graph.graph_iri)
        for triple in built.graph.graph:
            named.add(triple)
    write_output(dataset.serialize(format="trig").encode("utf-8"), output)
    if failures:
        sys.exit(EXIT_INVALID)


@main.group("eval")
def eval_group() -> None:
    """Measure extraction against public annotated news (PolNeAR, WikiEvents).

    \b
    Example:
      kgbuild eval polnear ../shared/eval/polnear/dev
    """


@eval_group.command("polnear")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--errors", type=click.Path(dir_okay=False, path_type=Path), help="Write misses and false alarms (JSONL) here.")
def eval_polnear_command(folder, errors) -> None:
    """Score who-said-what on a PolNeAR split folder (text/ and attributions/).

    Prints precision, recall and F1 of content spans (token overlap and exact) for all attributions
    and for direct quotes, and speaker accuracy on matched attributions with a named gold source.

    \b
    Example:
      kgbuild eval polnear ../shared/eval/polnear/dev --errors polnear-errors.jsonl
    """
    from .evaluation.runner import evaluate_polnear

    with tqdm(desc="Scoring", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        try:
            scores = evaluate_polnear(folder, errors=errors, progress=bar.update)
        except (OSError, ValueError) as error:
            fail(str(error))
    click.echo(scores.format())
