"""Statements: who said what, read from quotation marks and from reporting verbs.

In: a parsed article (a spaCy ``Doc``), its ``ActorIndex``, the ``Article`` (for the publication date) and
the ``SpanMaker`` of the Doc. Out: ``facts.Statement`` records sorted by content start, at most one per
content span.

Rules, in order:
1. quotation marks are paired per paragraph (:func:`find_quotes`): straight, curly and doubled-apostrophe
   double quotes, guillemets, then single quotes outside double ones (apostrophes are not marks). A
   stray mark costs at most its own quote; a quote left open at the end of a paragraph goes on only if
   the next paragraph opens with a mark (a multi-paragraph quote), otherwise it is dropped.
2. direct quote: a cue verb next to the quote in its sentence attributes it (`"...," Zelenskyy wrote`,
   `said Smith: "..."`, `"...," according to X`), so does the verb before a colon that introduces it
   (`Trump wrote on Truth Social: "..."`, also at the end of the previous sentence).
3. a quote with no cue of its own that starts a sentence continues the statement just before it (same
   or previous paragraph): same speaker, a statement of its own (rule ``direct-continued``). So a quote
   split by its attribution gives two statements, each with the text inside its own marks.
4. a quote no cue attributes that does not start a sentence is a scare quote ("root causes"), and a
   quote inside a longer reported clause (`said the plan was "a disaster"`) belongs to that clause (rule
   5): neither is a direct statement of its own.
5. indirect speech: a verb of CUE_CLASSES with a clausal complement mostly outside quotation marks (a
   ccomp; an xcomp for INFINITIVE_CUES: "claimed to have captured ..."); "according to X"; a
   parenthetical "the plan, he said, is dead". The content is the clause without a leading "that".
6. the speaker is the subject of the cue verb (or of the verb it is coordinated with: "... and said"),
   "according to" its object. A name in the subject's noun phrase (or in apposition: "The governor ...,
   Oleh Kiper") gives the actor; a capital speaks for its state ("Moscow says" -> Russia); he/she/it/they
   resolve to the latest speaker or fitting actor outside quotation marks; a subject naming no one ("one
   man", "Zelenskyy's office") becomes an anonymous actor; I/we/you are never the speaker.
7. medium ("wrote on Truth Social", "in a post on ... Telegram", "told reporters"), date (a date phrase
   of the cue verb, else the publication date), about (the actors in the content, not the speaker).

Cue classes (assertion, claim, denial, belief, ...) are in CUE_CLASSES; ``Statement.cue`` is the lemma.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..facts import Article, Statement, TextSpan
from .actors import ActorIndex
from .dates import date_of
from .spans import SpanMaker

# --- quotation marks ------------------------------------------------------------------------------

DOUBLE_MARK = re.compile(r"''|``|[\"“”«»„‟]")
SINGLE_MARK = re.compile(r"['‘’]")
PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
OPENING_GLYPHS = {"“", "«", "„", "‟", "``", "‘"}
CLOSING_GLYPHS = {"”", "»", "’"}
QUOTE_GLYPHS = set("\"“”«»„‟'‘’`")
OPENS_AFTER = set("([{—–-/:") | QUOTE_GLYPHS  # a mark after one of these (or a space) can open
CLOSES_BEFORE = set(".,;:!?)]}—–-…") | QUOTE_GLYPHS  # a mark before one of these (or a space) can close
OPEN, CLOSE, EITHER = "open", "close", "either"
SENTENCE_END = {".", "!", "?"}

# --- cues -----------------------------------------------------------------------------------------

CUE_CLASSES = {
    # assertion: the speaker states the content
    "say": "assertion", "tell": "assertion", "add": "assertion", "note": "assertion", "state": "assertion",
    "write": "assertion", "explain": "assertion", "stress": "assertion", "emphasize": "assertion",
    "emphasise": "assertion", "insist": "assertion", "argue": "assertion", "point": "assertion",
    "reiterate": "assertion", "maintain": "assertion", "remark": "assertion", "observe": "assertion",
    "mention": "assertion", "comment": "assertion", "recall": "assertion", "respond": "assertion",
    "reply": "assertion", "answer": "assertion", "tweet": "assertion", "post": "assertion",
    "testify": "assertion", "repeat": "assertion", "complain": "assertion", "boast": "assertion",
    "brag": "assertion", "assure": "assertion", "counter": "assertion",
    # claim: asserted, and the report keeps its distance
    "claim": "claim", "allege": "claim", "charge": "claim", "contend": "claim", "assert": "claim",
    # denial
    "deny": "denial", "dispute": "denial",
    # admission
    "admit": "admission", "acknowledge": "admission", "concede": "admission", "agree": "admission",
    # announcement
    "announce": "announcement", "declare": "announcement", "report": "announcement", "reveal": "announcement",
    "disclose": "announcement", "confirm": "announcement",
    # warning, promise, prediction
    "warn": "warning", "caution": "warning", "threaten": "warning",
    "promise": "promise", "vow": "promise", "pledge": "promise", "guarantee": "promise",
    "predict": "prediction", "forecast": "prediction",
    # question, suggestion
    "ask": "question", "wonder": "question",
    "suggest": "suggestion", "propose": "suggestion", "urge": "suggestion", "recommend": "suggestion",
    "hint": "suggestion", "imply": "suggestion",
    # belief: a reported state of mind
    "believe": "belief", "think": "belief", "expect": "belief", "hope": "belief", "fear": "belief",
    "feel": "belief", "worry": "belief", "doubt": "belief", "suspect": "belief", "assume": "belief",
    "know": "belief",
    # finding: what a poll, study or report shows
    "find": "finding", "show": "finding", "conclude": "finding", "indicate": "finding",
}
INFINITIVE_CUES = {"claim", "promise", "vow", "pledge", "threaten", "hope", "expect"}  # xcomp content
QUOTE_ONLY_CUES = {
    "chant", "shout", "yell", "scream", "exclaim", "cry", "whisper", "joke", "quip", "laugh", "muse",
    "read", "continue", "put", "retort", "snap", "lament", "plead", "demand", "text", "email", "interject",
}
ACCORDING = "according to"
CUE_MEDIA = {"tweet": "Twitter"}
AUDIENCE_CUES = {"tell"}  # "told reporters": the audience is the medium

# --- dependency labels ----------------------------------------------------------------------------

SUBJECT_DEPS = {"nsubj"}
PASSIVE_DEPS = {"nsubjpass", "auxpass"}
COMPLEMENT_DEPS = {"ccomp"}
INFINITIVE_DEPS = {"xcomp"}
INHERIT_SUBJECT_DEPS = {"conj", "xcomp", "advcl"}  # "... and said", "declined to say", ", saying"
INVERTED_SUBJECT_DEPS = {"dobj", "attr", "npadvmod", "dep", "oprd", "appos", "nsubjpass"}
NAME_DEPS = {"compound", "flat", "appos"}
NAME_MODIFIER_DEPS = {"compound", "amod"}
CLAUSE_MODIFIERS = {"relcl"}
DATE_SKIP_DEPS = SUBJECT_DEPS | COMPLEMENT_DEPS | INFINITIVE_DEPS | {"conj", "cc", "punct", "parataxis"}
VERB_TAGS = ("VB",)

# --- speakers -------------------------------------------------------------------------------------

FIRST_PERSON = {"i", "me", "we", "us", "you"}
PRONOUN_KINDS = {
    "he": ("Person",), "she": ("Person",),
    "it": ("State", "Organization"), "they": ("State", "Organization", "Person"),
}
RELATIVE_PRONOUNS = {"who", "which", "that"}
ORGANIZATION_NOUNS = {
    "office", "ministry", "government", "campaign", "committee", "agency", "department", "company", "firm",
    "group", "organization", "organisation", "party", "administration", "newspaper", "paper", "network",
    "poll", "survey", "report", "study", "court", "police", "army", "military", "council", "board",
    "commission", "union", "team", "embassy", "authorities", "institute",
}
SPEAKER_KINDS = ("Person", "State", "Organization")

# --- media ----------------------------------------------------------------------------------------

MEDIUM_PREPS = {"on", "in", "to", "during", "via", "with", "through"}
MEDIUM_NOUNS = {
    "post", "statement", "interview", "tweet", "video", "message", "speech", "letter", "op-ed", "email",
    "briefing", "conference", "broadcast", "address", "blog", "podcast", "column", "article", "editorial",
    "media", "television", "radio", "show", "programme", "program", "appearance", "remarks", "call",
}
NOT_MEDIA = {"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "ORDINAL", "QUANTITY"}

# --- confidence -----------------------------------------------------------------------------------

RULE_CONFIDENCE = {
    "direct-cue": 0.9,
    "direct-colon": 0.85,
    "direct-continued": 0.7,
    "indirect-clause": 0.8,
    "indirect-infinitive": 0.75,
    "indirect-parenthetical": 0.75,
    "according-to": 0.8,
}
PRONOUN_CONFIDENCE = 0.6  # a ceiling: the pronoun may point elsewhere
DESCRIBED_PENALTY = 0.1  # an anonymous speaker ("one man") is vaguer than a name

MAX_CUE_GAP = 12  # words between a quotation mark and a cue that is not syntactically linked to it
MAX_CONTINUED_SENTENCES = 3  # a continued quote is at most this many sentences after the statement it continues


@dataclass(frozen=True)
class Quote:
    """Characters ``start:end`` are inside quotation marks, ``outer_start:outer_end`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    continued: bool = False  # no closing mark: the quote goes on in the next paragraph


def extract_statements(doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker) -> list[Statement]:
    """The statements of one article, sorted by content start, one per content span."""
    return StatementReader(doc, actors, article, spans).read()


# --- quotation marks ------------------------------------------------------------------------------


def find_quotes(text: str) -> list[Quote]:
    """Every quotation in ``text``, in order: double quotes first, then single quotes outside them."""
    paragraphs = [m.span() for m in PARAGRAPH.finditer(text)]
    quotes: list[Quote] = []
    for n, (start, end) in enumerate(paragraphs):
        next_start = paragraphs[n + 1][0] if n + 1 < len(paragraphs) else None
        doubles = [m.span() for m in DOUBLE_MARK.finditer(text, start, end)]
        found = _pair(text, doubles, end, strict=False, may_continue=_opens_with_mark(text, next_start))
        inside = [(q.outer_start, q.outer_end) for q in found]
        taken = {i for s, e in doubles for i in range(s, e)}
        singles = [
            m.span()
            for m in SINGLE_MARK.finditer(text, start, end)
            if m.start() not in taken and not _is_apostrophe(text, m.start()) and not _within(m.start(), inside)
        ]
        found += _pair(text, singles, end, strict=True, may_continue=False)
        quotes.extend(found)
    return sorted(quotes, key=lambda q: q.start)


def _pair(text: str, marks: list[tuple[int, int]], end: int, *, strict: bool, may_continue: bool) -> list[Quote]:
    """Pair the marks of one paragraph; ``strict``: a mark whose role is unclear is left alone."""
    quotes = []
    opened: tuple[int, int] | None = None
    for start, stop in marks:
        role = _role(text, start, stop)
        if role == EITHER and strict:
            continue
        # a closing mark (or an unclear one while a quote is open) ends the open quote
        if role == CLOSE or (role == EITHER and opened is not None):
            if opened is not None:
                quotes.append(_quote(text, opened[0], opened[1], start, stop))
                opened = None
            continue  # a closing mark with nothing open is stray: ignored
        # an opening mark while a quote is open: the earlier mark was stray, its quote is lost
        opened = (start, stop)
    # a quote still open at the end of the paragraph goes on only into a paragraph that opens with a mark
    if opened is not None and may_continue:
        quotes.append(_quote(text, opened[0], opened[1], end, end, continued=True))
    return [q for q in quotes if q.start < q.end]


def _quote(text: str, outer_start: int, start: int, end: int, outer_end: int, *, continued: bool = False) -> Quote:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quote(start, end, outer_start, outer_end, continued)


def _role(text: str, start: int, stop: int) -> str:
    """Whether the mark at ``start:stop`` opens or closes a quote: by its neighbours, else by its glyph."""
    before = text[start - 1] if start > 0 else " "
    after = text[stop] if stop < len(text) else " "
    can_open = (before.isspace() or before in OPENS_AFTER) and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in CLOSES_BEFORE)
    if can_open != can_close:
        return OPEN if can_open else CLOSE
    glyph = text[start:stop]
    if glyph in OPENING_GLYPHS:
        return OPEN
    if glyph in CLOSING_GLYPHS:
        return CLOSE
    return EITHER


def _is_apostrophe(text: str, i: int) -> bool:
    """ "can't", "Russia's", "O'Brien": a single mark between two letters or digits."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _opens_with_mark(text: str, start: int | None) -> bool:
    if start is None:
        return False
    mark = DOUBLE_MARK.match(text, start)
    return mark is not None and _role(text, *mark.span()) != CLOSE


def _within(i: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start <= i < end for start, end in ranges)


# --- the reader -----------------------------------------------------------------------------------


@dataclass
class _Candidate:
    """A statement found, before its speaker is resolved."""

    start: int  # content characters
    end: int
    kind: str
    rule: str
    cue: Token | None  # None: a quote that continues the statement before it
    cue_end: int = 0  # token after the cue ("according to" has two)
    subject: Token | None = None
    quote: int | None = None  # index of the quote, for direct statements


class StatementReader:
    """Finds the statement candidates of one article, then resolves their speakers in text order."""

    def __init__(self, doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker):
        self.doc = doc
        self.actors = actors
        self.spans = spans
        self.published = article.published
        self.quotes = find_quotes(doc.text)
        self.quote_of: dict[int, int] = {}  # token -> index of the quote it is in, marks included
        for n, quote in enumerate(self.quotes):
            for token in doc.char_span(quote.outer_start, quote.outer_end, alignment_mode="expand") or ():
                self.quote_of.setdefault(token.i, n)
        self.paragraph_starts = [m.start() for m in PARAGRAPH.finditer(doc.text)]
        self.statements: list[Statement] = []

    def read(self) -> list[Statement]:
        candidates = [c for n in range(len(self.quotes)) if (c := self.quote_candidate(n))]
        candidates += self.reported_candidates()
        by_span: dict[tuple[int, int], Statement] = {}
        for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
            statement = self.resolve(candidate)
            if statement is None:
                continue
            self.statements.append(statement)
            key = (statement.content.start, statement.content.end)
            if key not in by_span or statement.confidence > by_span[key].confidence:
                by_span[key] = statement
        return sorted(by_span.values(), key=lambda s: (s.content.start, s.content.end))

    # --- direct quotes ----------------------------------------------------------------------------

    def quote_candidate(self, n: int) -> _Candidate | None:
        """A quote attributed by a cue, or continuing the statement before it; None for scare quotes."""
        quote = self.quotes[n]
        start, end = quote.start, quote.end
        while end > start and (self.doc.text[end - 1] == "," or self.doc.text[end - 1].isspace()):
            end -= 1  # the comma before the attribution belongs to the report, not the quote
        content = self.doc.char_span(start, end, alignment_mode="expand")
        if content is None or not any(_is_word(t) for t in content):
            return None
        before, after = self.before_window(n), self.after_window(n)
        found = self.quote_cue(n, before, after)
        if found == "mixed":
            return None
        if found is not None:
            cue, rule = found
            subject = self.subject_of(cue) or self.inverted_subject(cue, after)
            return _Candidate(start, end, "direct", rule, cue, _cue_end(cue), subject, n)
        # no cue: a quote that opens its sentence may continue the statement before it
        if not any(_is_word(t) for t in before):
            return _Candidate(start, end, "direct", "direct-continued", None, quote=n)
        return None

    def before_window(self, n: int) -> list[Token]:
        """The tokens before the quote's opening mark, back to the start of the sentence or another quote."""
        first = self.token_at(self.quotes[n].outer_start)
        window: list[Token] = []
        for i in range(first - 1, -1, -1):
            token = self.doc[i]
            if i in self.quote_of or "\n" in token.text or "\n" in token.whitespace_ or token.text in SENTENCE_END:
                break
            window.insert(0, token)
        return window

    def after_window(self, n: int) -> list[Token]:
        """The tokens after the quote's closing mark, up to the end of the sentence or another quote."""
        quote = self.quotes[n]
        if quote.continued or "\n" in self.doc.text[quote.outer_end - 1 : quote.outer_end + 1]:
            return []
        window: list[Token] = []
        for i in range(self.token_at(quote.outer_end - 1) + 1, len(self.doc)):
            token = self.doc[i]
            if i in self.quote_of or token.is_space or token.text in SENTENCE_END:
                break
            window.append(token)
            if "\n" in token.whitespace_:
                break
        return window

    def quote_cue(self, n: int, before: list[Token], after: list[Token]) -> tuple[Token, str] | str | None:
        """The cue attributing quote ``n`` and its rule, "mixed" if a reported clause holds the quote, or None."""
        for cue in self.ranked_cues(n, before, after):
            complement = complement_of(cue)
            # a cue whose clause is mostly outside quotation marks reports that clause
            if complement is not None and self.outside_words(*_clause_edges(cue, complement)) > 1:
                if complement.left_edge.i <= self.token_at(self.quotes[n].start) <= complement.right_edge.i:
                    return "mixed"  # ... and the quote is part of it
                continue
            return cue, "direct-cue"
        colon = self.colon_before(n, before)
        if colon is not None:
            verb = _verb_of_colon(colon)
            if verb is not None:
                return verb, "direct-colon"
        return None

    def ranked_cues(self, n: int, before: list[Token], after: list[Token]) -> list[Token]:
        """Cue words next to quote ``n``: those syntactically tied to it first, then the nearest."""
        inside = {i for i, q in self.quote_of.items() if q == n}
        ranked = []
        for gap, token in [*_gaps(reversed(before)), *_gaps(after)]:
            if not is_quote_cue(token):
                continue
            linked = token.head.i in inside or any(child.i in inside for child in token.children)
            if linked or gap <= MAX_CUE_GAP:
                ranked.append((not linked, gap, token.i, token))
        return [token for *_, token in sorted(ranked, key=lambda r: r[:3])]

    def colon_before(self, n: int, before: list[Token]) -> Token | None:
        """The colon that introduces quote ``n``: right before it, or ending the previous sentence."""
        if before:
            last = before[-1]
            return last if last.text == ":" else None
        first = self.token_at(self.quotes[n].outer_start)
        i = first - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.doc[i].text != ":" or i in self.quote_of:
            return None
        return self.doc[i]

    def inverted_subject(self, cue: Token, after: list[Token]) -> Token | None:
        """ "... ," said the minister: a speaker right after the cue that the parser did not call a subject."""
        if not after or after[0].i != cue.i:
            return None
        for child in cue.rights:
            if child.dep_ in INVERTED_SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN"):
                return child
        return None

    # --- indirect speech --------------------------------------------------------------------------

    def reported_candidates(self) -> list[_Candidate]:
        """Reported clauses of cue verbs, "according to" and parenthetical cues, outside quotation marks."""
        found = []
        for token in self.doc:
            if token.i in self.quote_of:
                continue  # a report inside a quote is the quoted speaker's, not the article's
            if _is_according_to(token):
                found.append(self.according_candidate(token))
            elif is_reporting_verb(token):
                complement = complement_of(token)
                if complement is not None:
                    found.append(self.clause_candidate(token, complement))
                elif token.dep_ == "parataxis":
                    found.append(self.parenthetical_candidate(token))
        return [c for c in found if c is not None]

    def clause_candidate(self, cue: Token, complement: Token) -> _Candidate | None:
        """ "Lavrov said that Russia would be ready ...": the complement clause, without "that"."""
        start, end = _clause_edges(cue, complement)
        if self.outside_words(start, end) <= 1:
            return None  # a quotation: the direct rule has it
        rule = "indirect-infinitive" if complement.dep_ in INFINITIVE_DEPS else "indirect-clause"
        return self.indirect(start, end, rule, cue, self.subject_of(cue))

    def according_candidate(self, according: Token) -> _Candidate | None:
        """ "X happened, according to Y": the clause the phrase hangs from, without the phrase."""
        to = self.doc[according.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        clause = according.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        start, end = _without(clause, according)
        if self.outside_words(start, end) <= 1:
            return None
        return self.indirect(start, end, "according-to", according, source)

    def parenthetical_candidate(self, cue: Token) -> _Candidate | None:
        """ "The plan, he said, is dead": the clause around the cue, which has its own subject."""
        subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        start, end = _without(cue.head, cue)
        if self.outside_words(start, end) <= 1:
            return None
        return self.indirect(start, end, "indirect-parenthetical", cue, subject)

    def indirect(self, start: int, end: int, rule: str, cue: Token, subject: Token | None) -> _Candidate | None:
        start, end = self.trim(start, end)
        if start >= end:
            return None
        first, last = self.doc[start], self.doc[end - 1]
        return _Candidate(first.idx, last.idx + len(last.text), "indirect", rule, cue, _cue_end(cue), subject)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Tokens ``start:end`` without punctuation at the ends; a quote opened inside is closed inside."""
        doc = self.doc
        while start < end and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        opened = {self.quote_of[i] for i in range(start, end) if i in self.quote_of}
        for n in opened:
            close = self.token_at(self.quotes[n].outer_end - 1)
            if end <= close and all(doc[i].is_punct for i in range(end, close + 1)):
                end = close + 1
        return start, end

    def outside_words(self, start: int, end: int) -> int:
        """Words of tokens ``start:end`` outside quotation marks, a leading "that" left out."""
        return sum(
            1
            for token in self.doc[start:end]
            if _is_word(token) and token.i not in self.quote_of and not (token.dep_ == "mark" and token.i == start)
        )

    # --- speakers ---------------------------------------------------------------------------------

    def subject_of(self, cue: Token) -> Token | None:
        """The subject of a cue verb, or of the verb it is coordinated with or hangs from."""
        verb = cue
        for _ in range(3):
            if any(child.dep_ in PASSIVE_DEPS for child in verb.children):
                return None  # "was told", "is expected": the subject is not the speaker
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            # "Smith, who said ...": the noun the relative clause describes
            if verb.dep_ == "relcl" and (subject is None or subject.lower_ in RELATIVE_PRONOUNS):
                return verb.head
            if subject is not None:
                return subject if verb is cue else self.nearer_subject(subject, cue)
            if verb.dep_ not in INHERIT_SUBJECT_DEPS or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def nearer_subject(self, inherited: Token, cue: Token) -> Token:
        """ "... took place when Russia and Ukraine released ... and said": a "and said" attached to the
        wrong verb inherits a subject naming no one; a subject naming an actor nearer before the cue wins."""
        if inherited.lower_ in PRONOUN_KINDS or self.named(inherited) is not None:
            return inherited
        for i in range(cue.i - 1, inherited.i, -1):
            token = self.doc[i]
            if token.dep_ in SUBJECT_DEPS and self.named(token) is not None:
                return token
        return inherited

    def speaker_key(self, subject: Token) -> tuple[str | None, str]:
        """The actor key of a subject and how it was found: "named", "pronoun" or "described"."""
        lower = subject.lower_
        # I/we/you: inside a quote the quoted speaker, outside it the writer; never an actor of the article
        if lower in FIRST_PERSON:
            return None, ""
        # he/she/it/they: the latest fitting speaker or actor outside quotation marks
        if lower in PRONOUN_KINDS:
            return self.antecedent(subject.i, PRONOUN_KINDS[lower]), "pronoun"
        # "some", "this", "many": no one in particular
        if subject.pos_ in ("PRON", "DET"):
            return None, ""
        key = self.named(subject)
        if key is not None:
            return self.speaking_actor(key), "named"
        # "one man", "Zelenskyy's office": an actor described, not named
        phrase = speaker_phrase(subject)
        kind = "Organization" if subject.lemma_.lower() in ORGANIZATION_NOUNS else "Person"
        return self.actors.add_description(phrase, kind), "described"

    def named(self, subject: Token) -> str | None:
        """The actor named by the subject or in apposition to it ("The governor ..., Oleh Kiper")."""
        chain = [subject]
        for token in chain:
            chain.extend(c for c in token.children if c.dep_ in NAME_DEPS)
        for token in chain:
            mention = self.actors.mention_at(token.i)
            if mention is not None and not mention.adjective:
                return mention.key
        return None

    def speaking_actor(self, key: str) -> str | None:
        """A place does not speak: a capital speaks for its state ("Moscow says"); other places for no one."""
        if self.actors.kind(key) != "Place":
            return key
        # the first state of the reference table with this capital (Moscow: Russia before the Soviet Union)
        capital = self.actors.records[key].wikidata
        states = [a.qid for a in self.actors.reference.by_qid.values() if capital and a.capital == capital]
        return next((qid for qid in states if self.is_mentioned(qid)), None)

    def antecedent(self, i: int, kinds: tuple[str, ...]) -> str | None:
        """What a pronoun at token ``i`` points to: the latest speaker if close, else the latest actor."""
        sentence = self.spans.sentence_index(self.doc[i].idx)
        if self.statements:
            previous = self.statements[-1]
            if sentence - previous.evidence.sentence <= 2 and self.actors.kind(previous.speaker) in kinds:
                return previous.speaker
        for mention in reversed(self.actors.mentions):
            if mention.start >= i or mention.adjective or mention.start in self.quote_of:
                continue
            if self.actors.kind(mention.key) in kinds:
                return mention.key
        return None

    def is_mentioned(self, key: str) -> bool:
        return any(m.key == key for m in self.actors.mentions)

    # --- statements -------------------------------------------------------------------------------

    def resolve(self, candidate: _Candidate) -> Statement | None:
        if candidate.cue is None:
            return self.continued(candidate)
        if candidate.subject is None:
            return None
        key, how = self.speaker_key(candidate.subject)
        if key is None or not self.is_mentioned(key) or self.actors.kind(key) not in SPEAKER_KINDS:
            return None
        cue = candidate.cue
        quote = self.quotes[candidate.quote] if candidate.quote is not None else None
        speaker = speaker_phrase(candidate.subject) if how != "pronoun" else self.doc[candidate.subject.i : candidate.subject.i + 1]
        cue_tokens = self.doc[cue.i : candidate.cue_end]
        ends = [candidate.start, candidate.end, speaker.start_char, speaker.end_char, cue_tokens.start_char, cue_tokens.end_char]
        if quote is not None:
            ends += [quote.outer_start, quote.outer_end]
        medium = medium_of(cue)
        if medium is None and candidate.kind == "direct":
            medium = self.carried_medium(key, min(ends))
        confidence = RULE_CONFIDENCE[candidate.rule]
        if how == "pronoun":
            confidence = min(confidence, PRONOUN_CONFIDENCE)
        elif how == "described":
            confidence -= DESCRIBED_PENALTY
        return Statement(
            speaker=key,
            content=self.spans.chars(candidate.start, candidate.end),
            kind=candidate.kind,
            evidence=self.spans.sentences_of(min(ends), max(ends)),
            speaker_span=self.spans.tokens(speaker),
            cue=ACCORDING if _is_according_to(cue) else cue.lemma_.lower(),
            cue_span=self.spans.tokens(cue_tokens),
            medium=medium,
            date=self.date_of_cue(cue) or self.published,
            about=self.about(candidate, key),
            confidence=round(confidence, 2),
            rule=candidate.rule,
        )

    def continued(self, candidate: _Candidate) -> Statement | None:
        """A quote with no cue: the speaker of the statement just before it goes on talking."""
        if not self.statements:
            return None
        previous = self.statements[-1]
        quote = self.quotes[candidate.quote]
        evidence = self.spans.sentences_of(quote.outer_start, quote.outer_end)
        if previous.content.end > quote.outer_start:
            return None
        if self.paragraph(quote.outer_start) - self.paragraph(previous.evidence.end - 1) > 1:
            return None
        if evidence.sentence - previous.evidence.sentence > MAX_CONTINUED_SENTENCES:
            return None
        return Statement(
            speaker=previous.speaker,
            content=self.spans.chars(candidate.start, candidate.end),
            kind="direct",
            evidence=evidence,
            speaker_span=previous.speaker_span,
            cue=previous.cue,
            cue_span=previous.cue_span,
            medium=previous.medium,
            date=previous.date,
            about=self.about(candidate, previous.speaker),
            confidence=min(previous.confidence, RULE_CONFIDENCE["direct-continued"]),
            rule="direct-continued",
        )

    def about(self, candidate: _Candidate, speaker: str) -> tuple[str, ...]:
        content = self.doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        return tuple(k for k in self.actors.actors_in(content.start, content.end) if k != speaker)

    def date_of_cue(self, cue: Token) -> datetime.date | None:
        """A date phrase of the cue verb ("On Friday, ... said"), not one of its subject or content."""
        for child in cue.children:
            if child.dep_ in DATE_SKIP_DEPS or child.i in self.quote_of:
                continue
            day = date_of(child, self.published)
            if day is not None:
                return day
        return None

    def carried_medium(self, speaker: str, start: int) -> str | None:
        """ "... announced by Zelenskyy in a post on Telegram." then a quote of his: the medium carries over."""
        index = self.spans.sentence_index(start)
        if index == 0:
            return None
        sentence = self.spans.sentences[index - 1]
        if speaker not in self.actors.actors_in(sentence.start, sentence.end):
            return None
        for token in sentence:
            if token.dep_ == "prep" and token.lower_ in MEDIUM_PREPS:
                medium = medium_of_phrase(token, named_only=False, nouns_only=True)
                if medium is not None:
                    return medium
        return None

    # --- positions --------------------------------------------------------------------------------

    def token_at(self, char: int) -> int:
        """Index of the token holding character ``char`` (or the next token)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is not None and len(span):
            return span.start
        return min(len(self.doc) - 1, next((t.i for t in self.doc if t.idx >= char), len(self.doc) - 1))

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1


# --- small helpers --------------------------------------------------------------------------------


def is_reporting_verb(token: Token) -> bool:
    return token.lemma_.lower() in CUE_CLASSES and token.tag_.startswith(VERB_TAGS)


def is_quote_cue(token: Token) -> bool:
    """A word that can attribute a quotation next to it: a reporting verb, "according to"."""
    if _is_according_to(token):
        return True
    lemma = token.lemma_.lower()
    return (lemma in CUE_CLASSES or lemma in QUOTE_ONLY_CUES) and token.tag_.startswith(VERB_TAGS)


def complement_of(cue: Token) -> Token | None:
    """The clause a cue verb reports: its ccomp, or its xcomp for "claimed to have ..."."""
    deps = COMPLEMENT_DEPS | (INFINITIVE_DEPS if cue.lemma_.lower() in INFINITIVE_CUES else set())
    return next((c for c in cue.children if c.dep_ in deps), None)


def speaker_phrase(subject: Token) -> Span:
    """The subject's noun phrase without relative clauses: "Russia, which occupies ..., claimed" -> "Russia"."""
    doc = subject.doc
    cut = {t.i for child in subject.children if child.dep_ in CLAUSE_MODIFIERS for t in child.subtree}
    start, end = subject.i, subject.i + 1
    while start > subject.left_edge.i and start - 1 not in cut:
        start -= 1
    while end <= subject.right_edge.i and end not in cut:
        end += 1
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


def medium_of(cue: Token) -> str | None:
    """ "wrote on Truth Social", "said in an interview with CNN", "told reporters", "tweeted"."""
    if cue.lemma_.lower() in CUE_MEDIA:
        return CUE_MEDIA[cue.lemma_.lower()]
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS:
            medium = medium_of_phrase(child, named_only=True, nouns_only=False)
            if medium is not None:
                return medium
        # "told reporters": the audience
        if cue.lemma_.lower() in AUDIENCE_CUES and child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN"):
            return _name_text(child)
    return None


def medium_of_phrase(prep: Token, *, named_only: bool, nouns_only: bool) -> str | None:
    """The medium a prepositional phrase names: a platform ("on Telegram") or a kind of message."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.ent_type_ in NOT_MEDIA:
        return None
    # "on Truth Social": a name
    if obj.pos_ == "PROPN" and not nouns_only:
        return _name_text(obj)
    if obj.lower_ not in MEDIUM_NOUNS and obj.lemma_.lower() not in MEDIUM_NOUNS:
        return None
    # "in a post on social media platform Telegram", "in an interview with CNN": the name inside
    for inner in obj.children:
        if inner.dep_ == "prep" and inner.lower_ in MEDIUM_PREPS:
            named = next((c for c in inner.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if named is not None and named.ent_type_ not in NOT_MEDIA:
                return _name_text(named)
    # "in a statement": the kind of message
    return None if named_only and obj.pos_ != "NOUN" else _name_text(obj)


def _name_text(token: Token) -> str:
    """A noun with the words before it that make its name: "Truth Social", "social media", and for a
    proper noun only proper nouns: "Telegram", not "social media platform Telegram"."""
    doc = token.doc
    start = token.i
    while start > 0:
        previous = doc[start - 1]
        if previous.dep_ not in NAME_MODIFIER_DEPS or not start <= previous.head.i <= token.i:
            break
        if token.pos_ == "PROPN" and previous.pos_ != "PROPN":
            break
        start -= 1
    return doc[start : token.i + 1].text


def _verb_of_colon(colon: Token) -> Token | None:
    """The verb of the clause a colon ends: its head, or the nearest verb before it."""
    if colon.head.pos_ in ("VERB", "AUX") and colon.head.i < colon.i:
        return colon.head
    for i in range(colon.i - 1, colon.sent.start - 1, -1):
        if colon.doc[i].pos_ == "VERB":
            return colon.doc[i]
    return None


def _clause_edges(cue: Token, complement: Token) -> tuple[int, int]:
    """Tokens of a reported clause; "suggested the swap ... could herald": a misparsed object joins it."""
    start, end = complement.left_edge.i, complement.right_edge.i + 1
    if cue.i < start and not any(c.dep_ in SUBJECT_DEPS | PASSIVE_DEPS | {"expl"} for c in complement.children):
        obj = next((c for c in cue.children if c.dep_ == "dobj" and cue.i < c.i < start), None)
        if obj is not None:
            start = obj.left_edge.i
    if complement.doc[start].dep_ == "mark" and complement.doc[start].lower_ == "that":
        start += 1
    return start, end


def _without(clause: Token, part: Token) -> tuple[int, int]:
    """The tokens of ``clause`` with ``part`` (and its subtree) cut off where it stands at an edge."""
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    part_start, part_end = part.left_edge.i, part.right_edge.i + 1
    if part_start <= start:
        start = part_end
    elif part_end >= end:
        end = part_start
    return start, end


def _gaps(tokens) -> list[tuple[int, Token]]:
    """Each token with the number of words before it in the sequence (its distance from the quote)."""
    out, words = [], 0
    for token in tokens:
        out.append((words, token))
        words += _is_word(token)
    return out


def _cue_end(cue: Token) -> int:
    return cue.i + 2 if _is_according_to(cue) else cue.i + 1


def _is_according_to(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _is_word(token: Token) -> bool:
    return not (token.is_punct or token.is_space)
