"""GDELT 2.0 Event and Mentions tables (tab-separated, no header), and a reader for them.

Column order and types follow the GDELT 2.0 Event codebook: 61 columns in the Event table,
16 in the Mentions table. khabar fills what its event model knows (dates, actor names and
country codes, CAMEO code, root, QuadClass, Goldstein, number of mentions, action place,
source URL, sentence, offsets, confidence, document length, and the action place's
coordinates when the shipped knowledge base has them: its cities) and leaves the rest empty:
CAMEO actor type / religion / ethnic codes, tone, FIPS geo codes, feature ids, actor places.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select

from khabar.store import Store
from khabar.store.queries import Record
from khabar.store.schema import mentions as mentions_table

_ACTOR_FIELDS = (("Code", str), ("Name", str), ("CountryCode", str), ("KnownGroupCode", str),
                 ("EthnicCode", str), ("Religion1Code", str), ("Religion2Code", str),
                 ("Type1Code", str), ("Type2Code", str), ("Type3Code", str))
_GEO_FIELDS = (("Type", int), ("FullName", str), ("CountryCode", str), ("ADM1Code", str),
               ("ADM2Code", str), ("Lat", float), ("Long", float), ("FeatureID", str))

EVENT_COLUMNS: tuple[tuple[str, type], ...] = (
    ("GLOBALEVENTID", int), ("SQLDATE", int), ("MonthYear", int), ("Year", int),
    ("FractionDate", float),
    *((f"Actor1{name}", kind) for name, kind in _ACTOR_FIELDS),
    *((f"Actor2{name}", kind) for name, kind in _ACTOR_FIELDS),
    ("IsRootEvent", int), ("EventCode", str), ("EventBaseCode", str), ("EventRootCode", str),
    ("QuadClass", int), ("GoldsteinScale", float), ("NumMentions", int), ("NumSources", int),
    ("NumArticles", int), ("AvgTone", float),
    *((f"{who}Geo_{name}", kind) for who in ("Actor1", "Actor2", "Action")
      for name, kind in _GEO_FIELDS),
    ("DATEADDED", int), ("SOURCEURL", str),
)

MENTION_COLUMNS: tuple[tuple[str, type], ...] = (
    ("GLOBALEVENTID", int), ("EventTimeDate", int), ("MentionTimeDate", int),
    ("MentionType", int), ("MentionSourceName", str), ("MentionIdentifier", str),
    ("SentenceID", int), ("Actor1CharOffset", int), ("Actor2CharOffset", int),
    ("ActionCharOffset", int), ("InRawText", int), ("Confidence", int),
    ("MentionDocLen", int), ("MentionDocTone", float), ("MentionDocTranslationInfo", str),
    ("Extras", str),
)

_GEO_TYPES = {"country": 1, "region": 5, "city": 4}  # GDELT: 1 country, 4 world city, 5 ADM1
_LANG3 = {"hi": "hin", "en": "eng", "mr": "mar", "ne": "nep", "ur": "urd", "bn": "ben",
          "gu": "guj", "pa": "pan"}


def _stamp(iso: str | None) -> int | None:
    """``2024-03-01T10:20:30+00:00`` → 20240301102030."""
    digits = "".join(c for c in (iso or "")[:19] if c.isdigit())
    return int(digits) if len(digits) == 14 else None


def _dates(day: str | None) -> list[Any]:
    if not day:
        return [None, None, None, None]
    d = date.fromisoformat(day)
    fraction = round(d.year + (d.timetuple().tm_yday - 1) / 365, 4)
    return [int(d.strftime("%Y%m%d")), d.year * 100 + d.month, d.year, fraction]


def _actor(people: list[Record]) -> list[Any]:
    if not people:
        return [None] * len(_ACTOR_FIELDS)
    first = people[0]
    country = first.get("country") if len(first.get("country") or "") == 3 else None
    name = (first.get("name") or "").upper() or None
    return [country, name, country, *([None] * 7)]


def event_row(rec: Record, coords: tuple[float, float] | None = None) -> list[Any]:
    """The 61 values of one event's GDELT row; ``coords`` (latitude, longitude) are the
    action place's."""
    code = rec.get("cameo_code")
    sentence = rec.get("sentence")
    geo: list[Any] = [None] * len(_GEO_FIELDS)
    if rec.get("place_text"):
        geo[0] = _GEO_TYPES.get(rec.get("place_type") or "")
        geo[1] = rec["place_text"]
        if coords is not None:
            geo[5], geo[6] = coords
    row = [
        rec["id"], *_dates(rec.get("day")),
        *_actor(rec["actors"]), *_actor(rec["recipients"]),
        1 if sentence is not None and sentence <= 1 else 0,
        code, code[:3] if code else None, rec.get("cameo_root"),
        rec.get("quad_class"), rec.get("goldstein"),
        max(1, len(rec["evidence_spans"])), 1, 1, None,
        *([None] * len(_GEO_FIELDS)), *([None] * len(_GEO_FIELDS)), *geo,
        _stamp(rec.get("ingested_at")), rec.get("url") or rec.get("doc_key"),
    ]
    assert len(row) == len(EVENT_COLUMNS)
    return row


