"""Shared fixtures. Real-data tests read ../shared; with CI=true its absence is a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SEED = SHARED / "seed" / "000_23adf52500061cf6.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips when it is missing, except on CI where it must exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {path} is missing")
        pytest.skip(f"{path} not present")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return shared_path("seed", "000_23adf52500061cf6.txt")
