"""Rows to tables: the one DataFrame constructor the stages share."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd


def frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    """A DataFrame that has the named columns even when there are no rows."""
    if not rows:
        return pd.DataFrame(columns=list(columns))
    return pd.DataFrame(rows)
