"""Text spans of a Doc as ``facts.TextSpan``: character offsets into the article, and a sentence index."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Span

from ..facts import TextSpan


class SpanMaker:
    """Turns token ranges and character ranges of one Doc into ``TextSpan`` facts."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc.text  # spaCy joins every token's text again on each doc.text
        self.sentences = list(doc.sents)
        self._sentence_starts = [s.start_char for s in self.sentences]
        # token index -> sentence index, from the sentence bounds (no Token objects made)
        self.sentence_of = {i: n for n, s in enumerate(self.sentences) for i in range(s.start, s.end)}

    def sentence_index(self, char: int) -> int:
        """Index of the sentence holding character ``char``."""
        return max(bisect_right(self._sentence_starts, char) - 1, 0)

    def chars(self, start: int, end: int) -> TextSpan:
        """The span of characters ``start:end``."""
        return TextSpan(start=start, end=end, sentence=self.sentence_index(start), text=self.text[start:end])

    def tokens(self, span: Span) -> TextSpan:
        """The characters of a token span, without trailing whitespace."""
        return self.chars(span.start_char, span.end_char)

    def sentence(self, index: int) -> TextSpan:
        """A whole sentence, trailing whitespace and line breaks left out."""
        sentence = self.sentences[index]
        text = self.text[sentence.start_char : sentence.end_char].rstrip()
        return TextSpan(sentence.start_char, sentence.start_char + len(text), index, text)

    def sentences_of(self, start: int, end: int) -> TextSpan:
        """The sentences that characters ``start:end`` touch, as one span (the evidence of a fact)."""
        first, last = self.sentence_index(start), self.sentence_index(max(end - 1, start))
        begin = self.sentences[first].start_char
        text = self.text[begin : self.sentences[last].end_char].rstrip()
        return TextSpan(begin, begin + len(text), first, text)

    def all_sentences(self) -> tuple[TextSpan, ...]:
        return tuple(self.sentence(i) for i in range(len(self.sentences)))
