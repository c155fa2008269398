"""The metric series: each figure beside its outlet, subject and period.

Written as SQL for DuckDB, so the series is computed over the staged Parquet of any
size without loading the metrics into memory.
"""

from __future__ import annotations

import duckdb

# `sources_disagree`: other outlets quote another value for the same indicator,
# subject and period (NULL keys form a group of their own, as in a GROUP BY).
_SERIES_SQL = """
select
    m.metric_id, m.indicator, m.unit, c.canonical_name as subject, m.subject_entity_id,
    m.period_start, m.period_end, m.period_basis, m.value, m.surface, m.qualifier,
    m.currency, m.article_id, a.source_name, a.published_date,
    coalesce(
        count(distinct m.value) over figure > 1
        and count(distinct a.source_name) over figure > 1,
        false
    ) as sources_disagree
from series_metrics m
join series_articles a on a.article_id = m.article_id
left join series_catalog c on c.entity_id = m.subject_entity_id
where m.indicator is not null
window figure as (
    partition by m.indicator, c.canonical_name, m.period_start, m.period_end
)
order by m.metric_id
"""


def metric_series(
    con: duckdb.DuckDBPyConnection, metrics, articles, catalog
) -> duckdb.DuckDBPyRelation:
    """The series over three tables DuckDB can scan (frames, Arrow datasets, relations);
    only figures with an indicator are charted."""
    con.register("series_metrics", metrics)
    con.register("series_articles", articles)
    con.register("series_catalog", catalog)
    return con.sql(_SERIES_SQL)
