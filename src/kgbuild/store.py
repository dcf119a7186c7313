"""The store stage: validated article graphs in, SPARQL answers and exports out.

Two kinds of store speak the same interface, ``BaseStore``:

- ``EmbeddedStore`` (also exported as ``Store``, the default): an on-disk Oxigraph database
  (``pyoxigraph``) in a folder, or in memory;
- ``RemoteStore`` (``kgbuild.remote``): any SPARQL 1.1 server, read with the SPARQL 1.1 Protocol and
  written with the Graph Store Protocol.

Each article lives in its own named graph (``GRAPH_PREFIX`` + article id); writing an article replaces
that graph, so a rebuild leaves no duplicates. Queries see the union of the article graphs as their
default graph. Canned queries read their parameters as ``param:NAME()`` calls: every store replaces each
call with the escaped serialization of the RDF term it stands for (``bind_parameters``), so a value is
always data, never query syntax.

The store also records, in each article's graph, which kgbuild and which ontology version built it
(``kg:extractorVersion`` and ``kg:ontologyVersion`` of the article's ``kg:Extraction``): ``records()``
reads them back so that ``kgbuild build --rebuild-stale`` redoes only the articles built by another
version.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import __version__
from .rdf import ID, ArticleGraph, ntriples
from .vocab import ONTOLOGY_VERSION

try:  # POSIX advisory locks keep a build and a read-only 'kgbuild serve' off the same folder
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None

GRAPH_PREFIX = str(ID["graph/"])
PARAM_NAMESPACE = "https://w3id.org/kgbuild/param#"
EXTRACTOR_VERSION = f"kgbuild {__version__}"
LOCK_FILE = "kgbuild.lock"
FLUSH_EVERY = 250_000  # triples written between two flushes of a store being built (see put_graphs)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

Term = ox.NamedNode | ox.Literal | ox.BlankNode

KG_PREFIXES = """PREFIX kg: <https://w3id.org/kgbuild/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""

RECORDS_QUERY = (
    KG_PREFIXES
    + """SELECT ?g ?id ?extractor ?ontology WHERE {
  GRAPH ?g {
    ?article a kg:Article ; kg:articleId ?id .
    OPTIONAL {
      ?run a kg:Extraction ; prov:used ?article ; kg:extractorVersion ?extractor .
      OPTIONAL { ?run kg:ontologyVersion ?ontology }
    }
  }
}"""
)

ARTICLE_GRAPHS_QUERY = KG_PREFIXES + "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?article a kg:Article } }"

COUNT_QUERIES = {
    "actors": KG_PREFIXES
    + """SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES ?class { kg:Person kg:State kg:Organization }
  GRAPH ?g { ?x a ?class }
}""",
    "statements": KG_PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:Statement } }",
    "events": KG_PREFIXES + "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:Event } }",
}
GRAPH_SIZES_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


# ------------------------------------------------------------------------------------------------
# Parameters as serialized RDF terms

