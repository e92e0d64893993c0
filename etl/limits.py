"""Bounds on reading source files, so that one file cannot take the server (or a build) down.

Rules (sized for member-city files, which hold hundreds to a few thousand rows):

- ``max_rows``: data rows per file (the header not counted), 200,000. Reading stops at the first row
  beyond it: a CSV is read with ``LIMIT max_rows + 1``, a sheet is streamed and left there; a sheet
  whose recorded used range (its ``<dimension>``) is larger is refused before it is read, and one
  whose rows (empty ones included) go on beyond 10 x (max_rows + 1) is left there.
- ``max_columns``: columns per file, 200 (the header's width; in a sheet also any row's that holds a
  value right of the header).
- ``max_cell_chars``: characters in one cell, 10,000 (headers, values, and every shared string of a
  workbook).
- ``max_xlsx_unpacked_bytes``: the sum of the uncompressed sizes of an XLSX's zip members, 200 MB,
  taken from the zip directory before anything is unpacked (a "zip bomb" is refused unread; Python's
  zipfile never unpacks more than a member's recorded size). A part that openpyxl parses whole (all
  but worksheets and shared strings: styles, workbook, relationships) may have a tenth of it.
- ``max_shared_strings``: entries of an XLSX's shared-string table, 1,000,000, counted by a streaming
  parse before openpyxl loads the table into memory.
- ``time_budget_s``: wall time for the whole check or build, 300 s (an upload check: 120 s). DuckDB
  queries are interrupted when it runs out; Python loops look at it between chunks and rows.

``None`` switches a bound off; ``Limits.none()`` switches all off (trusted callers: the bundled seed,
benchmarks). A bound that is hit stops the run with one ``LimitExceeded`` naming file, row, column
and the limit; nothing is written. Memory stays bounded by these numbers: sheets go to DuckDB in
chunks of rows, CSVs are parsed by DuckDB, encodings are detected and transcoded chunk by chunk.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace

import duckdb

from etl.messages import UsageError, location

ShouldStop = Callable[[], bool]


@dataclass(frozen=True)
class Limits:
    """Bounds on one run; see the module docstring for the rules. ``None`` = unbounded."""

    max_rows: int | None = 200_000
    max_columns: int | None = 200
    max_cell_chars: int | None = 10_000
    max_xlsx_unpacked_bytes: int | None = 200 * 2**20
    max_shared_strings: int | None = 1_000_000
    time_budget_s: float | None = 300.0

    @classmethod
    def none(cls) -> Limits:
        """No bounds at all (the bundled seed, benchmarks of 1,000,000 companies)."""
        return cls(**{f.name: None for f in fields(cls)})

    def replace(self, **changes: object) -> Limits:
        return replace(self, **changes)

    @property
    def header_chars(self) -> int | None:
        """The most characters a header line within the limits can have (delimiters and quotes included)."""
        if self.max_columns is None or self.max_cell_chars is None:
            return None
        return self.max_columns * (self.max_cell_chars + 3) + 2


UPLOAD_LIMITS = Limits(time_budget_s=120.0)
NO_LIMITS = Limits.none()

# Where each limit can be raised on the command line (python -m etl build|check).
CLI_FLAGS = {"max_rows": "--max-rows", "time_budget_s": "--time-budget"}


class LimitExceeded(UsageError):
    """A bound of ``Limits`` was hit: the run stops, nothing is written. ``row`` counts as a spreadsheet
    does (0 = the whole file), ``limit`` is the field name of ``Limits``."""

    label = "LIMIT EXCEEDED"

    def __init__(self, file: str, row: int, column: str, text: str, limit: str, value: float | None):
        self.file, self.row, self.column, self.text, self.limit, self.value = file, row, column, text, limit, value
        super().__init__(self.line())

    @property
    def limit_text(self) -> str:
        if self.limit.endswith("_bytes") and isinstance(self.value, int):
            shown = f"{self.value / 2**20:,.0f} MB"
        elif self.limit.endswith("_s") and isinstance(self.value, (int, float)):
            shown = f"{self.value:g} s"
        else:
            shown = f"{self.value:,}" if isinstance(self.value, int) else str(self.value)
        return f"limit {self.limit} = {shown}"

    def line(self) -> str:
        """One line: where, what, and the limit that was hit."""
        return f"{location(self.file, self.row, self.column, grouped=True)}: {self.text} ({self.limit_text})"


class Stopped(UsageError):
    """``should_stop()`` said so (the user's session ended): the check was abandoned."""

    label = "STOPPED"


class Guard:
    """The limits of one run and its clock. ``check()`` between chunks and rows raises ``Stopped`` or
    ``LimitExceeded``; ``watch(con)`` interrupts DuckDB when the time budget runs out. ``should_stop``
    is only ever called from the thread that runs the check."""

    def __init__(self, limits: Limits | None = None, should_stop: ShouldStop | None = None):
        self.limits = limits or NO_LIMITS
        self.should_stop = should_stop
        self.started = time.monotonic()
        budget = self.limits.time_budget_s
        self.deadline = None if budget is None else self.started + budget
        self.file = ""  # the file being read, named when the budget runs out

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline

    def time_exceeded(self) -> LimitExceeded:
        where = self.file or "the source"
        return LimitExceeded(where, 0, "", f"the check was stopped after {self.elapsed:.0f} s, its time budget",
                             "time_budget_s", self.limits.time_budget_s)

    def check(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Stopped(f"{self.file or 'the check'}: stopped on request; nothing was written")
        if self.expired:
            raise self.time_exceeded()

    @contextmanager
    def watch(self, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        """Run DuckDB queries under the time budget: a timer interrupts ``con`` at the deadline and the
        interrupt surfaces as ``LimitExceeded``."""
        if self.deadline is None:
            yield
            return
        timer = threading.Timer(max(0.0, self.deadline - time.monotonic()), con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield
        except duckdb.InterruptException as exc:
            if self.expired:
                raise self.time_exceeded() from exc
            raise
        finally:
            timer.cancel()

    # -- the bounds, each raising LimitExceeded -------------------------------------------------
    def rows(self, file: str, row: int, count: int) -> None:
        """``count`` data rows read so far; ``row`` is the spreadsheet row of the last one."""
        limit = self.limits.max_rows
        if limit is not None and count > limit:
            raise LimitExceeded(file, row, "", f"the file has more than {limit:,} data rows; reading stopped here",
                                "max_rows", limit)

    def columns(self, file: str, row: int, count: int, at_least: bool = False) -> None:
        limit = self.limits.max_columns
        if limit is not None and count > limit:
            many = f"at least {count:,}" if at_least else f"{count:,}"
            what = "the header row" if row == 1 else "the row"
            raise LimitExceeded(file, row, "", f"{what} has {many} columns; at most {limit:,} are read",
                                "max_columns", limit)

    def cell(self, file: str, row: int, column: str, length: int, at_least: bool = False) -> None:
        limit = self.limits.max_cell_chars
        if limit is not None and length > limit:
            many = f"at least {length:,}" if at_least else f"{length:,}"
            raise LimitExceeded(file, row, column, f"the value has {many} characters; a cell may hold at most "
                                f"{limit:,}", "max_cell_chars", limit)
