"""Roles, modality, attribution, casualties and merging on sentences written for these tests."""

from __future__ import annotations

import pytest
from event_helpers import make_doc

from khabar.document import Event
from khabar.events.extract import extract_events
from khabar.events.time import document_times

PUB = "2024-03-12T09:00:00+05:30"


def run(text: str) -> tuple[list[Event], dict[str, str]]:
    doc = make_doc(text, PUB)
    events = extract_events(doc, document_times(doc))
    return events, {e.id: e.name for e in doc.entities}


def one(text: str, type_: str) -> tuple[Event, dict[str, str]]:
    events, ids = run(text)
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.actors, e.recipients) for e in events]
    return found[0], ids


def who(ev: Event, ids: dict[str, str]) -> tuple[list[str], list[str]]:
    return [ids[a] for a in ev.actors], [ids[r] for r in ev.recipients]


@pytest.mark.parametrize(("text", "type_", "actors", "recipients"), [
    ("भारत ने पाकिस्तान पर हमला किया।", "ASSAULT", ["India"], ["Pakistan"]),
    ("चीन ने जापान को चेतावनी दी।", "THREATEN", ["China"], ["Japan"]),
    ("अमेरिका द्वारा चीन पर प्रतिबंध लगाए गए।", "SANCTION", ["United States"], ["China"]),
    ("जापान ने भारत से मदद मांगी।", "REQUEST", ["Japan"], ["India"]),
    ("भारत ने जापान की मदद की।", "AID", ["India"], ["Japan"]),
    ("भारत ने चीन पर घुसपैठ का आरोप लगाया।", "ACCUSE", ["India"], ["China"]),
    ("पाकिस्तान की मदद लेगा चीन", "REQUEST", ["China"], ["Pakistan"]),
    ("भारत जापान की हर संभव मदद करेगा।", "AID", ["India"], ["Japan"]),
])
def test_roles_from_case_markers(text: str, type_: str, actors: list[str],
                                 recipients: list[str]) -> None:
    ev, ids = one(text, type_)
    assert who(ev, ids) == (actors, recipients)


@pytest.mark.parametrize(("text", "type_", "actors", "recipients"), [
    ("पाकिस्तान के प्रधानमंत्री ने भारत पर घुसपैठ का आरोप लगाया।", "ACCUSE", ["Pakistan"], ["India"]),
    ("जापान के रक्षा मंत्री ने चीन को चेतावनी दी।", "THREATEN", ["Japan"], ["China"]),
    ("भारत के केंद्रीय गृह मंत्री ने पाकिस्तान पर आरोप लगाया।", "ACCUSE", ["India"], ["Pakistan"]),
    ("रूस ने चीन के विदेश मंत्री को चेतावनी दी।", "THREATEN", ["Russia"], ["China"]),
])
def test_an_office_without_a_name_acts_for_its_country(
        text: str, type_: str, actors: list[str], recipients: list[str]) -> None:
    ev, ids = one(text, type_)
    assert who(ev, ids) == (actors, recipients)


def test_words_before_an_office_must_not_hold_a_case_marker() -> None:
    """"भारत के लोगों ने मंत्री को …": India is not the one warned (ने stands between)."""
    events, _ = run("भारत के लोगों ने मंत्री को चेतावनी दी।")
    assert all("Q668" not in e.recipients for e in events)


def test_conjoined_actors_of_a_symmetric_event() -> None:
    ev, ids = one("भारत और जापान ने समझौते पर हस्ताक्षर किए।", "AGREE")
    assert set(ev.actors + ev.recipients) == {"Q668", "Q17"} and ev.mode == "sign"
    ev, ids = one("मोदी और शी जिनपिंग के बीच बातचीत हुई।", "CONSULT")
    assert {ids[x] for x in ev.actors + ev.recipients} == {"Narendra Modi", "Xi Jinping"}


