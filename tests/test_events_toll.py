"""Event rules for who did it, to whom and where, beyond the verb's own phrase: counts with "more", names the
entity recognizer missed, "involved in", "claimed nine lives", what an attack hit or was aimed at, who was handed
an ultimatum, coordinated verbs, a casualty clause on the wrong verb, streets as places (hand-built parses, then
the model)."""

from __future__ import annotations

import pytest

from kgbuild.extract.actors import extract_actors
from kgbuild.extract.events import extract_events
from kgbuild.extract.reference import load_reference
from kgbuild.extract.spans import SpanMaker
from kgbuild.facts import Article, Event
from test_events import PUBLISHED, make_doc, only


def hand_built(rows: str) -> tuple[list[Event], dict[str, str], dict[str, str]]:
    """The events of a hand-built parse, the label and the kind of every actor key."""
    doc = make_doc(rows)
    article = Article(id="test", text=doc.text, published=PUBLISHED)
    actors = extract_actors(doc, load_reference())
    events = extract_events(doc, actors, article, SpanMaker(doc), [])
    return events, {k: actors.label(k) for k in actors.records}, {k: actors.kind(k) for k in actors.records}


def test_events_toll_untagged_acronym_claiming_responsibility_is_the_attacker():
    events, names, kinds = hand_built("""
        Officials official NOUN NNS nsubj 1
        said say VERB VBD ROOT 1
        the the DET DT det 3
        PKK PKK PROPN NNP nsubj 4
        accepted accept VERB VBD ccomp 1
        responsibility responsibility NOUN NN dobj 4
        for for ADP IN prep 5
        the the DET DT det 8
        bombing bombing NOUN NN pobj 6
        . . PUNCT . punct 1
    """)
    attack = only(events, "Attack")
    assert [names[k] for k in attack.agents] == ["PKK"]
    assert kinds[attack.agents[0]] == "Organization"  # an acronym names a group


def test_events_toll_untagged_name_of_the_dead_is_a_person():
    events, names, kinds = hand_built("""
        On on ADP IN prep 2
        Tuesday Tuesday PROPN NNP pobj 0 B-DATE
        Karimov Karimov PROPN NNP nsubj 3
        died die VERB VBD ROOT 3
        after after ADP IN prep 3
        a a DET DT det 6
        gunfight gunfight NOUN NN pobj 4
        . . PUNCT . punct 3
    """)
    killing = only(events, "Killing")
    assert [names[k] for k in killing.targets] == ["Karimov"]
    assert kinds[killing.targets[0]] == "Person"


def test_events_toll_weapon_tagged_as_a_name_is_no_actor():
    events, names, _ = hand_built("""
        A a DET DT det 2
        roadside roadside NOUN NN compound 2
        IED IED PROPN NNP nsubj 3
        exploded explode VERB VBD ROOT 3
        near near ADP IN prep 3
        a a DET DT det 6
        checkpoint checkpoint NOUN NN pobj 4
        . . PUNCT . punct 3
    """)
    attack = only(events, "Attack")
    assert [i.text for i in attack.instruments] == ["roadside IED"]
    assert "IED" not in names.values()


def test_events_toll_named_streets_after_at_are_places_whatever_ner_says():
    events, names, kinds = hand_built("""
        Warnings warning NOUN NNS nsubj 1
        came come VERB VBD ROOT 1
        before before ADP IN prep 1
        the the DET DT det 5
        two two NUM CD nummod 5
        explosions explosion NOUN NNS pobj 2
        at at ADP IN prep 5
        Baker Baker PROPN NNP compound 8 B-ORG
        Street Street PROPN NNP pobj 6 I-ORG
        and and CCONJ CC cc 8
        Mill Mill PROPN NNP compound 11 B-ORG
        Road Road PROPN NNP conj 8 I-ORG
        . . PUNCT . punct 1
        Downing Downing PROPN NNP compound 14 B-ORG
        Street Street PROPN NNP nsubj 15 I-ORG
        said say VERB VBD ROOT 15
        nothing nothing PRON NN dobj 15
        . . PUNCT . punct 15
    """)
    attack = only(events, "Attack")
    assert [names[k] for k in attack.places] == ["Baker Street", "Mill Road"]
    # as a speaker a street stands for those who work there: it stays what NER made of it
    assert [kinds[k] for k, name in names.items() if name == "Downing Street"] == ["Organization"]


