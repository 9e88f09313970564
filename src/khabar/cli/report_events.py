"""Readable event lines for ``khabar analyze``.

``THREATEN/sanctions  United States → North Korea  (asserted)  "अमेरिका ने उत्तर कोरिया को ..."``
"""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from khabar.cli.common import out
from khabar.document import Document, Event

_QUOTE_MAX = 90


def event_line(doc: Document, event: Event) -> str:
    """One plain-text line: type/mode, who → whom, modality, flags, and the first evidence."""
    names = {e.id: e.name for e in doc.entities}
    label = event.type + (f"/{event.mode}" if event.mode else "")
    if event.subtype:
        label += f" [{event.subtype}]"
    actors = ", ".join(names.get(a, a) for a in event.actors) or "?"
    recips = ", ".join(names.get(r, r) for r in event.recipients)
    who = f"{actors} → {recips}" if recips else actors
    flags = [event.modality] + (["unconfirmed"] if event.unconfirmed else [])
    parts = [label, who, f"({', '.join(flags)})"]
    extra = _extras(event, names)
    if extra:
        parts.append(extra)
    parts.append(f'"{_quote(doc, event)}"')
    return "  ".join(parts)


def _extras(event: Event, names: dict[str, str]) -> str:
    bits: list[str] = []
    if event.place is not None:
        bits.append("at " + (names.get(event.place.entity or "", "") or event.place.text))
    if event.time is not None:
        bits.append("when " + (event.time.value or event.time.text))
    if event.casualties is not None:
        c = event.casualties
        approx = "~" if c.approximate else ""
        bits.append(f"killed {approx}{c.killed if c.killed is not None else '-'}, "
                    f"injured {approx}{c.injured if c.injured is not None else '-'}")
    for a in event.attributions:
        bits.append("per " + (names.get(a.source or "", a.source or "") if a.kind == "named"
                              else "unnamed") + f" ({a.cue})")
    return "; ".join(bits)


def _quote(doc: Document, event: Event) -> str:
    ev = event.evidence[0]
    text = " ".join(doc.text[ev.start : ev.end].split())
    return text if len(text) <= _QUOTE_MAX else text[: _QUOTE_MAX - 1] + "…"


def print_events(doc: Document, console: Console | None = None) -> None:
    """Print every event of ``doc`` as one readable line."""
    console = console or out
    if not doc.events:
        console.print("no events")
        return
    for event in doc.events:
        console.print(escape(event_line(doc, event)), highlight=False)
