"""The SPARQL-server client on its own: retries, clear errors, credentials, writes without a Graph Store."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from conftest import make_facts
from kgbuild.rdf import graph_iri, to_rdf
from kgbuild.remote import Endpoints, HttpClient, RemoteQueryError, RemoteStore, auth_header
from kgbuild.store import StoreError
from oxigraph_server import oxigraph, union_server  # noqa: F401 - fixtures

RESULTS = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "7"}}]}})


class Scripted(BaseHTTPRequestHandler):
    """Answers each request with the next (status, headers, body) of the server's script."""

    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(dict(self.headers))
        status, headers, body = self.server.script.pop(0) if self.server.script else (200, {}, RESULTS)
        self.send_response(status)
        self.send_header("Content-Type", headers.get("Content-Type", "application/sparql-results+json"))
        for name, value in headers.items():
            self.send_header(name, value)
        data = body.encode()
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def scripted():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    server.script, server.seen = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def store_on(server, sleeps, retries=3, environ=None) -> RemoteStore:
    client = HttpClient(retries=retries, sleep=sleeps.append, environ=environ or {})
    return RemoteStore(f"http://127.0.0.1:{server.server_address[1]}/query", default_graph="union", client=client)


def test_remote_transient_errors_are_retried_with_backoff(scripted):
    scripted.script = [(503, {}, "busy"), (502, {}, "bad gateway"), (500, {}, "oops")]
    sleeps: list[float] = []
    result = store_on(scripted, sleeps).query("SELECT ?n WHERE {}")
    assert [[cell.value for cell in row] for row in result.rows] == [["7"]]
    assert sleeps == [0.5, 1.0, 2.0]


def test_remote_429_waits_as_long_as_the_server_asks(scripted):
    scripted.script = [(429, {"Retry-After": "3"}, "slow down")]
    sleeps: list[float] = []
    store_on(scripted, sleeps).query("SELECT ?n WHERE {}")
    assert sleeps == [3.0]


def test_remote_retries_are_bounded(scripted):
    scripted.script = [(503, {}, "busy")] * 5
    sleeps: list[float] = []
    with pytest.raises(StoreError, match=r"HTTP 503 Service Unavailable after 3 tries: busy"):
        store_on(scripted, sleeps, retries=2).query("SELECT ?n WHERE {}")
    assert len(scripted.seen) == 3


def test_remote_bad_request_is_not_retried_and_says_why(scripted):
    scripted.script = [(400, {"Content-Type": "text/plain"}, "Parser error at line 1\nmore")]
    sleeps: list[float] = []
    with pytest.raises(SyntaxError, match=r"HTTP 400 Bad Request: Parser error at line 1$"):
        store_on(scripted, sleeps).query("SELECT")
    assert sleeps == [] and len(scripted.seen) == 1


def test_remote_refused_credentials_name_the_variables(scripted):
    scripted.script = [(401, {"Content-Type": "text/plain"}, "who are you")]
    with pytest.raises(StoreError, match="credentials come from KGBUILD_SPARQL_TOKEN"):
        store_on(scripted, []).query("SELECT ?n WHERE {}")


def test_remote_unreachable_server_after_retries():
    client = HttpClient(retries=2, sleep=lambda s: None, environ={})
    from oxigraph_server import free_port

    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query", default_graph="union", client=client)
    with pytest.raises(StoreError, match="cannot reach the server after 3 tries"):
        store.query("SELECT * WHERE {}")


@pytest.mark.parametrize(
    "environ,expected",
    [
        ({"KGBUILD_SPARQL_TOKEN": "t0ken"}, "Bearer t0ken"),
        ({"KGBUILD_SPARQL_USER": "ana", "KGBUILD_SPARQL_PASSWORD": "pa:ss"}, "Basic " + base64.b64encode(b"ana:pa:ss").decode()),
        ({}, None),
    ],
)
def test_remote_credentials_come_from_the_environment(scripted, environ, expected):
    store_on(scripted, [], environ=environ).query("SELECT ?n WHERE {}")
    assert scripted.seen[0].get("Authorization") == expected
    assert auth_header(environ) == expected


def test_remote_endpoints_beside_a_query_url():
    assert Endpoints.of("http://h:7878/query") == Endpoints("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert Endpoints.of("http://h:3030/ds/query", gsp="http://h:3030/ds/data").gsp == "http://h:3030/ds/data"
    assert Endpoints.of("http://h/sparql") == Endpoints("http://h/sparql", None, None)
    with pytest.raises(StoreError, match="not an http"):
        Endpoints.of("ftp://h/query")


def test_remote_writes_with_sparql_update_when_there_is_no_graph_store(oxigraph):
    store = oxigraph.store()
    store.endpoints = Endpoints(oxigraph.query_url, oxigraph.base + "/update", None)
    article = to_rdf(make_facts("a"))
    store.replace_article(article)
    store.replace_article(article)
    assert len(store) == len(article.graph)
    assert store.remove_article(str(graph_iri("a")))
    assert not store.remove_article(str(graph_iri("a")))


def test_remote_read_only_server_without_write_urls_says_what_is_missing(oxigraph):
    store = oxigraph.store()
    store.endpoints = Endpoints(oxigraph.query_url, None, None)
    with pytest.raises(StoreError, match="writing needs the server's Graph Store or update URL"):
        store.replace_article(to_rdf(make_facts("a")))


def test_remote_query_error_class_is_a_store_error():
    assert issubclass(RemoteQueryError, StoreError)
