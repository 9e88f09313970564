"""HTML extraction (placeholder until the sources work lands): trafilatura's text."""

from __future__ import annotations

from typing import Any

from khabar.extract.base import Extracted


def extract_html(html: str, *, url: str | None, config: dict[str, Any]) -> Extracted:
    import trafilatura

    text = trafilatura.extract(html, url=url, include_comments=False, deduplicate=False) or ""
    ext = Extracted()
    ext.blocks = [("paragraph", p) for p in text.split("\n") if p.strip()]
    return ext
