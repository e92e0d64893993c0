"""Find the files of a source folder and read each into a DuckDB staging table of text columns.

Why the reading is split between Python and DuckDB: DuckDB 2.0's CSV reader is fast but reads only
UTF-8, UTF-16 and Latin-1 and has no Excel reader offline (the `excel` extension would have to be
downloaded). So Python detects the encoding and delimiter from the bytes, transcodes Windows-1252
and GB18030 files to a temporary UTF-8 copy, and reads XLSX with openpyxl; DuckDB then does the
bulk parsing of every CSV. All values arrive as text; etl/validate.py converts and checks them.

Reading is bounded by etl/limits.py (rows, columns, cell length, XLSX unpacked size and shared
strings, time): a CSV is read by DuckDB with ``LIMIT max_rows + 1``, its header by Python in at most
``Limits.header_chars`` characters; a workbook's zip directory and shared strings are checked before
openpyxl opens it, its sheet is streamed (read-only mode) and handed to DuckDB in batches of rows.
Nothing is materialised beyond those bounds; the ``Guard`` is consulted between chunks and rows.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import re
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from xml.parsers import expat

import duckdb

from etl.contract import TABLES, Table
from etl.limits import Guard, LimitExceeded
from etl.messages import Message, UsageError, error, warning

log = logging.getLogger(__name__)

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CHUNK = 1 << 20
XLSX_BATCH_CELLS = 200_000  # cells of a sheet handed to DuckDB at once: memory stays bounded
GUARD_EVERY_ROWS = 1_000  # rows between two looks at the time budget and should_stop
MAX_ROW_ERRORS = 20  # per file, like etl/validate.py's MAX_SHOWN
# Column names the staging tables and views use themselves; a header naming one is renamed.
RESERVED_NAMES = {"_row", "_f", "_k", "_checked", "rowid"}
UTF16_SAMPLE = 4096
WHOLE_PART_SHARE = 10  # a workbook part openpyxl parses whole may unpack to 1/10 of max_xlsx_unpacked_bytes
EMPTY_ROWS_FACTOR = 10  # a sheet's rows (empty ones too) are followed up to 10 x (max_rows + 1)


def quote_ident(name: str) -> str:
    """A SQL identifier for any text (header names come from the file: never splice them raw)."""
    return '"' + name.replace('"', '""') + '"'


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


@dataclass
class SourceFile:
    """One file of the source folder, after reading: where its rows are and how they were written."""

    path: Path
    table: Table
    encoding: str = ""
    delimiter: str = ""
    sha256: str = ""
    staging: str = ""  # name of the DuckDB temp table holding the rows
    columns: dict[str, str] = field(default_factory=dict)  # contract name -> staging column
    extra_columns: list[str] = field(default_factory=list)
    rows: int = 0
    structurally_broken: bool = False
    has_blank_lines: bool = False
    mixed_line_endings: bool = False  # CRLF and LF in one file: read from a copy with LF only
    header_names: list[str] = field(default_factory=list)  # every column as read (etl/onepass.py)
    explicit_rows: bool = False  # the staging table has a _row column (XLSX, or a CSV with blank lines)
    reference_only: bool = False  # rows of data already served: they count for references and ids, unchecked

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def decimal_comma(self) -> bool:
        """German spreadsheets write 1.234,5 where the delimiter is a semicolon."""
        return self.delimiter == ";"


def table_for(filename: str) -> Table | None:
    """The table a file belongs to: its name starts with the table name (`companies_foshan.xlsx`)."""
    stem = filename.rsplit(".", 1)[0].lower()
    for table in sorted(TABLES, key=lambda t: -len(t.name)):
        if stem == table.name or re.match(rf"{re.escape(table.name)}[ _\-.]", stem):
            return table
    return None


def discover(folder: Path) -> tuple[list[SourceFile], list[Message]]:
    """All table files of ``folder`` in a stable order, and warnings for files that match no table."""
    if not folder.is_dir():
        raise UsageError(f"source folder {folder} does not exist or is not a folder")
    files: list[SourceFile] = []
    messages: list[Message] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.startswith(".") or path.is_dir():
            continue
        table = table_for(path.name)
        if table is None:
            messages.append(
                warning(path.name, 0, "", "file name matches no table ("
                        + ", ".join(t.name for t in TABLES) + "); file ignored")
            )
            continue
        if path.suffix.lower() not in CSV_SUFFIXES | XLSX_SUFFIXES:
            raise UsageError(f"{path.name}: unsupported file type {path.suffix!r}; expected .csv or .xlsx")
        files.append(SourceFile(path=path, table=table))
    order = {t.name: i for i, t in enumerate(TABLES)}
    files.sort(key=lambda f: (order[f.table.name], f.name))
    return files, messages


@dataclass(frozen=True)
class ByteScan:
    """What one pass over a file's bytes tells: its sha256, whether it has blank lines (which DuckDB
    skips but a spreadsheet counts) and whether it mixes CRLF and LF line endings (which DuckDB 2.0's
    CSV reader cannot read: "state machine reached an invalid state")."""

    sha256: str
    blank_lines: bool
    mixed_line_endings: bool


def scan_bytes(path: Path, guard: Guard | None = None) -> ByteScan:
    """One pass over ``path`` in chunks (memory stays bounded); see ``ByteScan``. A chunk without CR has
    bare LFs only, so a file with Unix line ends costs two byte searches per chunk beside the hash."""
    digest = hashlib.sha256()
    blank = crlf = bare_lf = False
    tail = b""  # the last two bytes of the previous chunk: a blank line or a CRLF may span two chunks
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            if guard is not None:
                guard.check()
            digest.update(chunk)
            seam = tail + chunk[:2]
            has_cr = b"\r" in chunk or b"\r" in tail
            if not blank:
                blank = any(b"\n\n" in part or (has_cr and b"\n\r\n" in part) for part in (chunk, seam))
            if not (crlf and bare_lf) and b"\n" in chunk:
                if not has_cr:
                    bare_lf = True
                else:
                    pairs = chunk.count(b"\r\n") + (tail.endswith(b"\r") and chunk.startswith(b"\n"))
                    crlf = crlf or pairs > 0
                    bare_lf = bare_lf or chunk.count(b"\n") > pairs
            tail = (tail + chunk[-2:])[-2:]
    return ByteScan(digest.hexdigest(), blank, crlf and bare_lf)


def sha256_of(path: Path, guard: Guard | None = None) -> tuple[str, bool]:
    """The file's sha256, and whether it has blank lines (which DuckDB skips but a spreadsheet counts)."""
    scanned = scan_bytes(path, guard)
    return scanned.sha256, scanned.blank_lines


