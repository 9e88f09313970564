"""Scraped-text reader (placeholder: blank-line paragraphs; the full reader replaces it)."""

from __future__ import annotations

from typing import Any

from khabar.extract.base import Extracted


def read_scraped(text: str, *, config: dict[str, Any]) -> Extracted:
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    ext = Extracted()
    if paras:
        ext.title = paras[0]
        ext.blocks = [("title", paras[0])]
        ext.blocks += [("paragraph", p) for p in paras[1:]]
    return ext
