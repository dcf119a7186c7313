"""``kgbuild serve``: a real server process over a store folder written by pyoxigraph."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from conftest import make_facts
from kgbuild.cli import main
from kgbuild.rdf import to_rdf
from kgbuild.remote import RemoteStore
from kgbuild.store import EmbeddedStore, StoreError
from oxigraph_server import free_port


def start_serve(store_path, *extra: str):
    """``kgbuild serve`` in a process of its own; returns it and its base URL once it has said it is up."""
    port = free_port()
    command = [sys.executable, "-c", "from kgbuild.cli import main; main()", "serve", "--store", str(store_path),
               "--port", str(port), *extra]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    if not first.startswith("Serving"):
        process.kill()
        raise AssertionError(f"kgbuild serve did not start: {first}{process.stderr.read()}")
    return process, f"http://127.0.0.1:{port}"


def stop(process) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)


def post(url: str, field: str, text: str):
    data = urllib.parse.urlencode({field: text}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "text/csv"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def built_store(tmp_path):
    path = tmp_path / "store"
    store = EmbeddedStore(path)
    store.replace_article(to_rdf(make_facts("sample")))
    store.close()
    return path


def test_serve_answers_queries_refuses_updates_and_shows_the_ui(built_store):
    process, base = start_serve(built_store)
    try:
        status, body = post(base + "/query", "query", "PREFIX kg: <https://w3id.org/kgbuild/ontology#> SELECT ?id WHERE { ?a kg:articleId ?id }")
        assert (status, body.splitlines()) == (200, ["id", "sample"])  # the default graph is the union
        assert post(base + "/update", "update", "DROP ALL") == (403, "The server is read-only")
        with urllib.request.urlopen(base + "/", timeout=10) as page:
            assert page.status == 200 and "yasgui" in page.read().decode().lower()
        with urllib.request.urlopen(base + "/yasgui.min.js", timeout=10) as script:
            assert script.status == 200
        with pytest.raises(StoreError, match="in use by another process"):
            EmbeddedStore(built_store)  # no build into a folder being served read-only
        result = CliRunner().invoke(main, ["query", "who-said-what", "--endpoint", base + "/query", "--format", "csv"])
        local = CliRunner().invoke(main, ["query", "who-said-what", "--store", str(built_store), "--format", "csv"])
        assert result.exit_code == 0 and result.output == local.output
    finally:
        stop(process)
    assert process.returncode == 0
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(base + "/", timeout=2)  # the oxigraph child is gone too


def test_serve_writable_accepts_writes_through_the_endpoint(built_store):
    process, base = start_serve(built_store, "--writable")
    try:
        remote = RemoteStore(base + "/query")
        remote.replace_article(to_rdf(make_facts("second")))
        assert len(remote.article_graphs()) == 2
        status, _ = post(base + "/update", "update", "DROP SILENT GRAPH <urn:nothing>")
        assert status in (200, 204)
    finally:
        stop(process)
    time.sleep(0.2)
    assert len(EmbeddedStore(built_store, read_only=True).article_graphs()) == 2


def test_serve_a_missing_store_is_an_error_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'none'}: no store here (build one with 'kgbuild build')\n"