def _bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces (UTF-32 before UTF-16: its little-endian BOM starts alike)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 without BOM, recognised by its zero bytes: mostly-ASCII text has one on every second
    position (odd positions: little-endian, even: big-endian). Needs a sample of 64 bytes or more."""
    if len(sample) < 64:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.4 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.4 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


def _is_utf8(path: Path, guard: Guard | None) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                if guard is not None:
                    guard.check()
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _gb18030_plausibility(path: Path, guard: Guard | None) -> float | None:
    """The share of plausible characters among the non-ASCII ones when read as GB18030 (chunk by chunk);
    None when the bytes are no GB18030 at all or hold no non-ASCII character."""
    decoder = codecs.getincrementaldecoder("gb18030")()
    counts: Counter[str] = Counter()
    with path.open("rb") as fh:
        try:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                if guard is not None:
                    guard.check()
                counts.update(re.sub(r"[\x00-\x7f]+", "", decoder.decode(chunk)))
            counts.update(re.sub(r"[\x00-\x7f]+", "", decoder.decode(b"", final=True)))
        except UnicodeDecodeError:
            return None
    total = sum(counts.values())
    if not total:
        return None
    return sum(n for ch, n in counts.items() if _plausible_in_gb18030(ch)) / total


def detect_encoding(path: Path, guard: Guard | None = None) -> str:
    """utf-8 (with or without BOM), utf-16/utf-32 (by BOM, or UTF-16 by its zero bytes), windows-1252
    or gb18030, decided from the whole file's bytes, read chunk by chunk (memory stays bounded).

    A file that is valid UTF-8 is UTF-8. Otherwise it is GB18030 if it decodes as GB18030 and at
    least 90 % of its non-ASCII characters are plausible: common Chinese (encodable in GB2312) or
    Latin letters and punctuation (which GB18030 writes as four-byte sequences). German text in
    Windows-1252 ("Müller") decodes as GB18030 only by accident and then yields rare ideographs.
    Everything else is read as Windows-1252.
    """
    with path.open("rb") as fh:
        sample = fh.read(UTF16_SAMPLE)
    by_bom = _bom_encoding(sample) or _utf16_without_bom(sample)
    if by_bom:
        return by_bom
    if _is_utf8(path, guard):
        return "utf-8"
    share = _gb18030_plausibility(path, guard)
    if share is not None and share >= 0.9:
        return "gb18030"
    return "windows-1252"


def _plausible_in_gb18030(ch: str) -> bool:
    if "\u00a0" <= ch <= "\u024f" or "\u2000" <= ch <= "\u206f" or ch == "\u20ac":
        return True  # Latin letters, general punctuation, euro sign
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def detect_delimiter(header_line: str) -> str:
    """The most frequent of comma, semicolon and tab in the header line (comma on a tie)."""
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _read_header(path: Path, name: str, guard: Guard) -> tuple[list[str], str]:
    """The header row of a UTF-8 file and its delimiter. With limits, at most ``header_chars``
    characters are read: a longer first line has too many columns or too long a name."""
    bound = guard.limits.header_chars
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        if bound is None:
            first_line = fh.readline()
            delimiter = detect_delimiter(first_line)
            fh.seek(0)
            try:
                header = next(csv.reader(fh, delimiter=delimiter), [])
            except csv.Error as exc:
                raise UsageError(f"{name}, row 1: the header cannot be read as CSV ({exc})") from exc
            return header, delimiter
        block = fh.read(bound)
        more = fh.read(1) != ""
    first_line = re.split(r"\r\n|\n|\r", block, maxsplit=1)[0]
    delimiter = detect_delimiter(first_line)
    try:
        header = next(csv.reader(io.StringIO(block), delimiter=delimiter), [])
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            guard.cell(name, 1, "", csv.field_size_limit() + 1, at_least=True)
        raise UsageError(f"{name}, row 1: the header cannot be read as CSV ({exc})") from exc
    if more and len(first_line) == len(block):  # the first line goes on beyond the bound
        guard.columns(name, 1, len(header), at_least=True)
        longest = max(range(len(header)), key=lambda i: len(header[i]), default=0)
        guard.cell(name, 1, _column_label(header, longest), len(header[longest]) if header else len(block),
                   at_least=True)
        raise LimitExceeded(name, 1, "", f"the header row is longer than {bound:,} characters", "max_columns",
                            guard.limits.max_columns)
    return header, delimiter


def _column_label(header: list[str], index: int) -> str:
    """How a message names a column: its header name when short, else its position."""
    name = header[index].strip() if index < len(header) else ""
    return name if name and len(name) <= 60 else str(index + 1)


def _check_header(name: str, header: list[str], guard: Guard) -> None:
    """The header's width and names against the limits; NUL characters mean an unrecognised UTF-16."""
    guard.columns(name, 1, len(header))
    for index, text in enumerate(header):
        guard.cell(name, 1, _column_label(header, index), len(text))
    if any("\x00" in text for text in header):
        raise UsageError(f"{name}: the header contains NUL characters: the file is not text in a supported encoding "
                         "(UTF-16 without byte-order mark?); save it as CSV UTF-8")


