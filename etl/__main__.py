"""Command line: ``python -m etl build|check``. Exit 0 = loaded (warnings printed), 1 = data errors,
2 = usage error (missing folder, unreadable file, a limit hit, the database cannot be written), each
told in one line, never a traceback. Reading is bounded by ``Limits()`` (etl/limits.py) unless
``--no-limits``; ``--max-rows`` and ``--time-budget`` raise single bounds. Logging goes to stderr at
WARNING (``--verbose``: everything, with tracebacks of unexpected failures)."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

from etl.build import BuildResult, build, check
from etl.contract.paths import SEED_DIR, database_path
from etl.limits import CLI_FLAGS, LimitExceeded, Limits
from etl.lock import build_lock
from etl.messages import UsageError

log = logging.getLogger("etl")


class TextProgress:
    """A one-line progress bar on stderr, shown only on a terminal (a log file gets no carriage returns)
    and only once a load takes more than a moment."""

    def __init__(self, delay: float = 1.0, enabled: bool | None = None):
        self.start = time.perf_counter()
        self.delay = delay
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.shown = False
        self.open = False

    def __call__(self, fraction: float, label: str) -> None:
        if not self.enabled or (time.perf_counter() - self.start < self.delay and fraction < 1.0):
            return
        if fraction >= 1.0 and not self.shown:
            return
        self.shown = True
        width = 30
        filled = int(width * fraction)
        end = "\n" if fraction >= 1.0 else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {fraction:4.0%} {label:<36}{end}")
        sys.stderr.flush()
        self.open = fraction < 1.0

    def end_line(self) -> None:
        """Ends a bar left open by a failure, so the message that follows starts a line of its own."""
        if self.open:
            sys.stderr.write("\n")
            self.open = False


SAME_WARNING_SHOWN = 10


def _report(result: BuildResult) -> None:
    """Errors in full (validation caps them per check); a warning repeated for many rows is shown
    SAME_WARNING_SHOWN times and then counted. All warnings are kept in etl_runs."""
    seen: dict[tuple[str, str, str], int] = {}
    for message in sorted(result.messages, key=lambda m: m.sort_key()):
        key = (message.file, message.column, message.text)
        seen[key] = seen.get(key, 0) + 1
        if message.level == "error" or seen[key] <= SAME_WARNING_SHOWN:
            print(message.line(), file=sys.stderr)
    for (file, column, text), count in seen.items():
        if count > SAME_WARNING_SHOWN:
            print(f"WARNING: {file}, column {column}: ... and {count - SAME_WARNING_SHOWN} more rows: {text}",
                  file=sys.stderr)


def _limit_options(parser: argparse.ArgumentParser) -> None:
    defaults = Limits()
    parser.add_argument("--max-rows", type=int, default=None, metavar="N",
                        help=f"data rows per file (default {defaults.max_rows:,})")
    parser.add_argument("--time-budget", type=float, default=None, metavar="SECONDS",
                        help=f"stop after this long (default {defaults.time_budget_s:g} s; 0 = no budget)")
    parser.add_argument("--no-limits", action="store_true",
                        help="no bounds on rows, columns, cell length, XLSX size or time (trusted big loads)")
    parser.add_argument("--verbose", "-v", action="store_true", help="log every step to stderr")


def limits_from(args: argparse.Namespace) -> Limits:
    """Limits() unless --no-limits; --max-rows and --time-budget override single bounds."""
    limits = Limits.none() if args.no_limits else Limits()
    if args.max_rows is not None:
        limits = limits.replace(max_rows=args.max_rows)
    if args.time_budget is not None:
        limits = limits.replace(time_budget_s=args.time_budget or None)
    return limits


def _configure_logging(verbose: bool) -> None:
    """stderr, WARNING by default; a no-op when the embedding program (or pytest) configured logging."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, stream=sys.stderr,
                        format="%(name)s: %(levelname)s: %(message)s")


def _failure_line(exc: UsageError) -> str:
    line = f"{exc.label}: {exc}"
    if isinstance(exc, LimitExceeded):
        flag = CLI_FLAGS.get(exc.limit)
        line += f"; raise it with {flag} or lift all limits with --no-limits" if flag else \
            "; lift the limits with --no-limits"
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="validate the source folder, then load it into the database")
    p_build.add_argument("--source", default=str(SEED_DIR), help="source folder (default: data/seed)")
    p_build.add_argument("--db", default=None, help="database file (default: $ALLIANCE_DB or data/alliance.duckdb)")
    p_build.add_argument("--force", action="store_true",
                         help="replace the database file even if it is not a database of this ETL")
    _limit_options(p_build)
    p_check = sub.add_parser("check", help="validate the source folder only; nothing is written")
    p_check.add_argument("--source", default=str(SEED_DIR), help="source folder (default: data/seed)")
    _limit_options(p_check)
    p_samples = sub.add_parser("samples", help="(re)generate the flagged sample companies and projects")
    p_samples.add_argument("--source", default=str(SEED_DIR), help="folder with cities.csv (default: data/seed)")
    p_samples.add_argument("--out", default=str(SEED_DIR), help="where to write the sample files")
    p_samples.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args(argv)

    if args.command == "samples":
        from etl.samples import generate

        companies, projects = generate(Path(args.source), Path(args.out), args.seed)
        print(f"wrote {companies} sample companies and {projects} sample projects to {args.out}")
        return 0
    _configure_logging(args.verbose)
    source = Path(args.source)
    started = time.perf_counter()
    limits = limits_from(args)
    progress = TextProgress()
    try:
        if args.command == "build":
            db = database_path(args.db)

            def waiting() -> None:
                print(f"waiting for another build of {db} to finish ...", file=sys.stderr, flush=True)

            with build_lock(db, on_wait=waiting):
                result = build(source, db, progress, limits=limits, lock_held=True, force=args.force)
        else:
            result = check(source, progress, limits=limits)
    except UsageError as exc:
        progress.end_line()
        print(_failure_line(exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        progress.end_line()
        print("INTERRUPTED: nothing was written; the previous database is unchanged", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: one line here, the traceback with --verbose
        progress.end_line()
        log.debug("unexpected failure", exc_info=True)
        first = (str(exc).strip().splitlines() or [""])[0]
        print(f"INTERNAL ERROR: {type(exc).__name__}: {first}; nothing was written (--verbose shows the "
              "traceback)", file=sys.stderr)
        return 2
    progress.end_line()
    _report(result)
    seconds = time.perf_counter() - started
    if not result.ok:
        print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s); nothing was written "
              f"({seconds:.1f} s).", file=sys.stderr)
        return 1
    counts = ", ".join(f"{table} {n:,}" for table, n in result.row_counts.items())
    verb = f"loaded into {database_path(args.db)}" if args.command == "build" else "checked, nothing written"
    print(f"OK: {verb}: {counts}; {len(result.warnings)} warning(s) ({seconds:.1f} s).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
