"""Opening the database the dashboard reads, read-only; alliance/store.py owns it (states, builds, reconnects)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.contract.paths import database_path
from etl.contract.version import SCHEMA_VERSION

__all__ = ["database_path", "connect", "session", "DatabaseVersion", "version_of",
           "is_outdated"]


@dataclass(frozen=True)
class DatabaseVersion:
    """Identifies one built file: a rebuild replaces the file (new inode), so readers reconnect."""

    path: str
    inode: int
    mtime_ns: int


def version_of(path: Path) -> DatabaseVersion:
    stat = path.stat()
    return DatabaseVersion(str(path), stat.st_ino, stat.st_mtime_ns)


def built_from(path: Path) -> tuple[int | None, str | None]:
    """The schema version a database file was built with, and the source folder of its last load."""
    try:
        with connect(path) as con:
            has_info = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'schema_info'"
                                   ).fetchall()[0][0]
            version = con.execute("SELECT max(version) FROM schema_info").fetchall()[0][0] if has_info else None
            source = con.execute("SELECT source_dir FROM etl_runs ORDER BY run_id DESC LIMIT 1").fetchall()
            return version, (source[0][0] if source else None)
    except duckdb.Error:
        return None, None


def is_outdated(path: Path) -> bool:
    """True when the file was built by another schema version than this code's."""
    return built_from(path)[0] != SCHEMA_VERSION


def connect(path: Path | os.PathLike | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection: several app processes may read one file while the ETL replaces it.

    The file is attached to a fresh in-memory instance rather than opened with
    ``duckdb.connect(path)``: DuckDB caches instances by path, so a second connect() while the first
    connection lives would return the *old* file's data after a rebuild.
    """
    # No replacement scans: a missing table must be an error, never a Python variable of that name.
    con = duckdb.connect(":memory:", config={"python_enable_replacements": False})
    try:
        con.execute("ATTACH ? AS alliance (READ_ONLY)", [str(path)])
        con.execute("USE alliance")
    except duckdb.Error:
        con.close()
        raise
    return con


def session(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A cursor of ``con`` for one thread: DuckDB connections must not be used by two threads at once
    (Streamlit runs every session's script in its own thread), cursors of one connection may."""
    cursor = con.cursor()
    cursor.execute("USE alliance")
    return cursor
