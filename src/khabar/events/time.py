"""Hindi temporal expressions, normalised against the publication date when it is known.

Families: absolute dates (either digit set, month names, numeric), years ("2019 में"),
relative units (इसी महीने, बीते महिने, पिछले हफ्ते, गत वर्ष), days (आज, कल by the verb's tense,
परसों), weekdays, "N दिन पहले", and the vague "हाल ही में". Without an anchor a relative
expression keeps its precision but no value: it is never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from khabar.document import Document, Precision, TimeExpression
from khabar.events.text import key, load_data, phrase_key, sentences, words

_NUMERIC = regex.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)|"
                         r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DIGITS = str.maketrans("०१२३४५६७८९", "0123456789")
_PAST = frozenset(key(w) for w in ("था", "थी", "थे", "थीं", "गया", "गई", "गए", "गये", "हुआ",
                                    "हुई", "हुए", "किया", "लिया", "दिया", "ने", "मारे", "गईं"))
_FUTURE = tuple(key(s) for s in ("ेगा", "ेगी", "ेंगे", "ोगा", "ोगी", "ोंगे", "एगा", "एगी",
                                 "एंगे", "येगा", "येगी", "येंगे", "ूंगा"))
_FUTURE_ENDS = tuple(s + "\n" for s in _FUTURE)
_PARSON = (key("परसों"),)
_KAL = key("कल")
_RECENTLY = (key("हाल"), key("ही"), key("में"))
_ANY_DIGIT = regex.compile(r"\d")


@dataclass(frozen=True)
class TimeCues:
    months: dict[str, int]
    weekdays: dict[str, int]
    units: dict[str, str]
    determiners: dict[tuple[str, ...], int]
    days: dict[tuple[str, ...], int]
    kal: tuple[tuple[str, ...], ...]
    ago: frozenset[str]
    later: frozenset[str]
    year_after: frozenset[str]
    year_before: frozenset[str]


def _keyed(table: dict[str, Any]) -> dict[str, Any]:
    return {key(a): b for a, b in table.items()}


@cache
def time_cues(lang: str = "hi") -> TimeCues:
    d = load_data(lang, "time")
    return TimeCues(
        months=_keyed(d["months"]), weekdays=_keyed(d["weekdays"]), units=_keyed(d["units"]),
        determiners={phrase_key(a): b for a, b in d["determiners"].items()},
        days={phrase_key(a): b for a, b in d["days"].items()},
        kal=tuple(sorted((phrase_key(w) for w in d["kal"]["words"]), key=len, reverse=True)),
        ago=frozenset(key(w) for w in d["kal"]["ago"]),
        later=frozenset(key(w) for w in d["kal"]["later"]),
        year_after=frozenset(key(w) for w in d["year_context"]["after"]),
        year_before=frozenset(key(w) for w in d["year_context"]["before"]),
    )


def anchor_date(doc: Document) -> dt.date | None:
    pub = doc.meta.published
    if pub is None or len(pub.value) < 10:
        return None
    try:
        return dt.date.fromisoformat(pub.value[:10])
    except ValueError:
        return None


def tense(keys: list[str]) -> int:
    """-1 past, +1 future, 0 unknown: from the verbs of a sentence (its word keys)."""
    # A key holds no line break, so "<suffix>\n" occurs in the joined keys exactly when a
    # key ends with the suffix: a few substring scans instead of one call per word.
    joined = "\n".join(keys) + "\n"
    if any(end in joined for end in _FUTURE_ENDS):
        return 1
    if not _PAST.isdisjoint(keys):
        return -1
    return 0


def shift_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def fmt(d: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "week":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    return d.isoformat()


@dataclass(slots=True)
class _Found:
    i: int
    j: int
    value: str | None
    precision: Precision
    anchored: bool = True


Matcher = Callable[[list[str], int, dt.date | None, int], _Found | None]
Phrases = dict[str, tuple[tuple[tuple[str, ...], int], ...]]


def _by_first(phrases: Iterable[tuple[tuple[str, ...], int]]) -> Phrases:
    """Phrases with a value, grouped by their first key, in their original order."""
    out: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for phrase, value in phrases:
        out.setdefault(phrase[0], []).append((phrase, value))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _phrase_tables() -> tuple[Phrases, Phrases, Phrases]:
    """Determiners, day words and kal words looked up by the key a phrase starts with."""
    tc = time_cues()
    return (_by_first(tc.determiners.items()), _by_first(tc.days.items()),
            _by_first((p, 0) for p in tc.kal))


def _relative(ks: list[str], i: int, anchor: dt.date | None, _t: int) -> _Found | None:
    tc = time_cues()
    for det, offset in _phrase_tables()[0].get(ks[i], ()):
        n = len(det)
        if i + n < len(ks) and tuple(ks[i : i + n]) == det:
            unit = tc.units.get(ks[i + n])
            if unit is None or unit == "day":
                continue
            value = None
            if anchor is not None:
                value = fmt(_offset(anchor, unit, offset), unit)
            return _Found(i, i + n + 1, value, unit)  # type: ignore[arg-type]
    return None


def _offset(anchor: dt.date, unit: str, n: int) -> dt.date:
    if unit == "month":
        return shift_months(anchor, n)
    if unit == "year":
        return shift_months(anchor, 12 * n)
    if unit == "week":
        return anchor + dt.timedelta(weeks=n)
    return anchor + dt.timedelta(days=n)


def _ago(ks: list[str], i: int, anchor: dt.date | None, _t: int) -> _Found | None:
    tc = time_cues()
    if not ks[i].isdigit() or i + 2 >= len(ks):
        return None
    unit = tc.units.get(ks[i + 1])
    sign = -1 if ks[i + 2] in tc.ago else (1 if ks[i + 2] in tc.later else 0)
    if unit is None or sign == 0:
        return None
    value = fmt(_offset(anchor, unit, sign * int(ks[i])), unit) if anchor else None
    return _Found(i, i + 3, value, unit)  # type: ignore[arg-type]


def _days(ks: list[str], i: int, anchor: dt.date | None, t: int) -> _Found | None:
    _dets, days, kal = _phrase_tables()
    for phrase, offset in days.get(ks[i], ()):
        if tuple(ks[i : i + len(phrase)]) == phrase:
            if phrase == _PARSON:
                offset = 2 * t if t else 0
                if t == 0:
                    return _Found(i, i + 1, None, "day")
            value = fmt(anchor + dt.timedelta(days=offset), "day") if anchor else None
            return _Found(i, i + len(phrase), value, "day")
    for phrase, _zero in kal.get(ks[i], ()):
        if tuple(ks[i : i + len(phrase)]) == phrase:
            sign = -1 if phrase[0] != _KAL else t
            value = None
            if anchor is not None and sign != 0:
                value = fmt(anchor + dt.timedelta(days=sign), "day")
            return _Found(i, i + len(phrase), value, "day")
    return None


def _weekday(ks: list[str], i: int, anchor: dt.date | None, t: int) -> _Found | None:
    wd = time_cues().weekdays.get(ks[i])
    if wd is None:
        return None
    value = None
    if anchor is not None:
        back = -((anchor.weekday() - wd) % 7)
        delta = (wd - anchor.weekday()) % 7 or 7 if t > 0 else back
        value = fmt(anchor + dt.timedelta(days=delta), "day")
    return _Found(i, i + 1, value, "day")


def _is_year(ks: list[str], i: int) -> bool:
    k = ks[i]
    return len(k) == 4 and k.isdigit() and 1900 <= int(k) <= 2100


def _absolute(ks: list[str], i: int, anchor: dt.date | None, _t: int) -> _Found | None:
    tc = time_cues()
    k = ks[i]
    if k.isdigit() and 1 <= int(k) <= 31 and i + 1 < len(ks) and ks[i + 1] in tc.months:
        month = tc.months[ks[i + 1]]
        if i + 2 < len(ks) and _is_year(ks, i + 2):
            return _safe_day(i, i + 3, int(ks[i + 2]), month, int(k), False)
        if anchor is None:
            return _Found(i, i + 2, None, "day")
        year = anchor.year - (1 if (month, int(k)) > (anchor.month, anchor.day + 7) else 0)
        return _safe_day(i, i + 2, year, month, int(k))
    if k in tc.months and i + 1 < len(ks) and _is_year(ks, i + 1):
        value = f"{int(ks[i + 1]):04d}-{tc.months[k]:02d}"
        return _Found(i, i + 2, value, "month", False)
    if _is_year(ks, i):
        before = i > 0 and ks[i - 1] in tc.year_before
        after = i + 1 < len(ks) and ks[i + 1] in tc.year_after
        if before or after:
            return _Found(i - 1 if before else i, i + 1, k, "year", False)
    return None


def _safe_day(i: int, j: int, y: int, m: int, d: int, anchored: bool = True) -> _Found | None:
    try:
        return _Found(i, j, dt.date(y, m, d).isoformat(), "day", anchored)
    except ValueError:
        return None


def _vague(ks: list[str], i: int, _a: dt.date | None, _t: int) -> _Found | None:
    if tuple(ks[i : i + 3]) == _RECENTLY:
        return _Found(i, i + 3, None, "unknown")
    return None


_MATCHERS: tuple[Matcher, ...] = (_absolute, _ago, _relative, _days, _weekday, _vague)


@cache
def _first_keys() -> frozenset[str]:
    """Keys a temporal expression can start with (besides digits)."""
    tc = time_cues()
    out = set(tc.months) | set(tc.weekdays) | set(tc.year_before) | {key("हाल")}
    out |= {p[0] for p in tc.determiners} | {p[0] for p in tc.days} | {p[0] for p in tc.kal}
    return frozenset(out)


def find_times(text: str, start: int, end: int, anchor: dt.date | None) -> list[TimeExpression]:
    """Temporal expressions in ``text[start:end]``, left to right."""
    ws = words(text, start, end)
    ks = [w.key for w in ws]
    t = tense(ks)
    out = _numeric(text, start, end)
    taken = {(x.start, x.end) for x in out}
    first = _first_keys()
    i = 0
    for c in [n for n, k in enumerate(ks) if k in first or k[:1].isdigit()]:
        if c < i:
            continue
        found = next((f for m in _MATCHERS if (f := m(ks, c, anchor, t)) is not None), None)
        if found is None:
            i = c + 1
            continue
        s, e = ws[found.i].start, ws[found.j - 1].end
        if not any(a <= s < b for a, b in taken):
            used = anchor.isoformat() if anchor and found.value and found.anchored else None
            out.append(TimeExpression(s, e, text[s:e], found.value, found.precision, used))
        i = found.j
    out.sort(key=lambda x: x.start)
    return out


def _numeric(text: str, start: int, end: int) -> list[TimeExpression]:
    out: list[TimeExpression] = []
    if _ANY_DIGIT.search(text, start, end) is None:
        return out
    ascii_text = text[start:end].translate(_DIGITS)
    for m in _NUMERIC.finditer(ascii_text):
        if m.group(1):
            y, mo, d = int(m.group(3)), int(m.group(2)), int(m.group(1))
        else:
            y, mo, d = int(m.group(4)), int(m.group(5)), int(m.group(6))
        try:
            value = dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
        s, e = start + m.start(), start + m.end()
        out.append(TimeExpression(s, e, text[s:e], value, "day", None))
    return out


def document_times(doc: Document) -> list[TimeExpression]:
    anchor = anchor_date(doc)
    out: list[TimeExpression] = []
    for s in sentences(doc):
        out.extend(find_times(doc.text, s.start, s.end, anchor))
    return out
