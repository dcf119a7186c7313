"""Event arguments: unnamed sites, "they", per-side counts, ordinals, accidents (hand-built parses, then the model)."""

from __future__ import annotations

import datetime

import pytest

from kgbuild.extract.actors import extract_actors
from kgbuild.extract.events import extract_events
from kgbuild.extract.reference import load_reference
from kgbuild.extract.spans import SpanMaker
from kgbuild.facts import Article, Event
from test_events import KHARKIV, PUBLISHED, RUSSIA, UKRAINE, counted, make_doc, only


def events_and_labels(rows: str) -> tuple[list[Event], dict[str, str]]:
    """The events of a hand-built parse and the label of every actor key."""
    doc = make_doc(rows)
    article = Article(id="test", text=doc.text, published=PUBLISHED)
    actors = extract_actors(doc, load_reference())
    events = extract_events(doc, actors, article, SpanMaker(doc), [])
    return events, {key: actors.label(key) for key in actors.records}


def test_events_arguments_each_side_released_counts_per_side():
    events, _ = events_and_labels("""
        Russia Russia PROPN NNP nsubj 4 B-GPE
        and and CCONJ CC cc 0
        Ukraine Ukraine PROPN NNP conj 0 B-GPE
        each each PRON DT appos 0
        released release VERB VBD ROOT 4
        390 390 NUM CD nummod 6 B-CARDINAL
        prisoners prisoner NOUN NNS dobj 4
        , , PUNCT , punct 6
        including include VERB VBG prep 6
        120 120 NUM CD nummod 10 B-CARDINAL
        civilians civilian NOUN NNS pobj 8
        on on ADP IN prep 4
        Friday Friday PROPN NNP pobj 11 B-DATE
        . . PUNCT . punct 4
    """)
    exchange = only(events, "PrisonerExchange")  # both sides released: an exchange
    assert set(exchange.participants) == {RUSSIA, UKRAINE}
    # "each released 390": 390 from each side, and the 120 civilians are among each side's 390
    assert counted(exchange) == {(390, "prisoners on each side"), (120, "civilians on each side")}
    assert exchange.date == datetime.date(2025, 5, 23)


def test_events_arguments_ordinal_stays_in_the_trigger_phrase():
    events, _ = events_and_labels("""
        EU EU PROPN NNP nsubj 1 B-ORG
        issued issue VERB VBD ROOT 1
        its its PRON PRP$ poss 5
        17th 17th ADJ JJ amod 4 B-ORDINAL
        sanctions sanction NOUN NNS compound 5
        package package NOUN NN dobj 1
        against against ADP IN prep 5
        Russia Russia PROPN NNP pobj 6 B-GPE
        . . PUNCT . punct 1
    """)
    sanctions = only(events, "Sanctions")
    assert sanctions.trigger.text == "17th sanctions package"  # which package it is
    assert sanctions.targets == (RUSSIA,) and len(sanctions.agents) == 1


def test_events_arguments_struck_site_is_the_target_and_there_the_place_named_before():
    events, names = events_and_labels("""
        Fighting fighting NOUN NN nsubj 1
        continued continue VERB VBD ROOT 1
        in in ADP IN prep 1
        Kharkiv Kharkiv PROPN NNP pobj 2 B-GPE
        . . PUNCT . punct 1
        Russia Russia PROPN NNP nsubj 6 B-GPE
        struck strike VERB VBD ROOT 6
        port port NOUN NN compound 8
        infrastructure infrastructure NOUN NN dobj 6
        there there ADV RB advmod 6
        . . PUNCT . punct 6
    """)
    attack = only(events, "Attack")
    assert attack.agents == (RUSSIA,)
    assert [names[k] for k in attack.targets] == ["port infrastructure"]
    # "there" is Kharkiv, not the port infrastructure read a word before it
    assert attack.places == (KHARKIV,)


def test_events_arguments_they_is_the_group_named_in_the_previous_sentence():
    events, names = events_and_labels("""
        Taliban Taliban PROPN NNP compound 1 B-ORG
        gunmen gunman NOUN NNS nsubj 2
        attacked attack VERB VBD ROOT 2
        the the DET DT det 4
        base base NOUN NN dobj 2
        . . PUNCT . punct 2
        They they PRON PRP nsubj 7
        killed kill VERB VBD ROOT 7
        23 23 NUM CD nummod 10 B-CARDINAL
        Afghan Afghan ADJ JJ amod 10 B-NORP
        soldiers soldier NOUN NNS dobj 7
        . . PUNCT . punct 7
    """)
    attack, killing = only(events, "Attack"), only(events, "Killing")
    assert [names[k] for k in attack.agents] == ["Taliban"]  # gunmen act for the group that sends them
    assert [names[k] for k in attack.targets] == ["base"]  # an unnamed site
    assert killing.agents == attack.agents  # "They"
    assert [names[k] for k in killing.targets] == ["23 Afghan soldiers"]


