"""The spaCy stage: the real model, as kgbuild loads it."""

import spacy

from kgbuild.nlp import MODEL, RememberedLemmas, load_pipeline

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
