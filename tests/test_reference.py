"""Reference tables: every QID checked against a named public list, names, ISO codes, capitals, offices."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

from kgbuild.extract.reference import BUILTIN_OFFICES, BUILTIN_TABLES, load_reference, read_offices, read_table

CHECK_LISTS = Path(__file__).resolve().parent / "data"


def check_rows(name: str) -> list[dict[str, str]]:
    """Rows of a check list in tests/data (CSV, "#" comment lines first)."""
    with (CHECK_LISTS / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def builtin_rows():
    return [actor for path in BUILTIN_TABLES for actor in read_table(path)]


def test_reference_every_state_qid_and_iso_code_matches_the_check_list():
    states = {row["qid"]: row for row in check_rows("wikidata_states.csv")}
    table_states = [a for a in builtin_rows() if a.iso3]
    assert len(table_states) == 196  # 193 UN members, 2 observer states, Taiwan
    for actor in table_states:
        assert actor.qid in states, actor.label
        assert (actor.iso2, actor.iso3) == (states[actor.qid]["iso2"], states[actor.qid]["iso3"]), actor.label


def test_reference_every_capital_matches_the_check_list():
    capitals = {row["state"]: row["capital"] for row in check_rows("wikidata_capitals.csv")}
    table = load_reference()
    for actor in builtin_rows():
        if actor.kind == "State" and actor.iso3 and actor.capital:
            assert capitals[actor.qid] == actor.capital, actor.label
            assert table.by_qid[actor.capital].kind == "Place"


def test_reference_every_qid_in_the_tables_is_on_a_check_list():
    checked = (
        {row["qid"] for row in check_rows("wikidata_states.csv")}
        | {row["capital"] for row in check_rows("wikidata_capitals.csv")}
        | {row["qid"] for row in check_rows("wikidata_other.csv")}
    )
    qids = {a.qid for a in builtin_rows()} | {a.capital for a in builtin_rows() if a.capital}
    offices = read_offices(BUILTIN_OFFICES)
    qids |= {o.person for o in offices} | {o.of for o in offices} | {o.office_qid for o in offices if o.office_qid}
    assert sorted(qids - checked) == []


def test_reference_has_no_duplicate_qid_across_tables():
    qids = [a.qid for a in builtin_rows()]
    assert len(qids) == len(set(qids))


def test_reference_names_and_adjectives_find_the_actor():
    table = load_reference()
    assert table.lookup("the United States").qid == "Q30"
    assert table.lookup("Ukraine").qid == "Q212"
    assert table.lookup("Lavrov").qid == "Q58217"
    assert table.lookup("NATO").kind == "Organization"
    assert table.by_adjective["Ivorian"].qid == "Q1008"
    assert table.by_adjective["Russian"].qid == "Q159"
    # a capital stands for its state, even where the capital is not the largest city
    assert table.state_of_capital["Q3114"] == "Q408"  # Canberra -> Australia


def test_reference_office_held_on_a_date():
    table = load_reference()
    # Trump's two terms: held in 2018 and 2025, not in 2022 (Biden's term)
    in_2025 = table.offices_held("Q22686", datetime.date(2025, 5, 24))
    assert [o.office for o in in_2025] == ["President of the United States"]
    assert table.offices_held("Q22686", datetime.date(2022, 1, 1)) == []
    assert [o.office for o in table.offices_held("Q6279", datetime.date(2022, 1, 1))] == ["President of the United States"]
    lavrov = table.offices_held("Q58217", datetime.date(2025, 5, 24))
    assert [(o.office, o.of) for o in lavrov] == [("Minister of Foreign Affairs of Russia", "Q159")]


def test_reference_user_tables_in_csv_and_turtle_win_over_the_builtin_rows(tmp_path):
    csv_table = tmp_path / "mine.csv"
    csv_table.write_text("qid,kind,label,aliases,adjectives,capital\nQ999001,State,Northland,the North,Northern,\n")
    turtle_table = tmp_path / "mine.ttl"
    turtle_table.write_text(
        "@prefix kg: <https://w3id.org/kgbuild/ontology#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix wd: <http://www.wikidata.org/entity/> .\n"
        '<x:ana> a kg:Person ; rdfs:label "Ana Lopez" ; kg:alias "Lopez" ; owl:sameAs wd:Q999002 .\n'
        '<x:trump> a kg:Person ; rdfs:label "Donald Trump" ; kg:alias "The Donald" ; kg:wikidata "Q999003" .\n'
        '<x:noqid> a kg:Person ; rdfs:label "Nobody" .\n'
    )
    table = load_reference((csv_table, turtle_table))
    assert (table.lookup("the North").qid, table.by_adjective["Northern"].label) == ("Q999001", "Northland")
    assert table.lookup("Lopez").qid == "Q999002"
    # a user row takes a name over from the built-in table; the built-in row keeps its other names
    assert table.lookup("Donald Trump").qid == "Q999003" and table.lookup("Trump").qid == "Q22686"
    assert table.lookup("Nobody") is None


def test_reference_checked_names_belong_to_the_row_with_that_qid():
    # a QID swapped between two rows would pass the QID checks; the names on the check list catch it
    names = {row["qid"]: row["label"] for row in check_rows("wikidata_other.csv")}
    rows = [a for a in builtin_rows() if a.qid in names]
    assert len(rows) >= 45
    for actor in rows:
        assert names[actor.qid] in (actor.label, *actor.aliases), actor.qid


def test_reference_bad_user_table_is_an_error_naming_the_file_and_row(tmp_path):
    import pytest

    from kgbuild.extract.reference import TableError

    no_label = tmp_path / "mine.csv"
    no_label.write_text("qid,kind,label\nQ1,Person,Ada\nQ2,Person,\n")
    with pytest.raises(TableError, match=r"mine\.csv: row 2 needs a QID"):
        load_reference((no_label,))
    not_turtle = tmp_path / "mine.ttl"
    not_turtle.write_text("this is not turtle\n")
    with pytest.raises(TableError, match=r"mine\.ttl: not Turtle"):
        load_reference((not_turtle,))
