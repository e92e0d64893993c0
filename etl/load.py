"""Insert the validated staging rows into the typed tables (one INSERT ... SELECT per table).

The converted values come from the ``<name>__v`` columns of the staging views (etl/validate.py),
so every value is converted by exactly the rule that validated it.
"""

from __future__ import annotations

from collections.abc import Collection

import duckdb

from etl import contract as c
from etl.sources import SourceFile


def _typed(table: c.Table, skip: tuple[str, ...] = ()) -> tuple[str, str]:
    names = [col.name for col in table.columns if col.name not in skip]
    return ", ".join(names), ", ".join(f"{name}__v" for name in names)


# A ';' list with blanks (trim() removes Unicode spaces too) or empty items around a ';': split the slow way.
UNTIDY_LIST = r"[\s\pZ\x{85}];|;[\s\pZ\x{85}]|;;|^;|;$"


def _split_codes(column: str, distinct: bool = True) -> str:
    """The trimmed items of a ';'-separated list, as a list (empty items dropped; ``distinct``: each
    once); NULL for NULL. ``column`` is already trimmed, so a single code (the usual case) skips the
    list work, and a list without blanks or empty items around its ';' is split without a lambda
    (the lambdas cost seconds at 1,000,000 rows; the result is the same)."""
    unique = "list_distinct" if distinct else ""
    items = f"list_transform(string_split({column}, ';'), lambda x: trim(x))"
    return (f"CASE WHEN NOT contains({column}, ';') THEN [{column}] "
            f"WHEN regexp_matches({column}, '{UNTIDY_LIST}') "
            f"THEN list_distinct(list_filter({items}, lambda x: x <> '')) "
            f"ELSE {unique}(string_split({column}, ';')) END")


def _each_once(column: str) -> str:
    """The non-NULL items of the list ``column``, each once, in the order of their first occurrence.

    ``column`` must name a column of the input, not an expression: the lambda then reads it once per
    row, and the filter costs about half of list_distinct's hash table per row (0.14 s against 0.30 s
    for 1,000,000 lists of one to six codes)."""
    return f"list_filter({column}, lambda code, i: code IS NOT NULL AND list_position({column}, code) = i)"


def load_tables(con: duckdb.DuckDBPyConnection, files: list[SourceFile],
                tables: Collection[str] | None = None) -> dict[str, int]:
    """Load every table (or only ``tables``, with what depends on them: city_sectors with cities,
    project_companies with projects); returns row counts. Assumes validation passed."""

    def wanted(name: str) -> bool:
        return tables is None or name in tables

    # The file names and the GB/T lookup are variables read by scalar expressions, not joined: a join
    # would not keep the files' row order, which etl/onepass.py numbers rows by.
    con.execute("SET VARIABLE load_file_names = ?", [[f.name for f in files]])

    def src(table: str) -> str:
        return f"(SELECT *, getvariable('load_file_names')[_f + 1] AS _file FROM src_{table})"

    # A GB/T code maps to the NACE division holding the largest share of it (ties: lowest code).
    con.execute(
        "CREATE OR REPLACE TEMP TABLE gbt_main_division AS SELECT gbt_division, "
        "first(nace_division ORDER BY share DESC, nace_division) AS nace_division "
        "FROM gbt_nace_crosswalk GROUP BY gbt_division"
    )
    con.execute("SET VARIABLE gbt_main_division = "
                "(SELECT map(list(gbt_division), list(nace_division)) FROM gbt_main_division)")
    if wanted("cities"):
        _load_cities(con, src("cities"))
    if wanted("companies"):
        _load_companies(con, src("companies"))
    if wanted("projects"):
        _load_projects(con, src("projects"))
    if wanted("memberships"):
        names, values = _typed(c.MEMBERSHIPS)
        con.execute(
            f"INSERT INTO memberships (event_id, {names}, source_file, source_row) "
            f"SELECT CAST(row_number() OVER (ORDER BY _f, _row) AS INTEGER), {values}, _file, _row "
            f"FROM {src('memberships')}"
        )
    if wanted("city_sector_stats"):
        _load_city_sector_stats(con, src("city_sector_stats"))
    if wanted("quality_notes"):
        names, values = _typed(c.QUALITY_NOTES)
        con.execute(
            f"INSERT INTO quality_notes ({names}, source_file, source_row) "
            f"SELECT {values}, _file, _row FROM {src('quality_notes')}"
        )
    return {
        table: con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        for table in ("cities", "city_sectors", "companies", "projects", "project_companies",
                      "memberships", "city_sector_stats", "quality_notes")
    }


def _load_cities(con: duckdb.DuckDBPyConnection, src: str) -> None:
    names, values = _typed(c.CITIES)
    con.execute(f"INSERT INTO cities ({names}, source_file, source_row) SELECT {values}, _file, _row FROM {src}")
    con.execute(
        "INSERT INTO city_sectors SELECT city_id, kind, code, left(code, 2) FROM ("
        f"SELECT city_id, 'strength' AS kind, unnest({_split_codes('strengths')}) AS code FROM cities "
        f"UNION ALL SELECT city_id, 'wish', unnest({_split_codes('wishes')}) FROM cities)"
    )


