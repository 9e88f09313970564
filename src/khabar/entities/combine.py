"""How the ``entities`` step combines knowledge-base (gazetteer) mentions with tagger spans.

Both sources give spans over whole tokens. For each pair that overlaps, one side wins, chosen
by how they overlap (the same span, one inside the other, crossing); the winner keeps its own
span, and on an exact tie the label can come from either side. A gazetteer mention that no
tagger span overlaps is kept only when its label is trusted alone and its score is high
enough; a tagger span that no gazetteer mention overlaps is always kept. The knobs are the
``[entities]`` settings read by :meth:`Policy.from_config`; their defaults were tuned on
IL-NER Hindi dev (``eval/ner_eval.py --system``, see EVALUATION.md). :func:`combine_document`
then adds the list cue of :mod:`khabar.entities.listcue`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from khabar.document import Mention, Token
from khabar.entities.bodies import add_bodies
from khabar.entities.index import read_lines
from khabar.entities.listcue import ListCue, add_list_items
from khabar.lang.normalize import match_key

Side = Literal["gazetteer", "tagger"]
#: ``gazetteer_inside`` may also be "tagger-clean": the longer tagger span wins unless the
#: words it adds to the knowledge-base name are time words or titles the tagger glued on
#: (महीने अमित शाह, कल बाइडन, मोदी बुधवार, जिलाधिकारी …); सुरेश पाल and भारतीय किसान संघ
#: still win.
InsideRule = Literal["gazetteer", "tagger", "tagger-clean"]

#: Gazetteer labels trusted without the tagger by default (every typed one; ``other`` is left
#: out: it holds festivals, months and common nouns as well as names).
ALONE_DEFAULT = ("person", "country", "region", "city", "location", "facility", "organisation",
                 "media", "group", "nationality")


@dataclass(frozen=True)
class Policy:
    """Which side wins an overlap, and which lone gazetteer mentions are kept."""

    same_span_label: Side = "gazetteer"
    gazetteer_inside: InsideRule = "tagger-clean"  # the tagger span is longer
    tagger_inside: Side = "gazetteer"  # the gazetteer span is longer
    crossing: Side = "tagger"
    alone_labels: frozenset[str] = field(default_factory=lambda: frozenset(ALONE_DEFAULT))
    alone_min_score: float = 0.0
    #: A tagger span overlapping more names than this (demonyms aside) loses to them all:
    #: it has run two names together (उत्तर कोरिया का तानाशाह किम जोंग).
    max_overlapped: int = 1

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Policy:
        """A policy from a settings table; keys missing from it keep their defaults."""
        policy = cls()
        sides = ("same_span_label", "gazetteer_inside", "tagger_inside", "crossing")
        changes: dict[str, Any] = {}
        for key in sides:
            value = config.get(key)
            if value in ("gazetteer", "tagger") or (
                key == "gazetteer_inside" and value == "tagger-clean"
            ):
                changes[key] = value
        labels = config.get("alone_labels")
        if isinstance(labels, list):
            changes["alone_labels"] = frozenset(str(label) for label in labels)
        score = config.get("alone_min_score")
        if isinstance(score, int | float):
            changes["alone_min_score"] = float(score)
        most = config.get("max_overlapped")
        if isinstance(most, int):
            changes["max_overlapped"] = most
        return replace(policy, **changes)


@cache
def time_words(lang: str = "hi") -> frozenset[str]:
    """Single time words of ``lang/<lang>/time.toml`` (months, weekdays, units, आज, कल ...)."""
    path = Path(__file__).parents[1] / "lang" / lang / "time.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    words: set[str] = set()
    for table in ("months", "weekdays", "units", "determiners", "days"):
        words.update(w for phrase in data.get(table, {}) for w in phrase.split())
    words.update(w for phrase in data.get("kal", {}).get("words", []) for w in phrase.split())
    return frozenset(match_key(w) for w in words)


@cache
def glue_words() -> frozenset[str]:
    """Words a tagger glues onto a name that are not part of it: time words and titles or
    role words (जिलाधिकारी, तानाशाह, प्रधानमंत्री; the title lists of ``entities/data``)."""
    titles = {
        match_key(word)
        for name in ("name_titles.txt", "ner_titles.txt")
        for line in read_lines(name)
        for word in line.split()
    }
    return time_words() | frozenset(titles)


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _relation(gaz: Mention, tag: Mention) -> str:
    if gaz.start == tag.start and gaz.end == tag.end:
        return "same"
    if tag.start <= gaz.start and gaz.end <= tag.end:
        return "gazetteer_inside"
    if gaz.start <= tag.start and tag.end <= gaz.end:
        return "tagger_inside"
    return "crossing"


def _winner(gaz: Mention, tag: Mention, policy: Policy) -> Side:
    relation = _relation(gaz, tag)
    if relation == "same":
        return "gazetteer"
    if relation in ("gazetteer_inside", "crossing") and policy.gazetteer_inside == "tagger-clean":
        # the tagger's words outside the name: a glued time word or title loses to the name
        added = tag.text[: max(gaz.start - tag.start, 0)] + " " + tag.text[gaz.end - tag.start :]
        if any(match_key(word) in glue_words() for word in added.split()):
            return "gazetteer"
        if relation == "gazetteer_inside":
            return "tagger"
    side: Side = getattr(policy, relation)
    return side


def combine(
    gazetteer: Sequence[Mention], tagged: Sequence[Mention], policy: Policy | None = None
) -> list[Mention]:
    """The mentions kept from both sources, in text order, none overlapping another."""
    policy = policy or Policy()
    dropped_gaz: set[int] = set()
    kept_tags: list[Mention] = []
    confirmed: set[int] = set()
    for tag in tagged:
        rivals = [i for i, g in enumerate(gazetteer) if _overlaps(g, tag)]
        names = sum(1 for i in rivals if gazetteer[i].label != "nationality")
        if names > policy.max_overlapped or any(
            _winner(gazetteer[i], tag, policy) == "gazetteer" for i in rivals
        ):
            for i in rivals:
                confirmed.add(i)
                if _relation(gazetteer[i], tag) == "same":
                    _settle_tie(gazetteer[i], tag, policy)
            continue
        dropped_gaz.update(rivals)
        kept_tags.append(tag)
    out = [tag for tag in kept_tags]
    for i, gaz in enumerate(gazetteer):
        if i in dropped_gaz:
            continue
        if i in confirmed or _trusted_alone(gaz, policy):
            out.append(gaz)
    return _non_overlapping(out)


def _settle_tie(gaz: Mention, tag: Mention, policy: Policy) -> None:
    gaz.source = "gazetteer+tagger"
    if policy.same_span_label == "tagger":
        gaz.label = tag.label


def _trusted_alone(gaz: Mention, policy: Policy) -> bool:
    return gaz.label in policy.alone_labels and gaz.score >= policy.alone_min_score


def _non_overlapping(mentions: list[Mention]) -> list[Mention]:
    """Longer mentions first where two kept mentions still overlap (two tagger spans never
    do; a gazetteer mention can overlap a tagger span that beat another gazetteer one)."""
    chosen: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(_overlaps(m, c) for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: (m.start, m.end))


def list_cue_from_config(config: Mapping[str, Any]) -> ListCue:
    """The list cue's settings (``list_labels``, ``list_min_names``, ``list_max_words``)."""
    cue = ListCue()
    labels = config.get("list_labels")
    least = config.get("list_min_names")
    most = config.get("list_max_words")
    return ListCue(
        kinds=frozenset(str(x) for x in labels) if isinstance(labels, list) else cue.kinds,
        min_names=least if isinstance(least, int) else cue.min_names,
        max_words=most if isinstance(most, int) else cue.max_words,
    )


