"""Validate a source folder and build the database: all or nothing, never half-written.

The new database is written to a temporary file beside the target, checkpointed and closed, and
only then moved over the target with os.replace(). A crash or kill -9 at any point leaves the
target as it was; an app reading the old file keeps its data until it reconnects.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from etl import schema, sources
from etl.messages import Message, warning
from etl.validate import validate

Progress = Callable[[float, str], None]
# A missing table must be an error, never a Python variable of that name (DuckDB's replacement scans).
NO_REPLACEMENT_SCANS = {"python_enable_replacements": False}


@dataclass
class BuildResult:
    messages: list[Message] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    files: list[sources.SourceFile] = field(default_factory=list)
    written: bool = False

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.level == "error"]

    @property
    def warnings(self) -> list[Message]:
        return [m for m in self.messages if m.level == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


def _no_progress(fraction: float, label: str) -> None:
    pass


def _membership_findings(con: duckdb.DuckDBPyConnection) -> list[Message]:
    rows = con.execute(
        "SELECT source_file, source_row, message FROM v_membership_findings ORDER BY source_file, source_row"
    ).fetchall()
    return [warning(file, row, "event", text) for file, row, text in rows]


def _previous_runs(db_path: Path) -> tuple[list[tuple], list[Message]]:
    """The load history of the database being replaced, so it survives the rebuild."""
    if not db_path.exists():
        return [], []
    try:
        with duckdb.connect(str(db_path), read_only=True) as old:
            return old.execute("SELECT * FROM etl_runs ORDER BY run_id").fetchall(), []
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return [], [warning(db_path.name, 0, "", f"the load history of the previous database could not be read "
                            f"and starts anew ({first})")]


def _remove_stale_temp_files(db_path: Path) -> None:
    """Temp files of builds that were killed; a live build's file (its pid runs) is left alone."""
    for stale in db_path.parent.glob(f".{db_path.name}.tmp-*"):
        pid = stale.name.rsplit("-", 1)[-1].split(".")[0]
        try:
            os.kill(int(pid), 0)
            continue  # still running
        except (ValueError, ProcessLookupError):
            pass
        except PermissionError:
            continue
        stale.unlink(missing_ok=True)


def stage_and_validate(
    con: duckdb.DuckDBPyConnection, source_dir: Path, progress: Progress
) -> BuildResult:
    """Schema, reference data, staging and validation in ``con``. Raises UsageError."""
    result = BuildResult()
    progress(0.02, "schema")
    schema.create_tables(con)
    schema.load_reference(con)
    files, result.messages = sources.discover(source_dir)
    result.files = files
    progress(0.05, "reading files")
    result.messages += sources.read_all(con, files)
    progress(0.45, "validating")
    result.messages += validate(con, files, source_dir.name or str(source_dir))
    return result


def check(source_dir: Path, progress: Progress = _no_progress) -> BuildResult:
    """Validate only: the same checks as a build, in memory, nothing written."""
    con = duckdb.connect(":memory:", config=NO_REPLACEMENT_SCANS)
    try:
        result = stage_and_validate(con, source_dir, progress)
        if result.ok:
            progress(0.7, "checking the membership procedure")
            result.row_counts = _load(con, result)
        progress(1.0, "done")
        return result
    finally:
        con.close()


def _load(con: duckdb.DuckDBPyConnection, result: BuildResult) -> dict[str, int]:
    from etl.load import load_tables

    counts = load_tables(con, result.files)
    schema.create_views(con)
    result.messages += _membership_findings(con)
    return counts


def build(source_dir: Path, db_path: Path, progress: Progress = _no_progress) -> BuildResult:
    """Validate ``source_dir`` and, if there are no errors, replace ``db_path`` atomically."""
    started = datetime.now()
    db_path = db_path.resolve()
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temp_files(db_path)
    tmp_path = db_path.parent / f".{db_path.name}.tmp-{os.getpid()}"
    tmp_path.unlink(missing_ok=True)
    con = duckdb.connect(str(tmp_path), config=NO_REPLACEMENT_SCANS)
    try:
        result = stage_and_validate(con, source_dir, progress)
        if not result.ok:
            return result
        progress(0.6, "loading")
        result.row_counts = _load(con, result)
        history, notes = _previous_runs(db_path)
        result.messages += notes
        progress(0.9, "recording the load")
        _record_run(con, result, source_dir, started, history)
        con.execute("CHECKPOINT")
        con.close()
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, db_path)
        result.written = True
        progress(1.0, "done")
        return result
    finally:
        try:
            con.close()
        except duckdb.Error:
            pass
        for leftover in (tmp_path, Path(str(tmp_path) + ".wal")):
            leftover.unlink(missing_ok=True)


def _record_run(
    con: duckdb.DuckDBPyConnection,
    result: BuildResult,
    source_dir: Path,
    started: datetime,
    history: list[tuple],
) -> None:
    if history:
        con.executemany("INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?)", history)
    files = [
        {"file": f.name, "table": f.table.name, "sha256": f.sha256, "rows": f.rows, "encoding": f.encoding,
         "delimiter": f.delimiter}
        for f in result.files
    ]
    warnings = [{"file": m.file, "row": m.row, "column": m.column, "text": m.text} for m in result.warnings]
    next_id = (max(r[0] for r in history) + 1) if history else 1
    con.execute(
        "INSERT INTO etl_runs VALUES (?, ?, ?, ?, ?, ?, ?)",
        [next_id, started, datetime.now(), str(source_dir.resolve()), json.dumps(files, ensure_ascii=False),
         json.dumps(result.row_counts), json.dumps(warnings, ensure_ascii=False)],
    )


def elapsed_since(start: float) -> float:
    return time.perf_counter() - start
