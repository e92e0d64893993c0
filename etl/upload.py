"""Check one file (an upload) as if it were added to the data being served, nothing written.

Rules:

- The file is checked as if it were put into the source folder the served database was built from:
  served rows that came from a file of the same name (``replaces``) are left out, as the new file
  would replace that one; all other served rows stay. So a city's own data is the reference: its
  city_ids, company_ids and project_ids are known, and an id already served from another file is a
  duplicate naming that file and its row.
- Served rows are not copied whole: cities and memberships are (their rows feed the procedure checks
  of an uploaded memberships file), companies and projects only as their ids. They count for
  references and duplicates and are not checked again (``SourceFile.reference_only``).
- Without a served database (``served=None``) the bundled seed (data/seed/) is the reference.
- Only the uploaded file's messages are returned. The limits (etl/limits.py, ``UPLOAD_LIMITS`` by
  default) apply to the uploaded file; ``should_stop`` is asked between chunks and rows.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from pathlib import Path

import duckdb

from etl import contract as c
from etl import schema, sources
from etl.build import NO_REPLACEMENT_SCANS, BuildResult, _membership_findings
from etl.contract.paths import SEED_DIR
from etl.limits import UPLOAD_LIMITS, Guard, Limits, ShouldStop
from etl.messages import UsageError, warning
from etl.validate import validate

log = logging.getLogger(__name__)

# The served columns each table needs for checking another file against it (None = all of them).
SERVED_COLUMNS: dict[str, tuple[str, ...] | None] = {
    "cities": None,
    "companies": ("company_id",),
    "projects": ("project_id",),
    "memberships": None,
}


def _served_columns(served: duckdb.DuckDBPyConnection, table: str) -> list[str] | None:
    """The columns of a served table, or None when the database has no such table."""
    try:
        return [d[0] for d in served.execute(f"SELECT * FROM {table} LIMIT 0").description]
    except duckdb.CatalogException:
        return None


def stage_served(con: duckdb.DuckDBPyConnection, served: duckdb.DuckDBPyConnection,
                 replaces: Collection[str]) -> list[sources.SourceFile]:
    """The served rows as staged reference-only files, one per served source file (so that a duplicate
    names the file and row it was loaded from); rows of a file named in ``replaces`` are left out."""
    files: list[sources.SourceFile] = []
    for table in c.TABLES:
        if table.name not in SERVED_COLUMNS:
            continue
        available = _served_columns(served, table.name)
        if available is None:
            log.info("the served database has no table %s; nothing to check against there", table.name)
            continue
        wanted = SERVED_COLUMNS[table.name] or tuple(table.column_names)
        columns = [name for name in wanted if name in available]
        file_expr = "source_file" if "source_file" in available else f"'{table.name} (served)'"
        row_expr = "source_row" if "source_row" in available else "row_number() OVER () + 1"
        cast = "".join(f', CAST("{name}" AS VARCHAR) AS "{name}"' for name in columns)  # contract names only
        rows = served.sql(
            f"SELECT {file_expr} AS _file, CAST({row_expr} AS BIGINT) AS _row{cast} FROM {table.name} "
            f"WHERE NOT list_contains($replaced, {file_expr})", params={"replaced": list(replaces)}).to_arrow_table()
        every = f"served_{table.name}"
        con.register("_served_rows", rows)
        con.execute(f"CREATE TEMP TABLE {every} AS SELECT * FROM _served_rows")
        con.unregister("_served_rows")
        raw = ", ".join(f'"{n}"' if n in columns else f'NULL::VARCHAR AS "{n}"' for n in table.column_names)
        names = [r[0] for r in con.execute(f"SELECT DISTINCT _file FROM {every} ORDER BY 1").fetchall()]
        for k, name in enumerate(names):
            staging = f"{every}_{k}"
            con.execute(f"CREATE TEMP TABLE {staging} AS SELECT _row, {raw} FROM {every} WHERE _file = ?", [name])
            count = con.execute(f"SELECT count(*) FROM {staging}").fetchall()[0][0]
            files.append(sources.SourceFile(path=Path(name), table=table, staging=staging, rows=count,
                                            columns={n: n for n in table.column_names}, explicit_rows=True,
                                            reference_only=True))
        con.execute(f"DROP TABLE {every}")
    return files


def _seed_files(replaces: Collection[str]) -> list[sources.SourceFile]:
    files, _ = sources.discover(SEED_DIR)
    kept = [f for f in files if f.name not in replaces]
    for f in kept:
        f.reference_only = True
    return kept


def check_file(path: Path, served: duckdb.DuckDBPyConnection | None, *, replaces: Collection[str] = (),
               limits: Limits | None = UPLOAD_LIMITS, should_stop: ShouldStop | None = None) -> BuildResult:
    """The messages of ``path`` checked against ``served`` (a connection to the served database, for
    this thread; None = the bundled seed), as if it were added to the served data; see the module
    docstring. ``replaces``: served source-file names the file replaces (``path.name`` always).
    Raises UsageError, LimitExceeded, Stopped; a file matching no table raises UsageError."""
    table = sources.table_for(path.name)
    if table is None:
        raise UsageError(f"{path.name}: the file name matches no table")
    replaces = {path.name, *replaces}
    guard = Guard(limits, should_stop)
    upload = sources.SourceFile(path=path, table=table)
    con = duckdb.connect(":memory:", config=NO_REPLACEMENT_SCANS)
    try:
        with guard.watch(con):
            schema.create_tables(con)
            schema.load_reference(con)
            # Served rows first: a duplicate id is then reported in the uploaded file, not in the served one.
            others = _seed_files(replaces) if served is None else stage_served(con, served, replaces)
            files = [*others, upload]
            messages = sources.read_all(con, files, guard)
            messages += validate(con, files, "upload", guard)
            mine = [m for m in messages if m.file == upload.name]
            if table is c.MEMBERSHIPS and not any(m.level == "error" for m in mine):
                mine += _procedure_findings(con, files, upload.name)
    finally:
        con.close()
    result = BuildResult(messages=sorted(mine, key=lambda m: m.sort_key()), files=[upload])
    log.info("checked upload %s against %s: %d error(s), %d warning(s) (%.1f s)", path.name,
             "the bundled seed" if served is None else "the served database", len(result.errors),
             len(result.warnings), guard.elapsed)
    return result


def _procedure_findings(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile], name: str) -> list:
    """The membership procedure's findings for the uploaded memberships file (cities and memberships
    loaded into the in-memory database, with the served ones)."""
    from etl.load import load_tables

    try:
        load_tables(con, files, tables=("cities", "memberships"))
        schema.create_views(con)
    except duckdb.InterruptException:
        raise
    except duckdb.Error as exc:  # served data that no longer loads (built by an older contract, say)
        log.warning("the membership procedure of %s could not be checked: %s", name, exc)
        return [warning(name, 0, "", "the membership procedure could not be checked against the served data "
                        f"({str(exc).strip().splitlines()[0]})")]
    return [m for m in _membership_findings(con) if m.file == name]
