"""Event rules: hand-built parses (no model needed) and the reference article (marked ``model``)."""

from __future__ import annotations

import datetime
import sys
import types
from pathlib import Path

import pytest

try:
    from kgbuild.extract.statements import extract_statements
except ModuleNotFoundError as error:  # statements.py is written in parallel; the event rules do not need it
    if error.name != "kgbuild.extract.statements":
        raise
    _stub = types.ModuleType("kgbuild.extract.statements")
    _stub.extract_statements = lambda *args, **kwargs: []
    sys.modules["kgbuild.extract.statements"] = _stub
    extract_statements = None

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from kgbuild.extract.actors import extract_actors  # noqa: E402
from kgbuild.extract.events import extract_events  # noqa: E402
from kgbuild.extract.reference import load_reference  # noqa: E402
from kgbuild.extract.spans import SpanMaker  # noqa: E402
from kgbuild.facts import Article, Event, Statement, TextSpan  # noqa: E402

PUBLISHED = datetime.date(2025, 5, 24)  # a Saturday
REFERENCE_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared/corpus/seed/prisoner-swap.txt"
NO_SPACE_BEFORE = {".", ",", "'s", "?", "!", ":", ";"}
VOCAB = spacy.blank("en").vocab

RUSSIA, UKRAINE, EU, TRUMP, PUTIN = "Q159", "Q212", "Q458", "Q22686", "Q7747"
KYIV, ODESA, KHARKIV, ISTANBUL = "Q1899", "Q1874", "Q42308", "Q406"


# --- hand-built parses ----------------------------------------------------------------------------------


def make_doc(rows: str) -> Doc:
    """A parsed Doc from one token per line: ``word lemma POS TAG dep head [entity]``.

    Heads are absolute token indices; ``entity`` is an IOB tag ("B-GPE"); a line "--" ends a sentence
    that has no full stop (a headline). Otherwise a sentence starts after every ".".
    """
    words, lemmas, pos, tags, deps, heads, ents, sent_starts = [], [], [], [], [], [], [], []
    new_sentence = True
    for line in rows.strip().splitlines():
        fields = line.split()
        if fields == ["--"]:
            new_sentence = True
            continue
        word, lemma, part, tag, dep, head, *entity = fields
        words.append(word)
        lemmas.append(lemma)
        pos.append(part)
        tags.append(tag)
        deps.append(dep)
        heads.append(int(head))
        ents.append(entity[0] if entity else "O")
        sent_starts.append(new_sentence)
        new_sentence = word == "."
    spaces = [i + 1 < len(words) and words[i + 1] not in NO_SPACE_BEFORE for i in range(len(words))]
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas, ents=ents, sent_starts=sent_starts)


def events_of(rows: str, statements: list[Statement] | None = None) -> list[Event]:
    doc = make_doc(rows)
    article = Article(id="test", text=doc.text, published=PUBLISHED)
    actors = extract_actors(doc, load_reference())
    return extract_events(doc, actors, article, SpanMaker(doc), statements or [])


