"""The SHACL stage: an article graph in, a verdict out (conforms, report graph, report text).

Shapes come from ``shapes/``, checked with pySHACL against the data plus the ontology (so that a
``kg:Person`` counts where a ``kg:Actor`` is required). ``reason=True`` first closes the data under
OWL RL (owlrl) with the ontology and keeps what it infers about the article's own nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import owlrl
import pyshacl
from rdflib import OWL, RDF, RDFS, SH, Graph, URIRef

from .rdf import ID, WD, new_graph
from .resources import ontology_path, shapes_path

TRIVIAL_TYPES = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}


@dataclass(frozen=True)
class Violation:
    """One failed constraint: which shape, which node, which property, and the shape's message."""

    shape: str
    focus: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.shape}: {self.focus}{where}: {self.message}"


@dataclass(frozen=True)
class Validation:
    """pySHACL's triple, with the violations read out of the report graph."""

    conforms: bool
    report_graph: Graph
    report_text: str
    violations: tuple[Violation, ...]


@lru_cache(maxsize=1)
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ontology_path(), format="turtle")
    return graph


@lru_cache(maxsize=1)
def shapes() -> Graph:
    graph = Graph()
    graph.parse(shapes_path(), format="turtle")
    return graph


def validate_graph(data: Graph) -> Validation:
    """Check one article's graph against the shapes."""
    conforms, report_graph, report_text = pyshacl.validate(
        data, shacl_graph=shapes(), ont_graph=ontology(), inference="none", allow_warnings=True
    )
    return Validation(bool(conforms), report_graph, report_text, violations(report_graph))


def violations(report: Graph) -> tuple[Violation, ...]:
    """The report's results as sorted ``Violation`` records."""
    found = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(result, SH.resultSeverity) != SH.Violation:
            continue
        found.append(
            Violation(
                shape=_short(report.value(result, SH.sourceShape)),
                focus=_short(report.value(result, SH.focusNode)),
                path=_short(report.value(result, SH.resultPath)),
                message=str(report.value(result, SH.resultMessage) or ""),
            )
        )
    return tuple(sorted(found, key=lambda v: (v.shape, v.focus, v.path, v.message)))


def infer(data: Graph) -> Graph:
    """What OWL RL adds to an article graph: new triples about the article's own nodes only.

    Copies made through ``owl:sameAs`` to Wikidata items are left out: they say nothing new and
    would give a mention two referents.
    """
    closure = Graph()
    for triple in ontology():
        closure.add(triple)
    for triple in data:
        closure.add(triple)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    inferred = new_graph()
    base = str(ID)
    for subject, predicate, value in closure:
        if not str(subject).startswith(base) or (subject, predicate, value) in data:
            continue
        if predicate == OWL.sameAs and value == subject or str(value).startswith(str(WD)):
            continue
        if predicate == RDF.type and value in TRIVIAL_TYPES:
            continue
        inferred.add((subject, predicate, value))
    return inferred


def _short(node) -> str:
    """IRIs of shapes and nodes in a readable form: the part after the last '#' or the id base."""
    if node is None:
        return ""
    text = str(node)
    if isinstance(node, URIRef):
        if text.startswith(str(ID)):
            return text[len(str(ID)) :]
        if "#" in text:
            return text.rsplit("#", 1)[1]
    return text
