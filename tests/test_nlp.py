"""The spaCy stage: the real model, as kgbuild loads it."""

import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from kgbuild.nlp import MODEL, IndexedRuleMatches, RememberedLemmas, index_attribute_rules, load_pipeline

TEXT = (
    "The ministers were meeting in Geneva on Tuesday. Officials said the talks had gone better than "
    "expected, and the envoys are flying home.\nThe talks were the longest meetings held this year; "
    "the ministers said they would meet again and that their countries' leaders were calling daily."
)


def stock_lemmas(text: str) -> list[str]:
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newline_sentences", before="parser")
    return [token.lemma_ for token in nlp(text)]


def test_nlp_remembered_lemmas_are_spacys():
    assert isinstance(load_pipeline().get_pipe("lemmatizer").lemmatize, RememberedLemmas)
    # twice: the second pass answers every word from the memo
    first, second = (load_pipeline()(TEXT) for _ in range(2))
    expected = stock_lemmas(TEXT)
    assert [t.lemma_ for t in first] == expected
    assert [t.lemma_ for t in second] == expected
    assert {"meet", "minister", "say", "fly", "talk", "go", "well", "long"} <= set(expected)


def test_nlp_lemma_memo_starts_afresh_when_full():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("newline_sentences", before="parser")
    memo = RememberedLemmas(nlp.get_pipe("lemmatizer").lemmatize, size=5)
    nlp.get_pipe("lemmatizer").lemmatize = memo
    lemmas = [token.lemma_ for token in nlp(TEXT)]
    assert 0 < len(memo) <= 5
    assert lemmas == stock_lemmas(TEXT)


def spacys_matches(ruler: AttributeRuler, doc: Doc) -> list:
    return sorted(set(AttributeRuler.match(ruler, doc)))


def test_nlp_indexed_rule_matches_are_spacys_on_a_hand_built_doc():
    vocab = spacy.blank("en").vocab  # word shapes (lower case, is_space) come from the language
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": "talks", "TAG": "NNS"}]], {"LEMMA": "talk"})
    ruler.add([[{"LOWER": {"IN": ["is", "'s"]}, "TAG": "VBZ"}]], {"POS": "AUX"})
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux"]}}]], {"POS": "AUX"})
    ruler.add([[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "are"]}}]], {"POS": "VERB"}, index=1)
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    words = ["There", "is", "nothin'", "in", "the", "talks", "\n", "Y'", "all", "will", "see", "the", "deal"]
    tags = ["EX", "VBZ", "NN", "IN", "DT", "NNS", "_SP", "PRP", "DT", "MD", "VB", "DT", "NN"]
    deps = ["expl", "ROOT", "attr", "prep", "det", "pobj", "dep", "nsubj", "appos", "aux", "ROOT", "det", "dobj"]
    heads = [1, 1, 1, 2, 5, 3, 5, 10, 7, 10, 10, 12, 10]
    doc = Doc(vocab, words=words, tags=tags, deps=deps, heads=heads)

    matches = IndexedRuleMatches(ruler)(doc)

    expected = spacys_matches(ruler, doc)
    # checked by hand: (rule, start, end) of every match above
    assert [(rule, start, end) for rule, _, start, end in expected] == [
        (0, 2, 3), (0, 12, 13), (1, 5, 6), (2, 1, 2), (3, 9, 10), (4, 0, 2), (5, 2, 3), (6, 6, 7), (7, 7, 9)
    ]
    assert matches == expected


def test_nlp_indexed_rule_matches_are_spacys_with_the_real_model():
    nlp = load_pipeline()
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedRuleMatches)
    text = (
        "There is nothin' they ain't tried, y'all. I told it to him: it isn't over, and we're not done.\n\n"
        "That's what she said; whether they'd do it, nobody knows. Have you seen it? They have."
    )
    with nlp.select_pipes(enable=["tok2vec", "tagger", "newline_sentences", "parser"]):
        doc = nlp(text)
    expected = spacys_matches(ruler, doc)
    assert len(expected) > len(doc)  # every token a tag rule, some a word rule too
    assert ruler.match(doc) == expected


def test_nlp_unreadable_rule_keeps_spacys_matcher():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})

    index_attribute_rules(nlp)

    assert not isinstance(ruler.match, IndexedRuleMatches)
