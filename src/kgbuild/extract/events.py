"""Events: who did what to whom, where, when and how many, read from the dependency parse.

In: the parsed ``Doc``, its ``ActorIndex`` (actor keys by token), the ``Article`` (its publication date
anchors "on Friday" and "overnight"), a ``SpanMaker`` and the article's ``Statement`` list (a claim
statement makes the events inside it claims). Out: ``facts.Event`` records in text order.

Like textacy's ``extract.triples``, the rules are a trigger lexicon plus dependency patterns:

1. Triggers. A verb whose lemma is in ``VERB_TRIGGERS`` or a noun whose lemma is in ``NOUN_TRIGGERS``
   ("exchanged", "bombardment", "sanctions package") names an event type. Exclusion rules drop
   triggers that only look like events: a labour strike, "struck a deal", an accident that killed,
   images "released", a place "called" Rakivka, hypothetical or negated events ("could tighten
   sanctions", "future attacks"), and casualty clauses ("killing one person") that belong to the
   event they follow.
2. Arguments. Agents from the subject (with conjuncts; a relative pronoun stands for its noun; a
   subjectless gerund or infinitive takes the subject of the clause it hangs from), the by-agent of a
   passive, and for event nouns the nationality adjective, possessive or compound name ("an overnight
   Russian bombardment"), the "by" phrase, or the subject of a support verb ("the EU issued its
   sanctions package"). Participants of symmetric events (exchange, talks, call, agreement) add
   "between X and Y" and "with X". Targets from the object and "on/against X"; places from "in/at/
   inside X", "the Ukrainian capital" (the state's capital in the reference table) and "there".
   Dates from ``dates.date_of`` on the trigger's own phrase, else on the clauses governing it.
   Quantities from the numbers in the trigger's phrase, typed by the noun they count or by the
   casualty verb they go with ("15 people were injured" -> 15 injured).
3. Status. An event inside the content of a claim statement, or under a claim verb ("claimed ... to
   have captured"), is ``claimed`` (``claimed_in`` = that statement's index when there is one).
4. Clean-up. Events without any agent or participant are dropped (they state nothing about an
   actor); a headline event that restates a body event (same type, a shared actor) is dropped; body
   events of one type, actors and date in the same or adjacent sentences are merged; an Announcement
   is kept only when nothing else happened in its sentence; a multi-day prisoner exchange ("1,000
   prisoners ... over three days") becomes the whole that the dated exchanges are ``part_of``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..facts import Article, Event, Quantity, Statement, TextSpan
from .actors import ActorIndex
from .dates import DATE_LABELS, date_of
from .spans import SpanMaker

# --- event types (ontology class names) ---------------------------------------------------------------

PRISONER_EXCHANGE = "PrisonerExchange"
ATTACK = "Attack"
CAPTURE = "Capture"
TALKS = "Talks"
PHONE_CALL = "PhoneCall"
SANCTIONS = "Sanctions"
ANNOUNCEMENT = "Announcement"
RELEASE = "Release"
AGREEMENT = "Agreement"

# events between sides: no side is the agent, everyone named is a participant (as the ontology has it)
SYMMETRIC_TYPES = {PRISONER_EXCHANGE, TALKS, PHONE_CALL, AGREEMENT}
# event nouns whose "of" phrase is the patient: "the capture of Bakhmut"
OF_PATIENT_TYPES = {CAPTURE, RELEASE}
# events that need two sides to be stated at all ("call relatives" is not a call between actors)
# ("Zelenskyy met reporters", "the EU agreed its budget" are not talks or agreements between actors)
TWO_PARTY_TYPES = {PHONE_CALL, AGREEMENT}
TWO_PARTY_VERBS = {"meet"}

# --- trigger lexicon ------------------------------------------------------------------------------------

VERB_TRIGGERS = {
    "swap": PRISONER_EXCHANGE, "exchange": PRISONER_EXCHANGE,
    "attack": ATTACK, "strike": ATTACK, "bomb": ATTACK, "bombard": ATTACK, "shell": ATTACK,
    "hit": ATTACK, "raid": ATTACK, "target": ATTACK, "pound": ATTACK, "kill": ATTACK,
    "capture": CAPTURE, "seize": CAPTURE, "occupy": CAPTURE, "take": CAPTURE,
    "negotiate": TALKS, "meet": TALKS,
    "call": PHONE_CALL, "phone": PHONE_CALL, "speak": PHONE_CALL,
    "sanction": SANCTIONS,
    "announce": ANNOUNCEMENT,
    "release": RELEASE, "free": RELEASE,
    "agree": AGREEMENT,
}
NOUN_TRIGGERS = {
    "swap": PRISONER_EXCHANGE, "exchange": PRISONER_EXCHANGE,
    "attack": ATTACK, "strike": ATTACK, "airstrike": ATTACK, "bombardment": ATTACK, "bombing": ATTACK,
    "shelling": ATTACK, "raid": ATTACK, "assault": ATTACK, "barrage": ATTACK,
    "capture": CAPTURE, "seizure": CAPTURE,
    "talk": TALKS, "talks": TALKS, "negotiation": TALKS, "negotiations": TALKS, "meeting": TALKS, "summit": TALKS,
    "call": PHONE_CALL,
    "sanction": SANCTIONS, "sanctions": SANCTIONS,
    "release": RELEASE,
    "agreement": AGREEMENT, "deal": AGREEMENT, "accord": AGREEMENT, "treaty": AGREEMENT,
}
PLURAL_ONLY_NOUNS = {"talk"}  # "talks" are negotiations, "a talk" is a lecture
# "sanctions package": the compound trigger's head is the phrase's syntactic anchor
ANCHOR_HEADS = {"package", "round", "regime", "measures"}

# --- exclusion lexicon ----------------------------------------------------------------------------------

WORKER_NOUNS = {
    "worker", "workers", "employee", "staff", "union", "miner", "teacher", "doctor", "nurse", "driver",
    "pilot", "docker", "student", "farmer", "labour", "labor", "hunger", "general", "rail", "wildcat",
}
STRIKE_SUPPORT_VERBS = {"go", "be", "remain", "stay", "come", "call", "vote", "walk"}  # "went on strike"
AGREEMENT_NOUNS = {"deal", "agreement", "accord", "bargain", "compromise", "truce", "pact", "treaty"}
NON_ATTACK_OBJECTS = {"balance", "chord", "note", "pose", "tone", "record", "high", "low", "headline",
                      "milestone", "peak", "wall", "road", "market", "shelf", "jackpot", "snag", "nerve"}
ACCIDENT_NOUNS = {
    "accident", "crash", "collision", "derailment", "wreck", "fire", "blaze", "flood", "flooding",
    "storm", "hurricane", "cyclone", "typhoon", "tornado", "earthquake", "quake", "landslide",
    "avalanche", "tsunami", "eruption", "disease", "virus", "illness", "outbreak", "heatwave", "heat",
    "lightning", "drought", "famine",
}
MEDIA_NOUNS = {
    "image", "video", "footage", "photo", "photograph", "picture", "statement", "report", "document",
    "data", "figure", "detail", "album", "film", "song", "book", "record", "recording", "clip",
    "transcript", "list", "version", "update", "press", "memo", "letter", "audio",
}
EXCHANGE_EXCLUDED = {"fire", "rate", "view", "information", "letter", "stock", "idea", "student", "gunfire"}
CALL_EXCLUDED_PREPS = {"for", "on", "upon", "off"}  # "called for talks", "called on X to", "call off"
CALL_NOUN_MARKERS = {"phone", "telephone", "video"}  # "a phone call"
NAMING_VERBS = {"call", "name", "dub", "label", "term"}
CAPTURE_OBJECTS = {"control"}  # "took control of": "take" is a capture only with these
# nouns that stand for the place in their "of" phrase: "control of the village of Novomykhailivka"
CONTAINER_NOUNS = {"control", "village", "town", "city", "settlement", "region", "district", "port", "outskirts"}
# casualties in the two classes the ontology maps to Wikidata (P1120 deaths, P1339 injured)
CASUALTY_VERBS = {"kill": "killed", "wound": "injured", "injure": "injured", "hurt": "injured"}

# --- modality and status ---------------------------------------------------------------------------------

MODAL_WORDS = {"could", "would", "should", "might", "may", "can", "ca", "will", "wo", "'ll", "must", "shall"}
CONDITIONAL_MARKS = {"if", "unless"}
IRREALIS_MODIFIERS = {"future", "possible", "potential", "planned", "proposed", "threatened",
                      "hypothetical", "prospective", "expected"}
IRREALIS_GOVERNORS = {
    "threaten", "plan", "want", "seek", "demand", "propose", "urge", "expect", "hope", "consider",
    "discuss", "prepare", "push", "aim", "intend", "vow", "promise", "warn", "ready", "willing",
    "effort", "call", "need",
}
# infinitives under these heads report what happened ("claimed to have captured", "began to shell")
REALIS_INFINITIVE_HEADS = {"claim", "allege", "say", "report", "appear", "seem", "begin", "start",
                           "continue", "resume", "manage"}
CLAIM_CUES = {"claim", "allege"}

# --- dependency labels -----------------------------------------------------------------------------------

SUBJECTS = {"nsubj", "csubj"}
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj", "attr", "oprd"}
PASSIVE_MARKERS = {"auxpass", "nsubjpass"}
NOMINAL_MODIFIERS = {"amod", "compound", "poss", "nmod", "appos"}
NOUN_AGENT_MODIFIERS = {"amod", "compound", "poss", "nmod"}
CLAUSAL_DEPS = {"advcl", "ccomp", "relcl", "acl", "xcomp", "conj", "parataxis", "csubj", "pcomp"}
CONTROLLED_DEPS = {"xcomp", "conj", "advcl", "pcomp", "prep", "acl"}  # links a subjectless verb climbs
CASUALTY_CLAUSE_DEPS = {"advcl", "acl", "conj", "relcl", "xcomp"}
DATE_ADJUNCT_DEPS = {"prep", "npadvmod", "advmod", "tmod", "obl", "nmod"}
COMPLEMENT_DEPS = {"xcomp", "ccomp"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}

# --- prepositions ----------------------------------------------------------------------------------------

PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout", "into"}
TARGET_PREPS = {"on", "against", "upon"}
PARTNER_PREPS = {"with", "to"}
BETWEEN_PREPS = {"between", "among"}
AGENT_PREPS = {"by"}
MULTI_DAY_PREPS = {"over", "across", "during", "within"}

# --- support (light) verbs: their subject is the agent of the event noun they take ----------------------

SUPPORT_VERBS = {
    "launch", "carry", "conduct", "stage", "mount", "make", "hold", "have", "issue", "impose", "adopt",
    "approve", "unveil", "introduce", "announce", "reach", "sign", "strike", "seal", "conclude",
    "clinch", "begin", "start", "resume", "open", "host", "order", "slap", "agree", "complete", "finalize",
    "broker", "unleash", "fire", "tighten", "extend", "expand", "hit",
}

# --- quantities ------------------------------------------------------------------------------------------

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12,
}
NUMBER_LABELS = {"", "CARDINAL"}
NOT_COUNTED = {"day", "year", "hour", "minute", "week", "month", "time", "half", "third", "quarter",
               "fifth", "percent", "%", "km", "kilometre", "kilometer", "mile", "metre", "meter", "dollar"}
DEFAULT_COUNTS = {PRISONER_EXCHANGE: "prisoners", RELEASE: "prisoners"}  # "each released 390"
MULTI_DAY = re.compile(r"\b(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+days\b", re.I)

TERMINAL_PUNCTUATION = tuple('.!?"\'”’)…')

# --- confidence per rule -----------------------------------------------------------------------------------

RULE_CONFIDENCE = {
    "verb-subject": 0.9,
    "verb-passive-agent": 0.85,
    "verb-controller": 0.7,
    "verb-partners": 0.75,
    "mutual-release": 0.85,
    "noun-modifier": 0.8,
    "noun-by-agent": 0.85,
    "noun-support-verb": 0.8,
    "noun-between": 0.75,
    "noun-governing-between": 0.65,
    "multi-day-exchange": 0.6,
}


@dataclass
class Candidate:
    """An event while the article is read; ``EventReader.to_events`` makes it a ``facts.Event``."""

    event_type: str
    anchor: Token  # the token the dependency rules start from
    start: int  # token range of the trigger phrase
    end: int
    agents: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    participants: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    date: datetime.date | None = None
    status: str = "asserted"
    claimed_in: int | None = None
    rule: str = ""
    sentence: int = 0  # first and last sentence (a merged event spans two)
    last_sentence: int = 0
    headline: bool = False
    whole: bool = False  # a multi-day exchange that dated exchanges are part of

    def actors(self) -> set[str]:
        return set(self.agents) | set(self.participants)


# === 1. triggers ===========================================================================================


def trigger_at(token: Token) -> tuple[str, Token, int, int] | None:
    """(event type, anchor, start, end) when ``token`` triggers an event, else None."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in VERB_TRIGGERS:
        return verb_trigger(token, lemma)
    if token.pos_ in {"NOUN", "PROPN"} and not token.ent_type_:
        key = lemma if lemma in NOUN_TRIGGERS else token.lower_
        if key in NOUN_TRIGGERS:
            return noun_trigger(token, key)
    return None