def title_free(text: str) -> str:
    """A person's name without the titles, role and kinship words it starts with
    ("ASP संजय पांडे" → "संजय पांडे", "बेटा मोहम्मद मुराद" → "मोहम्मद मुराद"); "" when it is
    titles only ("एसपी")."""
    words = text.split()
    n = 0
    while n < len(words) and match_key(words[n]) in glue_words():
        n += 1
    return " ".join(words[n:])


def time_only(words: Sequence[str]) -> bool:
    """Whether every word is a time word ("मंगलवार", "पिछले साल"): no name."""
    return all(match_key(word) in time_words() for word in words)


def _a_name(mention: Mention) -> bool:
    """Whether a tagger's mention can be a name: not time words only, and a person not titles
    only."""
    if time_only(mention.text.split()):
        return False
    return mention.label != "person" or bool(title_free(mention.text))


def combine_document(
    text: str, tokens: Sequence[Token], gazetteer: Sequence[Mention],
    tagged: Sequence[Mention], config: Mapping[str, Any],
) -> list[Mention]:
    """What the ``entities`` step keeps: :func:`combine` under the settings' policy (without
    the tagger's "persons" that are titles only, such as "एसपी", and its names that are time
    words only, such as "मंगलवार"), places widened into the
    bodies named after them (:mod:`khabar.entities.bodies`), then the list cue
    (:mod:`khabar.entities.listcue`)."""
    names = [m for m in tagged if _a_name(m)]
    found = add_bodies(text, tokens, combine(gazetteer, names, Policy.from_config(config)))
    return add_list_items(text, tokens, found, list_cue_from_config(config))