def test_events_toll_preposition_parsed_as_a_particle_still_has_its_object():
    events, names, _ = hand_built("""
        The the DET DT det 1
        council council NOUN NN nsubj 2
        called call VERB VBD ROOT 2
        on on ADP RP prt 2
        residents resident NOUN NNS pobj 3
        to to PART TO aux 6
        stay stay VERB VB xcomp 2
        home home ADV RB advmod 6
        . . PUNCT . punct 2
    """)
    demand = only(events, "Demand")
    assert [names[k] for k in demand.agents] == ["council"]
    assert [names[k] for k in demand.targets] == ["residents"]


# --- parsed sentences -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def read():
    """Events of a short text through the real pipeline, with the label of every actor key."""
    from kgbuild.nlp import parse

    def events_and_names(text: str) -> tuple[list[Event], dict[str, str], dict[str, list[str]]]:
        article = Article(id="test", text=text, published=PUBLISHED)
        doc = next(parse([text]))
        actors = extract_actors(doc, load_reference())
        events = extract_events(doc, actors, article, SpanMaker(doc), [])
        mentions = {r.key: [doc[s:e].text for s, e in r.mentions] for r in actors.records.values()}
        return events, {key: actors.label(key) for key in actors.records}, mentions

    return events_and_names


@pytest.mark.model
@pytest.mark.parametrize(("text", "victims"), [
    ("Eleven soldiers were killed and some 40 more were wounded in the ambush.", "some 40 more"),
    ("Rebels raided the town on Sunday, killing 20 people and injuring dozens more.", "dozens more"),
])
def test_events_toll_count_keeps_its_more(read, text, victims):
    events, names, mentions = read(text)
    injuring = only(events, "Injuring")
    assert [names[k] for k in injuring.targets] == [victims]
    # "more" is the word the count stands on: the mention runs to it
    assert mentions[injuring.targets[0]] == [victims]


@pytest.mark.model
@pytest.mark.parametrize(("text", "doers"), [
    ("Prosecutors named five men involved in the bombing.", ["five men"]),
    ("Police said those responsible were involved in the botched assassination attempt.", ["those"]),
])
def test_events_toll_people_involved_in_an_attack_did_it(read, text, doers):
    events, names, _ = read(text)
    assert [names[k] for k in only(events, "Attack").agents] == doers


@pytest.mark.model
def test_events_toll_claimed_lives_is_a_killing_by_no_weapon(read):
    events, names, _ = read("Two car bombs claimed the lives of nine people in the city centre.")
    killing = only(events, "Killing")
    assert [names[k] for k in killing.targets] == ["nine people"]  # the people whose lives
    assert killing.agents == ()  # bombs kill no one on their own: they are the means
    assert [i.text for i in killing.instruments] == ["Two car bombs"]
    events, names, _ = read("It was a car bomb that claimed nine lives.")
    killing = only(events, "Killing")
    assert [names[k] for k in killing.targets] == ["nine lives"]
    assert killing.agents == ()


@pytest.mark.model
def test_events_toll_other_claims_are_no_killing(read):
    events, _, _ = read("The senator claimed the election was stolen.")
    assert not [e for e in events if e.event_type == "Killing"]


@pytest.mark.model
def test_events_toll_what_an_attack_noun_hit_and_where_it_was(read):
    events, names, _ = read("The explosion hit a school on Market Street.")
    attack = only(events, "Attack")
    assert [names[k] for k in attack.targets] == ["school"]
    assert [names[k] for k in attack.places] == ["Market Street"]
    events, names, _ = read("The first blast was at the crowded railway station.")
    assert [names[k] for k in only(events, "Attack").places] == ["crowded railway station"]


