"""Score extracted statements (who said what) against PolNeAR gold attributions.

PolNeAR (github.com/networkdynamics/PolNeAR) marks every attribution in political news articles: a
``Source`` (who), a ``Cue`` (said, according to, ...) and a ``Content`` (what), as brat standoff files.
A split folder (``.../polnear/dev``) holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann``;
``metadata.tsv`` sits next to or one level above it. Nothing here imports spaCy or rdflib: only
:func:`predictions_from_facts` knows about kgbuild's facts.

Reading (:func:`load_corpus`)
    Texts are decoded from UTF-8 bytes exactly as stored (no newline translation), so brat offsets are
    Python ``str`` indices. Each ``E`` line becomes one :class:`GoldAttribution`; the roles ``Content``
    and ``Content2`` both give content spans, discontinuous spans (``a b;c d``) are kept as several
    ``(start, end)`` pairs sorted by start. ``E`` lines without any content span (one in dev) are skipped;
    ``T`` lines not tied by an ``E`` line (``Discard``, ``Discuss``) are ignored.

One annotator per article
    Some articles were annotated by several annotators (one ``.ann`` file each). All their attributions
    are loaded (:attr:`Document.attributions`), but scoring uses only the first annotator in sorted order
    (:attr:`Document.annotator`, :attr:`Document.gold`), so that each article counts once and the choice
    is reproducible.

Quotation marks (:func:`has_quote_marks`)
    A content "contains quotation marks" (a direct or mixed quote) if it contains a double quotation mark
    (``" “ ” « » „ ‟``), a doubled apostrophe ``''`` (the New York Times texts use it for ``"``), or a
    single quotation mark used as one: ``'`` or ``‘`` opening a word at the start of the span or after
    whitespace or an opening bracket/quote/dash, or ``'`` / ``’`` closing right after ``. , ! ?``.
    Apostrophes inside or after words (``don't``, ``Clinton’s``, ``voters'``) are not quotation marks.

Matching (:func:`score`)
    Tokens are ``\\w+`` matches over the whole article text, identified by their ``(start, end)``; a span's
    token set is the tokens overlapping any of its character ranges. Per article, every (gold, predicted)
    pair with content Dice ``2|G∩P| / (|G|+|P|) >= 0.5`` is a candidate; pairs are taken greedily, highest
    Dice first (ties: earlier gold, then earlier prediction), each gold and each prediction at most once.
    Exact matching is a separate one-to-one greedy matching that only admits pairs whose normalised spans
    are equal: a span is normalised by taking its outer extent (first start, last end, so a gold content
    interrupted by ``he said`` counts by its ends) and then moving both ends inwards past whitespace and
    punctuation (Unicode categories ``P*``, which include every quotation mark) and the symbols ``` ` ´ ```.
    Precision = matched / predicted, recall = matched / gold, F1 their harmonic mean (0 when undefined).

Speaker accuracy
    Over overlap-matched pairs whose gold source is named: the source exists and has at least one name
    token, i.e. a lowercased ``\\w+`` token (initialisms joined first: "U.N." gives "un") of two or more
    characters with a letter that is neither in :data:`PRONOUNS` (he, she, they, who, which, his, ...) nor
    in :data:`STOPWORDS` (the, of, a, ..., and honorifics such as mr, mrs, sen, gen, whose sharing proves
    nothing). Sources made only of pronouns and such words ("he", "who", "some of them") are excluded. A
    pair is correct if any gold name token appears among the name tokens (same tokenisation, unfiltered)
    of the predicted ``speaker_text``, ``speaker_label`` or any alias (so a predicted "he" resolved to
    the actor "Donald Trump" is right for the gold source "Trump").

Direct quotes
    The same numbers for the subset: gold attributions with :attr:`GoldAttribution.has_quote_marks`
    against predictions of kind ``"direct"`` or ``"mixed"``, matched among themselves.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import write_records

if TYPE_CHECKING:
    from kgbuild.facts import ArticleFacts

__all__ = [
    "DICE_THRESHOLD",
    "PRONOUNS",
    "STOPWORDS",
    "Document",
    "GoldAttribution",
    "MatchedPair",
    "PRF",
    "PredictedStatement",
    "Scores",
    "SpeakerAccuracy",
    "dice",
    "exact_key",
    "has_quote_marks",
    "load_corpus",
    "match",
    "name_tokens",
    "predictions_from_facts",
    "score",
    "span_tokens",
    "tokenize",
    "write_errors",
]

DICE_THRESHOLD = 0.5

PRONOUNS = frozenset(
    """
    i me my mine myself we us our ours ourselves you your yours yourself yourselves
    he him his himself she her hers herself it its itself they them their theirs themselves
    who whom whose which that this these those what whoever whichever
    one ones oneself someone somebody something anyone anybody anything everyone everybody everything
    nobody none noone nothing some many others other another both each either neither all most few several
    """.split()
)

STOPWORDS = frozenset(
    """
    the a an of and or but nor for to in on at by from with as into about than then also
    is are was were be been being has have had do does did not no so too very
    s t ll re ve d
    mr mrs ms miss dr sen rep gov lt gen col sgt capt maj adm cmdr rev sir jr sr
    """.split()
)

DOUBLE_QUOTES = "\"“”«»„‟"
_QUOTE_RE = re.compile(
    "[" + DOUBLE_QUOTES + "]"
    r"|''"
    r"|(?:^|(?<=[\s(\[{\"“«„—–-]))['‘](?=\w)"
    r"|(?<=[.,!?])['’](?!\w)"
)
_WORD_RE = re.compile(r"\w+")
_INITIALISM_RE = re.compile(r"\b(?:\w\.){2,}")
_EXTRA_STRIP = set("`´")


# --------------------------------------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution (an ``E`` line): spans are ``(start, end)`` pairs sorted by start."""

    doc: str
    annotator: str
    id: str
    content_spans: tuple[tuple[int, int], ...]
    source_spans: tuple[tuple[int, int], ...] = ()
    cue_spans: tuple[tuple[int, int], ...] = ()
    content_text: str = ""  # fragments joined by a space, as brat writes them
    source_text: str | None = None
    cue_text: str | None = None
    has_quote_marks: bool = False

    @property
    def has_source(self) -> bool:
        return bool(self.source_spans)


