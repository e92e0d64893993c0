"""Benchmark: the committee briefing (deck and handout) for the bundled data, cold and warm.

    python -m benchmarks.bench_briefing [--out DIR]

Target (issue 6): under 10 s. With --out, the files are kept for a look (LibreOffice / pdftoppm).
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from datetime import date
from pathlib import Path

from alliance import briefing
from alliance.db import connect
from etl.build import build
from etl.contract.paths import SEED_DIR


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory(prefix="alliance-bench-") as tmp:
        db = Path(tmp) / "alliance.duckdb"
        assert build(SEED_DIR, db).ok
        con = connect(db)
        request = briefing.Briefing(meeting=date.today())
        times = []
        for _ in range(2):
            start = time.perf_counter()
            deck, handout, content = briefing.build_briefing(con, request)
            times.append(time.perf_counter() - start)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "briefing.pptx").write_bytes(deck)
            (args.out / "briefing.pdf").write_bytes(handout)
    print(f"briefing for the bundled data: {len(content.slides) + 1} slides, deck {len(deck) / 1e3:.0f} kB, "
          f"handout {len(handout) / 1e3:.0f} kB; cold {times[0]:.1f} s, warm {times[1]:.1f} s")


if __name__ == "__main__":
    main()
