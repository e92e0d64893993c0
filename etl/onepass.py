"""The fast path of a build: each file read once, converted in the same pass, straight into its table.

Rules:

- Each CSV is read by one DuckDB ``read_csv`` (``store_rejects``: a row it cannot split lands in a
  rejects table instead of stopping the read), converted by the contract's rules (etl/convert.py) in
  the same SELECT and inserted by etl/load.py straight into its final table; a sheet is streamed into
  a staging table as in the full validation (etl/sources.py) and inserted likewise. Only the checks
  that need the delivered text ride along in that pass (a number, date, year or boolean that does not
  convert; a cell over the length limit): the first row failing one stops it. The other single-value
  checks (required, enum, country, NACE and GB/T code, one of sector/sector_gbt) decide the same on
  the stored value and run as one scan per loaded table, and the checks that need whole tables
  (duplicate ids, references, code lists, project countries, official codes, territory, quality
  notes) as set-based SQL; keys, foreign keys and CHECKs of etl/sql/tables/ stop the insert of a row
  that breaks them. At 1,000,000 companies a lookup per row (a NACE code IN the code list) cost more
  than the scan after the load.
- The pass proves only that a source is clean. It runs in one transaction; at the first finding of
  any kind (a rejected row, a value that does not convert, a limit, a header problem, a broken rule,
  even a warning other than about unknown columns, files or the membership procedure) it is rolled
  back and ``None`` is returned. The caller then runs the full validation, which names file, row and
  column for every problem, all in one run. So every message is the full validation's, word for
  word, and a clean source is read once; a source with problems costs the pass up to its first
  finding and the full validation.
- Why the columns are read as text (VARCHAR) and converted in SQL rather than typed by ``read_csv``:
  DuckDB's casts accept more than the contract does (``'3.5'`` as BIGINT is 4, ``1e3`` and ``0x10``
  are integers, ``inf`` is a DOUBLE, a column has one date format, ``ja``/``nein`` are no booleans),
  so typing at the read would load values the contract rejects. The conversion in the same SELECT
  costs little (benchmarks/bench_etl.py measures the whole build against a bare typed read).
- Files the pass leaves to the full validation: CSVs that are not UTF-8 (a file without byte-order
  mark is read as UTF-8; a byte DuckDB finds invalid rejects its row, and the full validation detects
  Windows-1252 or GB18030), and CSVs with blank lines (DuckDB skips them, a spreadsheet counts them).
  UTF-16/32 files (by byte-order mark) and files mixing CRLF and LF are read from a UTF-8 copy.
- Row numbers: a quoted value spanning lines is one record, so the n-th record is spreadsheet row
  n + 1. ``row_number() OVER ()`` over the read counts records but makes the whole insert run on one
  thread; so only small tables whose load needs the number are numbered that way (NUMBERED_AT_READ),
  and the others are loaded with 0 and numbered afterwards from rowid (``_number_rows``): their load
  is one INSERT ... SELECT of scalar expressions over read_csv and UNION ALL, which keeps the file's
  order (DuckDB's documented order preservation; no join, which would not).
"""

from __future__ import annotations

import logging
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl import contract as c
from etl import schema, sources
from etl.convert import value_sql
from etl.limits import Guard
from etl.load import load_tables
from etl.messages import Message, UsageError
from etl.validate import stat_code_rules

log = logging.getLogger(__name__)

# What error() says when a row fails a single-value check: never shown, it only ends the pass.
ROW_FINDING = "onepass: a row needs the full validation"
# Kinds whose check needs the delivered text beside the converted value (present but not converted).
TEXT_NEEDED_KINDS = (c.INT, c.FLOAT, c.DATE, c.YEAR, c.BOOL)
# Tables whose CSV rows are numbered by a window over the read, because their load needs the row
# number (memberships: event_id is the delivery order) or joins (city_sector_stats), which do not
# keep the file's order. They are small; the other tables are numbered from rowid after the insert.
NUMBERED_AT_READ = frozenset({"memberships", "city_sector_stats"})


