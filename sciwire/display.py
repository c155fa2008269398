"""What `sciwire run` shows: progress bars while it runs, the summary at the end."""

from __future__ import annotations

import logging

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

_STAGES = ("split", "clean", "extract", "validate", "report", "publish")


class ProgressBars(logging.Handler):
    """Moves the progress bars on the flow's `sciwire.progress` events."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress
        self.bars = {}

    def emit(self, record: logging.LogRecord) -> None:
        stage = record.getMessage()
        if stage == "start":
            total = record.total
            self.bars = {
                name: self.progress.add_task(
                    name, total=total if name in _STAGES[:3] else 1
                )
                for name in _STAGES
            }
        elif stage == "reused":  # carried over: nothing to clean or extract
            for name in ("clean", "extract"):
                self.progress.advance(self.bars[name], record.advance)
        elif stage in self.bars:
            self.progress.advance(self.bars[stage], record.advance)


def print_summary(summary) -> None:
    """Tables for counts; every path, reason and detail on a line of its own, never
    wrapped (it has to be copyable, also when stdout is a file or a pipe)."""
    out = Console()

    def line(text: str) -> None:
        out.print(text, markup=False, highlight=False, soft_wrap=True)

    if summary.unchanged:
        line(
            f"unchanged: no source file changed since run {summary.unchanged_since},"
            " which published these rows"
        )
    rows = Table(title=None if summary.unchanged else summary.outcome)
    rows.add_column("table")
    rows.add_column("rows", justify="right")
    for table, count in summary.rows.items():
        rows.add_row(table, str(count))
    out.print(rows)
    if summary.quarantined:
        reasons = Table(title="quarantined")
        reasons.add_column("reason")
        reasons.add_column("rows", justify="right")
        for reason, count in sorted(summary.quarantined.items()):
            reasons.add_row(reason, str(count))
        out.print(reasons)
        for reason, example in sorted(summary.examples.items()):
            line(f"first {reason}: {example}")
    else:
        line("quarantined: none")
    for failure in summary.blocking:
        line(f"blocking: {failure}")
    line(f"reused unchanged documents: {summary.reused}")
    line(f"warehouse: {summary.warehouse}")
    if summary.run_folder and not summary.published:
        line(f"this run's report and quarantine: {summary.run_folder}")
    line(f"validation report: {summary.report_path}")
    for name, path in summary.reports.items():
        line(f"{name}: {path}")
