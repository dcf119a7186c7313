"""The WikiEvents scorer, on tiny synthetic records written here (never on copied WikiEvents data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kgbuild.evaluation.wikievents import (
    KGBUILD_CLASSES,
    KGBUILD_ROLES,
    MAPPING_PATH,
    Document,
    PredictedArgument,
    PredictedEvent,
    align_tokens,
    error_records,
    load_corpus,
    load_mapping,
    predictions_from_facts,
    score,
    to_article,
    write_errors,
)
from kgbuild.facts import Actor, Article, ArticleFacts, Event, TextSpan

REAL_DEV = Path(__file__).resolve().parents[1].parent / "shared/eval/wikievents/dev.jsonl"

# Two sentences glued together without a space, as the WikiEvents texts are ("...Monday.The militants...").
S0 = ["Rebels", "attacked", "Kobani", "on", "Monday", "."]
S1 = ["The", "militants", "later", "met", "officials", "in", "Damascus", "."]
TEXT = "Rebels attacked Kobani on Monday.The militants later met officials in Damascus."


def at(needle: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(needle, start)
    return i, i + len(needle)


def sentence_entry(tokens: list[str], text: str, offset: int) -> list:
    """A ``sentences`` entry with per-token offsets into the *original* text (sentences one space apart)."""
    entries, pos = [], offset
    for token in tokens:
        pos = text.index(token, pos)
        entries.append([token, pos, pos + len(token)])
        pos += len(token)
    return [entries, text]


def record() -> dict:
    s0, s1 = "Rebels attacked Kobani on Monday.", "The militants later met officials in Damascus."
    original = s0 + " " + s1  # the sentence offsets index this, not TEXT: they drift by one in sentence 1
    return {
        "doc_id": "doc1",
        "tokens": S0 + S1,
        "text": TEXT,
        "sentences": [sentence_entry(S0, original, 0), sentence_entry(S1, original, len(s0) + 1)],
        "entity_mentions": [
            {"id": "doc1-T1", "sent_idx": 0, "start": 0, "end": 1, "entity_type": "ORG", "text": "Rebels"},
            {"id": "doc1-T2", "sent_idx": 0, "start": 2, "end": 3, "entity_type": "GPE", "text": "Kobani"},
            {"id": "doc1-T3", "sent_idx": 1, "start": 6, "end": 8, "entity_type": "ORG", "text": "The militants"},
            {"id": "doc1-T4", "sent_idx": 1, "start": 10, "end": 11, "entity_type": "PER", "text": "officials"},
            {"id": "doc1-T5", "sent_idx": 1, "start": 12, "end": 13, "entity_type": "GPE", "text": "Damascus"},
        ],
        "relation_mentions": [],
        "event_mentions": [
            {
                "id": "doc1-E1",
                "event_type": "Conflict.Attack.Unspecified",
                "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
                "arguments": [
                    {"entity_id": "doc1-T1", "role": "Attacker", "text": "Rebels"},
                    {"entity_id": "doc1-T2", "role": "Target", "text": "Kobani"},
                ],
            },
            {
                "id": "doc1-E2",
                "event_type": "Contact.Contact.Meet",
                "trigger": {"start": 9, "end": 10, "text": "met", "sent_idx": 1},
                "arguments": [
                    {"entity_id": "doc1-T3", "role": "Participant", "text": "The militants"},
                    {"entity_id": "doc1-T4", "role": "Participant", "text": "officials"},
                    {"entity_id": "doc1-T5", "role": "Place", "text": "Damascus"},
                    # same cluster (T1 ~ T3) in the same role: a duplicate, dropped
                    {"entity_id": "doc1-T1", "role": "Participant", "text": "Rebels"},
                ],
            },
        ],
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "wikievents" / "dev.jsonl"
    path.parent.mkdir()
    path.write_text(json.dumps(record()) + "\n", encoding="utf-8")
    coref = {"doc_key": "doc1", "clusters": [["doc1-T3", "doc1-T1"]]}
    (path.parent / "dev.coref.jsonlines").write_text(json.dumps(coref) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def doc(corpus: Path) -> Document:
    (document,) = load_corpus(corpus)
    return document


def arg(role: str, needle: str, start: int = 0) -> PredictedArgument:
    return PredictedArgument(role, *at(needle, start))


def event(event_type: str, trigger: str, *arguments: PredictedArgument, start: int = 0) -> PredictedEvent:
    s, e = at(trigger, start)
    return PredictedEvent(event_type, s, e, arguments, trigger_text=trigger)


def scenario() -> list[PredictedEvent]:
    """Two right events (one false and one wrong-role argument among them), a false alarm, an unscored class."""
    return [
        # E1: "militants" hits T1's cluster (Attacker), Kobani is the Target, Monday is nobody's
        event("Attack", "attacked", arg("agents", "militants"), arg("targets", "Kobani"), arg("places", "Monday")),
        # E2: officials are a Participant; Rebels hit T3's cluster, but places -> Place, gold role Participant
        event("Talks", "met", arg("participants", "officials"), arg("places", "Rebels")),
        # no gold event at "Monday"
        event("Attack", "Monday", arg("agents", "Rebels")),
        # no KAIROS type for sanctions: not scored at all
        event("Sanctions", "later", arg("agents", "militants")),
    ]


# ------------------------------------------------------------------------------------------ reading


def test_evaluation_wikievents_load_corpus_aligns_glued_text(doc: Document) -> None:
    assert doc.id == "doc1" and doc.text == TEXT
    assert doc.alignment_issues == 0
    # the stored sentence offsets would put "The" at 34; in the glued text it starts at 33
    assert doc.token_spans[6] == at("The") == (33, 36)
    assert doc.sentences == ((0, 33), (33, 79))
    e1, e2 = doc.events
    assert (e1.trigger_start, e1.trigger_end, e1.trigger_text) == (*at("attacked"), "attacked")
    assert e2.trigger_text == "met" and e2.event_type == "Contact.Contact.Meet"
    militants = doc.entity("doc1-T3")
    assert (militants.start, militants.end, militants.text) == (*at("The militants"), "The militants")
    assert (militants.head_start, militants.head_end) == at("militants")


def test_evaluation_wikievents_load_corpus_resolves_coreference(doc: Document) -> None:
    e1, e2 = doc.events
    attacker = e1.arguments[0]
    assert attacker.role == "Attacker" and attacker.entity_id == "doc1-T1"
    assert [m.text for m in attacker.mentions] == ["Rebels", "The militants"]  # the cluster, by position
    assert [m.text for m in e1.arguments[1].mentions] == ["Kobani"]  # in no cluster: a singleton
    assert [(a.role, a.text) for a in e2.arguments] == [
        ("Participant", "The militants"),
        ("Participant", "officials"),
        ("Place", "Damascus"),
    ]
    assert doc.duplicate_arguments == 1 and doc.unresolved_arguments == 0
    assert doc.cluster_of("doc1-T1") == ("doc1-T3", "doc1-T1") and doc.cluster_of("doc1-T2") == ("doc1-T2",)


def test_evaluation_wikievents_load_corpus_without_coref_file(corpus: Path) -> None:
    (corpus.parent / "dev.coref.jsonlines").unlink()
    (doc,) = load_corpus(corpus)
    assert [m.text for m in doc.events[0].arguments[0].mentions] == ["Rebels"]
    assert doc.duplicate_arguments == 0  # T1 and T3 are different entities now


def test_evaluation_wikievents_load_corpus_sentence_break(corpus: Path) -> None:
    (doc,) = load_corpus(corpus, sentence_break="\n")
    assert doc.text == TEXT.replace(".The", ".\nThe")
    assert doc.sentences == ((0, 33), (34, 80))
    assert doc.events[1].trigger_text == "met"
    for mention in doc.entities:
        assert doc.text[mention.start : mention.end] == mention.text
        assert mention.start <= mention.head_start < mention.head_end <= mention.end
    for start, end in doc.token_spans:
        assert "\n" not in doc.text[start:end]


def test_evaluation_wikievents_load_corpus_reports_bad_lines(tmp_path: Path) -> None:
    bad = record()
    bad["event_mentions"][0]["trigger"]["end"] = 99
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="dev.jsonl:1"):
        load_corpus(path)


def test_evaluation_wikievents_align_tokens_normalises_and_counts_issues() -> None:
    text = "He said “no” (twice) in New York.Done"
    tokens = ["He", "said", "``", "no", "''", "-LRB-", "twice", "-RRB-", "in", "New York", ".", "Done"]
    spans, issues = align_tokens(text, tokens)
    assert issues == 0
    expected = ["He", "said", "“", "no", "”", "(", "twice", ")", "in", "New York", ".", "Done"]
    assert [text[s:e] for s, e in spans] == expected
    # "U.S." as "U. S." in the text; a token absent from the text gets a zero-width span and counts as an issue
    spans, issues = align_tokens("the U. S. army", ["the", "U.S.", "missing", "army"])
    assert spans[1] == (4, 9) and spans[2] == (10, 10) and spans[3] == (10, 14)
    assert issues == 1
    # a token found only after skipping other text is an issue too
    spans, issues = align_tokens("a x b", ["a", "b"])
    assert spans == [(0, 1), (4, 5)] and issues == 1


def test_evaluation_wikievents_to_article(doc: Document) -> None:
    article = to_article(doc)
    assert isinstance(article, Article) and article.id == "doc1" and article.text == TEXT


# ------------------------------------------------------------------------------------------ mapping


KAIROS_ROLES = {  # the WikiEvents KAIROS roles of the types the table uses
    "Conflict.Attack": {"Attacker", "Target", "Instrument", "ExplosiveDevice", "Place"},
    "Contact.Contact.Meet": {"Participant", "Topic", "Place"},
    "Contact.Contact.Correspondence": {"Participant", "Instrument", "Topic", "Place"},
    "Contact.Contact.Unspecified": {"Participant", "Topic", "Place"},
    "Contact.Contact.Broadcast": {"Communicator", "Recipient", "Instrument", "Topic", "Place"},
    "Justice.ReleaseParole": {"JudgeCourt", "Defendant", "Crime", "Place"},
    "Transaction.ExchangeBuySell": {"Giver", "Recipient", "AcquiredEntity", "PaymentBarter", "Beneficiary", "Place"},
    "Life.Die": {"Victim", "Place", "Killer", "MedicalIssue"},
    "Life.Injure": {"Victim", "Injurer", "Instrument", "BodyPart", "MedicalCondition", "Place"},
    "Justice.ArrestJailDetain": {"Jailer", "Detainee", "Crime", "Place"},
    "Conflict.Demonstrate": {"Demonstrator", "Regulator", "VisualDisplay", "Topic", "Target", "Place"},
    "Contact.ThreatenCoerce": {"Communicator", "Recipient", "Topic", "Place"},
    "Contact.RequestCommand": {"Communicator", "Recipient", "Topic", "Place"},
    "Transaction.Donation": {"Giver", "Recipient", "Beneficiary", "ArtifactMoney", "Place"},
}


def test_evaluation_wikievents_mapping_covers_every_class() -> None:
    mapping = load_mapping()
    assert MAPPING_PATH.name == "kairos_mapping.tsv" and MAPPING_PATH.is_file()
    assert set(mapping.classes) == set(KGBUILD_CLASSES)
    unmapped = {cls for cls in KGBUILD_CLASSES if not mapping.is_mapped(cls)}
    assert unmapped == {"Sanctions", "Agreement", "Accusation", "Mobilization", "Cooperation"}
    for row in mapping.rows:
        if row.kairos_prefix is None:
            continue
        assert row.kgbuild_role in KGBUILD_ROLES
        assert row.kairos_prefix in KAIROS_ROLES, row
        assert row.kairos_roles and row.kairos_roles <= KAIROS_ROLES[row.kairos_prefix], row


def test_evaluation_wikievents_mapping_matches_prefixes_and_roles() -> None:
    mapping = load_mapping()
    assert mapping.type_matches("Attack", "Conflict.Attack.DetonateExplode")
    assert not mapping.type_matches("Attack", "Life.Die.Unspecified")
    assert mapping.type_matches("Announcement", "Contact.Contact.Broadcast")
    assert not mapping.type_matches("Talks", "Contact.Contact.Broadcast")
    assert not mapping.type_matches("Sanctions", "Contact.Contact.Broadcast")
    assert mapping.match_prefix("PhoneCall", "Contact.Contact.Unspecified") == "Contact.Contact.Unspecified"
    assert mapping.roles("Release", "Justice.ReleaseParole.Unspecified", "targets") == {"Defendant"}
    assert mapping.roles("PrisonerExchange", "Transaction.ExchangeBuySell.Unspecified", "participants") == {
        "Giver",
        "Recipient",
    }
    assert mapping.roles("PrisonerExchange", "Justice.ReleaseParole.Unspecified", "participants") == {"JudgeCourt"}
    assert mapping.roles("Attack", "Life.Die.Unspecified", "agents") == frozenset()
    assert mapping.in_scope("Conflict.Attack.Unspecified") and not mapping.in_scope("Movement.Transportation.Unspecified")
    assert mapping.type_matches("Killing", "Life.Die.Unspecified") and not mapping.type_matches("Killing", "Life.Injure")
    assert mapping.roles("Killing", "Life.Die.Unspecified", "targets") == {"Victim"}
    assert mapping.roles("Attack", "Conflict.Attack.DetonateExplode", "instruments") == {"Instrument", "ExplosiveDevice"}
    assert mapping.type_matches("Protest", "Conflict.Demonstrate.DemonstrateWithViolence")


def test_evaluation_wikievents_mapping_prefix_stops_at_a_dot(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv"
    path.write_text(
        "# comment\nkgbuild_class\tkairos_prefix\tkgbuild_role\tkairos_roles\tnote\n"
        "Talks\tContact.Contact\tparticipants\tParticipant, Communicator\n",
        encoding="utf-8",
    )
    mapping = load_mapping(path)
    assert mapping.type_matches("Talks", "Contact.Contact") and mapping.type_matches("Talks", "Contact.Contact.Meet")
    assert not mapping.type_matches("Talks", "Contact.ContactX.Meet")
    assert mapping.roles("Talks", "Contact.Contact.Meet", "participants") == {"Participant", "Communicator"}


@pytest.mark.parametrize(
    "body",
    [
        "kgbuild_class\tprefix\tkgbuild_role\tkairos_roles\n",  # wrong header
        "kgbuild_class\tkairos_prefix\tkgbuild_role\tkairos_roles\nTalks\tContact.Contact\tspeakers\tParticipant\n",
        "kgbuild_class\tkairos_prefix\tkgbuild_role\tkairos_roles\nTalks\tContact.Contact\n",
        "kgbuild_class\tkairos_prefix\tkgbuild_role\tkairos_roles\n"
        "Talks\t-\t-\t-\nTalks\tContact.Meet\tagents\tParticipant\n",  # both unmapped and mapped
        "# only a comment\n",
    ],
)
def test_evaluation_wikievents_mapping_rejects_malformed_tables(tmp_path: Path, body: str) -> None:
    path = tmp_path / "m.tsv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ValueError):
        load_mapping(path)


def test_evaluation_wikievents_mapping_matches_extractor_classes() -> None:
    pytest.importorskip("spacy")
    from kgbuild.extract import events

    declared = set(events.VERB_TRIGGERS.values()) | set(events.NOUN_TRIGGERS.values()) | set(events.SYMMETRIC_TYPES)
    assert declared == set(KGBUILD_CLASSES)


# ------------------------------------------------------------------------------------------ scoring


def test_evaluation_wikievents_score_by_hand(doc: Document) -> None:
    scores = score([doc], {"doc1": scenario(), "other": scenario()})  # "other" is not a document: ignored
    # 3 scored events (Sanctions left out), 2 gold; "attacked" and "met" overlap gold triggers of mapped types
    assert (scores.trigger_identification.matched, scores.trigger_identification.gold,
            scores.trigger_identification.predicted) == (2, 2, 3)
    assert scores.trigger_classification.matched == 2
    assert scores.event_precision == pytest.approx(2 / 3)
    # predicted arguments 3 + 2 + 1 = 6; gold 2 + 3 = 5 (the duplicate Participant dropped)
    # identified: militants (T1's cluster), Kobani, officials, Rebels (T3's cluster) = 4
    ident = scores.argument_identification
    assert (ident.matched, ident.gold, ident.predicted) == (4, 5, 6)
    # classified: militants=Attacker, Kobani=Target, officials=Participant = 3 (Rebels as Place is wrong)
    cls = scores.argument_classification
    assert (cls.matched, cls.gold, cls.predicted) == (3, 5, 6)
    # P = 3/6 = 0.5, R = 3/5 = 0.6, F1 = 2 * 0.5 * 0.6 / 1.1 = 0.5454...
    assert cls.precision == 0.5 and cls.recall == 0.6 and scores.argument_f1 == pytest.approx(6 / 11)
    # every predicted span contains the (heuristic) head of a cluster mention: same as overlap here
    assert scores.argument_classification_head.matched == 3
    assert scores.not_scored == (("Sanctions", 1),)
    assert scores.gold_events_in_scope == 2 and scores.gold_arguments_in_scope == 5
    by_class = dict(scores.by_class)
    assert (by_class["Attack"].matched, by_class["Attack"].predicted, by_class["Attack"].gold) == (1, 2, 1)
    assert (by_class["Talks"].matched, by_class["Talks"].predicted, by_class["Talks"].gold) == (1, 1, 1)
    text = scores.format()
    assert "trigger classification" in text and "Sanctions 1" in text and "target >= 0.70: not met" in text
    data = scores.as_dict()
    assert data["argument_classification"]["matched"] == 3 and data["not_scored"] == {"Sanctions": 1}
    assert json.loads(json.dumps(data)) == data


def test_evaluation_wikievents_score_head_is_stricter_than_overlap(doc: Document) -> None:
    # "The" overlaps the mention "The militants" but does not contain its head "militants"
    preds = [event("Attack", "attacked", arg("agents", "The"), arg("targets", "Kobani"))]
    scores = score([doc], {"doc1": preds})
    assert scores.argument_classification.matched == 2  # The ~ Attacker (via T3), Kobani = Target
    assert scores.argument_classification_head.matched == 1  # only Kobani


def test_evaluation_wikievents_score_wrong_type_and_duplicates(doc: Document) -> None:
    preds = [
        event("Announcement", "met", arg("agents", "officials")),  # Broadcast is not Meet
        event("Attack", "attacked Kobani", arg("agents", "Rebels")),  # overlaps "attacked": matches E1
        event("Attack", "attacked"),  # a second prediction for E1: one-to-one, so a false alarm
    ]
    scores = score([doc], {"doc1": preds})
    assert scores.trigger_identification.matched == 2  # E1 and E2 each matched once
    assert scores.trigger_classification.matched == 1  # only E1's type is right
    # identification ignores type: officials (E2) and Rebels (E1) are both found; only Rebels is classified
    assert scores.argument_identification.matched == 2
    assert scores.argument_classification.matched == 1
    counts = {}
    for record in error_records([doc], {"doc1": preds}):
        counts[record["type"]] = counts.get(record["type"], 0) + 1
    assert counts == {"false_alarm": 1, "wrong_type": 1, "missed_argument": 1}  # E1's Kobani is missed


def test_evaluation_wikievents_score_in_scope_recall(corpus: Path) -> None:
    data = record()
    data["event_mentions"].append(
        {
            "id": "doc1-E3",
            "event_type": "Movement.Transportation.Unspecified",
            "trigger": {"start": 1, "end": 2, "text": "attacked", "sent_idx": 0},
            "arguments": [{"entity_id": "doc1-T9", "role": "PassengerArtifact", "text": "nobody"}],  # unknown entity
        }
    )
    corpus.write_text(json.dumps(data) + "\n", encoding="utf-8")
    (doc,) = load_corpus(corpus)
    assert doc.unresolved_arguments == 1 and doc.events[2].arguments[0].mentions == ()
    scores = score([doc], {"doc1": [event("Attack", "attacked", arg("agents", "Rebels"))]})
    assert (scores.trigger_classification.matched, scores.trigger_classification.gold) == (1, 3)
    assert scores.gold_events_in_scope == 2 and scores.trigger_classification_in_scope.recall == 0.5
    # gold arguments 2 + 3 + 1 = 6, in scope 5; the attacker is right
    assert (scores.argument_classification.gold, scores.gold_arguments_in_scope) == (6, 5)
    assert scores.argument_classification_in_scope.recall == pytest.approx(1 / 5)


def test_evaluation_wikievents_score_empty_and_bad_offsets(doc: Document) -> None:
    scores = score([doc], {})
    assert scores.trigger_identification.predicted == 0 and scores.event_precision == 0.0
    assert scores.trigger_identification.gold == 2
    with pytest.raises(ValueError, match="out of range"):
        score([doc], {"doc1": [PredictedEvent("Attack", 0, 500)]})
    with pytest.raises(ValueError, match="does not match"):
        score([doc], {"doc1": [PredictedEvent("Attack", 0, 6, trigger_text="attack")]})
    with pytest.raises(ValueError, match="argument"):
        score([doc], {"doc1": [PredictedEvent("Attack", 7, 15, (("agents", 70, 90),))]})


def test_evaluation_wikievents_predicted_event_accepts_plain_tuples() -> None:
    pred = PredictedEvent("Attack", 7, 15, (("agents", 0, 6),))
    assert pred.arguments == (PredictedArgument("agents", 0, 6),) and pred.arguments[0].role == "agents"


def test_evaluation_wikievents_write_errors(tmp_path: Path, doc: Document) -> None:
    out = tmp_path / "errors" / "wikievents.jsonl"
    counts = write_errors(out, [doc], {"doc1": scenario()})
    assert counts == {"false_alarm": 1, "missed_argument": 1, "false_argument": 1, "wrong_role": 1, "not_scored": 1}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_type = {r["type"]: r for r in records}
    assert by_type["false_alarm"]["predicted_trigger_text"] == "Monday"
    assert by_type["missed_argument"]["gold_argument"]["text"] == "Damascus"
    assert by_type["false_argument"]["predicted_argument"] == {"role": "places", "span": list(at("Monday")),
                                                               "text": "Monday"}
    wrong = by_type["wrong_role"]
    assert wrong["gold_argument"]["role"] == "Participant" and wrong["predicted_argument"]["text"] == "Rebels"
    assert wrong["mapped_roles"] == ["Place"]
    assert by_type["not_scored"]["predicted_type"] == "Sanctions"


# ------------------------------------------------------------------------------------ from facts


def test_evaluation_wikievents_predictions_from_facts_nearest_mention() -> None:
    text = "Russia hit Kyiv. Later Ukraine said Russia struck Kharkiv again. Kyiv was quiet."

    def sp(needle: str, sentence: int, start: int = 0) -> TextSpan:
        i = text.index(needle, start)
        return TextSpan(i, i + len(needle), sentence, needle)

    second = text.index("Later")
    russia = Actor("Q159", "Russia", "State", mentions=(sp("Russia", 0), sp("Russia", 1, second)))
    kyiv = Actor("Q1899", "Kyiv", "Place", mentions=(sp("Kyiv", 0), sp("Kyiv", 2, second)))
    kharkiv = Actor("Q42308", "Kharkiv", "Place", mentions=(sp("Kharkiv", 1),))
    ghost = Actor("ghost", "Nobody", "Person")  # no mentions: left out
    strike = Event(
        "Attack",
        trigger=sp("struck", 1),
        evidence=sp("Later Ukraine said Russia struck Kharkiv again.", 1),
        agents=(russia.key, ghost.key, "unknown-key"),
        targets=(kharkiv.key,),
        places=(kharkiv.key, kyiv.key),
    )
    facts = ArticleFacts(Article("a", text), (russia, kyiv, kharkiv, ghost), (), (strike,))
    (pred,) = predictions_from_facts(facts)
    assert pred.event_type == "Attack" and text[pred.trigger_start : pred.trigger_end] == pred.trigger_text == "struck"
    spans = [(a.role, text[a.start : a.end], a.start) for a in pred.arguments]
    assert spans == [
        ("agents", "Russia", text.index("Russia", second)),  # the mention in the trigger's sentence
        ("targets", "Kharkiv", text.index("Kharkiv")),
        ("places", "Kharkiv", text.index("Kharkiv")),
        # no Kyiv in the trigger's sentence: the nearer of the two (sentence 2, 16 characters after it)
        ("places", "Kyiv", text.index("Kyiv", second)),
    ]


def test_evaluation_wikievents_predictions_from_facts_instruments() -> None:
    text = "A roadside bomb exploded, killing a soldier."
    bomb = TextSpan(2, 15, 0, "roadside bomb")
    soldier = Actor("anonymous/a-soldier-34", "a soldier", "Person", mentions=(TextSpan(34, 43, 0, "a soldier"),),
                    anonymous=True)
    blast = Event("Attack", trigger=TextSpan(16, 24, 0, "exploded"), evidence=TextSpan(0, 44, 0, text),
                  targets=(soldier.key,), instruments=(bomb,))
    killing = Event("Killing", trigger=TextSpan(26, 33, 0, "killing"), evidence=TextSpan(0, 44, 0, text),
                    targets=(soldier.key,), part_of=0)
    facts = ArticleFacts(Article("a", text), (soldier,), (), (blast, killing))
    attack, death = predictions_from_facts(facts)
    # an instrument is its own span, in the "instruments" role (KAIROS Instrument or ExplosiveDevice)
    assert [(a.role, text[a.start : a.end]) for a in attack.arguments] == [
        ("targets", "a soldier"), ("instruments", "roadside bomb")
    ]
    assert [(a.role, text[a.start : a.end]) for a in death.arguments] == [("targets", "a soldier")]
    assert load_mapping().roles("Killing", "Life.Die.Unspecified", "targets") == {"Victim"}


def test_evaluation_wikievents_predictions_from_facts_sample(sample_facts: ArticleFacts) -> None:
    (pred,) = predictions_from_facts(sample_facts)
    text = sample_facts.article.text
    assert pred.trigger_text == "shelled"
    assert [(a.role, text[a.start : a.end]) for a in pred.arguments] == [
        ("agents", "Northland"),
        ("targets", "Eastport"),
        ("places", "Eastport"),
    ]


# ------------------------------------------------------------------------------------ real dev file


@pytest.fixture(scope="module")
def real_dev() -> list[Document]:
    if not REAL_DEV.is_file():
        pytest.skip(f"{REAL_DEV} not present")
    return load_corpus(REAL_DEV)


def _squash(text: str) -> str:
    return "".join(text.split())


def test_evaluation_wikievents_real_dev_invariants(real_dev: list[Document]) -> None:
    raw = {}
    with REAL_DEV.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            raw[record["doc_id"]] = record
    assert real_dev and len(real_dev) == len(raw)
    for doc in real_dev:
        source = raw[doc.id]
        assert doc.alignment_issues == 0, doc.id
        assert doc.unresolved_arguments == 0, doc.id
        assert len(doc.token_spans) == len(source["tokens"])
        for token, (start, end) in zip(source["tokens"], doc.token_spans):
            assert _squash(doc.text[start:end]) == _squash(token)
        for gold, stored in zip(doc.events, source["event_mentions"]):
            assert _squash(gold.trigger_text) == _squash(stored["trigger"]["text"]), (doc.id, gold.id)
            for argument in gold.arguments:
                assert argument.mentions, (doc.id, gold.id, argument.entity_id)
                assert argument.entity_id in {m.id for m in argument.mentions}
        for mention in doc.entities:
            assert mention.start <= mention.head_start < mention.head_end <= mention.end
        assert len(doc.entities) == len(source["entity_mentions"])
        for stored in source["entity_mentions"]:
            mention = doc.entity(stored["id"])
            assert _squash(mention.text) == _squash(stored["text"])


def test_evaluation_wikievents_real_dev_sentence_break_keeps_spans() -> None:
    if not REAL_DEV.is_file():
        pytest.skip(f"{REAL_DEV} not present")
    stored = {d.id: d for d in load_corpus(REAL_DEV)}
    for doc in load_corpus(REAL_DEV, sentence_break="\n"):
        assert doc.alignment_issues == 0
        assert [e.trigger_text for e in doc.events] == [e.trigger_text for e in stored[doc.id].events]
        assert [m.text for m in doc.entities] == [m.text for m in stored[doc.id].entities]
        assert len(doc.text) >= len(stored[doc.id].text)


def test_evaluation_wikievents_real_dev_oracle_is_precise(real_dev: list[Document]) -> None:
    """Gold events of mapped types, turned back into kgbuild terms, score precision 1 and in-scope recall 1."""
    mapping = load_mapping()
    predictions = {}
    arguments = 0
    for doc in real_dev:
        preds = []
        for gold in doc.events:
            cls = next((c for c in mapping.classes if mapping.type_matches(c, gold.event_type)), None)
            if cls is None:
                continue
            args = []
            for argument in gold.arguments:
                role = next((r for r in KGBUILD_ROLES if mapping.role_matches(cls, gold.event_type, r, argument.role)),
                            None)
                own = next(m for m in argument.mentions if m.id == argument.entity_id)
                if role is not None:
                    args.append(PredictedArgument(role, own.start, own.end))
            preds.append(PredictedEvent(cls, gold.trigger_start, gold.trigger_end, tuple(args)))
            arguments += len(args)
        predictions[doc.id] = preds
    scores = score(real_dev, predictions)
    assert scores.trigger_classification.precision == 1.0
    assert scores.trigger_classification_in_scope.recall == 1.0
    assert scores.argument_classification.precision == 1.0
    assert scores.argument_classification.matched == arguments
