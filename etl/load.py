"""Insert the validated staging rows into the typed tables (one INSERT ... SELECT per table)."""

from __future__ import annotations

import duckdb

from etl import contract as c
from etl.convert import value_sql
from etl.sources import SourceFile


def _typed(table: c.Table, skip: tuple[str, ...] = ()) -> tuple[str, str]:
    names = [col.name for col in table.columns if col.name not in skip]
    exprs = [value_sql(table.column(name)) for name in names]
    return ", ".join(names), ", ".join(exprs)


def _register_files(con: duckdb.DuckDBPyConnection, files: list[SourceFile]) -> None:
    con.execute("CREATE OR REPLACE TEMP TABLE src_files (_f INTEGER, name VARCHAR)")
    con.executemany("INSERT INTO src_files VALUES (?, ?)", [(i, f.name) for i, f in enumerate(files)])


def load_tables(con: duckdb.DuckDBPyConnection, files: list[SourceFile]) -> dict[str, int]:
    """Load every table; returns row counts. Assumes validation passed."""
    _register_files(con, files)
    src = "(SELECT s.*, f.name AS _file FROM src_{t} AS s JOIN src_files AS f USING (_f))"

    names, exprs = _typed(c.CITIES)
    con.execute(f"INSERT INTO cities ({names}, source_file, source_row) "
                f"SELECT {exprs}, _file, _row FROM {src.format(t='cities')} ORDER BY _f, _row")
    con.execute(
        "INSERT INTO city_sectors SELECT DISTINCT city_id, kind, code, left(code, 2) FROM ("
        "SELECT city_id, 'strength' AS kind, trim(unnest(string_split(strengths, ';'))) AS code FROM cities "
        "UNION ALL SELECT city_id, 'wish', trim(unnest(string_split(wishes, ';'))) FROM cities) WHERE code <> ''"
    )

    # A GB/T code maps to the NACE division holding the largest share of it (ties: lowest code).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE gbt_main_division AS SELECT gbt_division, "
        "first(nace_division ORDER BY share DESC, nace_division) AS nace_division "
        "FROM gbt_nace_crosswalk GROUP BY gbt_division"
    )
    names, exprs = _typed(c.COMPANIES)
    con.execute(
        f"INSERT INTO companies ({names}, nace_division, source_file, source_row) "
        f"SELECT {exprs}, coalesce(left(nullif(trim(sector), ''), 2), g.nace_division), _file, _row "
        f"FROM {src.format(t='companies')} AS s "
        f"LEFT JOIN gbt_main_division AS g ON g.gbt_division = left(nullif(trim(s.sector_gbt), ''), 2) "
        f"ORDER BY _f, _row"
    )
    con.execute(
        "INSERT INTO company_sectors SELECT DISTINCT company_id, kind, code, left(code, 2) FROM ("
        "SELECT company_id, 'offer' AS kind, trim(unnest(string_split(offer_sectors, ';'))) AS code "
        "FROM companies WHERE offer_sectors IS NOT NULL "
        "UNION ALL SELECT company_id, 'seek', trim(unnest(string_split(seek_sectors, ';'))) "
        "FROM companies WHERE seek_sectors IS NOT NULL) WHERE code <> ''"
    )

    names, exprs = _typed(c.PROJECTS, skip=("company_ids",))
    con.execute(
        f"INSERT INTO projects ({names}, nace_division, source_file, source_row) "
        f"SELECT {exprs}, left(trim(sector), 2), _file, _row FROM {src.format(t='projects')} ORDER BY _f, _row"
    )
    con.execute(
        "INSERT INTO project_companies SELECT DISTINCT trim(project_id), code FROM ("
        "SELECT project_id, trim(unnest(string_split(company_ids, ';'))) AS code FROM src_projects "
        "WHERE nullif(trim(company_ids), '') IS NOT NULL) WHERE code <> ''"
    )

    names, exprs = _typed(c.MEMBERSHIPS)
    con.execute(
        f"INSERT INTO memberships (event_id, {names}, source_file, source_row) "
        f"SELECT CAST(row_number() OVER (ORDER BY _f, _row) AS INTEGER), {exprs}, _file, _row "
        f"FROM {src.format(t='memberships')}"
    )
    names, exprs = _typed(c.QUALITY_NOTES)
    con.execute(
        f"INSERT INTO quality_notes ({names}, source_file, source_row) "
        f"SELECT {exprs}, _file, _row FROM {src.format(t='quality_notes')} ORDER BY _f, _row"
    )
    return {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        for table in ("cities", "city_sectors", "companies", "company_sectors", "projects", "project_companies",
                      "memberships", "quality_notes")
    }
