"""Attacks whose attacker is not named, and the days a multi-day event lasts (hand-built parses)."""

from __future__ import annotations

import datetime

from kgbuild.extract.dates import days_spanned, last_day
from test_events_arguments import events_and_labels


def test_events_agentless_bomb_that_exploded_is_an_attack_by_no_one_named():
    events, names = events_and_labels("""
        A a DET DT det 1
        bomb bomb NOUN NN nsubj 2
        exploded explode VERB VBD ROOT 2
        in in ADP IN prep 2
        Kabul Kabul PROPN NNP pobj 3 B-GPE
        . . PUNCT . punct 2
    """)
    (attack,) = events
    assert attack.event_type == "Attack"
    assert attack.agents == attack.participants == ()  # the attacker is unknown: kept all the same
    assert [names[k] for k in attack.places] == ["Kabul"]
    assert [i.text for i in attack.instruments] == ["bomb"]  # the weapon, without its article


def test_events_agentless_bare_definite_attack_only_points_back():
    # "the attack" with nothing of its own names an attack told before, not a new one
    events, _ = events_and_labels("""
        Officials official NOUN NNS nsubj 1
        condemned condemn VERB VBD ROOT 1
        the the DET DT det 3
        attack attack NOUN NN dobj 1
        . . PUNCT . punct 1
    """)
    assert events == []


def test_events_agentless_headline_naming_no_one_restates_the_body():
    # "Deadly attack in Odesa" over "Russia struck Odesa": one attack, told in the body
    events, names = events_and_labels("""
        Deadly deadly ADJ JJ amod 1
        attack attack NOUN NN ROOT 1
        in in ADP IN prep 1
        Odesa Odesa PROPN NNP pobj 2 B-GPE
        --
        Russia Russia PROPN NNP nsubj 5 B-GPE
        struck strike VERB VBD ROOT 5
        Odesa Odesa PROPN NNP dobj 5 B-GPE
        with with ADP IN prep 5
        missiles missile NOUN NNS pobj 7
        . . PUNCT . punct 5
    """)
    (attack,) = events
    assert attack.trigger.text == "struck" and [names[k] for k in attack.agents] == ["Russia"]


def test_events_agentless_days_spanned_counts_the_days_of_a_stretch():
    assert days_spanned("three days") == 3
    assert days_spanned("the next 10 days") == 10
    assert days_spanned("Friday") is None
    assert days_spanned("three weeks") is None
    # Friday 2025-05-23 and the two days after it
    assert last_day(datetime.date(2025, 5, 23), 3) == datetime.date(2025, 5, 25)
    assert last_day(datetime.date(2025, 5, 23), 1) == datetime.date(2025, 5, 23)


def test_events_agentless_site_named_in_the_event_noun_is_not_its_doer():
    # "a Bagram Airfield bombing": the airfield is where, not who (even when the tagger calls it an organization)
    events, _ = events_and_labels("""
        A a DET DT det 3
        Bagram Bagram PROPN NNP compound 2 B-ORG
        Airfield airfield PROPN NNP compound 3 I-ORG
        bombing bombing NOUN NN nsubj 4
        killed kill VERB VBD ROOT 4
        two two NUM CD dobj 4 B-CARDINAL
        . . PUNCT . punct 4
    """)
    attack = next(e for e in events if e.event_type == "Attack")
    assert attack.agents == attack.participants == ()


def test_events_agentless_bombs_that_went_off_but_not_an_alarm():
    events, names = events_and_labels("""
        Two two NUM CD nummod 1 B-CARDINAL
        bombs bomb NOUN NNS nsubj 2
        went go VERB VBD ROOT 2
        off off ADP RP prt 2
        in in ADP IN prep 2
        Belfast Belfast PROPN NNP pobj 4 B-GPE
        . . PUNCT . punct 2
        The the DET DT det 8
        alarm alarm NOUN NN nsubj 9
        went go VERB VBD ROOT 9
        off off ADP RP prt 9
        . . PUNCT . punct 9
    """)
    (attack,) = events  # the alarm going off is no attack
    assert attack.event_type == "Attack" and attack.trigger.text == "went off"
    assert [i.text for i in attack.instruments] == ["Two bombs"]
    assert [names[k] for k in attack.places] == ["Belfast"]
