"""The canned queries, run against the embedded store and live Oxigraph servers (with and without a
union default graph): every store test here runs three times and expects the same answers."""

import dataclasses

import pyoxigraph as ox
import pytest

from conftest import make_facts
from kgbuild.queries import QueryError, format_result, load_query, run_query
from kgbuild.rdf import to_rdf
from kgbuild.remote import bind_parameters, sparql_term
from oxigraph_server import STORE_KINDS, empty_store, open_store, plain_server, union_server  # noqa: F401 - fixtures

HOSTILE = [
    '"', "'", "} ; DROP ALL ; {", '") } DELETE WHERE { ?s ?p ?o } #', "<http://x y>", "?speaker",
    'a"\n} ; DROP ALL ; INSERT DATA { <a> <b> <c> } #', "line\nbreak\r\n\ttab", '\\u0022) } ; DROP ALL ; {',
    "'''", '"""', "\\", "\\\\\"", "param:actor()", "#", "nul\x00byte", "é ü 中文 🙂",
]  # fmt: skip


@pytest.fixture(params=STORE_KINDS)
def store(request, tmp_path):
    store = open_store(request.param, request, tmp_path)
    store.replace_article(to_rdf(make_facts("first")))
    store.replace_article(to_rdf(make_facts("second")))
    yield store
    store.close()


def run(store, name, output_format="csv", **values):
    return format_result(run_query(store, load_query(name), values), output_format)


def test_queries_who_said_what_csv_rows(store):
    # The sample text: 'President Ana Lopez said: "We will talk."' — "We will talk." starts at
    # character 52 (after the 25-character title line and 27 characters of the sentence).
    assert run(store, "who-said-what").splitlines() == [
        "article,speaker,speaker_label,quote,kind,cue,medium,date,start,end,confidence",
        "first,https://w3id.org/kgbuild/id/actor/person/ana-lopez,Ana Lopez,We will talk.,direct,say,,2025-05-24,52,65,0.9",
        "second,https://w3id.org/kgbuild/id/actor/person/ana-lopez,Ana Lopez,We will talk.,direct,say,,2025-05-24,52,65,0.9",
    ]


def test_queries_who_did_what_csv_rows(store):
    # "Northland" is characters 67-76 of the sample, then a space, then "shelled" at 77-84.
    lines = run(store, "who-did-what", article="first").splitlines()
    assert lines[0] == (
        "article,event,event_type,trigger,agent,agent_label,participant_labels,target_label,place_label,"
        "date,end_date,quantities,instruments,part_of,status,start,end"
    )
    assert lines[1:] == [
        "first,https://w3id.org/kgbuild/id/article/first/event/1,Attack,shelled,"
        "https://w3id.org/kgbuild/id/actor/Q999001,Northland,,Eastport,Eastport,2025-05-23,,12 injured,,,asserted,77,84"
    ]


def test_queries_who_said_what_gives_each_statement_its_own_articles_labels(store):
    """A speaker or medium shared by articles but labelled differently in each: one row per statement,
    with the labels its own article wrote (the union of the graphs holds both labels)."""
    facts = make_facts("third")
    lopez = next(a for a in facts.actors if a.label == "Ana Lopez")
    actors = tuple(dataclasses.replace(a, label="Ana LOPEZ") if a is lopez else a for a in facts.actors)
    statements = tuple(dataclasses.replace(s, medium="Telegram") for s in facts.statements)
    store.replace_article(to_rdf(dataclasses.replace(facts, actors=actors, statements=statements)))
    second = dataclasses.replace(make_facts("second"), statements=tuple(
        dataclasses.replace(s, medium="telegram") for s in make_facts("second").statements))
    store.replace_article(to_rdf(second))
    rows = [(row[0].value, row[2].value, row[6].value if row[6] else "")
            for row in run_query(store, load_query("who-said-what"), {"actor": "lopez"}).rows]
    assert rows == [("first", "Ana Lopez", ""), ("second", "Ana Lopez", "telegram"), ("third", "Ana LOPEZ", "Telegram")]


@pytest.mark.parametrize("actor", ["Lopez", "ana lopez", "ANA LOPEZ"])
def test_queries_actor_parameter_matches_label_or_alias_in_any_case(store, actor):
    assert len(run_query(store, load_query("who-said-what"), {"actor": actor}).rows) == 2


def test_queries_actor_parameter_matches_a_qid(store):
    assert len(run_query(store, load_query("who-did-what"), {"actor": "Q999001"}).rows) == 2
    assert run_query(store, load_query("who-did-what"), {"actor": "Q1"}).rows == []


def test_queries_date_range_filters_events(store):
    query = load_query("who-did-what")
    assert len(run_query(store, query, {"since": "2025-05-23", "until": "2025-05-23"}).rows) == 2
    assert run_query(store, query, {"since": "2025-05-24"}).rows == []


def test_queries_bad_date_parameter_is_an_error(store):
    with pytest.raises(QueryError, match="parameter since: 'last week' is not a date"):
        run_query(store, load_query("who-did-what"), {"since": "last week"})


def test_queries_unknown_parameter_is_an_error(store):
    with pytest.raises(QueryError, match="query 'who-said-what' takes no parameter 'speaker'"):
        run_query(store, load_query("who-said-what"), {"speaker": "x"})


