"""Where an event happened: a route one is on, a wider place in apposition, the place of a time phrase, and the
place an attack shares with its toll (hand-built parses)."""

from __future__ import annotations

from test_events import only
from test_events_arguments import events_and_labels


def test_events_places_route_of_the_toll_is_where_the_attack_happened():
    # "on a busy street": one is on a street, not attacking it; the attack took place where its toll did
    events, names = events_and_labels("""
        A a DET DT det 1
        bomb bomb NOUN NN nsubj 2
        exploded explode VERB VBD ROOT 2
        , , PUNCT , punct 2
        wounding wound VERB VBG advcl 2
        13 13 NUM CD nummod 6 B-CARDINAL
        people people NOUN NNS dobj 4
        on on ADP IN prep 4
        a a DET DT det 10
        busy busy ADJ JJ amod 10
        street street NOUN NN pobj 7
        in in ADP IN prep 10
        Lyon Lyon PROPN NNP pobj 11 B-GPE
        . . PUNCT . punct 2
    """)
    attack, injuring = only(events, "Attack"), only(events, "Injuring")
    assert [names[k] for k in injuring.places] == ["busy street", "Lyon"]
    assert attack.places == injuring.places
    assert attack.targets == ()


def test_events_places_wider_place_in_apposition():
    events, names = events_and_labels("""
        Gunmen gunman NOUN NNS nsubj 1
        attacked attack VERB VBD ROOT 1
        a a DET DT det 3
        camp camp NOUN NN dobj 1
        in in ADP IN prep 1
        Helmand Helmand PROPN NNP compound 6 B-GPE
        Province Province PROPN NNP pobj 4 I-GPE
        , , PUNCT , punct 6
        Afghanistan Afghanistan PROPN NNP appos 6 B-GPE
        . . PUNCT . punct 1
    """)
    attack = only(events, "Attack")
    assert [names[k] for k in attack.places] == ["Helmand Province", "Afghanistan"]


def test_events_places_place_of_the_time_phrase():
    # "On December 21 in Bagram": the parser hangs the place on the date
    events, names = events_and_labels("""
        On on ADP IN prep 8
        December December PROPN NNP pobj 0 B-DATE
        21 21 NUM CD nummod 1 I-DATE
        in in ADP IN prep 1
        Bagram Bagram PROPN NNP pobj 3 B-GPE
        , , PUNCT , punct 8
        a a DET DT det 7
        bomber bomber NOUN NN nsubj 8
        blew blow VERB VBD ROOT 8
        himself himself PRON PRP dobj 8
        up up ADP RP prt 8
        . . PUNCT . punct 8
    """)
    attack = only(events, "Attack")
    assert [names[k] for k in attack.places] == ["Bagram"]
