"""Actor rules on hand-built Docs: reference lookup, surname clusters, type repair, bodies, regions."""

from __future__ import annotations

import datetime

import pytest
import spacy
from rdflib import RDF, Graph, Literal
from spacy.tokens import Doc

from conftest import SEED_ARTICLE, SHARED
from kgbuild.extract.actors import extract_actors
from kgbuild.extract.reference import load_reference
from kgbuild.extract.spans import SpanMaker
from kgbuild.rdf import ID
from kgbuild.vocab import KG

VOCAB = spacy.blank("en").vocab


def make_doc(words, ents, heads=None, deps=None, tags=None):
    """A Doc with the given entities ("B-PERSON", "I-PERSON", "O"); a flat parse unless heads are given."""
    n = len(words)
    return Doc(
        VOCAB,
        words=words,
        spaces=[True] * (n - 1) + [False],
        heads=heads or [0] * n,
        deps=deps or (["ROOT"] + ["dep"] * (n - 1)),
        tags=tags or ["NN"] * n,
        ents=ents,
        sent_starts=[True] + [False] * (n - 1),
    )


def actors_of(doc):
    index = extract_actors(doc, load_reference())
    return index, {a.key: a for a in index.to_facts({t.i: 0 for t in doc})}


def test_actors_reference_names_get_their_qid_and_kind():
    doc = make_doc(["Zelenskyy", "met", "Trump"], ["B-ORG", "O", "B-ORG"])
    _, actors = actors_of(doc)
    # NER typed both as ORG; the reference table knows they are people
    assert actors["Q3874799"].kind == actors["Q22686"].kind == "Person"


