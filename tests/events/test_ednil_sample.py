"""Incident triggers on real EDNIL Hindi articles (../shared): a floor, not the full figure.

The full evaluation is eval/ednil_eval.py (EVALUATION.md); this runs it on every 20th file.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

# Not `from conftest import ...`: several test folders have a conftest module of that name.
ROOT = Path(__file__).resolve().parents[2]
EDNIL = (ROOT / ".." / "shared" / "data" / "ednil-hi" / "train").resolve()


def _eval_module() -> ModuleType:
    if str(ROOT / "eval") not in sys.path:
        sys.path.insert(0, str(ROOT / "eval"))
    return importlib.import_module("ednil_eval")


def test_incident_triggers_on_an_ednil_sample() -> None:
    if not EDNIL.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {EDNIL} is missing")
        pytest.skip(f"{EDNIL} not present")
    folder = EDNIL
    ev = _eval_module()
    arts = ev.articles(folder)[::20]
    steps = ev.build_steps()
    total = ev.Tally()
    for article in arts:
        total.add(ev.score(article, ev.analyse(article, steps)))
    assert total.gold > 100
    recall = total.gold_hit / total.gold
    precision = total.pred_hit / total.pred
    assert recall >= 0.7 and precision >= 0.5, (recall, precision)
    assert total.type_ok / total.gold_hit >= 0.65
