"""Precision and recall per field of khabar's events on the hand-annotated gold set.

    .venv/bin/python eval/events_gold_eval.py

Reads ``eval/gold/events_hi.tsv`` (sentences written for khabar) and ``eval/gold/events_refs.tsv``
(spans of ../shared texts by path and offsets; see eval/gold/README.md). Each item is run
through the default pipeline from the sentence step on, with its publication date. Predicted
and gold events of one item are paired by type (then by shared participants). Reported: event
detection P/R (type right), and for every paired event each field's precision (right among
predicted values) and recall (right among gold values).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from khabar.document import Block, Document, Event, PublishedTime
from khabar.events.ontology import ontology
from khabar.pipeline import Options, Step, step_class

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "gold"
SHARED = ROOT / ".." / "shared"
SKIP = ("decode", "extract", "dedup", "language")
FIELDS = ("actors", "recipients", "modality", "source", "unconfirmed", "time", "place",
          "killed", "injured")


@dataclass
class Item:
    id: str
    text: str
    published: str | None
    gold: list[dict[str, str]] = field(default_factory=list)


def load_items() -> list[Item]:
    items: dict[str, Item] = {}
    for name in ("events_hi.tsv", "events_refs.tsv"):
        with (GOLD / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                item = items.get(row["id"]) or _new_item(row)
                items[row["id"]] = item
                if row["type"] != "-":
                    item.gold.append(row)
    return list(items.values())


def _new_item(row: dict[str, str]) -> Item:
    if "ref" in row:
        path, start, end = row["ref"].rsplit(" ", 2)
        text = (SHARED / path).read_text(encoding="utf-8")[int(start) : int(end)]
    else:
        text = row["text"]
    pub = None if row["published"] == "-" else row["published"]
    return Item(row["id"], text, pub)


def build_steps() -> list[Step]:
    options = Options.load()
    return [step_class(n, options)(options) for n in options.steps if n not in SKIP]


def analyse(item: Item, steps: list[Step]) -> Document:
    doc = Document(id=item.id, text=item.text, language="hi",
                   blocks=[Block("paragraph", 0, len(item.text))], steps=list(SKIP))
    if item.published:
        doc.meta.published = PublishedTime(item.published + "T09:00:00+05:30", "gold")
    for step in steps:
        step(doc)
        doc.steps.append(step.name)
    return doc


def _names(doc: Document, ids: list[str]) -> set[str]:
    by_id = {e.id: e.name.lower() for e in doc.entities}
    return {by_id.get(i, i.lower()) for i in ids}


def _gold_set(value: str) -> set[str]:
    return set() if value == "-" else {v.strip().lower() for v in value.split(";")}


def predicted_fields(doc: Document, ev: Event) -> dict[str, object]:
    sym = ontology().symmetric(ev.type, ev.mode)
    actors = _names(doc, ev.actors + ev.recipients) if sym else _names(doc, ev.actors)
    place = None
    if ev.place is not None:
        place = next(iter(_names(doc, [ev.place.entity]))) if ev.place.entity else ev.place.text
    sources = {"unnamed" if a.kind == "unnamed" else next(iter(_names(doc, [a.source or ""])))
               for a in ev.attributions}
    c = ev.casualties
    return {
        "actors": actors or None, "recipients": None if sym else (_names(doc, ev.recipients)
                                                                   or None),
        "modality": ev.modality, "source": sources or None,
        "unconfirmed": True if ev.unconfirmed else None,
        "time": None if ev.time is None else (ev.time.value or "?"), "place": place,
        "killed": c.killed if c else None, "injured": c.injured if c else None,
    }


def gold_fields(row: dict[str, str]) -> dict[str, object]:
    type_, _, mode = row["type"].partition("/")
    sym = ontology().symmetric(type_, mode)
    both = _gold_set(row["actors"]) | (_gold_set(row["recipients"]) if sym else set())
    return {
        "actors": both or None, "recipients": None if sym else (_gold_set(row["recipients"])
                                                                 or None),
        "modality": row["modality"], "source": _gold_set(row["source"]) or None,
        "unconfirmed": True if row["unconfirmed"] == "y" else None,
        "time": None if row["time"] == "-" else row["time"],
        "place": None if row["place"] == "-" else row["place"].lower(),
        "killed": _num(row["killed"]), "injured": _num(row["injured"]),
    }


def _num(value: str) -> int | None:
    return None if value == "-" else int(value)


def _type_of(row: dict[str, str]) -> str:
    return row["type"].split("/")[0]


def pair(doc: Document, item: Item) -> tuple[list[tuple[dict[str, object], dict[str, object]]],
                                            int, int]:
    preds = [(ev.type, predicted_fields(doc, ev)) for ev in doc.events]
    used: set[int] = set()
    pairs = []
    for row in item.gold:
        g = gold_fields(row)
        options = [k for k, (t, _) in enumerate(preds) if k not in used and t == _type_of(row)]
        options.sort(key=lambda k: -len(_overlap(preds[k][1], g)))
        if options:
            used.add(options[0])
            pairs.append((preds[options[0]][1], g))
    return pairs, len(preds), len(item.gold)


def _overlap(p: dict[str, object], g: dict[str, object]) -> set[str]:
    a, b = p.get("actors"), g.get("actors")
    return (a & b) if isinstance(a, set) and isinstance(b, set) else set()


def main() -> None:
    items = load_items()
    steps = build_steps()
    n_pred = n_gold = n_pair = 0
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for item in items:
        pairs, np, ng = pair(analyse(item, steps), item)
        n_pred, n_gold, n_pair = n_pred + np, n_gold + ng, n_pair + len(pairs)
        for p, g in pairs:
            for f in FIELDS:
                c = counts[f]
                c[0] += p[f] is not None
                c[1] += g[f] is not None
                c[2] += p[f] is not None and p[f] == g[f]
    sentences = sum(1 for i in items)
    print(f"gold: {sentences} items, {n_gold} gold events, {n_pred} predicted, {n_pair} paired")
    print(f"event (type): P {n_pair / max(n_pred, 1):.3f} R {n_pair / max(n_gold, 1):.3f}")
    for f in FIELDS:
        pred, gold, ok = counts[f]
        print(f"{f:12s} P {ok / max(pred, 1):.3f} ({ok}/{pred})  R {ok / max(gold, 1):.3f} "
              f"({ok}/{gold})")


if __name__ == "__main__":
    main()
