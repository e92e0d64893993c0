"""Finding, building and opening the database the dashboard reads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.build import BuildResult, Progress, build
from etl.paths import SEED_DIR, database_path

__all__ = ["database_path", "ensure_database", "connect", "DatabaseVersion", "version_of"]


@dataclass(frozen=True)
class DatabaseVersion:
    """Identifies one built file: a rebuild replaces the file (new inode), so readers reconnect."""

    path: str
    inode: int
    mtime_ns: int


def version_of(path: Path) -> DatabaseVersion:
    stat = path.stat()
    return DatabaseVersion(str(path), stat.st_ino, stat.st_mtime_ns)


def ensure_database(path: Path | None = None, progress: Progress | None = None) -> BuildResult | None:
    """Build the database from the bundled seed if it is missing; None if it already exists."""
    path = path or database_path()
    if path.exists():
        return None
    return build(SEED_DIR, path, progress or (lambda fraction, label: None))


def connect(path: Path | os.PathLike | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection: several app processes may read one file while the ETL replaces it.

    The file is attached to a fresh in-memory instance rather than opened with
    ``duckdb.connect(path)``: DuckDB caches instances by path, so a second connect() while the first
    connection lives would return the *old* file's data after a rebuild.
    """
    con = duckdb.connect(":memory:")
    try:
        con.execute("ATTACH ? AS alliance (READ_ONLY)", [str(path)])
        con.execute("USE alliance")
    except duckdb.Error:
        con.close()
        raise
    return con
