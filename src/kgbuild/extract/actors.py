"""Actors: named entities of a parsed article grouped into one identity per real-world actor.

In: a spaCy ``Doc`` (with NER) and the ``ReferenceTable``. Out: an ``ActorIndex`` that maps tokens to
actor keys, which the statement and event rules use, and turns into ``facts.Actor`` records.

Rules, in order:
1. every entity (and every reference name NER missed) is looked up in the reference table;
2. a person named in full ("Donald Trump") claims later mentions of the surname ("Trump"), whatever
   NER typed them as, and of initials and surname ("D. Trump");
3. a name in apposition to, or after, a title ("The governor ..., Oleh Kiper") is a person;
4. "Russia's Defence Ministry" and "the Russian Defence Ministry" are one organization;
5. "Odesa region" is a place of its own, not the city, and a named street after "at", "in" or "on" is a place
   whatever NER typed it as ("explosions at Baker Street");
6. a title before a person's name or in apposition to it is a role: the office, what it is of ("Russian",
   "of Ukraine's Odesa region") and, for people in the reference table, the office it matches there.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

import spacy
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..facts import Actor, Role, TextSpan
from .reference import ReferenceActor, ReferenceTable, strip_article
from .spans import SpanMaker

ENTITY_KINDS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "LOC": "Place", "FAC": "Place"}
ADJECTIVE_LABELS = {"NORP"}
TITLE_WORDS = {
    "president", "minister", "prime", "foreign", "defence", "defense", "secretary", "governor",
    "mayor", "chancellor", "senator", "sen.", "rep.", "representative", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "general", "gen.", "king", "queen", "leader", "chief", "commander",
    "envoy", "premier", "vice", "deputy", "speaker", "director", "head", "chairman", "chairwoman",
    "candidate", "nominee", "judge", "justice", "pope", "officer", "official", "adviser", "advisor", "attorney",
}
REGION_WORDS = {"region", "oblast", "province", "district", "state"}
BODY_WORDS = {"ministry", "office", "department", "army", "military", "government", "parliament",
              "forces", "navy", "service", "council", "embassy", "kremlin"}
ORGANIZATION_HEADS = {  # last words that make a name an organization whatever NER says ("Dish Network")
    "network", "bank", "group", "corporation", "corp.", "company", "co.", "inc.", "agency", "party", "committee",
    "commission", "university", "institute", "foundation", "association", "union", "news", "times",
    "post", "journal", "airlines", "ministry", "council", "court", "fund",
}
APPOSITION = {"appos"}
CLAUSES = {"relcl", "acl", "advcl", "appos", "conj", "cc", "parataxis"}  # they end a title phrase
PHRASE_STOPS = {",", "(", ";", ":", "—", "–"}
DETERMINERS = {"the", "a", "an"}
OF_KINDS = ("State", "Organization", "Place")  # what an office can be of
ROUTE_WORDS = {"street", "st", "st.", "road", "rd", "rd.", "avenue", "boulevard", "lane", "highway", "motorway"}
PLACE_PREPOSITIONS = {"in", "at", "on", "near", "outside", "along", "off"}
COUNT_TAILS = {"more", "others"}  # "some 40 more", "dozens more": the word the count stands on


@dataclass
class ActorRecord:
    """An actor while the article is read; ``facts.Actor`` once it is done."""

    key: str
    label: str
    kind: str
    wikidata: str | None = None
    aliases: set[str] = field(default_factory=set)
    titles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    anonymous: bool = False


@dataclass
class RoleRecord:
    """A role while the article is read: token ranges of the title phrase and of the office words in it."""

    holder: str
    span: tuple[int, int]
    office: tuple[int, int]
    of: str | None = None
    state: str | None = None
    rule: str = ""


@dataclass(frozen=True)
class Mention:
    """Tokens ``start:end`` of the doc name actor ``key``; ``adjective`` for "Russian" and the like."""

    start: int
    end: int
    key: str
    adjective: bool = False


def slug(text: str) -> str:
    """ "Oleh Kiper" -> "oleh-kiper": ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "unnamed"