class NeedsFullValidation(Exception):
    """Something in the source the full validation has to word; ``reason`` is for the debug log."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Outcome:
    """A clean source, loaded: the warnings of the header and file names, and the row counts."""

    messages: list[Message]
    row_counts: dict[str, int]


def _text(name: str) -> str:
    return f"nullif(trim({sources.quote_ident(name)}), '')"


def _row_findings(table: c.Table, source: sources.SourceFile) -> list[str]:
    """SQL conditions true where a row fails a check that needs the delivered text: a value present that
    does not convert (number, date, year, boolean), or a required boolean left empty (it converts to
    false). The other single-value checks run on the loaded table (``_value_findings``)."""
    found: list[str] = []
    for column in table.columns:
        if column.name not in source.columns or column.kind not in TEXT_NEEDED_KINDS:
            continue
        text, converted = _text(column.name), f'"{column.name}__v"'
        found.append(f"({text} IS NOT NULL AND {converted} IS NULL)")
        if column.required and column.kind == c.BOOL:
            found.append(f"{text} IS NULL")
    return found


def _too_long(names: list[str], limit: int) -> str:
    """True where a cell holds more than ``limit`` characters. The byte length (strlen) is kept with each
    string, so ``length`` (which counts characters by reading them) runs only where the bytes exceed it."""
    quoted = [sources.quote_ident(n) for n in names]
    return (f"(greatest({', '.join(f'strlen({q})' for q in quoted)}) > {limit} AND "
            f"greatest({', '.join(f'length({q})' for q in quoted)}) > {limit})")


def _file_sql(con: duckdb.DuckDBPyConnection, table: c.Table, source: sources.SourceFile, index: int,
              readable: Path | None, guard: Guard) -> str:
    """One file's rows as ``src_<table>`` of etl/validate.py has them (_f, _row, the delivered text and
    the converted ``<name>__v``), read from the CSV ``readable`` (or the staging table of a sheet); a
    row failing a check of ``_row_findings`` raises ROW_FINDING when its ``_row`` is read.

    ``_row`` of a CSV row is its spreadsheet row where the table is numbered at read
    (NUMBERED_AT_READ), else 0 until ``_number_rows`` sets it after the insert."""
    raw = ", ".join(sources.quote_ident(n) if n in source.columns else f'NULL::VARCHAR AS "{n}"'
                    for n in table.column_names)
    if readable is None:  # a sheet: its rows are numbered and its cells measured while streaming
        read = f"SELECT _row AS _n, false AS _long, {raw} FROM {source.staging}"
    else:
        con.execute(f"SET VARIABLE onepass_path_{index} = ?", [str(readable)])
        con.execute(f"SET VARIABLE onepass_columns_{index} = ?", [{n: "VARCHAR" for n in source.header_names}])
        limit = "" if guard.limits.max_rows is None else f" LIMIT {int(guard.limits.max_rows) + 1}"
        cells = guard.limits.max_cell_chars
        too_long = "false" if cells is None else _too_long(source.header_names, int(cells))
        number = "row_number() OVER () + 1" if table.name in NUMBERED_AT_READ else "0"
        read = (
            f"SELECT {number} AS _n, {too_long} AS _long, {raw} "
            f"FROM read_csv(getvariable('onepass_path_{index}'), "
            f"header = true, auto_detect = false, delim = '{source.delimiter}', quote = '\"', escape = '\"', "
            f"columns = getvariable('onepass_columns_{index}'), encoding = 'utf-8', store_rejects = true, "
            f"rejects_table = 'onepass_rejects_{index}', rejects_scan = 'onepass_rejects_{index}_scan'){limit}"
        )
    typed = ", ".join(f'{value_sql(col, source.decimal_comma)} AS "{col.name}__v"' for col in table.columns)
    found = " OR ".join(["_long", *_row_findings(table, source)])
    return (f"SELECT {index} AS _f, CASE WHEN {found} THEN error('{ROW_FINDING}') ELSE _n END AS _row, "
            f"true AS _checked, * EXCLUDE (_n, _long) FROM (SELECT *, {typed} FROM ({read}))")


def _scan(source: sources.SourceFile, scanned: sources.ByteScan) -> None:
    """What the byte scan found, on the file; blank lines are a finding (DuckDB skips them, a spreadsheet
    counts them), and so are mixed line ends found after the read (see ``_open_file``)."""
    source.sha256, source.has_blank_lines = scanned.sha256, scanned.blank_lines
    if source.has_blank_lines:
        raise NeedsFullValidation(f"{source.name} has blank lines")


def _open_file(con: duckdb.DuckDBPyConnection, source: sources.SourceFile, index: int, workdir: Path,
               guard: Guard, scans: ThreadPoolExecutor) -> tuple[Path | None, list[Message], Future | None]:
    """Header and (for a sheet) staging of one file; the path DuckDB reads for a CSV; and the byte scan
    (hash, blank lines, line ends) still running, or None when it is done.

    A CSV whose first MiB has no CR is read as having LF line ends while its scan runs in ``scans``
    beside the load (hashing costs about as much as DuckDB's read; the insert leaves the second core
    idle); ``_finish_scans`` then checks it. Any other file is scanned first: a CR may mean mixed line
    ends, which need a copy with LF only before DuckDB can read the file."""
    if source.path.suffix.lower() in sources.XLSX_SUFFIXES:
        source.sha256 = sources.scan_bytes(source.path, guard).sha256  # line ends mean nothing in a zip
        messages = sources.read_xlsx_file(con, source, index, guard)
        if any(m.level == "error" for m in messages):
            raise NeedsFullValidation(f"{source.name}: the sheet has errors")
        return None, messages, None
    with source.path.open("rb") as fh:
        head = fh.read(sources.CHUNK)
    sample = head[:sources.UTF16_SAMPLE]
    source.encoding = sources._bom_encoding(sample) or sources._utf16_without_bom(sample) or "utf-8"
    pending = None
    if source.encoding in sources.TRANSCODED or b"\r" in head:
        scanned = sources.scan_bytes(source.path, guard)
        _scan(source, scanned)
        source.mixed_line_endings = scanned.mixed_line_endings
    else:
        pending = scans.submit(sources.scan_bytes, source.path, guard)
    readable = sources.readable_utf8(source, index, workdir, guard)
    if source.has_blank_lines:  # a UTF-16 file shows its line ends once transcoded
        raise NeedsFullValidation(f"{source.name} has blank lines")
    header, source.delimiter = sources._read_header(readable, source.name, guard)
    if not any(h.strip() for h in header):
        raise NeedsFullValidation(f"{source.name} has no header")
    sources._check_header(source.name, header, guard)
    names, messages = sources.normalise_header(source, header)
    if source.structurally_broken or any(m.level == "error" for m in messages):
        raise NeedsFullValidation(f"{source.name}: the header has errors")
    source.header_names = names
    return readable, messages, pending


def _finish_scans(pending: dict[int, Future], files: list[sources.SourceFile]) -> None:
    """The byte scans that ran beside the load: their hashes, and a finding for blank lines or for a CR
    after the first MiB that mixes line ends (the file was read as LF-only)."""
    for index, future in pending.items():
        scanned = future.result()  # re-raises a limit or stop hit while scanning
        _scan(files[index], scanned)
        if scanned.mixed_line_endings:
            raise NeedsFullValidation(f"{files[index].name} mixes line ends after its first MiB")


def _check_headers(files: list[sources.SourceFile]) -> None:
    """The header-level errors of etl/validate.py's ``check_headers``."""
    for table in c.TABLES:
        table_files = [f for f in files if f.table is table]
        if not table_files and table.min_rows:
            raise NeedsFullValidation(f"no file for table {table.name}")
        for source in table_files:
            if any(col.required and col.name not in source.columns for col in table.columns):
                raise NeedsFullValidation(f"{source.name} lacks a required column")
            if table.one_of and not any(name in source.columns for name in table.one_of):
                raise NeedsFullValidation(f"{source.name} lacks {' or '.join(table.one_of)}")


