"""The policy that combines gazetteer mentions with tagger spans (sentences written here)."""

from __future__ import annotations

from itertools import pairwise

from khabar.document import Mention
from khabar.entities.combine import Policy, combine
from khabar.pipeline import Options

TEXT = "कल भारतीय किसान संघ के नेता सुरेश पाल उत्तर कोरिया और नागपुर गए।"


def span(text: str, label: str, source: str, score: float = 0.9) -> Mention:
    start = TEXT.index(text)
    return Mention(start, start + len(text), text, label, score=score, source=source)


def pairs(mentions: list[Mention]) -> list[tuple[str, str]]:
    return [(m.text, m.label) for m in mentions]


def gazetteer_side() -> list[Mention]:
    return [span("भारतीय", "nationality", "gazetteer"),
            span("उत्तर कोरिया", "country", "gazetteer"),
            span("नागपुर", "city", "gazetteer"),
            span("सुरेश", "person", "gazetteer", score=0.6)]


def tagger_side() -> list[Mention]:
    return [span("भारतीय किसान संघ", "organisation", "tagger"),
            span("सुरेश पाल", "person", "tagger"),
            span("कोरिया", "location", "tagger")]


def test_default_policy_resolves_each_kind_of_overlap() -> None:
    out = combine(gazetteer_side(), tagger_side())
    assert pairs(out) == [
        ("भारतीय किसान संघ", "organisation"),  # the longer tagger span beats the demonym
        ("सुरेश पाल", "person"),  # ... and the lone first name
        ("उत्तर कोरिया", "country"),  # the longer knowledge-base name beats the tagger
        ("नागपुर", "city"),  # a gazetteer name no tagger span overlaps is kept
    ]
    assert all(a.end <= b.start for a, b in pairwise(out))


def test_same_span_label_and_source() -> None:
    gaz = [span("नागपुर", "city", "gazetteer")]
    tag = [span("नागपुर", "organisation", "tagger")]
    kept = combine(gaz, tag)
    assert pairs(kept) == [("नागपुर", "city")] and kept[0].source == "gazetteer+tagger"
    relabelled = combine([span("नागपुर", "city", "gazetteer")], tag,
                         Policy(same_span_label="tagger"))
    assert pairs(relabelled) == [("नागपुर", "organisation")]


def test_lone_gazetteer_mentions_follow_labels_and_score() -> None:
    policy = Policy(alone_labels=frozenset({"country"}), alone_min_score=0.7)
    out = combine(gazetteer_side(), [], policy)
    assert pairs(out) == [("उत्तर कोरिया", "country")]


def test_policy_from_settings() -> None:
    config = Options.load(overrides={"entities": {"crossing": "gazetteer",
                                                  "tagger_inside": "tagger",
                                                  "alone_labels": ["person"],
                                                  "same_span_label": "neither"}})
    policy = Policy.from_config(config.for_step("entities"))
    assert policy.crossing == "gazetteer" and policy.tagger_inside == "tagger"
    assert policy.alone_labels == frozenset({"person"})
    assert policy.same_span_label == "gazetteer"  # an unknown value keeps the default
    out = combine(gazetteer_side(), tagger_side(), policy)
    assert ("कोरिया", "location") in pairs(out)
    assert ("नागपुर", "city") not in pairs(out)


def test_a_tagger_span_running_two_names_together_loses() -> None:
    text = "उत्तर कोरिया और नागपुर"
    gaz = [span("उत्तर कोरिया", "country", "gazetteer"), span("नागपुर", "city", "gazetteer")]
    start = TEXT.index(text)
    joined = Mention(start, start + len(text), text, "location", source="tagger")
    assert pairs(combine(gaz, [joined])) == [("उत्तर कोरिया", "country"), ("नागपुर", "city")]
    assert pairs(combine(gaz, [joined], Policy(max_overlapped=2))) == [(text, "location")]


