"""The fast SHACL check (kgbuild.shapecheck) finds the very violations pySHACL finds.

Compared on kgbuild graphs and on hundreds of broken copies of them (a triple removed, a value
replaced by one of the wrong kind, a second value added), pair by pair: (source shape, focus node).
"""

from __future__ import annotations

import random

import pyshacl
import pyshacl.errors
import pytest
from rdflib import RDF, SH, XSD, BNode, Dataset, Graph, Literal, URIRef

from kgbuild.rdf import to_rdf
from kgbuild.shapecheck import ShapeCheck
from kgbuild.validate import shape_check, shapes, validate_graph, validate_with_pyshacl
from kgbuild.vocab import KG

from conftest import make_facts
from pathlib import Path

REFERENCE_GRAPH = Path(__file__).resolve().parents[1] / "graph" / "prisoner-swap.trig"
STRANGER = URIRef("https://example.org/not-in-the-graph")
WRONG_VALUES = (
    Literal(""),
    Literal("some text"),
    Literal(-1),
    Literal(10**6),
    Literal("abc", datatype=XSD.integer),  # ill-typed
    Literal("2025-02-30", datatype=XSD.date),  # ill-typed
    Literal("Q0"),
    BNode("blank"),
    STRANGER,
)


def pyshacl_pairs(graph: Graph) -> set[tuple]:
    """(source shape, focus node) of every violation pySHACL reports, checked as kgbuild.validate does."""
    report = validate_with_pyshacl(graph).report_graph
    return {
        (report.value(result, SH.sourceShape), report.value(result, SH.focusNode))
        for result in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(result, SH.resultSeverity) == SH.Violation
    }


def mutations(graph: Graph):
    """Broken copies of ``graph``: for the first triple of each predicate, removed, replaced, doubled."""
    triples = sorted(graph)
    first_of_predicate = {}
    for triple in triples:
        first_of_predicate.setdefault(triple[1], triple)
    for subject, predicate, value in first_of_predicate.values():
        yield f"remove {predicate}", [(subject, predicate, value)], []
        for wrong in WRONG_VALUES:
            yield f"{predicate} = {wrong!r}", [(subject, predicate, value)], [(subject, predicate, wrong)]
        yield f"second {predicate}", [], [(subject, predicate, Literal("another"))]
    for subject, _, cls in graph.triples((None, RDF.type, None)):
        for other in (KG.Place, KG.Person, KG.TextSpan):
            if other != cls:
                yield f"{subject} a {other} not {cls}", [(subject, RDF.type, cls)], [(subject, RDF.type, other)]


def mutated(graph: Graph, removed, added) -> Graph:
    copy = Graph()
    for triple in graph:
        if triple not in removed:
            copy.add(triple)
    for triple in added:
        copy.add(triple)
    return copy


def reference_graph() -> Graph:
    dataset = Dataset()
    dataset.parse(REFERENCE_GRAPH, format="trig")
    (graph,) = [g for g in dataset.graphs() if len(g) and g.identifier != dataset.default_graph.identifier]
    return graph


def test_shapecheck_reads_every_shipped_shape():
    check = shape_check()
    assert check is not None
    node_shapes = set(shapes().subjects(RDF.type, SH.NodeShape))
    assert {c.shape for c in check.node_checks} == node_shapes
    property_shapes = set(shapes().subjects(RDF.type, SH.PropertyShape))
    assert {p.shape for c in check.node_checks for p in c.properties} == property_shapes


def test_shapecheck_agrees_with_pyshacl_on_broken_copies_of_a_graph():
    graph = to_rdf(make_facts()).graph
    check = shape_check()
    assert check.violations(graph) == pyshacl_pairs(graph) == set()
    cases = list(mutations(graph))
    assert len(cases) > 300
    random.Random(7).shuffle(cases)
    failing_shapes = set()
    for group in (cases[i : i + 10] for i in range(0, len(cases), 10)):  # ten breakages per copy: pySHACL is slow
        names = [name for name, _, _ in group]
        broken = mutated(graph, [t for _, removed, _ in group for t in removed], [t for _, _, added in group for t in added])
        try:
            expected = pyshacl_pairs(broken)
        except (pyshacl.errors.ReportableRuntimeError, TypeError):
            # pySHACL stops on it (a blank node or values it cannot order): the fast check must not clear it
            assert check.violations(broken), names
            continue
        assert check.violations(broken) == expected, names
        failing_shapes |= {shape for shape, _ in expected}
    # the copies break most of the shapes, so the agreement is not only on conforming graphs
    assert len(failing_shapes) >= 30, sorted(failing_shapes)


def test_shapecheck_agrees_with_pyshacl_on_the_reference_article():
    graph = reference_graph()
    check = shape_check()
    assert check.violations(graph) == pyshacl_pairs(graph) == set()
    event = next(graph.subjects(KG.date, None))
    day = graph.value(event, KG.date)
    actor = next(graph.subjects(KG.wikidata, None))
    span = next(graph.subjects(KG.start, None))
    breakages = {
        "event ends before it starts": ([], [(event, KG.endDate, Literal("2001-01-01", datatype=XSD.date))]),
        "event date a string": ([(event, KG.date, day)], [(event, KG.date, Literal(str(day)))]),
        "QID without its sameAs": ([], [(actor, KG.wikidata, Literal("Q1"))]),
        "sameAs without its QID": (list(graph.triples((actor, KG.wikidata, None))), []),
        "span starts after its end": (list(graph.triples((span, KG.start, None))), [(span, KG.start, Literal(10**9))]),
    }
    for name, (removed, added) in breakages.items():
        broken = mutated(graph, removed, added)
        expected = pyshacl_pairs(broken)
        assert expected, name
        assert check.violations(broken) == expected, name


def test_shapecheck_refuses_shapes_with_features_it_does_not_know():
    unknown = Graph()
    unknown.parse(
        data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <https://example.org/> .
        ex:Shape a sh:NodeShape ; sh:targetClass ex:Thing ; sh:closed true .
        """,
        format="turtle",
    )
    assert ShapeCheck.compile(unknown) is None


@pytest.mark.parametrize("broken", [False, True])
def test_validate_answers_like_pyshacl_either_way(broken):
    graph = to_rdf(make_facts()).graph
    if broken:
        graph.remove((None, KG.speaker, None))
    validation = validate_graph(graph)
    assert validation.conforms is not broken
    if broken:
        assert [v.shape for v in validation.violations] == ["StatementShape-speaker"]
        assert "Conforms: False" in validation.report_text
    else:
        assert validation.violations == ()
        assert validation.report_text == "Validation Report\nConforms: True\n"
        assert (None, SH.conforms, Literal(True)) in validation.report_graph
