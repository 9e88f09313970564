"""Files and folders: a file is one record; a folder yields its files in sorted order."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from khabar.errors import InputError, InputNotFound, InputTooLarge
from khabar.sources.base import RawRecord


def read_path(path: Path, *, max_bytes: int) -> Iterator[RawRecord]:
    if not path.exists():
        raise InputNotFound(f"no such file or folder: {path}")
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in child.relative_to(path).parts):
                continue
            try:
                yield read_file(child, max_bytes=max_bytes)
            except InputError as exc:
                yield RawRecord.failed(child, exc)
        return
    yield read_file(path, max_bytes=max_bytes)


def read_file(path: Path, *, max_bytes: int) -> RawRecord:
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except PermissionError as exc:
        raise InputError(f"cannot read {path}: permission denied") from exc
    except IsADirectoryError as exc:
        raise InputError(f"cannot read {path}: it is a folder") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(path, data, max_bytes)
    if len(data) > max_bytes:
        raise InputTooLarge(f"{path} is larger than the limit of {max_bytes:,} bytes")
    return RawRecord(data, "file", path=str(path))


def _gunzip(path: Path, data: bytes, max_bytes: int) -> bytes:
    try:
        out = gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"{path} is a damaged gzip file: {exc}") from exc
    if len(out) > max_bytes:
        raise InputTooLarge(f"{path} unpacks to more than {max_bytes:,} bytes")
    return out
