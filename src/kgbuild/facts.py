"""Facts extracted from one article: frozen dataclasses that carry their source spans.

This is the hand-over point between extraction (spaCy) and the graph (rdflib): nothing here imports
either. Every offset is a character offset into ``Article.text`` exactly as read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

ACTOR_KINDS = ("Person", "State", "Organization", "Place")
STATEMENT_KINDS = ("direct", "mixed", "indirect")
EVENT_STATUSES = ("asserted", "claimed", "denied")


@dataclass(frozen=True)
class Article:
    """One news article as read from disk. ``id`` is unique in a store; ``text`` is what offsets index."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: datetime.date | None = None
    source: str | None = None  # the file (and line, for JSONL) it was read from


@dataclass(frozen=True)
class TextSpan:
    """A stretch of the article text: ``text == article.text[start:end]``; ``sentence`` is its index."""

    start: int
    end: int
    sentence: int
    text: str


@dataclass(frozen=True)
class Actor:
    """A person, state, organization or place named in the article.

    ``key`` identifies the actor inside the article (and across articles when ``wikidata`` is set):
    every mention of it, whatever the surface form, points to the same key.
    """

    key: str
    label: str
    kind: str  # one of ACTOR_KINDS
    wikidata: str | None = None  # bare QID such as "Q212"
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # "President", "Foreign Minister"
    mentions: tuple[TextSpan, ...] = ()
    anonymous: bool = False  # "one man", "a spokesperson": described, not named


@dataclass(frozen=True)
class Role:
    """A position an actor holds, as the article says: "Russian Foreign Minister Sergei Lavrov".

    ``holder``, ``of`` and ``state`` are Actor keys: ``of`` is what the office belongs to (a state, a region,
    an organization), ``state`` the state it lies in when that is another actor ("Ukraine" for "Ukraine's Odesa
    region"). ``date`` is the day the article says so: a role is a fact of one article and date, never a
    property of the person, so another article's role does not overwrite it.
    """

    holder: str
    office: str  # the title as written: "Foreign Minister", "governor"
    span: TextSpan  # the title phrase: "Russian Foreign Minister", "The governor of Ukraine's Odesa region"
    evidence: TextSpan
    of: str | None = None
    state: str | None = None
    date: datetime.date | None = None
    position: str | None = None  # the office in the reference table: "Minister of Foreign Affairs of Russia"
    position_wikidata: str | None = None  # its QID, where the table has one
    rule: str = ""


@dataclass(frozen=True)
class Statement:
    """A speech act: ``speaker`` (an Actor key) said ``content``.

    ``content`` is the reported text without its quotation marks; ``evidence`` is the whole
    sentence (or sentences) the statement was read from.
    """

    speaker: str
    content: TextSpan
    kind: str  # one of STATEMENT_KINDS
    evidence: TextSpan
    speaker_span: TextSpan | None = None  # the source as said: "Ukrainian President Volodymyr Zelenskyy"
    cue: str | None = None  # lemma of the cue: "say", "write", "according to"
    cue_span: TextSpan | None = None
    medium: str | None = None  # "Telegram", "Truth Social"
    date: datetime.date | None = None
    about: tuple[str, ...] = ()  # Actor keys mentioned in the content
    continues: int | None = None  # index into ArticleFacts.statements of the quote this one goes on from
    confidence: float = 1.0
    rule: str = ""


@dataclass(frozen=True)
class Quantity:
    """A number and what it counts: 307 soldiers, 15 injured."""

    value: int
    counts: str
    span: TextSpan


@dataclass(frozen=True)
class Event:
    """Something that happened: ``event_type`` is an Event subclass of the ontology ("Attack")."""

    event_type: str
    trigger: TextSpan
    evidence: TextSpan
    agents: tuple[str, ...] = ()  # Actor keys
    targets: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # Actor keys of kind Place (or State)
    date: datetime.date | None = None  # the day it happened; the first day when it lasted several
    end_date: datetime.date | None = None  # the last day of an event over several days ("over three days")
    quantities: tuple[Quantity, ...] = ()
    status: str = "asserted"  # one of EVENT_STATUSES
    claimed_in: int | None = None  # index into ArticleFacts.statements of the statement that claims it
    part_of: int | None = None  # index into ArticleFacts.events
    instruments: tuple[TextSpan, ...] = ()  # the means as written: "long-range drones", "a roadside bomb"
    denied_in: int | None = None  # index into ArticleFacts.statements of the statement that denies it
    agreed_at: int | None = None  # index into ArticleFacts.events of the talks it was agreed at
    follows: int | None = None  # index into ArticleFacts.events of an earlier event it came after
    confidence: float = 1.0
    rule: str = ""


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article, ready to become its named graph."""

    article: Article
    actors: tuple[Actor, ...] = ()
    statements: tuple[Statement, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[TextSpan, ...] = field(default=(), repr=False)
    roles: tuple[Role, ...] = ()