NACE_BELOW_SECTION = "SELECT code FROM nace WHERE level <> 'section'"
GBT_BELOW_SECTION = "SELECT code FROM gbt WHERE level <> 'section'"

# Each rule of etl/validate.py that needs whole tables, on the loaded tables: the table whose rows it
# checks (None: always run) and a query counting the rows that break it. A rule over an empty table is
# skipped: its query would still build a hash table of what it looks up (1,000,000 company ids).
TABLE_FINDINGS: dict[str, tuple[str | None, str]] = {
    "a cities file without rows": (None, "SELECT count(*) = 0 FROM cities"),
    "a duplicate company_id": (
        "companies", "SELECT count(*) FROM (SELECT company_id FROM companies GROUP BY ALL HAVING count(*) > 1)"),
    "a duplicate project_id": (
        "projects", "SELECT count(*) FROM (SELECT project_id FROM projects GROUP BY ALL HAVING count(*) > 1)"),
    "a company in an unknown city": (
        "companies", "SELECT count(*) FROM companies WHERE city_id NOT IN (SELECT city_id FROM cities)"),
    "a project with an unknown city": (
        "projects", "SELECT count(*) FROM projects WHERE cn_city_id NOT IN (SELECT city_id FROM cities) "
                    "OR de_city_id NOT IN (SELECT city_id FROM cities)"),
    "a project naming an unknown company": (
        "project_companies", "SELECT count(*) FROM project_companies "
                             "WHERE company_id NOT IN (SELECT company_id FROM companies)"),
    "an unknown offered NACE code": (
        "companies", f"SELECT count(*) FROM (SELECT unnest(offer_codes) AS code FROM companies "
                     f"WHERE len(offer_codes) > 1) WHERE code NOT IN ({NACE_BELOW_SECTION})"),
    "an unknown sought NACE code": (
        "companies", f"SELECT count(*) FROM (SELECT unnest(seek_codes) AS code FROM companies) "
                     f"WHERE code NOT IN ({NACE_BELOW_SECTION})"),
    "an unknown strength or wish": (
        "city_sectors", f"SELECT count(*) FROM city_sectors WHERE code NOT IN ({NACE_BELOW_SECTION})"),
    "a project city in the wrong country": (
        "projects", "SELECT count(*) FROM projects AS p JOIN cities AS cn ON cn.city_id = p.cn_city_id "
                    "JOIN cities AS de ON de.city_id = p.de_city_id WHERE cn.country <> 'CN' OR de.country <> 'DE'"),
    "coordinates outside the country": (
        "cities", "SELECT count(*) FROM cities AS s JOIN countries AS k ON k.iso2 = s.country "
                  "WHERE k.min_lat IS NOT NULL AND NOT (s.lat BETWEEN k.min_lat - 0.5 AND k.max_lat + 0.5 "
                  "AND s.lon BETWEEN k.min_lon - 0.5 AND k.max_lon + 0.5)"),
    "a quality note about an unknown table": (
        "quality_notes", "SELECT count(*) FROM quality_notes WHERE nullif(trim(subject_table), '') IS NOT NULL "
                         "AND NOT list_contains(?, lower(trim(subject_table))) "
                         "AND lower(trim(subject_table)) <> 'alliance'"),
    "a quality note about an unknown record": (
        "quality_notes", "SELECT count(*) FROM quality_notes AS q WHERE "
                         "(lower(trim(subject_table)) = 'cities' AND trim(subject_id) NOT IN "
                         "(SELECT city_id FROM cities)) OR (lower(trim(subject_table)) = 'companies' "
                         "AND trim(subject_id) NOT IN (SELECT company_id FROM companies)) OR "
                         "(lower(trim(subject_table)) = 'projects' AND trim(subject_id) NOT IN "
                         "(SELECT project_id FROM projects))"),
}


