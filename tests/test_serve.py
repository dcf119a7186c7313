"""``kgbuild serve``: a real server process over a store folder written by pyoxigraph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_facts
from kgbuild.cli import main
from kgbuild.rdf import to_rdf
from kgbuild.remote import RemoteStore
from kgbuild.store import EmbeddedStore, StoreError
from oxigraph_server import free_port


def start_serve(store_path, *extra: str, env: dict[str, str] | None = None):
    """``kgbuild serve`` in a process of its own; returns it and its base URL once it has said it is up."""
    port = free_port()
    command = [sys.executable, "-c", "from kgbuild.cli import main; main()", "serve", "--store", str(store_path),
               "--port", str(port), *extra]  # fmt: skip
    environment = {**os.environ, **(env or {})}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
    first = process.stdout.readline()
    if not first.startswith("Serving"):
        process.kill()
        raise AssertionError(f"kgbuild serve did not start: {first}{process.stderr.read()}")
    return process, f"http://127.0.0.1:{port}"


def stop(process) -> None:
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)


def post(url: str, field: str, text: str, token: str | None = None, timeout: float = 10):
    data = urllib.parse.urlencode({field: text}).encode()
    headers = {"Accept": "text/csv", **({"Authorization": f"Bearer {token}"} if token else {})}
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
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


def status_of(request: urllib.request.Request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_writable_needs_the_token_for_every_write(built_store, monkeypatch):
    process, base = start_serve(built_store, "--writable", env={"KGBUILD_SERVE_TOKEN": "s3cret-token"})
    try:
        drop = "DROP SILENT GRAPH <urn:nothing>"
        refused = (401, "Writes need the server's token: Authorization: Bearer TOKEN")
        assert post(base + "/update", "update", drop) == refused
        assert post(base + "/update", "update", drop, token="wrong") == refused
        assert post(base + "/update", "update", drop, token="s3cret-token")[0] in (200, 204)
        put = urllib.request.Request(base + "/store?graph=urn:x", data=b"<urn:a> <urn:b> <urn:c> .",
                                     headers={"Content-Type": "application/n-triples"}, method="PUT")  # fmt: skip
        assert status_of(put) == 401  # Graph Store writes too
        assert status_of(urllib.request.Request(base + "/store?graph=urn:nothing")) == 404  # reads need no token
        with pytest.raises(StoreError, match="HTTP 401 Unauthorized"):
            RemoteStore(base + "/query").replace_article(to_rdf(make_facts("second")))
        monkeypatch.setenv("KGBUILD_SPARQL_TOKEN", "s3cret-token")
        remote = RemoteStore(base + "/query")
        remote.replace_article(to_rdf(make_facts("second")))
        assert len(remote.article_graphs()) == 2
    finally:
        stop(process)
    time.sleep(0.2)
    assert len(EmbeddedStore(built_store, read_only=True).article_graphs()) == 2


def test_serve_writable_without_a_token_makes_and_prints_one(built_store):
    process, base = start_serve(built_store, "--writable", env={"KGBUILD_SERVE_TOKEN": ""})
    try:
        banner = [process.stdout.readline() for _ in range(4)]
        line = next(line for line in banner if "Writes need" in line)
        token = line.split("Bearer ")[1].split("'")[0]
        assert len(token) >= 32
        assert post(base + "/update", "update", "DROP SILENT GRAPH <urn:nothing>", token=token)[0] in (200, 204)
    finally:
        stop(process)


# Every triple of the store five times over: billions of rows for a store of a few dozen triples.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


def test_serve_cuts_slow_queries_and_large_results(built_store):
    process, base = start_serve(built_store, "--timeout", "1", "--max-result-size", "2000")
    try:
        started = time.monotonic()
        status, body = post(base + "/query", "query", SLOW_QUERY, timeout=60)
        elapsed = time.monotonic() - started
        assert (status, body) == (504, "The query took longer than the server's limit of 1 s")
        assert elapsed < 10  # 1 s, and 2 s more for Oxigraph to answer before the proxy gives up
        assert post(base + "/query", "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")[0] == 200  # restarted
        status, body = post(base + "/query", "query", "SELECT * WHERE { ?s ?p ?o }")
        assert (status, body) == (413, "The result is larger than the server's limit of 2,000 bytes "
                                       "(kgbuild serve --max-result-size): ask for less, e.g. with LIMIT")  # fmt: skip
        status, body = post(base + "/query", "query", "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
        assert status == 200 and len(body.splitlines()) == 4  # a small result still goes through
    finally:
        stop(process)


def test_serve_listens_on_loopback_by_default(built_store):
    from kgbuild.serve import DEFAULT_HOST
    from kgbuild.cli import serve_command

    [host] = [param for param in serve_command.params if param.name == "host"]
    assert host.default == DEFAULT_HOST == "127.0.0.1"
    process, base = start_serve(built_store)
    try:
        port = int(base.rsplit(":", 1)[1])
        listening = {line.split()[1] for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
                     if line.split()[3] == "0A"}  # fmt: skip
        assert f"0100007F:{port:04X}" in listening  # 127.0.0.1, little-endian hex as the kernel writes it
        assert f"00000000:{port:04X}" not in listening  # not 0.0.0.0
    finally:
        stop(process)


def test_serve_a_missing_store_is_an_error_line(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output == f"Error: {tmp_path / 'none'}: no store here (build one with 'kgbuild build')\n"
