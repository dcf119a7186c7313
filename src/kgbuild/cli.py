"""The ``kgbuild`` command: a thin layer over the library. Library errors become ``Error: ...`` here."""

from __future__ import annotations

import contextlib
import datetime
import functools
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from rdflib import Dataset, Graph
from tqdm import tqdm

from . import __version__
from .articles import DEFAULT_MAX_ARTICLE_SIZE, InputWarning, parse_date, read_articles
from .build import ArticleResult, BuildError, Failure, build, process
from .export import FORMATS as EXPORT_FORMATS
from .export import export
from .extract.reference import TableError, load_reference
from .queries import FORMATS, QueryError, available_queries, format_result, load_query, run_query
from .rdf import PREFIXES, graph_iri
from .remote import DEFAULT_GRAPH_MODES, ENV_PASSWORD, ENV_TOKEN, ENV_USER, RemoteStore
from .serve import DEFAULT_MAX_RESULT_SIZE, DEFAULT_TIMEOUT, ENV_SERVE_TOKEN
from .store import BaseStore, EmbeddedStore, StoreError

DEFAULT_STORE = "kg-store"
EXIT_INVALID = 1
EXIT_ERROR = 2


def fail(message: str, code: int = EXIT_ERROR) -> None:
    click.echo(f"Error: {message}", err=True)
    sys.exit(code)


@dataclass(frozen=True)
class StoreTarget:
    """Which store a command works on: the embedded folder, or a SPARQL server when --endpoint is given."""

    path: Path
    endpoint: str | None = None
    update_endpoint: str | None = None
    gsp_endpoint: str | None = None
    default_graph: str = "auto"

    def open(self, *, read_only: bool) -> BaseStore:
        try:
            if self.endpoint:
                return RemoteStore(
                    self.endpoint,
                    update_endpoint=self.update_endpoint,
                    gsp_endpoint=self.gsp_endpoint,
                    default_graph=self.default_graph,
                )
            return EmbeddedStore(self.path, read_only=read_only)
        except StoreError as error:
            fail(str(error))


_STORE_OPTIONS = [
    click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False, path_type=Path),
        default=DEFAULT_STORE,
        show_default=True,
        help="Folder of the embedded Oxigraph store.",
    ),
    click.option(
        "--endpoint",
        envvar="KGBUILD_ENDPOINT",
        metavar="URL",
        help="Use a SPARQL 1.1 server instead of the embedded store: its query URL "
        "(e.g. http://127.0.0.1:7878/query). Credentials come from the environment: "
        f"{ENV_TOKEN}, or {ENV_USER} and {ENV_PASSWORD}. [env: KGBUILD_ENDPOINT]",
    ),
    click.option(
        "--update-endpoint",
        envvar="KGBUILD_UPDATE_ENDPOINT",
        metavar="URL",
        help="The server's SPARQL update URL (default: .../update beside a .../query endpoint).",
    ),
    click.option(
        "--gsp-endpoint",
        envvar="KGBUILD_GSP_ENDPOINT",
        metavar="URL",
        help="The server's Graph Store Protocol URL, used to write each article's graph "
        "(default: .../store beside a .../query endpoint, as on Oxigraph; Fuseki's is /DATASET/data).",
    ),
    click.option(
        "--default-graph",
        type=click.Choice(DEFAULT_GRAPH_MODES),
        default="auto",
        show_default=True,
        help="With --endpoint: 'union' if the server's default graph is the union of its named graphs, "
        "'graphs' to name every article graph in each query, 'auto' to ask the server.",
    ),
]


store_option = _STORE_OPTIONS[0]  # --store alone, for a command that works on the embedded store only


def open_store(path: Path, *, read_only: bool) -> BaseStore:
    """The embedded store in ``path`` (what commands with ``store_option`` open)."""
    return StoreTarget(path).open(read_only=read_only)


