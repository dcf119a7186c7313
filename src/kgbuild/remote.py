"""A store on any SPARQL 1.1 server: Oxigraph server, Apache Jena Fuseki, GraphDB, Virtuoso, QLever...

Reads go through the SPARQL 1.1 Protocol (POST, form-encoded), results streamed into ``pyoxigraph``'s
results parser; an article's graph is read with a CONSTRUCT, streamed too. Writes put each article's
named graph with the Graph Store Protocol (HTTP PUT ``?graph=IRI``: replace, so a rebuild leaves no
duplicates), or, for a server without one, with a SPARQL Update (``DROP SILENT GRAPH`` then
``INSERT DATA``). Transient failures (connection errors, timeouts, HTTP 5xx and 429) are retried a
bounded number of times with exponential backoff; any other refusal is a ``StoreError`` naming the URL,
the status and the server's first line.

Credentials come from the environment only, never from the command line: ``KGBUILD_SPARQL_TOKEN``
(sent as ``Authorization: Bearer``), or ``KGBUILD_SPARQL_USER`` and ``KGBUILD_SPARQL_PASSWORD`` (HTTP
basic).

Canned queries read parameters as ``param:NAME()`` calls, which a remote server does not know: they
are bound with ``kgbuild.store.bind_parameters``, as in the embedded store.

The default graph: kgbuild's queries read the union of the article graphs. Oxigraph server
(``--union-default-graph``), GraphDB, Virtuoso and QLever can serve that union as the default graph;
Fuseki (TDB2 ``unionDefaultGraph``) can be configured to. ``default_graph="graphs"`` names every article
graph instead (``default-graph-uri`` and ``named-graph-uri``, the Protocol's dataset description):
right on any server, costlier on big stores. ``"auto"`` (the default) asks the server once which of the
two it needs.
"""

from __future__ import annotations

import base64
import os
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass

import pyoxigraph as ox

from .store import (  # noqa: F401 - bind_parameters is part of this API (tests and benchmarks import it here)
    KG_PREFIXES,
    BaseStore,
    GraphPayload,
    QueryResult,
    StoreError,
    bind_parameters,
    sparql_term,
)

ENV_TOKEN = "KGBUILD_SPARQL_TOKEN"
ENV_USER = "KGBUILD_SPARQL_USER"
ENV_PASSWORD = "KGBUILD_SPARQL_PASSWORD"
ENV_RETRIES = "KGBUILD_SPARQL_RETRIES"
ENV_TIMEOUT = "KGBUILD_SPARQL_TIMEOUT"
DEFAULT_GRAPH_MODES = ("auto", "union", "graphs")

RESULTS_ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8"
)
RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
TRANSIENT_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "kgbuild"


class RemoteQueryError(StoreError):
    """The server refused a query as malformed or unsupported (HTTP 400)."""


@dataclass(frozen=True)
class Endpoints:
    """The URLs of one server: SPARQL query, SPARQL update (optional) and Graph Store (optional)."""

    query: str
    update: str | None = None
    gsp: str | None = None

    @classmethod
    def of(cls, query: str, update: str | None = None, gsp: str | None = None) -> Endpoints:
        """Check the URLs; a query URL ending in ``/query`` (Oxigraph, Fuseki) gives ``/update`` and
        ``/store`` beside it when they are not given (Fuseki's Graph Store is ``/data``: give it)."""
        for url in (query, update, gsp):
            if url is not None:
                _check_url(url)
        base, _, last = query.rstrip("/").rpartition("/")
        if last == "query":
            update = update or f"{base}/update"
            gsp = gsp or f"{base}/store"
        return cls(query, update, gsp)


def _check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise StoreError(f"{url}: not an http(s) URL")
    if "@" in parts.netloc:
        raise StoreError(
            f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[1]}{parts.path}: credentials do not go in the URL; "
            f"set {ENV_USER} and {ENV_PASSWORD} (or {ENV_TOKEN}) in the environment"
        )


def auth_header(environ: Mapping[str, str] | None = None) -> str | None:
    """The Authorization header from the environment: a bearer token, or basic user and password."""
    environ = os.environ if environ is None else environ
    token = environ.get(ENV_TOKEN)
    if token:
        return f"Bearer {token}"
    user = environ.get(ENV_USER)
    if user:
        secret = f"{user}:{environ.get(ENV_PASSWORD, '')}".encode()
        return "Basic " + base64.b64encode(secret).decode("ascii")
    return None


# ------------------------------------------------------------------------------------------------
# HTTP


