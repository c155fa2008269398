"""The data dictionary's entries: each published column with its Arrow and SQL type,
meaning and an example value, the examples of a table taken from one row (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

NULL = "NULL"
_EXAMPLE_CHARS = 80


@dataclass(frozen=True)
class ColumnDoc:
    name: str
    type: str  # Arrow type, as pyarrow and pandas see it
    sql_type: str  # DuckDB type, as the views in sciwire.duckdb show it
    meaning: str
    nullable: bool
    example: str
    in_contract: bool
    published: bool


@dataclass(frozen=True)
class TableDoc:
    name: str
    grain: str
    rows: int
    columns: tuple[ColumnDoc, ...]


def describe_table(
    name: str, table: pa.Table, rows: int, contract: pa.Schema | None
) -> TableDoc:
    """Every column of a published table (contract columns first) with its types,
    meaning and the value of one example row; contract columns missing from the data
    show as unpublished."""
    contract = contract or pa.schema([])
    published = table.schema
    extra = [n for n in published.names if n not in contract.names]
    names = list(contract.names) + extra
    sql_types = {**sql_types_of(contract), **sql_types_of(published)}
    example = example_row(table)
    columns = []
    for column in names:
        field = published.field(column) if column in published.names else None
        spec = contract.field(column) if column in contract.names else None
        columns.append(
            ColumnDoc(
                name=column,
                type=str((field or spec).type),
                sql_type=sql_types[column],
                meaning=_meaning(field) or _meaning(spec),
                nullable=(field or spec).nullable,
                example=_shown(example.get(column)) if field is not None else "",
                in_contract=spec is not None,
                published=field is not None,
            )
        )
    grain = (published.metadata or contract.metadata or {}).get(b"grain", b"").decode()
    return TableDoc(name, grain, rows, tuple(columns))


def sql_types_of(schema: pa.Schema) -> dict[str, str]:
    """The type DuckDB gives each column when it reads this Arrow schema."""
    if len(schema) == 0:
        return {}
    with duckdb.connect() as con:
        relation = con.from_arrow(schema.empty_table())
        return {
            c: str(t) for c, t in zip(relation.columns, relation.types, strict=True)
        }


def example_row(table: pa.Table) -> dict:
    """The first row with the most values filled in, so that every example of a
    table describes the same record; {} when the table has no row."""
    if table.num_rows == 0 or table.num_columns == 0:
        return {}
    filled = [pc.is_valid(column).cast(pa.int64()) for column in table.columns]
    counts = filled[0]
    for column in filled[1:]:
        counts = pc.add(counts, column)
    best = pc.index(counts, pc.max(counts)).as_py()
    return table.slice(best, 1).to_pylist()[0]


def _meaning(field: pa.Field | None) -> str:
    if field is None or not field.metadata:
        return ""
    return field.metadata.get(b"meaning", b"").decode()


def _shown(value) -> str:
    if value is None:
        return NULL
    text = str(value)
    return text if len(text) <= _EXAMPLE_CHARS else text[: _EXAMPLE_CHARS - 1] + "…"
