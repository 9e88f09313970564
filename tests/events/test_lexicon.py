"""The ontology and the Hindi lexicon agree; inflection rules; steps pickle and round-trip."""

from __future__ import annotations

import pickle

from event_helpers import make_doc

from khabar.document import Document
from khabar.events.lexicon import lexicon, noun_forms, verb_forms
from khabar.events.ontology import ontology
from khabar.events.steps import Events, Times
from khabar.events.text import key, load_data
from khabar.pipeline import Options

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_ontology_has_the_16_plover_types_with_cameo() -> None:
    onto = ontology()
    assert set(onto.plover) == PLOVER
    for type_, spec in onto.plover.items():
        for mode in [None, *spec.get("modes", {})]:
            cameo = onto.cameo(type_, mode)
            assert cameo is not None and cameo.code.startswith(cameo.root)
            assert cameo.quad_class in (1, 2, 3, 4) and -10 <= cameo.goldstein <= 10
    assert {onto.category(s) for s in ("FLOODS", "FIRE", "SHOOT_OUT")} == {
        "DISASTER", "ACCIDENT", "CRIME"}


def test_every_trigger_maps_into_the_ontology() -> None:
    onto = ontology()
    for items in lexicon().index.values():
        for _, entry in items:
            if entry.incident:
                for sub in (entry.subtype, entry.default, *entry.family):
                    assert sub is None or onto.category(sub), sub
                continue
            assert entry.type in PLOVER
            modes = onto.plover[entry.type].get("modes", {})
            assert entry.mode in modes, (entry.type, entry.mode)
            for _, mode in entry.qualifiers + entry.mode_cues:
                assert mode in modes, (entry.type, mode)


def test_every_plover_type_has_triggers() -> None:
    types = {e.type for items in lexicon().index.values() for _, e in items}
    assert types >= PLOVER


def test_inflection_from_lemmas() -> None:
    assert {"दिया", "दी", "देगा", "देंगे", "देने"} <= verb_forms("दे")
    assert {"पहुंचा", "पहुंचे", "पहुंचेगा", "पहुंचने"} <= verb_forms("पहुंच")
    assert {"लगाया", "लगाए", "लगाएगा"} <= verb_forms("लगा")
    assert {"हमला", "हमले", "हमलों"} <= noun_forms("हमला")
    assert {"बैठक", "बैठकों", "बैठकें"} <= noun_forms("बैठक")
    assert {"चेतावनी", "चेतावनियां"} <= noun_forms("चेतावनी")


def test_matching_keys_ignore_spelling_variants() -> None:
    assert key("पहुँचे") == key("पहुंचे")
    assert key("बाढ़") == key("बाढ़")
    assert key("२०१९") == "2019"
    months = load_data("hi", "time")["months"]
    assert months["सितंबर"] == months["सितम्बर"] == 9


def test_steps_pickle_and_events_round_trip() -> None:
    options = Options.load()
    times, events = pickle.loads(pickle.dumps((Times(options), Events(options))))
    doc = make_doc("अमेरिका ने कल रूस पर प्रतिबंध लगाए थे।", "2024-03-12")
    times(doc)
    doc.steps.append("times")
    events(doc)
    assert doc.times and doc.events and doc.events[0].time is not None
    assert doc.events[0].time.value == "2024-03-11"
    assert Document.from_json(doc.to_json()) == doc


def test_other_languages_are_left_alone() -> None:
    doc = make_doc("अमेरिका ने रूस पर प्रतिबंध लगाए।")
    doc.language = "en"
    Events(Options.load())(doc)
    assert doc.events == []
