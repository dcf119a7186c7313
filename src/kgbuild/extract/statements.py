"""Statements: who said what, read from quotation marks and from reporting verbs.

In: a parsed article (a spaCy ``Doc``), its ``ActorIndex``, the ``Article`` (for the publication date) and
the ``SpanMaker`` of the Doc. Out: ``facts.Statement`` records sorted by content start, at most one per
content span.

Rules, in order:
1. quotation marks are paired per paragraph (:func:`find_quotes`): straight, curly and doubled-apostrophe
   double quotes, guillemets, then single quotes outside double ones (apostrophes are not marks). A
   stray mark costs at most its own quote; a quote left open at the end of a paragraph goes on only if
   the next paragraph opens with a mark (a multi-paragraph quote), otherwise it is dropped.
2. ``quote``: a cue next to a quote in its sentence attributes it (`"...," Zelenskyy wrote`, `said
   Smith: "..."`, `"...," according to X`); ``quote-colon``: so does the verb before a colon that
   introduces it (`Trump wrote on Truth Social: "..."`, also at the end of the previous sentence).
   The content is the text inside the marks, without the comma that hands over to the attribution.
3. ``quote-dash``: a quote with no cue that starts a sentence and is signed with a dash and a name
   ending the line ('“...” ― Anna Kowal', or '-President Obama, tweeting ...' on the next line) is
   that name's. ``quote-continued``: another quote with no cue that starts a sentence continues the
   statement just before it (same or previous paragraph): same speaker, cue and medium, a statement of
   its own. So a quote split by its attribution gives two statements, each with the text inside its
   own marks.
   A quote that runs over several paragraphs with no cue before it takes the cue of a later part.
4. a quote no cue attributes that does not start a sentence is a scare quote ("root causes") if it is
   short (under MIN_CLAUSE_QUOTE_WORDS words); a longer one is ``quote-clause``: the words after the verb
   whose subject names someone ("Sullivan proclaims the article a “terrific piece ...”"). A quote inside a
   longer reported clause (`said the plan was "a disaster"`) belongs to that clause (rule 5). Neither
   the scare quote nor the quote inside a clause is a statement of its own.
5. reported speech, outside quotation marks: ``clause``, a cue verb of CUE_CLASSES with a clausal
   complement (without a leading "that", and without a later cue's clause: "..., while others said");
   ``infinitive``, the xcomp of INFINITIVE_CUES ("claimed to have captured ..."); ``object``, the object
   phrase of a cue not in NO_OBJECT_CUES ("called Carson a special person", "accused Clinton of ...",
   "noted the testimony"); ``topic``, the prepositional object of TOPIC_CUES ("warned of a recession");
   ``according-to``; ``parenthetical`` ("the plan, he said, is dead"); ``headline`` ("Carson: Cruz
   taking ... approach"). A report inside the content of another ("said he now believes ...") is part
   of that content, not a statement, unless the outer cue has no one to speak ("That said, ...").
6. the speaker is the subject of the cue verb (or of the verb it is coordinated with: "... and said"),
   for "according to" its object. A name heading the subject or in apposition to it ("The governor ...,
   Oleh Kiper") gives the actor; a capital speaks for its state ("Moscow says" -> Russia); he/she/it/they
   go to the latest speaker, else the latest fitting actor named outside quotation marks, and "the
   president" to the latest person with that title; a message speaks for its author ("Trump's tweet
   said"); a capitalised name the entity recognizer missed becomes a named actor; a subject naming no
   one ("one man", "Zelenskyy's office") becomes an anonymous actor; I/we/you are never the speaker; a
   place the reference table does not know that speaks becomes a person or organization (a mistyped name).
   A poll or report can "show" or "find"; images cannot.
7. kind: ``direct`` for a quotation, ``mixed`` for reported speech that quotes some of its words
   (`said the plan was "a disaster"`, or goes on in a quote: `said talks failed. "Nobody came."`), else
   ``indirect``. PolNeAR's "quote" is direct or mixed; a
   Wikidata quotation (P1683) only direct.
8. medium ("wrote on Truth Social", "in an interview with CNN", "told reporters", "tweeted"; for a quote,
   also "in a post on Telegram" in the sentence before that names the speaker), date (a date phrase of
   the cue verb, else the publication date), about (the actors in the content other than the speaker).

The class of a cue (assertion, claim, denial, belief, ...) is ``CUE_CLASSES[statement.cue]``.
"""

from __future__ import annotations

import bisect
import datetime
import re
import unicodedata
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from ..facts import Article, Statement
from .actors import TITLE_WORDS, ActorIndex
from .dates import date_of
from .spans import SpanMaker

