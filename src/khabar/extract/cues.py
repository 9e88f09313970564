"""Page cues of the scraped-text reader: section labels, byline and date words.

Read from ``khabar/lang/<lang>/page.toml`` for each configured language and merged. Words are
kept as match keys (see :func:`khabar.extract.boilerplate.match_key`); byline prefixes are
compiled into one regular expression that also returns the name after the prefix.
"""

from __future__ import annotations

import logging
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

from khabar.extract.boilerplate import match_key, read_lang_file

log = logging.getLogger(__name__)

_LIST_KEYS = ("sections", "byline_prefixes", "byline_suffixes", "date_prefixes", "date_words",
              "breadcrumb_home", "agencies", "continuation_words")


@dataclass(slots=True)
class PageCues:
    sections: frozenset[str] = frozenset()
    byline_suffixes: tuple[str, ...] = ()
    date_prefixes: tuple[str, ...] = ()
    date_words: frozenset[str] = frozenset()
    breadcrumb_home: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    continuation_words: frozenset[str] = frozenset()
    byline_prefix_re: regex.Pattern[str] | None = None
    suffix_last_words: frozenset[str] = frozenset()
    prefix_first_words: frozenset[str] = frozenset()

    def byline_name(self, line: str) -> str | None:
        """The text after a byline prefix ("By Asha Rao" -> "Asha Rao"), else None."""
        if self.byline_prefix_re is None:
            return None
        found = self.byline_prefix_re.match(unicodedata.normalize("NFC", line))
        return found.group("name") if found else None

    def has_byline_suffix(self, key: str) -> bool:
        if key.rsplit(" ", 1)[-1] not in self.suffix_last_words:
            return False
        return any(key == s or key.endswith(" " + s) for s in self.byline_suffixes)

    def runs_on(self, key: str) -> bool:
        """Whether a line with this key ends in a word that continues into the next line."""
        return bool(key) and key.rsplit(" ", 1)[-1] in self.continuation_words

    def has_date_prefix(self, key: str) -> bool:
        if key.split(" ", 1)[0] not in self.prefix_first_words:
            return False
        return any(key == p or key.startswith(p + " ") for p in self.date_prefixes)


def _prefix_regex(prefixes: list[str]) -> regex.Pattern[str] | None:
    if not prefixes:
        return None
    ordered = sorted({unicodedata.normalize("NFC", p) for p in prefixes}, key=len, reverse=True)
    alts = "|".join(r"\s+".join(regex.escape(w) for w in p.split()) for p in ordered)
    return regex.compile(
        rf"^\s*(?:{alts})(?:\s*[:：\-–—|]\s*|\s+)(?P<name>[\p{{L}}\p{{M}}].*)$",
        regex.IGNORECASE,
    )


def _keys(values: list[str]) -> list[str]:
    return [k for k in (match_key(v) for v in values) if k]


def _read(lang: str) -> dict[str, list[str]]:
    text = read_lang_file(lang, "page.toml")
    if text is None:
        return {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        log.warning("lang/%s/page.toml is not valid TOML: %s", lang, exc)
        return {}
    out: dict[str, list[str]] = {}
    for key in _LIST_KEYS:
        values = data.get(key, [])
        out[key] = [v for v in values if isinstance(v, str)] if isinstance(values, list) else []
    return out


@lru_cache(maxsize=16)
def load_cues(languages: tuple[str, ...]) -> PageCues:
    """The merged page cues of ``languages`` (cached)."""
    merged: dict[str, list[str]] = {k: [] for k in _LIST_KEYS}
    for lang in languages:
        for key, values in _read(lang).items():
            merged[key].extend(values)
    suffixes = sorted(set(_keys(merged["byline_suffixes"])), key=len, reverse=True)
    prefixes = sorted(set(_keys(merged["date_prefixes"])), key=len, reverse=True)
    return PageCues(
        sections=frozenset(_keys(merged["sections"])),
        byline_suffixes=tuple(suffixes),
        date_prefixes=tuple(prefixes),
        suffix_last_words=frozenset(s.rsplit(" ", 1)[-1] for s in suffixes),
        prefix_first_words=frozenset(p.split(" ", 1)[0] for p in prefixes),
        date_words=frozenset(_keys(merged["date_words"])),
        breadcrumb_home=frozenset(_keys(merged["breadcrumb_home"])),
        agencies=frozenset(_keys(merged["agencies"])),
        continuation_words=frozenset(_keys(merged["continuation_words"])),
        byline_prefix_re=_prefix_regex(merged["byline_prefixes"]),
    )
