"""Linking: candidates, context, thresholds, document short forms, and the variant set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from khabar.document import Mention
from khabar.entities.index import build_index, get_index
from khabar.entities.linker import Context, Linker
from khabar.entities.steps import LinkStep
from khabar.kb import KnowledgeBase, Role, load_kb
from khabar.kb.model import KBEntity
from khabar.pipeline import Options, Pipeline

ROOT = Path(__file__).resolve().parents[2]
STEPS = ["decode", "extract", "language", "sentences", "tokens", "entities", "link"]


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(get_index())


def test_exact_latin_and_fuzzy_candidates(linker: Linker) -> None:
    exact = linker.link("व्लादिमीर पुतिन", "person")
    assert exact is not None and exact.entity.id == "Q7747" and exact.how == "exact"
    latin = linker.link("Jon Kirbi", "person")
    assert latin is not None and latin.entity.id == "khabar:john-kirby"
    fuzzy = linker.link("Vladimir Putn", "person")
    assert fuzzy is not None and fuzzy.entity.id == "Q7747" and fuzzy.how == "fuzzy"
    assert 0.0 < fuzzy.score < exact.score <= 1.0


def test_unknown_names_stay_unlinked(linker: Linker) -> None:
    assert linker.link("झुमरू पहलवान", "person") is None
    assert linker.link("Zorblax Quentin", "person") is None


def test_type_mismatch_lowers_the_score(linker: Linker) -> None:
    as_person = linker.link("रूस", "person")
    as_place = linker.link("रूस", "location")
    assert as_place is not None and as_place.entity.id == "Q159"
    assert as_person is None or as_person.score < as_place.score


def _two_ministers() -> Linker:
    kb = KnowledgeBase(e for e in load_kb() if e.type == "country")
    for n, (portfolio, country) in enumerate((("defence", "RUS"), ("foreign", "UKR"))):
        kb.add(KBEntity(f"khabar:test-{n}", "person", {"en": ["Alexei Petrov"],
                                                       "hi": ["अलेक्सेई पेत्रोव"]},
                        country=country, roles=[Role("minister", portfolio, country)],
                        prior=0.5, sources=["test"]))
    return Linker(build_index(kb))


def test_role_and_country_context_choose_between_namesakes() -> None:
    linker = _two_ministers()
    russia = linker.context(["रूस", "के", "रक्षा", "मंत्री"], ["RUS"])
    assert russia.roles == (Role("minister", "defence", ""),)
    first = linker.link("अलेक्सेई पेत्रोव", "person", russia)
    assert first is not None and first.entity.id == "khabar:test-0"
    ukraine = linker.context(["यूक्रेन", "के", "विदेश", "मंत्री"], ["UKR"])
    second = linker.link("अलेक्सेई पेत्रोव", "person", ukraine)
    assert second is not None and second.entity.id == "khabar:test-1"
    assert linker.context(["आज"], []) == Context()


def test_short_forms_and_local_entities_in_a_document() -> None:
    text = ("किम जोंग उन ने आज सेना का दौरा किया। बाद में किम ने कहा कि किम जोंग अगले महीने लौटेंगे। "
            "झुमरू पहलवान भी वहां थे।")
    doc = Pipeline(steps=[*STEPS[:-2], "entities"])(text)
    start = text.index("झुमरू")
    doc.mentions.append(Mention(start, start + 11, "झुमरू पहलवान", "person", source="test"))
    LinkStep(Options.load())(doc)
    kim = [m for m in doc.mentions if m.entity == "Q56226"]
    assert sorted(m.text for m in kim) == ["किम", "किम जोंग", "किम जोंग उन"]
    local = [e for e in doc.entities if e.id.startswith("doc:")]
    assert [(e.type, e.name) for e in local] == [("person", "झुमरू पहलवान")]
    assert all(m.entity is None or any(e.id == m.entity for e in doc.entities)
               for m in doc.mentions)


def _link_eval() -> ModuleType:
    spec = importlib.util.spec_from_file_location("link_eval", ROOT / "eval" / "link_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_variant_set_accuracy_floor_and_wrong_rarer_than_unlinked() -> None:
    module = _link_eval()
    rows = module.read_rows()
    assert len(rows) >= 200
    report = module.evaluate()
    assert report.accuracy >= 0.95, report.errors
    assert report.wrong < report.unlinked or report.wrong == 0, report.errors
    hard = report.by_kind["misspelling"]
    assert hard["correct"] / sum(hard.values()) >= 0.85


def test_users_entities_from_settings_are_found_and_linked(tmp_path: Path) -> None:
    mine = tmp_path / "people.tsv"
    mine.write_text("id\ttype\ten\thi\taliases\tcountry\n"
                    "khabar:test-raghuvir\tperson\tRaghuvir Prasad Tiwari\t"
                    "रघुवीर प्रसाद तिवारी\tतिवारी जी\tIND\n", encoding="utf-8")
    options = Options.load(overrides={"kb": {"user_files": [str(mine)]}})
    doc = Pipeline(options, steps=STEPS)("जिलाधिकारी रघुवीर प्रसाद तिवारी ने बाढ़ क्षेत्र का दौरा किया।")
    entity = next(e for e in doc.entities if e.kb_id == "khabar:test-raghuvir")
    assert entity.name == "Raghuvir Prasad Tiwari" and entity.type == "person"
    plain = Pipeline(steps=STEPS)("जिलाधिकारी रघुवीर प्रसाद तिवारी ने बाढ़ क्षेत्र का दौरा किया।")
    assert not any(e.kb_id == "khabar:test-raghuvir" for e in plain.entities)


def test_country_named_nearby_chooses_the_body(linker: Linker) -> None:
    us = linker.link("एनएससी", "organisation", linker.context(["अमेरिका", "के"], ["USA"]))
    assert us is not None and us.entity.id == "khabar:us-nsc"
    home = linker.link("एनएससी", "organisation")
    assert home is not None and home.entity.id == "khabar:in-nsc"


def test_a_local_persons_surname_alone_joins_them() -> None:
    text = "रमेश चौहान ने शिकायत दी। पुलिस ने चौहान से पूछताछ की। सुनीता वर्मा भी आईं।"
    doc = Pipeline(steps=[*STEPS[:-2], "entities"])(text)
    for name, after in (("रमेश चौहान", 0), ("चौहान", text.index("पुलिस")), ("सुनीता वर्मा", 0)):
        start = text.index(name, after)
        doc.mentions.append(Mention(start, start + len(name), name, "person", source="test"))
    LinkStep(Options.load())(doc)
    ids = {m.text: m.entity for m in doc.mentions if m.source == "test"}
    assert ids["रमेश चौहान"] == ids["चौहान"] and ids["रमेश चौहान"] is not None
    assert ids["सुनीता वर्मा"] not in (None, ids["चौहान"])


def test_titles_before_a_name_are_looked_through(linker: Linker) -> None:
    for text, expected in (("प्रधानमंत्री नरेंद्र मोदी", "Q1058"),
                           ("डॉ. एस जयशंकर", "khabar:s-jaishankar"),
                           ("General Valery Gerasimov", "khabar:valery-gerasimov")):
        link = linker.link(text, "person")
        assert link is not None and link.entity.id == expected, text
    assert linker.link("श्री", "person") is None
