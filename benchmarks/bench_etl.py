"""Benchmark: `python -m etl build` against a bare DuckDB read_csv of the same files.

    python -m benchmarks.bench_etl                 # 10k, 100k and 1M companies
    python -m benchmarks.bench_etl --sizes 10000   # just one size
    python -m benchmarks.bench_etl --repeat 5      # median of 5 runs each (default 3)

Each measurement runs in its own process, so peak memory (max RSS) is that process's alone. The bare
read and the build take turns, ``--repeat`` times each, and the medians are compared: on a shared
machine a load on it then slows both alike, and the ratio stays meaningful.
Both data shapes are measured: ``ours`` (benchmarks/generate_source.py: one code, two-word texts) and
``varied`` (benchmarks/generate_varied.py: texts recombined from the real companies' descriptions, 1-5
offer codes, one city holding a third of all companies).
Target (issue 15): the build at most 1.5x the bare read at 1M companies, on both shapes. The build keeps
bulk inserts in memory until the commit (``enable_optimistic_write = false``, etl/build.py); the bare
read is also run a second time with that setting ("bare*"), so the ratio can be read both ways.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import generate_source, generate_varied

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"ours": generate_source.generate, "varied": generate_varied.generate}

BARE_READ = """
import sys, duckdb
source, db = sys.argv[1], sys.argv[2]
con = duckdb.connect(db)
if len(sys.argv) > 3:
    con.execute("SET enable_optimistic_write = false")
for name in ("cities", "companies", "projects", "memberships"):
    con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv(?)", [f"{source}/{name}.csv"])
con.execute("CHECKPOINT")
con.close()
"""


def run_measured(cmd: list[str]) -> tuple[float, float]:
    """Run ``cmd`` through a tiny wrapper that reports the child's own max RSS."""
    wrapper = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True);"
        "s = time.perf_counter() - t;"
        "sys.stderr.write(p.stderr[-3000:]) if p.returncode else None;"
        "print(p.returncode, s, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", wrapper, *cmd], cwd=ROOT, capture_output=True, text=True)
    code, seconds, rss = out.stdout.split()
    if code != "0":
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stderr}")
    return float(seconds), float(rss)


def _fresh(path: Path) -> Path:
    for leftover in (path, Path(f"{path}.wal")):
        leftover.unlink(missing_ok=True)
    return path


def measure(companies: int, workdir: Path, repeat: int = 3, shape: str = "ours") -> dict[str, float]:
    source = SHAPES[shape](workdir / f"src-{shape}-{companies}", companies)
    size_mb = sum(p.stat().st_size for p in source.iterdir()) / 1e6
    bare, bare_in_memory, etl = [], [], []
    for _ in range(repeat):  # taking turns: a load on the machine slows both alike
        bare_db = _fresh(workdir / f"bare-{companies}.duckdb")
        bare.append(run_measured([sys.executable, "-c", BARE_READ, str(source), str(bare_db)]))
        bare_db = _fresh(workdir / f"bare-{companies}.duckdb")
        bare_in_memory.append(run_measured([sys.executable, "-c", BARE_READ, str(source), str(bare_db), "1"]))
        etl_db = _fresh(workdir / f"etl-{companies}.duckdb")
        etl.append(run_measured([sys.executable, "-m", "etl", "build", "--no-limits", "--source", str(source),
                                 "--db", str(etl_db)]))
    bare_s, etl_s = statistics.median(s for s, _ in bare), statistics.median(s for s, _ in etl)
    bare_star = statistics.median(s for s, _ in bare_in_memory)
    return {"shape": shape, "companies": companies, "csv_mb": size_mb, "bare_s": bare_s, "etl_s": etl_s,
            "ratio": etl_s / bare_s, "bare_star_s": bare_star, "ratio_star": etl_s / bare_star,
            "bare_mb": max(mb for _, mb in bare), "etl_mb": max(mb for _, mb in etl)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, medians compared (default 3)")
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    print(f"median of {args.repeat} runs each; ratio = etl build / bare read of the same run")
    print(f"{'shape':>7} {'companies':>10} {'CSV MB':>7} {'bare read s':>11} {'bare* s':>8} {'etl build s':>11} "
          f"{'ratio':>6} {'ratio*':>6} {'bare peak MB':>12} {'etl peak MB':>11}")
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        for n in args.sizes:
            for shape in args.shapes:
                r = measure(n, Path(tmp), max(1, args.repeat), shape)
                print(f"{r['shape']:>7} {r['companies']:>10,} {r['csv_mb']:>7.1f} {r['bare_s']:>11.2f} "
                      f"{r['bare_star_s']:>8.2f} {r['etl_s']:>11.2f} {r['ratio']:>5.2f}x {r['ratio_star']:>5.2f}x "
                      f"{r['bare_mb']:>12.0f} {r['etl_mb']:>11.0f}", flush=True)


if __name__ == "__main__":
    main()
