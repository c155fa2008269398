"""What a run reports back: the CLI prints it and the flow records it as a Prefect
artifact. Importable without Prefect, for the CLI's quick unchanged-source check."""

from __future__ import annotations

from dataclasses import dataclass, field

from flows.catalog import Catalog
from flows.state import PublishedState


@dataclass
class RunSummary:
    run_id: str | None  # None when the CLI found nothing to do and started no run
    published: bool
    rows: dict[str, int] = field(default_factory=dict)
    quarantined: dict[str, int] = field(default_factory=dict)
    suites: dict[str, bool] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)
    report_path: str | None = None
    warehouse: str = ""
    reused: int = 0  # documents whose published rows were carried over unchanged
    reports: dict[str, str] = field(default_factory=dict)
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
