"""One Great Expectations suite result per table and run, from its shards' results.

Each shard is validated on its own, so no table of the whole corpus is ever held;
the Data Docs show one result per table: counts summed, examples capped, and the
whole-run checks (row counts) judged on the total.
"""

from __future__ import annotations

# Judged on the whole run, not per shard: a shard may hold no rows of a table.
WHOLE_RUN_CHECKS = {"expect_table_row_count_to_be_between"}
# Example values kept per expectation in the stored (merged) result.
_EXAMPLES_KEPT = 20


def merge_results(parts: list):
    """One suite result from the results of several batches of one table: counts
    summed, examples capped, row counts judged on the total."""
    from great_expectations.core.expectation_validation_result import (
        ExpectationSuiteValidationResult,
        ExpectationValidationResult,
    )

    merged = []
    for position, first in enumerate(parts[0].results):
        results = [p.results[position] for p in parts]
        config = first.expectation_config
        values = _merge_values([r.result or {} for r in results], config.type)
        success = all(r.success for r in results)
        if config.type in WHOLE_RUN_CHECKS:
            low = config.kwargs.get("min_value")
            high = config.kwargs.get("max_value")
            observed = values.get("observed_value", 0)
            success = (low is None or observed >= low) and (
                high is None or observed <= high
            )
        raised = next(
            (r for r in results if (r.exception_info or {}).get("raised_exception")),
            first,
        )
        merged.append(
            ExpectationValidationResult(
                success=success,
                expectation_config=config,
                result=values,
                meta=first.meta,
                exception_info=raised.exception_info,
            )
        )
    passed = sum(r.success for r in merged)
    return ExpectationSuiteValidationResult(
        success=passed == len(merged),
        results=merged,
        suite_name=parts[0].suite_name,
        statistics={
            "evaluated_expectations": len(merged),
            "successful_expectations": passed,
            "unsuccessful_expectations": len(merged) - passed,
            "success_percent": 100.0 * passed / len(merged) if merged else None,
        },
        meta={**parts[-1].meta, "batches": len(parts)},
        batch_id=parts[-1].batch_id,
    )


def _merge_values(dicts: list[dict], expectation_type: str) -> dict:
    merged: dict = {}
    for key in dict.fromkeys(k for d in dicts for k in d):
        values = [d[key] for d in dicts if key in d and d[key] is not None]
        if not values:
            merged[key] = None
        elif key == "observed_value" and expectation_type in WHOLE_RUN_CHECKS:
            merged[key] = sum(values)
        elif key == "observed_value" and isinstance(values[0], list):
            merged[key] = sorted({v for value in values for v in value}, key=str)
        elif key.endswith("_count") and isinstance(values[0], int):
            merged[key] = sum(values)
        elif isinstance(values[0], list):
            merged[key] = [v for value in values for v in value][:_EXAMPLES_KEPT]
        else:
            merged[key] = values[0]
    elements = merged.get("element_count")
    if elements:
        missing = merged.get("missing_count") or 0
        unexpected = merged.get("unexpected_count") or 0
        present = elements - missing
        percents = {
            "missing_percent": 100.0 * missing / elements,
            "unexpected_percent_total": 100.0 * unexpected / elements,
            "unexpected_percent": 100.0 * unexpected / present if present else None,
            "unexpected_percent_nonmissing": (
                100.0 * unexpected / present if present else None
            ),
        }
        merged.update({k: v for k, v in percents.items() if k in merged})
    return merged
