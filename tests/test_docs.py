"""The READMEs list every published table."""

import re
from pathlib import Path

import pytest

from expectations import schemas

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("table", sorted(schemas.TABLES))
def test_warehouse_readme_lists_every_table(table):
    listed = re.findall(r"`([a-z_]+)/`", (REPO / "warehouse" / "README.md").read_text())
    assert table in listed


@pytest.mark.parametrize("table", sorted(schemas.TABLES))
def test_readme_lists_every_table_it_publishes(table):
    assert f"`warehouse/{table}/`" in (REPO / "README.md").read_text()


def readme_queries() -> list[str]:
    """The SQL statements of the README's "Useful queries", which run on the views."""
    text = (REPO / "README.md").read_text()
    section = text.split("### Useful queries", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```sql\n(.*?)```", section, re.S)
    statements = [s.strip() for block in blocks for s in block.split(";")]
    return [
        s
        for s in statements
        if s and not all(line.startswith("--") for line in s.splitlines())
    ]