def link_continuations(statements: list[Statement]) -> list[Statement]:
    """Point each continued quote at the part before it: the latest earlier statement of the same cue.

    ``"We expect more," he wrote. "Our goal is ..."``: the second quote has no cue of its own and took
    the first one's speaker and cue, so the two are one statement in two parts. So are the two quotes
    around one cue: ``"We expect more," he wrote, "and soon."``.
    """
    linked: list[Statement] = []
    for statement in statements:
        if statement.rule == "quote-continued" or (statement.rule == "quote" and statement.kind == "direct"):
            before = [
                n for n, earlier in enumerate(linked)
                if earlier.speaker == statement.speaker and earlier.cue_span == statement.cue_span
            ]
            if before:
                statement = replace(statement, continues=before[-1])
                # 'Kowal said talks failed. "Nobody came."': reported speech that goes on in quotation marks
                # quotes some of its words, so the statement it opens is mixed
                head = before[-1]
                while linked[head].continues is not None:
                    head = linked[head].continues
                if linked[head].kind == "indirect":
                    linked[head] = replace(linked[head], kind="mixed")
        linked.append(statement)
    return linked


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
MIXED = "mixed"  # a quote that is part of a longer reported clause
SENTENCE_END = {".", "!", "?"}
# after a quote's closing mark: spaces (or one line break), a dash, then the signature: '” ― Anna Kowal'
DASH_SIGNATURE = re.compile(r"([ \t\u00a0]*(?:\n[ \t\u00a0]*){0,2})(―|—|–|--?)[ \t\u00a0]*(?=\w)")

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
    "brag": "assertion", "assure": "assertion", "counter": "assertion", "cite": "assertion",
    "talk": "assertion", "speak": "assertion", "refer": "assertion", "discuss": "assertion", "express": "assertion",
    "share": "assertion", "focus": "assertion",
    # claim: asserted, and the report keeps its distance
    "claim": "claim", "allege": "claim", "charge": "claim", "contend": "claim", "assert": "claim",
    "accuse": "claim", "blame": "claim",
    # denial
    "deny": "denial", "dispute": "denial", "reject": "denial", "dismiss": "denial",
    # admission
    "admit": "admission", "acknowledge": "admission", "concede": "admission", "agree": "admission",
    # announcement
    "announce": "announcement", "declare": "announcement", "report": "announcement", "reveal": "announcement",
    "disclose": "announcement", "confirm": "announcement",
    # warning, promise, prediction
    "warn": "warning", "caution": "warning", "threaten": "warning",
    "promise": "promise", "vow": "promise", "pledge": "promise", "guarantee": "promise",
    "predict": "prediction", "forecast": "prediction",
    # question, suggestion, refusal
    "ask": "question", "wonder": "question", "question": "question",
    "suggest": "suggestion", "propose": "suggestion", "urge": "suggestion", "recommend": "suggestion",
    "hint": "suggestion", "imply": "suggestion", "demand": "suggestion", "advocate": "suggestion",
    "push": "suggestion", "encourage": "suggestion", "exhort": "suggestion",
    "decline": "refusal", "refuse": "refusal",
    # evaluation: the speaker judges someone or something
    "call": "evaluation", "describe": "evaluation", "criticize": "evaluation", "criticise": "evaluation",
    "praise": "evaluation", "endorse": "evaluation", "condemn": "evaluation", "denounce": "evaluation",
    "decry": "evaluation", "slam": "evaluation", "blast": "evaluation", "hail": "evaluation",
    "applaud": "evaluation", "mock": "evaluation", "ridicule": "evaluation", "defend": "evaluation",
    "tout": "evaluation", "thank": "evaluation", "rail": "evaluation", "lash": "evaluation", "attack": "evaluation",
    "characterize": "evaluation", "characterise": "evaluation", "label": "evaluation", "brand": "evaluation",
    "dub": "evaluation", "portray": "evaluation", "scold": "evaluation", "chide": "evaluation", "liken": "evaluation",
    # belief: a reported state of mind
    "believe": "belief", "think": "belief", "expect": "belief", "hope": "belief", "fear": "belief",
    "feel": "belief", "worry": "belief", "doubt": "belief", "suspect": "belief", "assume": "belief",
    "know": "belief", "see": "belief", "view": "belief", "consider": "belief",
    "recognize": "admission", "recognise": "admission",
    # stance: what the speaker is for or against
    "support": "stance", "back": "stance", "oppose": "stance", "favor": "stance", "favour": "stance",
    "prefer": "stance", "embrace": "stance", "vote": "stance",
    # intention: what the speaker means to do or get
    "want": "intention", "seek": "intention", "plan": "intention", "intend": "intention", "offer": "intention",
    "decide": "intention",
    # finding: what a poll, study or report shows
    "find": "finding", "show": "finding", "conclude": "finding", "indicate": "finding",
}
FINDING, EVALUATION = "finding", "evaluation"
FOLLOWING_ONLY = {EVALUATION, "refusal"}  # classes whose content never comes before the cue
# xcomp content: "claimed to have captured", "declined to comment"
INFINITIVE_CUES = {
    "claim", "promise", "vow", "pledge", "threaten", "hope", "expect", "decline", "refuse", "ask",
    "want", "seek", "plan", "intend", "offer", "decide", "prefer", "urge", "encourage", "exhort",
}
# object content ("called Carson a special person", "accused Clinton of dragging her feet", "noted the
# testimony"): every cue but these, whose object is an audience or no content ("told reporters", "added fuel")
NO_OBJECT_CUES = {"tell", "add", "maintain", "answer", "reply", "respond", "talk", "speak", "agree", "ask"}
OBJECT_PREPS = {  # the prepositions that carry the rest of an object content
    "call": {"for", "on"}, "accuse": {"of"}, "criticize": {"for"}, "criticise": {"for"}, "praise": {"for"},
    "blame": {"for"}, "thank": {"for"}, "describe": {"as"}, "see": {"as"}, "view": {"as"},
}
# "blasted Clinton as a disgrace", "slammed the media for being dishonest": what any judgement says of its object
EVALUATION_PREPS = {"as", "for"}
TOPIC_CUES = {  # prepositional content: "talked about immigration", "warned of a recession", "called for a ban"
    "talk": {"about", "of"}, "speak": {"about", "of", "against"}, "ask": {"about"},
    "warn": {"of", "about", "against"}, "argue": {"for", "against"}, "comment": {"on"}, "testify": {"about", "on"},
    "write": {"about", "of"}, "tweet": {"about"}, "complain": {"about", "of"}, "joke": {"about"},
    "rail": {"against"}, "call": {"for", "on"},
    "advocate": {"for"}, "boast": {"about", "of"}, "brag": {"about"}, "lash": {"out"}, "vote": {"for", "against"},
    "refer": {"to"}, "point": {"to"}, "push": {"for"}, "focus": {"on"}, "respond": {"to"},
}
# "called him a liar", "called for a ban", "sees X as Y": not "called a meeting"
PREDICATE_CUES = {"call", "see", "view"}
QUOTE_ONLY_CUES = {
    "chant", "shout", "yell", "scream", "exclaim", "cry", "whisper", "joke", "quip", "laugh", "muse",
    "read", "continue", "put", "retort", "snap", "lament", "plead", "text", "email", "interject",
    "scoff", "confess", "remember", "boom",
}
LEMMA_FIXES = {"hop": "hope"}  # "hoped", "hoping": the small model's lemma is "hop"
ACCORDING = "according to"
CUE_MEDIA = {"tweet": "Twitter"}
AUDIENCE_CUES = {"tell"}  # "told reporters": the audience is the medium

# --- dependency labels ----------------------------------------------------------------------------

SUBJECT_DEPS = {"nsubj"}
PASSIVE_DEPS = {"nsubjpass", "auxpass"}
COMPLEMENT_DEPS = {"ccomp"}
INFINITIVE_DEPS = {"xcomp"}
OBJECT_DEPS = {"dobj", "dative", "oprd", "xcomp"}
PREDICATE_DEPS = {"oprd", "xcomp", "ccomp"}
INHERIT_SUBJECT_DEPS = {"conj", "xcomp", "advcl"}  # "... and said", "declined to say", ", saying"
ADJUNCT_DEPS = {"prep", "agent", "npadvmod", "advmod"}
NESTED_CLAUSE_DEPS = {"advcl", "conj", "parataxis"}  # "said X, while others said Y": Y is not X
NAME_DEPS = {"compound", "flat"}
APPOSITION_DEPS = {"appos"}
NAME_MODIFIER_DEPS = {"compound", "amod"}
CLAUSE_MODIFIERS = {"relcl", "acl"}
DATE_SKIP_DEPS = SUBJECT_DEPS | COMPLEMENT_DEPS | OBJECT_DEPS | {"conj", "cc", "punct", "parataxis"}
VERB_TAGS = ("VB",)
FINITE_TAGS = {"VBD", "VBZ", "VBP"}
WH_TAGS = {"WP", "WDT"}
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from"}
PERFECT_AUX = {"have", "has", "had", "having", "'ve", "’ve", "'s", "’s", "'d", "’d"}  # "has said", "He's said"

# --- speakers -------------------------------------------------------------------------------------