def only(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, events
    return found[0]


def counted(event: Event) -> set[tuple[int, str]]:
    return {(q.value, q.counts) for q in event.quantities}


def test_events_verb_trigger_with_subject_and_object():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 1 B-GPE
        attacked attack VERB VBD ROOT 1
        Kharkiv Kharkiv PROPN NNP dobj 1 B-GPE
        with with ADP IN prep 1
        12 12 NUM CD nummod 5 B-CARDINAL
        drones drone NOUN NNS pobj 3
        on on ADP IN prep 1
        Tuesday Tuesday PROPN NNP pobj 6 B-DATE
        . . PUNCT . punct 1
    """)
    attack = only(events, "Attack")
    assert attack.agents == (RUSSIA,)
    assert attack.targets == (KHARKIV,)
    assert attack.places == (KHARKIV,)
    assert attack.trigger.text == "attacked"
    assert attack.evidence.text == "Russia attacked Kharkiv with 12 drones on Tuesday."
    assert counted(attack) == {(12, "drones")}
    assert attack.status == "asserted" and attack.rule == "verb-subject"


def test_events_passive_by_agent():
    events = events_of("""
        Odesa Odesa PROPN NNP nsubjpass 2 B-GPE
        was be AUX VBD auxpass 2
        shelled shell VERB VBN ROOT 2
        by by ADP IN agent 2
        Russia Russia PROPN NNP pobj 3 B-GPE
        . . PUNCT . punct 2
    """)
    attack = only(events, "Attack")
    assert attack.agents == (RUSSIA,)
    assert attack.targets == (ODESA,)
    assert attack.places == (ODESA,)
    assert attack.date is None  # no time expression: not defaulted to the publication date


def test_events_adjective_agent():
    events = events_of("""
        A a DET DT det 2
        Russian Russian ADJ JJ amod 2 B-NORP
        strike strike NOUN NN nsubj 5
        on on ADP IN prep 2
        Kyiv Kyiv PROPN NNP pobj 3 B-GPE
        injured injure VERB VBD ROOT 5
        four four NUM CD nummod 7 B-CARDINAL
        people people NOUN NNS dobj 5
        . . PUNCT . punct 5
    """)
    attack = only(events, "Attack")
    assert attack.agents == (RUSSIA,)
    assert attack.targets == (KYIV,)
    assert attack.trigger.text == "strike"
    assert counted(attack) == {(4, "injured")}


def test_events_capital_of_a_state_and_one_event_told_twice():
    # "hit" (verb, agent via the by-phrase) and "attack" (noun, agent via "Russian") are one event
    events = events_of("""
        The the DET DT det 2
        Ukrainian Ukrainian ADJ JJ amod 2 B-NORP
        capital capital NOUN NN nsubjpass 4
        was be AUX VBD auxpass 4
        hit hit VERB VBN ROOT 4
        by by ADP IN agent 4
        a a DET DT det 9
        Russian Russian ADJ JJ amod 9 B-NORP
        drone drone NOUN NN compound 9
        attack attack NOUN NN pobj 5
        overnight overnight ADV RB advmod 4 B-TIME
        . . PUNCT . punct 4
    """)
    attack = only(events, "Attack")
    assert attack.agents == (RUSSIA,)
    assert KYIV in attack.places
    assert attack.date == PUBLISHED  # "overnight" is the publication day


def test_events_quantities_with_counted_nouns():
    events = events_of("""
        Ukraine Ukraine PROPN NNP nsubj 1 B-GPE
        freed free VERB VBD ROOT 1
        90 90 NUM CD nummod 3 B-CARDINAL
        prisoners prisoner NOUN NNS dobj 1
        , , PUNCT , punct 3
        including include VERB VBG prep 3
        12 12 NUM CD nummod 7 B-CARDINAL
        civilians civilian NOUN NNS pobj 5
        . . PUNCT . punct 1
        Russia Russia PROPN NNP nsubj 10 B-GPE
        shelled shell VERB VBD ROOT 10
        Kharkiv Kharkiv PROPN NNP dobj 10 B-GPE
        , , PUNCT , punct 10
        killing kill VERB VBG advcl 10
        two two NUM CD nummod 15 B-CARDINAL
        people people NOUN NNS dobj 13
        and and CCONJ CC cc 13
        wounding wound VERB VBG conj 13
        five five NUM CD dobj 17 B-CARDINAL
        . . PUNCT . punct 10
    """)
    release = only(events, "Release")
    assert release.agents == (UKRAINE,)
    assert counted(release) == {(90, "prisoners"), (12, "civilians")}
    attack = only(events, "Attack")  # "killing" belongs to the shelling: no second attack
    assert attack.agents == (RUSSIA,)
    assert counted(attack) == {(2, "killed"), (5, "injured")}
    assert all(q.span.text in {"two", "five"} for q in attack.quantities)


def test_events_workers_strike_is_not_an_attack():
    held = events_of("""
        Ukrainian Ukrainian ADJ JJ amod 1 B-NORP
        workers worker NOUN NNS nsubj 2
        held hold VERB VBD ROOT 2
        a a DET DT det 4
        strike strike NOUN NN dobj 2
        in in ADP IN prep 4
        Odesa Odesa PROPN NNP pobj 5 B-GPE
        . . PUNCT . punct 2
    """)
    struck = events_of("""
        Ukrainian Ukrainian ADJ JJ amod 1 B-NORP
        miners miner NOUN NNS nsubj 2
        struck strike VERB VBD ROOT 2
        for for ADP IN prep 2
        higher high ADJ JJR amod 5
        pay pay NOUN NN pobj 3
        . . PUNCT . punct 2
    """)
    went = events_of("""
        Ukrainian Ukrainian ADJ JJ amod 1 B-NORP
        dockers docker NOUN NNS nsubj 2
        went go VERB VBD ROOT 2
        on on ADP IN prep 2
        strike strike NOUN NN pobj 3
        . . PUNCT . punct 2
    """)
    # a labour strike is a protest by the workers (not by their state), never an attack
    assert [e.event_type for e in held + struck + went] == ["Protest", "Protest", "Protest"]
    assert [e.agents[0].startswith("anonymous/") for e in held + struck + went] == [True, True, True]
    assert held[0].places == (ODESA,)


def test_events_accident_killing_is_not_an_attack():
    events = events_of("""
        A a DET DT det 3
        Ukrainian Ukrainian ADJ JJ amod 3 B-NORP
        bus bus NOUN NN compound 3
        crash crash NOUN NN nsubj 4
        killed kill VERB VBD ROOT 4
        three three NUM CD nummod 6 B-CARDINAL
        people people NOUN NNS dobj 4
        . . PUNCT . punct 4
    """)
    assert events == []


def test_events_struck_a_deal_is_an_agreement():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 1 B-GPE
        struck strike VERB VBD ROOT 1
        a a DET DT det 3
        deal deal NOUN NN dobj 1
        with with ADP IN prep 3
        Ukraine Ukraine PROPN NNP pobj 4 B-GPE
        . . PUNCT . punct 1
    """)
    assert [e.event_type for e in events] == ["Agreement"]
    assert set(events[0].participants) == {RUSSIA, UKRAINE}
    assert events[0].agents == (RUSSIA,)  # the subject acts; both sides take part


