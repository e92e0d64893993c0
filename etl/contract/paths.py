"""Where the project keeps its data; the database location follows $ALLIANCE_DB."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = PROJECT_ROOT / "data" / "seed"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
SQL_DIR = PROJECT_ROOT / "etl" / "sql"


def database_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db wins over $ALLIANCE_DB, which wins over data/alliance.duckdb."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("ALLIANCE_DB")
    return Path(env) if env else PROJECT_ROOT / "data" / "alliance.duckdb"
