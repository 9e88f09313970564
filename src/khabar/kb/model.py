"""Knowledge-base entities and roles, with their JSON-line form."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast, get_args

import regex

from khabar.document import EntityType

ENTITY_TYPES: frozenset[str] = frozenset(get_args(EntityType))
_DEVANAGARI = regex.compile(r"\p{Devanagari}")
_ARABIC = regex.compile(r"\p{Arabic}")
_BENGALI = regex.compile(r"\p{Bengali}")
_LATIN = regex.compile(r"\p{Latin}")


@dataclass(frozen=True, slots=True)
class Role:
    """A role of a person: ``minister:defence@RUS`` is Role("minister", "defence", "RUS")."""

    role: str
    portfolio: str = ""
    of: str = ""

    @classmethod
    def parse(cls, text: str) -> Role:
        head, _, of = text.strip().partition("@")
        role, _, portfolio = head.partition(":")
        return cls(role.strip(), portfolio.strip(), of.strip())

    def __str__(self) -> str:
        head = f"{self.role}:{self.portfolio}" if self.portfolio else self.role
        return f"{head}@{self.of}" if self.of else head


@dataclass(slots=True)
class KBEntity:
    """One knowledge-base entity. ``names[lang]`` lists names, the first one canonical."""

    id: str
    type: EntityType
    names: dict[str, list[str]] = field(default_factory=dict)
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    coords: tuple[float, float] | None = None
    prior: float = 0.5
    sources: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The canonical English name (or the first name there is)."""
        for lang in ("en", *self.names):
            if self.names.get(lang):
                return self.names[lang][0]
        return self.id

    @property
    def name_hi(self) -> str | None:
        hi = self.names.get("hi")
        return hi[0] if hi else None

    def all_names(self) -> Iterator[tuple[str, str]]:
        for lang, names in self.names.items():
            for name in names:
                yield lang, name

    def add_name(self, lang: str, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            return
        names = self.names.setdefault(lang, [])
        if name not in names:
            names.append(name)

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "type": self.type, "names": self.names}
        if self.country:
            out["country"] = self.country
        if self.roles:
            out["roles"] = [str(r) for r in self.roles]
        if self.coords:
            out["coords"] = [round(self.coords[0], 4), round(self.coords[1], 4)]
        out["prior"] = round(self.prior, 3)
        out["sources"] = self.sources
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KBEntity:
        coords = data.get("coords")
        return cls(
            id=str(data["id"]),
            type=entity_type(str(data.get("type", "other"))),
            names={str(k): [str(n) for n in v] for k, v in data.get("names", {}).items()},
            country=data.get("country") or None,
            roles=[Role.parse(r) for r in data.get("roles", [])],
            coords=(float(coords[0]), float(coords[1])) if coords else None,
            prior=float(data.get("prior", 0.5)),
            sources=[str(s) for s in data.get("sources", [])],
        )


def entity_type(value: str) -> EntityType:
    """A valid entity type; unknown values become ``other``."""
    value = value.strip().lower()
    if value == "organization":
        value = "organisation"
    return cast(EntityType, value if value in ENTITY_TYPES else "other")


def script_language(name: str, default: str = "en") -> str:
    """The language a bare name is filed under, by its script (hi, ur, bn, en)."""
    if _DEVANAGARI.search(name):
        return "hi"
    if _ARABIC.search(name):
        return "ur"
    if _BENGALI.search(name):
        return "bn"
    if _LATIN.search(name):
        return "en"
    return default
