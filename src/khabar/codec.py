"""Dataclass <-> JSON-compatible values, driven by the type hints of the dataclasses.

Handles nested dataclasses, ``list[X]``, ``dict[str, X]``, ``X | None`` and ``Literal``.
Fields whose metadata says ``transient`` are left out. Floats that are not finite are
refused (JSON has no NaN), so what is written can always be read back.
"""

from __future__ import annotations

import dataclasses
import math
import sys
import types
import typing
from functools import cache
from typing import Any, Union, get_args, get_origin


@cache
def _hints(cls: type) -> dict[str, Any]:
    module = sys.modules[cls.__module__]
    return typing.get_type_hints(cls, vars(module))


@cache
def _fields(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = _hints(cls)
    return tuple(
        (f.name, hints[f.name])
        for f in dataclasses.fields(cls)
        if not f.metadata.get("transient")
    )


def to_jsonable(value: Any) -> Any:
    """A dataclass tree to dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_jsonable(getattr(value, name)) for name, _ in _fields(type(value))}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"non-finite float {value!r} has no JSON form")
    return value


def from_jsonable(tp: Any, data: Any) -> Any:
    """Rebuild a value of type ``tp`` from its JSON-compatible form."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if data is None and type(None) in args:
            return None
        others = [a for a in args if a is not type(None)]
        if len(others) == 1:
            return from_jsonable(others[0], data)
        return data
    if origin is list:
        (item,) = get_args(tp)
        return [from_jsonable(item, v) for v in data]
    if origin is dict:
        _, item = get_args(tp)
        return {k: from_jsonable(item, v) for k, v in data.items()}
    if origin is typing.Literal:
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise ValueError(f"{tp.__name__}: expected an object, got {type(data).__name__}")
        kwargs = {name: from_jsonable(ftp, data[name]) for name, ftp in _fields(tp) if name in data}
        return tp(**kwargs)
    if tp is float and isinstance(data, int) and not isinstance(data, bool):
        return float(data)
    return data
