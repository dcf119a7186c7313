"""The reference article through every stage, with the real model: the issue's acceptance checks."""

from __future__ import annotations

import json

import pytest

from conftest import SEED_ARTICLE
from kgbuild.queries import load_query, run_query

pytestmark = [
    pytest.mark.model,
    pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="the shared reference article is not here"),
]


@pytest.fixture(scope="module")
def store(reference_article_store):
    return reference_article_store


def rows(store, name, **params):
    result = run_query(store, load_query(name), params)
    return [{c: ("" if t is None else t.value) for c, t in zip(result.columns, row)} for row in result.rows]


def statement_by(store, speaker_label: str, words: str) -> dict:
    matches = [r for r in rows(store, "who-said-what") if r["speaker_label"] == speaker_label and words in r["quote"]]
    assert matches, f"no statement by {speaker_label} with {words!r}"
    return matches[0]


def test_end_to_end_offsets_slice_the_article(store):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for row in rows(store, "who-said-what"):
        assert text[int(row["start"]) : int(row["end"])] == row["quote"]
    for row in rows(store, "who-did-what"):
        assert text[int(row["start"]) : int(row["end"])] == row["trigger"]


def test_end_to_end_zelenskyy_direct_quotes(store):
    first = statement_by(store, "Volodymyr Zelenskyy", "Tomorrow we expect more")
    second = statement_by(store, "Volodymyr Zelenskyy", "Our goal is to return each and every one of us")
    assert first["kind"] == second["kind"] == "direct"


def test_end_to_end_trump_truth_social_message(store):
    message = statement_by(store, "Donald Trump", "Congratulations to both sides on this negotiation")
    assert (message["kind"], message["medium"], message["date"]) == ("direct", "Truth Social", "2025-05-23")


def test_end_to_end_lavrov_indirect_statement(store):
    lavrov = statement_by(store, "Sergei Lavrov", "draft document")
    assert (lavrov["kind"], lavrov["date"]) == ("indirect", "2025-05-23")


def test_end_to_end_freed_serviceman_is_not_zelenskyy(store):
    words = [r for r in rows(store, "who-said-what") if "believe I" in r["quote"]]
    assert len(words) == 1 and words[0]["speaker_label"] == "one man"


def test_end_to_end_actor_parameter_takes_a_qid(store):
    assert {r["speaker_label"] for r in rows(store, "who-said-what", actor="Q3874799")} == {"Volodymyr Zelenskyy"}


def events(store, event_type: str) -> list[dict]:
    return rows(store, "who-did-what", type=event_type)


def test_end_to_end_both_days_of_the_prisoner_exchange(store):
    exchanges = events(store, "PrisonerExchange")
    saturday = [e for e in exchanges if e["date"] == "2025-05-24" and "307" in e["quantities"]]
    friday = [e for e in exchanges if e["date"] == "2025-05-23" and "390" in e["quantities"]]
    assert saturday and friday
    assert "120 civilians" in friday[0]["quantities"]
    for day in (saturday, friday):
        sides = {e["agent_label"] for e in day} | set(day[0]["participant_labels"].split("; "))
        assert {"Russia", "Ukraine"} <= sides


def test_end_to_end_overnight_bombardment_of_kyiv(store):
    bombardment = [e for e in events(store, "Attack") if e["place_label"] == "Kyiv"]
    assert len(bombardment) == 1
    assert (bombardment[0]["agent_label"], bombardment[0]["date"]) == ("Russia", "2025-05-24")
    assert "15 injured" in bombardment[0]["quantities"]


def test_end_to_end_missile_strike_on_odesa(store):
    strike = [e for e in events(store, "Attack") if "Odesa" in e["place_label"]]
    assert len(strike) == 1
    assert (strike[0]["agent_label"], strike[0]["date"]) == ("Russia", "2025-05-23")
    assert {"2 missiles", "1 killed"} <= set(strike[0]["quantities"].split("; "))


def test_end_to_end_store_validates(store):
    from kgbuild.validate import validate_graph

    for graph_iri in store.article_graphs():
        assert validate_graph(store.graph(graph_iri)).conforms


def test_end_to_end_zelenskyy_second_quote_continues_the_first(store):
    second = statement_by(store, "Volodymyr Zelenskyy", "Our goal is to return")
    result = store.query(
        "SELECT ?first_text WHERE { ?second <https://w3id.org/kgbuild/ontology#text> ?text ; "
        "<https://w3id.org/kgbuild/ontology#continues>/<https://w3id.org/kgbuild/ontology#text> ?first_text . "
        f"FILTER(?text = {json.dumps(second['quote'])}) }}"
    )
    assert [row[0].value for row in result.rows] == ["Tomorrow we expect more"]
