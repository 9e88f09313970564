"""Load the shipped knowledge base (once per process) and merge users' own entity files."""

from __future__ import annotations

import gzip
import json
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from khabar.kb.model import KBEntity
from khabar.kb.userfile import read_user_file

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
ENTITIES_FILE = DATA_DIR / "entities.jsonl.gz"


class KnowledgeBase:
    """Entities by id. Matching indexes live with the gazetteer and linker, not here."""

    def __init__(self, entities: Iterable[KBEntity] = ()) -> None:
        self._entities: dict[str, KBEntity] = {}
        for entity in entities:
            self.add(entity)

    def add(self, entity: KBEntity) -> None:
        """Add an entity; one with a known id adds its names, roles and sources."""
        old = self._entities.get(entity.id)
        if old is None:
            self._entities[entity.id] = entity
            return
        for lang, name in entity.all_names():
            old.add_name(lang, name)
        for role in entity.roles:
            if role not in old.roles:
                old.roles.append(role)
        for source in entity.sources:
            old.add_source(source)
        old.country = old.country or entity.country
        old.coords = old.coords or entity.coords
        old.prior = max(old.prior, entity.prior)

    def get(self, entity_id: str) -> KBEntity | None:
        return self._entities.get(entity_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._entities

    def __len__(self) -> int:
        return len(self._entities)

    def __iter__(self) -> Iterator[KBEntity]:
        return iter(self._entities.values())

    def by_country(self, iso3: str) -> KBEntity | None:
        """The country entity of an ISO 3166 alpha-3 code."""
        for entity in self._entities.values():
            if entity.type == "country" and entity.country == iso3:
                return entity
        return None


def read_entities(path: Path) -> Iterator[KBEntity]:
    """Entities from a JSON-lines file, gzipped when it ends in ``.gz``."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield KBEntity.from_json(json.loads(line))


def write_entities(path: Path, entities: Iterable[KBEntity]) -> int:
    """Write entities as sorted JSON lines; gzip without a timestamp, so builds reproduce."""
    lines = [json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True) for e in entities]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(
        filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as fh:
        fh.write(data)
    return len(lines)


_LOCK = threading.Lock()
_CACHE: dict[tuple[str, ...], KnowledgeBase] = {}


def load_kb(user_files: Sequence[str | Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus ``user_files``, built once per process and file set."""
    key = tuple(str(Path(p).expanduser()) for p in user_files)
    with _LOCK:
        kb = _CACHE.get(key)
        if kb is None:
            kb = KnowledgeBase(read_entities(ENTITIES_FILE)) if ENTITIES_FILE.exists() else (
                KnowledgeBase()
            )
            if not ENTITIES_FILE.exists():
                log.warning("knowledge base file %s is missing", ENTITIES_FILE)
            for path in key:
                for entity in read_user_file(Path(path)):
                    kb.add(entity)
            _CACHE[key] = kb
        return kb
