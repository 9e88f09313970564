"""The shipped knowledge base: size, shape, reference entities, users' own files."""

from __future__ import annotations

import json
from pathlib import Path

import regex

from khabar.kb import KnowledgeBase, Role, load_kb
from khabar.kb.model import ENTITY_TYPES, KBEntity

ID = regex.compile(r"^(Q[1-9][0-9]*|khabar:[a-z0-9\-]+)$")


def test_size_types_ids_and_provenance() -> None:
    kb = load_kb()
    assert len(kb) >= 5000
    kinds = {e.type for e in kb}
    assert {"person", "organisation", "country", "region", "city", "media", "group"} <= kinds
    for entity in kb:
        assert ID.match(entity.id), entity.id
        assert entity.type in ENTITY_TYPES
        assert entity.sources, entity.id
        assert entity.names.get("en"), entity.id
        assert entity.country is None or regex.fullmatch(r"[A-Z]{3}", entity.country)
        assert 0.0 <= entity.prior <= 1.0


def test_reference_entities_with_qids_and_hindi_names() -> None:
    kb = load_kb()
    expected = {
        "Q159": "Russia", "Q212": "Ukraine", "Q423": "North Korea", "Q30": "United States",
        "Q7747": "Vladimir Putin", "Q56226": "Kim Jong Un", "Q18808": "Pyongyang",
        "Q959": "Vladivostok", "Q9684": "The New York Times", "Q35525": "White House",
    }
    for qid, name in expected.items():
        entity = kb.get(qid)
        assert entity is not None, qid
        assert entity.name == name
        assert entity.name_hi
    assert kb.get("Q959") is not None and kb.get("Q959").coords is not None  # type: ignore[union-attr]


def test_countries_have_names_in_several_indian_languages() -> None:
    india = load_kb().by_country("IND")
    assert india is not None and india.id == "Q668"
    assert {"en", "hi", "ur", "mr", "ne", "bn"} <= set(india.names)
    assert "भारत" in india.names["hi"]


def test_roles_of_people() -> None:
    kb = load_kb()
    putin = kb.get("Q7747")
    assert putin is not None and Role("head_of_state", "", "RUS") in putin.roles
    shoigu = kb.get("khabar:sergei-shoigu")
    assert shoigu is not None and Role("minister", "defence", "RUS") in shoigu.roles
    assert str(Role.parse("minister:defence@RUS")) == "minister:defence@RUS"


def test_json_round_trip() -> None:
    entity = load_kb().get("Q959")
    assert entity is not None
    again = KBEntity.from_json(json.loads(json.dumps(entity.to_json())))
    assert again.to_json() == entity.to_json()


def test_user_files_csv_tsv_jsonl(tmp_path: Path) -> None:
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "type,en,hi,aliases,country,roles\n"
        "person,Ramesh Kumar Verma,रमेश कुमार वर्मा,R. K. Verma|आरके वर्मा,IND,"
        "spokesperson@khabar:in-mea\n", encoding="utf-8")
    tsv_file = tmp_path / "more.tsv"
    tsv_file.write_text("id\ttype\ten\thi\nQ159\tcountry\tRussia\tरूसी संघ\n", encoding="utf-8")
    jsonl_file = tmp_path / "rows.jsonl"
    jsonl_file.write_text(json.dumps({"type": "city", "en": "Newtown", "hi": "न्यूटाउन",
                                      "lat": 1.5, "lon": 2.5}) + "\nnot json\n",
                          encoding="utf-8")
    kb = load_kb([csv_file, tsv_file, jsonl_file])
    assert len(kb) == len(load_kb()) + 2
    mine = kb.get("user:ramesh-kumar-verma")
    assert mine is not None and mine.type == "person"
    assert "आरके वर्मा" in mine.names["hi"] and "R. K. Verma" in mine.names["en"]
    assert mine.roles == [Role("spokesperson", "", "khabar:in-mea")]
    russia = kb.get("Q159")
    assert russia is not None and "रूसी संघ" in russia.names["hi"]
    town = kb.get("user:newtown")
    assert town is not None and town.coords == (1.5, 2.5)
    shipped_russia = load_kb().get("Q159")
    assert shipped_russia is not None and "रूसी संघ" not in shipped_russia.names["hi"]


def test_merge_keeps_first_and_adds_names() -> None:
    kb = KnowledgeBase([KBEntity("khabar:x", "city", {"en": ["X"]}, sources=["a"])])
    kb.add(KBEntity("khabar:x", "city", {"en": ["Ex"], "hi": ["एक्स"]}, sources=["b"]))
    entity = kb.get("khabar:x")
    assert entity is not None
    assert entity.names == {"en": ["X", "Ex"], "hi": ["एक्स"]} and entity.sources == ["a", "b"]
