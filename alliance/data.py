"""Data and provenance: browse the tables page by page, the data dictionary, the load history, a
check of an uploaded city file against the import contract, and the data package for member cities."""

from __future__ import annotations

import io
import json
import logging
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from alliance import export
from etl import contract
from etl.convert import EXPECTED
from etl.limits import UPLOAD_LIMITS, LimitExceeded, Limits, Stopped
from etl.messages import UsageError
from etl.sources import table_for
from etl.upload import check_file

log = logging.getLogger(__name__)

BROWSABLE = {t.name: t for t in contract.TABLES}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")
UPLOAD_COLUMNS = ["level", "file", "row", "column", "message"]


@dataclass(frozen=True)
class Browse:
    """What to show of one table: rows of ``cities`` (either side for projects), a text to find in
    any column, and whether sample records are included. A page of ``limit`` rows from ``offset``."""

    table: str = "companies"
    cities: tuple[str, ...] = ()
    text: str = ""
    include_samples: bool = True
    limit: int = 500
    offset: int = 0
    countries: tuple[str, ...] = ()  # cities, companies, memberships: the city's country
    branchen: tuple[str, ...] = ()  # companies, projects: their Branche
    smes_only: bool = False  # companies: fewer than 250 employees


def _city_condition(table: str) -> str | None:
    if table == "projects":
        return "(list_contains(?, cn_city_id) OR list_contains(?, de_city_id))"
    if table in ("cities", "companies", "memberships"):
        return "list_contains(?, city_id)"
    if table == "quality_notes":
        return "list_contains(?, subject_id)"
    return None


def browse(con: duckdb.DuckDBPyConnection, b: Browse) -> tuple[pd.DataFrame, int]:
    """One page of a table with the filters applied, and the number of matching rows."""
    if b.table not in BROWSABLE:
        raise ValueError(f"unknown table {b.table!r}")
    sql, params = _filtered_sql(con, b, neutralise=False)
    total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
    rows = con.execute(f"{sql} LIMIT ? OFFSET ?", [*params, b.limit, b.offset]).df()
    return rows, total


def data_dictionary() -> pd.DataFrame:
    """Every table and column of the import contract: kind, required, allowed values or reference, format."""
    rows = []
    for table in contract.TABLES:
        for column in table.columns:
            allowed = ", ".join(column.values) if column.values else (f"→ {column.ref}" if column.ref else "")
            rows.append({"table": table.name, "column": column.name, "kind": column.kind,
                         "required": column.required or column.name in table.one_of,
                         "key": column.name == table.key, "allowed": allowed,
                         "format": EXPECTED.get(column.kind, "text")})
    return pd.DataFrame(rows)


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """One row per loaded file of every load: run, time, source folder, file, table, rows, sha256."""
    runs = con.execute("SELECT run_id, finished_at, source_dir, files, json_array_length(warnings) AS warnings "
                       "FROM etl_runs ORDER BY run_id DESC").fetchall()
    rows = [{"run": run, "loaded": when, "source_dir": source, "file": f["file"], "table": f["table"],
             "rows": f["rows"], "encoding": f["encoding"], "sha256": f["sha256"], "warnings": warnings}
            for run, when, source, files, warnings in runs for f in json.loads(files)]
    return pd.DataFrame(rows, columns=["run", "loaded", "source_dir", "file", "table", "rows", "encoding", "sha256",
                                       "warnings"])