def test_actors_surname_joins_the_full_name_whatever_ner_says():
    doc = make_doc(["Ana", "Lopez", "spoke", ".", "Lopez", "left"], ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O"])
    index, actors = actors_of(doc)
    assert list(actors) == ["person/ana-lopez"]
    assert actors["person/ana-lopez"].aliases == ("Lopez",)
    assert index.actor_at(4) == "person/ana-lopez"


def test_actors_adjective_stands_for_its_state():
    doc = make_doc(["a", "Russian", "strike"], ["O", "B-NORP", "O"])
    index, actors = actors_of(doc)
    assert index.actor_at(1) == "Q159"
    assert index.mention_at(1).adjective


def test_actors_ministry_of_a_state_is_one_organization_both_ways():
    words = ["Russia", "'s", "Defence", "Ministry", "and", "the", "Russian", "Defence", "Ministry"]
    tags = ["NNP", "POS", "NNP", "NNP", "CC", "DT", "JJ", "NNP", "NNP"]
    ents = ["B-GPE", "O", "B-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG"]
    _, actors = actors_of(make_doc(words, ents, tags=tags))
    ministry = actors["organization/russian-defence-ministry"]
    assert (ministry.label, len(ministry.mentions)) == ("Russian Defence Ministry", 2)


def test_actors_region_is_not_its_city():
    doc = make_doc(["in", "the", "Kharkiv", "region"], ["O", "O", "B-GPE", "O"])
    _, actors = actors_of(doc)
    assert "Q42308" not in actors
    assert actors["place/kharkiv-region"].kind == "Place"


def test_actors_name_in_apposition_to_a_title_is_a_person():
    # "The governor, Oleh Kiper, said": NER called Kiper an organization
    words = ["The", "governor", ",", "Oleh", "Kiper", ",", "said"]
    heads = [1, 6, 1, 4, 1, 1, 6]
    deps = ["det", "nsubj", "punct", "compound", "appos", "punct", "ROOT"]
    ents = ["O", "O", "O", "B-ORG", "I-ORG", "O", "O"]
    _, actors = actors_of(make_doc(words, ents, heads=heads, deps=deps))
    kiper = actors["person/oleh-kiper"]
    assert (kiper.kind, kiper.titles) == ("Person", ("governor",))


def test_actors_capital_speaks_for_its_state():
    doc = make_doc(["Moscow", "says"], ["B-GPE", "O"])
    index, _ = actors_of(doc)
    # Moscow was the Soviet Union's capital too: the first row of the table (Russia) wins
    assert index.state_for("Q649") == "Q159"


def test_actors_titles_before_a_name():
    words = ["Foreign", "Minister", "Sergei", "Lavrov", "said"]
    heads = [1, 3, 3, 4, 4]
    deps = ["compound", "compound", "compound", "nsubj", "ROOT"]
    _, actors = actors_of(make_doc(words, ["O", "O", "B-PERSON", "I-PERSON", "O"], heads=heads, deps=deps))
    assert actors["Q58217"].titles == ("Foreign Minister",)


def roles_of(doc, published=datetime.date(2025, 5, 24)):
    index = extract_actors(doc, load_reference())
    return index.role_facts(SpanMaker(doc), published)


def test_actors_title_before_a_name_is_a_role_of_the_state_its_adjective_names():
    words = ["Russian", "Foreign", "Minister", "Sergei", "Lavrov", "said"]
    heads = [2, 2, 4, 4, 5, 5]
    deps = ["amod", "compound", "compound", "compound", "nsubj", "ROOT"]
    ents = ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"]
    (role,) = roles_of(make_doc(words, ents, heads=heads, deps=deps))
    assert (role.holder, role.office, role.of, role.span.text) == ("Q58217", "Foreign Minister", "Q159",
                                                                   "Russian Foreign Minister")
    # the reference table knows the office Lavrov held on that day
    assert role.position == "Minister of Foreign Affairs of Russia"
    assert role.date == datetime.date(2025, 5, 24) and role.rule == "title-before-name"


def test_actors_title_in_apposition_is_a_role_of_the_region_in_its_state():
    # "The governor of Ukraine's Odesa region, Oleh Kiper, said"
    words = ["The", "governor", "of", "Ukraine", "'s", "Odesa", "region", ",", "Oleh", "Kiper", ",", "said"]
    heads = [1, 11, 1, 6, 3, 6, 2, 1, 9, 1, 1, 11]
    deps = ["det", "nsubj", "prep", "poss", "case", "compound", "pobj", "punct", "compound", "appos", "punct", "ROOT"]
    tags = ["DT", "NN", "IN", "NNP", "POS", "NNP", "NN", ",", "NNP", "NNP", ",", "VBD"]
    ents = ["O", "O", "O", "B-GPE", "O", "B-GPE", "O", "O", "B-ORG", "I-ORG", "O", "O"]
    doc = make_doc(words, ents, heads=heads, deps=deps, tags=tags)
    (role,) = roles_of(doc)
    assert (role.holder, role.office, role.of, role.state) == ("person/oleh-kiper", "governor",
                                                               "place/odesa-region", "Q212")
    assert role.span.text.startswith("governor of Ukraine") and role.span.text.endswith("Odesa region")
    assert role.position is None  # Kiper is not in the reference table


def test_actors_title_naming_no_state_takes_the_reference_office_on_that_date():
    # "The U.S. says President Trump spoke": the title names no state; the table knows Trump's office in 2025
    words = ["The", "U.S.", "says", "President", "Trump", "spoke"]
    heads = [1, 2, 2, 4, 5, 2]
    deps = ["det", "nsubj", "ROOT", "compound", "nsubj", "ccomp"]
    ents = ["O", "B-GPE", "O", "O", "B-PERSON", "O"]
    doc = make_doc(words, ents, heads=heads, deps=deps)
    (role,) = roles_of(doc)
    assert (role.office, role.of, role.position) == ("President", "Q30", "President of the United States")
    # in 2022 Trump held no office: the role stays as written, of nothing
    (role_2022,) = roles_of(doc, datetime.date(2022, 6, 1))
    assert (role_2022.office, role_2022.of, role_2022.position) == ("President", None, None)


POLNEAR_DEV = SHARED / "eval" / "polnear" / "dev" / "text"
SAME_PEOPLE = (  # PolNeAR dev articles that name Trump and Putin, as the reference article does
    "huff-post_2016-09-10_trump-s-east-european-achilles-h.txt",
    "nyt_2016-09-19_old-hands-help-russia-navigate-u.txt",
    "usa-today_2016-09-08_candidates-vie-for-vets-support-.txt",
)


@pytest.fixture(scope="module")
def four_articles():
    """The reference article (2025) and three PolNeAR dev articles (2016) built into one store."""
    if not (SEED_ARTICLE.exists() and POLNEAR_DEV.exists()):
        pytest.skip("needs ../shared")
    from kgbuild.build import build
    from kgbuild.store import EmbeddedStore

    store = EmbeddedStore()
    build([SEED_ARTICLE], store, published=datetime.date(2025, 5, 24))
    build([POLNEAR_DEV / name for name in SAME_PEOPLE], store)
    yield store
    store.close()


def test_actors_same_person_in_four_articles_is_one_node(four_articles):
    graph = Graph()
    for graph_iri in four_articles.article_graphs():
        graph += four_articles.graph(graph_iri)
    people = set(graph.subjects(RDF.type, KG.Person))

    def nodes_named(word):
        return {p for p in people for _, _, name in graph.triples((p, None, None))
                if isinstance(name, Literal) and word in str(name).lower().split()}

    def articles_of(node):
        return {graph.value(m, KG.inArticle) for m in graph.subjects(KG.refersTo, node)}

    assert nodes_named("trump") == {ID["actor/Q22686"]}
    assert nodes_named("putin") == {ID["actor/Q7747"]}
    assert len(articles_of(ID["actor/Q22686"])) == len(articles_of(ID["actor/Q7747"])) == 4
    # the reference article's people, with their Wikidata items
    assert {ID["actor/Q3874799"], ID["actor/Q58217"], ID["actor/person/oleh-kiper"]} <= people


def test_actors_roles_query_gives_lavrov_and_kiper_their_offices(four_articles):
    from kgbuild.queries import cell, load_query, run_query

    def roles(actor):
        result = run_query(four_articles, load_query("roles"), {"actor": actor})
        return [dict(zip(result.columns, map(cell, row))) for row in result.rows]

    (lavrov,) = roles("Q58217")
    assert roles("Lavrov") == [lavrov]  # the article names him in full only: his surname finds him
    assert (lavrov["office"], lavrov["of_label"], lavrov["position"]) == (
        "Foreign Minister", "Russia", "Minister of Foreign Affairs of Russia")
    (kiper,) = roles("Oleh Kiper")
    assert (kiper["office"], kiper["of_label"], kiper["state_label"]) == ("governor", "Odesa region", "Ukraine")
    # Putin is "Russian President" in two 2016 articles and "President" in a third: one role node per article
    assert len(roles("Q7747")) == 3


def test_actors_person_name_ending_in_an_organization_word_is_an_organization():
    # spaCy's small model reads "Dish Network" as a PERSON
    doc = make_doc(["You", "watch", "it", "on", "Dish", "Network"], ["O", "O", "O", "O", "B-PERSON", "I-PERSON"])
    _, actors = actors_of(doc)
    assert actors["organization/dish-network"].kind == "Organization"


def test_actors_role_matches_the_office_held_on_the_article_date():
    words = ["Russian", "Defence", "Minister", "Sergei", "Shoigu", "said"]
    heads = [2, 2, 4, 4, 5, 5]
    deps = ["amod", "compound", "compound", "compound", "nsubj", "ROOT"]
    doc = make_doc(words, ["B-NORP", "O", "O", "B-PERSON", "I-PERSON", "O"], heads=heads, deps=deps)
    (in_2020,) = roles_of(doc, datetime.date(2020, 1, 1))
    (in_2025,) = roles_of(doc, datetime.date(2025, 1, 1))
    assert in_2020.position == "Minister of Defence of Russia"
    # by 2025 Shoigu was Secretary of the Security Council: the title no longer names an office he held
    assert (in_2025.office, in_2025.of, in_2025.position) == ("Defence Minister", "Q159", None)


def test_actors_title_in_apposition_ends_before_a_relative_clause():
    # "Jorge Castaneda, the former minister who is a critic, said"
    words = ["Jorge", "Castaneda", ",", "the", "former", "minister", "who", "is", "a", "critic", ",", "said"]
    heads = [1, 11, 1, 5, 5, 1, 7, 5, 9, 7, 1, 11]
    deps = ["compound", "nsubj", "punct", "det", "amod", "appos", "nsubj", "relcl", "det", "attr", "punct", "ROOT"]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 10
    (role,) = roles_of(make_doc(words, ents, heads=heads, deps=deps))
    assert (role.holder, role.office, role.span.text) == ("person/jorge-castaneda", "minister", "former minister")


def test_actors_surname_that_is_a_state_name_stays_the_person():
    # "Jim Jordan ... Jordan said": Jordan is also a state in the reference table
    words = ["Jim", "Jordan", "spoke", ".", "Jordan", "said"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O"]
    index, actors = actors_of(make_doc(words, ents))
    assert list(actors) == ["person/jim-jordan"] and index.actor_at(4) == "person/jim-jordan"
    # without a Jim Jordan in the article, Jordan is the state
    index, _ = actors_of(make_doc(["Jordan", "said"], ["B-GPE", "O"]))
    assert index.actor_at(0) == "Q810"


def test_actors_reference_article_gives_the_issue_qids_and_no_duplicates(four_articles):
    from kgbuild.queries import cell, load_query, run_query

    result = run_query(four_articles, load_query("actors"), {"article": "prisoner-swap"})
    rows = [dict(zip(result.columns, map(cell, row))) for row in result.rows]
    qids = {row["label"]: row["wikidata"] for row in rows if row["wikidata"]}
    assert {qids[name] for name in ("Russia", "Ukraine", "United States", "Donald Trump", "Volodymyr Zelenskyy",
                                    "Sergei Lavrov", "Vladimir Putin", "European Union")} == {
        "Q159", "Q212", "Q30", "Q22686", "Q3874799", "Q58217", "Q7747", "Q458"}
    assert [row["label"] for row in rows if "Trump" in row["label"]] == ["Donald Trump"]
    assert [row["label"] for row in rows if "Zelensk" in row["label"]] == ["Volodymyr Zelenskyy"]
    assert next(row["type"] for row in rows if row["label"] == "Oleh Kiper") == "Person"
