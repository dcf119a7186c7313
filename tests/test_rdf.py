from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from conftest import make_facts
from kgbuild.rdf import ID, graph_iri, name_keys, ntriples, to_rdf
from kgbuild.validate import validate_graph
from kgbuild.vocab import KG


def sorted_ntriples(graph) -> list[str]:
    return sorted(graph.serialize(format="nt").splitlines())


def test_rdf_same_facts_give_the_same_graph_byte_for_byte(sample_facts):
    assert sorted_ntriples(to_rdf(sample_facts).graph) == sorted_ntriples(to_rdf(make_facts()).graph)


def test_rdf_has_no_blank_nodes(sample_facts):
    graph = to_rdf(sample_facts).graph
    assert not any(isinstance(term, BNode) for triple in graph for term in triple)


def test_rdf_sample_graph_conforms_to_the_shapes(sample_facts):
    validation = validate_graph(to_rdf(sample_facts).graph)
    assert validation.conforms, validation.report_text


def test_rdf_statement_carries_speaker_text_and_offsets(sample_facts):
    graph = to_rdf(sample_facts).graph
    statement = URIRef(ID["article/sample/statement/1"])
    assert graph.value(statement, KG.speaker) == ID["actor/person/ana-lopez"]
    assert graph.value(statement, KG.text) == Literal("We will talk.")
    content = graph.value(statement, KG.content)
    text = sample_facts.article.text
    start, end = int(graph.value(content, KG.start)), int(graph.value(content, KG.end))
    assert text[start:end] == "We will talk."
    assert graph.value(statement, KG.date) == Literal("2025-05-24", datatype=XSD.date)


def test_rdf_actor_with_qid_is_same_as_its_wikidata_item(sample_facts):
    graph = to_rdf(sample_facts).graph
    northland = ID["actor/Q999001"]
    assert (northland, RDF.type, KG.State) in graph
    assert (northland, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q999001")) in graph
    assert graph.value(northland, RDFS.label) == Literal("Northland")


def test_rdf_actors_carry_lower_case_name_keys(sample_facts):
    graph = to_rdf(sample_facts).graph
    keys = lambda actor: sorted(str(key) for key in graph.objects(actor, KG.nameKey))  # noqa: E731
    # a person: label, alias and the ending of the label after its space (the surname)
    assert keys(ID["actor/person/ana-lopez"]) == ["ana lopez", "lopez"]
    # not a person: label and QID only, no endings
    assert keys(ID["actor/Q999001"]) == ["northland", "q999001"]


def test_rdf_name_keys_of_a_person_are_every_ending_after_a_space():
    assert name_keys("Billionaire  Donald Trump", person=True) == {
        "billionaire  donald trump", " donald trump", "donald trump", "trump",
    }
    assert name_keys("United States", person=False) == {"united states"}
    assert name_keys("", person=True) == set()


def test_rdf_event_has_type_agent_and_quantity(sample_facts):
    graph = to_rdf(sample_facts).graph
    event = ID["article/sample/event/1"]
    assert (event, RDF.type, KG.Attack) in graph and (event, RDF.type, KG.Event) in graph
    assert graph.value(event, KG.agent) == ID["actor/Q999001"]
    quantity = graph.value(event, KG.quantity)
    assert graph.value(quantity, KG.value) == Literal(12, datatype=XSD.integer)
    assert graph.value(quantity, KG.counts) == Literal("injured")


def test_rdf_article_ids_are_percent_encoded_in_iris():
    facts = make_facts(article_id='bad id/with "quotes"> and {braces}')
    article_graph = to_rdf(facts)
    assert article_graph.graph_iri == URIRef(ID["graph/bad%20id%2Fwith%20%22quotes%22%3E%20and%20%7Bbraces%7D"])
    assert graph_iri("a b") == URIRef(ID["graph/a%20b"])
    assert all(" " not in str(term) for triple in article_graph.graph for term in triple if isinstance(term, URIRef))


def test_rdf_event_relations_and_instruments():
    from dataclasses import replace

    from conftest import SAMPLE_TEXT, span

    facts = make_facts()
    attack = facts.events[0]
    second = replace(attack, trigger=span(SAMPLE_TEXT, "injuring", 2), part_of=0, follows=0, agreed_at=None,
                     instruments=(span(SAMPLE_TEXT, "Friday", 2),), denied_in=0)
    graph = to_rdf(replace(facts, events=(attack, second))).graph
    first_iri, second_iri = ID["article/sample/event/1"], ID["article/sample/event/2"]
    assert graph.value(second_iri, KG.partOf) == first_iri
    assert graph.value(second_iri, KG.follows) == first_iri
    assert graph.value(second_iri, KG.deniedIn) == ID["article/sample/statement/1"]
    assert graph.value(graph.value(second_iri, KG.instrument), KG.text) == Literal("Friday")
    assert validate_graph(graph).conforms


def test_rdf_roles_at_two_dates_are_two_nodes_neither_overwrites_the_other():
    import datetime
    from dataclasses import replace

    from conftest import SAMPLE_TEXT, span

    from kgbuild.facts import Role

    graph = Graph()
    for article_id, day in (("a", datetime.date(2025, 5, 24)), ("b", datetime.date(2025, 6, 1))):
        facts = make_facts(article_id=article_id)
        role = Role(holder="person/ana-lopez", office="President", span=span(SAMPLE_TEXT, "President", 1),
                    evidence=facts.statements[0].evidence, of="Q999001", date=day, rule="title-before-name")
        article_graph = to_rdf(replace(facts, roles=(role,))).graph
        assert validate_graph(article_graph).conforms
        graph += article_graph
    lopez = ID["actor/person/ana-lopez"]
    roles = sorted(graph.subjects(KG.holder, lopez))
    assert roles == [ID["article/a/role/1"], ID["article/b/role/1"]]
    assert sorted(str(graph.value(r, KG.date)) for r in roles) == ["2025-05-24", "2025-06-01"]
    assert {graph.value(r, RDFS.label) for r in roles} == {Literal("President of Northland")}
    assert all(graph.value(r, KG.roleOf) == ID["actor/Q999001"] for r in roles)


def test_rdf_ntriples_are_the_lines_rdflib_writes():
    graph = Graph()
    subject = URIRef("https://w3id.org/kgbuild/id/article/caf%C3%A9")
    for value in (
        Literal('He said "no" \\ then\nleft\r'),  # every character N-Triples escapes
        Literal("Zelenskyy – Зеленський"),  # not ASCII: written as UTF-8
        Literal("Kyiv", lang="uk"),
        Literal(3, datatype=XSD.integer),
        Literal("0.85", datatype=XSD.decimal),
        URIRef("http://www.wikidata.org/entity/Q212"),
    ):
        graph.add((subject, RDFS.comment, value))
    graph.add((subject, RDF.type, KG.Article))

    written = ntriples(graph)

    assert sorted(written.splitlines()) == sorted(graph.serialize(format="nt", encoding="utf-8").splitlines())
    assert b'"He said \\"no\\" \\\\ then\\nleft\\r"' in written
    assert len(written.splitlines()) == 7
    assert Graph().parse(data=written.decode("utf-8"), format="nt").isomorphic(graph)
