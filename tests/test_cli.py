import json
import shutil

from typer.testing import CliRunner

from sciwire.cli import app
from tests.conftest import run_flow


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