def test_events_took_control_of_a_village_is_a_capture():
    events = events_of("""
        Russian Russian ADJ JJ amod 1 B-NORP
        troops troop NOUN NNS nsubj 2
        took take VERB VBD ROOT 2
        control control NOUN NN dobj 2
        of of ADP IN prep 3
        the the DET DT det 6
        village village NOUN NN pobj 4
        of of ADP IN prep 6
        Dachne Dachne PROPN NNP pobj 7 B-GPE
        on on ADP IN prep 2
        Wednesday Wednesday PROPN NNP pobj 9 B-DATE
        . . PUNCT . punct 2
    """)
    capture = only(events, "Capture")
    assert capture.trigger.text == "took control"
    assert capture.agents == (RUSSIA,)  # "Russian troops"
    assert capture.targets == ("place/dachne",) and capture.places == ("place/dachne",)
    assert capture.date == datetime.date(2025, 5, 21)


CLAIM_ROWS = """
    Russia Russia PROPN NNP nsubj 1 B-GPE
    claimed claim VERB VBD ROOT 1
    to to PART TO aux 4
    have have AUX VB aux 4
    captured capture VERB VBN xcomp 1
    Kupiansk Kupiansk PROPN NNP dobj 4 B-GPE
    . . PUNCT . punct 1
"""


def test_events_claim_marks_the_event_claimed():
    text = make_doc(CLAIM_ROWS).text
    content_start = text.index("to have")
    claim = Statement(
        speaker=RUSSIA,
        content=TextSpan(content_start, len(text) - 1, 0, text[content_start:-1]),
        kind="indirect",
        evidence=TextSpan(0, len(text), 0, text),
        cue="claim",
        cue_span=TextSpan(7, 14, 0, "claimed"),
    )
    other = Statement(speaker=RUSSIA, content=TextSpan(0, 6, 0, "Russia"), kind="indirect",
                      evidence=TextSpan(0, len(text), 0, text), cue="say")
    capture = only(events_of(CLAIM_ROWS, [other, claim]), "Capture")
    assert capture.agents == (RUSSIA,)
    assert capture.targets == ("place/kupiansk",)
    assert capture.status == "claimed" and capture.claimed_in == 1
    # without statements the claim verb alone makes it a claim, pointing at no statement
    alone = only(events_of(CLAIM_ROWS), "Capture")
    assert alone.status == "claimed" and alone.claimed_in is None


def test_events_said_keeps_the_event_asserted():
    rows = """
        Ukraine Ukraine PROPN NNP nsubj 1 B-GPE
        said say VERB VBD ROOT 1
        Russia Russia PROPN NNP nsubj 3 B-GPE
        attacked attack VERB VBD ccomp 1
        Kyiv Kyiv PROPN NNP dobj 3 B-GPE
        . . PUNCT . punct 1
    """
    text = make_doc(rows).text
    said = Statement(speaker=UKRAINE, content=TextSpan(12, len(text) - 1, 0, text[12:-1]), kind="indirect",
                     evidence=TextSpan(0, len(text), 0, text), cue="say")
    attack = only(events_of(rows, [said]), "Attack")
    assert attack.status == "asserted" and attack.claimed_in is None