def normalise_header(
    source: SourceFile, header: list[str]
) -> tuple[list[str], list[Message]]:
    """Match header names case-insensitively, blanks ignored; report duplicates and unknown columns."""
    messages: list[Message] = []
    known = set(source.table.column_names)
    names: list[str] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(header):
        name = raw.strip().lower()
        if not name:
            name = f"_unnamed_{index + 1}"
        elif name in RESERVED_NAMES:
            name = f"{name}_{index + 1}"  # the staging tables' own columns; reported as unknown below
        if name in seen:
            messages.append(error(source.name, 1, raw.strip(), f"column appears twice (columns {seen[name] + 1} "
                                  f"and {index + 1}); each column must appear once"))
            source.structurally_broken = True  # which of the two is meant is unknowable: skip value checks
            name = f"{name}_{index + 1}"
        seen[name] = index
        names.append(name)
        if name in known:
            source.columns[name] = name
        elif not name.startswith("_unnamed_") or raw.strip():
            source.extra_columns.append(raw.strip())
    for extra in source.extra_columns:
        messages.append(warning(source.name, 1, extra, f"unknown column, not part of the {source.table.name} "
                                "contract; kept in the file but not loaded"))
    return names, messages


TRANSCODED = ("windows-1252", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32")
REJECT_HINTS = {
    "TOO MANY COLUMNS": "the row has more values than the header has columns (a delimiter inside an unquoted value?)",
    "MISSING COLUMNS": "the row has fewer values than the header has columns",
    "UNQUOTED VALUE": "a quote character inside an unquoted value; quote the value and double the quotes",
    "INVALID ENCODING": "the row is not valid text in the file's encoding",
    "LINE SIZE OVER MAXIMUM": "the row is longer than 2,000,000 bytes, the most a CSV row may have (a quote "
    "that is never closed?)",
    "UNTERMINATED QUOTE": "a quoted value is never closed; close the quote or double the quotes inside it",
}


def _transcode(source: SourceFile, target: Path, guard: Guard, unify_line_endings: bool = False) -> None:
    """A UTF-8 copy of a file in another encoding, written chunk by chunk; ``unify_line_endings``
    writes every line end (CRLF, LF, CR) as LF, also inside quoted values."""
    encoding = "utf-8-sig" if source.encoding == "utf-8" else source.encoding
    with source.path.open("r", encoding=encoding, newline=None if unify_line_endings else "") as src, target.open(
        "w", encoding="utf-8", newline=""
    ) as dst:
        for chunk in iter(lambda: src.read(CHUNK), ""):
            guard.check()
            dst.write(chunk)


def readable_utf8(source: SourceFile, index: int, workdir: Path, guard: Guard) -> Path:
    """The path DuckDB reads for ``source`` (its ``encoding`` set): the file itself when it is UTF-8 with
    one kind of line end, else a UTF-8 copy in ``workdir`` with LF line ends where they were mixed."""
    if source.encoding not in TRANSCODED and not source.mixed_line_endings:
        return source.path
    readable = workdir / f"{index}_{source.path.stem}.utf8.csv"
    _transcode(source, readable, guard, unify_line_endings=source.mixed_line_endings)
    if source.encoding.startswith(("utf-16", "utf-32")):  # their line ends show only once transcoded
        scanned = scan_bytes(readable, guard)
        source.has_blank_lines = scanned.blank_lines
        if scanned.mixed_line_endings:
            source.mixed_line_endings = True
            _transcode(source, readable, guard, unify_line_endings=True)
    if source.mixed_line_endings:
        log.info("%s mixes CRLF and LF line endings; read from a copy with LF only", source.name)
    return readable


def read_csv_file(con: duckdb.DuckDBPyConnection, source: SourceFile, index: int, workdir: Path,
                  guard: Guard | None = None) -> list[Message]:
    """Read one CSV into temp table ``stg_<table>_<index>`` (all text), preserving row order. At most
    ``max_rows + 1`` records are read; one more than ``max_rows`` stops the run (LimitExceeded)."""
    guard = guard or Guard()
    source.encoding = detect_encoding(source.path, guard)
    readable = readable_utf8(source, index, workdir, guard)
    header, source.delimiter = _read_header(readable, source.name, guard)
    if not any(h.strip() for h in header):
        return [error(source.name, 1, "", "the file is empty or has no header row; expected column names in row 1")]
    _check_header(source.name, header, guard)
    names, messages = normalise_header(source, header)
    source.staging = f"stg_{source.table.name}_{index}"
    columns = {name: "VARCHAR" for name in names}
    rejects = f"rejects_{index}"
    max_rows = guard.limits.max_rows
    limit = "" if max_rows is None else f" LIMIT {int(max_rows) + 1}"
    con.execute(
        f"CREATE TEMP TABLE {source.staging} AS SELECT * FROM read_csv(?, header = true, auto_detect = false, "
        f"delim = ?, quote = '\"', escape = '\"', columns = ?, encoding = 'utf-8', "
        f"store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{rejects}_scan'){limit}",
        [str(readable), source.delimiter, columns],
    )
    read = con.execute(f"SELECT count(*) FROM {source.staging}").fetchall()[0][0]
    guard.rows(source.name, read + 1, read)
    rejected = con.execute(
        f"SELECT line, column_name, error_type, error_message FROM {rejects} ORDER BY line"
    ).fetchall()
    for line, column_name, error_type, message in rejected:
        source.structurally_broken = True
        messages.append(error(source.name, int(line), column_name or "", REJECT_HINTS.get(error_type, message)))
    if rejected:
        messages.append(error(source.name, 0, "", "the file's structure is broken (see the rows above); "
                              "value checks of this file are skipped until it is fixed"))
    # A row of empty cells (",,,," as spreadsheets export it) is no record; rowid keeps the others' positions.
    not_empty = " OR ".join(f"nullif(trim({quote_ident(n)}), '') IS NOT NULL" for n in names)
    con.execute(f"DELETE FROM {source.staging} WHERE NOT ({not_empty})")
    if source.has_blank_lines and not rejected:
        _number_rows_like_a_spreadsheet(con, source, readable, guard)
    _check_cell_lengths(con, source, names, header, guard)
    source.rows = con.execute(f"SELECT count(*) FROM {source.staging}").fetchall()[0][0]
    return messages


def _check_cell_lengths(con: duckdb.DuckDBPyConnection, source: SourceFile, names: list[str], header: list[str],
                        guard: Guard) -> None:
    """The first cell (by row) longer than ``max_cell_chars`` stops the run, naming row and column."""
    limit = guard.limits.max_cell_chars
    if limit is None or not names:
        return
    lengths = ", ".join(f"length({quote_ident(n)})" for n in names)
    found = con.execute(
        f"SELECT {row_number_sql(source)} AS r, [{lengths}] FROM {source.staging} WHERE greatest({lengths}) > ? "
        "ORDER BY r LIMIT 1", [limit]).fetchall()
    if found:
        row, per_column = found[0]
        column = next(i for i, n in enumerate(per_column) if n is not None and n > limit)
        guard.cell(source.name, row, _column_label(header, column), per_column[column])


def _number_rows_like_a_spreadsheet(con: duckdb.DuckDBPyConnection, source: SourceFile, readable: Path,
                                    guard: Guard) -> None:
    """Give each record the row a spreadsheet shows when the file has blank lines: DuckDB skips
    them, a spreadsheet counts them. Python's csv reader yields one item per spreadsheet row (a blank
    line as []), so its positions are the rows. Only files with blank lines pay for this pass; it
    keeps one integer per record (at most max_rows + 1 of them were read)."""
    import pyarrow as pa  # imported here: only files with blank lines and spreadsheets need it

    rows: list[int] = []
    position = 1
    with readable.open("r", encoding="utf-8-sig", newline="") as fh:
        try:
            for position, record in enumerate(csv.reader(fh, delimiter=source.delimiter), start=1):
                if position % (10 * GUARD_EVERY_ROWS) == 0:
                    guard.check()
                if position > 1 and record:
                    rows.append(position)
        except csv.Error as exc:  # a value longer than the csv module's own bound (131,072 characters)
            guard.cell(source.name, position + 1, "", csv.field_size_limit() + 1, at_least=True)
            raise UsageError(f"{source.name}, row {position + 1}: cannot be read as CSV ({exc})") from exc
    con.register("_row_map", pa.table({"k": pa.array(range(len(rows)), pa.int64()), "r": pa.array(rows, pa.int64())}))
    con.execute(f"CREATE TEMP TABLE {source.staging}_rows AS SELECT s.*, m.r AS _row FROM "
                f"(SELECT rowid AS _k, * FROM {source.staging}) AS s JOIN _row_map AS m ON m.k = s._k ORDER BY s._k")
    con.unregister("_row_map")
    con.execute(f"DROP TABLE {source.staging}")
    source.staging = f"{source.staging}_rows"
    source.explicit_rows = True


def _cell_text(cell) -> str | None:
    """The text a spreadsheet shows for a cell, so that codes like 29.10 or 01 survive as written."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        fmt = getattr(cell, "number_format", "General") or "General"
        decimals = re.fullmatch(r"0+\.(0+)", fmt)
        if decimals:
            return f"{value:.{len(decimals.group(1))}f}"
        padded = re.fullmatch(r"0+", fmt)
        if padded and float(value).is_integer():
            return str(int(value)).zfill(len(fmt))
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return text if text != "" else None


def _check_workbook_archive(source: SourceFile, guard: Guard) -> None:
    """Before openpyxl unpacks anything: the zip directory's total unpacked size, then the shared
    strings, counted by a streaming parse (openpyxl would load them all into memory at once)."""
    try:
        archive = zipfile.ZipFile(source.path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UsageError(f"{source.name}: cannot be opened as an XLSX workbook ({type(exc).__name__}: "
                         f"{_first_line(exc)})") from exc
    with archive:
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        limit = guard.limits.max_xlsx_unpacked_bytes
        if limit is not None and unpacked > limit:
            raise LimitExceeded(source.name, 0, "", f"the workbook unpacks to {unpacked / 2**20:,.0f} MB; it was "
                                "not opened", "max_xlsx_unpacked_bytes", limit)
        # openpyxl parses every part but worksheets and shared strings whole, as a tree: those stay small.
        whole = None if limit is None else limit // WHOLE_PART_SHARE
        for info in infos:
            streamed = "/worksheets/" in info.filename.lower() or info.filename.lower().endswith("sharedstrings.xml")
            if whole is not None and info.filename.lower().endswith((".xml", ".rels")) and not streamed \
                    and info.file_size > whole:
                raise LimitExceeded(source.name, 0, "", f"the workbook part {info.filename} unpacks to "
                                    f"{info.file_size / 2**20:,.0f} MB, more than a tenth of the limit; it was not "
                                    "opened", "max_xlsx_unpacked_bytes", limit)
        for info in infos:
            if info.filename.lower().endswith("sharedstrings.xml"):
                _scan_shared_strings(archive, info, source.name, guard)


def _scan_shared_strings(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, guard: Guard) -> None:
    """Count the shared strings (``<si>``) and their lengths with expat, chunk by chunk, stopping at the
    first one beyond the limits. A DTD (never in a workbook) is refused: no entity expansion."""
    max_count, max_chars = guard.limits.max_shared_strings, guard.limits.max_cell_chars
    if max_count is None and max_chars is None:
        return
    state = {"count": 0, "chars": 0, "in_text": 0}

    def local(tag: str) -> str:
        return tag.rsplit(" ", 1)[-1]

    def start(tag: str, attrs: dict) -> None:
        kind = local(tag)
        if kind == "si":
            state["count"] += 1
            state["chars"] = 0
            if max_count is not None and state["count"] > max_count:
                raise LimitExceeded(name, 0, "", f"the workbook has more than {max_count:,} shared strings (texts); "
                                    "it was not opened", "max_shared_strings", max_count)
        elif kind == "t":
            state["in_text"] += 1

    def end(tag: str) -> None:
        if local(tag) == "t":
            state["in_text"] -= 1

    def text(data: str) -> None:
        if state["in_text"]:
            state["chars"] += len(data)
            if max_chars is not None and state["chars"] > max_chars:
                raise LimitExceeded(name, 0, "", f"shared string {state['count']:,} of the workbook has more than "
                                    f"{max_chars:,} characters; a cell may hold at most {max_chars:,}",
                                    "max_cell_chars", max_chars)

    def doctype(*args: object) -> None:
        raise UsageError(f"{name}: cannot be opened as an XLSX workbook (its shared strings declare a DTD)")

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = doctype
    try:
        with archive.open(info) as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                guard.check()
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError) as exc:
        raise UsageError(f"{name}: cannot be opened as an XLSX workbook (shared strings: {_first_line(exc)})") from exc


class _DimensionFound(Exception):
    def __init__(self, ref: str | None):
        self.ref = ref


def _dimension_before_data(stream) -> tuple[int, int, int, int] | None:
    """The ``<dimension ref>`` of a worksheet as (min_col, min_row, max_col, max_row), looked for only
    before ``<sheetData>`` begins (where the schema puts it); None when there is none."""
    from openpyxl.utils.cell import range_boundaries

    def start(tag: str, attrs: dict) -> None:
        kind = tag.rsplit(" ", 1)[-1]
        if kind == "dimension":
            raise _DimensionFound(attrs.get("ref"))
        if kind == "sheetData":
            raise _DimensionFound(None)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = start
    try:
        for chunk in iter(lambda: stream.read(1 << 16), b""):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _DimensionFound as found:
        if found.ref:
            try:
                return range_boundaries(found.ref)
            except (ValueError, TypeError):
                return None
    return None


def _bounded_get_size(self) -> None:
    """Replaces openpyxl 3.1's ``ReadOnlyWorksheet._get_size``: openpyxl looks for ``<dimension>`` with
    end events and, in a sheet without one, so parses the whole sheet (keeping an element per row)
    before the first row is read. This stops at the start of ``<sheetData>``; the result is the same."""
    with self._get_source() as src:
        bounds = _dimension_before_data(src)
    if bounds is not None and all(bounds):
        self._min_column, self._min_row, self._max_column, self._max_row = bounds


def _patch_openpyxl() -> None:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if ReadOnlyWorksheet._get_size is not _bounded_get_size:
        ReadOnlyWorksheet._get_size = _bounded_get_size


def read_xlsx_file(con: duckdb.DuckDBPyConnection, source: SourceFile, index: int,
                   guard: Guard | None = None) -> list[Message]:
    """Read the sheet named after the table (else the first sheet) into a temp table of text.

    The zip directory and the shared strings are checked first; then a sheet whose recorded used range
    (``<dimension>``) exceeds the limits is refused unread. The sheet is streamed without trusting that
    range (openpyxl would otherwise stop at a range recorded too small, or pad to one too large) and
    goes to DuckDB in batches of about XLSX_BATCH_CELLS cells. Reading stops at the first row beyond
    ``max_rows`` that holds a value, or wider than ``max_columns`` with a value right of the header."""
    import openpyxl  # imported here: only needed for spreadsheets

    guard = guard or Guard()
    _check_workbook_archive(source, guard)
    _patch_openpyxl()
    try:
        book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    except Exception as exc:  # corrupt zip, not a workbook, encrypted ...
        raise UsageError(f"{source.name}: cannot be opened as an XLSX workbook ({type(exc).__name__}: "
                         f"{_first_line(exc)})") from exc
    source.encoding = "xlsx"
    try:
        return _read_sheet(con, source, index, book, guard)
    except (UsageError, duckdb.Error):
        raise
    except Exception as exc:  # openpyxl while streaming: a damaged member, bad XML ...
        raise UsageError(f"{source.name}: cannot be read as an XLSX workbook ({type(exc).__name__}: "
                         f"{_first_line(exc)})") from exc
    finally:
        book.close()


def _read_sheet(con: duckdb.DuckDBPyConnection, source: SourceFile, index: int, book, guard: Guard) -> list[Message]:
    import pyarrow as pa

    sheets = {sheet.title.lower(): sheet for sheet in book.worksheets}
    if not sheets:
        return [error(source.name, 0, "", "the workbook has no worksheet; expected the table in a sheet")]
    sheet = sheets.get(source.table.name, book.worksheets[0])
    limits = guard.limits
    if sheet.max_row is not None and sheet.max_column is not None:  # the recorded used range
        used = f"{sheet.title}!A1:{_column_letter(sheet.max_column)}{sheet.max_row}"
        if limits.max_rows is not None and sheet.max_row - 1 > limits.max_rows:
            raise LimitExceeded(source.name, 0, "", f"the sheet's used range {used} has {sheet.max_row - 1:,} data "
                                "rows; it was not read", "max_rows", limits.max_rows)
        if limits.max_columns is not None and sheet.max_column > limits.max_columns:
            raise LimitExceeded(source.name, 0, "", f"the sheet's used range {used} has {sheet.max_column:,} "
                                "columns; it was not read", "max_columns", limits.max_columns)
    sheet.reset_dimensions()
    # Each row comes as wide as its last cell; a value right of the header beyond max_columns stops the run.
    rows = sheet.iter_rows(min_row=1)
    header = [(_cell_text(c) or "") for c in next(rows, ())]
    while header and not header[-1].strip():
        header.pop()  # empty cells right of the last column name
    if not any(h.strip() for h in header):
        return [error(source.name, 1, "", "the sheet is empty or has no header row; expected column names in row 1")]
    guard.columns(source.name, 1, len(header))
    for i, text in enumerate(header):
        guard.cell(source.name, 1, _column_label(header, i), len(text))
    names, messages = normalise_header(source, header)
    source.staging = f"stg_{source.table.name}_{index}"
    columns = ", ".join(f"{quote_ident(n)} VARCHAR" for n in names)
    con.execute(f"CREATE TEMP TABLE {source.staging} (_row BIGINT, {columns})")
    batch_rows = max(1, XLSX_BATCH_CELLS // len(names))
    values: list[list[str | None]] = [[] for _ in names]
    row_numbers: list[int] = []

    def flush() -> None:
        if not row_numbers:
            return
        arrow = pa.table({"_row": pa.array(row_numbers, pa.int64()),
                          **{f"c{i}": pa.array(v, pa.string()) for i, v in enumerate(values)}})
        con.register("_xlsx_rows", arrow)
        con.execute(f"INSERT INTO {source.staging} SELECT * FROM _xlsx_rows")
        con.unregister("_xlsx_rows")
        row_numbers.clear()
        for column in values:
            column.clear()

    count = beyond = 0
    max_chars = limits.max_cell_chars
    last_row = None if limits.max_rows is None else EMPTY_ROWS_FACTOR * (limits.max_rows + 1)
    for row_number, cells in enumerate(rows, start=2):
        if row_number % GUARD_EVERY_ROWS == 0:
            guard.check()
            if last_row is not None and row_number > last_row:  # openpyxl yields every row up to the next one
                raise LimitExceeded(source.name, row_number, "", f"the sheet goes on beyond row {last_row:,} (empty "
                                    "rows included); reading stopped here", "max_rows", limits.max_rows)
        texts = [_cell_text(c) for c in cells]
        if not any(t is not None and t.strip() for t in texts):
            continue  # blank rows between data are not records
        count += 1
        guard.rows(source.name, row_number, count)
        if len(texts) > len(names) and any(t is not None for t in texts[len(names):]):
            guard.columns(source.name, row_number, max(i for i, t in enumerate(texts) if t is not None) + 1)
            beyond += 1
            if beyond <= MAX_ROW_ERRORS:
                messages.append(error(source.name, row_number, "", "the row has values right of the last named "
                                      "column; give the column a name or delete the values"))
        for i in range(len(names)):
            text = texts[i] if i < len(texts) else None
            if max_chars is not None and text is not None and len(text) > max_chars:
                guard.cell(source.name, row_number, names[i], len(text))
            values[i].append(text)
        row_numbers.append(row_number)
        if len(row_numbers) >= batch_rows:
            flush()
    flush()
    if beyond > MAX_ROW_ERRORS:
        messages.append(error(source.name, 0, "", f"... and {beyond - MAX_ROW_ERRORS} more rows with values right of "
                              "the last named column", summary=True))
    source.rows = count
    source.delimiter = ""
    source.explicit_rows = True
    return messages


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def read_all(con: duckdb.DuckDBPyConnection, files: list[SourceFile], guard: Guard | None = None) -> list[Message]:
    """Read every file into staging (files already staged, such as served rows, are skipped); the
    temporary UTF-8 copies vanish when this returns. Raises UsageError, LimitExceeded, Stopped."""
    guard = guard or Guard()
    messages: list[Message] = []
    with tempfile.TemporaryDirectory(prefix="alliance-etl-") as tmp:
        for index, source in enumerate(files):
            if source.staging:
                continue
            guard.file = source.name
            guard.check()
            started = time.monotonic()
            try:
                scanned = scan_bytes(source.path, guard)
                source.sha256, source.has_blank_lines = scanned.sha256, scanned.blank_lines
                source.mixed_line_endings = scanned.mixed_line_endings
                if source.path.suffix.lower() in XLSX_SUFFIXES:
                    messages += read_xlsx_file(con, source, index, guard)
                else:
                    messages += read_csv_file(con, source, index, Path(tmp), guard)
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(f"{source.name}: cannot be read ({exc})") from exc
            except duckdb.Error as exc:
                if guard.expired:
                    raise guard.time_exceeded() from exc
                if isinstance(exc, duckdb.InterruptException):
                    raise
                messages.append(error(source.name, 0, "", f"cannot be parsed as CSV: {_first_line(exc)}"))
                source.structurally_broken = True
                source.staging = ""  # its staging table may not exist: validation must not read it
            log.debug("read %s: %s rows (%s) in %.2f s", source.name, source.rows, source.encoding or "?",
                      time.monotonic() - started)
        guard.file = ""
    return messages


def row_number_sql(source: SourceFile) -> str:
    """SQL for a staging row's spreadsheet row number (header = row 1)."""
    return "_row" if source.explicit_rows else "(rowid + 2)"