@pytest.mark.model
@pytest.mark.parametrize(("text", "targets"), [
    ("The region has seen dozens of bombings targeted at the police stationed there.", ["police"]),
    ("Militants claimed responsibility for the bombings, which appeared to be aimed at pilgrims.", ["pilgrims"]),
])
def test_events_toll_what_an_attack_was_aimed_at_is_its_target(read, text, targets):
    events, names, _ = read(text)
    assert [names[k] for k in only(events, "Attack").targets] == targets


@pytest.mark.model
def test_events_toll_place_of_the_market_attacked(read):
    events, names, _ = read("Five people were killed on Tuesday in an attack on a crowded market in Kabul.")
    attack = only(events, "Attack")
    assert [names[k] for k in attack.targets] == ["crowded market"]
    assert [names[k] for k in attack.places] == ["Kabul"]
    assert [names[k] for k in only(events, "Killing").places] == ["Kabul"]  # the toll happened there too


@pytest.mark.model
def test_events_toll_casualty_clause_hung_on_the_main_verb_belongs_to_the_attack(read):
    events, names, _ = read(
        "Detectives are searching for a woman who planted a parcel holding a device that exploded on Monday, "
        "injuring nine people at a crowded market in the town of Ormond."
    )
    attack, injuring = only(events, "Attack"), only(events, "Injuring")
    assert "crowded market" in [names[k] for k in attack.places]
    assert injuring.agents == ()  # the detectives hurt no one


@pytest.mark.model
@pytest.mark.parametrize(("text", "doers", "recipients"), [
    ("Students were given an ultimatum by their teachers.", ["their teachers"], ["Students"]),
    ("The minister gave the unions an ultimatum.", ["minister"], ["unions"]),
])
def test_events_toll_who_was_handed_an_ultimatum_is_threatened(read, text, doers, recipients):
    events, names, _ = read(text)
    threat = only(events, "Threat")
    assert [names[k] for k in threat.agents] == doers
    assert [names[k] for k in threat.targets] == recipients


@pytest.mark.model
def test_events_toll_coordinated_verbs_share_a_pronoun_doer(read):
    events, names, _ = read("Taliban gunmen stormed the base. They killed two guards and wounded another five.")
    killing, injuring = only(events, "Killing"), only(events, "Injuring")
    assert [names[k] for k in killing.agents] == [names[k] for k in injuring.agents] == ["Taliban"]


@pytest.mark.model
def test_events_toll_participle_describes_the_whole_coordination(read):
    events, names, _ = read("Medics found two women and a child injured.")
    assert [names[k] for k in only(events, "Injuring").targets] == ["two women", "child"]


@pytest.mark.model
def test_events_toll_statement_issued_is_an_announcement(read):
    events, names, _ = read("The rebel commander was criticised by villagers and issued a statement on Monday.")
    # the active verb coordinated with a passive one shares its subject
    assert [names[k] for k in only(events, "Announcement").agents] == ["rebel commander"]
    events, _, _ = read("The government issued a ban on public gatherings.")
    assert not [e for e in events if e.event_type == "Announcement"]


def test_events_toll_aiming_verb_is_no_second_attack():
    events, names, _ = hand_built("""
        Bombings bombing NOUN NNS nsubj 6
        targeted target VERB VBN acl 0
        at at ADP IN prep 1
        the the DET DT det 5
        Russian Russian ADJ JJ amod 5 B-NORP
        military military NOUN NN pobj 2
        continued continue VERB VBD ROOT 6
        . . PUNCT . punct 6
    """)
    attack = only(events, "Attack")  # one attack, told by the noun
    assert attack.trigger.text == "Bombings"
    assert [names[k] for k in attack.targets] == ["Russian military"]


@pytest.mark.model
def test_events_toll_strike_for_a_set_time_is_no_attack(read):
    for text in ("Taxis stopped during a 48-hour strike in the capital.",
                 "A 24-hour strike shut schools across the country on Monday."):
        events, _, _ = read(text)
        assert not [e for e in events if e.event_type == "Attack"]