FIRST_PERSON = {"i", "me", "we", "us", "you"}
PRONOUN_KINDS = {
    "he": ("Person",), "she": ("Person",),
    "it": ("State", "Organization"), "they": ("State", "Organization", "Person"),
}
RELATIVE_PRONOUNS = {"who", "which", "that"}
PERSONAL_PRONOUNS = {"he", "she", "they"}
GROUP_PRONOUNS = {"some", "many", "most", "others", "those", "both", "all", "several", "few", "everyone"}
SPEAKER_KINDS = ("Person", "State", "Organization")
FINDING_SOURCES = {
    "poll", "survey", "study", "report", "data", "research", "analysis", "figure", "record", "number",
    "result", "investigation", "review", "audit", "census", "statistic", "document", "filing", "test",
    "polling", "memo", "email", "estimate", "projection", "tally",
}
ORGANIZATION_NOUNS = FINDING_SOURCES | {
    "office", "ministry", "government", "campaign", "committee", "agency", "department", "company", "firm",
    "group", "organization", "organisation", "party", "administration", "newspaper", "paper", "network",
    "court", "police", "army", "military", "council", "board", "commission", "union", "team", "embassy",
    "authority", "institute",
}
MAX_HEADLINE_SOURCE = 6  # words before the colon of "Carson: Cruz taking 'Benghazi' approach"

# --- media ----------------------------------------------------------------------------------------

MEDIUM_PREPS = {"on", "in", "at", "to", "during", "via", "with", "through"}
MEDIUM_NOUNS = {
    "post", "statement", "interview", "tweet", "video", "message", "speech", "letter", "op-ed", "email",
    "briefing", "conference", "broadcast", "address", "blog", "podcast", "column", "article", "editorial",
    "media", "television", "radio", "show", "programme", "program", "appearance", "remarks", "call",
    "rally", "hearing", "debate", "event",
}
NOT_MEDIA = {"DATE", "TIME", "GPE", "LOC", "FAC", "PERSON", "NORP", "CARDINAL", "ORDINAL", "QUANTITY"}

# --- confidence -----------------------------------------------------------------------------------

RULE_CONFIDENCE = {
    "quote": 0.9,
    "quote-colon": 0.85,
    "quote-continued": 0.7,
    "quote-dash": 0.8,
    "quote-clause": 0.5,
    "clause": 0.8,
    "infinitive": 0.75,
    "object": 0.7,
    "topic": 0.6,
    "according-to": 0.8,
    "parenthetical": 0.75,
    "headline": 0.7,
}
PRONOUN_CONFIDENCE = 0.6  # a ceiling: the pronoun (or "the president") may point elsewhere
DESCRIBED_PENALTY = 0.1  # an anonymous speaker ("one man") is vaguer than a name

MAX_SCARE_WORDS = 3  # a quote this short that only a naming verb ("calls") stands by is a scare quote
MIN_CLAUSE_QUOTE_WORDS = 3  # a shorter quote inside a clause with no cue word may be a scare quote
MAX_CUE_GAP = 12  # words between a quotation mark and a cue that is not syntactically tied to it
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
    before = text[start - 1] if start > 0 and not _invisible(text[start - 1]) else " "
    after = text[stop] if stop < len(text) and not _invisible(text[stop]) else " "
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


def _invisible(char: str) -> bool:
    """Format characters (a left-to-right mark before a quote) count as space."""
    return unicodedata.category(char) == "Cf"


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
    subject: Token | None = None
    quote: Quote | None = None  # for quotes: the marks belong to the evidence


