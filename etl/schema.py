"""Create the schema from the .sql files: tables first, then views (named after the view they create)."""

from __future__ import annotations

import duckdb

from etl.contract.paths import REFERENCE_DIR, SQL_DIR
from etl.contract.version import SCHEMA_VERSION

# Views and marts depend on each other; this order respects it (marts are tables built at load).
VIEWS = ("v_companies", "company_sectors", "marts/city_sector_matrix", "v_city_sector_matrix", "v_membership_events",
         "v_membership_status", "v_membership_findings")


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for path in sorted((SQL_DIR / "tables").glob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_info VALUES (?)", [SCHEMA_VERSION])


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Views (etl/sql/views/<name>.sql) and marts (etl/sql/marts/<name>.sql), after the data is loaded."""
    for name in VIEWS:
        path = SQL_DIR / f"{name}.sql" if "/" in name else SQL_DIR / "views" / f"{name}.sql"
        con.execute(path.read_text(encoding="utf-8"))


def load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Load the taxonomies of data/reference/ (reviewed like code; checked by tests/test_reference.py)."""

    csv = "read_csv(?, header = true, all_varchar = true)"

    def path(name: str) -> list[str]:
        return [str(REFERENCE_DIR / name)]

    con.execute(
        "INSERT INTO countries SELECT iso2, iso3, name_en, name_de, name_zh, TRY_CAST(min_lon AS DOUBLE), "
        f"TRY_CAST(min_lat AS DOUBLE), TRY_CAST(max_lon AS DOUBLE), TRY_CAST(max_lat AS DOUBLE) FROM {csv}",
        path("countries.csv"),
    )
    con.execute(
        "INSERT INTO nace SELECT code, level, nullif(parent_code, ''), section, name_en, name_de, name_zh "
        f"FROM {csv}",
        path("nace_rev2.csv"),
    )
    con.execute(
        "INSERT INTO gbt SELECT code, level, nullif(parent_code, ''), section, name_zh, name_en "
        f"FROM {csv}",
        path("gbt4754_2017.csv"),
    )
    con.execute(
        "INSERT INTO gbt_nace_crosswalk SELECT gbt_division, nace_division, CAST(share AS DOUBLE), basis "
        f"FROM {csv}",
        path("gbt_nace_crosswalk.csv"),
    )
    con.execute(
        "INSERT INTO branchen SELECT branche_id, name_de, name_en, name_zh, CAST(row_number() OVER () AS INTEGER) "
        f"FROM {csv}",
        path("branchen.csv"),
    )
    con.execute(
        "INSERT INTO nace_branche SELECT DISTINCT trim(d), branche_id "
        f"FROM (SELECT branche_id, unnest(string_split(nace_divisions, ';')) AS d FROM {csv}) "
        "WHERE trim(d) <> ''",
        path("branchen.csv"),
    )
