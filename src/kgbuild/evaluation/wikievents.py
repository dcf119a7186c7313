"""Score extracted events (who did what) against WikiEvents gold events in the KAIROS ontology.

WikiEvents (the gen-arg release, MIT) annotates news articles cited by Wikipedia with KAIROS events: a typed
trigger (``Conflict.Attack.DetonateExplode``) and arguments that point to entity mentions by id, with entity
coreference clusters in a sibling file. A split is ``dev.jsonl`` (one document per line) and
``dev.coref.jsonlines``. Nothing here imports spaCy or rdflib: only :func:`predictions_from_facts` and
:func:`to_article` know about kgbuild's facts. Standard library only.

Reading (:func:`load_corpus`)
    Entity mentions and triggers give token offsets (``start`` inclusive, ``end`` exclusive) into ``tokens``.
    The per-token character offsets inside ``sentences`` do *not* index ``text``: they index the original
    article, whose sentence separators (1, 2 or 4 characters) were dropped when ``text`` was made by gluing the
    sentence strings together ("...in SyriaThe desert..."), so they drift by the separators removed so far.
    Token offsets are therefore re-derived by :func:`align_tokens`, which walks ``text`` left to right: skip
    whitespace, match the token there (ignoring whitespace inside the token or the text, folding typographic
    quotes and dashes, accepting PTB escapes such as ``-LRB-`` and ````), else search a little further ahead.
    Tokens matched only after skipping non-space text, or not found at all (given a zero-width span), are
    counted in :attr:`Document.alignment_issues`; on the dev split every one of the 12,875 tokens aligns
    directly. ``sentence_break="\\n"`` inserts a break wherever two sentences are glued without whitespace,
    so that a pipeline reading :attr:`Document.text` sees the sentence boundary; all offsets then index that
    text. A record without ``text`` gets the tokens joined by spaces.

    Mentions get character spans from their first and last token, and a heuristic head (WikiEvents has no head
    annotation): the last token before the first ``of``/``,``/``(``/relative pronoun, trailing punctuation
    dropped ("University of Massachusetts" -> "University", "Major General Vyacheslav Gladkikh" ->
    "Gladkikh"). Most mentions are already one word (85% in dev). Each gold argument carries the mentions of
    its entity's coreference cluster (an entity in no cluster is its own cluster). Arguments of one event
    that repeat a (role, cluster) pair are dropped (:attr:`Document.duplicate_arguments`); arguments whose
    entity id is unknown are kept with no mentions, so they count as gold but cannot be matched
    (:attr:`Document.unresolved_arguments`).

The mapping (:func:`load_mapping`, ``data/kairos_mapping.tsv``)
    Each kgbuild class maps to one or more KAIROS type prefixes, and per prefix each kgbuild role
    (``agents``, ``targets``, ``participants``, ``places``, ``instruments``) to a set of KAIROS roles. A gold type matches a
    prefix if it equals it or starts with ``prefix + "."``. Classes with no KAIROS counterpart (``-``) are not
    scored: their predictions are counted separately (:attr:`Scores.not_scored`), not as false alarms.
    A gold event is *in scope* if some mapped prefix matches its type.

Matching (:func:`score`), per document
    Trigger identification: a prediction and a gold event match if their trigger character spans overlap;
    pairs are taken one-to-one, greedily by overlap length, then closeness of starts, then text order.
    Trigger classification: the same, among overlapping pairs whose gold type matches a prefix mapped from
    the predicted class (a separate one-to-one matching). "Event precision" is trigger classification
    precision.

    Argument identification: within each identification pair, a predicted argument matches a gold argument if
    its span overlaps any mention of the gold argument's coreference cluster (one-to-one, greedy by overlap
    length). Argument classification: within each classification pair, and the gold role is among the KAIROS
    roles mapped from (predicted class, matched prefix, predicted role). The "head" variant of argument
    classification asks the predicted span to contain the head token of one of the cluster's mentions instead
    of merely overlapping it. Predicted arguments count over all scored predictions (those of unmatched events
    are false), gold arguments over all gold events. Precision = matched / predicted, recall = matched / gold;
    the "in scope" recall divides by gold events (arguments) of in-scope types only, since kgbuild's classes
    cannot produce Movement.Transportation, Justice.ChargeIndict and the rest.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import write_records
from .polnear import PRF

if TYPE_CHECKING:
    from kgbuild.facts import Article, ArticleFacts, TextSpan

__all__ = [
    "ARGUMENT_F1_TARGET",
    "EVENT_PRECISION_TARGET",
    "KGBUILD_CLASSES",
    "KGBUILD_ROLES",
    "MAPPING_PATH",
    "PRF",
    "Document",
    "EntityMention",
    "GoldArgument",
    "GoldEvent",
    "KairosMapping",
    "MappingRow",
    "PredictedArgument",
    "PredictedEvent",
    "Scores",
    "align_tokens",
    "error_records",
    "load_corpus",
    "load_mapping",
    "match_arguments",
    "match_triggers",
    "predictions_from_facts",
    "score",
    "to_article",
    "write_errors",
]

KGBUILD_CLASSES = (
    "PrisonerExchange",
    "Attack",
    "Capture",
    "Talks",
    "PhoneCall",
    "Sanctions",
    "Announcement",
    "Release",
    "Agreement",
    "Killing",
    "Injuring",
    "Arrest",
    "Coercion",
    "Protest",
    "Threat",
    "Demand",
    "Accusation",
    "Aid",
    "Mobilization",
    "Cooperation",
)
KGBUILD_ROLES = ("agents", "targets", "participants", "places", "instruments")
MAPPING_PATH = Path(__file__).resolve().parent.parent / "data" / "kairos_mapping.tsv"
MAPPING_COLUMNS = ("kgbuild_class", "kairos_prefix", "kgbuild_role", "kairos_roles", "note")

# The issue's acceptance targets: precision matters more than recall.
EVENT_PRECISION_TARGET = 0.70
ARGUMENT_F1_TARGET = 0.40

ALIGN_WINDOW = 200  # characters searched ahead of the cursor for a token not found right there
_PTB_ESCAPES = {
    "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
    "``": '"', "''": '"', "`": "'",
}
_CHAR_FOLD = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'", "´": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})
_HEAD_STOPS = frozenset({"of", "for", "from", "in", "at", "on", "with", ",", "(", "who", "which", "that", "whose"})


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class EntityMention:
    """A WikiEvents entity mention: ``text == document.text[start:end]``; ``head_*`` is one token inside."""

    id: str
    start: int
    end: int
    text: str
    entity_type: str = ""
    sentence: int | None = None
    head_start: int = 0
    head_end: int = 0
    token_start: int = 0
    token_end: int = 0


@dataclass(frozen=True)
class GoldArgument:
    """A role filled by an entity; ``mentions`` are all mentions of its coreference cluster (by start)."""

    role: str
    entity_id: str
    text: str  # the argument text as stored
    mentions: tuple[EntityMention, ...] = ()


@dataclass(frozen=True)
class GoldEvent:
    """A KAIROS event: character span of its trigger in the document text, arguments deduplicated."""

    id: str
    event_type: str
    trigger_start: int
    trigger_end: int
    trigger_text: str  # document.text[trigger_start:trigger_end]
    sentence: int | None = None
    arguments: tuple[GoldArgument, ...] = ()


@dataclass(frozen=True)
class Document:
    """One WikiEvents document; every offset is a character offset into :attr:`text`."""

    id: str
    text: str
    tokens: tuple[str, ...] = field(default=(), repr=False)
    token_spans: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    sentences: tuple[tuple[int, int], ...] = field(default=(), repr=False)
    entities: tuple[EntityMention, ...] = field(default=(), repr=False)
    clusters: tuple[tuple[str, ...], ...] = field(default=(), repr=False)  # entity ids, as in the coref file
    events: tuple[GoldEvent, ...] = ()
    alignment_issues: int = 0
    duplicate_arguments: int = 0
    unresolved_arguments: int = 0

    @property
    def name(self) -> str:
        return self.id

    def entity(self, entity_id: str) -> EntityMention | None:
        for mention in self.entities:
            if mention.id == entity_id:
                return mention
        return None

    def cluster_of(self, entity_id: str) -> tuple[str, ...]:
        """The coreference cluster (entity ids) holding ``entity_id``, or just ``(entity_id,)``."""
        for cluster in self.clusters:
            if entity_id in cluster:
                return cluster
        return (entity_id,)


class PredictedArgument(NamedTuple):
    role: str  # one of KGBUILD_ROLES
    start: int
    end: int


@dataclass(frozen=True)
class PredictedEvent:
    """A system event in scoring terms: kgbuild class, trigger offsets, ``(role, start, end)`` arguments."""

    event_type: str
    trigger_start: int
    trigger_end: int
    arguments: tuple[PredictedArgument, ...] = ()
    trigger_text: str | None = None  # if given, checked against the document text
    confidence: float = 1.0
    status: str = "asserted"

    def __post_init__(self) -> None:
        object.__setattr__(self, "arguments", tuple(PredictedArgument(*arg) for arg in self.arguments))


# ------------------------------------------------------------------------------------------ mapping


@dataclass(frozen=True)
class MappingRow:
    kgbuild_class: str
    kairos_prefix: str | None  # None: no KAIROS counterpart
    kgbuild_role: str | None
    kairos_roles: frozenset[str] = frozenset()
    note: str = ""


def _prefix_matches(prefix: str, kairos_type: str) -> bool:
    return kairos_type == prefix or kairos_type.startswith(prefix + ".")


@dataclass(frozen=True)
class KairosMapping:
    """kgbuild class -> KAIROS type prefixes, and (class, prefix, kgbuild role) -> KAIROS roles."""

    rows: tuple[MappingRow, ...]

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.kgbuild_class for row in self.rows))

    def prefixes(self, kgbuild_class: str) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(
                row.kairos_prefix for row in self.rows if row.kgbuild_class == kgbuild_class and row.kairos_prefix
            )
        )

    def is_mapped(self, kgbuild_class: str) -> bool:
        return bool(self.prefixes(kgbuild_class))

    @property
    def all_prefixes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.kairos_prefix for row in self.rows if row.kairos_prefix))

    def match_prefix(self, kgbuild_class: str, kairos_type: str) -> str | None:
        """The longest prefix mapped from ``kgbuild_class`` that ``kairos_type`` falls under, or None."""
        matching = [p for p in self.prefixes(kgbuild_class) if _prefix_matches(p, kairos_type)]
        return max(matching, key=len) if matching else None

    def type_matches(self, kgbuild_class: str, kairos_type: str) -> bool:
        return self.match_prefix(kgbuild_class, kairos_type) is not None

    def roles(self, kgbuild_class: str, kairos_type: str, kgbuild_role: str) -> frozenset[str]:
        """KAIROS roles ``kgbuild_role`` may fill in a gold event of ``kairos_type`` (empty if none)."""
        prefix = self.match_prefix(kgbuild_class, kairos_type)
        out: set[str] = set()
        for row in self.rows:
            if row.kgbuild_class == kgbuild_class and row.kairos_prefix == prefix and row.kgbuild_role == kgbuild_role:
                out |= row.kairos_roles
        return frozenset(out)

    def role_matches(self, kgbuild_class: str, kairos_type: str, kgbuild_role: str, kairos_role: str) -> bool:
        return kairos_role in self.roles(kgbuild_class, kairos_type, kgbuild_role)

    def in_scope(self, kairos_type: str) -> bool:
        """True if some kgbuild class maps to a prefix of ``kairos_type``."""
        return any(_prefix_matches(p, kairos_type) for p in self.all_prefixes)


def _dash(value: str) -> str | None:
    value = value.strip()
    return None if value in ("", "-") else value


def load_mapping(path: str | Path | None = None) -> KairosMapping:
    """Read the mapping TSV (default :data:`MAPPING_PATH`); raise ``ValueError`` on a malformed table."""
    path = Path(path) if path is not None else MAPPING_PATH
    rows: list[MappingRow] = []
    header: list[str] | None = None
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = [f.strip() for f in fields]
            if tuple(header[:4]) != MAPPING_COLUMNS[:4]:
                raise ValueError(f"{path}:{line_no}: expected the header {' '.join(MAPPING_COLUMNS)!r}, got {line!r}")
            continue
        if len(fields) < 4:
            raise ValueError(f"{path}:{line_no}: expected at least 4 tab-separated columns, got {line!r}")
        cls, prefix, role, roles = fields[0].strip(), _dash(fields[1]), _dash(fields[2]), _dash(fields[3])
        note = fields[4].strip() if len(fields) > 4 else ""
        if not cls:
            raise ValueError(f"{path}:{line_no}: empty kgbuild_class")
        if prefix is not None and role not in KGBUILD_ROLES:
            raise ValueError(f"{path}:{line_no}: kgbuild_role must be one of {', '.join(KGBUILD_ROLES)}, got {role!r}")
        kairos_roles = frozenset(r.strip() for r in roles.split(",") if r.strip()) if roles else frozenset()
        rows.append(MappingRow(cls, prefix, role if prefix else None, kairos_roles, note))
    if header is None:
        raise ValueError(f"{path}: no header line")
    for cls in dict.fromkeys(row.kgbuild_class for row in rows):
        kinds = {row.kairos_prefix is None for row in rows if row.kgbuild_class == cls}
        if len(kinds) > 1:
            raise ValueError(f"{path}: {cls} is both mapped and unmapped ('-')")
    return KairosMapping(tuple(rows))


# ------------------------------------------------------------------------------------------ reading


def _fold(char: str) -> str:
    return char.translate(_CHAR_FOLD).lower()


def _match_at(text: str, pos: int, token: str) -> int | None:
    """End of ``token`` read at ``text[pos:]`` (whitespace inside either ignored, quotes/dashes folded)."""
    i, n, matched = pos, len(text), False
    for char in token:
        if char.isspace():
            continue
        if matched:
            while i < n and text[i].isspace():
                i += 1
        if i >= n or _fold(text[i]) != _fold(char):
            return None
        i += 1
        matched = True
    return i if matched else None


def align_tokens(text: str, tokens: Sequence[str], *, window: int = ALIGN_WINDOW) -> tuple[list[tuple[int, int]], int]:
    """Character spans of ``tokens`` in ``text``, read left to right, and the number of alignment issues.

    A token is placed right after the previous one (whitespace skipped); failing that, at the first place it
    matches within ``window`` characters (an issue: text was skipped); failing that, it gets a zero-width span
    at the cursor (an issue: the token is not in the text).
    """
    spans: list[tuple[int, int]] = []
    issues = 0
    cursor, n = 0, len(text)
    for token in tokens:
        while cursor < n and text[cursor].isspace():
            cursor += 1
        forms = [token] + ([_PTB_ESCAPES[token]] if token in _PTB_ESCAPES else [])
        span = None
        for form in forms:
            end = _match_at(text, cursor, form)
            if end is not None:
                span = (cursor, end)
                break
        if span is None:
            issues += 1
            for pos in range(cursor + 1, min(n, cursor + window)):
                for form in forms:
                    end = _match_at(text, pos, form)
                    if end is not None:
                        span = (pos, end)
                        break
                if span is not None:
                    break
        if span is None:
            span = (cursor, cursor)
        spans.append(span)
        cursor = span[1]
    return spans, issues


def _sentence_lengths(record: Mapping[str, Any], n_tokens: int) -> list[int] | None:
    """Tokens per sentence from ``sentences`` ([[[word, start, end], ...], text] each), if they add up."""
    sentences = record.get("sentences") or []
    try:
        lengths = [len(sentence[0]) for sentence in sentences]
    except (TypeError, IndexError, KeyError):
        return None
    return lengths if lengths and sum(lengths) == n_tokens else None


def _insert_breaks(
    text: str, spans: list[tuple[int, int]], lengths: list[int], sentence_break: str
) -> tuple[str, list[tuple[int, int]]]:
    """Insert ``sentence_break`` where a sentence starts right after a non-space character."""
    points = []
    first = 0
    for length in lengths[:-1]:
        first += length
        start = spans[first][0]
        if 0 < start and not text[start - 1].isspace():
            points.append(start)
    if not points:
        return text, spans
    pieces, last = [], 0
    for point in points:
        pieces.append(text[last:point])
        pieces.append(sentence_break)
        last = point
    pieces.append(text[last:])
    k = len(sentence_break)
    moved = [(s + k * bisect.bisect_right(points, s), e + k * bisect.bisect_left(points, e)) for s, e in spans]
    return "".join(pieces), moved


def _head(tokens: Sequence[str], spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """Heuristic head token (character span) of the mention ``tokens[start:end]``."""
    stop = end
    for i in range(start + 1, end):
        if tokens[i].lower() in _HEAD_STOPS:
            stop = i
            break
    last = stop - 1
    while last > start and not any(c.isalnum() for c in tokens[last]):
        last -= 1
    return spans[last]


def _char_span(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    if not 0 <= start < end <= len(spans):
        raise ValueError(f"token span {start}-{end} is out of range (document has {len(spans)} tokens)")
    return spans[start][0], spans[end - 1][1]


def _read_coref(path: Path) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_no}: not JSON: {exc}") from exc
            out[str(record["doc_key"])] = [tuple(str(e) for e in cluster) for cluster in record.get("clusters", [])]
    return out


def _coref_path(path: Path) -> Path:
    name = path.name
    stem = name[: -len(".jsonl")] if name.endswith(".jsonl") else path.stem
    return path.with_name(f"{stem}.coref.jsonlines")


def _read_document(
    record: Mapping[str, Any], clusters: Sequence[tuple[str, ...]], sentence_break: str | None
) -> Document:
    doc_id = str(record["doc_id"])
    tokens = [str(t) for t in record.get("tokens", [])]
    text = record.get("text")
    if text is None:
        text = " ".join(tokens)
    spans, issues = align_tokens(text, tokens)
    lengths = _sentence_lengths(record, len(tokens))
    if sentence_break and lengths:
        text, spans = _insert_breaks(text, spans, lengths, sentence_break)
    sentences: list[tuple[int, int]] = []
    if lengths:
        first = 0
        for length in lengths:
            if length:
                sentences.append((spans[first][0], spans[first + length - 1][1]))
            first += length

    entities: dict[str, EntityMention] = {}
    for m in record.get("entity_mentions", []):
        start, end = _char_span(spans, m["start"], m["end"])
        head_start, head_end = _head(tokens, spans, m["start"], m["end"])
        entities[str(m["id"])] = EntityMention(
            id=str(m["id"]),
            start=start,
            end=end,
            text=text[start:end],
            entity_type=str(m.get("entity_type", "")),
            sentence=m.get("sent_idx"),
            head_start=head_start,
            head_end=head_end,
            token_start=m["start"],
            token_end=m["end"],
        )
    cluster_of: dict[str, tuple[str, ...]] = {}
    for cluster in clusters:
        for entity_id in cluster:
            cluster_of.setdefault(entity_id, cluster)

    def cluster_mentions(entity_id: str) -> tuple[EntityMention, ...]:
        ids = cluster_of.get(entity_id, (entity_id,))
        found = [entities[i] for i in ids if i in entities]
        return tuple(sorted(found, key=lambda m: (m.start, m.end, m.id)))

    events = []
    duplicates = unresolved = 0
    for e in record.get("event_mentions", []):
        trigger = e["trigger"]
        t_start, t_end = _char_span(spans, trigger["start"], trigger["end"])
        arguments = []
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for a in e.get("arguments", []):
            entity_id = str(a["entity_id"])
            key = (str(a["role"]), cluster_of.get(entity_id, (entity_id,)))
            if key in seen:
                duplicates += 1
                continue
            seen.add(key)
            mentions = cluster_mentions(entity_id) if entity_id in entities else ()
            if entity_id not in entities:
                unresolved += 1
            arguments.append(GoldArgument(str(a["role"]), entity_id, str(a.get("text", "")), mentions))
        events.append(
            GoldEvent(
                id=str(e.get("id", f"{doc_id}-E{len(events) + 1}")),
                event_type=str(e["event_type"]),
                trigger_start=t_start,
                trigger_end=t_end,
                trigger_text=text[t_start:t_end],
                sentence=trigger.get("sent_idx"),
                arguments=tuple(arguments),
            )
        )
    return Document(
        id=doc_id,
        text=text,
        tokens=tuple(tokens),
        token_spans=tuple(spans),
        sentences=tuple(sentences),
        entities=tuple(entities.values()),
        clusters=tuple(clusters),
        events=tuple(events),
        alignment_issues=issues,
        duplicate_arguments=duplicates,
        unresolved_arguments=unresolved,
    )


def load_corpus(
    path: str | Path, *, coref_path: str | Path | None = None, sentence_break: str | None = None
) -> list[Document]:
    """Read a WikiEvents split (``dev.jsonl``) and its coreference file (``dev.coref.jsonlines``, if present).

    ``sentence_break`` (e.g. ``"\\n"``) is inserted between sentences that the stored text glues together;
    by default the text is kept exactly as stored. Raises ``ValueError`` on unreadable lines or token offsets
    outside the document.
    """
    path = Path(path)
    clusters = _read_coref(Path(coref_path) if coref_path is not None else _coref_path(path))
    documents = []
    with path.open(encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                documents.append(_read_document(record, clusters.get(str(record["doc_id"]), []), sentence_break))
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: {type(exc).__name__}: {exc}") from exc
    return documents


def to_article(document: Document) -> Article:
    """The document as a kgbuild :class:`~kgbuild.facts.Article` (same id and text, so offsets agree)."""
    from kgbuild.facts import Article

    return Article(id=document.id, text=document.text, source="wikievents")


# ------------------------------------------------------------------------------------- predictions


def _gap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, a_start - b_end, b_start - a_end)


def _nearest(mentions: Iterable[TextSpan], trigger: TextSpan) -> TextSpan | None:
    """The mention nearest the trigger, preferring the trigger's sentence (ties: the earlier one)."""
    candidates = list(mentions)
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda m: (m.sentence != trigger.sentence, _gap(m.start, m.end, trigger.start, trigger.end), m.start),
    )


