"""Errors and warnings of a load, each naming file, row and column."""

from __future__ import annotations

from dataclasses import dataclass


class UsageError(Exception):
    """The source cannot be read at all (missing folder, unreadable file): exit code 2. ``label`` starts
    the one line the command line prints for it."""

    label = "USAGE ERROR"


class BuildFault(UsageError):
    """The database cannot be written (read-only folder, full disk, a target that is no database of
    ours, another build holding the lock too long): exit code 2, the previous database is unchanged."""

    label = "BUILD FAILED"


@dataclass(frozen=True, order=True)
class Message:
    """One finding. ``row`` counts as a spreadsheet does: the header is row 1; 0 = whole file."""

    file: str
    row: int
    column: str
    text: str
    level: str = "error"  # "error" or "warning"
    summary: bool = False  # "... and N more rows": listed after the rows it summarises

    def sort_key(self) -> tuple:
        """Errors before warnings, by file, then row (file-level lines first, summaries last)."""
        return (self.level != "error", self.file, self.summary, self.row, self.column)

    def line(self) -> str:
        return f"{self.level.upper()}: {location(self.file, self.row, self.column)}: {self.text}"


def error(file: str, row: int, column: str, text: str, summary: bool = False) -> Message:
    return Message(file, row, column, text, "error", summary)


def warning(file: str, row: int, column: str, text: str, summary: bool = False) -> Message:
    return Message(file, row, column, text, "warning", summary)


def location(file: str, row: int = 0, column: str = "", grouped: bool = False) -> str:
    """'companies.csv, row 14, column employees': where a message points, rows counted as a spreadsheet
    does (``grouped``: 'row 200,002', for the large row numbers of a limit)."""
    where = file
    if row:
        where += f", row {row:,}" if grouped else f", row {row}"
    if column:
        where += f", column {column}"
    return where