def test_events_arguments_they_with_no_group_before_names_no_one():
    events, _ = events_and_labels("""
        They they PRON PRP nsubj 1
        killed kill VERB VBD ROOT 1
        23 23 NUM CD nummod 3 B-CARDINAL
        soldiers soldier NOUN NNS dobj 1
        . . PUNCT . punct 1
    """)
    killing = only(events, "Killing")  # it stands on its victims
    assert killing.agents == ()


# --- parsed sentences -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def read():
    """Events of a short text through the real pipeline, with the label of every actor key."""
    from kgbuild.nlp import parse

    def events_and_names(text: str) -> tuple[list[Event], dict[str, str]]:
        article = Article(id="test", text=text, published=PUBLISHED)
        doc = next(parse([text]))
        actors = extract_actors(doc, load_reference())
        events = extract_events(doc, actors, article, SpanMaker(doc), [])
        return events, {key: actors.label(key) for key in actors.records}

    return events_and_names


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Two accidental explosions killed seven militants in Kandahar province on Friday.",  # accidents
    "The mortar round detonated accidentally, killing two soldiers at the depot.",
    "The Trump administration targeted 13 Venezuelan officials with sanctions on Wednesday.",  # no violence
])
def test_events_arguments_accidents_and_sanctions_targets_are_no_attacks(read, text):
    events, _ = read(text)
    assert not [e for e in events if e.event_type in {"Attack", "Killing"}]


@pytest.mark.model
def test_events_arguments_the_person_assassinated(read):
    events, names = read("Hamas carried out the assassination of Mikhail Orlov in Tbilisi.")
    attack = only(events, "Attack")
    assert [names[k] for k in attack.agents] == ["Hamas"]
    assert [names[k] for k in attack.targets] == ["Mikhail Orlov"]


@pytest.mark.model
def test_events_arguments_unnamed_site_as_the_place(read):
    events, names = read("A bomb exploded at the Riverside bus station, killing five people.")
    attack = only(events, "Attack")
    assert [names[k] for k in attack.places] == ["Riverside bus station"]
    assert [i.text for i in attack.instruments] == ["bomb"]
    assert attack.targets == ()  # what was attacked is not said: the five people are the killing's victims
    assert [names[k] for k in only(events, "Killing").targets] == ["five people"]


@pytest.mark.model
def test_events_arguments_device_of_a_coordinated_clause(read):
    events, _ = read("A grenade was hidden under a bench in the park and exploded on Thursday, wounding 8 people.")
    attack = only(events, "Attack")
    assert [i.text for i in attack.instruments] == ["grenade"]
    assert attack.date == datetime.date(2025, 5, 22)
    assert (8, "injured") in counted(attack)


@pytest.mark.model
def test_events_arguments_where_names_an_unnamed_site(read):
    events, names = read(
        "The second explosion was at the crowded Millbrook Road tram depot, where at least four people were killed."
    )
    killing = only(events, "Killing")
    assert [names[k] for k in killing.places] == ["crowded Millbrook Road tram depot"]
    assert [names[k] for k in killing.targets] == ["at least four people"]


@pytest.mark.model
def test_events_arguments_conjoined_event_nouns_share_their_victims(read):
    events, names = read("Residents mourned the massacre and maiming of villagers, nurses and teachers.")
    killing, injuring = only(events, "Killing"), only(events, "Injuring")
    victims = ["villagers", "nurses", "teachers"]
    assert [names[k] for k in killing.targets] == [names[k] for k in injuring.targets] == victims


@pytest.mark.model
def test_events_arguments_doer_of_an_attack_thought_carried_out_by(read):
    events, names = read("The ambush is now thought to have been carried out by Corsican separatist group FLNC.")
    assert [names[k] for k in only(events, "Attack").agents] == ["FLNC"]


@pytest.mark.model
def test_events_arguments_attacking_someone_as_a_fraud_is_no_attack(read):
    events, _ = read("The Republican candidate fiercely attacked his opponent as a liar during the televised forum.")
    assert "Attack" not in {e.event_type for e in events}
    violent, _ = read("Gunmen attacked the villagers as they slept.")  # "as" opening a clause: still an attack
    assert only(violent, "Attack").targets