def predictions_from_facts(facts: ArticleFacts) -> list[PredictedEvent]:
    """Turn an article's events into :class:`PredictedEvent` (argument spans from the actors' mentions).

    Each argument actor contributes the mention nearest the trigger, preferring one in the trigger's
    sentence; an instrument is its own span. Actors without mentions (or unknown keys) are left out; a
    repeated (role, span) counts once.
    """
    actors = {actor.key: actor for actor in facts.actors}
    out = []
    for event in facts.events:
        arguments: list[PredictedArgument] = []
        for role in KGBUILD_ROLES:
            for value in getattr(event, role):
                if role == "instruments":
                    mention = value
                else:
                    actor = actors.get(value)
                    mention = _nearest(actor.mentions, event.trigger) if actor else None
                if mention is None:
                    continue
                argument = PredictedArgument(role, mention.start, mention.end)
                if argument not in arguments:
                    arguments.append(argument)
        out.append(
            PredictedEvent(
                event_type=event.event_type,
                trigger_start=event.trigger.start,
                trigger_end=event.trigger.end,
                arguments=tuple(arguments),
                trigger_text=event.trigger.text,
                confidence=event.confidence,
                status=event.status,
            )
        )
    return out


# ----------------------------------------------------------------------------------------- matching


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def _greedy(candidates: list[tuple[tuple, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold, predicted) from ``(sort key, gold, predicted)`` candidates, best key first."""
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []
    for _, g, p in candidates:
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        out.append((g, p))
    return sorted(out)


def match_triggers(
    gold: Sequence[GoldEvent],
    predicted: Sequence[PredictedEvent],
    mapping: KairosMapping,
    *,
    classify: bool = False,
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs with overlapping triggers (and matching type)."""
    candidates = []
    for g, ge in enumerate(gold):
        for p, pe in enumerate(predicted):
            size = _overlap(ge.trigger_start, ge.trigger_end, pe.trigger_start, pe.trigger_end)
            if not size:
                continue
            if classify and not mapping.type_matches(pe.event_type, ge.event_type):
                continue
            candidates.append(((-size, abs(ge.trigger_start - pe.trigger_start), g, p), g, p))
    return _greedy(candidates)


def _argument_fit(argument: GoldArgument, pred: PredictedArgument, *, head: bool) -> int:
    """How well ``pred`` fits one of the argument's cluster mentions: overlap length (0: no match)."""
    best = 0
    for m in argument.mentions:
        if head:
            if pred.start <= m.head_start and m.head_end <= pred.end and m.head_start < m.head_end:
                best = max(best, m.head_end - m.head_start)
        else:
            best = max(best, _overlap(m.start, m.end, pred.start, pred.end))
    return best


def match_arguments(
    gold: GoldEvent,
    predicted: PredictedEvent,
    mapping: KairosMapping,
    *,
    classify: bool = False,
    head: bool = False,
) -> list[tuple[int, int]]:
    """One-to-one (gold argument, predicted argument) index pairs of a matched event pair."""
    candidates = []
    for g, ga in enumerate(gold.arguments):
        for p, pa in enumerate(predicted.arguments):
            fit = _argument_fit(ga, pa, head=head)
            if not fit:
                continue
            if classify and not mapping.role_matches(predicted.event_type, gold.event_type, pa.role, ga.role):
                continue
            candidates.append(((-fit, g, p), g, p))
    return _greedy(candidates)


# ------------------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class Scores:
    title: str
    documents: int
    trigger_identification: PRF
    trigger_classification: PRF
    argument_identification: PRF
    argument_classification: PRF
    argument_classification_head: PRF
    gold_events_in_scope: int
    gold_arguments_in_scope: int
    not_scored: tuple[tuple[str, int], ...] = ()  # predictions of unmapped classes, by class
    by_class: tuple[tuple[str, PRF], ...] = ()  # trigger classification per kgbuild class (gold: its prefixes)

    @property
    def event_precision(self) -> float:
        return self.trigger_classification.precision

    @property
    def argument_f1(self) -> float:
        return self.argument_classification.f1

    @property
    def trigger_classification_in_scope(self) -> PRF:
        t = self.trigger_classification
        return PRF(t.matched, self.gold_events_in_scope, t.predicted)

    @property
    def argument_classification_in_scope(self) -> PRF:
        a = self.argument_classification
        return PRF(a.matched, self.gold_arguments_in_scope, a.predicted)

    def format(self) -> str:
        not_scored = sum(n for _, n in self.not_scored)
        lines = [
            f"{self.title}: {self.documents} documents, {self.trigger_identification.gold} gold events "
            f"({self.gold_events_in_scope} of mapped types), {self.argument_identification.gold} gold arguments "
            f"({self.gold_arguments_in_scope} in mapped types)",
            f"  predicted: {self.trigger_identification.predicted} events, "
            f"{self.argument_identification.predicted} arguments"
            + (
                f"; not scored (no KAIROS type): {not_scored} ("
                + ", ".join(f"{cls} {n}" for cls, n in self.not_scored)
                + ")"
                if not_scored
                else ""
            ),
            f"{'':28}{'P':>6} {'R':>6} {'F1':>6}",
        ]
        rows = [
            ("trigger identification", self.trigger_identification),
            ("trigger classification", self.trigger_classification),
            ("argument identification", self.argument_identification),
            ("argument classification", self.argument_classification),
            ("argument class. (head)", self.argument_classification_head),
            ("in scope: trigger class.", self.trigger_classification_in_scope),
            ("in scope: argument class.", self.argument_classification_in_scope),
        ]
        for label, prf in rows:
            lines.append(f"{label:28}{prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}")
        p_ok = "met" if self.event_precision >= EVENT_PRECISION_TARGET else "not met"
        f_ok = "met" if self.argument_f1 >= ARGUMENT_F1_TARGET else "not met"
        lines.append(
            f"event precision {self.event_precision:.3f} (target >= {EVENT_PRECISION_TARGET:.2f}: {p_ok}); "
            f"argument F1 {self.argument_f1:.3f}, in scope {self.argument_classification_in_scope.f1:.3f} "
            f"(target >= {ARGUMENT_F1_TARGET:.2f}: {f_ok})"
        )
        if self.by_class:
            lines.append(
                "by class (correct/predicted, gold of its types): "
                + "; ".join(f"{cls} {prf.matched}/{prf.predicted} ({prf.gold})" for cls, prf in self.by_class)
            )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "documents": self.documents,
            "trigger_identification": self.trigger_identification.as_dict(),
            "trigger_classification": self.trigger_classification.as_dict(),
            "argument_identification": self.argument_identification.as_dict(),
            "argument_classification": self.argument_classification.as_dict(),
            "argument_classification_head": self.argument_classification_head.as_dict(),
            "in_scope": {
                "gold_events": self.gold_events_in_scope,
                "gold_arguments": self.gold_arguments_in_scope,
                "trigger_classification": self.trigger_classification_in_scope.as_dict(),
                "argument_classification": self.argument_classification_in_scope.as_dict(),
            },
            "event_precision": self.event_precision,
            "argument_f1": self.argument_f1,
            "targets": {
                "event_precision": EVENT_PRECISION_TARGET,
                "argument_f1": ARGUMENT_F1_TARGET,
                "met": self.event_precision >= EVENT_PRECISION_TARGET and self.argument_f1 >= ARGUMENT_F1_TARGET,
            },
            "not_scored": dict(self.not_scored),
            "by_class": {cls: prf.as_dict() for cls, prf in self.by_class},
        }


def _check_predictions(doc: Document, preds: Sequence[PredictedEvent]) -> None:
    n = len(doc.text)
    for pred in preds:
        if not 0 <= pred.trigger_start <= pred.trigger_end <= n:
            raise ValueError(f"{doc.id}: predicted trigger {pred.trigger_start}-{pred.trigger_end} is out of range")
        if pred.trigger_text is not None and doc.text[pred.trigger_start : pred.trigger_end] != pred.trigger_text:
            raise ValueError(
                f"{doc.id}: predicted trigger text does not match the document text at "
                f"{pred.trigger_start}-{pred.trigger_end} (was the article made with to_article()?): "
                f"{pred.trigger_text[:60]!r}"
            )
        for arg in pred.arguments:
            if not 0 <= arg.start <= arg.end <= n:
                raise ValueError(f"{doc.id}: predicted argument {arg.role} {arg.start}-{arg.end} is out of range")


def _split(
    preds: Iterable[PredictedEvent], mapping: KairosMapping
) -> tuple[list[PredictedEvent], list[PredictedEvent]]:
    scored, unscored = [], []
    for pred in preds:
        (scored if mapping.is_mapped(pred.event_type) else unscored).append(pred)
    return scored, unscored


def score(
    documents: Sequence[Document],
    predictions: Mapping[str, Sequence[PredictedEvent]],
    *,
    mapping: KairosMapping | None = None,
    title: str = "WikiEvents",
) -> Scores:
    """Score predictions (doc id -> events) against the documents' gold events.

    Predictions for ids not among ``documents`` are ignored; documents without predictions count with none;
    predictions of classes the mapping leaves unmapped are counted in :attr:`Scores.not_scored` only. Raises
    ``ValueError`` if a prediction's offsets (or its ``trigger_text``) do not fit the document text.
    """
    mapping = mapping or load_mapping()
    classes = list(dict.fromkeys([*KGBUILD_CLASSES, *mapping.classes]))
    c: Counter[str] = Counter()
    class_pred: Counter[str] = Counter()
    class_correct: Counter[str] = Counter()
    class_gold: Counter[str] = Counter()
    not_scored: Counter[str] = Counter()
    for doc in documents:
        all_preds = list(predictions.get(doc.id, ()))
        _check_predictions(doc, all_preds)
        preds, unscored = _split(all_preds, mapping)
        not_scored.update(p.event_type for p in unscored)
        gold = doc.events
        c["gold_events"] += len(gold)
        c["gold_arguments"] += sum(len(g.arguments) for g in gold)
        for g in gold:
            if mapping.in_scope(g.event_type):
                c["gold_events_in_scope"] += 1
                c["gold_arguments_in_scope"] += len(g.arguments)
            for cls in classes:
                if mapping.type_matches(cls, g.event_type):
                    class_gold[cls] += 1
        c["predicted_events"] += len(preds)
        c["predicted_arguments"] += sum(len(p.arguments) for p in preds)
        class_pred.update(p.event_type for p in preds)
        id_pairs = match_triggers(gold, preds, mapping)
        cls_pairs = match_triggers(gold, preds, mapping, classify=True)
        c["trigger_id"] += len(id_pairs)
        c["trigger_cls"] += len(cls_pairs)
        class_correct.update(preds[p].event_type for _, p in cls_pairs)
        for g, p in id_pairs:
            c["argument_id"] += len(match_arguments(gold[g], preds[p], mapping))
        for g, p in cls_pairs:
            c["argument_cls"] += len(match_arguments(gold[g], preds[p], mapping, classify=True))
            c["argument_cls_head"] += len(match_arguments(gold[g], preds[p], mapping, classify=True, head=True))
    events = (c["gold_events"], c["predicted_events"])
    arguments = (c["gold_arguments"], c["predicted_arguments"])
    by_class = tuple(
        (cls, PRF(class_correct[cls], class_gold[cls], class_pred[cls]))
        for cls in classes
        if mapping.is_mapped(cls)
    )
    return Scores(
        title=title,
        documents=len(documents),
        trigger_identification=PRF(c["trigger_id"], *events),
        trigger_classification=PRF(c["trigger_cls"], *events),
        argument_identification=PRF(c["argument_id"], *arguments),
        argument_classification=PRF(c["argument_cls"], *arguments),
        argument_classification_head=PRF(c["argument_cls_head"], *arguments),
        gold_events_in_scope=c["gold_events_in_scope"],
        gold_arguments_in_scope=c["gold_arguments_in_scope"],
        not_scored=tuple(sorted(not_scored.items())),
        by_class=by_class,
    )


# ------------------------------------------------------------------------------------------- errors


def _gold_argument_fields(arg: GoldArgument) -> dict[str, Any]:
    return {
        "role": arg.role,
        "entity_id": arg.entity_id,
        "text": arg.text,
        "mentions": [[m.start, m.end, m.text] for m in arg.mentions],
    }


def _pred_argument_fields(doc: Document, arg: PredictedArgument) -> dict[str, Any]:
    return {"role": arg.role, "span": [arg.start, arg.end], "text": doc.text[arg.start : arg.end]}


def error_records(
    documents: Sequence[Document],
    predictions: Mapping[str, Sequence[PredictedEvent]],
    *,
    mapping: KairosMapping | None = None,
) -> list[dict[str, Any]]:
    """Missed and false events, wrong types, missed and false arguments, wrong roles, as plain dicts."""
    mapping = mapping or load_mapping()
    records: list[dict[str, Any]] = []
    for doc in documents:
        preds, unscored = _split(predictions.get(doc.id, ()), mapping)
        gold = doc.events
        id_pairs = match_triggers(gold, preds, mapping)
        cls_pairs = match_triggers(gold, preds, mapping, classify=True)
        id_gold = {g for g, _ in id_pairs}
        id_pred = {p for _, p in id_pairs}
        cls_pred = {p for _, p in cls_pairs}

        def gold_fields(ge: GoldEvent) -> dict[str, Any]:
            return {
                "gold_id": ge.id,
                "gold_type": ge.event_type,
                "gold_trigger": [ge.trigger_start, ge.trigger_end],
                "gold_trigger_text": ge.trigger_text,
                "gold_arguments": [_gold_argument_fields(a) for a in ge.arguments],
            }

        def pred_fields(pe: PredictedEvent) -> dict[str, Any]:
            return {
                "predicted_type": pe.event_type,
                "mapped_prefixes": list(mapping.prefixes(pe.event_type)),
                "predicted_trigger": [pe.trigger_start, pe.trigger_end],
                "predicted_trigger_text": doc.text[pe.trigger_start : pe.trigger_end],
                "predicted_arguments": [_pred_argument_fields(doc, a) for a in pe.arguments],
                "confidence": pe.confidence,
                "status": pe.status,
            }

        for g, ge in enumerate(gold):
            if g not in id_gold:
                records.append({"type": "missed_event", "doc": doc.id, **gold_fields(ge)})
        for p, pe in enumerate(preds):
            if p not in id_pred:
                records.append({"type": "false_alarm", "doc": doc.id, **pred_fields(pe)})
        for g, p in id_pairs:
            if p not in cls_pred and not mapping.type_matches(preds[p].event_type, gold[g].event_type):
                records.append({"type": "wrong_type", "doc": doc.id, **gold_fields(gold[g]), **pred_fields(preds[p])})
        for g, p in cls_pairs:
            ge, pe = gold[g], preds[p]
            event = {"doc": doc.id, "gold_id": ge.id, "gold_type": ge.event_type, "predicted_type": pe.event_type,
                     "gold_trigger_text": ge.trigger_text}
            found = match_arguments(ge, pe, mapping)
            classified = set(match_arguments(ge, pe, mapping, classify=True))
            found_gold = {a for a, _ in found}
            found_pred = {b for _, b in found}
            for a, arg in enumerate(ge.arguments):
                if a not in found_gold:
                    records.append({"type": "missed_argument", **event, "gold_argument": _gold_argument_fields(arg)})
            for b, arg in enumerate(pe.arguments):
                if b not in found_pred:
                    records.append(
                        {"type": "false_argument", **event, "predicted_argument": _pred_argument_fields(doc, arg)}
                    )
            classified_gold = {a for a, _ in classified}
            classified_pred = {b for _, b in classified}
            for a, b in found:
                if a in classified_gold or b in classified_pred:
                    continue
                pa = pe.arguments[b]
                records.append(
                    {
                        "type": "wrong_role",
                        **event,
                        "gold_argument": _gold_argument_fields(ge.arguments[a]),
                        "predicted_argument": _pred_argument_fields(doc, pa),
                        "mapped_roles": sorted(mapping.roles(pe.event_type, ge.event_type, pa.role)),
                    }
                )
        for pe in unscored:
            records.append({"type": "not_scored", "doc": doc.id, **pred_fields(pe)})
    return records


def write_errors(
    path: str | Path,
    documents: Sequence[Document],
    predictions: Mapping[str, Sequence[PredictedEvent]],
    *,
    mapping: KairosMapping | None = None,
) -> dict[str, int]:
    """Write one JSON object per line for each error (see :func:`error_records`); return counts by type.

    ``type`` is ``missed_event`` (gold event whose trigger no prediction overlaps), ``false_alarm`` (scored
    prediction overlapping no gold trigger), ``wrong_type`` (triggers overlap, the gold type is not mapped from
    the predicted class), and within type-matched pairs ``missed_argument`` (gold argument no predicted argument
    hits), ``false_argument`` (predicted argument hitting no gold argument's cluster) and ``wrong_role`` (hits
    the cluster, role not mapped); ``not_scored`` lists predictions of classes without a KAIROS counterpart.
    """
    return write_records(path, error_records(documents, predictions, mapping=mapping))
