"""Entities: Hindi NER tagger, knowledge base, gazetteer matching and linking."""