def _check_tables(con: duckdb.DuckDBPyConnection, counts: dict[str, int], guard: Guard) -> None:
    """The whole-table rules, set-based on the loaded tables (``counts``: their rows); raises
    NeedsFullValidation at a finding."""
    tables = [t.name for t in c.TABLES]
    for reason, (subject, query) in TABLE_FINDINGS.items():
        if subject is not None and not counts[subject]:
            continue
        guard.check()
        params = [tables] if "?" in query else []
        if con.execute(query, params).fetchall()[0][0]:
            raise NeedsFullValidation(reason)
    for system, valid, params, _ in stat_code_rules():
        if counts["city_sector_stats"] and con.execute(
                f"SELECT count(*) FROM city_sector_stats WHERE code_system = '{system}' "
                f"AND code <> '{c.STAT_TOTAL}' AND NOT ({valid})", params).fetchall()[0][0]:
            raise NeedsFullValidation(f"an unknown {system} code in city_sector_stats")


def _value_findings(con: duckdb.DuckDBPyConnection, table: c.Table) -> tuple[str, list]:
    """A condition on the loaded ``table`` true where a row fails a single-value check that its stored
    value decides as well as its text: required, enum, country, NACE and GB/T code, one of
    sector/sector_gbt. Each contract column is stored under its own name as converted (ids, codes and
    enums trimmed, countries upper-cased, text verbatim), so the condition on the stored value is the
    condition on the delivered text; columns not stored (projects.company_ids) have no such check."""
    stored = {row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND NOT internal", [table.name]).fetchall()}
    found: list[str] = []
    params: list = []
    for column in table.columns:
        if column.name not in stored:
            continue
        name = sources.quote_ident(column.name)
        if column.required and column.kind != c.BOOL:  # a required boolean is checked per row
            found.append(f"nullif(trim({name}), '') IS NULL" if column.kind == c.TEXT else f"{name} IS NULL")
        if column.kind == c.ENUM:
            found.append(f"NOT list_contains(?, {name})")
            params.append(list(column.values))
        elif column.kind == c.COUNTRY:
            found.append(f"{name} NOT IN (SELECT iso2 FROM countries)")
        elif column.kind == c.NACE:
            found.append(f"{name} NOT IN ({NACE_BELOW_SECTION})")
        elif column.kind == c.GBT:
            found.append(f"{name} NOT IN ({GBT_BELOW_SECTION})")
    if table.one_of:
        found.append(" AND ".join(f"{sources.quote_ident(n)} IS NULL" for n in table.one_of))
    return " OR ".join(f"({f})" for f in found) or "false", params


def _check_values(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile], guard: Guard) -> None:
    """The single-value checks of ``_value_findings``, one scan per loaded table."""
    for table in c.TABLES:
        if any(f.table is table for f in files):
            guard.check()
            condition, params = _value_findings(con, table)
            if con.execute(f"SELECT count(*) FROM {table.name} WHERE {condition}", params).fetchall()[0][0]:
                raise NeedsFullValidation(f"a value of table {table.name} fails a single-value check")


