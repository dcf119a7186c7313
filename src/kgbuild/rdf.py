"""The RDF stage: an article's facts in, its named graph out.

In: ``facts.ArticleFacts``. Out: an ``ArticleGraph``, an rdflib ``Graph`` of triples under the kgbuild
ontology plus the IRI of the named graph it goes into. IRIs are derived from the facts alone (the
article id, offsets, QIDs), so the same input gives the same graph; there are no blank nodes.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from rdflib import OWL, PROV, RDF, RDFS, XSD, Graph, Literal, URIRef

from . import __version__
from .facts import Actor, ArticleFacts, Event, Role, Statement, TextSpan
from .vocab import KG, KGID, ONTOLOGY_VERSION, WD

ID = KGID  # instance IRIs, as the ontology declares them
PREFIXES = {"kg": KG._NS, "kgid": ID, "wd": WD, "prov": PROV, "owl": OWL, "rdfs": RDFS, "xsd": XSD}


@dataclass(frozen=True)
class ArticleGraph:
    """One article's triples and the named graph they belong in."""

    article_id: str
    graph_iri: URIRef
    graph: Graph


def iri_part(text: str) -> str:
    """Percent-encode a piece of an IRI (article ids come from input files and may hold anything)."""
    return quote(text, safe="")


def graph_iri(article_id: str) -> URIRef:
    """The named graph that holds an article's facts."""
    return ID[f"graph/{iri_part(article_id)}"]


def article_iri(article_id: str) -> URIRef:
    return ID[f"article/{iri_part(article_id)}"]


def actor_iri(actor_key: str, article_id: str) -> URIRef:
    """Shared across articles by QID or by kind and name; anonymous actors belong to their article."""
    if actor_key.startswith("anonymous/"):
        return ID[f"article/{iri_part(article_id)}/actor/{actor_key}"]
    return ID[f"actor/{actor_key}"]


def new_graph() -> Graph:
    graph = Graph(store="SimpleMemory")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def to_rdf(facts: ArticleFacts) -> ArticleGraph:
    """The named graph of one article."""
    return _GraphWriter(facts).write()


