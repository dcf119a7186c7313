"""The SHACL stage: an article graph in, a verdict out (conforms, report graph, report text).

Shapes come from ``shapes/``, checked against the data plus the ontology's class hierarchy (so that a
``kg:Person`` counts where a ``kg:Actor`` is required): the ``rdfs:subClassOf`` triples are all that
``sh:targetClass`` and ``sh:class`` read of the ontology. Every graph goes first through the fast
check of ``kgbuild.shapecheck`` (the shapes compiled into Python), which clears a conforming graph in a
tenth of pySHACL's time; a graph it finds fault with goes to pySHACL, whose verdict and report are the
ones returned. ``reason=True`` first closes the data under OWL RL (owlrl) with the ontology and keeps
what it infers about the article's own nodes."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import owlrl
import pyshacl
from rdflib import OWL, RDF, RDFS, SH, BNode, Graph, Literal, URIRef

from .rdf import ID, WD, new_graph
from .resources import ontology_path, shapes_path
from .shapecheck import ShapeCheck

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
    """The shapes graph, in rdflib's plain (not context-aware) store: pySHACL reads it thousands of
    times per article, and that store answers a sixth faster."""
    graph = Graph(store="SimpleMemory")
    graph.parse(shapes_path(), format="turtle")
    return graph


@lru_cache(maxsize=1)
def class_hierarchy() -> tuple[tuple[URIRef, URIRef, URIRef], ...]:
    """The ontology's ``rdfs:subClassOf`` triples (pySHACL follows them transitively)."""
    return tuple(ontology().triples((None, RDFS.subClassOf, None)))


class _ConstraintParameters(list):
    """pySHACL's list of constraint parameters (sh:minCount, sh:class...), with set membership.

    For every shape and every focus node, pySHACL asks of each predicate of the shape whether it is in
    that list, comparing terms one by one: a fifth of the time of a validation. Same list, same order,
    same answers; a copy (what pySHACL's advanced mode makes and extends) is a plain list again.
    """

    def __init__(self, parameters):
        super().__init__(parameters)
        self._members = frozenset(parameters)

    def __contains__(self, item) -> bool:
        return item in self._members


def _speed_up_constraint_lookup() -> None:
    """Give pySHACL's shape module the parameter list with set membership (once per process)."""
    from pyshacl import shape
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    if not isinstance(getattr(shape, "CONSTRAINT_PARAMS", (None,))[0], _ConstraintParameters):
        shape.CONSTRAINT_PARAMS = (_ConstraintParameters(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


@lru_cache(maxsize=1)
def shape_check() -> ShapeCheck | None:
    """The shapes compiled for the fast check (None if they use a feature it does not implement)."""
    return ShapeCheck.compile(shapes(), class_hierarchy())


def conforming() -> Validation:
    """The verdict pySHACL gives a conforming graph: a report that says so and nothing else."""
    report = Graph()
    node = BNode()
    report.add((node, RDF.type, SH.ValidationReport))
    report.add((node, SH.conforms, Literal(True)))
    return Validation(True, report, "Validation Report\nConforms: True\n", ())


def validate_graph(data: Graph) -> Validation:
    """Check one article's graph against the shapes; ``data`` is left as it was.

    The fast check (``kgbuild.shapecheck``) clears a conforming graph; a graph it finds fault with, or
    any graph when it cannot read the shapes, goes to pySHACL, whose report is the one returned.
    """
    check = shape_check()
    if check is not None and not check.violations(data):
        return conforming()
    return validate_with_pyshacl(data)


def validate_with_pyshacl(data: Graph) -> Validation:
    """pySHACL's verdict and report on one article's graph; ``data`` is left as it was.

    pySHACL reads a copy of the data with the class hierarchy added, in the context-aware store it
    needs (article graphs use rdflib's plain one).
    """
    _speed_up_constraint_lookup()
    checked = Graph()
    for triple in itertools.chain(data, class_hierarchy()):
        checked.add(triple)
    conforms, report_graph, report_text = pyshacl.validate(
        checked, shacl_graph=shapes(), inference="none", allow_warnings=True, inplace=True
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