def _number_rows(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile]) -> None:
    """``source_row`` of the CSV rows loaded with 0 (tables not in NUMBERED_AT_READ), from rowid.

    Their INSERT ... SELECT reads one view of scalar expressions over read_csv and UNION ALL, which keep
    the file's order (DuckDB's documented order preservation), so a file's rows have consecutive rowids
    in the file's order and the n-th record is spreadsheet row n + 1. A file whose rowids are not one
    run (which DuckDB's order preservation rules out) leaves the pass rather than get wrong rows."""
    for table in {f.table.name for f in files if not f.staging and f.table.name not in NUMBERED_AT_READ}:
        ranges = {name: (rows, first, last) for name, rows, first, last in con.execute(
            f"SELECT source_file, count(*), min(rowid), max(rowid) FROM {table} GROUP BY ALL").fetchall()}
        for source in files:
            if source.table.name != table or source.staging or source.name not in ranges:
                continue
            rows, first, last = ranges[source.name]
            if last - first + 1 != rows:
                raise NeedsFullValidation(f"the rows of {source.name} were not loaded as one run")
            con.execute(f"UPDATE {table} SET source_row = CAST(rowid - $first + 2 AS INTEGER) "
                        "WHERE rowid BETWEEN $first AND $last", {"first": first, "last": last})


