"""How a contract column is written: Arrow type, nullability and its meaning in the
field metadata (which every Parquet file carries), and the columns several tables share.
"""

from __future__ import annotations

import pyarrow as pa


def field(
    name: str, type_: pa.DataType, meaning: str, nullable: bool = True
) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"meaning": meaning})


# the figure as written, so a percentage is not a fraction
VALUE = (
    "the number fully expanded (10 billion → 1e10); a percentage as written: "
    "27.3% → 27.3 with unit percent, not 0.273"
)

# Python's body[start:end] and DuckDB's substr(body, start + 1, end - start) both count
# characters (code points), not bytes.
OFFSETS = (
    "0-based and end-exclusive character offsets: body[start_char:end_char] in Python, "
    "substr(body, start_char+1, end_char-start_char) in DuckDB"
)


def span_fields() -> list[pa.Field]:
    return [
        field(
            "start_char",
            pa.int64(),
            "0-based offset of the first character in body",
            False,
        ),
        field(
            "end_char",
            pa.int64(),
            "0-based offset after the last character in body (end-exclusive)",
            False,
        ),
    ]


def sentence_fields() -> list[pa.Field]:
    """Rows of entities, metrics and quotes in one sentence share these offsets."""
    return [
        field(
            "sentence_start",
            pa.int64(),
            "0-based offset in body where the row's sentence starts",
            False,
        ),
        field(
            "sentence_end",
            pa.int64(),
            "offset in body after the row's sentence ends (end-exclusive); a span "
            "across sentences gets all of them",
            False,
        ),
    ]
