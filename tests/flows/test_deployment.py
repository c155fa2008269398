"""The deployment routes: `prefect deploy` from prefect.yaml and `sciwire serve`."""

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO

pytestmark = pytest.mark.flow


def test_prefect_yaml_deploys_one_run_at_a_time_from_this_project(prefect_harness):
    """No variable to set on the worker: the project folder is recorded at deploy
    time, and overlapping runs wait for the deployment's single slot."""
    from prefect import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.settings import PREFECT_API_URL

    with get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name="sciwire", type="process"))
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}
    env.pop("SCIWIRE_HOME", None)
    done = subprocess.run(
        [sys.executable, "-m", "prefect", "--no-prompt", "deploy", "--all"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("sciwire/sciwire-hourly")
    (step,) = deployment.pull_steps
    directory = step["prefect.deployments.steps.set_working_directory"]["directory"]
    assert directory == str(REPO)
    assert (REPO / deployment.entrypoint.split(":")[0]).is_file()
    assert deployment.global_concurrency_limit.limit == 1
    assert deployment.concurrency_options.collision_strategy == "ENQUEUE"


def test_serve_allows_one_run_at_a_time_with_absolute_paths(monkeypatch, tmp_path):
    from prefect.flows import Flow

    from sciwire.cli import app

    served = {}
    monkeypatch.setattr(Flow, "serve", lambda self, **kwargs: served.update(kwargs))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scraped").mkdir()
    result = CliRunner().invoke(
        app, ["serve", "--source", "scraped", "--warehouse", "wh", "--workers", "1"]
    )
    assert result.exit_code == 0, result.output
    assert served["parameters"] == {
        "source": str(tmp_path / "scraped"),
        "warehouse": str(tmp_path / "wh"),
    }
    assert served["global_limit"].limit == 1
    assert served["global_limit"].collision_strategy == "ENQUEUE"
