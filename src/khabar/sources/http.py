"""One URL over HTTP(S) with httpx: timeout, size cap, redirect cap, a clear User-Agent."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from khabar import __version__
from khabar.errors import FetchError, InputTooLarge
from khabar.sources.base import RawRecord

if TYPE_CHECKING:
    from khabar.pipeline import Options

USER_AGENT = f"khabar/{__version__} (+https://github.com/khabar-news/khabar)"


def fetch(url: str, *, options: Options | None = None) -> RawRecord:
    cfg = options.for_step("http") if options is not None else {}
    max_bytes = int(cfg.get("max_bytes", 16 * 1024 * 1024))
    timeout = float(cfg.get("timeout", 20.0))
    headers = {"User-Agent": str(cfg.get("user_agent", USER_AGENT))}
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=int(cfg.get("max_redirects", 5)),
            timeout=timeout, headers=headers,
        ) as client, client.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"{url}: HTTP {resp.status_code}")
            body = bytearray()
            for chunk in resp.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise InputTooLarge(f"{url}: body larger than {max_bytes:,} bytes")
            return RawRecord(
                bytes(body), "url", url=str(resp.url),
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                headers=dict(resp.headers),
            )
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