def test_queries_unknown_query_names_the_available_ones():
    with pytest.raises(QueryError, match="no query named 'nope' \\(available: actors, contested-claims, roles, who-did-what, who-said-what"):
        load_query("nope")


def test_queries_actors_counts_mentions_and_articles(store):
    rows = run(store, "actors").splitlines()
    assert rows[0] == "actor,label,type,wikidata,mentions,articles"
    assert "https://w3id.org/kgbuild/id/actor/Q999001,Northland,State,Q999001,2,2" in rows


def test_queries_table_format_aligns_columns(store):
    table = run(store, "who-said-what", "table", article="first").splitlines()
    assert table[0].split() == ["article", "speaker", "speaker_label", "quote", "kind", "cue", "medium", "date", "start", "end", "confidence"]
    assert table[-1] == "(1 row)"


@pytest.mark.parametrize("hostile", HOSTILE)
def test_queries_parameter_values_are_data_not_sparql(store, hostile):
    before = len(store)
    assert run_query(store, load_query("who-said-what"), {"actor": hostile}).rows == []
    assert run_query(store, load_query("who-did-what"), {"type": hostile, "article": hostile}).rows == []
    assert len(store) == before


def test_queries_hostile_value_matches_itself_exactly(store):
    """An alias full of SPARQL syntax is found by its exact text: the value arrives intact.

    Ana Lopez is one actor IRI in every article, so the alias given in the third finds her statements
    in all three."""
    hostile = 'Ana "} ; DROP ALL ; {" \\u0022 Lopez\nthe second'
    facts = make_facts("third")
    eastport, lopez, northland = facts.actors
    facts = dataclasses.replace(facts, actors=(eastport, dataclasses.replace(lopez, aliases=(hostile,)), northland))
    store.replace_article(to_rdf(facts))
    rows = run_query(store, load_query("who-said-what"), {"actor": hostile}).rows
    assert [row[0].value for row in rows] == ["first", "second", "third"]
    assert run_query(store, load_query("who-said-what"), {"actor": hostile[:-1]}).rows == []


def test_queries_bind_parameters_rewrites_calls_only():
    query = (
        "PREFIX p: <https://w3id.org/kgbuild/param#>\n"
        "# p:actor() in a comment\n"
        'SELECT * WHERE { BIND(p:actor( ) AS ?a) BIND("p:actor()" AS ?s) '
        "BIND(<https://w3id.org/kgbuild/param#since>() AS ?d) BIND(p:until() AS ?u) }"
    )
    terms = {
        "actor": ox.Literal('x" } DROP ALL {'),
        "since": ox.Literal("2025-05-24", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")),
        "until": None,
    }
    assert bind_parameters(query, terms) == (
        "PREFIX p: <https://w3id.org/kgbuild/param#>\n"
        "# p:actor() in a comment\n"
        'SELECT * WHERE { BIND("x\\" } DROP ALL {" AS ?a) BIND("p:actor()" AS ?s) '
        'BIND("2025-05-24"^^<http://www.w3.org/2001/XMLSchema#date> AS ?d) BIND(?kgbuild_unbound_until AS ?u) }'
    )


@pytest.mark.parametrize("value", HOSTILE)
def test_queries_serialized_terms_parse_back_to_the_same_value(value):
    """What goes into the query text is one literal that a SPARQL parser reads back as the value."""
    solutions = ox.Store().query(f"SELECT ?v WHERE {{ BIND({sparql_term(ox.Literal(value))} AS ?v) }}")
    assert [s["v"].value for s in solutions] == [value]


def test_queries_serialized_language_and_datatype():
    assert sparql_term(ox.Literal("x", language="en-GB")) == '"x"@en-gb'
    assert sparql_term(ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))) == (
        '"1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    )
    with pytest.raises(ValueError):
        sparql_term(ox.BlankNode())


def test_queries_server_without_union_default_graph_is_found_out_once_it_has_articles(plain_server):
    plain_server.clear()
    store = plain_server.store()  # default_graph="auto"
    assert run_query(store, load_query("who-said-what")).rows == []
    store.replace_article(to_rdf(make_facts("first")))
    assert len(run_query(store, load_query("who-said-what")).rows) == 1
    assert store.default_graph == "graphs"


def _speaker_without_alias(facts, kind="Person"):
    """The sample article with Ana Lopez known by her full name only (no 'Lopez' alias), as a ``kind``."""
    lopez = next(a for a in facts.actors if a.label == "Ana Lopez")
    actors = tuple(dataclasses.replace(a, aliases=(), kind=kind) if a is lopez else a for a in facts.actors)
    return dataclasses.replace(facts, actors=actors)


@pytest.mark.parametrize("actor, rows", [("Lopez", 1), ("LOPEZ", 1), ("opez", 0), ("Ana", 0)])
def test_queries_actor_parameter_matches_a_persons_surname(empty_store, actor, rows):
    empty_store.replace_article(to_rdf(_speaker_without_alias(make_facts("first"))))
    assert len(run_query(empty_store, load_query("who-said-what"), {"actor": actor}).rows) == rows


def test_queries_surname_match_is_for_persons_only(empty_store):
    empty_store.replace_article(to_rdf(_speaker_without_alias(make_facts("first"), kind="Organization")))
    assert run_query(empty_store, load_query("who-said-what"), {"actor": "Lopez"}).rows == []
    assert len(run_query(empty_store, load_query("who-said-what"), {"actor": "Ana Lopez"}).rows) == 1