def test_events_date_resolution_with_a_weekday():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 3 B-GPE
        and and CCONJ CC cc 0
        Ukraine Ukraine PROPN NNP conj 0 B-GPE
        exchanged exchange VERB VBD ROOT 3
        84 84 NUM CD nummod 5 B-CARDINAL
        prisoners prisoner NOUN NNS dobj 3
        on on ADP IN prep 3
        Thursday Thursday PROPN NNP pobj 6 B-DATE
        . . PUNCT . punct 3
    """)
    exchange = only(events, "PrisonerExchange")
    assert exchange.date == datetime.date(2025, 5, 22)  # the Thursday before Saturday 2025-05-24
    assert set(exchange.participants) == {RUSSIA, UKRAINE}
    assert counted(exchange) == {(84, "prisoners")}


def test_events_each_released_is_an_exchange():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 4 B-GPE
        and and CCONJ CC cc 0
        Ukraine Ukraine PROPN NNP conj 0 B-GPE
        each each PRON DT appos 0
        released release VERB VBD ROOT 4
        50 50 NUM CD nummod 6 B-CARDINAL
        prisoners prisoner NOUN NNS dobj 4
        on on ADP IN prep 4
        Friday Friday PROPN NNP pobj 7 B-DATE
        . . PUNCT . punct 4
    """)
    exchange = only(events, "PrisonerExchange")
    assert set(exchange.participants) == {RUSSIA, UKRAINE}
    assert exchange.date == datetime.date(2025, 5, 23)
    assert exchange.rule == "mutual-release"


def test_events_phone_call_needs_two_actors():
    events = events_of("""
        Trump Trump PROPN NNP nsubj 1 B-PERSON
        spoke speak VERB VBD ROOT 1
        with with ADP IN prep 1
        Putin Putin PROPN NNP pobj 2 B-PERSON
        on on ADP IN prep 1
        Monday Monday PROPN NNP pobj 4 B-DATE
        . . PUNCT . punct 1
        They they PRON PRP nsubj 9
        called call VERB VBD ROOT 9
        relatives relative NOUN NNS dobj 9
        . . PUNCT . punct 9
    """)
    call = only(events, "PhoneCall")
    assert set(call.participants) == {TRUMP, PUTIN}
    assert call.date == datetime.date(2025, 5, 19)
    assert call.trigger.text == "spoke"


def test_events_sanctions_against_a_state():
    events = events_of("""
        The the DET DT det 1
        EU EU PROPN NNP nsubj 2 B-ORG
        imposed impose VERB VBD ROOT 2
        new new ADJ JJ amod 4
        sanctions sanction NOUN NNS dobj 2
        on on ADP IN prep 4
        Russia Russia PROPN NNP pobj 5 B-GPE
        . . PUNCT . punct 2
    """)
    sanctions = only(events, "Sanctions")
    assert sanctions.agents == (EU,)
    assert sanctions.targets == (RUSSIA,)