def store_options(command):
    """Add the store options to a command; it receives them as one ``target: StoreTarget``."""

    @functools.wraps(command)
    def wrapper(*args, store_path, endpoint, update_endpoint, gsp_endpoint, default_graph, **kwargs):
        target = StoreTarget(store_path, endpoint or None, update_endpoint or None, gsp_endpoint or None, default_graph)
        return command(*args, target=target, **kwargs)

    for option in reversed(_STORE_OPTIONS):
        wrapper = option(wrapper)
    return wrapper


@contextlib.contextmanager
def input_warnings_shown(echo=lambda line: click.echo(line, err=True)):
    """Show every ``InputWarning`` raised inside as one ``Warning: PATH: ...`` line, each time."""
    with warnings.catch_warnings():
        warnings.simplefilter("always", InputWarning)
        warnings.showwarning = lambda message, *args, **kwargs: echo(f"Warning: {message}")
        yield


max_article_size_option = click.option(
    "--max-article-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_ARTICLE_SIZE,
    show_default=True,
    metavar="CHARS",
    help="Longest article text to read; longer ones are refused (parsing takes roughly 3 GB of memory per million characters).",
)


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
@store_options
@click.option("--published", type=DateType(), help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option("--url", help="URL of the article, for a single file.")
@click.option("--publisher", help="Publisher's name, for inputs that give none.")
@click.option("--reason", is_flag=True, help="Add what OWL RL infers from the ontology before validating.")
@click.option(
    "--actors",
    "actor_tables",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Extra reference actors: TSV or CSV with the columns of src/kgbuild/data/actors.tsv, or Turtle "
    "(kg:Person/kg:State/kg:Organization/kg:Place with kg:wikidata or owl:sameAs wd:Q..., rdfs:label, kg:alias); "
    "repeatable.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes that parse and extract in parallel (each loads the model once).",
)
@click.option(
    "--rebuild-stale",
    is_flag=True,
    help="Skip the articles the store holds as built by this kgbuild and ontology version; build the rest.",
)
@max_article_size_option
def build_command(
    paths, target, published, url, publisher, reason, actor_tables, workers, rebuild_stale, max_article_size
) -> None:
    """Build articles (.txt, .html, .json, .jsonl, or folders of them) into the store.

    Each article becomes one named graph, validated against the SHACL shapes before it is stored;
    building an article again replaces its graph. With --endpoint, each graph is written to the
    server with the Graph Store Protocol. Exit code 0 only if every article was built.

    \b
    Example:
      kgbuild build ../shared/corpus/seed/prisoner-swap.txt --published 2025-05-24
      kgbuild build news/ --store my-store --workers 2
      kgbuild build news/ --rebuild-stale
      kgbuild build long-read.txt --max-article-size 300000
      kgbuild build news/ --endpoint http://127.0.0.1:7878/query
    """
    if url and (len(paths) > 1 or any(p.is_dir() for p in paths)):
        fail("--url applies to a single file")
    try:
        load_reference(tuple(actor_tables))
    except TableError as error:
        fail(str(error))
    store = target.open(read_only=False)
    shown = input_warnings_shown(lambda line: tqdm.write(line, file=sys.stderr))
    with shown, tqdm(desc="Building", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        def failed(failure: Failure) -> None:
            tqdm.write(f"Error: {failure}", file=sys.stderr)

        def built(article: ArticleResult) -> None:
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
                workers=workers,
                rebuild_stale=rebuild_stale,
                max_article_size=max_article_size,
                on_failure=failed,
                on_article=built,
            )
        except (StoreError, BuildError) as error:
            fail(str(error))
        finally:
            store.close()
    click.echo(summary.line())
    if summary.failed:
        sys.exit(EXIT_INVALID)


@main.command("query")
@click.argument("name_or_file")
@store_options
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="A query parameter; repeatable.")
def query_command(name_or_file, target, output_format, params) -> None:
    """Run a canned query by name, or a SPARQL SELECT from a .rq file.

    Parameters are bound as RDF terms, never pasted into the query. 'kgbuild queries' lists the
    canned queries and their parameters.

    \b
    Example:
      kgbuild query who-said-what --param actor=Zelenskyy
      kgbuild query who-did-what --format csv --param type=Attack --param since=2025-05-20
      kgbuild query who-said-what --endpoint http://127.0.0.1:7878/query
    """
    values = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name:
            fail(f"--param {param!r}: expected NAME=VALUE")
        values[name.strip()] = value
    store = target.open(read_only=True)
    try:
        result = run_query(store, load_query(name_or_file), values)
    except (QueryError, StoreError) as error:
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
@store_options
def validate_command(file, target) -> None:
    """Check every article graph in the store (or in a TriG/Turtle/N-Quads FILE) against the shapes.

    Exit code 0 if all conform, 1 if any does not (the violations are printed), 2 on error.

    \b
    Example:
      kgbuild validate
      kgbuild validate graph/prisoner-swap.trig
      kgbuild validate --endpoint http://127.0.0.1:7878/query
    """
    from . import sparqlcache
    from .validate import validate_graph

    sparqlcache.install()
    graphs = graphs_of_file(file) if file else graphs_of_store(target)
    invalid = count = 0
    try:
        for name, graph in graphs:  # one graph at a time: memory does not grow with the store
            count += 1
            validation = validate_graph(graph)
            if not validation.conforms:
                invalid += 1
                click.echo(f"{name}: does not conform ({len(validation.violations)} violation(s))")
                for violation in validation.violations:
                    click.echo(f"  {violation}")
    except StoreError as error:
        fail(str(error))
    click.echo(f"{count - invalid} of {count} graph{'s' if count != 1 else ''} conform")
    if invalid:
        sys.exit(EXIT_INVALID)


