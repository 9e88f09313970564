"""Users' own entities from CSV, TSV or JSON-lines files.

Columns (CSV/TSV header, or JSON keys): ``id`` (optional: ``user:<slug>`` is made from the
English name), ``type``, ``en``, ``hi``, ``aliases`` (``|``-separated, any script), ``country``
(ISO alpha-3), ``roles`` (``role[:portfolio]@ISO3-or-id``, ``;``-separated), ``name_<lang>``
for other languages, ``lat``/``lon``. A JSON line may also be a full knowledge-base row
(``names`` object). Bad rows are logged and skipped.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import regex

from khabar.errors import InputError
from khabar.kb.model import KBEntity, Role, entity_type, script_language

log = logging.getLogger(__name__)
_SLUG = regex.compile(r"[^\p{L}\p{N}]+")


def read_user_file(path: Path) -> Iterator[KBEntity]:
    """Entities from one user file; an unreadable file raises :class:`InputError`."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read knowledge-base file {path}: {exc.strerror}") from exc
    if path.suffix.lower() in (".jsonl", ".json", ".ndjson"):
        rows: list[Mapping[str, Any]] = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                log.warning("%s:%d: not JSON, skipped", path, n)
    else:
        delimiter = "\t" if path.suffix.lower() in (".tsv", ".tab") else ","
        rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    for n, row in enumerate(rows, 1):
        entity = row_entity(row, source=f"user:{path.name}")
        if entity is None:
            log.warning("%s: row %d has no name, skipped", path, n)
            continue
        yield entity


def row_entity(row: Mapping[str, Any], source: str) -> KBEntity | None:
    """One entity from a flat row (see the module doc), or None when it has no name."""
    if isinstance(row.get("names"), dict):
        data = dict(row)
        data.setdefault("sources", [source])
        return KBEntity.from_json(data)
    entity = KBEntity(id="", type=entity_type(str(row.get("type") or "other")), prior=1.0)
    for lang in ("en", "hi"):
        for name in _split(row.get(lang), "|"):
            entity.add_name(lang, name)
    for key, value in row.items():
        if key and key.startswith("name_"):
            for name in _split(value, "|"):
                entity.add_name(key[5:], name)
    for alias in _split(row.get("aliases"), "|"):
        entity.add_name(script_language(alias), alias)
    if not entity.names:
        return None
    entity.id = str(row.get("id") or "").strip() or "user:" + _slug(entity.name)
    entity.country = str(row.get("country") or "").strip().upper() or None
    entity.roles = [Role.parse(r) for r in _split(row.get("roles"), ";")]
    entity.coords = _coords(row)
    entity.sources = [source]
    return entity


def _split(value: Any, sep: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in str(value).split(sep) if part.strip()]


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.casefold()).strip("-") or "entity"


def _coords(row: Mapping[str, Any]) -> tuple[float, float] | None:
    try:
        return float(row["lat"]), float(row["lon"])
    except (KeyError, TypeError, ValueError):
        return None
