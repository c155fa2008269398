"""Prefect flows and tasks: orchestration and I/O around the pure `transforms`."""

import os

# No network here but the package index: keep Prefect and GE from phoning home.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
}.items():
    os.environ.setdefault(_name, _value)