class ActorIndex:
    """The actors of one article and the tokens that mention them."""

    def __init__(self, doc: Doc, reference: ReferenceTable):
        self.doc = doc
        self.reference = reference
        self.records: dict[str, ActorRecord] = {}
        self.mentions: list[Mention] = []
        self.roles: list[RoleRecord] = []
        # last names of the people NER named in full: "Jordan" after "Jim Jordan" is him, not the state
        self.surnames = {ent[-1].text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
        self._token_mention: dict[int, Mention] = {}

    # --- queries used by the statement and event rules -------------------------------------------

    def lookup(self, name: str) -> ReferenceActor | None:
        """The reference actor called ``name``, unless a person of the article has it as last name."""
        known = self.reference.lookup(name)
        if known is not None and known.kind != "Person" and name in self.surnames:
            return None
        return known

    def mention_at(self, token_i: int) -> Mention | None:
        """The mention covering token ``token_i``, if any."""
        return self._token_mention.get(token_i)

    def actor_at(self, token_i: int) -> str | None:
        """Key of the actor mentioned at token ``token_i``, if any."""
        mention = self._token_mention.get(token_i)
        return mention.key if mention else None

    def actors_in(self, start: int, end: int, *, adjectives: bool = True) -> list[str]:
        """Keys of the actors mentioned in tokens ``start:end``, in order, each once."""
        keys: list[str] = []
        for mention in self.mentions:
            if mention.start >= start and mention.end <= end and (adjectives or not mention.adjective):
                if mention.key not in keys:
                    keys.append(mention.key)
        return keys

    def kind(self, key: str) -> str:
        return self.records[key].kind

    def label(self, key: str) -> str:
        return self.records[key].label

    def last_before(self, token_i: int, kinds: tuple[str, ...], *, max_sentences: int = 3) -> str | None:
        """The latest actor of one of ``kinds`` mentioned before ``token_i`` (for pronouns)."""
        sentence_starts = [s.start for s in self.doc.sents if s.start <= token_i]
        horizon = sentence_starts[-max_sentences] if len(sentence_starts) >= max_sentences else 0
        for mention in reversed(self.mentions):
            if mention.start < token_i and mention.start >= horizon and not mention.adjective:
                if self.records[mention.key].kind in kinds:
                    return mention.key
        return None

    def state_for(self, key: str) -> str | None:
        """The state a capital speaks for ("Moscow" -> Russia), or None."""
        state_qid = self.reference.state_of_capital.get(self.records[key].wikidata or "")
        if state_qid is None:
            return None
        return self._add_reference(self.reference.by_qid[state_qid]).key

    def add_capital(self, token_i: int, state_key: str) -> str | None:
        """The capital of ``state_key`` as a place, mentioned by token ``token_i`` ("the Ukrainian capital").

        The mention is recorded (so the capital is an actor of the article even when never named) but the
        word "capital" is not made an alias. None when the table knows no capital for the state.
        """
        record = self.records.get(state_key)
        state = self.reference.by_qid.get(record.wikidata or "") if record else None
        capital = self.reference.by_qid.get(state.capital or "") if state else None
        if capital is None:
            return None
        place = self._add_reference(capital)
        if token_i not in self._token_mention:
            mention = Mention(token_i, token_i + 1, place.key)
            self.mentions.append(mention)
            self.mentions.sort(key=lambda m: m.start)
            self._token_mention[token_i] = mention
            place.mentions.append((token_i, token_i + 1))
        return place.key

    def add_anonymous(self, span: Span, kind: str = "Person") -> str:
        """An actor described, not named ("one man", "a spokesperson"); one per description and place."""
        start_char = span.start_char
        description = span.text
        key = f"anonymous/{slug(description)}-{start_char}"
        record = self.records.setdefault(
            key, ActorRecord(key=key, label=description, kind=kind, anonymous=True)
        )
        self._add_mention(span.start, span.end, record)
        return key

    def add_description(self, span: Span, kind: str = "Person") -> str:
        """Like ``add_anonymous``, for a description that may hold other actors' names.

        "Zelenskyy's office", "Russian officials", "a spokesperson for the Kremlin": labelled by the whole
        span, mentioned by the words up to its root that name no one else ("office", "officials"), and a
        count's "more" or "others" after it ("some 40 more": "more" is what the count is of).
        """
        key = f"anonymous/{slug(span.text)}-{span.start_char}"
        record = self.records.setdefault(key, ActorRecord(key=key, label=span.text, kind=kind, anonymous=True))
        root = span.root
        start = root.i
        while start > span.start and start - 1 not in self._token_mention and self.doc[start - 1].tag_ != "POS":
            start -= 1
        end = root.i + 1
        while end < span.end and self.doc[end].lower_ in COUNT_TAILS and end not in self._token_mention:
            end += 1
        if root.i not in self._token_mention:
            self._add_mention(start, end, record)
        return key

    def add_name(self, span: Span, kind: str = "Person") -> str:
        """A name the entity recognizer missed ("Lynch said ..."): the person whose full name ends with
        it if there is one ("Loretta Lynch"), else a new named actor of ``kind``."""
        record = next(
            (r for r in self.records.values() if r.kind == kind == "Person" and not r.anonymous
             and len(r.label.split()) > 1 and r.label.split()[-1] == span.text),
            None,
        ) or self._add_named(span.text, kind)
        self._add_mention(span.start, span.end, record)
        return record.key

    def to_facts(self, sentence_of: dict[int, int]) -> tuple[Actor, ...]:
        """The actors as facts, in key order, each with the text spans that mention it."""
        actors = []
        for key in sorted(self.records):
            record = self.records[key]
            spans = tuple(
                TextSpan(
                    start=self.doc[start].idx,
                    end=self.doc[end - 1].idx + len(self.doc[end - 1].text),
                    sentence=sentence_of[start],
                    text=self.doc[start:end].text,
                )
                for start, end in sorted(record.mentions)
            )
            if not spans:
                continue
            actors.append(
                Actor(
                    key=key,
                    label=record.label,
                    kind=record.kind,
                    wikidata=record.wikidata,
                    aliases=tuple(sorted(record.aliases - {record.label})),
                    titles=tuple(dict.fromkeys(record.titles)),
                    mentions=spans,
                    anonymous=record.anonymous,
                )
            )
        return tuple(actors)

    def role_facts(self, spans: SpanMaker, date: datetime.date | None) -> tuple[Role, ...]:
        """The roles read in the article, dated ``date`` (its publication day), each (holder, office, of) once.

        A role of a person in the reference table is matched to an office that person held on ``date`` whose
        name has the title's last word ("Minister" in "Minister of Foreign Affairs of Russia") and, when the text
        names a state, is of that state; a title that names none ("President Trump") takes the matched
        office's state if the article mentions it.
        """
        roles: dict[tuple[str, str, str | None], Role] = {}
        for record in self.roles:
            holder = self.records.get(record.holder)
            if holder is None:
                continue
            office = self.doc[record.office[0] : record.office[1]].text
            of, state = record.of, record.state
            position = self._reference_office(holder, office, of, state, date)
            if position is not None and of is None and state is None:
                of = self._mentioned_reference(position.of)
            span = spans.tokens(self.doc[record.span[0] : record.span[1]])
            role = Role(
                holder=holder.key,
                office=office,
                span=span,
                evidence=spans.sentences_of(span.start, span.end),
                of=of,
                state=state if state != of else None,
                date=date,
                position=position.office if position else None,
                position_wikidata=position.office_qid if position else None,
                rule=record.rule,
            )
            roles.setdefault((role.holder, office.lower(), role.of), role)
        return tuple(roles.values())

    def _reference_office(self, holder: ActorRecord, office: str, of: str | None, state: str | None,
                          date: datetime.date | None):
        """The reference office ``holder`` held on ``date`` that the title ``office`` names, or None."""
        if not holder.wikidata:
            return None
        named = {self.records[key].wikidata for key in (of, state) if key in self.records} - {None}
        head = office.split()[-1].lower()
        for position in self.reference.offices_held(holder.wikidata, date):
            if head in position.office.lower() and (not named or position.of in named):
                return position
        return None

    def _mentioned_reference(self, qid: str) -> str | None:
        """Key of the reference actor ``qid`` if the article mentions it."""
        record = self.records.get(qid)
        return record.key if record is not None and record.mentions else None

    def retarget(self, old_key: str, new_key: str) -> None:
        """Fold actor ``old_key`` into ``new_key``: its mentions and names now belong to the other."""
        old, new = self.records.pop(old_key), self.records[new_key]
        new.mentions.extend(old.mentions)
        new.aliases |= old.aliases
        new.titles.extend(old.titles)
        for i, mention in enumerate(self.mentions):
            if mention.key == old_key:
                moved = Mention(mention.start, mention.end, new_key, mention.adjective)
                self.mentions[i] = moved
                for t in range(moved.start, moved.end):
                    self._token_mention[t] = moved

    # --- building --------------------------------------------------------------------------------

    def _add_reference(self, known: ReferenceActor) -> ActorRecord:
        return self.records.setdefault(
            known.qid, ActorRecord(key=known.qid, label=known.label, kind=known.kind, wikidata=known.qid)
        )

    def _add_named(self, label: str, kind: str) -> ActorRecord:
        key = f"{kind.lower()}/{slug(label)}"
        return self.records.setdefault(key, ActorRecord(key=key, label=label, kind=kind))

    def _add_mention(self, start: int, end: int, record: ActorRecord, *, adjective: bool = False) -> None:
        if any(i in self._token_mention for i in range(start, end)):
            return
        mention = Mention(start, end, record.key, adjective)
        self.mentions.append(mention)
        self.mentions.sort(key=lambda m: m.start)
        for i in range(start, end):
            self._token_mention[i] = mention
        record.mentions.append((start, end))
        if not adjective:
            record.aliases.add(self.doc[start:end].text)


def name_tokens(span: Span) -> Span:
    """The span without a leading determiner and a trailing possessive: "the U.S.'s" -> "U.S."."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS":
        end -= 1
    return doc[start:end]


def title_start(name: Span) -> int:
    """First token of the title words before a name in its noun phrase (``name.start`` if there are none)."""
    doc = name.doc
    i = name.start - 1
    while i >= 0 and doc[i].lower_ in TITLE_WORDS and i < doc[i].head.i < name.end:
        i -= 1
    return i + 1


def titles_before(name: Span) -> list[str]:
    """Title words that stand before a name in its noun phrase: "U.S. President Donald Trump" -> President."""
    start = title_start(name)
    return [name.doc[start : name.start].text] if start < name.start else []


def owner_start(index: ActorIndex, start: int, end: int) -> int:
    """First token of the states or organizations that own the title ending at ``start``: "U.S.", "Russia's".

    Walks left over actor mentions (and their possessive "'s") whose syntactic head lies inside ``start:end``.
    """
    doc = index.doc
    i = start - 1
    while i >= 0:
        # the possessive of an owner: "Russia 's"
        if doc[i].tag_ == "POS" and i > 0 and index.mention_at(i - 1):
            i -= 1
            continue
        mention = index.mention_at(i)
        if mention is None or index.kind(mention.key) not in OF_KINDS or not (i < doc[i].head.i < end):
            break
        i = mention.start - 1
    return i + 1


def owners_in(index: ActorIndex, start: int, end: int, *, skip: int | None = None) -> list[str]:
    """Keys of the states, organizations and places mentioned in tokens ``start:end`` (token ``skip`` left out)."""
    keys = []
    for mention in index.mentions:
        if start <= mention.start and mention.end <= end and not (mention.start <= (skip or -1) < mention.end):
            if index.kind(mention.key) in OF_KINDS and mention.key not in keys:
                keys.append(mention.key)
    return keys


def state_among(index: ActorIndex, keys: list[str]) -> str | None:
    return next((key for key in keys if index.kind(key) == "State"), None)


def role_before(index: ActorIndex, record: ActorRecord, name: Span) -> RoleRecord | None:
    """ "Russian Foreign Minister Sergei Lavrov": the title words and the owners before them."""
    start = title_start(name)
    if start == name.start:
        return None
    first = owner_start(index, start, name.end)
    owners = owners_in(index, first, start)
    return RoleRecord(record.key, (first, name.start), (start, name.start), of=state_among(index, owners) or
                      (owners[0] if owners else None), state=state_among(index, owners), rule="title-before-name")


def appositive_title(name: Span) -> Token | None:
    """The title noun a name is in apposition with: either way round ("The governor ..., Oleh Kiper" and
    "Oleh Kiper, the governor ...")."""
    root = name.root
    if root.dep_ in APPOSITION and root.head.lower_ in TITLE_WORDS and not name.start <= root.head.i < name.end:
        return root.head
    return next((c for c in root.children if c.dep_ in APPOSITION and c.lower_ in TITLE_WORDS), None)


def role_in_apposition(index: ActorIndex, record: ActorRecord, name: Span) -> RoleRecord | None:
    """ "The governor of Ukraine's Odesa region, Oleh Kiper": the office and what it is of, from the title phrase."""
    head = appositive_title(name)
    if head is None:
        return None
    doc = name.doc
    start, end = head.left_edge.i, head.right_edge.i + 1
    if head.i < name.start:
        end = min(end, name.start)
    # "the former foreign minister who is a critic of ...", "advisor to X (then-Senator": the title ends before
    # a clause or a bracket
    for token in doc[head.i + 1 : end]:
        if token.dep_ in CLAUSES:
            end = min(end, token.left_edge.i)
        if token.text in PHRASE_STOPS:
            end = min(end, token.i)
    while start < end and doc[start].dep_ == "det":
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    office_start = head.i
    while office_start > start and doc[office_start - 1].lower_ in TITLE_WORDS:
        office_start -= 1
    # what the office is of: the object of its "of" ("of Ukraine's Odesa region") or an owner before it
    of_object = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    of_key = None
    if of_object is not None:
        objects = [c for c in of_object.children if c.dep_ == "pobj"]
        of_key = next((m.key for o in objects if (m := index.mention_at(o.i)) and index.kind(m.key) in OF_KINDS), None)
    owners = owners_in(index, start, end)
    state = state_among(index, owners)
    return RoleRecord(record.key, (start, end), (office_start, head.i + 1), of=of_key or state or
                      (owners[0] if owners else None), state=state, rule="title-in-apposition")


def title_in_apposition(name: Span) -> str | None:
    """ "The governor of Ukraine's Odesa region, Oleh Kiper": the title noun phrase the name is in apposition to."""
    root = name.root
    if root.dep_ in APPOSITION and root.head.lower_ in TITLE_WORDS:
        start = root.head.left_edge.i
        while name.doc[start].dep_ == "det":
            start += 1
        return name.doc[start : name.start].text.rstrip(" ,")
    return None


def is_region(span: Span) -> bool:
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ in REGION_WORDS


def owning_state(span: Span, index: ActorIndex) -> ReferenceActor | None:
    """The state that owns a body: "Russia's Defence Ministry", "the Russian Defence Ministry"."""
    doc = span.doc
    first = name_tokens(span)
    if first and first[0].text in index.reference.by_adjective:
        return index.reference.by_adjective[first[0].text]
    if span.start >= 2 and doc[span.start - 1].tag_ == "POS":
        owner = index.reference.lookup(doc[span.start - 2].text)
        if owner is not None and owner.kind == "State":
            return owner
    return None


def add_entity(index: ActorIndex, ent: Span) -> None:
    """One NER entity: reference lookup, adjectives, bodies of states, regions, or a new actor."""
    name = name_tokens(ent)
    if not name:
        return
    reference = index.reference
    # "Russian", "American": the state (or union) the adjective stands for
    if ent.label_ in ADJECTIVE_LABELS:
        known = reference.by_adjective.get(name.text)
        if known is not None:
            index._add_mention(name.start, name.end, index._add_reference(known), adjective=True)
        return
    if ent.label_ not in ENTITY_KINDS:
        return
    kind = ENTITY_KINDS[ent.label_]
    # "Kharkiv region": a region named after its city is not the city
    if kind == "Place" and is_region(name):
        region = index.doc[name.start : name.end + 1]
        index._add_mention(region.start, region.end, index._add_named(region.text, "Place"))
        return
    # "Russia's Defence Ministry" = "the Russian Defence Ministry"
    if kind == "Organization" and name[-1].lower_ in BODY_WORDS:
        owner = owning_state(ent, index)
        if owner is not None:
            body = [t.text for t in name if t.text not in reference.by_adjective]
            label = " ".join([owner.adjectives[0], *body]) if owner.adjectives else name.text
            index._add_mention(name.start, name.end, index._add_named(label, "Organization"))
            return
    known = index.lookup(name.text)
    if known is not None:
        index._add_mention(name.start, name.end, index._add_reference(known))
        return
    # a name in apposition to a title, or after one, is a person whatever NER says
    if kind != "Person" and len(name) <= 4 and (title_in_apposition(name) or titles_before(name)):
        kind = "Person"
    # "Dish Network", "Fox News": a name that ends in an organization's head word is no person
    elif kind == "Person" and len(name) > 1 and name[-1].lower_ in ORGANIZATION_HEADS:
        kind = "Organization"
    # "explosions at Baker Street", "a shop on Mill Road": a named street after a place preposition is a place
    # (as a speaker, "Downing Street said", it stays what NER made of it)
    elif kind != "Place" and len(name) > 1 and name[-1].lower_ in ROUTE_WORDS and after_place_preposition(name):
        kind = "Place"
    index._add_mention(name.start, name.end, index._add_named(name.text, kind))


def after_place_preposition(name: Span) -> bool:
    """The name is the object of "in", "at", "on" and the like, or coordinated with one ("at X and Y")."""
    head = name[-1]
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPOSITIONS


def reference_matcher(doc: Doc, reference: ReferenceTable) -> PhraseMatcher:
    """A phrase matcher over every reference name, made once per vocabulary and table."""
    cache_key = (id(doc.vocab), id(reference))
    if cache_key not in _MATCHERS:
        tokenizer = spacy.blank("en").tokenizer
        matcher = PhraseMatcher(doc.vocab, attr="ORTH")
        patterns = [Doc(doc.vocab, words=[t.text for t in tokenizer(name)]) for name in reference.names()]
        matcher.add("REFERENCE", patterns)
        _MATCHERS[cache_key] = matcher
    return _MATCHERS[cache_key]


_MATCHERS: dict[tuple[int, int], PhraseMatcher] = {}


def add_reference_matches(index: ActorIndex) -> None:
    """Reference names that NER missed ("Odesa" inside "Odesa region", a surname NER skipped)."""
    doc = index.doc
    spans = sorted(reference_matcher(doc, index.reference)(doc, as_spans=True), key=lambda s: (s.start, -len(s)))
    for span in spans:
        if any(index.mention_at(i) for i in range(span.start, span.end)):
            continue
        known = index.lookup(span.text)
        if known is None:
            continue
        if known.kind == "Place" and is_region(span):
            region = doc[span.start : span.end + 1]
            index._add_mention(region.start, region.end, index._add_named(region.text, "Place"))
        else:
            index._add_mention(span.start, span.end, index._add_reference(known))


def merge_surnames(index: ActorIndex) -> None:
    """ "Trump" after "Donald Trump": a one-word name that ends a person's full name is that person.

    Runs after all mentions are known, so NER's typing of the short form ("Trump" as ORG) gives way.
    """
    surnames: dict[str, str] = {}
    for record in index.records.values():
        if record.kind == "Person" and not record.anonymous:
            for alias in {record.label, *record.aliases}:
                parts = alias.split()
                if len(parts) >= 2:
                    surnames.setdefault(parts[-1], record.key)
    for key, record in list(index.records.items()):
        if record.wikidata or len(record.label.split()) != 1 or record.label not in surnames:
            continue
        person = index.records[surnames[record.label]]
        if person.key == key:
            continue
        index.retarget(key, person.key)


INITIAL = re.compile(r"(?:[A-Z]\.)+")


def initials_of(name: str) -> tuple[str, str] | None:
    """ "J.D. Smith" -> ("JD", "Smith"); None unless every part before the surname is an initial."""
    parts = name.split()
    if len(parts) < 2 or not all(INITIAL.fullmatch(part) for part in parts[:-1]):
        return None
    return "".join(part.replace(".", "") for part in parts[:-1]), parts[-1]


def merge_initials(index: ActorIndex) -> None:
    """ "J. Smith" after "John Smith": initials and a surname that fit one person's full name are that person."""
    people = [r for r in index.records.values() if r.kind == "Person" and not r.anonymous]
    for record in list(people):
        short = initials_of(record.label)
        if short is None or record.wikidata:
            continue
        letters, surname = short
        matches = [
            other for other in people
            if other is not record and other.key in index.records and len(other.label.split()) >= 2
            and other.label.split()[-1] == surname
            and "".join(word[0] for word in other.label.split()[:-1]).startswith(letters)
            and initials_of(other.label) is None
        ]
        # one full name only: with two ("John Smith", "Jane Smith") "J. Smith" stays apart
        if len(matches) == 1:
            index.retarget(record.key, matches[0].key)


def extract_actors(doc: Doc, reference: ReferenceTable) -> ActorIndex:
    """Build the actor index of a parsed article."""
    index = ActorIndex(doc, reference)
    for ent in doc.ents:
        add_entity(index, ent)
    add_reference_matches(index)
    merge_surnames(index)
    merge_initials(index)
    for record in index.records.values():
        if record.kind == "Person" and not record.anonymous:
            for start, end in sorted(record.mentions):
                name = doc[start:end]
                record.titles.extend(titles_before(name))
                appositive = title_in_apposition(name)
                if appositive:
                    record.titles.append(appositive)
                for role in (role_before(index, record, name), role_in_apposition(index, record, name)):
                    if role is not None:
                        index.roles.append(role)
    return index
