"""A fast path to a Document's JSON form, equal to :meth:`Document.to_json` (tested so).

The generic codec walks every value through type checks; a stored document has hundreds of
tokens, all small dataclasses of scalars, so this module plans each dataclass once (its
non-transient fields, and whether they are all scalars) and copies flat ones directly.
``json.dumps(allow_nan=False)`` keeps the codec's refusal of non-finite floats.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from functools import cache
from operator import attrgetter
from typing import Any, Literal, Union, get_args, get_origin

from khabar.document import Document

_SCALAR_TYPES = (str, int, float, bool, type(None))


def _scalar(hint: Any) -> bool:
    origin = get_origin(hint)
    if origin is Literal:
        return True
    if origin in (Union, types.UnionType):
        return all(_scalar(a) for a in get_args(hint))
    return hint in _SCALAR_TYPES


@cache
def _plan(cls: type) -> tuple[tuple[str, ...], tuple[bool, ...], bool]:
    """Non-transient field names, which of them hold scalars, and whether all do."""
    hints = typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
    names = tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("transient"))
    scalar = tuple(_scalar(hints[n]) for n in names)
    return names, scalar, all(scalar)


def _is_dataclass(value: Any) -> bool:
    return hasattr(type(value), "__dataclass_fields__") and not isinstance(value, type)


def jsonable(value: Any) -> Any:
    if _is_dataclass(value):
        cls: type = type(value)
        names, scalar, flat = _plan(cls)
        if flat:
            return {n: getattr(value, n) for n in names}
        return {n: getattr(value, n) if plain else jsonable(getattr(value, n))
                for n, plain in zip(names, scalar, strict=True)}
    if isinstance(value, list | tuple):
        return _list(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value


def _list(value: list[Any] | tuple[Any, ...]) -> list[Any]:
    if not value:
        return []
    kind: type = type(value[0])
    same = all(type(v) is kind for v in value)
    if same and kind in _SCALAR_TYPES:
        return list(value)
    if same and _is_dataclass(value[0]):
        names, _, flat = _plan(kind)
        if flat:
            if len(names) == 1:
                return [{names[0]: getattr(v, names[0])} for v in value]
            get = attrgetter(*names)
            return [dict(zip(names, get(v), strict=True)) for v in value]
    return [jsonable(v) for v in value]


_TOKEN_FIELDS = ("start", "end", "kind", "key", "value")
_token_row = attrgetter(*_TOKEN_FIELDS)


def document_json(doc: Document) -> str:
    """The same text as ``doc.to_json()``, several times faster on analysed documents."""
    return json.dumps(jsonable(doc), ensure_ascii=False, allow_nan=False)


def stored_json(doc: Document) -> tuple[str, str]:
    """``(document JSON without tokens, tokens as [start, end, kind, key, value] rows)``.

    Tokens are most of an analysed document's items; as rows of scalars they encode several
    times faster than as objects. :func:`read_stored` puts them back.
    """
    names, _, _ = _plan(Document)
    data = {n: [] if n == "tokens" else jsonable(getattr(doc, n)) for n in names}
    tokens = json.dumps(list(map(_token_row, doc.tokens)), ensure_ascii=False, allow_nan=False)
    return json.dumps(data, ensure_ascii=False, allow_nan=False), tokens


def read_stored(doc_json: str, tokens_json: str | None) -> Document:
    """The Document stored as :func:`stored_json` made it."""
    data = json.loads(doc_json)
    if tokens_json:
        data["tokens"] = [dict(zip(_TOKEN_FIELDS, row, strict=True))
                          for row in json.loads(tokens_json)]
    return Document.from_dict(data)
