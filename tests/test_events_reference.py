"""Who did what on the reference article, through every stage and the who-did-what query: the issue's checklist.

Every value below was checked by hand against the article (../shared/corpus/seed/prisoner-swap.txt, published
Saturday 2025-05-24).
"""

from __future__ import annotations

import datetime

import pytest
from rdflib import RDF, RDFS

from conftest import SEED_ARTICLE
from kgbuild.queries import load_query, run_query
from kgbuild.rdf import graph_iri
from kgbuild.vocab import KG

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here"),
]


@pytest.fixture(scope="module")
def store(reference_article_store):
    return reference_article_store


@pytest.fixture(scope="module")
def events(store) -> list[dict]:
    """who-did-what rows merged per event: agents as a set, the list columns split."""
    result = run_query(store, load_query("who-did-what"), {})
    merged: dict[str, dict] = {}
    for row in result.rows:
        values = {c: ("" if t is None else t.value) for c, t in zip(result.columns, row)}
        event = merged.setdefault(values["event"], {**values, "agents": set()})
        if values["agent_label"]:
            event["agents"].add(values["agent_label"])
    for event in merged.values():
        for column in ("participant_labels", "target_label", "place_label", "quantities", "instruments"):
            event[column] = set(filter(None, event[column].split("; ")))
    return list(merged.values())


def the(events: list[dict], event_type: str, **where) -> dict:
    found = [e for e in events if e["event_type"] == event_type and all(e[k] == v for k, v in where.items())]
    assert len(found) == 1, [(e["event_type"], e["trigger"], e["date"]) for e in events]
    return found[0]


def test_events_reference_who_did_what_the_two_exchange_days_are_part_of_the_three_day_exchange(events):
    # "which should see 1,000 prisoners released on each side over three days"
    whole = the(events, "PrisonerExchange", trigger="prisoner swap")
    assert whole["participant_labels"] == {"Russia", "Ukraine"}
    assert whole["quantities"] == {"1000 prisoners on each side"}
    assert (whole["date"], whole["end_date"]) == ("2025-05-23", "2025-05-25")  # Friday to Sunday
    # "The first part of the exchange took place on Friday when Russia and Ukraine each released 390 prisoners,
    # including 120 civilians"
    friday = the(events, "PrisonerExchange", trigger="released")
    assert friday["date"] == "2025-05-23"
    assert friday["agents"] == {"Russia", "Ukraine"}
    assert friday["quantities"] == {"390 prisoners on each side", "120 civilians on each side"}
    # "Russia and Ukraine each exchanged 307 of their service personnel on Saturday"
    saturday = the(events, "PrisonerExchange", date="2025-05-24")
    assert saturday["agents"] == {"Russia", "Ukraine"}
    assert saturday["quantities"] == {"307 service personnel on each side"}
    assert friday["part_of"] == saturday["part_of"] == whole["trigger"]


def test_events_reference_who_did_what_overnight_bombardment_of_kyiv(events):
    # "the Ukrainian capital was rocked by an overnight Russian bombardment using long-range drones and ballistic
    # missiles, in which 15 people were injured"
    bombardment = the(events, "Attack", trigger="bombardment")
    assert bombardment["agents"] == {"Russia"}
    assert bombardment["target_label"] == bombardment["place_label"] == {"Kyiv"}
    assert bombardment["date"] == "2025-05-24"  # the night before the Saturday it was published
    assert bombardment["instruments"] == {"long-range drones", "ballistic missiles"}
    assert bombardment["quantities"] == {"15 injured"}
    injuring = the(events, "Injuring", part_of="bombardment")
    assert injuring["target_label"] == {"15 people"} and injuring["agents"] == {"Russia"}


def test_events_reference_who_did_what_odesa_port_strike(events):
    # "The governor of Ukraine's Odesa region, Oleh Kiper, said Russia had struck port infrastructure there with two
    # missiles on Friday afternoon, killing one person and wounding eight."
    strike = the(events, "Attack", trigger="struck")
    assert strike["agents"] == {"Russia"}
    assert strike["target_label"] == {"port infrastructure"}
    assert strike["place_label"] == {"Odesa region"}  # "there": the region the governor governs
    assert strike["date"] == "2025-05-23"
    assert strike["instruments"] == {"two missiles"}
    assert strike["quantities"] == {"2 missiles", "1 killed", "8 injured"}
    killing, injuring = the(events, "Killing", part_of="struck"), the(events, "Injuring", part_of="struck")
    assert killing["target_label"] == {"one person"} and injuring["target_label"] == {"eight"}
    assert killing["agents"] == injuring["agents"] == {"Russia"}
    # the subheading "Deadly attack in Odesa" tells the same strike: no second attack
    assert len([e for e in events if e["event_type"] == "Attack"]) == 2


def test_events_reference_who_did_what_istanbul_talks_and_the_trump_putin_call(events):
    # "agreed at short-lived talks in Istanbul on May 16 between Russian and Ukrainian delegations"
    talks = the(events, "Talks")
    assert talks["participant_labels"] == {"Russia", "Ukraine"}
    assert talks["place_label"] == {"Istanbul"} and talks["date"] == "2025-05-16"
    # "after speaking with Putin on Monday": Monday 2025-05-19
    call = the(events, "PhoneCall")
    assert call["agents"] == {"Donald Trump"}
    assert call["participant_labels"] == {"Donald Trump", "Vladimir Putin"}
    assert call["date"] == "2025-05-19"


def test_events_reference_who_did_what_the_eus_17th_sanctions_package(events):
    # "even as the European Union issued its 17th sanctions package against Russia" (the text dates it no further)
    sanctions = the(events, "Sanctions")
    assert sanctions["trigger"] == "17th sanctions package"
    assert sanctions["agents"] == {"European Union"} and sanctions["target_label"] == {"Russia"}


def test_events_reference_who_did_what_claimed_capture_of_rakivka(events):
    # "Russia ... claimed on Friday to have captured a settlement called Rakivka in Ukraine's northeastern Kharkiv
    # region"
    capture = the(events, "Capture")
    assert capture["agents"] == {"Russia"} and capture["status"] == "claimed"
    assert capture["target_label"] == {"Rakivka"}
    assert "Kharkiv region" in capture["place_label"]
    assert capture["date"] == "2025-05-23"


def test_events_reference_graph_three_day_exchange_has_a_date_range(store):
    # "1,000 prisoners released on each side over three days"; "The first part of the exchange took place on
    # Friday" (2025-05-23): Friday, Saturday and Sunday, read from the article's graph, not from a query
    graph = store.graph(str(graph_iri("prisoner-swap")))
    ranges = {
        (str(graph.value(event, RDFS.label)), graph.value(event, KG.date).toPython(), end.toPython())
        for event, end in graph.subject_objects(KG.endDate)
    }
    assert ranges == {("prisoner swap", datetime.date(2025, 5, 23), datetime.date(2025, 5, 25))}
    assert (None, RDF.type, KG.PrisonerExchange) in graph