def graphs_of_store(target: StoreTarget) -> Iterator[tuple[str, Graph]]:
    store = target.open(read_only=True)
    for iri in store.article_graphs():
        yield iri, store.graph(iri)


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
@store_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: standard output).")
@click.option("--create-items", is_flag=True, help="quickstatements/wikibase: also create items for people without a Wikidata QID.")
def export_command(export_format, target, output, create_items) -> None:
    """Export the graph: TriG or N-Quads keep one named graph per article; Turtle and JSON-LD merge them;
    quickstatements (QuickStatements v1) and wikibase (Wikibase RDF) hold claims ready for Wikidata.

    TriG and N-Quads are written graph by graph, so they stream from a store of any size. The Wikidata formats
    export direct quotes (P1683) and positions held (P39) of actors with a QID, each referenced by its article
    (URL S854, publication date S577, retrieved today S813); --create-items adds the people without one.

    \b
    Example:
      kgbuild export --format trig -o graph.trig
      kgbuild export --format jsonld > graph.jsonld
      kgbuild export --format nquads --endpoint http://127.0.0.1:7878/query -o all.nq
      kgbuild export --format quickstatements -o claims.qs
    """
    store = target.open(read_only=True)
    options = {"create_items": create_items}
    try:
        if output is None:
            export(store, export_format, sys.stdout.buffer, **options)
            sys.stdout.buffer.flush()
            return
        try:
            with output.open("wb") as stream:
                export(store, export_format, stream, **options)
        except OSError as error:
            fail(f"{output}: cannot write ({error.strerror})")
    except StoreError as error:
        fail(str(error))


