"""Generate a contract-format source folder of N synthetic companies for benchmarks.

    python -m benchmarks.generate_source --companies 1000000 --out /tmp/bench-1m

Cities and membership events are the first 30 real cities of data/seed/ (so the city table stays
real); companies and projects (N/10) are synthetic, deterministic (a hash of the row number) and
flagged is_sample. DuckDB writes the CSVs, so a million rows take seconds.
"""

from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

import duckdb

from etl.contract.paths import REFERENCE_DIR, SEED_DIR

N_CITIES = 30


def write_cities(out: Path) -> set[str]:
    """The first N_CITIES bundled cities and their membership events into ``out``; their ids."""
    out.mkdir(parents=True, exist_ok=True)
    with (SEED_DIR / "cities.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        cities = [row for _, row in zip(range(N_CITIES), reader, strict=False)]
    with (out / "cities.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(cities)
    kept = {row[0] for row in cities}
    with (SEED_DIR / "memberships.csv").open(encoding="utf-8", newline="") as src, (out / "memberships.csv").open(
        "w", encoding="utf-8", newline=""
    ) as dst:
        reader, writer = csv.reader(src), csv.writer(dst, lineterminator="\n")
        mheader = next(reader)
        writer.writerow(mheader)
        actor = mheader.index("actor_city_id")
        writer.writerows(r for r in reader if r[0] in kept and (not r[actor] or r[actor] in kept))
    return kept


def generate(out: Path, companies: int) -> Path:
    write_cities(out)

    con = duckdb.connect()
    con.execute("CREATE TABLE city AS SELECT row_number() OVER () - 1 AS i, city_id, country FROM read_csv(?, "
                "all_varchar = true)", [str(out / "cities.csv")])
    con.execute("CREATE TABLE cls AS SELECT row_number() OVER () - 1 AS i, code FROM read_csv(?, all_varchar = true) "
                "WHERE level = 'class' AND section = 'C'", [str(REFERENCE_DIR / "nace_rev2.csv")])
    n_city = con.execute("SELECT count(*) FROM city").fetchall()[0][0]
    n_cls = con.execute("SELECT count(*) FROM cls").fetchall()[0][0]
    con.execute(
        f"""
        COPY (
            SELECT 'x' || r AS company_id,
                   CASE WHEN c.country = 'CN' THEN '样本企业' || r || '有限公司' ELSE 'Beispiel ' || r || ' GmbH' END
                       AS name,
                   c.city_id,
                   k.code AS sector,
                   -- employees log-uniform in 1..5000: about two thirds are SMEs (< 250)
                   CAST(exp((hash(r, 'e') % 10000) / 10000.0 * ln(5000)) AS INTEGER) AS employees,
                   1950 + hash(r, 'y') % 75 AS founded,
                   'Fertigung ' || k.code AS offers,
                   'Partner für ' || k2.code AS seeks,
                   k.code AS offer_sectors,
                   k2.code AS seek_sectors,
                   'true' AS is_sample
            FROM range({companies}) AS t(r)
            JOIN city AS c ON c.i = hash(r, 'c') % {n_city}
            JOIN cls AS k ON k.i = hash(r, 's') % {n_cls}
            JOIN cls AS k2 ON k2.i = hash(r, 'k') % {n_cls}
            ORDER BY r
        ) TO '{(out / "companies.csv").as_posix()}' (HEADER, DELIMITER ',')
        """
    )
    con.execute(
        f"""
        COPY (
            SELECT 'p' || r AS project_id, 'Projekt ' || r AS title, cn.city_id AS cn_city_id,
                   de.city_id AS de_city_id,
                   ['CN_TO_DE', 'DE_TO_CN', 'MUTUAL'][CAST(1 + hash(r, 'd') % 3 AS BIGINT)] AS direction,
                   ['idea', 'negotiation', 'agreed', 'implementation', 'completed', 'cancelled']
                       [CAST(1 + hash(r, 's') % 6 AS BIGINT)] AS status,
                   left(k.code, 2) AS sector, 'x' || (hash(r, 'x') % {companies}) AS company_ids,
                   round((hash(r, 'v') % 10000) / 100.0, 2) AS volume_eur_m, hash(r, 'j') % 500 AS jobs,
                   DATE '2016-01-01' + CAST(hash(r, 't') % 3000 AS INTEGER) AS start_date, 'true' AS is_sample
            FROM range({companies // 10}) AS t(r)
            JOIN (SELECT row_number() OVER () - 1 AS j, city_id FROM city WHERE country = 'CN') AS cn
                ON cn.j = hash(r, 'a') % (SELECT count(*) FROM city WHERE country = 'CN')
            JOIN (SELECT row_number() OVER () - 1 AS j, city_id FROM city WHERE country = 'DE') AS de
                ON de.j = hash(r, 'b') % (SELECT count(*) FROM city WHERE country = 'DE')
            JOIN cls AS k ON k.i = hash(r, 'q') % {n_cls}
            ORDER BY r
        ) TO '{(out / "projects.csv").as_posix()}' (HEADER, DELIMITER ',')
        """
    )
    con.close()
    return out


def main(make=None, description: str | None = None) -> None:
    """The command line of a generator (this one, or benchmarks/generate_varied.py's ``make``)."""
    make = make or generate
    parser = argparse.ArgumentParser(description=description or __doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1_000_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    make(args.out, args.companies)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
