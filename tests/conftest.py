"""Shared fixtures. Helpers importable from any test folder live in `support.py`."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import SEED, SHARED, shared_path

__all__ = ["SEED", "SHARED", "shared_path"]


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return shared_path("seed", "000_23adf52500061cf6.txt")
