"""The event ontology (``data/ontology.toml``): CAMEO codes, symmetry, incident categories."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from khabar.document import Cameo

DATA = Path(__file__).with_name("data") / "ontology.toml"


@dataclass(frozen=True)
class Ontology:
    plover: dict[str, dict[str, Any]]
    categories: dict[str, str]

    def cameo(self, type_: str, mode: str | None) -> Cameo | None:
        spec = self.plover.get(type_)
        if spec is None:
            return None
        row = spec.get("modes", {}).get(mode or "", spec["default"])
        return Cameo(row["cameo"], row["root"], int(row["quad"]), float(row["goldstein"]))

    def symmetric(self, type_: str, mode: str | None = None) -> bool:
        """Whether participants have no direction (a meeting; for ASSAULT only a war)."""
        spec = self.plover.get(type_, {})
        return bool(spec.get("symmetric", False)) or mode in spec.get("symmetric_modes", ())

    def category(self, subtype: str) -> str | None:
        return self.categories.get(subtype)

    @property
    def types(self) -> list[str]:
        return [*self.plover, *sorted(set(self.categories.values()))]


@cache
def ontology() -> Ontology:
    with DATA.open("rb") as fh:
        data = tomllib.load(fh)
    categories = {sub: cat for cat, spec in data["incident"].items() for sub in spec["subtypes"]}
    return Ontology(plover=data["plover"], categories=categories)
