"""Prefect flows and tasks: orchestration and I/O around the pure `transforms`."""

import os

# No network here but the package index: keep Prefect and GE from phoning home.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "false",
    # the temporary API server boots in ~6-13 s on 2 idle cores and several times
    # slower on a busy machine; Prefect's 20 s default failed runs under load
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}.items():
    os.environ.setdefault(_name, _value)