def write_output(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        fail(f"{output}: cannot write ({error.strerror})")


@main.command("viz")
@store_options
@click.option("--view", type=click.Choice(["network", "bipartite", "timeline"]), default="network", show_default=True,
              help="Actor network, actor-event bipartite graph, or timeline of statements and events.")
@click.option("--format", "output_format", type=click.Choice(["html", "graphml", "gexf", "png", "svg"]),
              default="html", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: kg-VIEW.FORMAT).")
@click.option("--actor", help="Only this actor (label, alias or QID) and its neighbourhood.")
@click.option("--depth", type=click.IntRange(0), default=1, show_default=True, help="Steps from --actor to keep.")
@click.option("--article", help="Only this article id.")
@click.option("--since", type=DateType(), help="Only statements and events on or after this day.")
@click.option("--until", type=DateType(), help="Only statements and events on or before this day.")
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only these fact types: an event type (Attack, PrisonerExchange...) or Statement; repeatable.")
@click.option("--all-actors", is_flag=True, help="Keep the actors of the network that no line links.")
def viz_command(target, view, output_format, output, actor, depth, article, since, until, types, all_actors) -> None:
    """Draw the graph: actor network, actor-event graph or timeline, as HTML, GraphML, GEXF, PNG or SVG.

    The HTML page works offline: hover over an actor or a line to see quotes and events with their
    article and date, click an actor for all its statements and events, search by name.

    \b
    Example:
      kgbuild viz -o network.html
      kgbuild viz --format gexf -o network.gexf
      kgbuild viz --view timeline --format png --actor Zelenskyy --depth 2
    """
    from .viz import Filters, VizError, describe, project, write

    filters = Filters(actor=actor, depth=depth, article=article, since=since, until=until, types=tuple(types),
                      include_isolated=all_actors)
    output = output or Path(f"kg-{view}.{output_format}")
    store = target.open(read_only=True)
    try:
        graph = project(store, view, filters)
        write(graph, output_format, output)
    except (VizError, StoreError) as error:
        fail(str(error))
    click.echo(f"wrote {output}: {describe(graph)}")


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=DateType(), help="Publication date (YYYY-MM-DD) for inputs that give none.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="TriG file to write (default: standard output).")
@max_article_size_option
def extract_command(paths, published, output, max_article_size) -> None:
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
    with input_warnings_shown():
        articles = read_articles(paths, published=published, max_article_size=max_article_size)
        for built in process(articles, on_failure=failed):
            named = dataset.graph(built.graph.graph_iri)
            for triple in built.graph.graph:
                named.add(triple)
    write_output(dataset.serialize(format="trig").encode("utf-8"), output)
    if failures:
        sys.exit(EXIT_INVALID)


@main.command("remove")
@click.argument("article_ids", nargs=-1, required=True)
@store_options
def remove_command(article_ids, target) -> None:
    """Remove articles (by article id) from the store: their named graphs are dropped.

    Exit code 1 if any id is not in the store (the others are removed).

    \b
    Example:
      kgbuild remove prisoner-swap
      kgbuild remove a1 a2 --endpoint http://127.0.0.1:7878/query
    """
    store = target.open(read_only=False)
    removed = missing = 0
    try:
        for article_id in article_ids:
            if store.remove_article(str(graph_iri(article_id))):
                removed += 1
            else:
                missing += 1
                click.echo(f"Error: no article {article_id!r} in the store", err=True)
    except StoreError as error:
        fail(str(error))
    finally:
        store.close()
    click.echo(f"removed {removed} article{'' if removed == 1 else 's'}")
    if missing:
        sys.exit(EXIT_INVALID)


@main.command("stats")
@store_options
def stats_command(target) -> None:
    """Count the articles, actors, statements, events and triples in the store.

    \b
    Example:
      kgbuild stats
      kgbuild stats --endpoint http://127.0.0.1:7878/query
    """
    store = target.open(read_only=True)
    try:
        stats = store.stats()
    except StoreError as error:
        fail(str(error))
    for line in stats.lines():
        click.echo(line)


@main.command("serve")
@store_option
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (other than loopback: anyone who reaches it can query).")
@click.option("--writable", is_flag=True, help="Accept SPARQL updates and Graph Store writes (default: read-only).")
@click.option("--cors", is_flag=True, help="Allow cross-origin requests (for browser apps on other origins).")
@click.option("--timeout", type=click.IntRange(min=1), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Longest a query may run.")
@click.option("--max-result-size", type=click.IntRange(min=1), default=DEFAULT_MAX_RESULT_SIZE, show_default=True, metavar="BYTES",
              help="Largest response sent; a larger result is refused with HTTP 413.")
@click.option("--token", envvar=ENV_SERVE_TOKEN, metavar="TOKEN",
              help="With --writable: the token writes need (Authorization: Bearer TOKEN); default: a random one, "
              f"printed at start. [env: {ENV_SERVE_TOKEN}]")
def serve_command(store_path, port, host, writable, cors, timeout, max_result_size, token) -> None:
    """Serve the store as a SPARQL 1.1 endpoint, with a query UI (YASGUI) at the root URL.

    Queries see the union of the article graphs as the default graph, as 'kgbuild query' does.
    Read-only unless --writable; while a read-only server runs, 'kgbuild build' into the same
    folder is refused: serve it --writable and build with --endpoint instead. Writes need the
    token (Authorization: Bearer). Queries stop after --timeout; larger results than
    --max-result-size are refused.

    \b
    Example:
      kgbuild serve --store kg-store --port 7878 --timeout 10
      KGBUILD_SERVE_TOKEN=s3cret kgbuild serve --writable &
      KGBUILD_SPARQL_TOKEN=s3cret kgbuild build news/ --endpoint http://127.0.0.1:7878/query
    """
    from .serve import LOOPBACK, serve

    if host not in LOOPBACK:
        click.echo(f"Warning: listening on {host}: anyone who can reach it can query" + (" and change" if writable else "") + " the store", err=True)

    def ready(server) -> None:
        click.echo(server.banner(store_path))

    try:
        code = serve(store_path, host=host, port=port, writable=writable, cors=cors, timeout=timeout,
                     max_result_size=max_result_size, token=token, on_ready=ready)
    except StoreError as error:
        fail(str(error))
    sys.exit(code)


@main.group("eval")
def eval_group() -> None:
    """Measure extraction against public annotated news (PolNeAR, WikiEvents).

    \b
    Examples:
      kgbuild eval polnear ../shared/eval/polnear/dev
      kgbuild eval wikievents ../shared/eval/wikievents/dev.jsonl
    """


def print_scores(evaluate, corpus: Path, errors: Path | None) -> None:
    """Run one of the evaluation runners with a progress bar and print its scores."""
    with tqdm(desc="Scoring", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        try:
            scores = evaluate(corpus, errors=errors, progress=bar.update)
        except (OSError, ValueError) as error:
            fail(str(error))
    click.echo(scores.format())


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

    print_scores(evaluate_polnear, folder, errors)


@eval_group.command("wikievents")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", type=click.Path(dir_okay=False, path_type=Path), help="Write misses and false alarms (JSONL) here.")
def eval_wikievents_command(file, errors) -> None:
    """Score who-did-what on a WikiEvents split (dev.jsonl, with dev.coref.jsonlines beside it).

    kgbuild's event classes are mapped to KAIROS event types and roles by src/kgbuild/data/kairos_mapping.tsv;
    classes with no KAIROS type (Sanctions, Agreement, Accusation, Mobilization, Cooperation) are counted apart,
    not as false alarms. Prints precision, recall and F1 of triggers (identification and classification) and
    of arguments (an argument counts when it overlaps any mention of the gold entity's coreference cluster;
    also by head), overall and for the mapped types only, and checks the issue's targets (event precision
    >= 0.70, argument F1 >= 0.40).

    \b
    Example:
      kgbuild eval wikievents ../shared/eval/wikievents/dev.jsonl --errors wikievents-errors.jsonl
    """
    from .evaluation.runner import evaluate_wikievents

    print_scores(evaluate_wikievents, file, errors)