def test_pronoun_resolved_to_previous_subject() -> None:
    ev, ids = one("मोदी बुधवार को दिल्ली पहुंचे। उन्होंने चीन पर आरोप लगाया।", "ACCUSE")
    assert who(ev, ids) == (["Narendra Modi"], ["China"])


def test_both_leaders_and_merging_of_repeats() -> None:
    ev, ids = one("मोदी ने बाइडन से मुलाकात की। दोनों नेता व्यापार पर चर्चा करेंगे।", "CONSULT")
    assert {ids[x] for x in ev.actors + ev.recipients} == {"Narendra Modi", "Joe Biden"}
    assert len(ev.evidence) == 2 and ev.evidence[0].sentence == 0
    assert ev.evidence[1].sentence == 1


def test_visit_goal_is_place_and_country() -> None:
    ev, ids = one("बाइडन अगले हफ्ते बीजिंग पहुंचेंगे।", "CONSULT")
    assert who(ev, ids) == (["Joe Biden"], ["Beijing"])
    ev, ids = one("चीन ने न्योता भेजा था। बाइडन अगले हफ्ते बीजिंग पहुंचेंगे।", "CONSULT")
    assert ev.mode == "visit" and ev.modality == "future"
    assert who(ev, ids) == (["Joe Biden"], ["China"])
    assert ev.place is not None and ev.place.entity == "Q956"
    assert ev.time is not None and ev.time.value == "2024-W12"


@pytest.mark.parametrize(("text", "type_", "modality"), [
    ("मोदी अगले हफ्ते बाइडन से मिलेंगे।", "CONSULT", "future"),
    ("बाइडन जल्द चीन जाने वाले हैं।", "CONSULT", "future"),
    ("चीन जापान पर हमला कर सकता है।", "ASSAULT", "hypothetical"),
    ("अगर पाकिस्तान ने भारत पर हमला किया तो जवाब मिलेगा।", "ASSAULT", "hypothetical"),
    ("भारत ने पाकिस्तान को कोई चेतावनी नहीं दी।", "THREATEN", "negated"),
    ("2019 में भारत ने पाकिस्तान पर हमला किया था।", "ASSAULT", "historical"),
    ("चीन ने जापान को चेतावनी दी है।", "THREATEN", "asserted"),
])
def test_modality(text: str, type_: str, modality: str) -> None:
    ev, _ = one(text, type_)
    assert ev.modality == modality


def test_unconfirmed_points_back_to_the_event() -> None:
    ev, _ = one("रिपोर्ट्स के मुताबिक चीन ने जापान पर हमला किया। इस हमले की अभी पुष्टि नहीं हुई है।",
                "ASSAULT")
    assert ev.unconfirmed
    assert [a.kind for a in ev.attributions] == ["unnamed"]
    ev, _ = one("चीन ने जापान पर हमला किया।", "ASSAULT")
    assert not ev.unconfirmed and not ev.attributions


@pytest.mark.parametrize(("text", "type_", "kind", "source", "cue"), [
    ("रॉयटर्स के मुताबिक भारत ने चीन से बातचीत की।", "CONSULT", "named", "Q130879", "के मुताबिक"),
    ("रॉयटर्स की मानें तो चीन ने भारत को चेतावनी दी।", "THREATEN", "named", "Q130879", "मानें"),
    ("सूत्रों ने बताया कि मोदी बाइडन से मिलेंगे।", "CONSULT", "unnamed", None, "सूत्रों ने बताया"),
    ("बाइडन ने कहा कि अमेरिका चीन पर प्रतिबंध लगाएगा।", "SANCTION", "named", "Q6279", "ने कहा"),
    ("बताया जा रहा है कि चीन ने भारत पर हमला किया।", "ASSAULT", "unnamed", None, "बताया जा"),
])
def test_attribution(text: str, type_: str, kind: str, source: str | None, cue: str) -> None:
    ev, _ = one(text, type_)
    (a,) = ev.attributions
    assert (a.kind, a.source) == (kind, source) and cue in a.cue