@pytest.mark.model
def test_events_arguments_they_prefers_the_group_that_acted_and_years_keep_attacks_apart(read):
    events, names = read(
        "In 1998, armed separatists bombed the Central Post Office. In 2004, they attacked the HMS Dauntless, "
        "killing 12 British sailors."
    )
    attacks = [e for e in events if e.event_type == "Attack"]
    assert [e.trigger.text for e in attacks] == ["bombed", "attacked"]  # two attacks, six years apart
    assert all([names[k] for k in e.agents] == ["armed separatists"] for e in attacks)  # not the Central Post Office


@pytest.mark.model
def test_events_arguments_possessor_of_an_arrest_is_who_was_arrested(read):
    events, names = read("Navalny's arrest in January angered the West. Russia's arrest of Navalny angered the West.")
    first, second = [e for e in events if e.event_type == "Arrest"]
    assert [names[k] for k in first.targets] == ["Navalny"] and first.agents == ()
    assert second.agents == (RUSSIA,)  # with an "of" phrase the possessor did it


@pytest.mark.model
def test_events_arguments_a_population_that_exploded_is_no_attack(read):
    events, _ = read("The town's population has since exploded to more than 80,000 people.")
    assert events == []


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Retired firefighter Daniel Morrow shot himself in the garage of his home.",  # a suicide
    "Farmers were killing themselves at twice the rate of city dwellers.",
    "The governor has attacked tax breaks that favour the wealthy.",  # criticism of a thing
    # "carried" (as in "carried out") in a coordinated clause says nothing of the attacking
    "The governor has attacked subsidies, and has called for scrapping the tax treatment of carried interest.",
])
def test_events_arguments_suicides_and_criticism_of_things_are_no_attacks(read, text):
    events, _ = read(text)
    assert not [e for e in events if e.event_type in {"Attack", "Killing"}]


@pytest.mark.model
def test_events_arguments_things_weapons_strike_are_still_attacked(read):
    convoy, names = read("Gunmen attacked the convoy near Kandahar.")
    assert [names[k] for k in only(convoy, "Attack").agents] == ["Gunmen"]
    bomber, names = read("The suicide bomber blew himself up at the checkpoint.")
    assert [names[k] for k in only(bomber, "Attack").agents] == ["suicide bomber"]


@pytest.mark.model
def test_events_arguments_criticized_for_killing_names_the_object_as_killer(read):
    events, names = read("The mayor criticized police officer Laura Benson for shooting and killing Marcus Hale.")
    killing = only(events, "Killing")
    assert [names[k] for k in killing.agents] == ["Laura Benson"]  # not the mayor, who criticized her
    assert [names[k] for k in killing.targets] == ["Marcus Hale"]


def test_events_arguments_those_injured_are_the_victims():
    # "those injured": a demonstrative with a participle stands for the people it describes
    events, names = events_and_labels("""
        Police police NOUN NNS nsubj 1
        visited visit VERB VBD ROOT 1
        those those PRON DT dobj 1
        injured injure VERB VBN acl 2
        in in ADP IN prep 3
        the the DET DT det 6
        bombing bombing NOUN NN pobj 4
        . . PUNCT . punct 1
    """)
    injuring = only(events, "Injuring")
    assert [names[k] for k in injuring.targets] == ["those"]


def test_events_arguments_parts_of_a_count_are_not_more_people():
    # "11 people, six men and five women": 6 + 5 = 11, the same people told again; "villagers, nurses and
    # teachers" with no counts stay apart (test_events_arguments_conjoined_event_nouns_share_their_victims)
    events, names = events_and_labels("""
        Troops troop NOUN NNS nsubj 1
        detained detain VERB VBD ROOT 1
        11 11 NUM CD nummod 3 B-CARDINAL
        people people NOUN NNS dobj 1
        , , PUNCT , punct 3
        six six NUM CD nummod 6 B-CARDINAL
        men man NOUN NNS conj 3
        and and CCONJ CC cc 6
        five five NUM CD nummod 9 B-CARDINAL
        women woman NOUN NNS conj 6
        . . PUNCT . punct 1
    """)
    arrest = only(events, "Arrest")
    assert [names[k] for k in arrest.targets] == ["11 people"]


def test_events_arguments_participle_tagged_past_tense_still_describes_its_noun():
    # "the families of the six service members killed": the tagger says VBD, the parse says acl
    events, names = events_and_labels("""
        We we PRON PRP nsubj 1
        mourn mourn VERB VBP ROOT 1
        six six NUM CD nummod 4 B-CARDINAL
        service service NOUN NN compound 4
        members member NOUN NNS dobj 1
        killed kill VERB VBD acl 4
        . . PUNCT . punct 1
    """)
    killing = only(events, "Killing")
    assert [names[k] for k in killing.targets] == ["six service members"]