class _Response:
    """An HTTP response being read (a file-like object) with its status and media type."""

    def __init__(self, raw):
        self.raw = raw
        self.status = raw.status
        self.media_type = (raw.headers.get("Content-Type") or "").split(";")[0].strip().lower()

    def read(self, *args):
        return self.raw.read(*args)

    def close(self) -> None:
        self.raw.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class HttpClient:
    """urllib with retries: bounded, exponential backoff, on connection errors, timeouts, 5xx and 429."""

    def __init__(
        self,
        *,
        retries: int | None = None,
        timeout: float | None = None,
        backoff: float = 0.5,
        max_delay: float = 8.0,
        sleep: Callable[[float], None] = time.sleep,
        environ: Mapping[str, str] | None = None,
    ):
        environ = os.environ if environ is None else environ
        self.retries = int(environ.get(ENV_RETRIES, 4)) if retries is None else retries
        self.timeout = float(environ.get(ENV_TIMEOUT, 300)) if timeout is None else timeout
        self.backoff = backoff
        self.max_delay = max_delay
        self.sleep = sleep
        self.authorization = auth_header(environ)

    def request(
        self,
        method: str,
        url: str,
        *,
        data: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        accept_statuses: Iterable[int] = (),
    ) -> _Response:
        """Send a request; a 2xx or an accepted status gives the open response, anything else raises."""
        headers = {"User-Agent": USER_AGENT, **(headers or {})}
        if self.authorization:
            headers["Authorization"] = self.authorization
        accepted = set(accept_statuses)
        attempt = 0
        while True:
            request = urllib.request.Request(url, data=data, headers=headers, method=method)
            try:
                return _Response(urllib.request.urlopen(request, timeout=self.timeout))  # noqa: S310 - http(s) checked
            except urllib.error.HTTPError as error:
                if error.code in accepted:
                    return _Response(error)
                detail = _first_line(error)
                if error.code in TRANSIENT_STATUSES and attempt < self.retries:
                    attempt += 1
                    self.sleep(self._delay(attempt, error.headers.get("Retry-After")))
                    continue
                tries = f" after {attempt + 1} tries" if attempt else ""
                message = f"{method} {_clean(url)}: HTTP {error.code} {error.reason}{tries}" + (f": {detail}" if detail else "")
                if error.code == 400:
                    raise RemoteQueryError(message) from None
                if error.code in (401, 403):
                    message += f" (credentials come from {ENV_TOKEN}, or {ENV_USER} and {ENV_PASSWORD})"
                raise StoreError(message) from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, OSError) as error:
                if attempt < self.retries:
                    attempt += 1
                    self.sleep(self._delay(attempt, None))
                    continue
                reason = getattr(error, "reason", error)
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise StoreError(f"{method} {_clean(url)}: cannot reach the server{tries} ({reason})") from None

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after and retry_after.strip().isdigit():
            return min(float(retry_after.strip()), 4 * self.max_delay)
        return min(self.backoff * 2 ** (attempt - 1), self.max_delay)


def _first_line(error: urllib.error.HTTPError) -> str:
    try:
        body = error.read(2000).decode("utf-8", "replace").strip()
    except Exception:  # noqa: BLE001 - the body is only a courtesy
        return ""
    return body.splitlines()[0][:300] if body else ""


def _clean(url: str) -> str:
    """A URL for messages: without its query string (which may hold a whole SPARQL query)."""
    return url.split("?", 1)[0]


# ------------------------------------------------------------------------------------------------
# The store


