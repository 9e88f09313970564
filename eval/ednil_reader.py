"""Reader of the EDNIL (FIRE 2020) Hindi XML: text rebuilt from <W> tokens, gold spans.

Only used by eval/ednil_eval.py. The text is the tokens joined by single spaces, paragraphs by
newlines; every gold span is a character span of that text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import regex

_TAG = regex.compile(r"<W>(.*?)</W>|<(/?)([A-Za-z_\-]+)([^>]*?)(/?)>", regex.S)
_ATTR = regex.compile(r'(\w+)="([^"]*)"')
_EVENTS = ("NATURAL_EVENT", "MAN_MADE_EVENT")


@dataclass
class GoldEvent:
    id: str
    subtype: str
    start: int
    end: int
    coref: set[str] = field(default_factory=set)


@dataclass
class GoldArg:
    kind: str
    start: int
    end: int
    events: set[str] = field(default_factory=set)


@dataclass
class Article:
    path: Path
    text: str
    events: list[GoldEvent]
    args: list[GoldArg]

    def args_of(self, event: GoldEvent, kind: str) -> list[GoldArg]:
        ids = {event.id} | event.coref
        for other in self.events:
            if event.id in other.coref:
                ids.add(other.id)
        return [a for a in self.args if a.kind == kind and a.events & ids]


def read_article(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8", errors="replace")
    parts: list[str] = []
    pos = 0
    stack: list[tuple[str, dict[str, str], int, set[str]]] = []
    events: list[GoldEvent] = []
    args: list[GoldArg] = []
    for m in _TAG.finditer(raw):
        if m.group(1) is not None:
            word = " ".join(m.group(1).split())
            if word:
                if parts and parts[-1] != "\n":
                    parts.append(" ")
                    pos += 1
                for item in stack:
                    if item[2] < 0:
                        stack[stack.index(item)] = (item[0], item[1], pos, item[3])
                parts.append(word)
                pos += len(word)
            continue
        closing, name, attrs, selfclose = m.group(2), m.group(3), m.group(4), m.group(5)
        if name == "P" and closing and parts and parts[-1] != "\n":
            parts.append("\n")
            pos += 1
        if selfclose:
            _link(stack, dict(_ATTR.findall(attrs)))
        elif not closing:
            stack.append((name, dict(_ATTR.findall(attrs)), -1, set()))
        elif stack and stack[-1][0] == name:
            _close(stack.pop(), pos, events, args)
    return Article(path, "".join(parts), events, args)


def _link(stack: list[tuple[str, dict[str, str], int, set[str]]], attrs: dict[str, str]) -> None:
    if not stack:
        return
    target = attrs.get("EVENT_ARG") or attrs.get("EVENT_ID")
    if target:
        stack[-1][3].add(target)


def _close(item: tuple[str, dict[str, str], int, set[str]], end: int,
           events: list[GoldEvent], args: list[GoldArg]) -> None:
    name, attrs, start, links = item
    if start < 0:
        return
    if name in _EVENTS:
        events.append(GoldEvent(attrs.get("ID", ""), attrs.get("TYPE", ""), start, end, links))
    elif name.endswith("-ARG"):
        args.append(GoldArg(name[:-4], start, end, links))


def articles(folder: Path) -> list[Article]:
    return [read_article(p) for p in sorted(folder.iterdir()) if p.is_file()]