class StatementReader:
    """Finds the statement candidates of one article, then resolves their speakers in text order."""

    def __init__(self, doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker):
        self.doc = doc
        self.actors = actors
        self.spans = spans
        self.published = article.published
        self.text = spans.text
        self.quotes = find_quotes(self.text)
        self.quote_of: dict[int, int] = {}  # token -> index of the quote it is in, marks included
        for n, quote in enumerate(self.quotes):
            span = doc.char_span(quote.outer_start, quote.outer_end, alignment_mode="expand")
            for i in range(span.start, span.end) if span is not None else ():
                self.quote_of.setdefault(i, n)
        self.paragraph_starts = [m.start() for m in PARAGRAPH.finditer(self.text)]
        self.statements: list[Statement] = []

    def read(self) -> list[Statement]:
        candidates = [c for n in range(len(self.quotes)) if (c := self.quote_candidate(n))]
        candidates += self.reported_candidates()
        candidates += self.headline_candidates()
        # "said he now believes X": a report inside the content of another is part of that content
        # ("That said, Millennials say ...": an outer cue that can have no speaker holds nothing)
        outer = [c for c in candidates if _may_have_speaker(c)]
        candidates = [c for c in candidates if not any(_nested(c, other) for other in outer)]
        by_span: dict[tuple[int, int], Statement] = {}
        for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
            statement = self.resolve(candidate)
            if statement is None:
                continue
            self.statements.append(statement)
            key = (statement.content.start, statement.content.end)
            if key not in by_span or statement.confidence > by_span[key].confidence:
                by_span[key] = statement
        return link_continuations(sorted(by_span.values(), key=lambda s: (s.content.start, s.content.end)))

    # --- quotes -----------------------------------------------------------------------------------

    def quote_candidate(self, n: int) -> _Candidate | None:
        """A quote attributed by a cue, or continuing the statement before it; None for scare quotes."""
        quote = self.quotes[n]
        start, end = quote.start, quote.end
        while end > start and (self.text[end - 1] == "," or self.text[end - 1].isspace()):
            end -= 1  # the comma before the attribution belongs to the report, not the quote
        content = self.doc.char_span(start, end, alignment_mode="expand")
        if content is None or not any(_is_word(t) for t in content):
            return None
        before, after = self.before_window(n), self.after_window(n)
        found = self.quote_cue(n, before, after)
        # a quote that runs over several paragraphs may be attributed only after its last part
        if found is None and quote.continued and not any(_is_word(t) for t in before):
            found = self.later_part_cue(n)
        if found == MIXED:
            return None
        if found is not None:
            cue, rule, subject = found
            return _Candidate(start, end, "direct", rule, cue, subject, quote)
        # no cue: a quote that opens its sentence may be signed with a dash, or continue the statement before it
        if not any(_is_word(t) for t in before):
            signed = self.dash_signature(n)
            if signed is not None:
                return _Candidate(start, end, "direct", "quote-dash", *signed, quote)
            return _Candidate(start, end, "direct", "quote-continued", None, quote=quote)
        return self.quoting_clause(n)

    def dash_signature(self, n: int) -> tuple[Token, Token] | None:
        """ '“We will win.” ― Anna Kowal' (also on the next line: '"..."\n- President Obama, tweeting'):
        a quote signed with a dash and a name that ends its line; the dash and the name's last word."""
        quote = self.quotes[n]
        if quote.continued:
            return None
        signature = DASH_SIGNATURE.match(self.text, quote.outer_end)
        if signature is None:
            return None
        # on the next line only after a quote that is a paragraph of its own
        if "\n" in signature.group(1):
            paragraph = self.paragraph(quote.outer_start)
            if paragraph != self.paragraph(quote.outer_end - 1):
                return None
            if self.text[self.paragraph_starts[paragraph] : quote.outer_start].strip():
                return None
        dash = self.token_at(signature.start(2))  # the tokenizer may glue it to the closing mark: '”―'
        first = self.token_at(signature.end())
        if first == dash and dash + 1 < len(self.doc):  # '-President Obama': a title glued to the dash
            first = dash + 1
        if first <= dash:
            return None
        mention = self.actors.mention_at(first)
        if mention is not None and not mention.adjective:  # the recognizer may take the dash in: '― Ann Lee'
            last = mention.end - 1
        else:  # a name the recognizer missed: the proper nouns from the dash on
            last = first
            while last + 1 < len(self.doc) and self.doc[last + 1].pos_ == "PROPN":
                last += 1
            name = missed_name(self.doc[last])
            if name is None or name.start != first:
                return None
        # the name ends the line, or a description follows it after a comma
        after = self.doc[last + 1] if last + 1 < len(self.doc) else None
        if after is not None and not (_ends_sentence(self.doc[last]) or after.text in (",", ".") or after.is_space):
            return None
        return self.doc[dash], self.doc[last]

    def later_part_cue(self, n: int) -> tuple[Token, str, Token | None] | None:
        """The cue of the part that closes the multi-paragraph quote ``n`` ('"..., \n"...," he said.')."""
        m = n
        while m + 1 < len(self.quotes) and self.quotes[m].continued:
            m += 1
            found = self.quote_cue(m, self.before_window(m), self.after_window(m))
            if found is not None and found != MIXED:
                return found
        return None

    def quoting_clause(self, n: int) -> _Candidate | None:
        """ "Sullivan proclaims the article a “terrific piece”": a quote of more than a few words inside
        the clause of a verb with no cue word, whose subject names someone, is that subject's words; the
        content is what follows the verb."""
        inside = self.inside(n)
        # "watched “The Walking Dead”": a title is no one's words
        if len([t for t in inside if _is_word(t)]) < MIN_CLAUSE_QUOTE_WORDS or _is_title(inside):
            return None
        verb = inside.root.head
        while verb.pos_ not in ("VERB", "AUX") or not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
        if verb.i in self.quote_of or any(c.dep_ in PASSIVE_DEPS for c in verb.children):
            return None
        subject = next(c for c in verb.children if c.dep_ in SUBJECT_DEPS)
        if subject.lower_ not in PERSONAL_PRONOUNS and self.named(subject) is None:
            return None
        parts = [c for c in verb.rights if _is_word(c)]
        if not parts:
            return None
        # 'exhorted Republicans to “vote your conscience” and said ...': a verb coordinated with it is no part
        end = next((c.i for c in parts if c.dep_ in ("cc", "conj")), verb.right_edge.i + 1)
        return self.reported(parts[0].left_edge.i, end, "quote-clause", verb, subject)

    def before_window(self, n: int) -> list[Token]:
        """The tokens before the quote's opening mark, back to the end of the last sentence or quote."""
        first = self.token_at(self.quotes[n].outer_start)
        window: list[Token] = []
        for i in range(first - 1, -1, -1):
            token = self.doc[i]
            if i in self.quote_of or _ends_sentence(token):
                break
            window.insert(0, token)
        return window

    def after_window(self, n: int) -> list[Token]:
        """The tokens after the quote's closing mark, up to the end of the sentence or the next quote."""
        quote = self.quotes[n]
        if quote.continued or "\n" in self.text[quote.outer_end - 1 : quote.outer_end + 1]:
            return []
        window: list[Token] = []
        for i in range(self.token_at(quote.outer_end - 1) + 1, len(self.doc)):
            token = self.doc[i]
            if i in self.quote_of or "\n" in token.text or token.text in SENTENCE_END:
                break
            if token.is_space:
                continue  # a no-break space (\xa0) between the mark and "his nephew added"
            window.append(token)
            if "\n" in token.whitespace_:
                break
        return window

    def quote_cue(
        self, n: int, before: list[Token], after: list[Token]
    ) -> tuple[Token, str, Token | None] | str | None:
        """Cue, rule and subject attributing quote ``n``; MIXED if a reported clause holds it; or None."""
        short = len([t for t in self.inside(n) if _is_word(t)]) <= MAX_SCARE_WORDS
        inside = {t.i for t in self.inside(n)}
        for cue in self.ranked_cues(n, before, after):
            # 'warned of a “ferocious” battle': a few quoted words inside a sentence are a scare quote
            # unless the cue governs them ('called the system “rigged”') or they open the sentence
            # ('“Really,” she said')
            if short and any(_is_word(t) for t in before) and not _governs(cue, inside):
                continue
            # what it calls the war's "root causes": naming is not quoting (but 'called Trump "dopey"' is)
            if short and CUE_CLASSES.get(cue_lemma(cue)) == EVALUATION and _names_by_relative(cue):
                continue
            extent = self.reported_extent(cue)
            # '"...," said Hany Farid, who co-developed ...': a clause after the inverted subject is a misparse
            if extent is not None and self.quotes[n].outer_end <= cue.idx and _follows_inverted_subject(cue, extent[0]):
                extent = None
            # '"...," Trump said in February of Carrier, whose parent relocated ...': a clause after the cue
            # is a misparse when the cue also has a clause inside the quote before it
            if extent is not None and self.quote_clause_before(n, cue) and extent[0] > cue.i:
                extent = None
            # a cue whose content is mostly outside quotation marks reports that content
            if extent is not None and self.outside_words(extent[0], extent[1]) > 1:
                if extent[0] <= self.token_at(self.quotes[n].start) < extent[1]:
                    return MIXED  # ... and the quote is part of it
                continue
            subject = self.cue_subject(cue)
            # '“We will ...,” Chief Chuck Jordan said': a word of the quote is never its speaker
            if subject is None or subject.i in inside:
                # after the quote, or from a cue that opens the sentence: "Said Ellis: “...”"
                following = after if cue.i > max(inside) else [t for t in before if t.i >= cue.i]
                subject = self.inverted_subject(cue, following) or self.subject_after_quote(n, cue)
            return cue, "quote", subject
        colon = self.colon_before(n, before)
        if colon is None:
            return None
        # "Trump wrote on Truth Social: ...": the verb before the colon
        verb = _verb_of_colon(colon)
        if verb is not None:
            return verb, "quote-colon", self.cue_subject(verb)
        # "Carson: ..." at the start of a paragraph: the name before the colon
        source = self.headline_source(colon)
        if source is not None:
            return colon, "quote-colon", self.headline_speaker(source)
        return None

    def quote_clause_before(self, n: int, cue: Token) -> bool:
        """True if quote ``n`` ends before ``cue`` and the parser hung a clause inside it on the cue."""
        inside = self.inside(n)
        return inside.end <= cue.i and any(c.dep_ in COMPLEMENT_DEPS and inside.start <= c.i < inside.end for c in cue.children)

    def ranked_cues(self, n: int, before: list[Token], after: list[Token]) -> list[Token]:
        """Cue words next to quote ``n``: those syntactically tied to it first, then the nearest."""
        inside = {t.i for t in self.inside(n)}
        ranked = []
        for gap, token in [*_gaps(reversed(before)), *_gaps(after)]:
            if not is_quote_cue(token):
                continue
            tied = _tied(token, inside)
            # said on ABC's "This Week": a quoted name inside the attribution
            if any(c.dep_ in ADJUNCT_DEPS and c.left_edge.i <= min(inside) <= c.right_edge.i for c in token.children):
                continue
            if tied or gap <= MAX_CUE_GAP:
                ranked.append((not tied, gap, token.i, token))
        return [token for *_, token in sorted(ranked, key=lambda r: r[:3])]

    def inside(self, n: int) -> Span:
        """The tokens between the marks of quote ``n``."""
        quote = self.quotes[n]
        return self.doc.char_span(quote.start, quote.end, alignment_mode="expand")

    def colon_before(self, n: int, before: list[Token]) -> Token | None:
        """The colon that introduces quote ``n``: right before it, or ending the previous sentence."""
        if before:
            return before[-1] if before[-1].text == ":" else None
        i = self.token_at(self.quotes[n].outer_start) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.doc[i].text != ":" or i in self.quote_of:
            return None
        return self.doc[i]

    def subject_after_quote(self, n: int, cue: Token) -> Token | None:
        """ '“...,” Tulsa police Chief Chuck Jordan said': the last noun between the quote and the cue."""
        first = self.token_at(self.quotes[n].outer_end - 1) + 1
        nouns = [t for t in self.doc[first : cue.i] if t.pos_ in ("NOUN", "PROPN")]
        return nouns[-1] if nouns and first < cue.i else None

    def inverted_subject(self, cue: Token, after: list[Token]) -> Token | None:
        """ "...," said Robin Maynard: the noun phrase right after a cue that follows the quote, whatever
        the parser made of it."""
        if not after or after[0].i != cue.i:
            return None
        noun = next((t for t in after[1:] if t.pos_ in ("NOUN", "PROPN")), None)
        if noun is None:
            return None
        while noun.dep_ in NAME_MODIFIER_DEPS and noun.head.i > noun.i:
            noun = noun.head
        return noun

    # --- reported speech --------------------------------------------------------------------------

    def reported_candidates(self) -> list[_Candidate]:
        """What cue verbs, "according to" and parenthetical cues report, outside quotation marks."""
        found = []
        for token in self.doc:
            if token.i in self.quote_of:
                continue  # a report inside a quote is the quoted speaker's, not the article's
            if _is_according_to(token):
                found.append(self.according_candidate(token))
            elif is_reporting_verb(token):
                extent = self.reported_extent(token)
                if extent is not None:
                    start, end, rule = extent
                    found.append(self.reported(start, end, rule, token, self.cue_subject(token)))
                elif token.dep_ == "parataxis":
                    found.append(self.parenthetical_candidate(token))
        return [c for c in found if c is not None]

    def reported_extent(self, cue: Token) -> tuple[int, int, str] | None:
        """Tokens ``start:end`` of what a cue verb reports, and the rule: clause, infinitive, topic or object."""
        complement = complement_of(cue)
        lemma = cue_lemma(cue)
        # "so they could call relatives": a judgement follows its verb, it is not the clause before it
        if complement is not None and complement.i < cue.i and CUE_CLASSES.get(lemma) in FOLLOWING_ONLY:
            return None
        # "said that Russia would be ready ...", "claimed to have captured ..."
        if complement is not None:
            start, end = _clause_edges(cue, complement)
            # "wrote that the request was futile, because ...": a reason the parser hung on the cue
            reason = next((c for c in cue.rights if c.dep_ == "advcl" and c.i > complement.right_edge.i), None)
            if reason is not None and any(c.dep_ == "mark" and c.lower_ == "because" for c in reason.children):
                end = reason.right_edge.i + 1
            for child in complement.rights:
                # "said X, while other voters said Y": Y is a statement of its own (but "said X and that the
                # footage did not show Y" goes on with the same report)
                if child.dep_ in NESTED_CLAUSE_DEPS and any(_reports_clause(t) for t in child.subtree) and not (
                    child.dep_ == "conj" and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
                ):
                    end = min(end, child.left_edge.i)
            return start, end, "infinitive" if complement.dep_ in INFINITIVE_DEPS else "clause"
        # "talked about immigration", "warned of a recession"
        topic = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ in TOPIC_CUES.get(lemma, ())), None)
        if topic is not None and not any(c.dep_ in OBJECT_DEPS for c in cue.rights):
            return topic.i + 1, topic.right_edge.i + 1, "topic"
        if lemma in NO_OBJECT_CUES or lemma not in CUE_CLASSES:
            return None
        # "called Carson a special person", "accused Clinton of dragging her feet"
        preps = OBJECT_PREPS.get(lemma, EVALUATION_PREPS if CUE_CLASSES[lemma] == EVALUATION else ())
        parts = [c for c in cue.rights if c.dep_ in OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ in preps)]
        # "polls show Clinton with a double-digit lead": what a finding shows runs on after its object
        if parts and CUE_CLASSES[lemma] == FINDING:
            parts += [c for c in cue.rights if c.dep_ == "prep" and c.i > parts[-1].i]
        if not parts or (lemma in PREDICATE_CUES and not _names_something(parts)):
            return None
        start, end = parts[0].left_edge.i, parts[-1].right_edge.i + 1
        # "accused X of being duped and encouraged Americans to ...": a report the parser hung inside the
        # object is a statement of its own
        nested = [t.left_edge.i for t in self.doc[start:end] if t.dep_ in NESTED_CLAUSE_DEPS and _reports_clause(t)]
        return start, min([end, *nested]), "object"

    def according_candidate(self, according: Token) -> _Candidate | None:
        """ "X happened, according to Y": the clause the phrase hangs from, without the phrase."""
        clause = according.head
        while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
            clause = clause.head
        start, end = _without(clause, according)
        return self.reported(start, end, "according-to", according, self.cue_subject(according))

    def parenthetical_candidate(self, cue: Token) -> _Candidate | None:
        """ "The plan, he said, is dead": the sentence around the cue, which has its own subject."""
        subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None:
            return None
        sentence = cue.head
        while sentence.head.i != sentence.i:
            sentence = sentence.head
        start, end = _without(sentence, cue)
        return self.reported(start, end, "parenthetical", cue, subject)

    def headline_candidates(self) -> list[_Candidate]:
        """ "Carson: Cruz taking 'Benghazi' approach": a line that opens with a name and a colon."""
        found = []
        for paragraph in PARAGRAPH.finditer(self.text):
            first = self.token_at(paragraph.start())
            opening = self.doc[first : first + MAX_HEADLINE_SOURCE + 1]
            colon = next((t for t in opening if t.text == ":" and t.idx < paragraph.end()), None)
            if colon is None or self.headline_source(colon) is None:
                continue
            last = self.token_at(paragraph.end() - 1) + 1
            source = self.headline_source(colon)
            found.append(self.reported(colon.i + 1, last, "headline", colon, self.headline_speaker(source)))
        return [c for c in found if c is not None]

    def headline_source(self, colon: Token) -> Span | None:
        """The words before a colon that opens a sentence, if they name a speaker and hold no verb."""
        start = colon.i
        while start > 0 and not _ends_sentence(self.doc[start - 1]):
            start -= 1
        source = self.doc[start : colon.i]
        words = [t for t in source if _is_word(t)]
        if not words or len(words) > MAX_HEADLINE_SOURCE or any(t.pos_ in ("VERB", "AUX") for t in source):
            return None
        if any(t.i in self.quote_of for t in source):
            return None
        named = any((m := self.actors.mention_at(t.i)) is not None and not m.adjective for t in source)
        return source if named or source.root.lemma_.lower() in FINDING_SOURCES else None

    def headline_speaker(self, source: Span) -> Token:
        """ "Former AG Mukasey at RNC", "From Bush's Facebook post": the first name, else the head word."""
        for token in source:
            mention = self.actors.mention_at(token.i)
            if mention is not None and not mention.adjective:
                return self.doc[mention.end - 1]
        return source.root

    def reported(self, start: int, end: int, rule: str, cue: Token, subject: Token | None) -> _Candidate | None:
        """A candidate for tokens ``start:end``, unless they are a pure quotation (the quote rules have it)."""
        start, end = self.trim(start, end)
        if start >= end or self.outside_words(start, end) <= 1:
            return None
        first, last = self.doc[start], self.doc[end - 1]
        quoted = any(i in self.quote_of for i in range(start, end))
        kind = "mixed" if quoted else "indirect"
        return _Candidate(first.idx, last.idx + len(last.text), kind, rule, cue, subject)

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Tokens ``start:end`` without "that", punctuation or a conjunction at the ends, but with the
        marks of a quotation they hold."""
        doc = self.doc
        while start < end and (not _is_word(doc[start]) or (doc[start].dep_ == "mark" and doc[start].lower_ == "that")):
            start += 1
        while end > start and (not _is_word(doc[end - 1]) or doc[end - 1].dep_ == "cc"):
            end -= 1
        for n in {self.quote_of[i] for i in range(start, end) if i in self.quote_of}:
            opening, closing = self.token_at(self.quotes[n].outer_start), self.token_at(self.quotes[n].outer_end - 1)
            if opening < start and not any(_is_word(t) for t in doc[opening:start]):
                start = opening
            if end <= closing and not any(_is_word(t) for t in doc[end : closing + 1]):
                end = closing + 1
            # 'said he is “weak on immigration. Weak like a baby.”': a quote the content opens runs to its
            # closing mark, wherever the parser ended the sentence
            elif opening >= start and end <= closing and self.quotes[n].outer_start >= doc[start].idx:
                end = closing + 1
        return start, end

    def outside_words(self, start: int, end: int) -> int:
        """Words of tokens ``start:end`` outside quotation marks, a leading "that" left out."""
        return sum(
            1
            for token in self.doc[start:end]
            if _is_word(token) and token.i not in self.quote_of and not (token.dep_ == "mark" and token.i == start)
        )

    # --- speakers ---------------------------------------------------------------------------------

    def cue_subject(self, cue: Token) -> Token | None:
        """The speaker's token: the subject of a cue verb (or of the verb it hangs from), the object of
        "according to"."""
        if _is_according_to(cue):
            return next((c for c in self.doc[cue.i + 1].children if c.dep_ == "pobj"), None)
        verb = cue
        for _ in range(3):
            if any(child.dep_ in PASSIVE_DEPS for child in verb.children):
                return None  # "was told", "is expected": the subject is not the speaker
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            # "a group of rabbis called for ...": a finite verb parsed as a modifier of the noun before it
            if verb.dep_ == "acl" and verb.tag_ in FINITE_TAGS and subject is None and verb.head.i < verb.i:
                return verb.head
            # "Smith, who said ...": the noun the relative clause describes
            if verb.dep_ == "relcl" and (subject is None or subject.lower_ in RELATIVE_PRONOUNS):
                return verb.head
            if subject is not None:
                return subject if verb is cue else self.nearer_subject(subject, cue)
            # "released a statement saying ...", "emailed supporters saying ...", "responded by calling ...":
            # the verb above the noun or the preposition has the subject
            if (verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in OBJECT_DEPS) or verb.dep_ == "pcomp":
                verb = verb.head.head
                continue
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
        """The actor key of a subject and how it was found: "named", "pronoun", "title" or "described"."""
        lower = subject.lower_
        # I/we/you: inside a quote the quoted speaker, outside it the writer; never an actor of the article
        if lower in FIRST_PERSON:
            return None, ""
        # he/she/it/they: the latest fitting speaker or actor outside quotation marks
        if lower in PRONOUN_KINDS:
            return self.antecedent(subject.i, PRONOUN_KINDS[lower]), "pronoun"
        # "this", "that": no one; "some", "many", "those surveyed": people not named (below)
        if subject.pos_ in ("PRON", "DET") and subject.lower_ not in GROUP_PRONOUNS:
            return None, ""
        key = self.named(subject) or self.author(subject)
        if key is not None:
            return self.speaking_actor(key, subject), "named"
        organization = subject.lemma_.lower() in ORGANIZATION_NOUNS or subject.ent_type_ == "ORG"
        kind = "Organization" if organization else "Person"
        # "Lynch said": a name the entity recognizer missed
        name = next((n for t in _name_chain(subject) if (n := missed_name(t)) is not None), None)
        if name is not None:
            return self.actors.add_name(name, kind), "named"
        # "the president said": the latest person named with that title
        key = self.titled(subject)
        if key is not None:
            return key, "title"
        # "one man", "Zelenskyy's office": an actor described, not named
        return self.actors.add_description(speaker_phrase(subject), kind), "described"

    def named(self, subject: Token) -> str | None:
        """The actor a subject names: the subject's own name ("President Donald Trump"), or a name in
        apposition to it ("The governor ..., Oleh Kiper"); not a modifier ("Clinton supporters")."""
        for token in _name_chain(subject):
            mention = self.actors.mention_at(token.i)
            if mention is not None and not mention.adjective:
                return mention.key
        return None

    def author(self, subject: Token) -> str | None:
        """ "Donald Trump's tweet said": a message speaks for the actor whose it is."""
        if subject.lemma_.lower() not in MEDIUM_NOUNS:
            return None
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        return self.named(owner) if owner is not None else None

    def titled(self, subject: Token) -> str | None:
        """ "the president": the latest person named before outside quotes who holds that title."""
        if subject.lower_ not in TITLE_WORDS:
            return None
        for mention in reversed(self.actors.mentions):
            if mention.start >= subject.i or mention.adjective or mention.start in self.quote_of:
                continue
            record = self.actors.records[mention.key]
            if record.kind == "Person" and any(t.lower().split()[-1] == subject.lower_ for t in record.titles):
                return mention.key
        return None

    def speaking_actor(self, key: str, subject: Token) -> str | None:
        """A place does not speak: a capital speaks for its state ("Moscow says"); a place the reference
        table does not know is a name the entity recognizer mistyped ("Nefzi, a professor, said") or a
        local government, and becomes a person or an organization; other places speak for no one."""
        if self.actors.kind(key) != "Place":
            return key
        if self.actors.records[key].wikidata is None:
            mention = self.actors.mention_at(subject.i)
            if mention is None or mention.key != key:
                return None
            kind = "Person" if _has_person_apposition(subject) else "Organization"
            speaker = self.actors.add_name(self.doc[mention.start : mention.end], kind)
            self.actors.retarget(key, speaker)
            return speaker
        # the first state of the reference table with this capital (Moscow: Russia, not the Soviet Union)
        capital = self.actors.records[key].wikidata
        states = [a.qid for a in self.actors.reference.by_qid.values() if capital and a.capital == capital]
        return next((qid for qid in states if self.is_mentioned(qid)), None)

    def antecedent(self, i: int, kinds: tuple[str, ...]) -> str | None:
        """What a pronoun at token ``i`` points to: the latest speaker if close, else the latest actor
        named outside quotation marks (the people a quote talks about are not its speaker)."""
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
        """The statement of a candidate, with its speaker; None if no actor can be its speaker."""
        if candidate.cue is None:
            return self.continued(candidate)
        subject = candidate.subject
        if subject is None:
            return None
        cue = candidate.cue
        lemma = ACCORDING if _is_according_to(cue) else cue_lemma(cue)
        if CUE_CLASSES.get(lemma) == FINDING and not self.can_find(candidate, subject):
            return None
        key, how = self.speaker_key(subject)
        if key is None or not self.is_mentioned(key) or self.actors.kind(key) not in SPEAKER_KINDS:
            return None
        speaker = self.doc[subject.i : subject.i + 1] if how == "pronoun" else speaker_phrase(subject)
        cue_tokens = self.doc[cue.i : cue.i + 2] if lemma == ACCORDING else self.doc[cue.i : cue.i + 1]
        ends = [candidate.start, candidate.end, speaker.start_char, speaker.end_char]
        ends += [cue_tokens.start_char, cue_tokens.end_char]
        if candidate.quote is not None:
            ends += [candidate.quote.outer_start, candidate.quote.outer_end]
        medium = medium_of(cue)
        # "Donald Trump's tweet said", "the statement said": the message is the medium
        if medium is None and subject.lemma_.lower() in MEDIUM_NOUNS:
            medium = _name_text(subject)
        if medium is None and candidate.quote is not None:
            medium = self.carried_medium(key, min(ends))
        confidence = RULE_CONFIDENCE[candidate.rule]
        if how in ("pronoun", "title"):
            confidence = min(confidence, PRONOUN_CONFIDENCE)
        elif how == "described":
            confidence -= DESCRIBED_PENALTY
        return Statement(
            speaker=key,
            content=self.spans.chars(candidate.start, candidate.end),
            kind=candidate.kind,
            evidence=self.spans.sentences_of(min(ends), max(ends)),
            speaker_span=self.spans.tokens(speaker),
            cue=lemma,
            cue_span=self.spans.tokens(cue_tokens),
            medium=medium,
            date=self.date_of_cue(cue) or self.published,
            about=self.about(candidate, key),
            confidence=round(confidence, 2),
            rule=candidate.rule,
        )

    def can_find(self, candidate: _Candidate, subject: Token) -> bool:
        """A poll, a study, a report shows or finds; images do not, and a person "showing compassion"
        makes no statement (a person may still find that ...)."""
        if subject.lower_ in PRONOUN_KINDS:
            return candidate.rule != "object" or PRONOUN_KINDS[subject.lower_] != ("Person",)
        key = self.named(subject)
        if key is None:
            return subject.lemma_.lower() in FINDING_SOURCES
        return candidate.rule != "object" or self.actors.kind(key) != "Person"

    def continued(self, candidate: _Candidate) -> Statement | None:
        """A quote with no cue: the speaker of the statement just before it goes on talking."""
        if not self.statements:
            return None
        previous = self.quote_to_continue()
        quote = candidate.quote
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
            confidence=min(previous.confidence, RULE_CONFIDENCE["quote-continued"]),
            rule="quote-continued",
        )

    def quote_to_continue(self) -> Statement:
        """The statement a quote with no cue goes on from: the latest one, unless that is what a participle
        after a quote reports ('"A," Trump said, mocking concerns about X. "B"': B goes on from A)."""
        latest = self.statements[-1]
        for earlier in reversed(self.statements[:-1]):
            if earlier.evidence.sentence != latest.evidence.sentence or earlier.speaker != latest.speaker:
                break
            if earlier.kind == "direct" and latest.kind != "direct":
                return earlier
        return latest

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
                medium = medium_of_phrase(token, bare_names=False)
                if medium is not None:
                    return medium
        return None

    # --- positions --------------------------------------------------------------------------------

    def token_at(self, char: int) -> int:
        """Index of the token holding character ``char`` (or of the next token)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is not None and len(span):
            return span.start
        return next((t.i for t in self.doc if t.idx >= char), len(self.doc) - 1)

    def paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, char) - 1