def test_list_cue_names_the_missing_item_of_a_list_of_places() -> None:
    from khabar.entities.listcue import ListCue, add_list_items
    from khabar.pipeline import Pipeline

    text = "बाढ़ से ये जिले घिरे हैं : कोल्हापुर , पुणे , सतारा और नागपुर ।"
    doc = Pipeline(steps=["decode", "extract", "language", "sentences", "tokens"])(text)
    places = []
    for name in ("कोल्हापुर", "पुणे", "नागपुर"):
        start = doc.text.index(name)
        places.append(Mention(start, start + len(name), name, "city", source="gazetteer"))
    out = add_list_items(doc.text, doc.tokens, places, ListCue())
    assert [(m.text, m.label, m.source) for m in out if m.source == "list"] == [
        ("सतारा", "location", "list")]
    assert add_list_items(doc.text, doc.tokens, places, ListCue(min_names=4)) == places
    assert add_list_items(doc.text, doc.tokens, places[:1], ListCue()) == places[:1]


def test_time_words_glued_to_a_known_name_do_not_win() -> None:
    text = "पिछले महीने अमित शाह दिल्ली आए"
    def at(piece: str, label: str, source: str) -> Mention:
        s = text.index(piece)
        return Mention(s, s + len(piece), piece, label, source=source)

    gaz = [at("अमित शाह", "person", "gazetteer")]
    glued = [at("महीने अमित शाह", "person", "tagger")]
    assert pairs(combine(gaz, glued)) == [("अमित शाह", "person")]
    longer = [at("अमित शाह दिल्ली", "person", "tagger")]  # no time word: the tagger decides
    assert pairs(combine(gaz, longer)) == [("अमित शाह दिल्ली", "person")]


def test_titles_before_a_person_name() -> None:
    from khabar.entities.combine import combine_document, title_free

    assert title_free("ASP संजय पांडे") == "संजय पांडे"
    assert title_free("दरोगा राम अवधेश सिंह") == "राम अवधेश सिंह"
    assert title_free("बेटा मोहम्मद मुराद") == "मोहम्मद मुराद"
    assert title_free("मनीषा कुमारी") == "मनीषा कुमारी"  # a title word after the name stays
    assert title_free("एसपी") == ""
    text = "एसपी ने कहा कि दरोगा राम अवधेश सिंह मौके पर थे"

    def at(piece: str) -> Mention:
        s = text.index(piece)
        return Mention(s, s + len(piece), piece, "person", source="tagger")

    kept = combine_document(text, [], [], [at("एसपी"), at("दरोगा राम अवधेश सिंह")], {})
    assert pairs(kept) == [("दरोगा राम अवधेश सिंह", "person")]  # the span as the tagger gave it


def test_a_local_person_is_named_without_titles_and_joins_later_mentions() -> None:
    from khabar.pipeline import Pipeline

    doc = Pipeline()("ASP संजय पांडे ने घटनास्थल का दौरा किया। बाद में संजय पांडे ने बयान दिया।")
    people = [e for e in doc.entities if e.type == "person"]
    assert [e.name for e in people] == ["संजय पांडे"]
    assert len(people[0].mentions) == 2


def test_time_words_alone_are_no_name() -> None:
    """A tagger "place" that is a weekday ("ताइवान में मंगलवार को …") is dropped, so an event
    is not placed on a Tuesday; a name with a time word inside it stays."""
    from khabar.entities.combine import combine_document

    text = "ताइवान में मंगलवार को भूकंप आया और पिछले साल गुरु नानक देव जी को याद किया"

    def at(piece: str, label: str) -> Mention:
        s = text.index(piece)
        return Mention(s, s + len(piece), piece, label, source="tagger")

    tagged = [at("मंगलवार", "location"), at("पिछले साल", "organisation"),
              at("गुरु नानक देव जी", "person")]
    assert pairs(combine_document(text, [], [], tagged, {})) == [("गुरु नानक देव जी", "person")]
