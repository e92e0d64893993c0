"""Benchmark: every dashboard page on a database of N companies.

    python -m benchmarks.bench_pages                      # 1,000,000 companies, both data shapes
    python -m benchmarks.bench_pages --companies 100000 --shapes varied

Builds a contract-format source of each shape (``ours``: benchmarks/generate_source.py; ``varied``:
benchmarks/generate_varied.py, real companies' texts recombined, several codes per company, one city
holding a third of all companies) with the ETL, then
- starts the app (`streamlit run app.py`) and times, in headless Chromium, how long the overview
  takes from the first request until its figures show (cold: first start of the process);
- times each page's script run with streamlit's AppTest, cold (first run) and warm (best of 3 reruns);
- reports the server process's resident memory after every page was opened in the browser.
Targets (issues 5 and 15): overview under 5 s, each page under 1.5 s warm, under 1.5 GB resident.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from benchmarks import generate_source, generate_varied
from etl.build import build

ROOT = Path(__file__).resolve().parent.parent
SHAPES = {"ours": generate_source.generate, "varied": generate_varied.generate}
PAGES = [("app.py", ""), ("pages/0_focus.py", "focus"), ("pages/1_map.py", "map"), ("pages/2_cities.py", "cities"),
         ("pages/3_sectors.py", "sectors"), ("pages/4_matching.py", "matching"), ("pages/5_projects.py", "projects"),
         ("pages/6_membership.py", "membership"), ("pages/7_data.py", "data"), ("pages/8_briefing.py", "briefing")]


def apptest_times(db: Path) -> dict[str, tuple[float, float]]:
    from streamlit.testing.v1 import AppTest

    os.environ["ALLIANCE_DB"] = str(db)
    results = {}
    for file, _ in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        start = time.perf_counter()
        at.run()
        if file != "app.py":
            at.switch_page(file).run()
        cold = time.perf_counter() - start
        assert not at.exception, (file, at.exception)
        warm = []
        for _ in range(3):
            start = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - start)
        results[file] = (cold, min(warm))
    return results


def browser_times(db: Path) -> tuple[float, float]:
    """Seconds until the overview shows on a fresh server, and the server's RSS (MB) after all pages."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS, StreamlitServer

    start = time.perf_counter()
    server = StreamlitServer(db)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url)
            page.wait_for_selector("[data-testid=stMetricValue]", timeout=120_000)
            overview = time.perf_counter() - start
            for _, path in PAGES[1:]:
                page.goto(f"{server.url}/{path}")
                page.wait_for_selector("h1", timeout=120_000)
                page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000)
            browser.close()
        rss = 0.0
        with open(f"/proc/{server.proc.pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1]) / 1024
        return overview, rss
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=1_000_000)
    parser.add_argument("--shapes", nargs="+", choices=sorted(SHAPES), default=list(SHAPES))
    args = parser.parse_args()
    for shape in args.shapes:
        with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
            source = SHAPES[shape](Path(tmp) / "src", args.companies)
            db = Path(tmp) / "alliance.duckdb"
            assert build(source, db).ok
            overview, rss = browser_times(db)
            times = apptest_times(db)
        print(f"{shape}, {args.companies:,} companies: overview in the browser on a fresh server {overview:.2f} s; "
              f"server resident after all pages {rss:.0f} MB")
        print(f"{'page':<24} {'cold s':>7} {'warm s':>7}")
        for file, (cold, warm) in times.items():
            print(f"{file:<24} {cold:>7.2f} {warm:>7.2f}", flush=True)


if __name__ == "__main__":
    main()
