"""Validation of the staged source files against the import contract, done in SQL inside DuckDB.

Every check is one query over all files of a table at once, so a million rows cost a few scans,
not a Python loop. A check reports at most MAX_SHOWN rows per file and then one line counting the
rest: all problems are reported in one run, without drowning the one that matters.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from etl import contract as c
from etl.convert import EXPECTED, value_sql
from etl.limits import Guard
from etl.messages import Message, error, warning
from etl.sources import SourceFile, row_number_sql

MAX_SHOWN = 20


def _show(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def create_source_views(con: duckdb.DuckDBPyConnection, files: list[SourceFile]) -> None:
    """One view ``src_<table>`` per table over all its files: each contract column as delivered
    (``<name>``, NULL where a file lacks it) and converted (``<name>__v``, by that file's rules), plus
    ``_f`` (file index), ``_row`` (spreadsheet row) and ``_checked`` (false for files whose structure
    is broken: their rows still count for references, but their row numbers cannot be trusted; false
    too for rows already served, which count for references and ids but are not checked again)."""
    for table in c.TABLES:
        parts = []
        for index, source in enumerate(files):
            if source.table is not table or not source.staging:
                continue
            raw = ", ".join(
                f'"{name}"' if name in source.columns else f'NULL::VARCHAR AS "{name}"' for name in table.column_names
            )
            typed = ", ".join(f'{value_sql(col, source.decimal_comma)} AS "{col.name}__v"' for col in table.columns)
            checked = not source.structurally_broken and not source.reference_only
            parts.append(
                f"SELECT {index} AS _f, _row, {str(checked).lower()} AS _checked, *, {typed} "
                f"FROM (SELECT {row_number_sql(source)} AS _row, {raw} FROM {source.staging})"
            )
        if not parts:  # no file: an empty view of the same column types
            raw = ", ".join(f'NULL::VARCHAR AS "{name}"' for name in table.column_names)
            typed = ", ".join(f'{value_sql(col)} AS "{col.name}__v"' for col in table.columns)
            parts.append(f"SELECT -1 AS _f, _row, false AS _checked, *, {typed} FROM (SELECT 0 AS _row, {raw}) "
                         "WHERE false")
        con.execute(f"CREATE OR REPLACE TEMP VIEW src_{table.name} AS " + " UNION ALL ".join(parts))


def stat_code_rules() -> list[tuple[str, str, list, str]]:
    """Per code system of city_sector_stats: the SQL condition a valid ``code`` meets (besides TOTAL),
    its parameters, and the codes expected (for the message)."""
    three = list(c.THREE_SECTORS)
    return [
        ("NACE", "trim(code) IN (SELECT code FROM nace WHERE level IN ('section', 'division')) "
                 "OR (regexp_full_match(trim(code), '[A-U]-[A-U]') AND trim(code)[1] < trim(code)[3]) "
                 "OR regexp_full_match(trim(code), '[A-U](\\+[A-U])+')", [],
         "TOTAL, a NACE Rev. 2 section letter (A-U), a range of sections (B-F), sections joined by + (B+D+E) or a "
         "two-digit division (e.g. 29)"),
        ("GBT", "trim(code) IN (SELECT code FROM gbt WHERE level IN ('section', 'division')) "
                "OR list_contains(?, trim(code))", [three],
         "TOTAL, " + "/".join(three) + " (三次产业), a GB/T 4754-2017 section letter (A-T) or a two-digit division "
         "(e.g. 39)"),
    ]


class Validator:
    def __init__(self, con: duckdb.DuckDBPyConnection, files: list[SourceFile], source_label: str,
                 guard: Guard | None = None):
        self.con = con
        self.files = files
        self.source_label = source_label
        self.guard = guard or Guard()
        self.messages: list[Message] = []

    def file_name(self, index: int) -> str:
        return self.files[index].name if index >= 0 else self.source_label

    def report(
        self,
        query: str,
        params: list,
        column: str,
        describe: Callable[[object], str],
        level: str = "error",
    ) -> None:
        """Run ``query`` (selecting _f, _row, val) and add one message per row, capped per file."""
        capped = (
            f"SELECT _f, _row, val, count(*) OVER (PARTITION BY _f) AS n, "
            f"row_number() OVER (PARTITION BY _f ORDER BY _row) AS k FROM ({query}) "
            f"QUALIFY k <= {MAX_SHOWN} ORDER BY _f, _row"
        )
        make = error if level == "error" else warning
        rows = self.con.execute(capped, params).fetchall()
        for f, row, val, n, k in rows:
            self.messages.append(make(self.file_name(f), row, column, describe(val)))
            if k == MAX_SHOWN and n > MAX_SHOWN:
                self.messages.append(make(self.file_name(f), 0, column, f"... and {n - MAX_SHOWN} more rows with "
                                          "the same problem in this column", summary=True))

    # -- header-level checks -------------------------------------------------------------------
    def check_headers(self) -> None:
        for table in c.TABLES:
            table_files = [f for f in self.files if f.table is table]
            if not table_files and table.min_rows:
                self.messages.append(error(self.source_label, 0, "", f"no file for table {table.name}; expected "
                                           f"{table.name}.csv or {table.name}.xlsx (or {table.name}_*.csv ...)"))
            for source in table_files:
                if not source.staging:
                    continue
                for column in table.columns:
                    if column.required and column.name not in source.columns:
                        self.messages.append(error(source.name, 1, column.name, "required column is missing from "
                                                   "the header"))
                if table.one_of and not any(name in source.columns for name in table.one_of):
                    self.messages.append(error(source.name, 1, table.one_of[0], "column missing: expected "
                                               + " or ".join(table.one_of)))

    # -- row-level checks ----------------------------------------------------------------------
    def check_table(self, table: c.Table) -> None:
        """All single-value checks of a table in one scan; list columns (';'-separated) one query each."""
        src = f"src_{table.name}"
        live = f"SELECT * FROM {src} WHERE _checked"
        checks: list[tuple[str, str, str, Callable[[object], str]]] = []  # column, condition, shown value, text
        params: list = []
        for column in table.columns:
            name = column.name
            text = f"nullif(trim({name}), '')"
            present = f"{text} IS NOT NULL"
            if column.required:
                # Files without the column got one header error already; no second error per row.
                lacking = [i for i, f in enumerate(self.files) if f.table is table and name not in f.columns]
                params.append(lacking)
                checks.append((name, f"{text} IS NULL AND NOT list_contains(?, _f)", "NULL",
                               lambda v, col=column: "required value is empty"
                               + (f"; expected {EXPECTED[col.kind]}" if col.kind in EXPECTED else "")))
            if column.kind in (c.INT, c.FLOAT, c.DATE, c.YEAR, c.BOOL):
                checks.append((name, f"{present} AND {name}__v IS NULL", name,
                               lambda v, col=column: f"{_show(v)} is not {EXPECTED[col.kind]}"))
            elif column.kind == c.ENUM:
                params.append(list(column.values))
                checks.append((name, f"{present} AND NOT list_contains(?, {text})", name,
                               lambda v, col=column: f"{_show(v)} is not allowed; expected one of "
                               f"{', '.join(col.values)}"))
            elif column.kind == c.COUNTRY:
                checks.append((name, f"{present} AND upper({text}) NOT IN (SELECT iso2 FROM countries)", name,
                               lambda v: f"{_show(v)} is not {EXPECTED[c.COUNTRY]}"))
            elif column.kind == c.NACE:
                checks.append((name, f"{present} AND {text} NOT IN (SELECT code FROM nace WHERE level <> 'section')",
                               name, self._describe_bad_nace))
            elif column.kind == c.GBT:
                checks.append((name, f"{present} AND {text} NOT IN (SELECT code FROM gbt WHERE level <> 'section')",
                               name, lambda v: f"unknown GB/T 4754-2017 code {_show(v)}; expected {EXPECTED[c.GBT]}"))
            elif column.kind == c.REF:
                ref = c.TABLES_BY_NAME[column.ref]
                checks.append((name, f"{present} AND {text} NOT IN (SELECT {ref.key}__v FROM src_{ref.name} "
                               f"WHERE {ref.key}__v IS NOT NULL)", name,
                               lambda v, ref=ref: f"{_show(v)} is not a {ref.key} of table {ref.name}"))
            elif column.kind in (c.NACE_LIST, c.REF_LIST):
                if column.kind == c.NACE_LIST:
                    valid, describe = "SELECT code FROM nace WHERE level <> 'section'", self._describe_bad_nace
                else:
                    ref = c.TABLES_BY_NAME[column.ref]
                    valid = f"SELECT {ref.key}__v FROM src_{ref.name} WHERE {ref.key}__v IS NOT NULL"
                    describe = lambda v, ref=ref: f"{_show(v)} is not a {ref.key} of table {ref.name}"  # noqa: E731
                # A single NACE code (no ';', the usual case) is looked up as it is; only lists are split.
                # (Not for references: their list of valid ids is as long as the table referred to.)
                single = ""
                if column.kind == c.NACE_LIST:
                    single = f" AND (contains({name}, ';') OR {text} NOT IN ({valid}))"
                self.report(
                    f"SELECT _f, _row, code AS val FROM (SELECT _f, _row, trim(unnest(string_split({name}, ';'))) "
                    f"AS code FROM ({live}) WHERE {present}{single}) WHERE code <> '' AND code NOT IN ({valid})",
                    [], name, describe)
        if table.one_of:
            empty = " AND ".join(f"nullif(trim({n}), '') IS NULL" for n in table.one_of)
            checks.append((table.one_of[0], empty, "NULL", lambda v: "no sector: fill " + " or ".join(table.one_of)))
        self._run_combined(live, checks, params)
        if table.key:
            self.check_duplicate_keys(table)

    def _run_combined(self, live: str, checks: list, params: list) -> None:
        if not checks:
            return
        cases = ", ".join(
            f"CASE WHEN {condition} THEN {{'i': {i}, 'val': CAST({value} AS VARCHAR)}} END"
            for i, (_, condition, value, _) in enumerate(checks)
        )
        rows = self.con.execute(
            f"SELECT p.i, _f, _row, p.val, count(*) OVER (PARTITION BY p.i, _f) AS n, "
            f"row_number() OVER (PARTITION BY p.i, _f ORDER BY _row) AS k "
            f"FROM (SELECT _f, _row, unnest(list_filter([{cases}], lambda x: x IS NOT NULL)) AS p FROM ({live})) "
            f"QUALIFY k <= {MAX_SHOWN} ORDER BY _f, _row, p.i",
            params,
        ).fetchall()
        overflow = []
        for i, f, row, val, n, k in rows:
            column, _, _, describe = checks[i]
            self.messages.append(error(self.file_name(f), row, column, describe(val)))
            if k == MAX_SHOWN and n > MAX_SHOWN:
                overflow.append(error(self.file_name(f), 0, column, f"... and {n - MAX_SHOWN} more rows with the "
                                      "same problem in this column", summary=True))
        self.messages += overflow

    def _describe_bad_nace(self, value: object) -> str:
        code = str(value).strip()
        hint = ""
        if self.con.execute("SELECT count(*) FROM gbt WHERE code = ? AND level <> 'section'", [code]).fetchall()[0][0]:
            hint = " (it is a GB/T 4754-2017 code: put it in column sector_gbt)"
        elif "," in code and self.con.execute("SELECT count(*) FROM nace WHERE code = ?",
                                              [code.replace(",", ".")]).fetchall()[0][0]:
            hint = f" (codes take a point: {code.replace(',', '.')}; save the column as text)"
        return f"unknown NACE Rev. 2 code {_show(value)}; expected {EXPECTED[c.NACE]}{hint}"

    def check_duplicate_keys(self, table: c.Table) -> None:
        key = table.key
        # Only the ids that occur more than once go through the window (an aggregate finds them).
        repeated = (f"SELECT trim({key}) FROM src_{table.name} WHERE nullif(trim({key}), '') IS NOT NULL "
                    "GROUP BY ALL HAVING count(*) > 1")
        query = (
            f"SELECT _f, _row, val FROM (SELECT _f, _row, trim({key}) AS val, "
            f"first(_f) OVER w AS first_f, first(_row) OVER w AS first_row, row_number() OVER w AS nth "
            f"FROM src_{table.name} WHERE nullif(trim({key}), '') IS NOT NULL AND trim({key}) IN ({repeated}) "
            f"WINDOW w AS (PARTITION BY trim({key}) ORDER BY _f, _row)) WHERE nth > 1"
        )
        # The first occurrence is looked up per reported duplicate (at most MAX_SHOWN per file).
        def describe(value: object) -> str:
            f, row = self.con.execute(
                f"SELECT _f, _row FROM src_{table.name} WHERE trim({key}) = ? ORDER BY _f, _row LIMIT 1", [value]
            ).fetchall()[0]
            return f"duplicate {key} {_show(value)}: already in {self.file_name(f)}, row {row}; ids must be unique"
        self.report(query, [], key, describe)

    def check_rules(self) -> None:
        """Rules that span columns or tables."""
        if self.con.execute("SELECT count(*) FROM src_cities").fetchall()[0][0] == 0 and any(
            f.table is c.CITIES for f in self.files
        ):
            self.messages.append(error(self.file_name(next(i for i, f in enumerate(self.files)
                                                            if f.table is c.CITIES)), 0, "",
                                       "table cities has no rows; at least one city is required"))
        cities = "SELECT * FROM src_cities WHERE _checked"
        lat, lon = "s.lat__v", "s.lon__v"
        self.report(f"SELECT _f, _row, lat AS val FROM ({cities}) AS s WHERE NOT ({lat} BETWEEN -90 AND 90)", [], "lat",
                    lambda v: f"{_show(v)} is not a latitude; expected a number between -90 and 90")
        self.report(f"SELECT _f, _row, lon AS val FROM ({cities}) AS s WHERE NOT ({lon} BETWEEN -180 AND 180)", [],
                    "lon",
                    lambda v: f"{_show(v)} is not a longitude; expected a number between -180 and 180")
        self.report(
            f"SELECT _f, _row, s.lat || ', ' || s.lon || ' (' || k.iso2 || ')' AS val FROM ({cities}) AS s "
            f"JOIN countries AS k ON k.iso2 = upper(trim(s.country)) "
            f"WHERE {lat} BETWEEN -90 AND 90 AND {lon} BETWEEN -180 AND 180 AND k.min_lat IS NOT NULL "
            f"AND NOT ({lat} BETWEEN k.min_lat - 0.5 AND k.max_lat + 0.5 "
            f"AND {lon} BETWEEN k.min_lon - 0.5 AND k.max_lon + 0.5)",
            [], "lat", lambda v: f"coordinates {v} lie outside the country's territory (swapped lat/lon?)",
            level="warning")
        self.report("SELECT _f, _row, employees AS val FROM src_companies WHERE _checked AND employees__v < 0", [],
                    "employees", lambda v: f"{_show(v)} is negative; expected 0 or more")
        projects = "SELECT * FROM src_projects WHERE _checked"
        for column, country in (("cn_city_id", "CN"), ("de_city_id", "DE")):
            self.report(
                f"SELECT p._f, p._row, p.{column} || ' (' || upper(trim(ci.country)) || ')' AS val FROM ({projects}) "
                f"AS p JOIN src_cities AS ci ON trim(ci.city_id) = trim(p.{column}) "
                f"WHERE upper(trim(ci.country)) <> ? AND upper(trim(ci.country)) IN (SELECT iso2 FROM countries)",
                [country], column, lambda v, country=country: f"city {v} is not in {country}; "
                f"expected a city with country {country}")
        for column in ("volume_eur_m", "jobs"):
            self.report(f"SELECT _f, _row, {column} AS val FROM ({projects}) WHERE {column}__v < 0", [], column,
                        lambda v: f"{_show(v)} is negative; expected 0 or more")
        self.report(f"SELECT _f, _row, end_date AS val FROM ({projects}) WHERE end_date__v < start_date__v", [],
                    "end_date",
                    lambda v: f"end date {_show(v)} lies before the start date")
        self.check_city_sector_stats()
        tables = [t.name for t in c.TABLES]
        self.report(
            "SELECT _f, _row, subject_table AS val FROM src_quality_notes WHERE _checked "
            "AND nullif(trim(subject_table), '') IS NOT NULL AND NOT list_contains(?, lower(trim(subject_table))) "
            "AND lower(trim(subject_table)) <> 'alliance'",
            [tables], "subject_table",
            lambda v: f"{_show(v)} is not a table; expected alliance or one of {', '.join(tables)}",
            level="warning")
        for table in (c.CITIES, c.COMPANIES, c.PROJECTS):
            self.report(
                f"SELECT _f, _row, subject_id AS val FROM src_quality_notes WHERE _checked "
                f"AND lower(trim(subject_table)) = ? AND trim(subject_id) NOT IN "
                f"(SELECT trim({table.key}) FROM src_{table.name} WHERE {table.key} IS NOT NULL)",
                [table.name], "subject_id",
                lambda v, table=table: f"{_show(v)} is not a {table.key} of table {table.name}", level="warning")

    def check_city_sector_stats(self) -> None:
        """Codes read by their code system, no negative values, one value per city, code, measure, year
        and scope."""
        stats = "SELECT * FROM src_city_sector_stats WHERE _checked"
        for system, valid, params, expected in stat_code_rules():
            self.report(
                f"SELECT _f, _row, code AS val FROM ({stats}) WHERE code_system__v = '{system}' "
                f"AND nullif(trim(code), '') IS NOT NULL AND trim(code) <> '{c.STAT_TOTAL}' AND NOT ({valid})",
                params, "code", lambda v, system=system, expected=expected: f"{_show(v)} is not a {system} code "
                f"here; expected {expected}")
        self.report(f"SELECT _f, _row, value AS val FROM ({stats}) WHERE value__v < 0", [], "value",
                    lambda v: f"{_show(v)} is negative; expected 0 or more")
        key = "city_id__v, code_system__v, trim(code), measure__v, year__v, scope__v"
        self.report(
            f"SELECT _f, _row, first_f || ',' || first_row AS val FROM (SELECT _f, _row, first(_f) OVER w AS first_f, "
            f"first(_row) OVER w AS first_row, row_number() OVER w AS nth FROM src_city_sector_stats "
            f"WHERE {' AND '.join(f'{k} IS NOT NULL' for k in key.split(', '))} "
            f"WINDOW w AS (PARTITION BY {key} ORDER BY _f, _row)) WHERE nth > 1",
            [], "code", self._describe_second_value)

    def _describe_second_value(self, value: object) -> str:
        f, row = (int(x) for x in str(value).split(","))
        return (f"a second value for the same city, code, measure, year and scope; the first is in "
                f"{self.file_name(f)}, row {row}")

    def run(self) -> list[Message]:
        self.check_headers()
        for table in c.TABLES:
            self.guard.check()
            self.check_table(table)
        self.guard.check()
        self.check_rules()
        return self.messages


def validate(con: duckdb.DuckDBPyConnection, files: list[SourceFile], source_label: str,
             guard: Guard | None = None) -> list[Message]:
    """All checks over the staged ``files``; ``guard`` is consulted between tables (the caller runs
    this under ``guard.watch(con)`` so that a query is interrupted when the time budget runs out)."""
    create_source_views(con, files)
    return Validator(con, files, source_label, guard).run()
