"""The data dictionary's entries: types, meanings, one example row."""

import datetime as dt

import pyarrow as pa

from transforms.derived.dictionary import describe_table, example_row, sql_types_of


def test_describe_table_lists_contract_then_extra_columns():
    contract = pa.schema(
        [
            pa.field("id", pa.string(), False, {"meaning": "key"}),
            pa.field("gone", pa.int64(), True, {"meaning": "not written yet"}),
        ],
        metadata={"grain": "one row per thing"},
    )
    table = pa.table(
        {"id": [None, "k1"], "note": [None, "x" * 200]},
        schema=pa.schema([pa.field("id", pa.string()), pa.field("note", pa.string())]),
    )
    doc = describe_table("things", table, rows=2, contract=contract)
    assert (doc.grain, doc.rows) == ("one row per thing", 2)
    by_name = {c.name: c for c in doc.columns}
    assert [c.name for c in doc.columns] == ["id", "gone", "note"]
    assert by_name["id"].meaning == "key" and by_name["id"].example == "k1"
    assert not by_name["gone"].published and by_name["gone"].type == "int64"
    assert not by_name["note"].in_contract and by_name["note"].example.endswith("…")
    assert len(by_name["note"].example) == 80
    assert by_name["id"].sql_type == "VARCHAR" and by_name["gone"].sql_type == "BIGINT"


def test_every_example_comes_from_one_row():
    # the old examples paired row 0's title with row 1's date and author
    table = pa.table(
        {
            "title": ["First", "Second", None],
            "published_date": [None, dt.date(2024, 3, 1), dt.date(2024, 4, 1)],
            "author": [None, None, "Hou Jianguo"],
        }
    )
    doc = describe_table("articles", table, rows=3, contract=None)
    assert [c.example for c in doc.columns] == ["Second", "2024-03-01", "NULL"]
    assert example_row(table.slice(0, 0)) == {}


def test_sql_types_are_what_duckdb_reads():
    schema = pa.schema(
        [
            ("s", pa.string()),
            ("i", pa.int64()),
            ("f", pa.float64()),
            ("d", pa.date32()),
            ("b", pa.bool_()),
            ("l", pa.list_(pa.string())),
        ]
    )
    assert sql_types_of(schema) == {
        "s": "VARCHAR",
        "i": "BIGINT",
        "f": "DOUBLE",
        "d": "DATE",
        "b": "BOOLEAN",
        "l": "VARCHAR[]",
    }
