"""Benchmark: the analytics core at 10k, 100k and 1M companies, each beside a naive pandas version.

    python -m benchmarks.bench_analytics                  # 10k, 100k, 1M; both data shapes
    python -m benchmarks.bench_analytics --sizes 10000 --shapes varied --skip-naive

Two data shapes, side by side: "generated" (benchmarks/generate_source.py: one offer and one seek
code per company, two-word texts, cities uniform) and "varied" (benchmarks/generate_varied.py: texts
recombined from the real companies' descriptions in three languages, 1-5 offer and 0-5 seek codes,
one city holding a third of the companies). For each size and shape a contract-format source is
generated and built with the ETL; then a fresh worker process times:
- match cold: the first top-20 match in the process (alliance.matching.match_companies; it builds the
  company index of the database file),
- the city x Branchen matrix (alliance.sectors.city_sector_matrix) and the partner-city ranking for
  Mainz (alliance.sectors.partner_ranking), warm (best of 3 after one warm-up run),
- the top 20 matches for one Mainz company, warm (best of 3), and for 8 random companies and 8
  random SMEs (one warm-up run each, then one timed run): median and max,
- partner cities for the Mainz company (alliance.matching.partner_cities), warm,
and a second worker the naive versions (the whole companies table pulled into pandas, then the same
aggregation there). Peak memory is each worker's max RSS. Targets (issue 4): each under 0.5 s at 1M
companies, peak memory under 2 GB.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks import generate_source, generate_varied
from etl.build import build

GENERATORS = {"generated": generate_source.generate, "varied": generate_varied.generate}
SAMPLE = 8

ROOT = Path(__file__).resolve().parent.parent


def _best_of(fn, runs: int = 3) -> float:
    fn()  # warm-up: caches, first query plans
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def worker(db: str, mode: str) -> dict:
    import resource

    import duckdb

    from alliance import matching, sectors

    con = duckdb.connect(db, read_only=True)
    seeker = con.execute("SELECT min(company_id) FROM companies WHERE city_id = 'mainz'").fetchall()[0][0]
    if mode == "fast":
        start = time.perf_counter()
        matching.match_companies(con, seeker, k=20)
        results = {"match_cold": time.perf_counter() - start}
        results |= {
            "matrix": _best_of(lambda: sectors.city_sector_matrix(con, level="branche")),
            "partners": _best_of(lambda: sectors.partner_ranking(con, focus="mainz")),
            "matches": _best_of(lambda: matching.match_companies(con, seeker, k=20)),
            "partner_cities": _best_of(lambda: matching.partner_cities(con, seeker)),
        }
        for label, where in (("random", "true"), ("smes", "employees < 250")):
            ids = [r[0] for r in con.execute(f"SELECT company_id FROM companies WHERE {where} "
                                             "ORDER BY hash(company_id, 'bench') LIMIT ?", [SAMPLE]).fetchall()]
            times = []
            for company_id in ids:
                matching.match_companies(con, company_id, k=20)
                start = time.perf_counter()
                matching.match_companies(con, company_id, k=20)
                times.append(time.perf_counter() - start)
            results[f"{label}_median"], results[f"{label}_max"] = statistics.median(times), max(times)
    else:
        results = {
            "matrix": _best_of(lambda: naive_matrix(con), runs=1),
            "partners": _best_of(lambda: naive_partners(con), runs=1),
            "matches": _best_of(lambda: naive_matches(con, seeker), runs=1),
        }
    results["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def naive_matrix(con):
    """The obvious pandas way: the whole table into memory, then groupby."""
    companies = con.execute("SELECT * FROM v_companies").df()
    cell = companies.groupby(["city_id", "branche_id"]).agg(
        companies=("company_id", "size"), smes=("is_sme", "sum"), employees=("employees", "sum")).reset_index()
    e_city = cell.groupby("city_id")["employees"].transform("sum")
    e_sector = cell.groupby("branche_id")["employees"].transform("sum")
    cell["lq"] = (cell["employees"] / e_city) / (e_sector / cell["employees"].sum())
    return cell


def naive_partners(con, focus: str = "mainz"):
    cell = naive_matrix(con)
    shares = cell.pivot_table(index="city_id", columns="branche_id", values="employees", fill_value=0)
    shares = shares.div(shares.sum(axis=1), axis=0)
    norms = (shares ** 2).sum(axis=1) ** 0.5
    cosine = shares.mul(shares.loc[focus], axis=1).sum(axis=1) / (norms * norms[focus])
    return cosine.drop(focus).sort_values(ascending=False)


def naive_matches(con, seeker: str):
    companies = con.execute("SELECT * FROM v_companies").df()
    offers = con.execute("SELECT * FROM company_sectors WHERE kind = 'offer'").df()
    me = companies.set_index("company_id").loc[seeker]
    wanted = con.execute("SELECT code FROM company_sectors WHERE company_id = ? AND kind = 'seek'",
                         [seeker]).df()["code"].tolist() or [me["sector"]]
    others = companies[companies["country"] != me["country"]]
    merged = others.merge(offers, on="company_id", how="left")
    code = merged["code"].fillna(merged["sector"])
    fit = 0.0
    for w in wanted:
        grade = (code.str.startswith(w) * 1.0).where(code.str.startswith(w), (code.str[:2] == w[:2]) * 0.6)
        fit = grade if isinstance(fit, float) else fit.combine(grade, max)
    merged["fit"] = fit
    best = merged.groupby("company_id")["fit"].max()
    return best.sort_values(ascending=False).head(20)


def measure(companies: int, workdir: Path, shape: str = "generated", naive: bool = True) -> dict:
    source = GENERATORS[shape](workdir / f"src-{shape}-{companies}", companies)
    db = workdir / f"db-{shape}-{companies}.duckdb"
    assert build(source, db).ok
    out = {"companies": companies, "shape": shape}
    for mode in ("fast", "naive") if naive else ("fast",):
        proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_analytics", "--worker", str(db), mode],
                              cwd=ROOT, capture_output=True, text=True, check=True)
        out[mode] = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--shapes", nargs="+", choices=sorted(GENERATORS), default=["generated", "varied"])
    parser.add_argument("--skip-naive", action="store_true", help="time only the real implementations")
    parser.add_argument("--worker", nargs=2, metavar=("DB", "MODE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(*args.worker)))
        return
    print("matches: top 20, s; warm = best of 3 (Mainz company); random/SMEs = median/max over "
          f"{SAMPLE} companies; cold = first request in a process")
    print(f"{'companies':>10} {'shape':>9} | {'matrix s':>8} {'naive':>7} | {'partners s':>10} {'naive':>7} | "
          f"{'matches':>7} {'naive':>7} {'cold':>6} {'random':>13} {'SMEs':>13} {'cities':>6} | "
          f"{'peak MB':>7} {'naive':>7}")
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        for n in args.sizes:
            for shape in args.shapes:
                r = measure(n, Path(tmp), shape, naive=not args.skip_naive)
                f = r["fast"]
                v = r.get("naive") or {key: float("nan") for key in ("matrix", "partners", "matches", "peak_mb")}
                print(f"{n:>10,} {shape:>9} | {f['matrix']:>8.3f} {v['matrix']:>7.2f} | {f['partners']:>10.3f} "
                      f"{v['partners']:>7.2f} | {f['matches']:>7.3f} {v['matches']:>7.2f} {f['match_cold']:>6.2f} "
                      f"{f['random_median']:>6.3f}/{f['random_max']:.3f} {f['smes_median']:>6.3f}/{f['smes_max']:.3f} "
                      f"{f['partner_cities']:>6.3f} | {f['peak_mb']:>7.0f} {v['peak_mb']:>7.0f}",
                      flush=True)


if __name__ == "__main__":
    main()