def _load_companies(con: duckdb.DuckDBPyConnection, src: str) -> None:
    """offer_codes: the company's main code (sector, or its GB/T code's main NACE division) and its
    offer_sectors; seek_codes: its seek_sectors; each code once, the main code first."""
    names, values = _typed(c.COMPANIES)
    gbt = "getvariable('gbt_main_division')[left(sector_gbt__v, 2)]"
    con.execute(
        f"INSERT INTO companies ({names}, nace_division, source_file, source_row, offer_codes, seek_codes) "
        f"SELECT {values}, coalesce(left(sector__v, 2), {gbt}), _file, _row, "
        f"{_each_once('_offers')}, {_each_once('_seeks')} "
        f"FROM (SELECT *, list_concat([coalesce(sector__v, {gbt})], "
        f"{_split_codes('offer_sectors__v', distinct=False)}) AS _offers, "
        f"coalesce({_split_codes('seek_sectors__v', distinct=False)}, []) AS _seeks FROM {src})"
    )


def _load_city_sector_stats(con: duckdb.DuckDBPyConnection, src: str) -> None:
    """Official structure with its NACE reading. A GB/T section maps to the NACE section holding the
    largest crosswalk share of its divisions (GB/T E -> NACE F, S -> O, ...), a GB/T division to its main
    NACE division (as for companies), 三次产业 to NACE ranges (PRIMARY A, SECONDARY B-F, TERTIARY G-U);
    a NACE range "B-F" covers the sections from B to F, "B+D+E" the listed ones."""
    three = ", ".join(f"('{k}', '{v}')" for k, v in c.THREE_SECTORS.items())
    con.execute(
        "CREATE OR REPLACE TEMP TABLE gbt_main_section AS SELECT g, first(n ORDER BY share DESC, n) AS nace_section "
        "FROM (SELECT g.section AS g, n.section AS n, sum(x.share) AS share FROM gbt_nace_crosswalk AS x "
        "JOIN gbt AS g ON g.code = x.gbt_division JOIN nace AS n ON n.code = x.nace_division GROUP BY ALL) "
        "GROUP BY g"
    )
    con.execute(
        f"""
        INSERT INTO city_sector_stats
        WITH s AS (
            SELECT city_id__v AS city_id, code_system__v AS code_system, trim(code) AS code, measure__v AS measure,
                   value__v AS value, year__v AS year, scope__v AS scope, source__v AS source, note__v AS note,
                   _file, _row
            FROM {src}
        ),
        named AS (  -- the NACE reading of each code
            SELECT s.*,
                   CASE WHEN s.code = '{c.STAT_TOTAL}' THEN s.code
                        WHEN s.code_system = 'NACE' THEN s.code
                        WHEN t.nace IS NOT NULL THEN t.nace
                        WHEN length(s.code) = 1 THEN gs.nace_section
                        ELSE gd.nace_division END AS nace_code
            FROM s
            LEFT JOIN (VALUES {three}) AS t (gbt, nace) ON s.code_system = 'GBT' AND t.gbt = s.code
            LEFT JOIN gbt_main_section AS gs ON s.code_system = 'GBT' AND gs.g = s.code
            LEFT JOIN gbt_main_division AS gd ON s.code_system = 'GBT' AND gd.gbt_division = s.code
        ),
        all_sections AS (SELECT list(code ORDER BY code) AS codes FROM nace WHERE level = 'section')
        SELECT n.city_id, n.code_system, n.code, n.nace_code,
               CASE WHEN n.nace_code = '{c.STAT_TOTAL}' THEN 'total'
                    WHEN length(n.nace_code) = 1 THEN 'section'
                    WHEN regexp_full_match(n.nace_code, '[0-9]{{2}}') THEN 'division'
                    ELSE 'sections' END,
               CASE WHEN n.nace_code = '{c.STAT_TOTAL}' THEN []
                    WHEN regexp_full_match(n.nace_code, '[0-9]{{2}}') THEN [d.section]
                    WHEN contains(n.nace_code, '-') THEN list_filter(a.codes, lambda x: x BETWEEN n.nace_code[1]
                                                                                AND n.nace_code[3])
                    ELSE list_sort(string_split(n.nace_code, '+')) END,
               n.measure, n.value, n.year, n.scope, n.source, n.note, n._file, n._row
        FROM named AS n CROSS JOIN all_sections AS a
        LEFT JOIN nace AS d ON d.code = n.nace_code AND d.level = 'division'
        """
    )


def _load_projects(con: duckdb.DuckDBPyConnection, src: str) -> None:
    names, values = _typed(c.PROJECTS, skip=("company_ids",))
    con.execute(
        f"INSERT INTO projects ({names}, nace_division, source_file, source_row) "
        f"SELECT {values}, left(sector__v, 2), _file, _row FROM {src}"
    )
    con.execute(
        f"INSERT INTO project_companies SELECT project_id__v, unnest({_split_codes('company_ids__v')}) "
        "FROM src_projects WHERE company_ids__v IS NOT NULL"
    )
