"""Reading the language data files under ``khabar/lang/<code>/`` (lists and tables)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LANG_DIR = Path(__file__).resolve().parent


def data_path(lang: str, name: str) -> Path:
    return LANG_DIR / lang / name


def _lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        out.append(raw.rstrip("\n\r"))
    return out


def _char(field: str) -> str:
    """A character written as itself or as ``U+XXXX``."""
    if field.upper().startswith("U+") and len(field) > 2:
        return chr(int(field[2:], 16))
    return field


@lru_cache(maxsize=64)
def word_list(lang: str, name: str) -> frozenset[str]:
    """The non-comment lines of ``<lang>/<name>``, stripped (empty set when absent)."""
    return frozenset(line.strip() for line in _lines(data_path(lang, name)))


@lru_cache(maxsize=64)
def table(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a TAB-separated ``<lang>/<name>``; ``U+XXXX`` fields become characters."""
    rows = []
    for line in _lines(data_path(lang, name)):
        rows.append(tuple(_char(f) for f in line.split("\t")))
    return tuple(rows)
