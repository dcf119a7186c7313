"""Actor rules on hand-built Docs: reference lookup, surname clusters, type repair, bodies, regions."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from kgbuild.extract.actors import extract_actors
from kgbuild.extract.reference import load_reference

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
