"""The command line, driven through click's runner: exact output lines and exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from conftest import SEED_ARTICLE, make_facts
from kgbuild.cli import main
from kgbuild.rdf import graph_iri, to_rdf
from kgbuild.store import Store
from oxigraph_server import free_port, oxigraph, union_server  # noqa: F401 - fixtures

GOOD_ARTICLE = (
    "Ministers meet in Geneva\n"
    'Foreign Minister Ana Lopez said on Friday that the talks would go on. "We will talk," Lopez told reporters.\n'
)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(params=["embedded", "remote"])
def sample_store(request, tmp_path):
    """The sample article in a store; the command-line options that reach it (--store or --endpoint)."""
    if request.param == "embedded":
        path = tmp_path / "store"
        store = Store(path)
        store.replace_article(to_rdf(make_facts("sample")))
        store.close()
        return ["--store", str(path)]
    server = request.getfixturevalue("oxigraph")
    server.store().replace_article(to_rdf(make_facts("sample")))
    return ["--endpoint", server.query_url]


def test_cli_query_csv_prints_exact_rows(sample_store):
    result = invoke("query", "who-said-what", *sample_store, "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "article,speaker,speaker_label,quote,kind,cue,medium,date,start,end,confidence",
        "sample,https://w3id.org/kgbuild/id/actor/person/ana-lopez,Ana Lopez,We will talk.,direct,say,,2025-05-24,52,65,0.9",
    ]


def test_cli_query_json_and_params(sample_store):
    result = invoke("query", "who-did-what", *sample_store, "--format", "json", "--param", "type=attack")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [(r["event_type"], r["agent_label"], r["quantities"], r["date"]) for r in rows] == [
        ("Attack", "Northland", "12 injured", "2025-05-23")
    ]


def test_cli_query_unknown_parameter_is_an_error_line(sample_store):
    result = CliRunner().invoke(main, ["query", "who-said-what", *sample_store, "--param", "who=x"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: query 'who-said-what' takes no parameter 'who' (it takes: actor, article)"
    )


def test_cli_query_on_missing_store_is_an_error_line(tmp_path):
    result = CliRunner().invoke(main, ["query", "who-said-what", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'none'}: no store here (build one with 'kgbuild build')"


def test_cli_validate_store_conforms(sample_store):
    result = invoke("validate", *sample_store)
    assert result.exit_code == 0
    assert result.output == "1 of 1 graph conform\n"


def test_cli_validate_broken_file_exits_1_and_names_the_shape(tmp_path):
    article = to_rdf(make_facts("broken"))
    from kgbuild.vocab import KG

    article.graph.remove((None, KG.speaker, None))
    broken = tmp_path / "broken.trig"
    from rdflib import Dataset

    dataset = Dataset()
    for triple in article.graph:
        dataset.graph(article.graph_iri).add(triple)
    dataset.serialize(broken, format="trig")
    result = CliRunner().invoke(main, ["validate", str(broken)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "https://w3id.org/kgbuild/id/graph/broken: does not conform (1 violation(s))",
        "  StatementShape-speaker: article/broken/statement/1 speaker: "
        + result.output.splitlines()[1].split(" speaker: ", 1)[1],
        "0 of 1 graph conform",
    ]


def test_cli_validate_unreadable_file_exits_2(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {bad}: cannot read RDF")


@pytest.mark.parametrize("export_format,marker", [
    ("trig", "<https://w3id.org/kgbuild/id/graph/sample> {"), ("turtle", "kg:Statement"), ("nquads", "<https://w3id.org/kgbuild/id/graph/sample> ."),
    ("jsonld", '"@id"'),
])
def test_cli_export_formats(sample_store, tmp_path, export_format, marker):
    out = tmp_path / f"export.{export_format}"
    result = invoke("export", "--format", export_format, *sample_store, "-o", str(out))
    assert result.exit_code == 0
    assert marker in out.read_text(encoding="utf-8")


def test_cli_every_command_help_has_an_example():
    for command in ["build", "query", "queries", "validate", "export", "extract", "viz", "remove", "stats", "serve"]:
        result = invoke(command, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, command


def test_cli_query_on_unreachable_server_is_an_error_line(monkeypatch):
    monkeypatch.setenv("KGBUILD_SPARQL_RETRIES", "1")
    port = free_port()
    result = CliRunner().invoke(main, ["query", "who-said-what", "--endpoint", f"http://127.0.0.1:{port}/query"])
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: POST http://127.0.0.1:{port}/query: cannot reach the server after 2 tries (")


def test_cli_endpoint_with_credentials_in_the_url_is_refused():
    result = CliRunner().invoke(main, ["stats", "--endpoint", "http://me:secret@127.0.0.1:1/query"])
    assert result.exit_code == 2
    assert result.output == (
        "Error: http://127.0.0.1:1/query: credentials do not go in the URL; set KGBUILD_SPARQL_USER and "
        "KGBUILD_SPARQL_PASSWORD (or KGBUILD_SPARQL_TOKEN) in the environment\n"
    )
    assert "secret" not in result.output


def test_cli_export_nquads_is_the_same_from_either_store(tmp_path, oxigraph):
    path = tmp_path / "store"
    store = Store(path)
    for name in ("a", "b"):
        store.replace_article(to_rdf(make_facts(name)))
        oxigraph.store().replace_article(to_rdf(make_facts(name)))
    store.close()
    embedded = invoke("export", "--format", "nquads", "--store", str(path)).stdout
    remote = invoke("export", "--format", "nquads", "--endpoint", oxigraph.query_url).stdout
    assert sorted(embedded.splitlines()) == sorted(remote.splitlines())
    assert len(embedded.splitlines()) == len(to_rdf(make_facts("a")).graph) * 2


def test_cli_stats_prints_the_counts(sample_store):
    result = invoke("stats", *sample_store)
    assert result.exit_code == 0
    triples = len(to_rdf(make_facts("sample")).graph)
    assert result.output.splitlines() == [
        "articles   1", "actors     2", "statements 1", "events     1", f"triples    {triples}",
    ]  # fmt: skip


def test_cli_remove_drops_the_article_and_reports_unknown_ids(sample_store):
    result = CliRunner().invoke(main, ["remove", "sample", "nope", *sample_store])
    assert result.exit_code == 1
    assert result.stdout == "removed 1 article\n"
    assert result.stderr == "Error: no article 'nope' in the store\n"
    assert invoke("stats", *sample_store).output.splitlines()[0] == "articles   0"


def test_cli_build_into_a_store_in_use_is_an_error_line(tmp_path):
    held = Store(tmp_path / "store")
    article = tmp_path / "a.txt"
    article.write_text("Title\nText.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(article), "--store", str(tmp_path / "store")])
    held.close()
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / 'store'}: the store is in use by another process")


@pytest.mark.model
def test_cli_build_reports_bad_inputs_and_builds_the_rest(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (inputs / "latin1.txt").write_bytes("Caf\xe9 news\nBody".encode("latin-1"))
    (inputs / "records.jsonl").write_text('{"id": "r1", "text": "' + GOOD_ARTICLE.replace("\n", "\\n").replace('"', '\\"') + '"}\n{broken\n', encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(
        main, ["build", str(inputs), str(tmp_path / "missing.txt"), "--store", str(store), "--published", "2025-05-24"]
    )
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert sorted(errors) == sorted([
        f"Error: {inputs / 'binary.txt'}: binary file (contains NUL bytes)",
        f"Error: {inputs / 'empty.txt'}: empty file",
        f"Error: {inputs / 'records.jsonl'}:2: malformed JSON record (Expecting property name enclosed in double quotes)",
        f"Error: {tmp_path / 'missing.txt'}: no such file or folder",
    ])
    assert f"Warning: {inputs / 'latin1.txt'}: not UTF-8 (line 1); decoded as Windows-1252" in result.stderr.splitlines()
    assert result.stdout.startswith("built 3 articles, 4 failed: ")
    rows = list(csv.DictReader(io.StringIO(invoke("query", "who-said-what", "--store", str(store), "--format", "csv").output)))
    assert {row["article"] for row in rows} == {"good", "r1"}


@pytest.mark.model
def test_cli_building_twice_leaves_no_duplicates(tmp_path):
    article = tmp_path / "good.txt"
    article.write_text(GOOD_ARTICLE, encoding="utf-8")
    store = tmp_path / "store"
    first = invoke("build", str(article), "--store", str(store))
    assert first.exit_code == 0
    size = len(Store(store, read_only=True))
    second = invoke("build", str(article), "--store", str(store))
    assert second.exit_code == 0 and second.output == first.output
    assert len(Store(store, read_only=True)) == size


@pytest.mark.model
def test_cli_build_into_a_server_then_query_it(tmp_path, oxigraph):
    article = tmp_path / "good.txt"
    article.write_text(GOOD_ARTICLE, encoding="utf-8")
    first = invoke("build", str(article), "--endpoint", oxigraph.query_url)
    assert first.exit_code == 0 and first.output.startswith("built 1 article, 0 failed: ")
    size = len(oxigraph.store())
    assert invoke("build", str(article), "--endpoint", oxigraph.query_url).output == first.output
    assert len(oxigraph.store()) == size  # replaced, not added
    local = tmp_path / "store"
    invoke("build", str(article), "--store", str(local))
    for name in ("who-said-what", "who-did-what", "actors"):
        remote = invoke("query", name, "--endpoint", oxigraph.query_url, "--format", "csv").output
        assert remote == invoke("query", name, "--store", str(local), "--format", "csv").output


@pytest.mark.model
def test_cli_rebuild_stale_redoes_only_articles_of_another_version(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("one", "two", "three"):
        (inputs / f"{name}.txt").write_text(GOOD_ARTICLE.replace("Geneva", name.title()), encoding="utf-8")
    store_path = tmp_path / "store"
    assert invoke("build", str(inputs), "--store", str(store_path)).exit_code == 0
    store = Store(store_path)  # an older kgbuild built "two"
    store._store.update(
        'PREFIX kg: <https://w3id.org/kgbuild/ontology#> '
        f'DELETE {{ GRAPH <{graph_iri("two")}> {{ ?run kg:extractorVersion ?v }} }} '
        f'INSERT {{ GRAPH <{graph_iri("two")}> {{ ?run kg:extractorVersion "kgbuild 0.0.1" }} }} '
        f'WHERE {{ GRAPH <{graph_iri("two")}> {{ ?run kg:extractorVersion ?v }} }}'
    )
    store.close()
    (inputs / "four.txt").write_text(GOOD_ARTICLE.replace("Geneva", "Bern"), encoding="utf-8")
    result = invoke("build", str(inputs), "--store", str(store_path), "--rebuild-stale")
    assert result.exit_code == 0
    assert result.output.startswith("built 2 articles, 0 failed, 2 up to date: ")
    records = Store(store_path, read_only=True).records()
    assert {r.article_id for r in records.values() if r.current} == {"one", "two", "three", "four"}


@pytest.mark.model
def test_cli_eval_wikievents(tmp_path):
    text = "Russian troops attacked Kharkiv."
    words = [("Russian", 0, 7), ("troops", 8, 14), ("attacked", 15, 23), ("Kharkiv", 24, 31), (".", 31, 32)]
    record = {"doc_id": "d1", "tokens": [w for w, _, _ in words], "text": text,
              "sentences": [[[list(w) for w in words], text]],
              "entity_mentions": [{"id": "d1-T1", "start": 0, "end": 2, "entity_type": "PER", "text": "Russian troops"},
                                  {"id": "d1-T2", "start": 3, "end": 4, "entity_type": "GPE", "text": "Kharkiv"}],
              "event_mentions": [{"id": "d1-E1", "event_type": "Conflict.Attack.Unspecified",
                                  "trigger": {"start": 2, "end": 3, "text": "attacked"},
                                  "arguments": [{"entity_id": "d1-T1", "role": "Attacker", "text": "troops"},
                                                {"entity_id": "d1-T2", "role": "Target", "text": "Kharkiv"}]}]}
    corpus = tmp_path / "dev.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(main, ["eval", "wikievents", str(corpus), "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    assert "event precision 1.000 (target >= 0.70: met)" in result.output  # "attacked", by Russia, on Kharkiv
    assert errors.is_file()
    missing = CliRunner().invoke(main, ["eval", "wikievents", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code != 0


def test_cli_runs_as_python_module():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kgbuild", "queries"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "who-said-what" in result.stdout