def verb_trigger(verb: Token, lemma: str) -> tuple[str, Token, int, int] | None:
    event_type = VERB_TRIGGERS[lemma]
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    object_lemmas = {c.lemma_.lower() for c in objects}
    particles = [c for c in verb.children if c.dep_ == "prt"]
    preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
    end = max([verb.i + 1, *(p.i + 1 for p in particles)])
    if event_type == ATTACK:
        # a labour strike: "the dockers struck for higher pay"
        if any(s.lemma_.lower() in WORKER_NOUNS for s in verb.children if s.dep_ in SUBJECTS):
            return None
        # "struck a deal" is an agreement (read from the noun "deal"), "hit a record" is no attack
        if object_lemmas & (AGREEMENT_NOUNS | NON_ATTACK_OBJECTS):
            return None
        # "hit back at critics" is a retort
        if any(p.lower_ == "back" for p in particles):
            return None
        if lemma == "kill" and not standalone_killing(verb):
            return None
    if event_type == CAPTURE:
        # "take" is a capture only as "took control (of)" or "took over"
        if lemma == "take":
            control = [o for o in objects if o.lemma_.lower() in CAPTURE_OBJECTS]
            if control:
                return CAPTURE, verb, verb.i, control[0].i + 1
            if not any(p.lower_ == "over" for p in particles):
                return None
        # "Russia, which occupies a fifth of Ukraine": a state of affairs, not an event
        if lemma == "occupy" and verb.tag_ not in {"VBD", "VBN"}:
            return None
    if event_type == PHONE_CALL:
        # "a settlement called Rakivka", "what it calls root causes": naming, not calling
        if any(c.dep_ == "oprd" for c in verb.children) or (verb.dep_ == "acl" and verb.tag_ == "VBN"):
            return None
        # "called for talks", "called on Kyiv to", "called off the visit" ("on Monday" is only a date)
        appeals = [p for p in verb.children if p.dep_ in {"prep", "prt"} and p.lower_ in CALL_EXCLUDED_PREPS
                   and not any(o.ent_type_ in DATE_LABELS for o in p.children)]
        if lemma == "call" and appeals:
            return None
        # "speak" is a call only "with/to" someone ("spoke to reporters" falls out for want of a second actor)
        if lemma == "speak" and not preps & PARTNER_PREPS:
            return None
    if event_type == RELEASE:
        # "images released by the office", "released a statement": publishing, not freeing
        released = objects + [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
        if verb.dep_ in {"acl", "amod"}:
            released.append(verb.head)
        if any(r.lemma_.lower() in MEDIA_NOUNS for r in released):
            return None
    # "agreed a sanctions package": the support verb of the event noun, which is read instead
    if event_type == AGREEMENT and any(trigger_at(o) is not None for o in objects):
        return None
    if event_type == PRISONER_EXCHANGE and object_lemmas & EXCHANGE_EXCLUDED:
        # "exchanged fire", "exchanged views"
        return None
    return event_type, verb, verb.i, end


def noun_trigger(noun: Token, key: str) -> tuple[str, Token, int, int] | None:
    event_type = NOUN_TRIGGERS[key]
    lemma = noun.lemma_.lower()
    modifiers = {c.lemma_.lower() for c in noun.children if c.dep_ in NOMINAL_MODIFIERS}
    objects = {g.lemma_.lower() for p in noun.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"}
    by_objects = {g.lemma_.lower() for g in Arguments.prep_objects(noun, AGENT_PREPS)}
    # "talks" only in the plural
    if lemma in PLURAL_ONLY_NOUNS and noun.tag_ not in {"NNS", "NNPS"} and noun.lower_ != "talks":
        return None
    if event_type == ATTACK and key == "strike":
        # a labour strike: "workers' strike", "general strike", "strike by dockers"
        if modifiers & WORKER_NOUNS or by_objects & WORKER_NOUNS:
            return None
        # "went on strike", "are on strike"
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "on" and head.head.lemma_.lower() in STRIKE_SUPPORT_VERBS:
            return None
        # "workers held a strike", "the union called a strike"
        if noun.dep_ in OBJECTS and any(
            s.dep_ in SUBJECTS and s.lemma_.lower() in WORKER_NOUNS for s in head.children
        ):
            return None
    if event_type == PRISONER_EXCHANGE and (modifiers | objects) & EXCHANGE_EXCLUDED:
        return None  # "exchange of fire", "exchange rate"
    if event_type == AGREEMENT and key == "deal" and modifiers & {"great", "good"}:
        return None  # "a great deal of"
    if event_type == RELEASE and ((modifiers | objects) & MEDIA_NOUNS):
        return None  # "press release", "the release of the report"
    if event_type == PHONE_CALL:
        # a call between actors: "a phone call", "a call with Putin"; not "calls for restraint"
        partners = {p.lower_ for p in noun.children if p.dep_ == "prep"}
        if not (modifiers & CALL_NOUN_MARKERS or partners & ((PARTNER_PREPS | BETWEEN_PREPS) - {"to"})):
            return None
    # "sanctions package": the package is the syntactic anchor, the phrase the trigger
    anchor = noun
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in ANCHOR_HEADS:
        anchor = noun.head
    start = min([noun.i, *(c.i for c in anchor.lefts if c.dep_ == "compound")])
    return event_type, anchor, start, anchor.i + 1


def standalone_killing(verb: Token) -> bool:
    """ "X killed Y" is an attack by X; "killing one person" after a strike is that strike's casualties."""
    # a casualty clause of another trigger: "struck ..., killing one person"
    if verb.dep_ in CASUALTY_CLAUSE_DEPS and trigger_at(verb.head) is not None:
        return False
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        # "the accident killed three people": something happened, nobody attacked
        if subject.lemma_.lower() in ACCIDENT_NOUNS:
            return False
        # "the attack killed three": the noun is the event, the verb its toll
        if trigger_at(subject) is not None:
            return False
    return True


# === 2. modality ===========================================================================================


def irrealis_verb(verb: Token) -> bool:
    """A hypothetical, conditional, intended or negated verb: "could tighten", "if it attacks", "to negotiate"."""
    children = list(verb.children)
    # modal: "could", "would", "will"
    if any(c.dep_ == "aux" and c.lower_ in MODAL_WORDS for c in children):
        return True
    # negated: "did not attack"
    if any(c.dep_ == "neg" for c in children):
        return True
    # conditional: "if it blocked peace"
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return True
    # infinitive: an intention ("efforts to negotiate"), unless reported or perfect ("claimed to have captured")
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in children):
        perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
        if not perfect and verb.head.lemma_.lower() not in REALIS_INFINITIVE_HEADS:
            return True
    # under an intention: "threatened to strike", "wants to discuss"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in IRREALIS_GOVERNORS:
        return True
    return False


def governing_word(noun: Token) -> Token | None:
    """The verb, adjective or noun a noun phrase is an argument of: "tighten [sanctions]", "efforts to [deal]"."""
    token = noun
    for _ in range(4):
        if token.head is token:
            return None
        token = token.head
        if token.pos_ in {"VERB", "AUX", "ADJ"}:
            return token
        if token.pos_ == "NOUN" and token.dep_ != "compound":
            return token
    return None


def irrealis_noun(noun: Token) -> bool:
    """ "future attacks", "no talks", "could tighten sanctions", "efforts to negotiate a deal"."""
    if any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in noun.children):
        return True
    if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
        return True
    governor = governing_word(noun)
    if governor is None:
        return False
    if governor.lemma_.lower() in IRREALIS_GOVERNORS:
        return True
    return governor.pos_ in {"VERB", "AUX"} and irrealis_verb(governor)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_MARKERS for c in verb.children) or any(
        c.dep_ == "agent" for c in verb.children
    )


