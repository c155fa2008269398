from typer.testing import CliRunner

from sciwire.cli import app


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