def test_events_hypothetical_is_not_an_event():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 2 B-GPE
        could could AUX MD aux 2
        attack attack VERB VB ROOT 2
        Kyiv Kyiv PROPN NNP dobj 2 B-GPE
        . . PUNCT . punct 2
    """)
    assert events == []


def test_events_there_is_the_place_named_before():
    events = events_of("""
        Sirens siren NOUN NNS nsubj 1
        sounded sound VERB VBD ROOT 1
        in in ADP IN prep 1
        Odesa Odesa PROPN NNP pobj 2 B-GPE
        . . PUNCT . punct 1
        Russia Russia PROPN NNP nsubj 6 B-GPE
        struck strike VERB VBD ROOT 6
        the the DET DT det 8
        port port NOUN NN dobj 6
        there there ADV RB advmod 6
        on on ADP IN prep 6
        Friday Friday PROPN NNP pobj 10 B-DATE
        . . PUNCT . punct 6
    """)
    attack = only(events, "Attack")
    assert attack.places == (ODESA,)
    assert attack.date == datetime.date(2025, 5, 23)


def test_events_headline_repeat_is_dropped():
    events = events_of("""
        Russia Russia PROPN NNP nsubj 1 B-GPE
        attacks attack VERB VBZ ROOT 1
        Kyiv Kyiv PROPN NNP dobj 1 B-GPE
        --
        Russia Russia PROPN NNP nsubj 4 B-GPE
        attacked attack VERB VBD ROOT 4
        Kyiv Kyiv PROPN NNP dobj 4 B-GPE
        on on ADP IN prep 4
        Friday Friday PROPN NNP pobj 6 B-DATE
        . . PUNCT . punct 4
    """)
    attack = only(events, "Attack")
    assert attack.trigger.sentence == 1
    assert attack.date == datetime.date(2025, 5, 23)


# --- the reference article ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> tuple[list[Event], list[Statement]]:
    if not REFERENCE_ARTICLE.exists():
        pytest.skip(f"reference article not found: {REFERENCE_ARTICLE}")
    from kgbuild.nlp import parse

    text = REFERENCE_ARTICLE.read_text(encoding="utf-8")
    article = Article(id="prisoner-swap", text=text, published=PUBLISHED)
    doc = next(parse([text]))
    actors = extract_actors(doc, load_reference())
    spans = SpanMaker(doc)
    statements = extract_statements(doc, actors, article, spans) if extract_statements else []
    events = extract_events(doc, actors, article, spans, statements)
    for event in events:
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        # who did it, who took part, or to whom: every event of this article names someone
        assert event.agents or event.participants or event.targets
    return events, statements


@pytest.fixture(scope="module")
def reference_events(reference) -> list[Event]:
    return reference[0]


def find(events: list[Event], event_types: set[str], date: datetime.date | None) -> Event:
    """The one event of those types on that day (an event over several days only begins on it)."""
    found = [e for e in events if e.event_type in event_types and e.date == date and e.end_date is None]
    assert len(found) == 1, [(e.event_type, e.trigger.text, e.date) for e in events]
    return found[0]


def sides(event: Event) -> set[str]:
    return set(event.agents) | set(event.participants)


@pytest.mark.model
def test_events_reference_saturday_exchange(reference_events):
    saturday = find(reference_events, {"PrisonerExchange"}, datetime.date(2025, 5, 24))
    assert sides(saturday) == {RUSSIA, UKRAINE}
    assert 307 in {q.value for q in saturday.quantities}


@pytest.mark.model
def test_events_reference_friday_exchange(reference_events):
    friday = find(reference_events, {"PrisonerExchange", "Release"}, datetime.date(2025, 5, 23))
    assert sides(friday) == {RUSSIA, UKRAINE}
    assert {(390, "prisoners on each side"), (120, "civilians on each side")} <= counted(friday)


@pytest.mark.model
def test_events_reference_days_are_part_of_the_whole_exchange(reference_events):
    exchanges = [e for e in reference_events if e.event_type == "PrisonerExchange"]
    whole = [n for n, e in enumerate(reference_events) if e.event_type == "PrisonerExchange" and e.end_date]
    assert len(whole) == 1
    assert (1000, "prisoners on each side") in counted(reference_events[whole[0]])
    assert all(e.part_of == whole[0] for e in exchanges if e.end_date is None)
    # "over three days", the first part "on Friday": Friday 2025-05-23 to Sunday 2025-05-25
    assert reference_events[whole[0]].date == datetime.date(2025, 5, 23)
    assert reference_events[whole[0]].end_date == datetime.date(2025, 5, 25)


@pytest.mark.model
def test_events_reference_overnight_bombardment_of_kyiv(reference_events):
    attack = find(reference_events, {"Attack"}, datetime.date(2025, 5, 24))
    assert attack.agents == (RUSSIA,)
    assert KYIV in attack.places
    assert (15, "injured") in counted(attack)


@pytest.mark.model
def test_events_reference_missile_strike_on_odesa(reference_events):
    attack = find(reference_events, {"Attack"}, datetime.date(2025, 5, 23))
    assert attack.agents == (RUSSIA,)
    assert set(attack.places) & {ODESA, "place/odesa-region"}
    assert {(2, "missiles"), (1, "killed"), (8, "injured")} <= counted(attack)


@pytest.mark.model
def test_events_reference_talks_call_sanctions_and_claimed_capture(reference_events):
    talks = find(reference_events, {"Talks"}, datetime.date(2025, 5, 16))
    assert sides(talks) == {RUSSIA, UKRAINE} and ISTANBUL in talks.places
    call = find(reference_events, {"PhoneCall"}, datetime.date(2025, 5, 19))
    assert sides(call) == {TRUMP, PUTIN}
    sanctions = only(reference_events, "Sanctions")
    assert sanctions.agents == (EU,) and sanctions.targets == (RUSSIA,)
    capture = only(reference_events, "Capture")
    assert capture.agents == (RUSSIA,) and capture.status == "claimed"
    assert capture.date == datetime.date(2025, 5, 23)
    assert "place/rakivka" in capture.targets and "place/kharkiv-region" in capture.places


@pytest.mark.model
def test_events_reference_capture_is_claimed_in_the_claim_statement(reference):
    events, statements = reference
    capture = only(events, "Capture")
    assert capture.status == "claimed"
    claims = [n for n, s in enumerate(statements)
              if s.cue == "claim" and s.content.start <= capture.trigger.start < s.content.end]
    assert capture.claimed_in == (claims[0] if claims else None)


@pytest.mark.model
def test_events_reference_no_false_events(reference_events):
    types = [e.event_type for e in reference_events]
    assert types.count("PhoneCall") == 1  # not "call relatives", not "a settlement called Rakivka"
    assert types.count("Attack") == 2  # not "future Russian attacks", not the standfirst's repeat
    assert types.count("Sanctions") == 1  # not "could tighten sanctions"
    assert "Release" not in types  # images and a video "released" by offices free nobody
    assert all(e.trigger.sentence not in {0, 1, 16} for e in reference_events)  # title, standfirst, subheading


@pytest.mark.model
def test_events_reference_relations_and_instruments(reference_events):
    whole = next(e for e in reference_events if e.event_type == "PrisonerExchange" and e.end_date is not None)
    talks = reference_events[whole.agreed_at]  # "the prisoner exchange was agreed at talks in Istanbul"
    assert talks.event_type == "Talks" and talks.date == datetime.date(2025, 5, 16)
    saturday = find(reference_events, {"PrisonerExchange"}, datetime.date(2025, 5, 24))
    bombardment = find(reference_events, {"Attack"}, datetime.date(2025, 5, 24))
    # "the release took place a few hours after the Ukrainian capital was rocked by ... bombardment"
    assert reference_events[saturday.follows] is bombardment
    assert [i.text for i in bombardment.instruments] == ["long-range drones", "ballistic missiles"]
    strike = find(reference_events, {"Attack"}, datetime.date(2025, 5, 23))
    assert [i.text for i in strike.instruments] == ["two missiles"]
    # "killing one person and wounding eight": the strike's toll, by the striker
    toll = [e for e in reference_events if e.event_type in {"Killing", "Injuring"} and e.date == strike.date]
    assert {e.event_type for e in toll} == {"Killing", "Injuring"}
    assert all(reference_events[e.part_of] is strike and e.agents == (RUSSIA,) for e in toll)
    assert {(q.value, q.counts) for e in toll for q in e.quantities} == {(1, "killed"), (8, "injured")}


# --- parsed sentences: the taxonomy, victims, denials ---------------------------------------------------


@pytest.fixture(scope="module")
def read():
    """Events (and statements) of a short text, through the real pipeline."""
    from kgbuild.nlp import parse

    def events_and_labels(text: str) -> tuple[list[Event], list[Statement], dict[str, str]]:
        article = Article(id="test", text=text, published=PUBLISHED)
        doc = next(parse([text]))
        actors = extract_actors(doc, load_reference())
        spans = SpanMaker(doc)
        statements = extract_statements(doc, actors, article, spans) if extract_statements else []
        events = extract_events(doc, actors, article, spans, statements)
        return events, statements, {key: actors.label(key) for key in actors.records}

    return events_and_labels


def labels(keys, names: dict[str, str]) -> set[str]:
    return {names[k] for k in keys}


@pytest.mark.model
def test_events_bomb_toll_without_a_named_attacker(read):
    events, _, names = read(
        "A roadside bomb exploded near a convoy in Kandahar on Friday, killing three soldiers and wounding 12 civilians."
    )
    attack, killing, injuring = (only(events, kind) for kind in ("Attack", "Killing", "Injuring"))
    assert [i.text for i in attack.instruments] == ["roadside bomb"]
    # no attacker is named, and what it hit is not said: the people it harmed are the victims of its toll
    assert attack.agents == attack.targets == ()
    assert labels(killing.targets, names) == {"three soldiers"} and counted(killing) == {(3, "killed")}
    assert labels(injuring.targets, names) == {"12 civilians"} and counted(injuring) == {(12, "injured")}
    assert events[killing.part_of] is attack and events[injuring.part_of] is attack
    assert killing.agents == () and killing.date == datetime.date(2025, 5, 23)
    assert labels(killing.places, names) == {"Kandahar"}


@pytest.mark.model
def test_events_a_killing_by_an_attacker(read):
    events, _, names = read("Russian troops attacked Kharkiv with drones on Monday, killing two people.")
    attack, killing = only(events, "Attack"), only(events, "Killing")
    assert attack.agents == (RUSSIA,) and attack.targets == (KHARKIV,)
    assert [i.text for i in attack.instruments] == ["drones"]
    assert killing.agents == (RUSSIA,) and labels(killing.targets, names) == {"two people"}
    assert events[killing.part_of] is attack


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "A bus crash killed three people on the highway.",  # an accident: nobody attacked, nobody was killed by violence
    "The former president died of cancer in 2013.",  # a natural death
    "The mayor died of a heart attack.",  # an illness, not an attack
    "Trump's capture of the Republican nomination surprised many.",  # only territory is captured
    "The scandal hurt him badly among Hispanics.",  # political harm, no injury
    "The Supreme Court struck down the law on Monday.",  # a ruling
    "The banker made a killing on the stock market.",  # a profit
    "Paul Manafort took over the campaign in March.",  # only territory is taken over
    "Russia and Ukraine exchanged letters on Friday.",  # only people are swapped
])
def test_events_accidents_illness_and_figures_of_speech_are_no_events(read, text):
    events, _, _ = read(text)
    assert events == []


@pytest.mark.model
def test_events_a_road_accident_and_a_labour_strike_are_not_attacks(read):
    crash, _, _ = read("A car crashed into a bus on the motorway near Lviv, killing four passengers.")
    strike, _, names = read("Dock workers went on strike in Odesa on Monday.")
    assert not [e for e in crash + strike if e.event_type in {"Attack", "Killing"}]
    protest = only(strike, "Protest")
    assert labels(protest.agents, names) == {"Dock workers"} and protest.places == (ODESA,)


@pytest.mark.model
def test_events_verbal_attack_is_an_accusation(read):
    events, _, names = read("Senator Ted Cruz attacked Donald Trump over his tax plan.")
    accusation = only(events, "Accusation")
    assert labels(accusation.agents, names) == {"Ted Cruz"} and accusation.targets == (TRUMP,)
    assert "Attack" not in {e.event_type for e in events}


@pytest.mark.model
def test_events_arrest_with_unnamed_police_and_detainees(read):
    events, _, names = read("Police arrested 12 people, including two women, on Sunday.")
    arrest = only(events, "Arrest")
    assert labels(arrest.agents, names) == {"Police"}
    assert labels(arrest.targets, names) == {"12 people", "two women"}
    assert arrest.date == datetime.date(2025, 5, 18)


@pytest.mark.model
def test_events_claim_and_denial_make_one_contested_event(read):
    events, statements, _ = read(
        "Russia claimed on Friday to have captured the village of Rakivka. "
        "Ukraine's army denied that Russian troops had captured the village."
    )
    capture = only(events, "Capture")
    assert capture.status == "claimed" and capture.agents == (RUSSIA,)
    assert statements[capture.claimed_in].cue == "claim"
    assert statements[capture.denied_in].cue == "deny"


@pytest.mark.model
def test_events_an_event_told_only_in_a_denial_is_denied(read):
    events, statements, _ = read("Ukraine's army denied that Russian troops had shelled Kharkiv.")
    attack = only(events, "Attack")
    assert attack.status == "denied" and attack.claimed_in is None
    assert statements[attack.denied_in].cue == "deny"


# --- the contested-claims query (on graphs written here by hand, as rdf.py writes them) ------------------


def claim_graph(article_id: str, events: list[dict]):
    """An article graph with the triples the contested-claims query reads: typed events with a status, a trigger,
    targets, an agent, a claim or denial statement (speaker and words)."""
    from rdflib import RDF, RDFS, Graph, Literal, Namespace

    from kgbuild.rdf import ArticleGraph, article_iri, graph_iri
    from kgbuild.vocab import KG

    ids = Namespace("https://w3id.org/kgbuild/id/")
    names = {RUSSIA: "Russia", UKRAINE: "Ukraine", "place/rakivka": "Rakivka", "place/avdiivka": "Avdiivka",
             "place/bakhmut": "Bakhmut"}
    graph, article = Graph(), article_iri(article_id)
    graph.add((article, KG.articleId, Literal(article_id)))
    for key, name in names.items():
        graph.add((ids[f"actor/{key}"], RDFS.label, Literal(name)))
        if key.startswith("Q"):
            graph.add((ids[f"actor/{key}"], KG.wikidata, Literal(key)))
    for n, spec in enumerate(events, start=1):
        event = ids[f"article/{article_id}/event/{n}"]
        graph.add((event, RDF.type, KG.Event))
        graph.add((event, RDF.type, KG[spec["type"]]))
        graph.add((event, KG.status, Literal(spec["status"])))
        graph.add((event, KG.article, article))
        trigger = ids[f"article/{article_id}/span/{n}"]
        graph.add((event, KG.trigger, trigger))
        graph.add((trigger, KG.text, Literal(spec["trigger"])))
        graph.add((event, KG.target, ids[f"actor/place/{spec.get('target', 'rakivka')}"]))
        graph.add((event, KG.agent, ids[f"actor/{RUSSIA}"]))
        for predicate, words in (("claimedIn", "claim"), ("deniedIn", "denial")):
            if words in spec:
                speaker, text = spec[words]
                statement = ids[f"article/{article_id}/statement/{n}-{words}"]
                graph.add((event, KG[predicate], statement))
                graph.add((statement, KG.speaker, ids[f"actor/{speaker}"]))
                graph.add((statement, KG.text, Literal(text)))
    return ArticleGraph(article_id, graph_iri(article_id), graph)


def test_events_contested_claims_query():
    from kgbuild.queries import load_query, run_query
    from kgbuild.store import Store

    store = Store()
    claimed = {"type": "Capture", "status": "claimed", "trigger": "captured"}
    store.replace_article(claim_graph("moscow", [
        {**claimed, "claim": (RUSSIA, "to have captured Rakivka")},
        {**claimed, "type": "Attack", "trigger": "struck", "claim": (RUSSIA, "struck Rakivka")},  # denied by no one
    ]))
    store.replace_article(claim_graph("kyiv", [
        {"type": "Capture", "status": "denied", "trigger": "taken", "denial": (UKRAINE, "Russia had taken Rakivka")},
    ]))
    avdiivka = {**claimed, "target": "avdiivka"}
    store.replace_article(claim_graph("both", [
        # claimed under a claim verb (no statement: the agent claims it), denied in the same article
        {**avdiivka, "denial": (UKRAINE, "Russian troops had captured the town")},
        {**claimed, "target": "bakhmut", "claim": (RUSSIA, "seized it"), "denial": (RUSSIA, "not us")},  # one side
    ]))

    def rows(**values):
        result = run_query(store, load_query("contested-claims"), values)
        return [{c: ("" if t is None else t.value) for c, t in zip(result.columns, row)} for row in result.rows]

    found = {(r["article"], r["claimant_label"], r["claim"], r["denial_article"], r["denier_label"]) for r in rows()}
    assert found == {
        ("moscow", "Russia", "to have captured Rakivka", "kyiv", "Ukraine"),  # a denial in another article
        ("both", "Russia", "", "both", "Ukraine"),  # the same event, claimed and denied
    }
    assert {(r["event_type"], r["trigger"], r["target_labels"]) for r in rows()} == {
        ("Capture", "captured", "Rakivka"), ("Capture", "captured", "Avdiivka")
    }
    assert len(rows(actor="q212")) == 2 and len(rows(actor="Russia", article="moscow")) == 1
    assert rows(type="Attack") == [] and rows(actor="Nobody") == []


@pytest.mark.model
def test_events_contested_claim_through_the_graph():
    """Parsed, written to RDF and stored: the claim and its denial come back from the contested-claims query."""
    from kgbuild.extract import extract_facts
    from kgbuild.nlp import parse
    from kgbuild.queries import load_query, run_query
    from kgbuild.rdf import to_rdf
    from kgbuild.store import Store

    text = (
        "Russia claimed on Friday to have captured the village of Rakivka. "
        "Ukraine's army denied that Russian troops had captured the village."
    )
    article = Article(id="rakivka", text=text, published=PUBLISHED)
    store = Store()
    store.replace_article(to_rdf(extract_facts(article, next(parse([text])))))
    result = run_query(store, load_query("contested-claims"), {})
    (row,) = [{c: ("" if t is None else t.value) for c, t in zip(result.columns, r)} for r in result.rows]
    assert (row["event_type"], row["trigger"], row["claimant_label"], row["date"]) == (
        "Capture", "captured", "Russia", "2025-05-23"
    )
    assert row["claim"] == "to have captured the village of Rakivka" and row["denier_label"] == "Ukraine's army"
    assert row["denial"] == "Russian troops had captured the village"