def test_speech_attribution_covers_only_what_follows() -> None:
    events, _ = run("भारत ने पाकिस्तान पर हमला किया और बाइडन ने कहा कि चीन जापान को चेतावनी देगा।")
    by_type = {e.type: e for e in events}
    assert not by_type["ASSAULT"].attributions
    assert by_type["THREATEN"].attributions[0].source == "Q6279"


@pytest.mark.parametrize(("text", "subtype", "killed", "injured", "approx"), [
    ("मुंबई में बस और ट्रक की टक्कर में आठ लोगों की मौत हो गई और 12 लोग घायल हुए।",
     "VEHICULAR_COLLISION", 8, 12, False),
    ("दिल्ली में भूकंप से दर्जनों लोग घायल हो गए।", "EARTHQUAKE", None, 24, True),
    ("आतंकी हमले में 2 हजार लोग मारे गए।", "TERRORIST_ATTACK", 2000, None, False),
    ("ट्रेन हादसे में १४ यात्रियों की जान चली गई।", "TRAIN_COLLISION", 14, None, False),
])
def test_incidents_and_casualties(text: str, subtype: str, killed: int | None,
                                  injured: int | None, approx: bool) -> None:
    events, _ = run(text)
    (ev,) = [e for e in events if e.subtype]
    assert ev.subtype == subtype and ev.casualties is not None
    c = ev.casualties
    assert (c.killed, c.injured, c.approximate) == (killed, injured, approx)


def test_incident_place_and_category() -> None:
    (ev,) = run("मुंबई में इमारत में भीषण आग लग गई।")[0]
    assert ev.type == "ACCIDENT" and ev.subtype == "FIRE"
    assert ev.place is not None and ev.place.entity == "Q1156"


def test_cameo_and_confidence() -> None:
    ev, _ = one("चीन ने जापान को चेतावनी दी।", "THREATEN")
    assert ev.cameo is not None and ev.cameo.root == "13" and ev.cameo.quad_class == 3
    assert 0.5 <= ev.confidence <= 1.0


def test_no_names_no_plover_event_and_bad_input_is_quiet() -> None:
    assert run("उसने बातचीत की।")[0] == []
    assert run("")[0] == []
    assert run("।।। ,,, ???")[0] == []


@pytest.mark.parametrize(("text", "types"), [
    ("मोदी ने जो बाइडन से मुलाकात की।", ["CONSULT"]),
    ("चीन ने जापान को हमले की धमकी दी।", ["THREATEN"]),
    ("चीन ने भारत के साथ सहयोग करने से इनकार किया।", ["REJECT"]),
    ("भारत आने वाले यात्रियों की जांच होगी।", []),
    ("लॉकडाउन में घरेलू हिंसा बढ़ी है।", []),
    ("भारत कोरोना से जंग लड़ रहा है।", []),
    ("रूस और यूक्रेन के बीच युद्ध जारी है।", ["ASSAULT"]),
    ("जर्मनी ने यूक्रेन को हथियार दिए।", ["AID"]),
])
def test_precision_rules(text: str, types: list[str]) -> None:
    assert [e.type for e in run(text)[0]] == types


def test_a_body_word_alone_stands_for_the_body_named_before() -> None:
    """"पुलिस ने" after "समस्तीपुर पुलिस" is that police (the full pipeline: the body is a
    document-local organisation); with no police named before, no event."""
    from khabar.pipeline import Pipeline

    doc = Pipeline()("समस्तीपुर पुलिस ने चोरी का खुलासा किया। पुलिस ने दो युवकों को गिरफ्तार किया।")
    names = {e.id: e.name for e in doc.entities}
    arrests = [e for e in doc.events if e.mode == "arrest"]
    assert [[names[a] for a in e.actors] for e in arrests] == [["समस्तीपुर पुलिस"]]
    assert Pipeline()("पुलिस ने दो युवकों को गिरफ्तार किया।").events == []
