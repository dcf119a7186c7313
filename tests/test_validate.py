from rdflib import RDF, RDFS, Literal

from conftest import make_facts
from kgbuild.rdf import ID, to_rdf
from kgbuild.validate import infer, validate_graph
from kgbuild.vocab import KG


def test_validate_statement_without_speaker_names_the_statement_shape():
    graph = to_rdf(make_facts()).graph
    statement = ID["article/sample/statement/1"]
    graph.remove((statement, KG.speaker, None))
    validation = validate_graph(graph)
    assert not validation.conforms
    assert [(v.shape, v.focus) for v in validation.violations] == [
        ("StatementShape-speaker", "article/sample/statement/1")
    ]


def test_validate_negative_quantity_fails():
    graph = to_rdf(make_facts()).graph
    quantity = ID["article/sample/event/1/quantity/1"]
    graph.set((quantity, KG.value, Literal(-3)))
    validation = validate_graph(graph)
    assert not validation.conforms
    assert any(v.focus == "article/sample/event/1/quantity/1" for v in validation.violations)


def test_validate_reasoning_adds_superclasses_of_actors():
    graph = to_rdf(make_facts()).graph
    inferred = infer(graph)
    person = ID["actor/person/ana-lopez"]
    assert (person, None, KG.Actor) in inferred
    for triple in inferred:
        graph.add(triple)
    assert validate_graph(graph).conforms


def test_validate_person_counts_as_actor_and_graph_is_left_as_it_was():
    graph = to_rdf(make_facts()).graph
    statement = ID["article/sample/statement/1"]
    # the speaker is typed kg:Person only; StatementShape-speaker wants a kg:Actor
    assert (ID["actor/person/ana-lopez"], RDF.type, KG.Actor) not in graph
    assert validate_graph(graph).conforms
    speaker = set(graph.triples((statement, KG.speaker, None)))
    graph.remove((statement, KG.speaker, None))
    before = set(graph)
    assert not validate_graph(graph).conforms
    assert set(graph) == before
    assert speaker and not any(graph.triples((None, RDFS.subClassOf, None)))
