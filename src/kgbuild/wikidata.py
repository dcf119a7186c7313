"""Wikidata-ready exports of a store: QuickStatements v1 commands and Wikibase RDF.

In: the article graphs of a store (rdflib Graphs, as ``kgbuild.export`` reads them). Out: claims on Wikidata items,
each with its qualifiers and a reference to the article it was read from:

- a direct quote of a speaker with a QID: quotation (P1683) in English, point in time (P585);
- a role whose office has a QID: position held (P39), point in time (P585);
- every claim is referenced by the article: reference URL (S854), publication date (S577), retrieved (S813).

Actors without a QID get nothing, unless ``create_items``: then each person who said something is created
(``CREATE``, English label, instance of human P31 Q5) and the claims go on ``LAST``.
QuickStatements lines follow OpenRefine: the claim with its qualifiers on one line, then one line per reference
that repeats the claim and adds the reference's source pairs.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import PROV, RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef

from .vocab import KG, WD

P = Namespace("http://www.wikidata.org/prop/")
PS = Namespace("http://www.wikidata.org/prop/statement/")
PQ = Namespace("http://www.wikidata.org/prop/qualifier/")
PR = Namespace("http://www.wikidata.org/prop/reference/")
WIKIBASE = Namespace("http://wikiba.se/ontology#")
WIKIBASE_PREFIXES = {"wd": WD, "p": P, "ps": PS, "pq": PQ, "pr": PR, "wikibase": WIKIBASE, "prov": PROV, "xsd": XSD}

QUOTATION, POINT_IN_TIME, POSITION_HELD = "P1683", "P585", "P39"
REFERENCE_URL, PUBLICATION_DATE, RETRIEVED = "P854", "P577", "P813"
INSTANCE_OF, HUMAN = "P31", "Q5"


@dataclass(frozen=True)
class Value:
    """A Wikibase value: an item (``kind`` "item"), English text ("text"), a URL ("url") or a day ("date")."""

    kind: str
    value: str

    def quickstatements(self) -> str:
        if self.kind == "item":
            return self.value
        if self.kind == "date":
            return f"+{self.value}T00:00:00Z/11"
        text = " ".join(self.value.split())  # no tab or line break may reach a command line
        return f'en:"{text}"' if self.kind == "text" else f'"{text}"'

    def rdf(self) -> URIRef | Literal:
        if self.kind == "item":
            return WD[self.value]
        if self.kind == "date":
            return Literal(f"{self.value}T00:00:00Z", datatype=XSD.dateTime, normalize=False)
        if self.kind == "url":
            return URIRef(self.value)
        return Literal(self.value, lang="en")


@dataclass(frozen=True)
class Claim:
    """One statement for Wikidata: ``subject`` (a QID, or the kgbuild IRI of an item to create), a property, a value,
    qualifiers, references (each a list of property/value pairs) and the kgbuild node it comes from."""

    subject: str
    label: str
    create: bool
    property: str
    value: Value
    source: URIRef
    qualifiers: tuple[tuple[str, Value], ...] = ()
    references: tuple[tuple[tuple[str, Value], ...], ...] = field(default=())


def claims(graphs: Iterable[Graph], *, create_items: bool = False, retrieved: datetime.date) -> list[Claim]:
    """The claims of all article graphs, in a stable order (subject, property, source node)."""
    found: list[Claim] = []
    for graph in graphs:
        found.extend(_quotes(graph, create_items, retrieved))
        found.extend(_positions(graph, retrieved))
    return sorted(found, key=lambda c: (c.create, c.subject, c.property, str(c.source)))


def quickstatements(found: list[Claim]) -> Iterator[str]:
    """QuickStatements v1 lines (tab-separated, no trailing newline) for ``found``."""
    created: dict[str, None] = {}
    for claim in found:
        subject = claim.subject
        if claim.create:
            if subject not in created:
                created[subject] = None
                yield "CREATE"
                yield f'LAST\tLen\t{Value("string", claim.label).quickstatements()}'
                yield f"LAST\t{INSTANCE_OF}\t{HUMAN}"
            subject = "LAST"
        head = [subject, claim.property, claim.value.quickstatements()]
        for prop, value in claim.qualifiers:
            head += [prop, value.quickstatements()]
        yield "\t".join(head)
        for reference in claim.references:
            sources = [part for prop, value in reference for part in ("S" + prop[1:], value.quickstatements())]
            yield "\t".join(head + sources)


def wikibase_graph(found: list[Claim]) -> Graph:
    """The claims as Wikibase RDF: ``p:`` statement nodes with ``ps:`` values, ``pq:`` qualifiers and
    ``prov:wasDerivedFrom`` references; new items are typed wikibase:Item with an English rdfs:label."""
    graph = Graph()
    for prefix, namespace in WIKIBASE_PREFIXES.items():
        graph.bind(prefix, namespace)
    for claim in found:
        subject = URIRef(claim.subject) if claim.create else WD[claim.subject]
        if claim.create:
            graph.add((subject, RDF.type, WIKIBASE.Item))
            graph.add((subject, RDFS.label, Literal(claim.label, lang="en")))
            graph.add((subject, P[INSTANCE_OF], WD[HUMAN]))
        statement = URIRef(f"{claim.source}/wikibase/{claim.property}")
        graph.add((subject, P[claim.property], statement))
        graph.add((statement, RDF.type, WIKIBASE.Statement))
        graph.add((statement, PS[claim.property], claim.value.rdf()))
        for prop, value in claim.qualifiers:
            graph.add((statement, PQ[prop], value.rdf()))
        for number, reference in enumerate(claim.references, start=1):
            node = URIRef(f"{statement}/reference/{number}")
            graph.add((statement, PROV.wasDerivedFrom, node))
            graph.add((node, RDF.type, WIKIBASE.Reference))
            for prop, value in reference:
                graph.add((node, PR[prop], value.rdf()))
    return graph


def _article_reference(graph: Graph, article: URIRef, retrieved: datetime.date) -> tuple[tuple[str, Value], ...]:
    """The reference to an article: its URL, publication date and the retrieval date (none without a URL)."""
    url = graph.value(article, KG.url)
    if url is None:
        return ()
    parts = [(REFERENCE_URL, Value("url", str(url)))]
    published = graph.value(article, KG.published)
    if published is not None:
        parts.append((PUBLICATION_DATE, Value("date", str(published))))
    parts.append((RETRIEVED, Value("date", retrieved.isoformat())))
    return (tuple(parts),)


def _subject(graph: Graph, actor: URIRef, create_items: bool) -> tuple[str, str, bool] | None:
    """(subject, label, create) of an actor: its QID; its IRI to create, for a named person with ``create_items``."""
    qid = graph.value(actor, KG.wikidata)
    label = str(graph.value(actor, RDFS.label) or "")
    if qid is not None:
        return str(qid), label, False
    named_person = (actor, RDF.type, KG.Person) in graph and graph.value(actor, KG.anonymous) is None
    return (str(actor), label, True) if create_items and named_person and label else None


def _quotes(graph: Graph, create_items: bool, retrieved: datetime.date) -> Iterator[Claim]:
    """Quotation (P1683) of each direct statement, on its speaker, at its date."""
    for statement in graph.subjects(RDF.type, KG.Statement):
        if str(graph.value(statement, KG.kind)) != "direct":
            continue
        subject = _subject(graph, graph.value(statement, KG.speaker), create_items)
        if subject is None:
            continue
        date = graph.value(statement, KG.date)
        yield Claim(
            subject=subject[0],
            label=subject[1],
            create=subject[2],
            property=QUOTATION,
            value=Value("text", str(graph.value(statement, KG.text))),
            source=statement,
            qualifiers=((POINT_IN_TIME, Value("date", str(date))),) if date is not None else (),
            references=_article_reference(graph, graph.value(statement, KG.article), retrieved),
        )


def _positions(graph: Graph, retrieved: datetime.date) -> Iterator[Claim]:
    """Position held (P39) of each role whose office has a QID, on a holder with a QID, at the role's date."""
    for role in graph.subjects(RDF.type, KG.Role):
        office = graph.value(role, KG.positionWikidata)
        subject = _subject(graph, graph.value(role, KG.holder), False)
        if office is None or subject is None:
            continue
        date = graph.value(role, KG.date)
        yield Claim(
            subject=subject[0],
            label=subject[1],
            create=False,
            property=POSITION_HELD,
            value=Value("item", str(office)),
            source=role,
            qualifiers=((POINT_IN_TIME, Value("date", str(date))),) if date is not None else (),
            references=_article_reference(graph, graph.value(role, KG.article), retrieved),
        )
