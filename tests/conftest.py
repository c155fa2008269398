"""Shared fixtures: one Prefect test harness and one flow run over the seeds per
session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI draws the same examples on every run (a red build is reproducible); locally,
# property tests keep exploring new examples.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
GOLD = REPO / "tests" / "fixtures" / "gold"


@pytest.fixture(scope="session")
def prefect_harness():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def run_flow(workers: int = 1, **parameters):
    """The flow with its shard tasks in this process (a process pool costs seconds to
    start; one test runs the pool itself)."""
    from flows.pipeline import sciwire_flow
    from flows.runners import local_task_runner

    flow = sciwire_flow.with_options(task_runner=local_task_runner(workers))
    return flow(**parameters)


@pytest.fixture(scope="session")
def seed_run(prefect_harness, tmp_path_factory):
    """The flow run once over a copy of the seeds.

    Returns (summary, warehouse, source)."""
    source = tmp_path_factory.mktemp("source")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, source / seed.name)
    warehouse = tmp_path_factory.mktemp("warehouse")
    summary = run_flow(source=str(source), warehouse=str(warehouse))
    return summary, warehouse, source
