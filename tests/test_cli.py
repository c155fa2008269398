import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.lock import warehouse_lock
from sciwire.cli import app
from tests.conftest import REPO, SEEDS, run_flow
from tests.fixtures.cli import run_command


def test_run_with_a_missing_source_fails_readably(tmp_path):
    result = CliRunner().invoke(app, ["run", "--source", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "source folder not found" in result.output


def test_help_lists_the_run_command():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "run" in result.output


def test_serve_is_offered_with_a_cron_option():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--cron" in result.output


def test_an_unchanged_source_is_reported_without_starting_prefect(
    seed_run, tmp_path, monkeypatch
):
    _, published, source = seed_run
    warehouse = tmp_path / "wh"
    shutil.copytree(published, warehouse)
    # other tests touch the shared seed folder: bring the snapshot up to date first
    run_flow(source=str(source), warehouse=str(warehouse))
    published_by = json.loads((warehouse / "current" / "_state.json").read_text())[
        "run_id"
    ]

    def no_server():
        raise AssertionError("the unchanged check must come before Prefect starts")

    monkeypatch.setattr("flows.runners.shared_api_server", no_server)
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert f"no source file changed since run {published_by}" in result.output
    assert "articles" in result.output and "5" in result.output


@pytest.fixture
def no_prefect(monkeypatch):
    """Fails a test that lets `sciwire run` get as far as starting Prefect."""

    def no_server():
        raise AssertionError("this check must come before Prefect starts")

    monkeypatch.setattr("flows.runners.shared_api_server", no_server)


@pytest.fixture
def one_seed(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[0]
    shutil.copy(seed, source / seed.name)
    return source


def _one_error_line(result) -> str:
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("error: "), result.output
    return lines[0]


@pytest.mark.parametrize(
    "env",
    [{"SCIWIRE_SHARD_SIZE": "0"}, {"SCIWIRE_WORKERS": "many"}, {"SCIWIRE_MODEL": ""}],
)
def test_help_works_whatever_the_settings(env):
    for args in (["--help"], ["run", "--help"], ["serve", "--help"]):
        done = subprocess.run(
            [sys.executable, "-m", "sciwire.cli", *args],
            env={**os.environ, **env},
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(
    ("env", "args", "named"),
    [
        ({"SCIWIRE_SHARD_SIZE": "0"}, [], "SCIWIRE_SHARD_SIZE"),
        ({"SCIWIRE_VALIDATION_BATCH": "-5"}, [], "SCIWIRE_VALIDATION_BATCH"),
        ({"SCIWIRE_MAX_FILE_BYTES": "20MB"}, [], "SCIWIRE_MAX_FILE_BYTES"),
        ({"SCIWIRE_KEEP_SNAPSHOTS": "0"}, [], "SCIWIRE_KEEP_SNAPSHOTS"),
        ({}, ["--workers", "0"], "--workers"),
        ({"SCIWIRE_WORKERS": "two"}, [], "SCIWIRE_WORKERS"),
        ({"SCIWIRE_DASK_ADDRESS": "scheduler"}, [], "SCIWIRE_DASK_ADDRESS"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(
    no_prefect, one_seed, tmp_path, env, args, named
):
    result = CliRunner().invoke(
        app,
        ["run", "--source", str(one_seed), "--warehouse", str(tmp_path / "wh"), *args],
        env=env,
    )
    assert result.exit_code == 2
    assert named in _one_error_line(result)


@pytest.mark.parametrize("model", ["no_such_spacy_model", "json"])
def test_a_model_that_is_not_installed_is_one_line_and_exit_2(
    no_prefect, one_seed, tmp_path, model
):
    result = CliRunner().invoke(
        app,
        ["run", "--source", str(one_seed), "--warehouse", str(tmp_path / "wh")]
        + ["--model", model],
    )
    assert result.exit_code == 2
    assert f"'{model}'" in _one_error_line(result)


def test_a_warehouse_that_is_a_file_is_one_line_and_exit_2(
    no_prefect, one_seed, tmp_path
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for warehouse in (blocker, blocker / "wh"):
        result = CliRunner().invoke(
            app, ["run", "--source", str(one_seed), "--warehouse", str(warehouse)]
        )
        assert result.exit_code == 2, result.output
        assert str(warehouse) in _one_error_line(result)


def test_a_read_only_warehouse_is_one_line_and_exit_2(one_seed):
    """As another user than root, who may write anywhere."""
    shared = Path(tempfile.mkdtemp(prefix="sciwire-read-only-"))
    try:
        source = shutil.copytree(one_seed, shared / "source")
        warehouse = shared / "warehouse"
        warehouse.mkdir()
        for folder in (shared, source, warehouse):
            folder.chmod(0o555)
        command = [sys.executable, "-m", "sciwire.cli", "run", "--source", str(source)]
        command += ["--warehouse", str(warehouse)]
        if os.geteuid() == 0:
            command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            command += [sys.executable, "-m", "sciwire.cli", "run"]
            command += ["--source", str(source), "--warehouse", str(warehouse)]
        started = time.monotonic()
        done = subprocess.run(
            command, capture_output=True, text=True, cwd=REPO, env=_child_env()
        )
    finally:
        shared.chmod(0o755)
        shutil.rmtree(shared)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: warehouse {warehouse} cannot be written: Permission denied"
    ]
    assert time.monotonic() - started < 10  # before Prefect, not after its start-up


def test_a_busy_warehouse_is_refused_before_prefect_starts(
    no_prefect, one_seed, tmp_path
):
    warehouse = tmp_path / "wh"
    warehouse.mkdir()
    with warehouse_lock(warehouse / ".lock"):
        result = CliRunner().invoke(
            app, ["run", "--source", str(one_seed), "--warehouse", str(warehouse)]
        )
    assert result.exit_code == 3
    assert "is being written by pid" in _one_error_line(result)


def test_a_dask_address_needs_a_long_lived_api_and_a_scheduler(
    no_prefect, one_seed, tmp_path, monkeypatch
):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    arguments = ["run", "--source", str(one_seed), "--warehouse", str(tmp_path / "w")]
    arguments += ["--dask-address", address]
    monkeypatch.setattr("sciwire.preflight.configured_api_url", lambda: None)
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert "long-lived Prefect API" in _one_error_line(result)
    monkeypatch.setattr(
        "sciwire.preflight.configured_api_url", lambda: "http://127.0.0.1:4200/api"
    )
    started = time.monotonic()
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 2
    assert f"no Dask scheduler answers at {address}" in _one_error_line(result)
    assert time.monotonic() - started < 10


def test_a_failed_run_is_one_line_with_its_log_and_exit_code(one_seed, tmp_path):
    """The traceback goes to the run's log file, not to the terminal."""
    broken_model = tmp_path / "broken-model"
    broken_model.mkdir()
    (broken_model / "config.cfg").write_text("this is not a spaCy config\n")
    warehouse = tmp_path / "wh"
    done = subprocess.run(
        run_command(one_seed, warehouse) + ["--model", str(broken_model)],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=_child_env(),
    )
    assert done.returncode == 4, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    errors = [line for line in errors if not line.lstrip().startswith(_BARS)]
    assert errors[0].startswith("error: the run failed, nothing was published: ")
    assert errors[1:] == [f"log: {_log_of(warehouse)}", "exit code 4"]
    assert "Traceback" in _log_of(warehouse).read_text()


_BARS = ("split", "clean", "extract", "validate", "report", "publish")


def _log_of(warehouse):
    (log,) = (warehouse / "logs").glob("run-*.log")
    return log


def _child_env():
    return {**os.environ, "PYTHONPATH": str(REPO), "PREFECT_API_URL": ""}


def test_paths_are_never_wrapped_when_stdout_is_not_a_terminal(seed_run, tmp_path):
    _, published, source = seed_run
    warehouse = tmp_path / ("a-long-folder-name-" * 6) / "warehouse"
    shutil.copytree(published, warehouse, symlinks=True)
    run_flow(source=str(source), warehouse=str(warehouse))  # up to date
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert f"warehouse: {warehouse}\n" in result.output
    assert f"validation report: {warehouse}/validation/" in result.output


def test_the_staging_a_killed_run_left_is_removed_at_the_next_start(seed_run, tmp_path):
    _, published, source = seed_run
    warehouse = tmp_path / "wh"
    shutil.copytree(published, warehouse, symlinks=True)
    run_flow(source=str(source), warehouse=str(warehouse))  # up to date
    left = warehouse / ".staging" / "killed-run" / "articles"
    left.mkdir(parents=True)
    (left / "part-1.parquet").write_bytes(b"PAR1 half")
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    assert not (warehouse / ".staging" / "killed-run").exists()


def test_a_blocked_run_exits_1_and_shows_where_its_report_is(
    seed_run, tmp_path, monkeypatch
):
    monkeypatch.setenv("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    source, warehouse = tmp_path / "src", tmp_path / "wh"
    source.mkdir()
    (source / "blank.txt").write_text("   \n")
    result = CliRunner().invoke(
        app, ["run", "--source", str(source), "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 1, result.output
    (own,) = (warehouse / "runs").iterdir()
    assert f"this run's report and quarantine: {own}\n" in result.output
    assert "first empty: blank.txt: " in result.output
    assert (own / "report.html").exists()