# --- small helpers --------------------------------------------------------------------------------


def cue_lemma(token: Token) -> str:
    """The lower-cased lemma of a cue word, with the small model's slips mended ("hoped" -> "hop")."""
    lemma = token.lemma_.lower()
    if lemma in LEMMA_FIXES and token.lower_.startswith(LEMMA_FIXES[lemma]):
        return LEMMA_FIXES[lemma]
    return lemma


def is_reporting_verb(token: Token) -> bool:
    """A verb of CUE_CLASSES, not a bare participle ("widely expected to be ...": expected by whom?)."""
    if cue_lemma(token) not in CUE_CLASSES or not token.tag_.startswith(VERB_TAGS):
        return False
    # "Trump tweeted that ...": a past tense the tagger took for a participle still has its subject
    return token.tag_ != "VBN" or any(
        (c.dep_ == "aux" and c.lower_ in PERFECT_AUX) or c.dep_ in SUBJECT_DEPS for c in token.children
    )


def is_quote_cue(token: Token) -> bool:
    """A word that can attribute a quotation next to it: a reporting verb, "according to"."""
    if _is_according_to(token):
        return True
    lemma = cue_lemma(token)
    return (lemma in CUE_CLASSES or lemma in QUOTE_ONLY_CUES) and token.tag_.startswith(VERB_TAGS)


