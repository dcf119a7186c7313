"""The ontology, the SHACL shapes and the generated vocabulary agree with each other and with the data.

``build_minimal_article_graph()`` is the reusable helper: the smallest graph with one article, one
extraction, one person, a state, a place, a medium, one statement with its spans and one attack
event with a quantity, that conforms to the shapes. Tests break it one way at a time.
"""

from __future__ import annotations

import datetime
import importlib.util
import keyword
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import owlrl
import pyshacl
import pytest
import rdflib.namespace
from owlrl.Namespaces import ERRNS
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, PROV, SH

try:
    import kgbuild  # noqa: F401
except ModuleNotFoundError:  # a checkout without an installed package: use src/
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kgbuild import resources, vocabgen
from kgbuild.vocab import KG, ONTOLOGY_IRI, ONTOLOGY_VERSION

REPO = Path(__file__).resolve().parents[1]
KG_NS = "https://w3id.org/kgbuild/ontology#"
SHAPES = Namespace("https://w3id.org/kgbuild/shapes#")
SCHEMA = Namespace("https://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
ID = Namespace("https://w3id.org/kgbuild/id/")
# A plain Namespace: pytest probes module attributes, and rdflib's XSD warns on unknown names.
XSD = Namespace(str(rdflib.namespace.XSD))

# The terms other modules rely on: renaming or dropping one is a breaking change.
AGREED_CLASSES = {
    "Actor", "Person", "State", "Organization", "Place", "Article", "Statement", "Event",
    "PrisonerExchange", "Attack", "Capture", "Talks", "PhoneCall", "Sanctions", "Announcement",
    "Release", "Agreement", "Killing", "Injuring", "Arrest", "Coercion", "Protest", "Threat", "Demand",
    "Accusation", "Aid", "Mobilization", "Cooperation", "Quantity", "TextSpan", "Mention", "Medium",
    "Extraction", "Role",
}  # fmt: skip
AGREED_OBJECT_PROPERTIES = {
    "speaker", "about", "continues", "medium", "agent", "target", "participant", "place", "quantity", "partOf",
    "claimedIn", "deniedIn", "agreedAt", "follows", "instrument", "article", "evidence", "content",
    "speakerSpan", "cueSpan", "trigger", "refersTo", "inArticle", "holder", "roleOf", "roleState", "roleSpan",
}  # fmt: skip
AGREED_DATATYPE_PROPERTIES = {
    "text", "kind", "cue", "speakerText", "confidence", "rule", "date", "endDate", "status", "value", "counts",
    "start", "end", "sentence", "wikidata", "title", "anonymous", "description", "articleId",
    "headline", "url", "publisher", "published", "extractorVersion", "ontologyVersion", "office", "position",
    "positionWikidata", "nameKey",
}  # fmt: skip
# kg:alias specializes skos:altLabel; kg:ploverCategory and kg:cameoCode map event classes to the event coders' codebooks
AGREED_ANNOTATION_PROPERTIES = {"wikidataMatch", "alias", "ploverCategory", "cameoCode"}
AGREED_TERMS = AGREED_CLASSES | AGREED_OBJECT_PROPERTIES | AGREED_DATATYPE_PROPERTIES | AGREED_ANNOTATION_PROPERTIES

WIKIDATA_MATCHES = {
    KG.Person: {WD.Q5},
    KG.State: {WD.Q3624078},
    KG.Organization: {WD.Q43229},
    KG.Place: {WD.Q2221906},
    KG.Article: {WD.Q5707594},
    KG.Event: {WD.Q1190554},
    KG.PrisonerExchange: {WD.Q1467954},
    KG.Quantity: {WDT.P1120, WDT.P1339},
    KG.text: {WDT.P1683},
    KG.about: {WDT.P921},
    KG.participant: {WDT.P710},
    KG.date: {WDT.P585},
    KG.endDate: {WDT.P582},
    KG.place: {WDT.P276},
    KG.published: {WDT.P577},
    KG.partOf: {WDT.P361},
    KG.headline: {WDT.P1476},
    KG.Role: {WDT.P39},
    KG.roleOf: {WDT.P1001},
}


# --------------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------------

ARTICLE_TEXT = (
    "Russian missiles struck Kharkiv on Monday, injuring 15 people. "
    'Mayor Ihor Terekhov wrote on Telegram: "Fifteen people were injured in the strike."'
)
ARTICLE = ID["article/a1"]
EXTRACTION = ID["article/a1/extraction"]
PERSON = ID["actor/ihor-terekhov"]
RUSSIA = ID["actor/Q159"]
KHARKIV = ID["place/kharkiv"]
TELEGRAM = ID["medium/telegram"]
STATEMENT = ID["article/a1/statement/0"]
EVENT = ID["article/a1/event/0"]
QUANTITY = ID["article/a1/event/0/quantity/0"]
DAY = datetime.date(2024, 5, 13)


def add_span(
    graph: Graph,
    node: URIRef,
    phrase: str,
    *,
    sentence: int,
    article: URIRef = ARTICLE,
    text: str = ARTICLE_TEXT,
    cls: URIRef = KG.TextSpan,
) -> URIRef:
    """Add a kg:TextSpan for the first occurrence of ``phrase`` in ``text``, with real offsets."""
    start = text.index(phrase)
    graph.add((node, RDF.type, cls))
    graph.add((node, KG.start, Literal(start, datatype=XSD.integer)))
    graph.add((node, KG.end, Literal(start + len(phrase), datatype=XSD.integer)))
    graph.add((node, KG.sentence, Literal(sentence, datatype=XSD.integer)))
    graph.add((node, KG.text, Literal(phrase)))
    graph.add((node, KG.inArticle, article))
    return node


def build_minimal_article_graph() -> Graph:
    """The smallest kgbuild graph of one article that conforms to the shapes.

    Actors carry only their most specific type (kg:Person, kg:State), events only their subclass
    (kg:Attack): the shapes see kg:Actor / kg:Event through rdfs:subClassOf in the ontology.
    """
    g = Graph()
    g.bind("kg", KG_NS)
    g.bind("kgid", ID)
    sentence0, sentence1 = ARTICLE_TEXT.split(". ", 1)

    g.add((ARTICLE, RDF.type, KG.Article))
    g.add((ARTICLE, KG.articleId, Literal("a1")))
    g.add((ARTICLE, KG.headline, Literal("Missiles strike Kharkiv")))
    g.add((ARTICLE, KG.url, Literal("https://news.example.org/a1", datatype=XSD.anyURI)))
    g.add((ARTICLE, KG.publisher, Literal("Example News")))
    g.add((ARTICLE, KG.published, Literal(DAY)))

    g.add((EXTRACTION, RDF.type, KG.Extraction))
    g.add((EXTRACTION, PROV.used, ARTICLE))
    g.add((EXTRACTION, KG.extractorVersion, Literal("0.1.0")))
    g.add((EXTRACTION, KG.ontologyVersion, Literal(ONTOLOGY_VERSION)))

    g.add((PERSON, RDF.type, KG.Person))
    g.add((PERSON, RDFS.label, Literal("Ihor Terekhov")))
    g.add((PERSON, KG.alias, Literal("Terekhov")))
    g.add((PERSON, KG.title, Literal("Mayor")))
    g.add((PERSON, KG.anonymous, Literal(False)))
    g.add((RUSSIA, RDF.type, KG.State))
    g.add((RUSSIA, RDFS.label, Literal("Russia")))
    g.add((RUSSIA, KG.wikidata, Literal("Q159")))
    g.add((RUSSIA, OWL.sameAs, WD.Q159))
    g.add((KHARKIV, RDF.type, KG.Place))
    g.add((KHARKIV, RDFS.label, Literal("Kharkiv")))
    for actor in (PERSON, RUSSIA, KHARKIV):
        g.add((actor, KG.article, ARTICLE))
        g.add((actor, PROV.wasGeneratedBy, EXTRACTION))
    for i, (phrase, actor, sentence) in enumerate(
        [("Russian", RUSSIA, 0), ("Kharkiv", KHARKIV, 0), ("Ihor Terekhov", PERSON, 1)]
    ):
        mention = add_span(g, ID[f"article/a1/mention/{i}"], phrase, sentence=sentence, cls=KG.Mention)
        g.add((mention, KG.refersTo, actor))

    g.add((TELEGRAM, RDF.type, KG.Medium))
    g.add((TELEGRAM, RDFS.label, Literal("Telegram")))

    content = "Fifteen people were injured in the strike."
    g.add((STATEMENT, RDF.type, KG.Statement))
    g.add((STATEMENT, KG.speaker, PERSON))
    g.add((STATEMENT, KG.text, Literal(content)))
    g.add((STATEMENT, KG.kind, Literal("direct")))
    g.add((STATEMENT, KG.cue, Literal("write")))
    g.add((STATEMENT, KG.speakerText, Literal("Mayor Ihor Terekhov")))
    g.add((STATEMENT, KG.medium, TELEGRAM))
    g.add((STATEMENT, KG.about, KHARKIV))
    g.add((STATEMENT, KG.date, Literal(DAY)))
    g.add((STATEMENT, KG.confidence, Literal(Decimal("0.9"))))
    g.add((STATEMENT, KG.rule, Literal("quote-after-colon")))
    g.add((STATEMENT, KG.article, ARTICLE))
    g.add((STATEMENT, PROV.wasGeneratedBy, EXTRACTION))
    g.add((STATEMENT, KG.evidence, add_span(g, ID["article/a1/span/s1"], sentence1, sentence=1)))
    g.add((STATEMENT, KG.content, add_span(g, ID["article/a1/span/content0"], content, sentence=1)))
    g.add((STATEMENT, KG.speakerSpan, add_span(g, ID["article/a1/span/speaker0"], "Mayor Ihor Terekhov", sentence=1)))
    g.add((STATEMENT, KG.cueSpan, add_span(g, ID["article/a1/span/cue0"], "wrote", sentence=1)))

    g.add((EVENT, RDF.type, KG.Attack))
    g.add((EVENT, RDFS.label, Literal("Russia attacks Kharkiv")))
    g.add((EVENT, KG.agent, RUSSIA))
    g.add((EVENT, KG.target, KHARKIV))
    g.add((EVENT, KG.place, KHARKIV))
    g.add((EVENT, KG.date, Literal(DAY)))
    g.add((EVENT, KG.status, Literal("asserted")))
    g.add((EVENT, KG.confidence, Literal(Decimal("1.0"))))
    g.add((EVENT, KG.rule, Literal("attack-verb")))
    g.add((EVENT, KG.article, ARTICLE))
    g.add((EVENT, PROV.wasGeneratedBy, EXTRACTION))
    g.add((EVENT, KG.trigger, add_span(g, ID["article/a1/span/trigger0"], "struck", sentence=0)))
    g.add((EVENT, KG.evidence, add_span(g, ID["article/a1/span/s0"], sentence0 + ".", sentence=0)))
    g.add((EVENT, KG.quantity, QUANTITY))
    g.add((QUANTITY, RDF.type, KG.Quantity))
    g.add((QUANTITY, KG.value, Literal(15, datatype=XSD.integer)))
    g.add((QUANTITY, KG.counts, Literal("injured")))
    g.add((QUANTITY, KG.evidence, add_span(g, ID["article/a1/span/q0"], "15 people", sentence=0)))
    return g


def load(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load(resources.ontology_path())


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load(resources.shapes_path())


def validate(data: Graph, shapes: Graph, ontology: Graph | None) -> tuple[bool, Graph, str]:
    """Validate exactly as kgbuild does: the ontology as ont_graph, no inference."""
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return conforms, report, text


def failing_shapes(report: Graph, shapes: Graph) -> set[URIRef]:
    """The shapes a report's results come from: each property shape and the node shape it belongs to."""
    found: set[URIRef] = set(report.objects(None, SH.sourceConstraint))  # named SPARQL constraints
    for source in report.objects(None, SH.sourceShape):
        found.add(source)
        found.update(shapes.subjects(SH.property, source))
    return found


def kg_terms_in(graph: Graph) -> set[str]:
    return {
        str(term)[len(KG_NS) :]
        for triple in graph
        for term in triple
        if isinstance(term, URIRef) and str(term).startswith(KG_NS)
    }


# --------------------------------------------------------------------------------------------------
# The ontology
# --------------------------------------------------------------------------------------------------


def test_ontology_has_versioned_header(ontology: Graph) -> None:
    (header,) = ontology.subjects(RDF.type, OWL.Ontology)
    assert header == ONTOLOGY_IRI == URIRef("https://w3id.org/kgbuild/ontology")
    assert str(ontology.value(header, OWL.versionInfo)) == "0.2.0" == ONTOLOGY_VERSION
    assert ontology.value(header, OWL.versionIRI) == URIRef("https://w3id.org/kgbuild/ontology/0.2.0")
    for predicate in (DCTERMS.title, DCTERMS.description):
        assert ontology.value(header, predicate) is not None, predicate
    assert ontology.value(header, DCTERMS.license) == URIRef("https://spdx.org/licenses/MIT")


def test_ontology_declares_the_agreed_terms() -> None:
    declared = vocabgen.declared_terms(resources.ontology_path())
    assert declared == AGREED_TERMS, (
        f"missing: {sorted(AGREED_TERMS - declared)}, unexpected: {sorted(declared - AGREED_TERMS)}"
    )


def test_ontology_terms_are_typed_labelled_and_commented_owl2(ontology: Graph) -> None:
    kinds = {
        OWL.Class: AGREED_CLASSES,
        OWL.ObjectProperty: AGREED_OBJECT_PROPERTIES,
        OWL.DatatypeProperty: AGREED_DATATYPE_PROPERTIES,
        OWL.AnnotationProperty: AGREED_ANNOTATION_PROPERTIES,
    }
    for name in sorted(kg_terms_in(ontology)):
        term = URIRef(KG_NS + name)
        types = set(ontology.objects(term, RDF.type)) & set(kinds)
        assert len(types) == 1, f"kg:{name} must have exactly one OWL declaration, has {types}"
        assert name in kinds[types.pop()], f"kg:{name} is declared as the wrong kind"
        for predicate in (RDFS.label, RDFS.comment):
            values = [v for v in ontology.objects(term, predicate) if isinstance(v, Literal) and v.language == "en"]
            assert len(values) == 1 and str(values[0]).strip(), f"kg:{name} needs one English {predicate}"
        assert ontology.value(term, RDFS.isDefinedBy) == ONTOLOGY_IRI, f"kg:{name} needs rdfs:isDefinedBy"


def test_ontology_declares_every_iri_it_uses_as_class_or_property(ontology: Graph) -> None:
    declared = vocabgen.declared_iris(resources.ontology_path())
    used: set[URIRef] = set()
    for predicate in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range):
        used.update(o for s, o in ontology.subject_objects(predicate) if isinstance(o, URIRef))
    for members in ontology.objects(None, OWL.members):
        used.update(ontology.items(members))
    used.update(p for _, p, _ in ontology if p not in (RDF.type, RDF.first, RDF.rest))
    builtin = (str(XSD), str(RDFS), str(RDF), str(OWL))
    undeclared = {iri for iri in used if not str(iri).startswith(builtin) and iri not in declared}
    assert not undeclared, f"used but not declared: {sorted(undeclared)}"


def test_ontology_declares_external_properties_used_by_data(ontology: Graph) -> None:
    prov_o = URIRef("http://www.w3.org/ns/prov-o#")
    for prop in (PROV.wasGeneratedBy, PROV.used):
        assert (prop, RDF.type, OWL.ObjectProperty) in ontology
        assert ontology.value(prop, RDFS.isDefinedBy) == prov_o
        assert ontology.value(prop, RDFS.label) is not None and ontology.value(prop, RDFS.comment) is not None


def test_ontology_records_wikidata_matches(ontology: Graph) -> None:
    for term, expected in WIKIDATA_MATCHES.items():
        assert set(ontology.objects(term, KG.wikidataMatch)) == expected, term
    for term, match in ontology.subject_objects(KG.wikidataMatch):
        assert term in WIKIDATA_MATCHES, f"{term} has a Wikidata match nobody checked: {match}"


def test_ontology_alignments_and_axioms(ontology: Graph) -> None:
    expected = {
        (KG.Actor, RDFS.subClassOf, PROV.Agent),
        (KG.Actor, RDFS.subClassOf, SEM.Actor),
        (KG.Person, RDFS.subClassOf, KG.Actor),
        (KG.Person, RDFS.subClassOf, SCHEMA.Person),
        (KG.Person, RDFS.subClassOf, FOAF.Person),
        (KG.State, RDFS.subClassOf, KG.Actor),
        (KG.State, RDFS.subClassOf, KG.Place),
        (KG.Organization, RDFS.subClassOf, FOAF.Organization),
        (KG.Event, RDFS.subClassOf, SEM.Event),
        (KG.Attack, RDFS.subClassOf, KG.Event),
        (KG.Mention, RDFS.subClassOf, KG.TextSpan),
        (KG.Extraction, RDFS.subClassOf, PROV.Activity),
        (KG.Statement, RDFS.seeAlso, SCHEMA.Quotation),
        (KG.article, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (KG.agent, RDFS.subPropertyOf, SEM.hasActor),
        (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
        (KG.alias, RDFS.subPropertyOf, URIRef("http://www.w3.org/2004/02/skos/core#altLabel")),
        (KG.speaker, RDFS.range, KG.Actor),
        (KG.date, RDFS.range, XSD.date),
        (KG.endDate, RDFS.range, XSD.date),
        (KG.endDate, RDFS.subPropertyOf, SEM.hasEndTimeStamp),
        (KG.value, RDFS.range, XSD.nonNegativeInteger),
        (KG.confidence, RDFS.range, XSD.decimal),
        (KG.url, RDFS.range, XSD.anyURI),
    }
    assert expected <= set(ontology)
    event_types = ("PrisonerExchange", "Attack", "Capture", "Talks", "PhoneCall", "Sanctions", "Announcement",
                   "Release", "Agreement", "Killing", "Injuring", "Arrest", "Coercion", "Protest", "Threat",
                   "Demand", "Accusation", "Aid", "Mobilization", "Cooperation")  # fmt: skip
    assert set(ontology.subjects(RDFS.subClassOf, KG.Event)) == {KG[name] for name in event_types}
    disjoint_sets = [set(ontology.items(m)) for m in ontology.objects(None, OWL.members)]
    assert any({KG.Statement, KG.Event} <= members for members in disjoint_sets)
    assert not any({KG.Actor, KG.Place} <= members for members in disjoint_sets), "kg:State is both"


def test_ontology_owlrl_closure_infers_alignments(ontology: Graph) -> None:
    g = Graph()
    g += ontology
    g += build_minimal_article_graph()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)

    assert not list(g.subjects(RDF.type, ERRNS.ErrorMessage)), [str(m) for m in g.objects(None, ERRNS.error)]
    for node, cls in [
        (PERSON, KG.Actor),
        (PERSON, PROV.Agent),
        (PERSON, SEM.Actor),
        (PERSON, SCHEMA.Person),
        (PERSON, FOAF.Person),
        (RUSSIA, KG.Actor),
        (RUSSIA, KG.Place),
        (EVENT, KG.Event),
        (EVENT, SEM.Event),
        (EVENT, SCHEMA.Event),
        (EXTRACTION, PROV.Activity),
        (ARTICLE, PROV.Entity),
    ]:
        assert (node, RDF.type, cls) in g, f"{node} should be inferred a {cls}"
    assert (STATEMENT, PROV.wasDerivedFrom, ARTICLE) in g
    assert (EVENT, SEM.hasActor, RUSSIA) in g
    assert (EVENT, SEM.hasPlace, KHARKIV) in g
    # a place is neither made an actor by being mentioned nor by having a place type
    assert (KHARKIV, RDF.type, KG.Actor) not in g


def test_ontology_owlrl_detects_statement_that_is_also_an_event(ontology: Graph) -> None:
    g = Graph()
    g += ontology
    g += build_minimal_article_graph()
    g.add((STATEMENT, RDF.type, KG.Attack))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    errors = [str(m) for m in g.objects(None, ERRNS.error)]
    assert any("disjoint" in e.lower() for e in errors), errors


# --------------------------------------------------------------------------------------------------
# The vocabulary module
# --------------------------------------------------------------------------------------------------


def test_ontology_vocab_is_up_to_date() -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "kgbuild.vocabgen", "--check"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert vocabgen.main(["--check"]) == 0


def test_ontology_vocab_has_every_declared_term() -> None:
    declared = vocabgen.declared_terms()
    assert set(KG.__annotations__) == declared
    for name in declared:
        assert getattr(KG, name) == URIRef(KG_NS + name)
        assert KG[name] == URIRef(KG_NS + name)
        assert name.isidentifier() and not keyword.iskeyword(name)
    vocab_source = (REPO / "src" / "kgbuild" / "vocab.py").read_text(encoding="utf-8")
    assert vocab_source.startswith("# generated by python -m kgbuild.vocabgen — do not edit\n")


def test_ontology_vocab_misspelled_term_raises() -> None:
    with pytest.raises(AttributeError):
        KG.Misspelled  # noqa: B018
    with pytest.raises(AttributeError):
        KG["statement"]  # case matters: the class is kg:Statement


def test_ontology_vocabgen_check_detects_stale_vocab(tmp_path: Path) -> None:
    changed = tmp_path / "kgbuild.ttl"
    changed.write_text(
        resources.ontology_path().read_text(encoding="utf-8")
        + '\nkg:Ceasefire a owl:Class ; rdfs:label "ceasefire"@en ; rdfs:comment "A ceasefire."@en .\n',
        encoding="utf-8",
    )
    assert vocabgen.main(["--check", "--ontology", str(changed)]) == 1
    out = tmp_path / "vocab.py"
    assert vocabgen.main(["--ontology", str(changed), "--output", str(out)]) == 0
    assert vocabgen.main(["--check", "--ontology", str(changed), "--output", str(out)]) == 0
    spec = importlib.util.spec_from_file_location("stale_vocab", out)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.KG.Ceasefire == URIRef(KG_NS + "Ceasefire")
    assert "Ceasefire" in vocabgen.declared_terms(changed)


def test_ontology_vocabgen_rejects_unusable_names(tmp_path: Path) -> None:
    bad = tmp_path / "kgbuild.ttl"
    bad.write_text(
        resources.ontology_path().read_text(encoding="utf-8")
        + '\nkg:mro a owl:ObjectProperty ; rdfs:label "mro"@en ; rdfs:comment "Shadowed."@en .\n',
        encoding="utf-8",
    )
    with pytest.raises(vocabgen.VocabError):
        vocabgen.render(bad)


# --------------------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------------------


def test_ontology_resources_found_in_checkout() -> None:
    assert resources.ontology_path() == REPO / "ontology" / "kgbuild.ttl"
    assert resources.shapes_path() == REPO / "shapes" / "kgbuild.shapes.ttl"
    if (REPO / "queries").is_dir():
        assert resources.queries_dir() == REPO / "queries"


def test_ontology_resources_prefer_installed_package_data(tmp_path: Path) -> None:
    package = tmp_path / "site-packages" / "kgbuild"
    package.mkdir(parents=True)
    shutil.copy(Path(resources.__file__), package / "resources.py")
    for kind, name in (("ontology", "kgbuild.ttl"), ("shapes", "kgbuild.shapes.ttl")):
        (package / "_data" / kind).mkdir(parents=True)
        (package / "_data" / kind / name).write_text("# installed copy\n", encoding="utf-8")
    (package / "_data" / "queries").mkdir()
    spec = importlib.util.spec_from_file_location("installed_resources", package / "resources.py")
    assert spec is not None and spec.loader is not None
    installed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(installed)
    assert installed.ontology_path() == (package / "_data" / "ontology" / "kgbuild.ttl").resolve()
    assert installed.shapes_path() == (package / "_data" / "shapes" / "kgbuild.shapes.ttl").resolve()
    assert installed.queries_dir() == (package / "_data" / "queries").resolve()


# --------------------------------------------------------------------------------------------------
# The shapes
# --------------------------------------------------------------------------------------------------


def test_ontology_declares_every_kg_term_used_by_shapes() -> None:
    declared = vocabgen.declared_terms()
    for path in sorted((REPO / "shapes").glob("*.ttl")):
        used = kg_terms_in(load(path))
        used |= set(re.findall(r"\bkg:([A-Za-z_][A-Za-z0-9_]*)", path.read_text(encoding="utf-8")))  # SPARQL too
        assert used, path
        assert used <= declared, f"{path.name} uses undeclared kg: terms {sorted(used - declared)}"


def test_ontology_shapes_are_valid_shacl_with_readable_names(shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True)
    assert conforms, text
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.objects(None, SH.property))
    assert node_shapes and property_shapes
    for shape in node_shapes | property_shapes:
        assert isinstance(shape, URIRef) and shape in SHAPES, f"shape without a kg-shapes: IRI: {shape}"
    for shape in node_shapes:
        assert str(shape).endswith("Shape") and shapes.value(shape, SH.targetClass) is not None, shape
        for prop in shapes.objects(shape, SH.property):
            assert str(prop).startswith(str(shape) + "-"), f"{prop} should be named after {shape}"
    for shape in property_shapes | set(shapes.objects(None, SH.sparql)):
        assert shapes.value(shape, SH.name) is not None, f"{shape} needs sh:name"
        assert shapes.value(shape, SH.message) is not None, f"{shape} needs sh:message"
    for shape in node_shapes:
        if (shape, SH["or"], None) in shapes:
            assert shapes.value(shape, SH.message) is not None, f"{shape} needs sh:message"


def test_ontology_minimal_article_graph_conforms(ontology: Graph, shapes: Graph) -> None:
    conforms, _, text = validate(build_minimal_article_graph(), shapes, ontology)
    assert conforms, text


def test_ontology_event_without_agent_conforms(ontology: Graph, shapes: Graph) -> None:
    """An attack whose attacker is unknown is still an event: the shapes ask for a trigger, a type and provenance,
    not for an agent, participant or target."""
    data = build_minimal_article_graph()
    for predicate in (KG.agent, KG.participant, KG.target):
        data.remove((EVENT, predicate, None))
    conforms, _, text = validate(data, shapes, ontology)
    assert conforms, text


def test_ontology_minimal_article_graph_conforms_with_rdfs_inference(ontology: Graph, shapes: Graph) -> None:
    conforms, _, text = pyshacl.validate(
        build_minimal_article_graph(), shacl_graph=shapes, ont_graph=ontology, inference="rdfs"
    )
    assert conforms, text


def test_ontology_shapes_accept_strings_typed_xsd_string(ontology: Graph, shapes: Graph) -> None:
    """RDF 1.1: "direct" and "direct"^^xsd:string are one literal; rdflib keeps them apart, the shapes must not."""
    data = build_minimal_article_graph()
    data.set((STATEMENT, KG.kind, Literal("direct", datatype=XSD.string)))
    data.set((EVENT, KG.status, Literal("asserted", datatype=XSD.string)))
    data.set((QUANTITY, KG.counts, Literal("injured", datatype=XSD.string)))
    data.set((RUSSIA, KG.wikidata, Literal("Q159", datatype=XSD.string)))
    conforms, _, text = validate(data, shapes, ontology)
    assert conforms, text


def test_ontology_shapes_see_subclasses_only_through_the_ontology(ontology: Graph, shapes: Graph) -> None:
    """sh:class kg:Actor accepts a kg:Person because pyshacl mixes the ont_graph into the data graph."""
    data = build_minimal_article_graph()
    assert (PERSON, RDF.type, KG.Actor) not in data and (EVENT, RDF.type, KG.Event) not in data
    conforms, report, _ = validate(data, shapes, None)
    assert not conforms
    assert SHAPES["StatementShape-speaker"] in failing_shapes(report, shapes)
    assert validate(data, shapes, ontology)[0]
    # kg:State is a kg:Place through rdfs:subClassOf too: a state as kg:place is fine.
    data.add((EVENT, KG.place, RUSSIA))
    assert validate(data, shapes, ontology)[0]


def _remove(graph: Graph, subject: URIRef, predicate: URIRef) -> None:
    graph.remove((subject, predicate, None))


def _replace(graph: Graph, subject: URIRef, predicate: URIRef, value: object) -> None:
    graph.set((subject, predicate, value))  # type: ignore[arg-type]


BREAKAGES = {
    # the four the brief asks for
    "statement-without-speaker": (lambda g: _remove(g, STATEMENT, KG.speaker), "StatementShape-speaker"),
    "negative-quantity": (
        lambda g: _replace(g, QUANTITY, KG.value, Literal("-3", datatype=XSD.integer)),
        "QuantityShape-value",
    ),
    "negative-integer-quantity": (lambda g: _replace(g, QUANTITY, KG.value, Literal(-3)), "QuantityShape-value"),
    "event-date-not-xsd-date": (lambda g: _replace(g, EVENT, KG.date, Literal("2024-05-13")), "EventShape-date"),
    "statement-date-is-datetime": (
        lambda g: _replace(g, STATEMENT, KG.date, Literal(datetime.datetime(2024, 5, 13, 9, 0))),
        "StatementShape-date",
    ),
    # more ways to be wrong
    "speaker-is-a-place": (lambda g: _replace(g, STATEMENT, KG.speaker, KHARKIV), "StatementShape-speaker"),
    "two-speakers": (lambda g: g.add((STATEMENT, KG.speaker, RUSSIA)), "StatementShape-speaker"),
    "empty-statement-text": (lambda g: _replace(g, STATEMENT, KG.text, Literal("")), "StatementShape-text"),
    "unknown-statement-kind": (lambda g: _replace(g, STATEMENT, KG.kind, Literal("quoted")), "StatementShape-kind"),
    "statement-without-evidence": (lambda g: _remove(g, STATEMENT, KG.evidence), "StatementShape-evidence"),
    "statement-without-article": (lambda g: _remove(g, STATEMENT, KG.article), "StatementShape-article"),
    "confidence-above-one": (
        lambda g: _replace(g, STATEMENT, KG.confidence, Literal(Decimal("1.5"))),
        "StatementShape-confidence",
    ),
    "confidence-as-double": (lambda g: _replace(g, EVENT, KG.confidence, Literal(0.5)), "EventShape-confidence"),
    "unknown-event-status": (lambda g: _replace(g, EVENT, KG.status, Literal("rumoured")), "EventShape-status"),
    "event-without-trigger": (lambda g: _remove(g, EVENT, KG.trigger), "EventShape-trigger"),
    "place-is-an-actor-only": (lambda g: _replace(g, EVENT, KG.place, PERSON), "EventShape-place"),
    "quantity-without-counts": (lambda g: _remove(g, QUANTITY, KG.counts), "QuantityShape-counts"),
    "span-ends-before-it-starts": (
        lambda g: _replace(g, ID["article/a1/span/cue0"], KG.end, Literal(0, datatype=XSD.integer)),
        "TextSpanShape-start",
    ),
    "span-in-another-article": (
        lambda g: _replace(g, ID["article/a1/span/s1"], KG.inArticle, ID["article/a2"]),
        "StatementShape-spanArticle",
    ),
    "actor-without-label": (lambda g: _remove(g, PERSON, RDFS.label), "ActorShape-label"),
    "place-without-label": (lambda g: _remove(g, KHARKIV, RDFS.label), "PlaceShape-label"),
    "malformed-qid": (lambda g: _replace(g, RUSSIA, KG.wikidata, Literal("159")), "WikidataShape-wikidata"),
    "qid-disagrees-with-same-as": (lambda g: _replace(g, RUSSIA, OWL.sameAs, WD.Q212), "WikidataShape-sameAs"),
    "mention-of-nothing": (
        lambda g: _replace(g, ID["article/a1/mention/0"], KG.refersTo, BNode()),
        "MentionShape-refersTo",
    ),
    "article-without-id": (lambda g: _remove(g, ARTICLE, KG.articleId), "ArticleShape-articleId"),
    "extraction-without-article": (lambda g: _remove(g, EXTRACTION, PROV.used), "ExtractionShape-used"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_ontology_broken_graph_names_failing_shape(breakage: str, ontology: Graph, shapes: Graph) -> None:
    break_it, expected = BREAKAGES[breakage]
    data = build_minimal_article_graph()
    break_it(data)
    conforms, report, text = validate(data, shapes, ontology)
    assert not conforms
    failing = failing_shapes(report, shapes)
    assert SHAPES[expected] in failing, text
    assert f"kg-shapes:{expected}" in text or str(SHAPES[expected]) in text
    for message in report.objects(None, SH.resultMessage):
        assert str(message).strip()


def test_ontology_broken_article_graph_fails_on_each_rule(ontology: Graph, shapes: Graph) -> None:
    """Four breakages at once: each shows up, each under its own shape."""
    data = build_minimal_article_graph()
    for breakage in (
        "statement-without-speaker",
        "event-without-trigger",
        "negative-quantity",
        "event-date-not-xsd-date",
    ):
        BREAKAGES[breakage][0](data)
    conforms, report, text = validate(data, shapes, ontology)
    assert not conforms
    failing = failing_shapes(report, shapes)
    for shape in ("StatementShape", "QuantityShape", "EventShape"):
        assert SHAPES[shape] in failing, text
    assert {SHAPES["StatementShape-speaker"], SHAPES["QuantityShape-value"], SHAPES["EventShape-date"],
            SHAPES["EventShape-trigger"]} <= failing
    focus = set(report.objects(None, SH.focusNode))
    assert {STATEMENT, EVENT, QUANTITY} <= focus


def test_ontology_declares_every_kg_term_used_by_code_and_queries() -> None:
    """The single source of truth: every kg: term in src/ and queries/ is declared in the ontology."""
    root = Path(__file__).resolve().parents[1]
    declared = vocabgen.declared_terms()
    used: dict[str, str] = {}
    sources = [*(root / "src" / "kgbuild").rglob("*.py"), *(root / "queries").glob("*.rq")]
    for path in sources:
        if path.name in {"vocab.py", "vocabgen.py"}:  # the generated vocabulary and its generator
            continue
        text = path.read_text(encoding="utf-8")
        for term in re.findall(r"\bKG\.([A-Za-z_]\w*)", text) + re.findall(r"\bkg:([A-Za-z_]\w*)", text):
            used.setdefault(term, str(path.relative_to(root)))
        for term in re.findall(r'\bKG\[\s*"(\w+)"\s*\]', text):
            used.setdefault(term, str(path.relative_to(root)))
    undeclared = {term: where for term, where in used.items() if term not in declared and not term.startswith("_")}
    assert not undeclared, f"kg: terms used but not declared in the ontology: {undeclared}"
    assert {"Statement", "speaker", "Event", "agent"} <= set(used)


def test_ontology_declares_every_event_and_actor_kind_the_facts_use() -> None:
    """Event types and actor kinds are strings in the facts; each must be a class of the ontology."""
    from kgbuild.facts import ACTOR_KINDS
    from kgbuild.extract import events

    declared = vocabgen.declared_terms()
    assert set(ACTOR_KINDS) <= declared
    lexicon_types = set()
    for value in vars(events).values():
        if isinstance(value, dict):
            lexicon_types |= {v for v in value.values() if isinstance(v, str) and v[:1].isupper() and v.isalpha()}
    assert lexicon_types, "no event types found in the events module's lexicons"
    assert lexicon_types <= declared, lexicon_types - declared


def test_ontology_end_date_before_the_date_fails(ontology: Graph, shapes: Graph) -> None:
    """An event over several days runs from kg:date to kg:endDate; an end before the start is rejected."""
    data = build_minimal_article_graph()
    data.set((EVENT, KG.date, Literal(datetime.date(2025, 5, 23))))
    data.set((EVENT, KG.endDate, Literal(datetime.date(2025, 5, 25))))
    conforms, _, text = validate(data, shapes, ontology)
    assert conforms, text
    data.set((EVENT, KG.endDate, Literal(datetime.date(2025, 5, 22))))
    conforms, report, text = validate(data, shapes, ontology)
    assert not conforms
    assert SHAPES["EventShape-dateRange"] in failing_shapes(report, shapes), text