@dataclass(frozen=True)
class Document:
    """One article of a split with its gold attributions (all annotators; :attr:`gold` is the scored one)."""

    name: str
    text: str
    published: datetime.date | None = None
    publisher: str | None = None
    title: str | None = None
    split: str | None = None
    annotator: str | None = None  # the annotator whose attributions are scored
    annotators: tuple[str, ...] = ()
    attributions: tuple[GoldAttribution, ...] = field(default=(), repr=False)

    @property
    def gold(self) -> tuple[GoldAttribution, ...]:
        return tuple(a for a in self.attributions if a.annotator == self.annotator)


@dataclass(frozen=True)
class PredictedStatement:
    """A system statement in scoring terms: content offsets into the article text and who said it."""

    content_start: int
    content_end: int
    speaker_text: str | None = None  # the source as written in the article
    speaker_label: str | None = None  # the resolved actor's label
    speaker_aliases: tuple[str, ...] = ()
    kind: str = "indirect"  # "direct", "mixed" or "indirect"
    content_text: str | None = None  # if given, checked against the article text
    continuations: tuple[tuple[int, int], ...] = ()  # later parts of the same quote ("...," he said, "...")

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return ((self.content_start, self.content_end), *self.continuations)


# ------------------------------------------------------------------------------------------ reading


def has_quote_marks(text: str) -> bool:
    """True if ``text`` contains quotation marks (see the module docstring for the definition)."""
    return _QUOTE_RE.search(text) is not None