class _GraphWriter:
    def __init__(self, facts: ArticleFacts):
        self.facts = facts
        self.article_id = facts.article.id
        self.article = article_iri(self.article_id)
        self.extraction = URIRef(f"{self.article}/extraction")
        self.graph = new_graph()

    def write(self) -> ArticleGraph:
        self.add_article()
        for actor in self.facts.actors:
            self.add_actor(actor)
        for number, role in enumerate(self.facts.roles, start=1):
            self.add_role(number, role)
        statement_iris = [self.add_statement(n, s) for n, s in enumerate(self.facts.statements, start=1)]
        event_iris = [URIRef(f"{self.article}/event/{n}") for n in range(1, len(self.facts.events) + 1)]
        for event, iri in zip(self.facts.events, event_iris):
            self.add_event(iri, event, statement_iris, event_iris)
        return ArticleGraph(self.article_id, graph_iri(self.article_id), self.graph)

    def add(self, subject: URIRef, predicate: URIRef, value) -> None:
        """One triple; Python values become typed literals, None adds nothing."""
        if value is None:
            return
        if not isinstance(value, (URIRef, Literal)):
            value = literal(value)
        self.graph.add((subject, predicate, value))

    def add_article(self) -> None:
        article = self.facts.article
        self.add(self.article, RDF.type, KG.Article)
        self.add(self.article, KG.articleId, article.id)
        self.add(self.article, KG.headline, article.title)
        if article.url:
            self.add(self.article, KG.url, Literal(article.url, datatype=XSD.anyURI))
        self.add(self.article, KG.publisher, article.publisher)
        self.add(self.article, KG.published, article.published)
        self.add(self.extraction, RDF.type, KG.Extraction)
        self.add(self.extraction, PROV.used, self.article)
        self.add(self.extraction, KG.extractorVersion, f"kgbuild {__version__}")
        self.add(self.extraction, KG.ontologyVersion, ONTOLOGY_VERSION)

    def add_fact(self, subject: URIRef, fact_class: URIRef, evidence: TextSpan) -> None:
        """What every fact carries: its class, its article, its evidence sentence and the run that made it."""
        self.add(subject, RDF.type, fact_class)
        self.add(subject, KG.article, self.article)
        self.add(subject, KG.evidence, self.add_span(evidence))
        self.add(subject, PROV.wasGeneratedBy, self.extraction)

    def add_span(self, span: TextSpan, kind: str = "span") -> URIRef:
        iri = URIRef(f"{self.article}/{kind}/{span.start}-{span.end}")
        self.add(iri, RDF.type, KG.Mention if kind == "mention" else KG.TextSpan)
        self.add(iri, KG.inArticle, self.article)
        self.add(iri, KG.start, typed_literal(span.start, XSD.integer))
        self.add(iri, KG.end, typed_literal(span.end, XSD.integer))
        self.add(iri, KG.sentence, typed_literal(span.sentence, XSD.integer))
        self.add(iri, KG.text, span.text)
        return iri

    def actor(self, key: str) -> URIRef:
        return actor_iri(key, self.article_id)

    def add_actor(self, actor: Actor) -> None:
        iri = self.actor(actor.key)
        self.add(iri, RDF.type, KG[actor.kind])
        self.add(iri, RDFS.label, actor.label)
        if actor.wikidata:
            self.add(iri, KG.wikidata, actor.wikidata)
            self.add(iri, OWL.sameAs, WD[actor.wikidata])
        for alias in actor.aliases:
            self.add(iri, KG.alias, alias)
        names = (actor.label, *actor.aliases, actor.wikidata or "")
        for key in sorted(set().union(*(name_keys(name, person=actor.kind == "Person") for name in names))):
            self.add(iri, KG.nameKey, key)
        for title in actor.titles:
            self.add(iri, KG.title, title)
        if actor.anonymous:
            self.add(iri, KG.anonymous, True)
            self.add(iri, KG.description, actor.label)
        for mention in actor.mentions:
            self.add(self.add_span(mention, "mention"), KG.refersTo, iri)

    def add_role(self, number: int, role: Role) -> URIRef:
        """A role node of this article: "Foreign Minister of Russia", held by its holder on the article's date."""
        iri = URIRef(f"{self.article}/role/{number}")
        self.add_fact(iri, KG.Role, role.evidence)
        labels = {actor.key: actor.label for actor in self.facts.actors}
        self.add(iri, RDFS.label, f"{role.office} of {labels[role.of]}" if role.of in labels else role.office)
        self.add(iri, KG.holder, self.actor(role.holder))
        self.add(iri, KG.office, role.office)
        if role.of:
            self.add(iri, KG.roleOf, self.actor(role.of))
        if role.state:
            self.add(iri, KG.roleState, self.actor(role.state))
        self.add(iri, KG.roleSpan, self.add_span(role.span))
        self.add(iri, KG.date, role.date)
        self.add(iri, KG.position, role.position)
        self.add(iri, KG.positionWikidata, role.position_wikidata)
        self.add(iri, KG.rule, role.rule or None)
        return iri

    def add_statement(self, number: int, statement: Statement) -> URIRef:
        iri = URIRef(f"{self.article}/statement/{number}")
        self.add_fact(iri, KG.Statement, statement.evidence)
        self.add(iri, KG.speaker, self.actor(statement.speaker))
        self.add(iri, KG.text, statement.content.text)
        self.add(iri, KG.kind, statement.kind)
        self.add(iri, KG.content, self.add_span(statement.content))
        if statement.speaker_span:
            self.add(iri, KG.speakerText, statement.speaker_span.text)
            self.add(iri, KG.speakerSpan, self.add_span(statement.speaker_span))
        self.add(iri, KG.cue, statement.cue)
        if statement.cue_span:
            self.add(iri, KG.cueSpan, self.add_span(statement.cue_span))
        if statement.medium:
            medium = ID[f"medium/{iri_part(statement.medium.lower().replace(' ', '-'))}"]
            self.add(medium, RDF.type, KG.Medium)
            self.add(medium, RDFS.label, statement.medium)
            self.add(iri, KG.medium, medium)
        self.add(iri, KG.date, statement.date)
        for key in statement.about:
            self.add(iri, KG.about, self.actor(key))
        if statement.continues is not None:
            self.add(iri, KG.continues, URIRef(f"{self.article}/statement/{statement.continues + 1}"))
        self.add_confidence(iri, statement.confidence, statement.rule)
        return iri

    def add_event(
        self, iri: URIRef, event: Event, statement_iris: list[URIRef], event_iris: list[URIRef]
    ) -> None:
        self.add_fact(iri, KG.Event, event.evidence)
        self.add(iri, RDF.type, KG[event.event_type])
        self.add(iri, RDFS.label, event.trigger.text)
        self.add(iri, KG.trigger, self.add_span(event.trigger))
        for span in event.instruments:
            self.add(iri, KG.instrument, self.add_span(span))
        for predicate, keys in (
            (KG.agent, event.agents),
            (KG.target, event.targets),
            (KG.participant, event.participants),
            (KG.place, event.places),
        ):
            for key in keys:
                self.add(iri, predicate, self.actor(key))
        self.add(iri, KG.date, event.date)
        self.add(iri, KG.endDate, event.end_date)
        for number, quantity in enumerate(event.quantities, start=1):
            node = URIRef(f"{iri}/quantity/{number}")
            self.add(node, RDF.type, KG.Quantity)
            self.add(node, KG.value, typed_literal(quantity.value, XSD.integer))
            self.add(node, KG.counts, quantity.counts)
            self.add(iri, KG.quantity, node)
        self.add(iri, KG.status, event.status)
        if event.claimed_in is not None:
            self.add(iri, KG.claimedIn, statement_iris[event.claimed_in])
        if event.part_of is not None:
            self.add(iri, KG.partOf, event_iris[event.part_of])
        if event.denied_in is not None:
            self.add(iri, KG.deniedIn, statement_iris[event.denied_in])
        if event.agreed_at is not None:
            self.add(iri, KG.agreedAt, event_iris[event.agreed_at])
        if event.follows is not None:
            self.add(iri, KG.follows, event_iris[event.follows])
        self.add_confidence(iri, event.confidence, event.rule)

    def add_confidence(self, iri: URIRef, confidence: float, rule: str) -> None:
        self.add(iri, KG.confidence, typed_literal(str(round(confidence, 3)), XSD.decimal))
        self.add(iri, KG.rule, rule or None)


