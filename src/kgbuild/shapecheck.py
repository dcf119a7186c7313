"""A fast SHACL check for the build: the shapes read once into plain Python, one graph checked at a time.

pySHACL walks a data graph through rdflib's generic triple lookups, a few hundred thousand per article
graph: about 0.2 s a graph, nearly as long as parsing the article. ``ShapeCheck`` compiles the shapes
graph once into checks over a dictionary index of the data (subject -> predicate -> values) and finds
the (source shape, focus node) pairs that pySHACL would report.

It knows only the SHACL Core features that kgbuild's shapes use (listed in ``NODE_SHAPE_KEYS``,
``PROPERTY_SHAPE_KEYS`` and ``VALUE_SHAPE_KEYS``) plus SPARQL-based constraints; ``ShapeCheck.compile``
returns None for shapes that use anything else, and the caller then asks pySHACL. Where a value is of a
kind these checks do not model (a blank node compared with ``sh:lessThanOrEquals``, literals that
cannot be ordered), they report a violation: the check may send a graph to pySHACL that conforms, but it
never lets through one that does not.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import RDF, RDFS, SH, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.plugins.sparql import prepareQuery
from rdflib.term import Node

ANNOTATION_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.name, SH.description, SH.message, SH.order, SH.group}
NODE_SHAPE_KEYS = ANNOTATION_KEYS | {SH.targetClass, SH.property, SH.sparql}
VALUE_SHAPE_KEYS = ANNOTATION_KEYS | {
    SH["class"], SH.datatype, SH.nodeKind, SH.minLength, SH.minInclusive, SH.maxInclusive, SH.pattern, SH["in"], SH["or"]
}
PROPERTY_SHAPE_KEYS = VALUE_SHAPE_KEYS | {SH.path, SH.minCount, SH.maxCount, SH.equals, SH.lessThanOrEquals}
SPARQL_CONSTRAINT_KEYS = ANNOTATION_KEYS | {SH.select, SH.prefixes}

# The Python type rdflib gives a well-formed literal of each datatype (pySHACL's own test of "the
# literal's datatype is the datatype and the literal is not ill-typed"); other datatypes: IRI equality.
VALUE_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}
NODE_KINDS: dict[URIRef, tuple[type, ...]] = {
    SH.IRI: (URIRef,),
    SH.Literal: (Literal,),
    SH.BlankNode: (BNode,),
    SH.BlankNodeOrIRI: (BNode, URIRef),
    SH.BlankNodeOrLiteral: (BNode, Literal),
    SH.IRIOrLiteral: (URIRef, Literal),
}


# rdflib builds a term on every attribute access of its namespaces: the hot paths read these instead
TYPE, SUBCLASS_OF, XSD_STRING, LANG_STRING = RDF.type, RDFS.subClassOf, XSD.string, RDF.langString


class Unsupported(Exception):
    """The shapes use a SHACL feature this check does not implement."""


class DataIndex:
    """One data graph as subject -> predicate -> values, with instance tests through rdfs:subClassOf."""

    def __init__(self, graph: Graph, hierarchy: Iterable[tuple[Node, Node, Node]]):
        self.graph = graph
        self.values: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self._typed: dict[Node, list[Node]] = defaultdict(list)  # class -> nodes typed with it
        subclass_of: dict[Node, set[Node]] = defaultdict(set)
        for subject, predicate, value in graph:
            self.values[subject][predicate].append(value)
            if predicate == TYPE:
                self._typed[value].append(subject)
            elif predicate == SUBCLASS_OF:
                subclass_of[subject].add(value)
        for subject, _, value in hierarchy:
            subclass_of[subject].add(value)
        self._subclass_of = subclass_of
        self._superclasses: dict[Node, set[Node]] = {}

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        found = self.values.get(subject)
        return found.get(predicate, []) if found else []

    def superclasses(self, cls: Node) -> set[Node]:
        """``cls`` and every class it is a subclass of, directly or not."""
        if cls not in self._superclasses:
            seen, todo = {cls}, [cls]
            while todo:
                for parent in self._subclass_of.get(todo.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        todo.append(parent)
            self._superclasses[cls] = seen
        return self._superclasses[cls]

    def is_instance(self, node: Node, cls: Node) -> bool:
        return any(cls in self.superclasses(t) for t in self.objects(node, TYPE))

    def instances(self, cls: Node) -> set[Node]:
        return {node for t, nodes in self._typed.items() if cls in self.superclasses(t) for node in nodes}


Path = Callable[[DataIndex, Node], list[Node]]
ValueTest = Callable[[DataIndex, Node], bool]  # True: the value node passes


@dataclass(frozen=True)
class PropertyCheck:
    """One property shape: its path, cardinality, tests per value node, and tests against other properties."""

    shape: Node
    path: Path
    min_count: int | None
    max_count: int | None
    value_tests: tuple[ValueTest, ...]
    equals: tuple[Node, ...]
    less_than_or_equals: tuple[Node, ...]

    def conforms(self, index: DataIndex, focus: Node) -> bool:
        # plain loops, not generators: this runs about 1,200 times per article graph
        values = self.path(index, focus)
        if self.min_count is not None and len(values) < self.min_count:
            return False
        if self.max_count is not None and len(values) > self.max_count:
            return False
        for value in values:
            for test in self.value_tests:
                if not test(index, value):
                    return False
        if self.equals and any(set(values) != set(index.objects(focus, other)) for other in self.equals):
            return False
        if not self.less_than_or_equals:
            return True
        if any(isinstance(value, BNode) for value in values):
            return False  # pySHACL stops with an error on these: let it
        return all(
            _less_than_or_equal(value, bound)
            for other in self.less_than_or_equals
            for bound in index.objects(focus, other)
            for value in values
        )


@dataclass(frozen=True)
class SparqlCheck:
    """A SPARQL-based constraint, run once over the graph with ``$this`` free."""

    shape: Node
    query: object  # rdflib's prepared query

    def violating(self, index: DataIndex) -> set[Node]:
        return {row["this"] for row in index.graph.query(self.query)}


@dataclass(frozen=True)
class NodeCheck:
    shape: Node
    target_classes: tuple[Node, ...]
    properties: tuple[PropertyCheck, ...]
    sparql: tuple[SparqlCheck, ...]


@dataclass(frozen=True)
class ShapeCheck:
    """The compiled shapes; ``violations(graph)`` gives the (source shape, focus node) pairs that fail."""

    node_checks: tuple[NodeCheck, ...]
    hierarchy: tuple[tuple[Node, Node, Node], ...]

    @classmethod
    def compile(cls, shapes: Graph, hierarchy: Iterable[tuple[Node, Node, Node]] = ()) -> ShapeCheck | None:
        """The check for ``shapes``, or None when they use a feature it does not implement."""
        try:
            return cls(tuple(_node_check(shapes, s) for s in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)))), tuple(hierarchy))
        except Unsupported:
            return None

    def violations(self, graph: Graph) -> set[tuple[Node, Node]]:
        index = DataIndex(graph, self.hierarchy)
        found: set[tuple[Node, Node]] = set()
        for node_check in self.node_checks:
            focus_nodes = {n for cls in node_check.target_classes for n in index.instances(cls)}
            for focus in focus_nodes:
                for check in node_check.properties:
                    if not check.conforms(index, focus):
                        found.add((check.shape, focus))
            for sparql in node_check.sparql:
                found.update((node_check.shape, focus) for focus in sparql.violating(index) & focus_nodes)
        return found


def _require_only(shapes: Graph, shape: Node, allowed: set[Node]) -> None:
    for key in set(shapes.predicates(shape)) - allowed:
        raise Unsupported(f"{shape}: {key}")


def _node_check(shapes: Graph, shape: Node) -> NodeCheck:
    _require_only(shapes, shape, NODE_SHAPE_KEYS)
    if (shape, RDF.type, SH.PropertyShape) in shapes:
        raise Unsupported(f"{shape} is both a node shape and a property shape")
    return NodeCheck(
        shape,
        tuple(shapes.objects(shape, SH.targetClass)),
        tuple(_property_check(shapes, p) for p in shapes.objects(shape, SH.property)),
        tuple(_sparql_check(shapes, c) for c in shapes.objects(shape, SH.sparql)),
    )


def _property_check(shapes: Graph, shape: Node) -> PropertyCheck:
    _require_only(shapes, shape, PROPERTY_SHAPE_KEYS)
    paths = list(shapes.objects(shape, SH.path))
    if len(paths) != 1:
        raise Unsupported(f"{shape}: {len(paths)} paths")
    return PropertyCheck(
        shape,
        _path(shapes, paths[0]),
        _count(shapes, shape, SH.minCount),
        _count(shapes, shape, SH.maxCount),
        _value_tests(shapes, shape),
        tuple(shapes.objects(shape, SH.equals)),
        tuple(shapes.objects(shape, SH.lessThanOrEquals)),
    )


def _count(shapes: Graph, shape: Node, key: URIRef) -> int | None:
    counts = [int(c) for c in shapes.objects(shape, key)]
    return (max(counts) if key == SH.minCount else min(counts)) if counts else None


def _path(shapes: Graph, path: Node) -> Path:
    # a predicate IRI: its values
    if isinstance(path, URIRef):
        return lambda index, focus: index.objects(focus, path)
    # a sequence path (an RDF list): each step from the values of the step before
    if (path, RDF.first, None) in shapes:
        steps = [_path(shapes, step) for step in Collection(shapes, path)]

        def sequence(index: DataIndex, focus: Node) -> list[Node]:
            nodes = [focus]
            for step in steps:
                nodes = list(dict.fromkeys(value for node in nodes for value in step(index, node)))
            return nodes

        return sequence
    # an alternative path: the values of any of its members
    alternatives = list(shapes.objects(path, SH.alternativePath))
    if len(alternatives) == 1 and set(shapes.predicates(path)) == {SH.alternativePath}:
        members = [_path(shapes, member) for member in Collection(shapes, alternatives[0])]
        return lambda index, focus: list(dict.fromkeys(v for member in members for v in member(index, focus)))
    raise Unsupported(f"path {path}")


def _value_tests(shapes: Graph, shape: Node) -> tuple[ValueTest, ...]:
    """The constraints that each value node must meet on its own."""
    tests: list[ValueTest] = []
    for cls in shapes.objects(shape, SH["class"]):
        tests.append(lambda index, value, cls=cls: isinstance(value, (URIRef, BNode)) and index.is_instance(value, cls))
    for datatype in shapes.objects(shape, SH.datatype):
        tests.append(lambda index, value, datatype=datatype: _has_datatype(value, datatype))
    for kind in shapes.objects(shape, SH.nodeKind):
        if kind not in NODE_KINDS:
            raise Unsupported(f"node kind {kind}")
        tests.append(lambda index, value, kinds=NODE_KINDS[kind]: isinstance(value, kinds))
    for length in shapes.objects(shape, SH.minLength):
        tests.append(lambda index, value, n=int(length): not isinstance(value, BNode) and len(str(value)) >= n)
    for pattern in shapes.objects(shape, SH.pattern):
        regex = re.compile(str(pattern))
        tests.append(lambda index, value, regex=regex: not isinstance(value, BNode) and regex.search(str(value)) is not None)
    for bound in shapes.objects(shape, SH.minInclusive):
        tests.append(lambda index, value, bound=bound: _compare(value, bound) in (0, 1))
    for bound in shapes.objects(shape, SH.maxInclusive):
        tests.append(lambda index, value, bound=bound: _compare(value, bound) in (0, -1))
    for members in shapes.objects(shape, SH["in"]):
        allowed = frozenset(Collection(shapes, members))
        tests.append(lambda index, value, allowed=allowed: value in allowed)
    for alternatives in shapes.objects(shape, SH["or"]):
        options = []
        for member in Collection(shapes, alternatives):
            _require_only(shapes, member, VALUE_SHAPE_KEYS)
            options.append(_value_tests(shapes, member))
        tests.append(
            lambda index, value, options=tuple(options): any(all(t(index, value) for t in option) for option in options)
        )
    return tuple(tests)


def _has_datatype(value: Node, datatype: Node) -> bool:
    """sh:datatype as pySHACL reads it: the datatype's IRI, and a well-formed value for XSD's types."""
    if not isinstance(value, Literal):
        return False
    if value.datatype == datatype:
        if getattr(value, "ill_typed", None) is True:
            return False
    elif not (value.datatype is None and value.language is None and datatype == XSD_STRING):
        if not (datatype == LANG_STRING and value.language):
            return False
    expected = VALUE_TYPES.get(datatype)
    return expected is None or isinstance(value.value, expected)


def _compare(value: Node, bound: Node) -> int | None:
    """-1, 0 or 1 as pySHACL orders a value against sh:minInclusive/maxInclusive; None: not comparable."""
    if not isinstance(value, Literal) or not isinstance(bound, Literal):
        return None
    if type(value.value) is int and type(bound.value) is int:  # offsets and counts: what pySHACL answers, directly
        return (value.value > bound.value) - (value.value < bound.value)
    if isinstance(value.value, str) != isinstance(bound.value, str):
        return None
    try:
        return compare_literal(value, bound)
    except (TypeError, NotImplementedError):
        return None


def _less_than_or_equal(value: Node, bound: Node) -> bool:
    """sh:lessThanOrEquals for one pair of values as pySHACL compares them; anything unusual fails."""
    if isinstance(value, BNode) or isinstance(bound, BNode):
        return False
    (left, left_is_text), (right, right_is_text) = _comparable(value), _comparable(bound)
    if left_is_text != right_is_text:
        return False
    try:
        return bool(left <= right)
    except TypeError:
        return False


def _comparable(node: Node) -> tuple[object, bool]:
    """What pySHACL compares for a node (IRIs and string literals as Python strings), and whether it is text.

    (rdflib's terms are ``str`` subclasses, so ``isinstance(term, str)`` cannot tell text apart.)
    """
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def _sparql_check(shapes: Graph, constraint: Node) -> SparqlCheck:
    _require_only(shapes, constraint, SPARQL_CONSTRAINT_KEYS)
    selects = list(shapes.objects(constraint, SH.select))
    if len(selects) != 1:
        raise Unsupported(f"{constraint}: {len(selects)} queries")
    namespaces = {}
    for ontology in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            namespaces[str(shapes.value(declaration, SH.prefix))] = URIRef(str(shapes.value(declaration, SH.namespace)))
    text = str(selects[0])
    if "$this" not in text or "?this" in text:
        raise Unsupported(f"{constraint}: query without $this")
    return SparqlCheck(constraint, prepareQuery(text.replace("$this", "?this"), initNs=namespaces))
