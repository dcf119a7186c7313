"""Exports for Wikidata: QuickStatements v1 lines (checked with a strict grammar) and Wikibase RDF."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from rdflib import PROV, RDF, Graph, URIRef

from conftest import SEED_ARTICLE, make_facts
from kgbuild.export import export
from kgbuild.rdf import to_rdf
from kgbuild.store import EmbeddedStore
from kgbuild.wikidata import PQ, PR, PS, WD, WIKIBASE, P

RETRIEVED = datetime.date(2026, 11, 28)

# QuickStatements v1 (https://www.wikidata.org/wiki/Help:QuickStatements), tab-separated:
#   CREATE | SUBJECT TAB Lxx TAB "label" | SUBJECT TAB Pxx TAB VALUE (TAB Pxx TAB VALUE)* (TAB Sxx TAB VALUE)*
ITEM = r"(?:Q[1-9][0-9]*|LAST)"
STRING = r'"[^"\t\n]*"'
VALUE = (
    r"(?:Q[1-9][0-9]*"  # an item
    r"|[a-z]{2,3}:\"[^\t\n]*\""  # monolingual text: en:"..."
    r"|" + STRING +  # a string or URL
    r"|\+[0-9]{4}-[0-9]{2}-[0-9]{2}T00:00:00Z/(?:9|10|11)"  # a time with its precision
    r"|[+-]?[0-9]+(?:\.[0-9]+)?"  # a quantity
    r"|@-?[0-9.]+/-?[0-9.]+)"  # coordinates
)
CLAIM = rf"{ITEM}\tP[1-9][0-9]*\t{VALUE}(?:\tP[1-9][0-9]*\t{VALUE})*(?:\tS[1-9][0-9]*\t{VALUE})*"
LABEL = rf"{ITEM}\t[LDA][a-z]{{2,3}}\t{STRING}"
QS_LINE = re.compile(rf"CREATE|{CLAIM}|{LABEL}")


def exported(store, export_format, **options) -> str:
    output = io.BytesIO()
    export(store, export_format, output, retrieved=RETRIEVED, **options)
    return output.getvalue().decode("utf-8")


@pytest.fixture(scope="module")
def reference_store():
    if not SEED_ARTICLE.exists():
        pytest.skip("needs ../shared")
    from kgbuild.build import build

    store = EmbeddedStore()
    build([SEED_ARTICLE], store, published=datetime.date(2025, 5, 24), url="https://news.example/prisoner-swap")
    yield store
    store.close()


@pytest.fixture
def sample_store():
    store = EmbeddedStore()
    store.replace_article(to_rdf(make_facts()))
    yield store
    store.close()


def test_export_quickstatements_of_the_reference_article_is_strict_v1(reference_store):
    lines = exported(reference_store, "quickstatements").splitlines()
    assert lines and all(QS_LINE.fullmatch(line) for line in lines), [l for l in lines if not QS_LINE.fullmatch(l)]
    # Zelenskyy's two direct quotes, Trump's Truth Social post and his office ("U.S. President Donald Trump"),
    # each once bare and once with its reference
    claims = [tuple(line.split("\t")[:2]) for line in lines]
    assert (claims.count(("Q3874799", "P1683")), claims.count(("Q22686", "P1683"))) == (4, 2)
    assert [line for line in lines if "\tP39\t" in line][0] == "Q22686\tP39\tQ11696\tP585\t+2025-05-24T00:00:00Z/11"
    quote = next(line for line in lines if "Our goal is to return" in line and "\tS854\t" in line)
    assert quote.split("\t") == [
        "Q3874799", "P1683", 'en:"Our goal is to return each and every one of us from Russian captivity."',
        "P585", "+2025-05-24T00:00:00Z/11",
        "S854", '"https://news.example/prisoner-swap"', "S577", "+2025-05-24T00:00:00Z/11",
        "S813", "+2026-11-28T00:00:00Z/11",
    ]  # fmt: skip
    # "one man" said "I can't believe I'm home": an anonymous speaker has no item and none is created
    created = exported(reference_store, "quickstatements", create_items=True).splitlines()
    assert not any("believe" in line for line in created)


def test_export_quickstatements_creates_items_only_when_asked(sample_store):
    # Ana Lopez has no QID: nothing without --create-items
    assert exported(sample_store, "quickstatements") == ""
    lines = exported(sample_store, "quickstatements", create_items=True).splitlines()
    assert lines[:3] == ["CREATE", 'LAST\tLen\t"Ana Lopez"', "LAST\tP31\tQ5"]
    assert lines[3] == 'LAST\tP1683\ten:"We will talk."\tP585\t+2025-05-24T00:00:00Z/11'
    assert lines[4].startswith(lines[3] + '\tS854\t"https://news.example/sample"\tS577\t')
    assert all(QS_LINE.fullmatch(line) for line in lines)


def test_export_wikibase_rdf_has_statement_nodes_qualifiers_and_references(reference_store):
    text = exported(reference_store, "wikibase")
    # Wikibase writes times as xsd:dateTime in UTC with a Z
    assert '"2025-05-24T00:00:00Z"^^xsd:dateTime' in text
    graph = Graph().parse(data=text, format="turtle")
    statements = sorted(graph.objects(WD.Q3874799, P.P1683))
    assert len(statements) == 2
    values = {str(graph.value(s, PS.P1683)) for s in statements}
    assert "Tomorrow we expect more" in values
    for statement in statements:
        assert (statement, RDF.type, WIKIBASE.Statement) in graph
        assert graph.value(statement, PQ.P585).toPython().date() == datetime.date(2025, 5, 24)
        reference = graph.value(statement, PROV.wasDerivedFrom)
        assert (reference, RDF.type, WIKIBASE.Reference) in graph
        assert graph.value(reference, PR.P854) == URIRef("https://news.example/prisoner-swap")
    # only actors with a QID get claims
    assert {s for s, _, _ in graph.triples((None, P.P1683, None))} == {WD.Q3874799, WD.Q22686}