def complement_of(cue: Token) -> Token | None:
    """The clause a cue verb reports: its ccomp, or its xcomp for "claimed to have ..."; of two, the one
    after the cue ("Inside the mosque - which looks like a church - Nefzi said he ...": a misparse)."""
    deps = COMPLEMENT_DEPS | (INFINITIVE_DEPS if cue_lemma(cue) in INFINITIVE_CUES else set())
    complements = [c for c in cue.children if c.dep_ in deps]
    if len(complements) > 1:
        return next((c for c in complements if c.i > cue.i), complements[0])
    if complements:
        return complements[0]
    # "tweeted in the early hours that Machado was ...": a "that" clause the parser took for an adverbial one
    return next((c for c in cue.rights if c.dep_ == "advcl" and c.left_edge.lower_ == "that"), None)


def _reports_clause(token: Token) -> bool:
    """A reporting verb with a clause of its own ("while others said Y"), not "agreed to extend"."""
    return is_reporting_verb(token) and complement_of(token) is not None


def speaker_phrase(subject: Token) -> Span:
    """The subject's noun phrase without relative clauses: "Russia, which occupies ..., claimed" -> "Russia"."""
    doc = subject.doc
    cut = {t.i for child in subject.children if child.dep_ in CLAUSE_MODIFIERS for t in child.subtree}
    start, end = subject.i, subject.i + 1
    while start > subject.left_edge.i and start - 1 not in cut:
        start -= 1
    while end <= subject.right_edge.i and end not in cut:
        end += 1
    while start < end - 1 and not _is_word(doc[start]):
        start += 1
    while end > start + 1 and not _is_word(doc[end - 1]):
        end -= 1
    return doc[start:end]


