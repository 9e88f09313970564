"""The knowledge base: entities with ids (Wikidata QIDs where known), types, names per language,
country, roles and provenance. Shipped as generated data in ``data/`` (see scripts/build_kb.py),
loaded lazily once per process; users add their own entities from files."""

from khabar.kb.loader import KnowledgeBase, load_kb
from khabar.kb.model import KBEntity, Role

__all__ = ["KBEntity", "KnowledgeBase", "Role", "load_kb"]
