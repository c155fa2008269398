"""What a run reports back: the CLI prints it and the flow records it as a Prefect
artifact. Importable without Prefect, for the CLI's quick unchanged-source check."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from flows.catalog import Catalog
from flows.state import PublishedState


@dataclass
class RunSummary:
    run_id: str | None  # None when the CLI found nothing to do and started no run
    published: bool
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    # the first quarantined entry of each reason, "path: detail", to show why
    examples: dict[str, str] = field(default_factory=dict)
    suites: dict[str, bool] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)
    report_path: str | None = None
    warehouse: str = ""
    reused: int = 0  # documents whose published rows were carried over unchanged
    reports: dict[str, str] = field(default_factory=dict)
    # this run's own folder: its snapshot, or (blocked) its report and quarantine
    run_folder: str | None = None
    # no source file changed since the published run `unchanged_since`: nothing done
    unchanged: bool = False
    unchanged_since: str | None = None

    @classmethod
    def of_unchanged_source(
        cls, run_id: str | None, catalog: Catalog, state: PublishedState, files: int
    ) -> RunSummary:
        return cls(
            run_id=run_id,
            published=False,
            unchanged=True,
            rows=dict(state.rows),
            report_path=str(catalog.report_path),
            warehouse=str(catalog.root),
            reused=files,
            unchanged_since=state.run_id,
        )

    @property
    def outcome(self) -> str:
        if self.unchanged:
            return f"unchanged since run {self.unchanged_since}"
        return "published" if self.published else "NOT published"


def quarantine_overview(rows) -> tuple[dict[str, int], dict[str, str]]:
    """Rows per reason, and the first entry of each reason as "path: detail", from
    an Arrow table with `reason`, `source_path` and `detail`."""
    reasons = rows["reason"].to_pylist()
    examples: dict[str, str] = {}
    for reason, path, detail in zip(
        reasons,
        rows["source_path"].to_pylist(),
        rows["detail"].to_pylist(),
        strict=True,
    ):
        examples.setdefault(reason, f"{path}: {detail}")
    return dict(Counter(reasons)), examples


def record_summary(summary: RunSummary) -> None:
    """The summary as the run's Markdown artifact, and a link artifact per report
    (a file:// URI: the Prefect UI shows it, a browser on the same machine opens it)."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact

    lines = [
        f"# sciwire run {summary.outcome}",
        "",
        "| table | rows |",
        "|---|---|",
        *[f"| {t} | {n} |" for t, n in summary.rows.items()],
        "",
        "| quarantine reason | rows | first |",
        "|---|---|---|",
        *[
            f"| {r} | {n} | {_cell(summary.examples.get(r, ''))} |"
            for r, n in sorted(summary.quarantined.items())
        ],
        "",
        "| suite | passed |",
        "|---|---|",
        *[f"| {s} | {ok} |" for s, ok in summary.suites.items()],
        "",
        f"Validation report: `{summary.report_path}`",
    ]
    if summary.blocking:
        lines += ["", "Blocking failures:", *[f"- {b}" for b in summary.blocking]]
    create_markdown_artifact(markdown="\n".join(lines), key="sciwire-run-summary")
    for name, path in {
        "validation-report": summary.report_path,
        **summary.reports,
    }.items():
        if path and name != "data_docs":
            create_link_artifact(
                link=Path(path).resolve().as_uri(),
                link_text=Path(path).name,
                key=f"sciwire-{name.replace('_', '-')}",
            )


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())[:200]