class RemoteStore(BaseStore):
    """Article graphs on a SPARQL 1.1 server. Nothing is sent until the first read or write."""

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        default_graph: str = "auto",
        client: HttpClient | None = None,
    ):
        if default_graph not in DEFAULT_GRAPH_MODES:
            raise StoreError(f"default graph {default_graph!r}: expected one of {', '.join(DEFAULT_GRAPH_MODES)}")
        self.endpoints = Endpoints.of(endpoint, update_endpoint, gsp_endpoint)
        self.location = endpoint
        self.default_graph = default_graph
        self.client = client or HttpClient()

    # --- reading -------------------------------------------------------------------------------

    def query(self, sparql, parameters=None, *, custom_functions=None) -> QueryResult:
        if custom_functions:
            raise StoreError(f"{self.location}: a SPARQL server cannot run Python extension functions")
        try:
            text = bind_parameters(sparql, parameters or {})
        except ValueError as error:
            raise StoreError(f"cannot bind a query parameter: {error}") from None
        dataset: list[tuple[str, str]] = []
        if self._default_graph_mode() == "graphs":
            graphs = self.article_graphs()
            dataset = [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
        return self._select(text, dataset)

    def _select(self, sparql: str, dataset: list[tuple[str, str]] | None = None) -> QueryResult:
        try:
            response = self._query(sparql, RESULTS_ACCEPT, dataset)
        except RemoteQueryError as error:  # the server could not parse or run it: the query's fault
            raise SyntaxError(str(error)) from None
        with response:
            results = self._parse_results(response)
            if not isinstance(results, ox.QuerySolutions):
                raise StoreError(f"{self.location}: expected SELECT results, got a boolean")
            columns = [v.value for v in results.variables]
            try:
                rows = [[solution[c] for c in columns] for solution in results]
            except (SyntaxError, OSError) as error:
                raise StoreError(f"{self.location}: cannot read the results ({error})") from None
        return QueryResult(columns, rows)

    def _ask(self, sparql: str) -> bool:
        with self._query(sparql, RESULTS_ACCEPT) as response:
            return bool(self._parse_results(response))

    def _query(self, sparql: str, accept: str, dataset: list[tuple[str, str]] | None = None) -> _Response:
        body = urllib.parse.urlencode([("query", sparql), *(dataset or [])]).encode("utf-8")
        return self.client.request(
            "POST",
            self.endpoints.query,
            data=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
        )

    def _parse_results(self, response: _Response):
        results_format = ox.QueryResultsFormat.from_media_type(response.media_type) or ox.QueryResultsFormat.JSON
        try:
            return ox.parse_query_results(response, format=results_format)
        except (SyntaxError, ValueError, OSError) as error:
            raise StoreError(f"{self.location}: cannot read the results ({error})") from None

    def _default_graph_mode(self) -> str:
        if self.default_graph != "auto":
            return self.default_graph
        in_named = self._ask(KG_PREFIXES + "ASK { GRAPH ?g { ?article a kg:Article } }")
        if not in_named:
            return "union"  # nothing to tell by yet: ask again next time
        in_default = self._ask(KG_PREFIXES + "ASK { ?article a kg:Article }")
        self.default_graph = "union" if in_default else "graphs"
        return self.default_graph

    def graph_triples(self, graph_iri: str) -> Iterator[ox.Triple]:
        """One graph, read with a CONSTRUCT through the SPARQL Protocol (works without a Graph Store)."""
        sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {sparql_term(ox.NamedNode(graph_iri))} {{ ?s ?p ?o }} }}"
        with self._query(sparql, RDF_ACCEPT) as response:
            rdf_format = ox.RdfFormat.from_media_type(response.media_type) or ox.RdfFormat.N_TRIPLES
            try:
                for item in ox.parse(response, format=rdf_format):
                    yield item.triple if isinstance(item, ox.Quad) else item
            except (SyntaxError, OSError) as error:
                raise StoreError(f"{self.location}: cannot read graph <{graph_iri}> ({error})") from None

    # --- writing -------------------------------------------------------------------------------

    def put_graphs(self, payloads: Iterable[GraphPayload]) -> int:
        """Each article's graph in one request: a Graph Store PUT (replace), or a SPARQL Update."""
        written = 0
        for payload in payloads:
            if self.endpoints.gsp:
                self.client.request(
                    "PUT",
                    self._graph_url(payload.graph_iri),
                    data=payload.ntriples,
                    headers={"Content-Type": "application/n-triples"},
                )
            else:
                graph = sparql_term(ox.NamedNode(payload.graph_iri))
                update = f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n".encode() + payload.ntriples + b"\n} }"
                self._update(update)
            written += payload.triples
        return written

    def remove_article(self, graph_iri: str) -> bool:
        if self.endpoints.gsp:
            with self.client.request("DELETE", self._graph_url(graph_iri), accept_statuses=(404,)) as response:
                return response.status != 404
        graph = sparql_term(ox.NamedNode(graph_iri))
        if not self._ask(f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"):
            return False
        self._update(f"DROP GRAPH {graph}".encode())
        return True

    def _update(self, update: bytes) -> None:
        if not self.endpoints.update:
            raise StoreError(
                f"{self.location}: writing needs the server's Graph Store or update URL (--gsp-endpoint or --update-endpoint)"
            )
        body = b"update=" + urllib.parse.quote_from_bytes(update, safe="").encode("ascii")
        self.client.request(
            "POST", self.endpoints.update, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
        ).close()

    def _graph_url(self, graph_iri: str) -> str:
        separator = "&" if "?" in self.endpoints.gsp else "?"
        return f"{self.endpoints.gsp}{separator}{urllib.parse.urlencode({'graph': graph_iri})}"