def _parse_spans(offsets: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for part in offsets.split(";"):
        start, end = part.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def _join(text: str, spans: Sequence[tuple[int, int]]) -> str:
    return " ".join(text[start:end] for start, end in spans)


def _read_ann(path: Path, doc: str, annotator: str, text: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        # an annotation's text may run over a line break: its continuation ("The number ...") is no T line
        if re.match(r"T\d+\t", line):
            try:
                label, offsets = fields[1].split(" ", 1)
                spans[fields[0]] = (label, _parse_spans(offsets))
            except (IndexError, ValueError) as exc:
                raise ValueError(f"{path}:{line_no}: bad brat span line {line!r}") from exc
        elif re.match(r"E\d+\t", line):
            roles = [tuple(arg.split(":", 1)) for arg in fields[1].split() if ":" in arg]
            events.append((fields[0], roles))  # type: ignore[arg-type]
    out = []
    for event_id, roles in events:
        parts: dict[str, list[tuple[int, int]]] = {"Content": [], "Source": [], "Cue": []}
        for role, ref in roles:  # the trigger role (Attribution, Attribution-no-source) is not in parts
            base = role.rstrip("0123456789")
            if base in parts and ref in spans:
                parts[base].extend(spans[ref][1])
        content = tuple(sorted(set(parts["Content"])))
        if not content:
            continue
        source = tuple(sorted(set(parts["Source"])))
        cue = tuple(sorted(set(parts["Cue"])))
        content_text = _join(text, content)
        out.append(
            GoldAttribution(
                doc=doc,
                annotator=annotator,
                id=event_id,
                content_spans=content,
                source_spans=source,
                cue_spans=cue,
                content_text=content_text,
                source_text=_join(text, source) if source else None,
                cue_text=_join(text, cue) if cue else None,
                has_quote_marks=has_quote_marks(content_text),
            )
        )
    return out


def _read_metadata(folder: Path) -> dict[str, dict[str, str]]:
    for candidate in (folder / "metadata.tsv", folder.parent / "metadata.tsv"):
        if candidate.is_file():
            break
    else:
        return {}
    rows: dict[str, dict[str, str]] = {}
    with candidate.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = row.get("filename")
            if not name:
                continue
            # The same article may be listed under several compartments; prefer this split's row.
            if name not in rows or row.get("compartment") == folder.name:
                rows[name] = row
    return rows


def _date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    return value if value and value != "None" else None


def load_corpus(folder: str | Path) -> list[Document]:
    """Read a PolNeAR split folder (``text/`` and ``attributions/``) into documents sorted by name."""
    folder = Path(folder)
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir():
        raise FileNotFoundError(f"no text/ folder in {folder}")
    texts = {path.stem: path.read_bytes().decode("utf-8") for path in sorted(text_dir.glob("*.txt"))}
    found: dict[str, list[GoldAttribution]] = {name: [] for name in texts}
    annotators: dict[str, set[str]] = {name: set() for name in texts}
    if ann_dir.is_dir():
        for path in sorted(ann_dir.glob("*.ann")):
            doc, _, annotator = path.stem.rpartition("_")
            if doc not in texts:
                raise ValueError(f"{path}: no text file {doc}.txt for this annotation")
            annotators[doc].add(annotator)
            found[doc].extend(_read_ann(path, doc, annotator, texts[doc]))
    metadata = _read_metadata(folder)
    documents = []
    for name, text in texts.items():
        meta = metadata.get(name, {})
        names = tuple(sorted(annotators[name]))
        documents.append(
            Document(
                name=name,
                text=text,
                published=_date(meta.get("publication_date")),
                publisher=_clean(meta.get("publisher")),
                title=_clean(meta.get("title")),
                split=folder.name,
                annotator=names[0] if names else None,
                annotators=names,
                attributions=tuple(found[name]),
            )
        )
    return documents


def predictions_from_facts(facts: ArticleFacts) -> list[PredictedStatement]:
    """Turn kgbuild's statements into :class:`PredictedStatement` (speaker label/aliases from its Actor).

    A quote that goes on after its attribution is one statement in two parts (``Statement.continues``),
    as PolNeAR annotates it: the parts are scored as one prediction with several spans.
    """
    actors = {actor.key: actor for actor in facts.actors}
    continuations: dict[int, list[tuple[int, int]]] = {}
    for statement in facts.statements:
        if statement.continues is not None:
            head = statement.continues
            while facts.statements[head].continues is not None:
                head = facts.statements[head].continues
            continuations.setdefault(head, []).append((statement.content.start, statement.content.end))
    out = []
    for number, statement in enumerate(facts.statements):
        if statement.continues is not None:
            continue
        actor = actors.get(statement.speaker)
        out.append(
            PredictedStatement(
                content_start=statement.content.start,
                content_end=statement.content.end,
                speaker_text=statement.speaker_span.text if statement.speaker_span else None,
                speaker_label=actor.label if actor else None,
                speaker_aliases=tuple(actor.aliases) if actor else (),
                kind=statement.kind,
                content_text=statement.content.text,
                continuations=tuple(continuations.get(number, ())),
            )
        )
    return out


# ----------------------------------------------------------------------------------------- matching


def tokenize(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every ``\\w+`` token of ``text``, in order."""
    return [m.span() for m in _WORD_RE.finditer(text)]


def span_tokens(tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int]]) -> frozenset[tuple[int, int]]:
    """The tokens (from :func:`tokenize`, sorted) that overlap any of the character ranges ``spans``."""
    ends = [end for _, end in tokens]
    out = set()
    for start, end in spans:
        i = bisect.bisect_right(ends, start)  # first token ending after start
        while i < len(tokens) and tokens[i][0] < end:
            out.add(tokens[i])
            i += 1
    return frozenset(out)


def dice(a: frozenset | set, b: frozenset | set) -> float:
    """Dice coefficient of two token sets (0 if both are empty)."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


def _strippable(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P") or char in _EXTRA_STRIP


def exact_key(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The normalised ``(start, end)`` of a span: outer extent, then whitespace/punctuation trimmed."""
    start = max(0, min(s for s, _ in spans))
    end = min(len(text), max(e for _, e in spans))
    while start < end and _strippable(text[start]):
        start += 1
    while end > start and _strippable(text[end - 1]):
        end -= 1
    return (start, end)


@dataclass(frozen=True)
class MatchedPair:
    gold: int  # index into the gold list
    predicted: int  # index into the predictions list
    dice: float


def _greedy(candidates: list[MatchedPair]) -> list[MatchedPair]:
    candidates.sort(key=lambda p: (-p.dice, p.gold, p.predicted))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    out = []
    for pair in candidates:
        if pair.gold in used_gold or pair.predicted in used_pred:
            continue
        used_gold.add(pair.gold)
        used_pred.add(pair.predicted)
        out.append(pair)
    return sorted(out, key=lambda p: p.gold)


def match(
    text: str,
    gold: Sequence[GoldAttribution],
    predicted: Sequence[PredictedStatement],
    *,
    exact: bool = False,
    tokens: Sequence[tuple[int, int]] | None = None,
) -> list[MatchedPair]:
    """One-to-one greedy matching of predictions to gold in one article (by Dice, or exact spans)."""
    tokens = tokenize(text) if tokens is None else tokens
    gold_sets = [span_tokens(tokens, g.content_spans) for g in gold]
    pred_sets = [span_tokens(tokens, p.spans) for p in predicted]
    gold_keys = [exact_key(text, g.content_spans) for g in gold] if exact else []
    pred_keys = [exact_key(text, p.spans) for p in predicted] if exact else []
    candidates = []
    for i, g_set in enumerate(gold_sets):
        for j, p_set in enumerate(pred_sets):
            if exact:
                if gold_keys[i] != pred_keys[j] or gold_keys[i][0] >= gold_keys[i][1]:
                    continue
            d = dice(g_set, p_set)
            if exact or d >= DICE_THRESHOLD:
                candidates.append(MatchedPair(i, j, d))
    return _greedy(candidates)


def _name_words(text: str) -> list[str]:
    """Lowercased ``\\w+`` tokens, with initialisms joined first ("U.N." -> "un", "S.E.C." -> "sec")."""
    text = _INITIALISM_RE.sub(lambda m: m.group().replace(".", ""), text)
    return [m.group().lower() for m in _WORD_RE.finditer(text)]


def name_tokens(text: str | None) -> frozenset[str]:
    """Lowercased tokens of a gold source that can identify it: no pronouns, stopwords or honorifics."""
    if not text:
        return frozenset()
    return frozenset(
        tok
        for tok in _name_words(text)
        if len(tok) >= 2 and any(c.isalpha() for c in tok) and tok not in PRONOUNS and tok not in STOPWORDS
    )


def _speaker_tokens(pred: PredictedStatement) -> frozenset[str]:
    texts = [pred.speaker_text or "", pred.speaker_label or "", *pred.speaker_aliases]
    return frozenset(tok for t in texts for tok in _name_words(t))


def speaker_correct(gold: GoldAttribution, pred: PredictedStatement) -> bool | None:
    """True/False for a named gold source, None if the gold source is absent or only a pronoun."""
    names = name_tokens(gold.source_text)
    if not gold.has_source or not names:
        return None
    return bool(names & _speaker_tokens(pred))


# ------------------------------------------------------------------------------------------ scoring


@dataclass(frozen=True)
class PRF:
    matched: int
    gold: int
    predicted: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class SpeakerAccuracy:
    correct: int
    total: int  # overlap-matched pairs with a named (non-pronoun) gold source
    matched: int  # all overlap-matched pairs

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total, "matched": self.matched, "accuracy": self.accuracy}


@dataclass(frozen=True)
class Scores:
    title: str
    documents: int
    overlap: PRF
    exact: PRF
    speaker: SpeakerAccuracy
    direct_overlap: PRF
    direct_exact: PRF
    direct_speaker: SpeakerAccuracy

    def format(self) -> str:
        rows = [
            ("all (overlap)", self.overlap),
            ("all (exact)", self.exact),
            ("direct (overlap)", self.direct_overlap),
            ("direct (exact)", self.direct_exact),
        ]
        lines = [
            f"{self.title}: {self.documents} articles, {self.overlap.gold} gold attributions, "
            f"{self.overlap.predicted} predicted",
            f"  (direct quotes: {self.direct_overlap.gold} gold with quotation marks, "
            f"{self.direct_overlap.predicted} predicted direct)",
            f"{'':18}{'P':>6} {'R':>6} {'F1':>6}",
        ]
        for label, prf in rows:
            lines.append(f"{label:18}{prf.precision:6.3f} {prf.recall:6.3f} {prf.f1:6.3f}")
        for label, acc in (("speaker accuracy", self.speaker), ("direct speaker", self.direct_speaker)):
            lines.append(
                f"{label:18}{acc.accuracy:.2f} ({acc.correct}/{acc.total} matched, non-pronoun gold source; "
                f"{acc.matched} matched in all)"
            )
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "documents": self.documents,
            "all": {
                "overlap": self.overlap.as_dict(),
                "exact": self.exact.as_dict(),
                "speaker": self.speaker.as_dict(),
            },
            "direct": {
                "overlap": self.direct_overlap.as_dict(),
                "exact": self.direct_exact.as_dict(),
                "speaker": self.direct_speaker.as_dict(),
            },
        }


@dataclass
class _Tally:
    gold: int = 0
    predicted: int = 0
    overlap: int = 0
    exact: int = 0
    speaker_correct: int = 0
    speaker_total: int = 0

    def add(self, text: str, gold: Sequence[GoldAttribution], preds: Sequence[PredictedStatement], tokens) -> None:
        self.gold += len(gold)
        self.predicted += len(preds)
        pairs = match(text, gold, preds, tokens=tokens)
        self.overlap += len(pairs)
        self.exact += len(match(text, gold, preds, exact=True, tokens=tokens))
        for pair in pairs:
            verdict = speaker_correct(gold[pair.gold], preds[pair.predicted])
            if verdict is not None:
                self.speaker_total += 1
                self.speaker_correct += verdict

    def blocks(self) -> tuple[PRF, PRF, SpeakerAccuracy]:
        return (
            PRF(self.overlap, self.gold, self.predicted),
            PRF(self.exact, self.gold, self.predicted),
            SpeakerAccuracy(self.speaker_correct, self.speaker_total, self.overlap),
        )


def _check_predictions(doc: Document, preds: Sequence[PredictedStatement]) -> None:
    for pred in preds:
        if not 0 <= pred.content_start <= pred.content_end <= len(doc.text):
            raise ValueError(f"{doc.name}: predicted content {pred.content_start}-{pred.content_end} is out of range")
        if pred.content_text is not None and doc.text[pred.content_start : pred.content_end] != pred.content_text:
            raise ValueError(
                f"{doc.name}: predicted content text does not match the article text at "
                f"{pred.content_start}-{pred.content_end} (was the article read exactly as stored?): "
                f"{pred.content_text[:60]!r}"
            )


def _is_direct(pred: PredictedStatement) -> bool:
    """PolNeAR counts any content with quotation marks as a quote, partial quotes included."""
    return pred.kind in ("direct", "mixed")


def score(
    documents: Sequence[Document],
    predictions: Mapping[str, Sequence[PredictedStatement]],
    *,
    title: str | None = None,
) -> Scores:
    """Score predictions (doc name -> statements) against the documents' gold attributions.

    Predictions for names not among ``documents`` are ignored; documents without predictions count with
    none. Raises ``ValueError`` if a prediction's offsets (or its ``content_text``) do not fit the text.
    """
    if title is None:
        splits = {doc.split for doc in documents}
        title = f"PolNeAR {splits.pop()}" if len(splits) == 1 and None not in splits else "PolNeAR"
    everything, direct = _Tally(), _Tally()
    for doc in documents:
        preds = list(predictions.get(doc.name, ()))
        _check_predictions(doc, preds)
        tokens = tokenize(doc.text)
        gold = doc.gold
        everything.add(doc.text, gold, preds, tokens)
        direct.add(doc.text, [g for g in gold if g.has_quote_marks], [p for p in preds if _is_direct(p)], tokens)
    overlap, exact, speaker = everything.blocks()
    d_overlap, d_exact, d_speaker = direct.blocks()
    return Scores(title, len(documents), overlap, exact, speaker, d_overlap, d_exact, d_speaker)


def _pred_text(doc: Document, pred: PredictedStatement) -> str:
    return doc.text[pred.content_start : pred.content_end]


def error_records(
    documents: Sequence[Document], predictions: Mapping[str, Sequence[PredictedStatement]]
) -> list[dict[str, Any]]:
    """Misses, false alarms, wrong speakers and overlap-but-not-exact boundaries, as plain dicts."""
    records: list[dict[str, Any]] = []
    for doc in documents:
        preds = list(predictions.get(doc.name, ()))
        gold = doc.gold
        tokens = tokenize(doc.text)
        pairs = match(doc.text, gold, preds, tokens=tokens)
        exact_pairs = {(p.gold, p.predicted) for p in match(doc.text, gold, preds, exact=True, tokens=tokens)}
        exact_gold = {g for g, _ in exact_pairs}
        matched_gold = {p.gold for p in pairs}
        matched_pred = {p.predicted for p in pairs}

        def gold_fields(g: GoldAttribution) -> dict[str, Any]:
            return {
                "gold_id": g.id,
                "gold_spans": [list(s) for s in g.content_spans],
                "content": g.content_text,
                "source": g.source_text,
                "quote_marks": g.has_quote_marks,
            }

        def pred_fields(p: PredictedStatement) -> dict[str, Any]:
            return {
                "predicted_span": [p.content_start, p.content_end],
                "predicted_content": _pred_text(doc, p),
                "speaker": p.speaker_text,
                "speaker_label": p.speaker_label,
                "kind": p.kind,
            }

        for i, g in enumerate(gold):
            if i not in matched_gold:
                records.append({"type": "miss", "doc": doc.name, **gold_fields(g)})
        for j, p in enumerate(preds):
            if j not in matched_pred:
                records.append({"type": "false_alarm", "doc": doc.name, **pred_fields(p)})
        for pair in pairs:
            g, p = gold[pair.gold], preds[pair.predicted]
            both = {"doc": doc.name, "dice": round(pair.dice, 3), **gold_fields(g), **pred_fields(p)}
            if speaker_correct(g, p) is False:
                records.append({"type": "wrong_speaker", **both})
            if pair.gold not in exact_gold:
                records.append({"type": "boundary", **both})
    return records


def write_errors(
    path: str | Path,
    documents: Sequence[Document],
    predictions: Mapping[str, Sequence[PredictedStatement]],
) -> dict[str, int]:
    """Write one JSON object per line for each error (see :func:`error_records`); return counts by type.

    ``type`` is ``miss`` (gold not overlap-matched: content, source), ``false_alarm`` (prediction not
    matched: predicted content, speaker), ``wrong_speaker`` (overlap-matched, named gold source not shared
    by the predicted speaker) or ``boundary`` (overlap-matched but not an exact-span match).
    """
    return write_records(path, error_records(documents, predictions))
