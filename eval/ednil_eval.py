"""EDNIL Hindi (FIRE 2020) incident evaluation of khabar's events.

    .venv/bin/python eval/ednil_eval.py [../shared/data/ednil-hi/train]

Each article's text is rebuilt from its <W> tokens and run through the default pipeline from
the sentence step on (sentences, tokens, entities, link, times, events). Reported:
trigger detection precision / recall / F1 (a predicted incident mention overlapping a gold
trigger), subtype accuracy on matched gold triggers, and place / casualty argument accuracy on
matched gold events that have such an argument. Incident = an event with an EDNIL subtype, an
ACCIDENT / DISASTER / CRIME, or an ASSAULT. Figures are also given for the two halves of the
files (sorted by name, alternating) to show the lexicon is not fitted to one part.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ednil_reader import Article, GoldEvent, articles

from khabar.document import Block, Document, Event
from khabar.events.casualties import number_at
from khabar.events.text import words
from khabar.pipeline import Options, Step, step_class

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "ednil-hi" / "train"
INCIDENT_TYPES = {"ACCIDENT", "DISASTER", "CRIME", "ASSAULT"}
SKIP = ("decode", "extract", "dedup", "language")


@dataclass
class Tally:
    pred: int = 0
    pred_hit: int = 0
    gold: int = 0
    gold_hit: int = 0
    type_ok: int = 0
    place_n: int = 0
    place_ok: int = 0
    cas_n: int = 0
    cas_ok: int = 0

    def add(self, other: Tally) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def lines(self, label: str) -> str:
        p = self.pred_hit / self.pred if self.pred else 0.0
        r = self.gold_hit / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = _ratio
        return (f"{label}: trigger P {p:.3f} R {r:.3f} F1 {f:.3f} (pred {self.pred}, "
                f"gold {self.gold}); subtype acc {acc(self.type_ok, self.gold_hit)}; "
                f"place acc {acc(self.place_ok, self.place_n)}; "
                f"casualty acc {acc(self.cas_ok, self.cas_n)}")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "-"


def build_steps() -> list[Step]:
    options = Options.load()
    return [step_class(n, options)(options) for n in options.steps if n not in SKIP]


def analyse(article: Article, steps: list[Step]) -> Document:
    doc = Document(id=article.path.name, text=article.text, language="hi",
                   blocks=[Block("paragraph", 0, len(article.text))], steps=list(SKIP))
    for step in steps:
        step(doc)
        doc.steps.append(step.name)
    return doc


def _incident(ev: Event) -> bool:
    return bool(ev.subtype) or ev.type in INCIDENT_TYPES


def _overlap(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _numbers(text: str) -> set[int]:
    ws = words(text, 0, len(text))
    return {n[0] for i in range(len(ws)) if (n := number_at(ws, i)) is not None}


def score(article: Article, doc: Document) -> Tally:
    t = Tally(gold=len(article.events))
    mentions = [(ev, e.trigger_start or e.start, e.trigger_end or e.end)
                for ev in doc.events if _incident(ev) for e in ev.evidence]
    t.pred = len(mentions)
    t.pred_hit = sum(any(_overlap(s, e, g.start, g.end) for g in article.events)
                     for _, s, e in mentions)
    for g in article.events:
        ev = next((ev for ev, s, e in mentions if _overlap(s, e, g.start, g.end)), None)
        if ev is None:
            continue
        t.gold_hit += 1
        t.type_ok += ev.subtype == g.subtype
        _args(article, g, ev, t)
    return t


def _args(article: Article, g: GoldEvent, ev: Event, t: Tally) -> None:
    places = article.args_of(g, "PLACE")
    if places:
        t.place_n += 1
        p = ev.place
        t.place_ok += p is not None and p.start is not None and p.end is not None and any(
            _overlap(p.start, p.end, a.start, a.end) for a in places)
    cas = article.args_of(g, "CASUALTIES")
    if cas:
        t.cas_n += 1
        gold_numbers = set().union(*(_numbers(article.text[a.start : a.end]) for a in cas))
        c = ev.casualties
        t.cas_ok += c is not None and bool({c.killed, c.injured} & gold_numbers)


def main(argv: list[str]) -> None:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT
    arts = articles(folder)
    steps = build_steps()
    halves = (Tally(), Tally())
    started = time.perf_counter()
    for k, article in enumerate(arts):
        halves[k % 2].add(score(article, analyse(article, steps)))
    seconds = time.perf_counter() - started
    total = Tally()
    for h in halves:
        total.add(h)
    print(f"EDNIL Hindi: {len(arts)} files, {total.gold} gold triggers, {seconds:.1f} s")
    print(total.lines("all"))
    print(halves[0].lines("half A"))
    print(halves[1].lines("half B"))


if __name__ == "__main__":
    main(sys.argv)