_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_LANGUAGE = re.compile(r"[a-zA-Z]+(-[a-zA-Z0-9]+)*")
_PN = r"[A-Za-z][\w.-]*"
_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\r\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
    | (?P<decl>(?i:PREFIX)\s+(?P<decl_prefix>"""
    + _PN
    + r""")?:\s*<(?P<decl_iri>[^<>"{}|^`\\\x00-\x20]*)>)
    | (?P<iri><(?P<iri_value>[^<>"{}|^`\\\x00-\x20]*)>)
    | (?P<pname>(?P<prefix>"""
    + _PN
    + r""")?:(?P<local>[\w.-]*))
    | (?P<var>[?$]\w+)
    | (?P<word>[A-Za-z_][\w-]*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_EMPTY_CALL = re.compile(r"\s*\(\s*\)")


def sparql_term(term: Term) -> str:
    """An RDF term as SPARQL/N-Triples text: IRIs checked, literals escaped; raises ValueError."""
    if isinstance(term, ox.NamedNode):
        if _IRI_FORBIDDEN.search(term.value):
            raise ValueError(f"{term.value!r} cannot be written as an IRI")
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        try:
            term.value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError(f"{term.value!r} is not valid Unicode text") from None
        text = '"' + escape_string(term.value) + '"'
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise ValueError(f"{term.language!r} is not a language tag")
            return f"{text}@{term.language}"
        if term.datatype.value != _XSD_STRING:
            return f"{text}^^{sparql_term(term.datatype)}"
        return text
    raise ValueError(f"{term!r} cannot be a query parameter (only IRIs and literals)")


def escape_string(value: str) -> str:
    """The body of a double-quoted SPARQL/N-Triples string: backslash, quote and line breaks escaped.

    Every backslash of the value is doubled, so no ``\\uXXXX`` of the value can be read as an escape.
    """
    return (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    )


def bind_parameters(sparql: str, parameters: Mapping[str, Term | None]) -> str:
    """The query with each ``param:NAME()`` call replaced by its term's serialization.

    A parameter given as None (left out) becomes a fresh variable that nothing binds, which is an error
    in an expression, exactly as an unbound extension function is: ``BIND`` leaves its variable
    unbound. Calls of parameters not in ``parameters`` are left as they are.
    """
    prefixes: dict[str, str] = {}
    out: list[str] = []
    position = 0
    length = len(sparql)
    while position < length:
        match = _TOKENS.match(sparql, position)
        kind = match.lastgroup
        end = match.end()
        name = None
        if kind == "decl":
            prefixes[match["decl_prefix"] or ""] = match["decl_iri"]
        elif kind == "pname" and (match["prefix"] or "") in prefixes:
            iri = prefixes[match["prefix"] or ""] + match["local"]
            if iri.startswith(PARAM_NAMESPACE):
                name = iri[len(PARAM_NAMESPACE) :]
        elif kind == "iri" and match["iri_value"].startswith(PARAM_NAMESPACE):
            name = match["iri_value"][len(PARAM_NAMESPACE) :]
        if name is not None and name in parameters:
            call = _EMPTY_CALL.match(sparql, end)
            if call:
                term = parameters[name]
                out.append(sparql_term(term) if term is not None else "?kgbuild_unbound_" + re.sub(r"\W", "_", name))
                position = call.end()
                continue
        out.append(sparql[position:end])
        position = end
    return "".join(out)



class StoreError(Exception):
    """The store cannot be opened, read or written (locked, not a store, server down, refused...)."""


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a SELECT; cells are RDF terms (``pyoxigraph``) or None when unbound."""

    columns: list[str]
    rows: list[list[ox.NamedNode | ox.Literal | ox.BlankNode | None]]


@dataclass(frozen=True)
class GraphPayload:
    """One article's graph ready for the store: its named graph and its triples as N-Triples bytes.

    This is what extraction workers hand back (cheap to pickle, and what the Graph Store Protocol sends).
    """

    article_id: str
    graph_iri: str
    ntriples: bytes
    triples: int

    @classmethod
    def of(cls, article: ArticleGraph) -> GraphPayload:
        return cls(article.article_id, str(article.graph_iri), ntriples(article.graph), len(article.graph))


@dataclass(frozen=True)
class BuildRecord:
    """Which kgbuild and ontology version built an article that is in the store."""

    graph_iri: str
    article_id: str
    extractor_version: str | None
    ontology_version: str | None

    @property
    def current(self) -> bool:
        """Built by this kgbuild with this ontology: a rebuild would give the same graph."""
        return self.extractor_version == EXTRACTOR_VERSION and self.ontology_version == ONTOLOGY_VERSION


@dataclass(frozen=True)
class StoreStats:
    """What ``kgbuild stats`` prints."""

    articles: int
    actors: int
    statements: int
    events: int
    triples: int

    def lines(self) -> list[str]:
        items = [("articles", self.articles), ("actors", self.actors), ("statements", self.statements),
                 ("events", self.events), ("triples", self.triples)]  # fmt: skip
        return [f"{name:<11}{value}" for name, value in items]


class BaseStore(ABC):
    """What every store does. ``location`` names it in messages (a folder or an endpoint URL)."""

    location: str

    # --- writing -------------------------------------------------------------------------------

    @abstractmethod
    def put_graphs(self, payloads: Iterable[GraphPayload]) -> int:
        """Store many article graphs, each replacing any earlier version; returns triples written."""

    def replace_article(self, article: ArticleGraph) -> int:
        """Put one article's graph in the store, replacing any earlier version; returns its triple count."""
        return self.put_graphs([GraphPayload.of(article)])

    @abstractmethod
    def remove_article(self, graph_iri: str) -> bool:
        """Drop an article's graph; False if it was not there."""

    # --- reading -------------------------------------------------------------------------------

    @abstractmethod
    def query(
        self,
        sparql: str,
        parameters: Mapping[str, Term | None] | None = None,
        *,
        custom_functions: dict | None = None,
    ) -> QueryResult:
        """Run a SELECT over the union of the article graphs; ``parameters`` bind ``param:NAME()`` calls."""

    @abstractmethod
    def graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        """The triples of one named graph, streamed."""

    @abstractmethod
    def _select(self, sparql: str) -> QueryResult:
        """Run one of the store's own SELECTs (they name graphs with GRAPH ?g, whatever the default graph)."""

    def graph(self, graph_iri: str) -> Graph:
        """One named graph as an rdflib Graph (for validation and export)."""
        graph = Graph()
        data = ox.serialize(self.graph_triples(graph_iri), format=ox.RdfFormat.N_TRIPLES)
        graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def article_graphs(self) -> list[str]:
        """IRIs of the article graphs, sorted."""
        rows = self._select(ARTICLE_GRAPHS_QUERY).rows
        return sorted({row[0].value for row in rows if row[0] is not None and row[0].value.startswith(GRAPH_PREFIX)})

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of every article graph, graph by graph (sorted by graph IRI), streamed."""
        for graph_iri in self.article_graphs():
            name = ox.NamedNode(graph_iri)
            for triple in self.graph_triples(graph_iri):
                yield ox.Quad(triple.subject, triple.predicate, triple.object, name)

    def records(self) -> dict[str, BuildRecord]:
        """The build record of every article in the store, by graph IRI."""
        records = {}
        for graph, article_id, extractor, ontology in self._select(RECORDS_QUERY).rows:
            if graph is None or not graph.value.startswith(GRAPH_PREFIX):
                continue
            records[graph.value] = BuildRecord(
                graph.value,
                article_id.value if article_id is not None else "",
                extractor.value if extractor is not None else None,
                ontology.value if ontology is not None else None,
            )
        return records

    def graph_sizes(self) -> dict[str, int]:
        """Triples per article graph."""
        return {
            g.value: int(n.value)
            for g, n in self._select(GRAPH_SIZES_QUERY).rows
            if g is not None and g.value.startswith(GRAPH_PREFIX)
        }

    def stats(self) -> StoreStats:
        """Counts of articles, actors, statements, events and triples (in article graphs)."""
        sizes = self.graph_sizes()
        counts = {name: int(self._select(query).rows[0][0].value) for name, query in COUNT_QUERIES.items()}
        return StoreStats(len(sizes), counts["actors"], counts["statements"], counts["events"], sum(sizes.values()))

    def triple_count(self) -> int:
        return sum(self.graph_sizes().values())

    def __len__(self) -> int:
        return self.triple_count()

    def close(self) -> None:
        """Release the store (files, locks, connections)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class EmbeddedStore(BaseStore):
    """An embedded Oxigraph store in ``path`` (created if missing); ``None`` keeps it in memory.

    Opened for writing, the folder is locked (``kgbuild.lock``, besides RocksDB's own lock): a second
    writer, or a read-only ``kgbuild serve`` of the folder, is refused with a clear error.
    """

    def __init__(self, path: Path | str | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.location = str(self.path) if self.path is not None else "(in memory)"
        self._lock = None
        self._compact_on_close = False  # set by a flush in the middle of put_graphs
        try:
            if self.path is None:
                self._store = ox.Store()
            elif read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here (build one with 'kgbuild build')")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self._lock = lock_folder(self.path, shared=False)
                self._store = ox.Store(str(self.path))
        except OSError as error:
            self.close()
            raise StoreError(f"{self.path}: cannot open the store ({_describe(error)})") from error

    # --- writing -------------------------------------------------------------------------------

    def replace_article(self, article: ArticleGraph) -> int:
        """One article, replaced in one transaction: a failure leaves the previous version in place."""
        graph = f"<{article.graph_iri}>"
        triples = ntriples(article.graph).decode("utf-8")
        try:
            self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{triples}\n}} }}")
        except OSError as error:
            raise StoreError(f"{self.location}: cannot write article {article.article_id!r} ({_describe(error)})") from error
        return len(article.graph)

    def put_graphs(self, payloads: Iterable[GraphPayload]) -> int:
        """Store each article in its own transaction, as it comes: crash-safe, at a small cost in speed.

        A crash (even ``kill -9``) leaves every article in the store whole or not at all, never half
        (``bulk_load`` is about twice as fast but writes as it goes, so a crash could leave half an
        article). An earlier version of the article is dropped first, in a transaction of its own: a crash
        in between leaves the article out, and building it again puts it back.

        Every ``FLUSH_EVERY`` triples the store is flushed: RocksDB's memory tables grow slower to write
        to as they grow, and the 840-article corpus held in them until the close took 870 MiB and a 6 s
        flush at the end (38 s of writes; flushed as it goes, 35 s, 350 MiB and 0.8 s). Such a store is
        compacted when it closes (see ``close``).
        """
        written = since_flush = 0
        for payload in payloads:
            name = ox.NamedNode(payload.graph_iri)
            try:
                if self._store.contains_named_graph(name):
                    self._store.remove_graph(name)
                self._store.load(payload.ntriples, format=ox.RdfFormat.N_TRIPLES, to_graph=name)
            except (OSError, SyntaxError) as error:
                raise StoreError(f"{self.location}: cannot write article {payload.article_id!r} ({_describe(error)})") from error
            written += payload.triples
            since_flush += payload.triples
            if since_flush >= FLUSH_EVERY:
                self.flush()
                self._compact_on_close = True
                since_flush = 0
        return written

    def remove_article(self, graph_iri: str) -> bool:
        node = ox.NamedNode(graph_iri)
        if not self._store.contains_named_graph(node):
            return False
        self._store.remove_graph(node)
        return True

    # --- reading -------------------------------------------------------------------------------

    def query(self, sparql, parameters=None, *, custom_functions=None) -> QueryResult:
        """Parameters are written into the query as escaped terms (``bind_parameters``), not bound as
        extension functions: Oxigraph's planner sees a constant and can look it up in an index or drop a
        branch that an unbound parameter rules out, where a function call is opaque to it."""
        text = bind_parameters(sparql, parameters or {})
        return self._run(text, use_default_graph_as_union=True, custom_functions=custom_functions)

    def _select(self, sparql: str) -> QueryResult:
        return self._run(sparql)

    def _run(self, sparql: str, **options) -> QueryResult:
        try:
            solutions = self._store.query(sparql, **options)
        except OSError as error:
            raise StoreError(f"{self.location}: cannot read the store ({_describe(error)})") from error
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("only SELECT queries can be run by name; use 'kgbuild export' for graphs")
        columns = [v.value for v in solutions.variables]
        return QueryResult(columns, [[solution[c] for c in columns] for solution in solutions])

    def graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        for quad in self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri)):
            yield quad.triple

    def graph(self, graph_iri: str) -> Graph:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph_iri))
        graph = Graph()
        graph.parse(data=data.decode("utf-8"), format="nt")
        return graph

    def article_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if g.value.startswith(GRAPH_PREFIX))

    def dump(self, rdf_format: ox.RdfFormat, output=None):
        """Everything, as TriG or N-Quads (one named graph per article); streamed to ``output`` if given."""
        if output is None:
            return self._store.dump(format=rdf_format)
        self._store.dump(output, format=rdf_format)
        return None

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph."""
        for graph_iri in self.article_graphs():
            yield from self._store.quads_for_pattern(None, None, None, ox.NamedNode(graph_iri))

    def __len__(self) -> int:
        return len(self._store)

    def flush(self) -> None:
        """Write what is still only in RocksDB's write-ahead log to the store's files (a store opened for
        writing; otherwise nothing to do)."""
        if self.path is not None and self._lock is not None:
            try:
                self._store.flush()
            except OSError as error:
                raise StoreError(f"{self.location}: cannot write the store ({_describe(error)})") from error

    def close(self) -> None:
        """Flush, then release the store and its lock (the Python object may live on, unusable).

        Without the flush a build's writes stay in RocksDB's write-ahead log, replayed on every later
        open: after the 840-article corpus, 819 MiB of log and 34 s before the first query could run.
        A store flushed in the middle of ``put_graphs`` holds each index in several sorted runs, one per
        flush, which made the corpus's queries a third slower: it is compacted (4 s for that corpus).
        The flushed log files are only deleted by an open (a column family Oxigraph does not flush holds
        them until then), so the folder is opened once more, for 0.1 s, to leave no log behind."""
        try:
            if getattr(self, "_store", None) is not None and self._lock is not None:
                self.flush()
                if self._compact_on_close:
                    try:
                        self._store.optimize()
                    except OSError as error:
                        raise StoreError(f"{self.location}: cannot compact the store ({_describe(error)})") from error
                self._store = None
                try:
                    ox.Store(str(self.path))
                except OSError:
                    pass  # still open elsewhere in this process: the logs go at the next open instead
        finally:
            self._store = None
            if self._lock is not None:
                self._lock.close()
                self._lock = None

    def __del__(self):
        if getattr(self, "_lock", None) is not None:
            self._lock.close()


Store = EmbeddedStore  # the name the rest of kgbuild has always used for the embedded store


def lock_folder(path: Path, *, shared: bool):
    """Take kgbuild's advisory lock on a store folder: exclusive to write, shared to serve read-only.

    Returns the open lock file (closing it releases the lock), or raises ``StoreError`` naming who is
    likely holding it.
    """
    path.mkdir(parents=True, exist_ok=True)
    handle = open(path / LOCK_FILE, "a+")  # noqa: SIM115 - kept open as long as the lock is held
    if fcntl is None:
        return handle
    try:
        fcntl.flock(handle, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        if shared:
            raise StoreError(f"{path}: the store is being written by another process (a build?); try again when it is done") from None
        raise StoreError(
            f"{path}: the store is in use by another process (a build, or 'kgbuild serve': "
            "write through its endpoint with --endpoint, or stop it)"
        ) from None
    return handle


def _describe(error: Exception) -> str:
    text = str(error).strip()
    first = text.splitlines()[0] if text else type(error).__name__
    if "lock" in first.lower():
        return f"it is in use by another process: {first}"
    return first
