"""The pipeline version recorded with every stored document.

It changes when khabar's version, the step list or a setting of one of those steps changes, so
a rerun with a different pipeline updates documents in place while an identical rerun leaves
them alone. Settings of readers and fetching (``[read]``, ``[http]``) do not count.
"""

from __future__ import annotations

import hashlib
import json

from khabar import __version__
from khabar.pipeline import Options


def pipeline_version(options: Options) -> str:
    """``<khabar version>+<12 hex digits of the options>``."""
    steps = {name: options.values.get(name, {}) for name in options.steps}
    payload = json.dumps({"steps": options.steps, "values": steps},
                         sort_keys=True, default=str, ensure_ascii=False)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]
    return f"{__version__}+{digest}"