def _safe_name(name: str) -> str:
    """A file name without folders or odd characters, keeping the table prefix and the suffix."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")
    return cleaned or "upload.csv"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


def check_upload(con: duckdb.DuckDBPyConnection | None, name: str, content: bytes, *,
                 limits: Limits | None = UPLOAD_LIMITS,
                 should_stop: Callable[[], bool] | None = None) -> pd.DataFrame:
    """Check one uploaded city file against the import contract and return its messages as a table
    (level, file, row, column, message). Nothing is written to the database.

    The file is checked as if it were added to the data being served: ``con`` is a read-only
    connection (or cursor, for this thread) to the served database, and the file may refer to its
    cities and companies; served rows from a file of the same name are replaced by it (etl/upload.py).
    ``con=None`` checks against the bundled seed instead. Reading is bounded by ``limits``
    (etl/limits.py: rows, columns, cell length, XLSX size, 120 s); ``should_stop`` is asked between
    chunks and rows and ends the check early (the user's session ended). A file that cannot be checked
    gives one row saying why, naming the limit that was hit; no exception leaves this function
    (unexpected ones are logged with their traceback)."""

    def one(text: str, level: str = "error", row: int = 0, column: str = "") -> pd.DataFrame:
        return pd.DataFrame([{"level": level, "file": name, "row": row, "column": column, "message": text}],
                            columns=UPLOAD_COLUMNS)

    safe = _safe_name(name)
    if len(content) > MAX_UPLOAD_BYTES:
        return one(f"file too large ({len(content) / 1e6:.1f} MB); at most {MAX_UPLOAD_BYTES // 2**20} MB")
    if not safe.lower().endswith(UPLOAD_SUFFIXES):
        return one("unsupported file type; expected .csv or .xlsx")
    if not content:
        return one("the file is empty")
    if table_for(safe) is None:
        return one("the file name matches no table; name it after its table, e.g. companies_mainz.csv",
                   level="warning")
    try:
        with tempfile.TemporaryDirectory(prefix="alliance-upload-") as tmp:
            path = Path(tmp) / safe
            path.write_bytes(content)
            result = check_file(path, con, replaces={Path(name.replace("\\", "/")).name}, limits=limits,
                                should_stop=should_stop)
    except LimitExceeded as exc:
        log.info("upload check of %s stopped: %s", name, exc)
        return one(f"{exc.text} ({exc.limit_text})", row=exc.row, column=exc.column)
    except Stopped as exc:
        log.info("upload check of %s stopped on request: %s", name, exc)
        return one("the check was stopped before it finished", level="warning")
    except UsageError as exc:
        log.info("upload check of %s: %s", name, exc)
        return one(str(exc))
    except OSError as exc:  # the temporary copy: a full or read-only temp folder
        log.warning("upload check of %s could not store the file: %s", name, exc)
        return one(f"the file could not be stored for checking ({exc.strerror or _first_line(exc)}); try again later")
    except Exception as exc:  # a bug or a file nobody foresaw: logged in full, one line for the user
        log.exception("upload check of %s failed", name)
        return one(f"the file could not be checked ({type(exc).__name__}: {_first_line(exc)})")
    return pd.DataFrame([{"level": m.level, "file": name, "row": m.row, "column": m.column, "message": m.text}
                         for m in result.messages], columns=UPLOAD_COLUMNS)


# Text that a spreadsheet would run as a formula, matched in SQL: the characters of alliance/export.py.
FORMULA_PATTERN = "^[" + "".join({"\t": r"\t", "\r": r"\r"}.get(c, re.escape(c)) for c in export.FORMULA_START) + "]"
# (pattern, replacement) for a line inside a cell that starts a formula (a CR ends a line, it cannot start one)
INNER_FORMULA = (r"(\r\n|\r|\n)([" + "".join({"\t": r"\t"}.get(c, re.escape(c)) for c in export.FORMULA_START
                                           if c != "\r") + "])", r"\1'\2")


def _filtered_sql(con: duckdb.DuckDBPyConnection, b: Browse, neutralise: bool) -> tuple[str, list]:
    """SELECT of a table with the filters of ``b`` (no paging); with ``neutralise``, text cells that
    would run as a formula get a leading apostrophe. All values are bound as parameters."""
    spec = BROWSABLE[b.table]
    kinds = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?",
                             [b.table]).fetchall())
    columns = [c for c in spec.column_names if c in kinds]
    params: list = []

    def shown(column: str) -> str:
        if neutralise and kinds[column] == "VARCHAR":
            # As alliance/export.neutralise: an apostrophe after every line break that starts a formula,
            # then one in front if the text itself starts like a formula.
            inner = f"regexp_replace({column}, ?, ?, 'g')"
            params.extend([*INNER_FORMULA, FORMULA_PATTERN, *INNER_FORMULA, *INNER_FORMULA])
            return f"CASE WHEN regexp_matches({inner}, ?) THEN chr(39) || {inner} ELSE {inner} END AS {column}"
        return column

    select = ", ".join(shown(c) for c in columns)
    clauses = []
    condition = _city_condition(b.table)
    if b.cities and condition:
        clauses.append(condition)
        params += [list(b.cities)] * condition.count("?")
    if b.text:
        clauses.append("contains(lower(concat_ws(' ', " + ", ".join(f"CAST({c} AS VARCHAR)" for c in columns)
                       + ")), lower(?))")
        params.append(b.text)
    if not b.include_samples and "is_sample" in columns:
        clauses.append("NOT is_sample")
    if b.countries and b.table == "cities":
        clauses.append("list_contains(?, country)")
        params.append(list(b.countries))
    elif b.countries and b.table in ("companies", "memberships"):
        clauses.append("city_id IN (SELECT city_id FROM cities WHERE list_contains(?, country))")
        params.append(list(b.countries))
    if b.branchen and b.table in ("companies", "projects"):
        clauses.append("nace_division IN (SELECT nace_division FROM nace_branche WHERE list_contains(?, branche_id))")
        params.append(list(b.branchen))
    if b.smes_only and b.table == "companies":
        clauses.append("employees < 250")
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    order = spec.key or "source_file, source_row"
    return f"SELECT {select} FROM {b.table} {where} ORDER BY {order}", params


def data_package(con: duckdb.DuckDBPyConnection, cities: tuple[str, ...] = (), include_samples: bool = True,
                 when: date | None = None) -> bytes:
    """A zip for passing the data on to member cities: every table (filtered to ``cities``) as CSV,
    the data dictionary and the load provenance. DuckDB writes the table files, so no table passes
    through pandas (a million companies fit); text cells are neutralised like every export. Sample
    records keep their is_sample flag."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="alliance-package-") as tmp, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in BROWSABLE:
            sql, params = _filtered_sql(con, Browse(table=table, cities=cities, include_samples=include_samples),
                                        neutralise=True)
            target = Path(tmp) / f"{table}.csv"
            con.execute(f"COPY ({sql}) TO '{target.as_posix()}' (HEADER, DELIMITER ',')", params)
            archive.write(target, f"{table}.csv")
        archive.writestr("data_dictionary.csv", export.to_csv(data_dictionary()))
        archive.writestr("load_history.csv", export.to_csv(load_history(con)))
        archive.writestr("README.txt", (
            "Chinesisch-Deutsche Industriestädteallianz - Datenpaket\n"
            f"Stand: {(when or date.today()).isoformat()}\n"
            "Tabellen im Format des Importvertrags (siehe data_dictionary.csv); Herkunft: load_history.csv.\n"
            "Datensätze mit is_sample = true sind fiktive Beispieldaten.\n").encode())
    return buffer.getvalue()
