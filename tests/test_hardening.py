"""Bad input through ``kgbuild build``: each bad file gets one clear line naming it, the rest is built."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import XSD, Dataset, Literal

from kgbuild.articles import InputError, read_articles
from kgbuild.cli import main
from kgbuild.facts import Article
from kgbuild.store import EmbeddedStore
from kgbuild.vocab import KG

ENGLISH = (
    "Ministers meet in Geneva\n"
    "Foreign Minister Ana Lopez said on Friday that the talks would go on. "
    '"We will talk," Lopez told reporters after the meeting in the city.\n'
)
# 26 words; only "a" is on kgbuild's list of common English words.
FRENCH = (
    "Le président a annoncé lundi que les négociations avec les représentants du gouvernement reprendront "
    "la semaine prochaine à Genève, selon un communiqué publié par son cabinet."
)
# 20 words, none English.
RUSSIAN = (
    "Президент заявил в понедельник, что переговоры с представителями правительства возобновятся "
    "на следующей неделе в Женеве, говорится в заявлении его канцелярии."
)
PAGE = """<!DOCTYPE html><html><head><title>Talks go on</title>
<style>p { color: red } .said { content: "Lopez said nothing" }</style>
<script>var quote = "Putin said: 'war'"; document.write("<p>injected</p>");</script></head>
<body><nav>Home | World</nav><article><h1>Talks go on</h1>
<p>Foreign Minister Ana Lopez said on Friday that the talks would go on.</p>
<script>trackReader("Putin said");</script><noscript>Enable scripts</noscript>
<p>"We will talk," Lopez told reporters after the meeting in the city.</p></article></body></html>
"""
# Ten thousand unclosed <div>s, stray and crossed end tags, an unclosed comment at the end.
NESTED_PAGE = (
    "<html><body>" + "<div><span>" * 5_000 + "<p>Foreign Minister Ana Lopez said on Friday that the talks "
    "would go on.</b></i></p>" + "</span>" * 7 + "<p><b>Lopez told reporters.</p></b>" + "<!-- never closed"
)


def build(*args: str):
    """``kgbuild build`` through click; returns the result and its Error/Warning lines."""
    result = CliRunner().invoke(main, ["build", *args, "--published", "2025-05-24"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.startswith(("Error:", "Warning:"))]
    return result, lines


def built_ids(store_path: Path) -> set[str]:
    store = EmbeddedStore(store_path, read_only=True)
    try:
        return {record.article_id for record in store.records().values()}
    finally:
        store.close()


@pytest.mark.model
def test_hardening_bad_inputs_get_one_line_each_and_the_rest_is_built(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    files = {
        "good.txt": ENGLISH.encode(),
        "empty.txt": b"",
        "blank.txt": b" \n\t \r\n",
        "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01",
        "windows.txt": ENGLISH.replace('"', "\u201c", 1).encode("cp1252"),
        "wide.txt": ENGLISH.encode("utf-16"),
        "french.txt": FRENCH.encode(),
        "symbols.txt": b"12 345 -- !!! 67.89 *** $$ 2025-05-24\n",
        "no-sentences.txt": b"minister envoy talks city reporters friday lopez geneva",
        "quotes.txt": " ".join(f'"{word}' for word in ENGLISH.split()).encode(),
        "page.html": PAGE.encode(),
        "nested.html": NESTED_PAGE.encode(),
        "scripts-only.html": b"<html><head><script>var a = 1;</script><style>p {}</style></head><body></body></html>",
        "broken.json": b'{"id": "j1", "text": ',
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "records.jsonl": "\n".join([
            '{"id": "r1", "text": "' + ENGLISH.replace("\n", "\\n").replace('"', '\\"') + '"}',
            "{broken",
            "[1, 2]",
            '{"id": "r4", "text": "' + RUSSIAN + '"}',
            '{"id": "r5", "text": "' + FRENCH + '", "title": 7}',
            '{"id": ' + "9" * 5000 + ', "text": "A number too long for Python."}',
        ]).encode(),  # fmt: skip
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    store = tmp_path / "store"

    result, lines = build(str(inputs), "--store", str(store))

    def at(name: str) -> Path:
        return inputs / name

    assert sorted(lines) == sorted([
        f"Error: {at('binary.txt')}: binary file (contains NUL bytes)",
        f"Error: {at('blank.txt')}: file contains only whitespace",
        f"Error: {at('broken.json')}:1: malformed JSON (Expecting value)",
        f"Error: {at('deep.json')}: malformed JSON (nested too deeply)",
        f"Error: {at('empty.txt')}: empty file",
        f"Error: {at('french.txt')}: not English (1 of 26 words are common English words); skipped",
        f"Error: {at('records.jsonl')}:2: malformed JSON record (Expecting property name enclosed in double quotes)",
        f"Error: {at('records.jsonl')}:3: record is not a JSON object but array",
        f"Error: {at('records.jsonl')}:4: not English (0 of 20 words are common English words); skipped",
        f"Error: {at('records.jsonl')}:5: record field 'title' is number, not string",
        f"Error: {at('records.jsonl')}:6: malformed JSON record (Exceeds the limit (4300 digits) for integer string "
        "conversion: value has 5000 digits)",
        f"Error: {at('scripts-only.html')}: no article text found in the HTML",
        f"Error: {at('symbols.txt')}: no words in the text (only digits, punctuation or symbols)",
        f"Warning: {at('wide.txt')}: decoded as UTF-16 LE (byte order mark)",
        f"Warning: {at('windows.txt')}: not UTF-8 (line 2); decoded as Windows-1252",
    ])  # fmt: skip
    assert result.exit_code == 1
    assert result.stdout.startswith("built 8 articles, 13 failed: ")
    assert built_ids(store) == {"good", "wide", "windows", "no-sentences", "quotes", "page", "nested", "r1"}
    trig = CliRunner().invoke(main, ["export", "--store", str(store)]).output
    assert "injected" not in trig and "trackReader" not in trig and "color: red" not in trig


def test_hardening_a_50_mb_article_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("w") as stream:
        for _ in range(500_000):
            stream.write("The minister said the talks would go on for many days more. " + "x" * 39 + "\n")
    assert huge.stat().st_size == 50_000_000
    tracemalloc.start()
    [error] = read_articles([huge])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 1_000_000  # the 50 MB were never read
    expected = "file too large (50.0 MB); the article size limit is 100,000 characters (raise it with --max-article-size)"
    assert isinstance(error, InputError) and str(error) == f"{huge}: {expected}"
    result, lines = build(str(huge), "--store", str(tmp_path / "store"))
    assert (result.exit_code, lines) == (1, [f"Error: {huge}: {expected}"])


def test_hardening_a_huge_jsonl_record_is_skipped_unread_and_the_next_line_is_read(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    with records.open("w") as stream:
        stream.write('{"id": "huge", "text": "' + "word " * 10_000_000 + '"}\n')
        stream.write('{"id": "fine", "text": "' + ENGLISH.replace("\n", "\\n").replace('"', '\\"') + '"}\n')
    tracemalloc.start()
    huge, fine = read_articles([records])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 10_000_000  # lines are read in pieces of at most 16 x the limit
    advice = "the article size limit is 100,000 characters (raise it with --max-article-size)"
    assert str(huge) == f"{records}:1: record too long; {advice}"
    assert isinstance(fine, Article) and fine.id == "fine"


def test_hardening_max_article_size_lowers_and_raises_the_limit(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ENGLISH * 700)  # 114,100 characters: over the default limit, under 4x it
    [error] = read_articles([article])
    assert str(error) == (
        f"{article}: article too long (114,100 characters); "
        "the article size limit is 100,000 characters (raise it with --max-article-size)"
    )
    [read] = read_articles([article], max_article_size=120_000)
    assert isinstance(read, Article) and len(read.text) == 114_100
    small = tmp_path / "small.txt"
    small.write_text(ENGLISH)
    result, lines = build(str(small), "--store", str(tmp_path / "store"), "--max-article-size", "100")
    assert lines == [
        f"Error: {small}: article too long (163 characters); "
        "the article size limit is 100 characters (raise it with --max-article-size)"
    ]


def test_hardening_a_100000_token_sentence_is_refused_in_bounded_time(tmp_path: Path) -> None:
    sentence = tmp_path / "sentence.txt"
    sentence.write_text("The envoy said " + "and talks " * 50_000 + "went on.")  # 100,004 words, no full stop
    result, lines = build(str(sentence), "--store", str(tmp_path / "store"))
    assert lines == [
        f"Error: {sentence}: file too large (500,023 bytes); "
        "the article size limit is 100,000 characters (raise it with --max-article-size)"
    ]
    assert result.stdout.startswith("built 0 articles, 1 failed")


@pytest.mark.model
def test_hardening_extract_shows_warnings_and_errors_too(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(ENGLISH.encode("utf-16-be"))
    french = tmp_path / "french.txt"
    french.write_text(FRENCH)
    result = CliRunner().invoke(main, ["extract", str(wide), str(french), "-o", str(tmp_path / "out.trig")])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [  # files are read in path order
        f"Error: {french}: not English (1 of 26 words are common English words); skipped",
        f"Warning: {wide}: decoded as UTF-16-BE (no byte order mark; NUL in every other byte)",
    ]
    dataset = Dataset()
    dataset.parse(tmp_path / "out.trig", format="trig")
    assert [str(g.identifier) for g in dataset.graphs() if len(g)] == ["https://w3id.org/kgbuild/id/graph/wide"]


# Ids and URLs that would break an IRI written as-is: <...> ends at ">", N-Quads lines at a newline.
HOSTILE_IDS = [
    "a b",
    "x>y <urn:evil> <urn:p> <urn:o> .",
    '"quoted"',
    "line\nbreak",
    "Zürich/日本",
    "../../etc/passwd",
    "a#frag?q=1&r=%41",
    "} ; DROP ALL ; {",
]
HOSTILE_URL = 'https://news.example/a b>"c\n<urn:x>'


def test_hardening_hostile_ids_become_percent_encoded_graph_iris() -> None:
    from kgbuild.rdf import graph_iri

    assert str(graph_iri("a b")) == "https://w3id.org/kgbuild/id/graph/a%20b"
    assert str(graph_iri("x>y")) == "https://w3id.org/kgbuild/id/graph/x%3Ey"
    assert str(graph_iri('"q"')) == "https://w3id.org/kgbuild/id/graph/%22q%22"
    assert str(graph_iri("line\nbreak")) == "https://w3id.org/kgbuild/id/graph/line%0Abreak"
    assert str(graph_iri("Zürich")) == "https://w3id.org/kgbuild/id/graph/Z%C3%BCrich"
    assert str(graph_iri("../a#b?c")) == "https://w3id.org/kgbuild/id/graph/..%2Fa%23b%3Fc"


@pytest.mark.model
def test_hardening_hostile_ids_and_urls_give_trig_and_nquads_with_one_graph_per_article(tmp_path: Path) -> None:
    import json

    import pyoxigraph

    from kgbuild.rdf import graph_iri

    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps({"id": id_, "text": ENGLISH, "url": HOSTILE_URL}) for id_ in HOSTILE_IDS))
    store = tmp_path / "store"
    result, lines = build(str(records), "--store", str(store))
    assert (result.exit_code, lines) == (0, [])
    expected = {str(graph_iri(id_)) for id_ in HOSTILE_IDS}
    assert all(" " not in iri and ">" not in iri and '"' not in iri and "\n" not in iri for iri in expected)
    for export_format, rdflib_format in [("trig", "trig"), ("nquads", "nquads")]:
        output = tmp_path / f"all.{export_format}"
        exported = CliRunner().invoke(main, ["export", "--format", export_format, "--store", str(store), "-o", str(output)])
        assert exported.exit_code == 0, exported.output
        dataset = Dataset()
        dataset.parse(output, format=rdflib_format)
        graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
        assert graphs == expected  # no extra graph smuggled in by an id
        strict_format = pyoxigraph.RdfFormat.TRIG if export_format == "trig" else pyoxigraph.RdfFormat.N_QUADS
        parsed = pyoxigraph.Dataset(pyoxigraph.parse(output.read_bytes(), format=strict_format))
        assert {quad.graph_name.value for quad in parsed} == expected  # a strict parser agrees
        urls = [o for _, _, o, _ in dataset.quads((None, KG.url, None, None))]
        assert urls == [Literal(HOSTILE_URL, datatype=XSD.anyURI)] * len(HOSTILE_IDS)  # a literal, kept as given