# === 3. arguments ==========================================================================================


class Arguments:
    """The argument rules of one article: each helper reads one pattern and returns actor keys."""

    def __init__(self, doc: Doc, actors: ActorIndex):
        self.doc = doc
        self.actors = actors
        self._mentioned = {m.key for m in actors.mentions}

    # --- noun phrases to actors ------------------------------------------------------------------

    def nominal(self, token: Token, *, modifiers: set[str] = NOMINAL_MODIFIERS) -> list[str]:
        """Actors a noun phrase names: its head, else its modifiers ("Russian delegations"), and conjuncts."""
        keys: list[str] = []
        # relative pronoun: "Russia, which occupies ..." -> Russia
        if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self.nominal(token.head.head, modifiers=modifiers)
        head_key = self.capital(token) or self.actors.actor_at(token.i)
        if head_key:
            keys.append(head_key)
        else:
            # "a settlement called Rakivka" -> Rakivka
            for acl in (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS):
                keys.extend(k for c in acl.children if c.dep_ == "oprd" for k in self.nominal(c))
            # "the village of Novomykhailivka", "control of the town": the "of" object
            if not keys and token.lemma_.lower() in CONTAINER_NOUNS:
                for place in self.prep_objects(token, {"of"}):
                    keys.extend(self.nominal(place, modifiers=modifiers))
            # "Russian and Ukrainian delegations", "Zelenskyy's office", "the governor ..., Oleh Kiper"
            if not keys:
                for child in (c for c in token.children if c.dep_ in modifiers):
                    for part in (child, *(c for c in child.children if c.dep_ == "conj")):
                        key = self.capital(part) or self.actors.actor_at(part.i)
                        if key:
                            keys.append(key)
        # "Russia and Ukraine": every conjunct
        for conj in (c for c in token.children if c.dep_ == "conj"):
            keys.extend(self.nominal(conj, modifiers=modifiers))
        return list(dict.fromkeys(keys))

    def capital(self, token: Token) -> str | None:
        """ "the Ukrainian capital", "Ukraine's capital" -> that state's capital (Kyiv Q1899)."""
        if token.lemma_.lower() != "capital" or token.pos_ not in {"NOUN", "PROPN"}:
            return None
        for child in token.children:
            if child.dep_ in {"amod", "poss", "compound"}:
                key = self.actors.actor_at(child.i)
                if key and self.actors.kind(key) == "State":
                    return self.actors.add_capital(token.i, key)
        return None

    def party(self, keys: Iterable[str]) -> list[str]:
        """Actors that can act: a capital city speaks for its state ("Moscow"), other places cannot act."""
        out = []
        for key in keys:
            if self.actors.kind(key) == "Place":
                state = self.actors.state_for(key)
                # a state known only through its capital has no mention of its own: leave it out
                if state is None or state not in self._mentioned:
                    continue
                key = state
            out.append(key)
        return list(dict.fromkeys(out))

    def places(self, keys: Iterable[str]) -> list[str]:
        return [k for k in keys if self.actors.kind(k) in {"Place", "State"}]

    @staticmethod
    def prep_objects(token: Token, preps: set[str]) -> list[Token]:
        """Objects of ``token``'s prepositions in ``preps``: "talks [in] Istanbul" -> Istanbul."""
        return [
            obj
            for prep in token.children
            if prep.dep_ in {"prep", "agent"} and prep.lower_ in preps
            for obj in prep.children
            if obj.dep_ == "pobj"
        ]

    # --- agents ---------------------------------------------------------------------------------

    def subject(self, verb: Token) -> list[str]:
        """nsubj of the verb with its conjuncts: "Russia and Ukraine each exchanged" -> both."""
        return [k for s in verb.children if s.dep_ in SUBJECTS for k in self.nominal(s)]

    def passive_agent(self, verb: Token) -> list[str]:
        """ "was announced by Russia's Defence Ministry, and separately by Zelenskyy" -> both."""
        if not is_passive(verb):
            return []
        return [k for obj in self.prep_objects(verb, AGENT_PREPS) for k in self.nominal(obj)]

    def controller(self, verb: Token) -> list[str]:
        """The subject a subjectless gerund or infinitive borrows: "claimed ... to have captured" -> Russia."""
        if any(c.dep_ in SUBJECTS | PASSIVE_SUBJECTS | {"expl"} for c in verb.children):
            return []
        infinitive = any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)
        # a bare passive participle ("prisoners released") has no agent to borrow
        if verb.tag_ == "VBN" and not infinitive and verb.dep_ in {"acl", "amod", "ccomp"}:
            return []
        if not (verb.tag_ == "VBG" or infinitive or verb.dep_ in {"xcomp", "conj"}):
            return []
        token = verb
        for _ in range(4):
            if token.dep_ not in CONTROLLED_DEPS or token.head is token:
                return []
            token = token.head
            if token.pos_ in {"VERB", "AUX"}:
                subjects = [c for c in token.children if c.dep_ in SUBJECTS]
                if subjects:
                    return [k for s in subjects for k in self.nominal(s)]
        return []

    def noun_modifier(self, noun: Token, trigger_start: int) -> tuple[list[str], list[str]]:
        """(agents, places) of an event noun's modifiers: "Russian bombardment", "Russia's attack"."""
        agents, places = [], []
        tokens = [c for c in noun.children if c.dep_ in NOUN_AGENT_MODIFIERS]
        # "Russian missile strike": modifiers of the compound inside the trigger phrase too
        tokens += [c for t in noun.doc[trigger_start : noun.i] for c in t.children if c.dep_ in {"amod", "poss"}]
        for modifier in tokens:
            for part in (modifier, *(c for c in modifier.children if c.dep_ == "conj")):
                key = self.actors.actor_at(part.i)
                if key is None:
                    continue
                if self.actors.kind(key) == "Place":
                    places.append(key)  # "the Kyiv attack" happened in Kyiv
                else:
                    agents.append(key)
        return list(dict.fromkeys(agents)), places

    def support_verb(self, noun: Token) -> list[str]:
        """The subject of the verb that takes the event noun: "the EU issued its sanctions package"."""
        verb = noun.head
        if noun.dep_ not in {"dobj", "obj"} or verb.lemma_.lower() not in SUPPORT_VERBS:
            return []
        return self.subject(verb) or self.passive_agent(verb) or self.controller(verb)

    def support_targets(self, noun: Token) -> list[str]:
        """ "launched airstrikes on Gaza": the parser hangs "on Gaza" on the support verb."""
        if noun.dep_ not in {"dobj", "obj"} or noun.head.lemma_.lower() not in SUPPORT_VERBS:
            return []
        return [k for o in self.prep_objects(noun.head, TARGET_PREPS) for k in self.nominal(o)]

    def support_places(self, noun: Token) -> list[str]:
        """ "held talks in Istanbul" when the parser hangs "in Istanbul" on the support verb."""
        if noun.dep_ not in {"dobj", "obj"} or noun.head.lemma_.lower() not in SUPPORT_VERBS:
            return []
        return self.place_phrases(noun.head)

    def between(self, token: Token) -> list[str]:
        """ "between Russian and Ukrainian delegations" -> Russia, Ukraine."""
        return [k for obj in self.prep_objects(token, BETWEEN_PREPS) for k in self.nominal(obj)]

    def partners(self, token: Token) -> list[str]:
        """ "speaking with Putin", "a call with Zelenskyy", "talks with Kyiv"."""
        return [k for obj in self.prep_objects(token, PARTNER_PREPS) for k in self.nominal(obj)]

    # --- targets and places ---------------------------------------------------------------------

    def objects(self, verb: Token) -> list[Token]:
        return [c for c in verb.children if c.dep_ in {"dobj", "obj"}]

    def targets(self, anchor: Token) -> list[str]:
        """The object, "on/against X", and the subject of a passive: "sanctions against Russia"."""
        tokens = self.prep_objects(anchor, TARGET_PREPS)
        if anchor.pos_ == "VERB":
            tokens += self.objects(anchor)
            if is_passive(anchor):
                tokens += [c for c in anchor.children if c.dep_ in PASSIVE_SUBJECTS]
        return [k for t in tokens for k in self.nominal(t)]

    def place_phrases(self, token: Token, *, depth: int = 1) -> list[str]:
        """ "in Istanbul", "inside Ukraine"; one level down if the object is no place ("at talks in Istanbul")."""
        keys = []
        for obj in self.prep_objects(token, PLACE_PREPS):
            found = self.places(self.nominal(obj, modifiers={"compound"}))
            if not found and depth > 0:
                found = self.place_phrases(obj, depth=depth - 1)
            keys.extend(found)
        return keys

    def there(self, token: Token) -> list[str]:
        """ "struck port infrastructure there": the place named last before it (this or the previous sentence)."""
        keys = []
        for child in token.children:
            if child.lower_ == "there" and child.dep_ == "advmod":
                key = self.actors.last_before(child.i, ("Place",), max_sentences=2)
                if key:
                    keys.append(key)
        return keys

    def object_places(self, anchor: Token) -> list[str]:
        """Places attached to the object: "captured a settlement called Rakivka in the Kharkiv region"."""
        keys = []
        for obj in self.objects(anchor) if anchor.pos_ == "VERB" else []:
            keys.extend(self.place_phrases(obj, depth=0))
            for acl in (c for c in obj.children if c.dep_ == "acl"):
                keys.extend(self.place_phrases(acl, depth=0))
        return keys

    def passive_scene(self, noun: Token) -> list[str]:
        """ "the Ukrainian capital was rocked by a bombardment": what the by-agent noun hit."""
        if noun.dep_ != "pobj" or noun.head.dep_ != "agent":
            return []
        verb = noun.head.head
        return [k for s in verb.children if s.dep_ in PASSIVE_SUBJECTS for k in self.nominal(s)]


