"""A live Oxigraph server for tests: ``oxigraph serve`` (the ``oxigraph`` package) on a free loopback port.

Two session-wide servers: one whose default graph is the union of the named graphs
(``--union-default-graph``, as ``kgbuild serve`` runs it) and one whose default graph is just the
default graph, which kgbuild must handle by naming the article graphs in each query. Each test that
uses one gets it emptied. Test modules import the fixtures they need from here.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kgbuild.remote import HttpClient, RemoteStore
from kgbuild.serve import oxigraph_binary
from kgbuild.store import EmbeddedStore

STORE_KINDS = ["embedded", "remote", "remote-graphs"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.05)
    raise RuntimeError(f"no answer from {url}")


class OxigraphServer:
    """``oxigraph serve --location DIR --bind 127.0.0.1:PORT`` for the length of a test session."""

    def __init__(self, location: Path, *, union: bool):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        if union:
            command.append("--union-default-graph")
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_for(self.base + "/", self.process)

    @property
    def query_url(self) -> str:
        return self.base + "/query"

    def clear(self) -> None:
        data = urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()
        with urllib.request.urlopen(urllib.request.Request(self.base + "/update", data=data), timeout=30):
            pass

    def store(self, default_graph: str = "auto") -> RemoteStore:
        return RemoteStore(self.query_url, default_graph=default_graph, client=HttpClient(retries=1, backoff=0.01))

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def union_server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-union"), union=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def plain_server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph-plain"), union=False)
    yield server
    server.stop()


@pytest.fixture
def oxigraph(union_server):
    """The union-default-graph server, emptied."""
    union_server.clear()
    return union_server


def open_store(kind: str, request, tmp_path):
    """An empty store of a kind: the embedded store in tmp_path, or a live server emptied for the test."""
    if kind == "embedded":
        return EmbeddedStore(tmp_path / "kg")
    server = request.getfixturevalue("union_server" if kind == "remote" else "plain_server")
    server.clear()
    return server.store()


@pytest.fixture(params=STORE_KINDS)
def empty_store(request, tmp_path):
    """An empty store of each kind in turn: embedded, a server with a union default graph, one without."""
    store = open_store(request.param, request, tmp_path)
    yield store
    store.close()
