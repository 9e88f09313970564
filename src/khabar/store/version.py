"""The pipeline version recorded with every stored document.

It changes when khabar's version, the step list or any step setting changes, so a rerun with
a different pipeline updates documents in place while an identical rerun leaves them alone.
"""

from __future__ import annotations

import hashlib
import json

from khabar import __version__
from khabar.pipeline import Options


def pipeline_version(options: Options) -> str:
    """``<khabar version>+<12 hex digits of the options>``."""
    payload = json.dumps({"steps": options.steps, "values": options.values},
                         sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
    return f"{__version__}+{digest}"
