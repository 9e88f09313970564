"""Events: who did what to whom, where, when, according to whom (ENGINEERING.md section 3).

Steps ``times`` (temporal expressions) and ``events`` live in :mod:`khabar.events.steps`.
The ontology is data in ``events/data/ontology.toml``; the Hindi lexicon is data in
``khabar/lang/hi/events/``.
"""