def _count_rows(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile], guard: Guard) -> None:
    """Each file's rows as loaded; a CSV row DuckDB rejected, or more rows than ``max_rows``, is a finding."""
    counted: dict[str, int] = {}
    for table in {f.table.name for f in files}:
        counted.update(dict(con.execute(f"SELECT source_file, count(*) FROM {table} GROUP BY ALL").fetchall()))
    for index, source in enumerate(files):
        if not source.staging and con.execute(f"SELECT count(*) FROM onepass_rejects_{index}").fetchall()[0][0]:
            raise NeedsFullValidation(f"DuckDB rejected rows of {source.name}")
        source.rows = counted.get(source.name, 0)
        if guard.limits.max_rows is not None and source.rows > guard.limits.max_rows:
            raise NeedsFullValidation(f"{source.name} has more than max_rows rows")


def load_clean_source(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile], guard: Guard) -> Outcome | None:
    """Schema, reference data and every table of ``files`` loaded in one pass per file into ``con``, or
    None (and ``con`` as it was) when the source has any finding for the full validation to word.
    Raises UsageError (LimitExceeded, Stopped) as the full validation would."""
    con.execute("BEGIN TRANSACTION")
    try:
        with tempfile.TemporaryDirectory(prefix="alliance-onepass-") as tmp:
            outcome = _load(con, files, Path(tmp), guard)
        con.execute("COMMIT")
        return outcome
    except NeedsFullValidation as found:
        log.debug("one pass stopped (%s); validating in full", found.reason)
    except (duckdb.ConstraintException, duckdb.InvalidInputException, duckdb.ConversionException) as exc:
        # ROW_FINDING, a key, foreign key or CHECK of the schema, or a CSV DuckDB cannot read at all.
        log.debug("one pass stopped (%s); validating in full", sources._first_line(exc))
    except duckdb.InterruptException:
        _rollback(con)
        if guard.expired:
            raise guard.time_exceeded() from None
        raise
    except UsageError:  # limits, stops
        _rollback(con)
        raise
    # duckdb.IOException and FatalException (a full disk) go up unhandled: the build reports them, and
    # after a fatal error the database accepts no ROLLBACK (it is discarded with the temporary file).
    except (duckdb.IOException, duckdb.FatalException):
        raise
    except duckdb.Error as exc:  # not expected: the full validation still gives the right answer
        log.warning("one pass failed unexpectedly (%s); validating in full", sources._first_line(exc))
    _rollback(con)
    return None


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error as exc:
        log.warning("rolling back the one pass failed: %s", sources._first_line(exc))


def _load(con: duckdb.DuckDBPyConnection, files: list[sources.SourceFile], workdir: Path, guard: Guard) -> Outcome:
    schema.create_tables(con)
    schema.load_reference(con)
    messages: list[Message] = []
    readable: dict[int, Path | None] = {}
    pending: dict[int, Future] = {}
    scans = ThreadPoolExecutor(max_workers=1, thread_name_prefix="etl-scan")
    try:
        for index, source in enumerate(files):
            guard.file = source.name
            guard.check()
            try:
                readable[index], found, scan = _open_file(con, source, index, workdir, guard, scans)
            except (OSError, UnicodeDecodeError) as exc:
                raise NeedsFullValidation(f"{source.name} cannot be read here ({exc})") from exc
            messages += found
            if scan is not None:
                pending[index] = scan
        guard.file = ""
        _check_headers(files)
        for table in c.TABLES:
            parts = [_file_sql(con, table, f, i, readable[i], guard) for i, f in enumerate(files)
                     if f.table is table]
            if not parts:  # no file: an empty view of the same columns
                raw = ", ".join(f'NULL::VARCHAR AS "{n}"' for n in table.column_names)
                typed = ", ".join(f'{value_sql(col)} AS "{col.name}__v"' for col in table.columns)
                parts = [f"SELECT -1 AS _f, _row, false AS _checked, *, {typed} "
                         f"FROM (SELECT 0 AS _row, {raw}) WHERE false"]
            con.execute(f"CREATE OR REPLACE TEMP VIEW src_{table.name} AS " + " UNION ALL ".join(parts))
        counts = load_tables(con, files)
        _finish_scans(pending, files)
    finally:
        scans.shutdown(wait=True, cancel_futures=True)
    _number_rows(con, files)
    _count_rows(con, files, guard)
    _check_values(con, files, guard)
    _check_tables(con, counts, guard)
    return Outcome(messages, counts)