def _name_chain(subject: Token) -> list[Token]:
    """The subject, the words of its name and the nouns in apposition to it, in that order."""
    chain = [subject]
    for token in chain:
        chain.extend(
            c for c in token.children if c.dep_ in APPOSITION_DEPS or (c.dep_ in NAME_DEPS and token.pos_ == "PROPN")
        )
    return chain


def _is_title(span: Span) -> bool:
    """ "The Walking Dead", "An American Son": every word capitalised but the small ones of a title."""
    words = [t for t in span if t.is_alpha]
    return bool(words) and all(t.text[0].isupper() or t.lower_ in TITLE_SMALL_WORDS for t in words[1:]) and (
        words[0].text[0].isupper()
    )


def _tied(cue: Token, inside: set[int]) -> bool:
    """The cue is the head of a token among ``inside`` (a quote's tokens) or hangs from one."""
    return cue.head.i in inside or any(child.i in inside for child in cue.children)


def _governs(cue: Token, inside: set[int]) -> bool:
    """Tied to the quote, but not as a modifier of a quoted word ('Tea Party “super PACs” supported by ...')."""
    return any(child.i in inside for child in cue.children) or (
        cue.head.i in inside and cue.dep_ not in CLAUSE_MODIFIERS
    )


def _names_by_relative(cue: Token) -> bool:
    """ "what it calls", "which he called": the naming verb's object is a relative or question word."""
    return cue.dep_ == "relcl" or any(c.tag_ in WH_TAGS for c in cue.children)