def name_keys(name: str, *, person: bool) -> set[str]:
    """The keys a query finds an actor by, for one of its names (label, alias or QID): the name in lower
    case, and for a person also every ending of it that follows a space ("donald trump", "trump").

    Python's ``str.lower`` and SPARQL's ``LCASE`` both apply Unicode's full lower-case mapping, so a key
    equals ``LCASE`` of what a user types for that name. An empty name has no key.
    """
    lowered = name.lower()
    keys = {lowered}
    if person:
        keys.update(lowered[index + 1 :] for index, character in enumerate(lowered) if character == " ")
    return keys - {""}


def literal(value) -> Literal:
    """Python value to a literal with the datatype the shapes expect.

    Counts and offsets are written as ``xsd:integer`` (the shapes add >= 0): stores such as Oxigraph
    keep ``xsd:nonNegativeInteger`` as ``xsd:integer`` anyway, and a graph must validate the same
    before and after it is stored.
    """
    if isinstance(value, bool):
        return typed_literal(value, XSD.boolean)
    if isinstance(value, datetime.date):
        return typed_literal(value.isoformat(), XSD.date)
    return Literal(value)


@lru_cache(maxsize=65_536)
def typed_literal(value: int | bool | str, datatype: URIRef) -> Literal:
    """A typed literal, remembered: rdflib takes 12-18 microseconds to make one (it parses the lexical
    form), and offsets, dates and confidences recur from article to article. Bounded, so memory stays flat."""
    return Literal(value, datatype=datatype)


def ntriples(graph: Graph) -> bytes:
    """The graph as N-Triples, UTF-8, the lines rdflib's ``nt`` serializer writes (twice as fast: each term
    is written once, however many triples it is in)."""
    written: dict = {}

    def term(node) -> str:
        text = written.get(node)
        if text is None:
            text = written[node] = _ntriples_literal(node) if isinstance(node, Literal) else node.n3()
        return text

    return "".join(f"{term(s)} {term(p)} {term(o)} .\n" for s, p, o in graph).encode("utf-8")


def _ntriples_literal(node: Literal) -> str:
    quoted = node.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    if node.language:
        return f'"{quoted}"@{node.language}'
    if node.datatype:
        return f'"{quoted}"^^<{node.datatype}>'
    return f'"{quoted}"'