# === 4. dates, quantities, status ===========================================================================


def own_date(anchor: Token, published: datetime.date | None) -> datetime.date | None:
    """A date in the trigger's own phrase, leaving out the clauses hanging from it."""
    for child in sorted(anchor.children, key=lambda t: t.i):
        if child.dep_ in CLAUSAL_DEPS:
            continue
        if (day := date_of(child, published)) is not None:
            return day
    return None


def governing_date(anchor: Token, published: datetime.date | None) -> datetime.date | None:
    """The date of the clause the trigger hangs from: "took place on Friday when they released ..."."""
    for ancestor in anchor.ancestors:
        # the trigger is in a clause attached to a date: "on Friday when Russia ... released"
        if ancestor.ent_type_ in DATE_LABELS:
            if (day := date_of(ancestor.doc[ancestor.i : ancestor.i + 1], published)) is not None:
                return day
        if ancestor.pos_ not in {"VERB", "AUX"}:
            continue
        # a date phrase attached directly to the governing verb, not one inside another clause
        for child in ancestor.children:
            if child.dep_ in DATE_ADJUNCT_DEPS and not any(t.pos_ in {"VERB", "AUX"} for t in child.subtree):
                if (day := date_of(child, published)) is not None:
                    return day
    return None


def number_value(token: Token) -> int | None:
    """ "1,000" -> 1000, "eight" -> 8; None for anything that is not a whole number."""
    text = token.text.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBER_WORDS.get(token.lower_)