def mention_rows(rec: Record, offsets: dict[tuple[int, str], list[int]]) -> Iterator[list[Any]]:
    """The Mentions rows of one event: one per evidence span."""
    added = _stamp(rec.get("ingested_at"))
    lang = _LANG3.get(rec.get("language") or "", rec.get("language") or "")
    for span in rec["evidence_spans"] or []:
        start, end = span["start"], span["end"]
        row = [
            rec["id"], added, added, 1, rec.get("outlet") or "", rec.get("url") or rec["doc_key"],
            span["sentence"] + 1,
            _offset(offsets, rec["doc_id"], rec["actors"], start, end),
            _offset(offsets, rec["doc_id"], rec["recipients"], start, end),
            span["trigger_start"] if span["trigger_start"] is not None else start,
            1, round(float(rec.get("confidence") or 0.0) * 100), rec.get("doc_length"), None,
            f"srclc:{lang}" if lang and lang != "eng" else None, None,
        ]
        assert len(row) == len(MENTION_COLUMNS)
        yield row


def _coords(kb_id: str | None) -> tuple[float, float] | None:
    """A knowledge-base place's (latitude, longitude), if the shipped KB gives them."""
    if not kb_id:
        return None
    from khabar.kb.loader import load_kb

    entity = load_kb().get(kb_id)
    return entity.coords if entity is not None else None


def _offset(offsets: dict[tuple[int, str], list[int]], doc: int, people: list[Record],
            start: int, end: int) -> int:
    """Where the first participant is mentioned inside the evidence span, else -1."""
    if not people:
        return -1
    for pos in offsets.get((doc, people[0].get("local") or ""), []):
        if start <= pos < end:
            return pos
    return -1


def _mention_offsets(store: Store, doc_ids: set[int]) -> dict[tuple[int, str], list[int]]:
    out: dict[tuple[int, str], list[int]] = {}
    if not doc_ids:
        return out
    query = (select(mentions_table.c.doc_id, mentions_table.c.local_entity,
                    mentions_table.c.start)
             .where(mentions_table.c.doc_id.in_(sorted(doc_ids)),
                    mentions_table.c.local_entity.is_not(None))
             .order_by(mentions_table.c.start))
    with store.engine.connect() as conn:
        for doc, local, start in conn.execute(query):
            out.setdefault((int(doc), str(local)), []).append(int(start))
    return out


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value).replace("\t", " ").replace("\n", " ").replace("\r", " ")


def _write(fh: IO[str], values: list[Any]) -> None:
    fh.write("\t".join(_cell(v) for v in values) + "\n")


def write_gdelt(store: Store, records: Iterable[Record], prefix: Path,
                chunk: int = 1000) -> dict[str, int]:
    """``PREFIX.export.CSV`` and ``PREFIX.mentions.CSV``; returns rows written per file."""
    events_path = prefix.with_name(prefix.name + ".export.CSV")
    mentions_path = prefix.with_name(prefix.name + ".mentions.CSV")
    n_events = n_mentions = 0
    with events_path.open("w", encoding="utf-8", newline="") as ev_fh, \
            mentions_path.open("w", encoding="utf-8", newline="") as m_fh:
        batch: list[Record] = []
        for rec in chain(records, [None]):
            if rec is not None:
                batch.append(rec)
            if batch and (rec is None or len(batch) >= chunk):
                offsets = _mention_offsets(store, {int(r["doc_id"]) for r in batch})
                for item in batch:
                    _write(ev_fh, event_row(item, _coords(item.get("place_kb_id"))))
                    n_events += 1
                    for row in mention_rows(item, offsets):
                        _write(m_fh, row)
                        n_mentions += 1
                batch = []
    return {str(events_path): n_events, str(mentions_path): n_mentions}


def read_table(path: Path, columns: tuple[tuple[str, type], ...]) -> list[dict[str, Any]]:
    """Parse a GDELT table written per the codebook; raises ValueError on a malformed row."""
    out: list[dict[str, Any]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for n, cells in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(cells) != len(columns):
                raise ValueError(f"{path}:{n}: {len(cells)} columns, the codebook has "
                                 f"{len(columns)}")
            out.append({name: kind(cell) if cell != "" else None
                        for (name, kind), cell in zip(columns, cells, strict=True)})
    return out


def read_events(path: Path) -> list[dict[str, Any]]:
    return read_table(path, EVENT_COLUMNS)


def read_mentions(path: Path) -> list[dict[str, Any]]:
    return read_table(path, MENTION_COLUMNS)