def _follows_inverted_subject(cue: Token, start: int) -> bool:
    """Token ``start`` comes after the subject that follows the cue ("said Smith, who ...")."""
    subject = next((c for c in cue.children if c.dep_ in SUBJECT_DEPS), None)
    return subject is not None and cue.i < subject.i < start


def _has_person_apposition(subject: Token) -> bool:
    """ "Nefzi, a chemistry professor": a common noun in apposition that names no organization."""
    return any(
        c.dep_ in APPOSITION_DEPS and c.pos_ == "NOUN" and c.lemma_.lower() not in ORGANIZATION_NOUNS
        for c in subject.children
    )


def missed_name(subject: Token) -> Span | None:
    """ "Lynch", "Robin Maynard": a proper-noun subject with its proper-noun compounds, capitalised and
    not a title ("Retired General"), that the entity recognizer typed as no other kind of thing."""
    if subject.pos_ != "PROPN" or subject.ent_type_ not in ("", "PERSON", "ORG"):
        return None
    doc = subject.doc
    start = subject.i
    while start > 0 and doc[start - 1].dep_ in NAME_DEPS and doc[start - 1].pos_ == "PROPN":
        if not start <= doc[start - 1].head.i <= subject.i:
            break
        start -= 1
    name = doc[start : subject.i + 1]
    if any(not t.text[:1].isupper() or t.lower_ in TITLE_WORDS for t in name):
        return None
    return name


def medium_of(cue: Token) -> str | None:
    """ "wrote on Truth Social", "said in an interview with CNN", "told reporters", "tweeted"."""
    lemma = cue_lemma(cue)
    if lemma in CUE_MEDIA:
        return CUE_MEDIA[lemma]
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in MEDIUM_PREPS:
            medium = medium_of_phrase(child, bare_names=True)
            if medium is not None:
                return medium
        # "told reporters": the audience
        if lemma in AUDIENCE_CUES and child.dep_ in ("dobj", "dative") and child.pos_ in ("NOUN", "PROPN"):
            return _name_text(child)
    return None


def medium_of_phrase(prep: Token, *, bare_names: bool) -> str | None:
    """The channel a prepositional phrase names: a platform or outlet ("on Truth Social", only if
    ``bare_names``), the one inside a message ("in a post on ... Telegram", "in an interview with CNN"),
    or the kind of message ("in a statement", "at a news conference")."""
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if obj is None or obj.ent_type_ in NOT_MEDIA:
        return None
    # "on Truth Social": a name
    if obj.pos_ == "PROPN":
        return _name_text(obj) if bare_names else None
    if obj.lower_ not in MEDIUM_NOUNS and obj.lemma_.lower() not in MEDIUM_NOUNS:
        return None
    # "in a post on social media platform Telegram", "in an interview with CNN": the name inside
    for inner in obj.children:
        if inner.dep_ == "prep" and inner.lower_ in MEDIUM_PREPS:
            named = next((c for c in inner.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            if named is not None and named.ent_type_ not in NOT_MEDIA:
                return _name_text(named)
    # "in a statement": the kind of message
    return _name_text(obj)


def _name_text(token: Token) -> str:
    """A noun with the words before it that make its name: "Truth Social", "social media"; for a proper
    noun only proper nouns: "Telegram", not "social media platform Telegram"."""
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


def _names_something(parts: list[Token]) -> bool:
    """ "called him a liar" (an object and what it is called), "called for a ban"; not "what it calls X"."""
    deps = {c.dep_ for c in parts}
    # 'called Trump a “liar”' may come as two predicates: the parser's label of the object varies
    return "prep" in deps or (len(parts) >= 2 and bool(deps & PREDICATE_DEPS))


def _verb_of_colon(colon: Token) -> Token | None:
    """The verb of the clause a colon ends ("issued the following statement:"), else the nearest verb
    before it in its sentence."""
    head = colon.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    if head.pos_ in ("VERB", "AUX") and head.i < colon.i:
        return head
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
    return start, end


def _without(clause: Token, part: Token) -> tuple[int, int]:
    """The tokens of ``clause`` with ``part`` (and its subtree) cut off where it stands at an edge
    (punctuation aside); a part in the middle stays in."""
    doc = clause.doc
    start, end = clause.left_edge.i, clause.right_edge.i + 1
    part_start, part_end = part.left_edge.i, part.right_edge.i + 1
    if not any(_is_word(t) for t in doc[start:part_start]):
        start = part_end
    elif not any(_is_word(t) for t in doc[part_end:end]):
        end = part_start
    return start, end


def _may_have_speaker(candidate: _Candidate) -> bool:
    """False for a cue whose subject names no one ("That said", "some say"); a quote's cue always may."""
    subject = candidate.subject
    if candidate.cue is None or candidate.quote is not None:
        return True
    if subject is None or subject.lower_ in FIRST_PERSON:
        return False
    return subject.lower_ in PRONOUN_KINDS or subject.lower_ in GROUP_PRONOUNS or subject.pos_ not in ("PRON", "DET")


def _nested(candidate: _Candidate, other: _Candidate) -> bool:
    """The candidate's cue is inside the other's content; a quote outside that content stays a statement
    of its own ('“You winning?” she said, but ...' inside a misparsed clause that starts at "she")."""
    cue = candidate.cue
    if candidate.quote is not None and not other.start <= candidate.quote.start < other.end:
        return False
    return cue is not None and other is not candidate and other.start <= cue.idx < other.end


def _gaps(tokens) -> list[tuple[int, Token]]:
    """Each token with the number of words before it in the sequence (its distance from the quote)."""
    out, words = [], 0
    for token in tokens:
        out.append((words, token))
        words += _is_word(token)
    return out


def _is_according_to(token: Token) -> bool:
    doc = token.doc
    return token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to"


def _ends_sentence(token: Token) -> bool:
    return token.text in SENTENCE_END or "\n" in token.text or "\n" in token.whitespace_


def _is_word(token: Token) -> bool:
    return not (token.is_punct or token.is_space)