def noun_phrase(noun: Token) -> str:
    """ "service personnel", "missiles": the counted noun with its compounds."""
    words = [c for c in noun.lefts if c.dep_ == "compound"] + [noun]
    return " ".join(w.lower_ for w in words)


def casualty(token: Token) -> str | None:
    """ "killing one person" -> killed; "15 people were injured", "wounding eight" -> injured."""
    if token.dep_ in {"dobj", "obj", "nsubjpass"}:
        return CASUALTY_VERBS.get(token.head.lemma_.lower())
    return None


def quantity_of(number: Token, event_type: str, spans: SpanMaker) -> Quantity | None:
    """A number and what it counts, or None (dates, fractions, distances)."""
    if number.ent_type_ not in NUMBER_LABELS or number.pos_ != "NUM":
        return None
    value = number_value(number)
    if value is None:
        return None
    doc = number.doc
    # "one-fifth": part of a fraction
    if number.i + 1 < len(doc) and doc[number.i + 1].tag_ == "HYPH":
        return None
    counts = None
    if number.dep_ == "nummod":
        # "two missiles", "390 prisoners": the noun it modifies, or the casualty that noun suffered
        noun = number.head
        if noun.lemma_.lower() in NOT_COUNTED:
            return None
        counts = casualty(noun) or noun_phrase(noun)
    else:
        # "307 of their service personnel", "wounding eight", "each released 390"
        of_objects = [g for p in number.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
        if of_objects and of_objects[0].lemma_.lower() in NOT_COUNTED:
            return None
        counts = casualty(number) or (noun_phrase(of_objects[0]) if of_objects else DEFAULT_COUNTS.get(event_type))
    if not counts:
        return None
    return Quantity(value=value, counts=counts, span=spans.tokens(doc[number.i : number.i + 1]))


def quantities_in(tokens: Iterable[Token], event_type: str, spans: SpanMaker) -> list[Quantity]:
    found: dict[tuple[int, str], Quantity] = {}
    for token in sorted(tokens, key=lambda t: t.i):
        if token.like_num and (quantity := quantity_of(token, event_type, spans)) is not None:
            found.setdefault((quantity.value, quantity.counts), quantity)
    return list(found.values())


def claim_verb(anchor: Token) -> Token | None:
    """The claim verb whose complement holds the trigger: "claimed ... to have captured"."""
    child = anchor
    for ancestor in anchor.ancestors:
        if ancestor.lemma_.lower() in CLAIM_CUES and ancestor.pos_ == "VERB" and child.dep_ in COMPLEMENT_DEPS:
            return ancestor
        child = ancestor
    return None


def claim_status(trigger: TextSpan, verb: Token | None, statements: Sequence[Statement]) -> tuple[str, int | None]:
    """ "claimed" with the index of the claim statement holding the trigger (or cued by ``verb``)."""
    for index, statement in enumerate(statements):
        if (statement.cue or "").lower() not in CLAIM_CUES:
            continue
        content = statement.content
        if content.start <= trigger.start < content.end:
            return "claimed", index
        cue = statement.cue_span
        if verb is not None and cue is not None and cue.start <= verb.idx < cue.end:
            return "claimed", index
    return ("claimed", None) if verb is not None else ("asserted", None)


# === 5. the extractor =======================================================================================


class EventReader:
    """Reads the events of one article; ``read()`` returns them in text order."""

    def __init__(self, doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker,
                 statements: Sequence[Statement]):
        self.doc = doc
        self.args = Arguments(doc, actors)
        self.actors = actors
        self.published = article.published
        self.spans = spans
        self.statements = statements
        self.sentence_of = {t.i: n for n, s in enumerate(spans.sentences) for t in s}
        self.headlines = {n for n, s in enumerate(spans.sentences) if is_headline(s.text)}

    def read(self) -> list[Event]:
        triggers = [(t, found) for t in self.doc if (found := trigger_at(t)) is not None]
        anchors = {found[1].i for _, found in triggers}
        candidates = []
        for token, (event_type, anchor, start, end) in triggers:
            if anchor.i != token.i and token.i != start:
                continue  # a compound trigger is read once, from its first word
            if irrealis_verb(anchor) if anchor.pos_ == "VERB" else irrealis_noun(anchor):
                continue
            candidates.append(self.candidate(event_type, anchor, start, end, anchors - {anchor.i}))
        whole_exchange(candidates)
        candidates = [c for c in candidates if c.actors() and enough_parties(c)]
        candidates = drop_headline_repeats(candidates)
        candidates = merge_repeats(candidates)
        candidates = drop_minor_announcements(candidates)
        candidates.sort(key=lambda c: c.start)
        return self.to_events(candidates)

    # --- one candidate ----------------------------------------------------------------------------

    def candidate(
        self, event_type: str, anchor: Token, start: int, end: int, other_anchors: set[int]
    ) -> Candidate:
        sentence = self.sentence_of[anchor.i]
        c = Candidate(event_type, anchor, start, end, sentence=sentence, last_sentence=sentence,
                      headline=sentence in self.headlines)
        if anchor.pos_ == "VERB":
            self.verb_arguments(c)
        else:
            self.noun_arguments(c)
        args = self.args
        # places: "in Odesa", "there", the object's place, and any target that is a place
        if c.event_type in {ATTACK, CAPTURE}:
            c.places += args.places(k for k in c.targets if self.actors.kind(k) == "Place")
        c.places += args.place_phrases(anchor) + args.there(anchor) + args.object_places(anchor)
        c.places = list(dict.fromkeys(c.places))
        # date: the trigger's own phrase, else the governing clause
        c.date = own_date(anchor, self.published) or governing_date(anchor, self.published)
        # quantities: numbers in the trigger's phrase, not in the phrase of another trigger inside it
        c.quantities = quantities_in(self.scope(anchor, other_anchors), event_type, self.spans)
        # status: a claim statement (or claim verb) holding the trigger
        trigger = self.spans.tokens(self.doc[start:end])
        c.status, c.claimed_in = claim_status(trigger, claim_verb(anchor), self.statements)
        # a multi-day exchange: "1,000 prisoners released on each side over three days"
        if event_type == PRISONER_EXCHANGE and multi_day(anchor):
            c.whole = True
        return c

    def verb_arguments(self, c: Candidate) -> None:
        verb, args = c.anchor, self.args
        # agent: the subject, else the by-agent of a passive, else the controller of a gerund/infinitive
        for rule, keys in (
            ("verb-subject", args.subject(verb)),
            ("verb-passive-agent", args.passive_agent(verb)),
            ("verb-controller", args.controller(verb)),
        ):
            if keys := args.party(keys):
                c.agents, c.rule = keys, rule
                break
        targets = args.targets(verb)
        # "Russia and Ukraine each released 390 prisoners": a release by both sides is an exchange
        if c.event_type == RELEASE and len(c.agents) >= 2 and mutual(verb):
            c.event_type, c.rule = PRISONER_EXCHANGE, "mutual-release"
        if c.event_type in SYMMETRIC_TYPES:
            # the subjects act ("Russia and Ukraine each exchanged"), and with "with X", "between X and Y"
            # or an actor object ("met Putin") they all take part
            partners = args.party(args.partners(verb) + args.between(verb) + targets)
            if not c.agents:
                c.rule = "verb-partners"
            c.participants = list(dict.fromkeys(c.agents + partners))
        else:
            c.targets = targets

    def noun_arguments(self, c: Candidate) -> None:
        noun, args = c.anchor, self.args
        modifier_agents, modifier_places = args.noun_modifier(noun, c.start)
        c.places += modifier_places
        # agent: "Russian bombardment" / "Russia's attack", "attack by Russia", "the EU issued sanctions"
        for rule, keys in (
            ("noun-modifier", modifier_agents),
            ("noun-by-agent", [k for o in args.prep_objects(noun, AGENT_PREPS) for k in args.nominal(o)]),
            ("noun-support-verb", args.support_verb(noun)),
        ):
            if keys := args.party(keys):
                c.agents, c.rule = keys, rule
                break
        targets = args.targets(noun) + args.support_targets(noun)
        c.places += args.support_places(noun)
        # "the Ukrainian capital was rocked by ... bombardment": the capital was hit
        scene = args.passive_scene(noun)
        if c.event_type in SYMMETRIC_TYPES:
            own = args.party(args.between(noun) + args.partners(noun))
            governing = []
            if not own and noun.dep_ == "pobj":
                # "agreed at talks ... between Russian and Ukrainian delegations" (parser hung it on the verb)
                governing = args.party(args.between(noun.head.head))
            if not c.agents:
                c.rule = "noun-between" if own else "noun-governing-between"
            # a named side acts ("Russia's swap"); everyone named takes part
            c.participants = list(dict.fromkeys(c.agents + own + governing))
        else:
            # "the capture of Bakhmut", "the release of 50 prisoners": the "of" object is the patient
            if c.event_type in OF_PATIENT_TYPES:
                targets += [k for o in args.prep_objects(noun, {"of"}) for k in args.nominal(o)]
            c.targets = list(dict.fromkeys(targets + scene))
            c.places += args.places(k for k in scene if self.actors.kind(k) == "Place")

    def scope(self, anchor: Token, other_anchors: set[int]) -> list[Token]:
        """The trigger's phrase for numbers: its subtree, without other triggers' phrases; an event noun that
        is the subject of a casualty verb ("the strike killed three") takes that verb's phrase too."""
        tokens = list(anchor.subtree)
        if anchor.pos_ != "VERB" and anchor.dep_ in SUBJECTS and anchor.head.lemma_.lower() in CASUALTY_VERBS:
            tokens += [t for t in anchor.head.subtree if t not in tokens]
        nested = {t.i for a in other_anchors if a in {t.i for t in tokens} for t in self.doc[a].subtree}
        return [t for t in tokens if t.i not in nested or t.i == anchor.i]

    # --- output -----------------------------------------------------------------------------------

    def to_events(self, candidates: list[Candidate]) -> list[Event]:
        whole = [n for n, c in enumerate(candidates) if c.whole]
        events = []
        for c in candidates:
            trigger = self.spans.tokens(self.doc[c.start : c.end])
            part_of = None
            # a dated exchange is a day of the multi-day exchange
            if len(whole) == 1 and not c.whole and c.event_type == PRISONER_EXCHANGE and c.date is not None:
                part_of = whole[0]
            events.append(
                Event(
                    event_type=c.event_type,
                    trigger=trigger,
                    evidence=self.evidence(c),
                    agents=tuple(c.agents),
                    targets=tuple(k for k in c.targets if k not in c.agents),
                    participants=tuple(c.participants),
                    places=tuple(c.places),
                    date=c.date,
                    quantities=tuple(c.quantities),
                    status=c.status,
                    claimed_in=c.claimed_in,
                    part_of=part_of,
                    confidence=RULE_CONFIDENCE.get(c.rule, 0.7),
                    rule=c.rule,
                )
            )
        return events

    def evidence(self, c: Candidate) -> TextSpan:
        first = self.spans.sentences[c.sentence]
        last = self.spans.sentences[c.last_sentence]
        return self.spans.sentences_of(first.start_char, last.end_char)


# === 6. clean-up ============================================================================================


def is_headline(text: str) -> bool:
    """A title, standfirst or subheading: a line that does not end like a sentence."""
    text = text.strip()
    return bool(text) and not text.endswith(TERMINAL_PUNCTUATION)


def mutual(verb: Token) -> bool:
    """ "Russia and Ukraine each released", "both sides freed": both sides did it to each other."""
    for subject in (c for c in verb.children if c.dep_ in SUBJECTS):
        if any(t.lower_ in {"each", "both"} for t in subject.subtree):
            return True
    return any(c.lower_ == "each" and c.dep_ in {"advmod", "npadvmod", "appos"} for c in verb.children)


def multi_day(anchor: Token) -> bool:
    """A DATE of several days after "over/across": "over three days"."""
    for token in anchor.subtree:
        if token.ent_type_ == "DATE" and token.ent_iob_ == "B":
            entity = next(e for e in token.doc.ents if e.start == token.i)
            before = token.doc[entity.start - 1].lower_ if entity.start > 0 else ""
            if MULTI_DAY.search(entity.text) and before in MULTI_DAY_PREPS:
                return True
    return False


def enough_parties(c: Candidate) -> bool:
    """A call, an agreement or a meeting needs two actors ("they could call relatives" is no call)."""
    needs_two = c.event_type in TWO_PARTY_TYPES or c.anchor.lemma_.lower() in TWO_PARTY_VERBS
    return not needs_two or len(c.actors()) >= 2


def whole_exchange(candidates: list[Candidate]) -> None:
    """The multi-day exchange takes its sides from the day exchanges ("1,000 prisoners ... on each side")."""
    sides = [k for c in candidates if c.event_type == PRISONER_EXCHANGE and not c.whole for k in c.participants]
    for c in candidates:
        if c.whole and not c.actors() and sides:
            c.participants = list(dict.fromkeys(sides))
            c.rule = "multi-day-exchange"


def drop_headline_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """A headline event is dropped when a body event of the same type shares an actor: the body says it in full."""
    body = [c for c in candidates if not c.headline]
    return [
        c
        for c in candidates
        if not c.headline or not any(b.event_type == c.event_type and b.actors() & c.actors() for b in body)
    ]


def merge_repeats(candidates: list[Candidate]) -> list[Candidate]:
    """One event told twice ("Russia attacked Kyiv in a drone attack"): same type, actors and date, in the
    same or the next sentence. The first keeps its trigger and takes the other's targets, places and numbers."""
    kept: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        same = next(
            (
                k
                for k in kept
                if k.event_type == c.event_type
                and k.actors() == c.actors()
                and k.date == c.date
                and k.whole == c.whole
                and 0 <= c.sentence - k.last_sentence <= 1
            ),
            None,
        )
        if same is None:
            kept.append(c)
            continue
        same.targets = list(dict.fromkeys(same.targets + c.targets))
        same.places = list(dict.fromkeys(same.places + c.places))
        seen = {(q.value, q.counts) for q in same.quantities}
        same.quantities += [q for q in c.quantities if (q.value, q.counts) not in seen]
        same.last_sentence = max(c.sentence, same.last_sentence)
    return kept


def drop_minor_announcements(candidates: list[Candidate]) -> list[Candidate]:
    """An Announcement only when nothing else is reported in its sentence: the news is what was announced."""
    busy = {c.sentence for c in candidates if c.event_type != ANNOUNCEMENT}
    return [c for c in candidates if c.event_type != ANNOUNCEMENT or c.sentence not in busy]


def extract_events(
    doc: Doc, actors: ActorIndex, article: Article, spans: SpanMaker, statements: Sequence[Statement]
) -> list[Event]:
    """The events of one parsed article, in text order (``part_of`` indexes this list)."""
    return EventReader(doc, actors, article, spans, statements).read()


