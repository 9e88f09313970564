"""Helpers for tests in every folder (`from support import shared_path`).

Real-data tests read ../shared. Locally a missing file skips the test; with CI=true (where
../shared is always laid out) a missing file is a failure, never a silent skip.
"""

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
