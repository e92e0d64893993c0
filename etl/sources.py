"""Find the files of a source folder and read each into a DuckDB staging table of text columns.

Why the reading is split between Python and DuckDB: DuckDB 2.0's CSV reader is fast but reads only
UTF-8, UTF-16 and Latin-1 and has no Excel reader offline (the `excel` extension would have to be
downloaded). So Python detects the encoding and delimiter from the bytes, transcodes Windows-1252
and GB18030 files to a temporary UTF-8 copy, and reads XLSX with openpyxl; DuckDB then does the
bulk parsing of every CSV. All values arrive as text; etl/validate.py converts and checks them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

from etl.contract import TABLES, Table
from etl.messages import Message, UsageError, error, warning

CSV_SUFFIXES = {".csv", ".tsv", ".txt"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CHUNK = 1 << 20


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
    explicit_rows: bool = False  # the staging table has a _row column (XLSX, or a CSV with blank lines)

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
                warning(path.name, 0, "", "file name matches no table (cities, companies, projects, "
                        "memberships, quality_notes); file ignored")
            )
            continue
        if path.suffix.lower() not in CSV_SUFFIXES | XLSX_SUFFIXES:
            raise UsageError(f"{path.name}: unsupported file type {path.suffix!r}; expected .csv or .xlsx")
        files.append(SourceFile(path=path, table=table))
    order = {t.name: i for i, t in enumerate(TABLES)}
    files.sort(key=lambda f: (order[f.table.name], f.name))
    return files, messages


def sha256_of(path: Path) -> tuple[str, bool]:
    """The file's sha256, and whether it has blank lines (which DuckDB skips but a spreadsheet counts)."""
    digest = hashlib.sha256()
    blank = False
    tail = b""
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
            if not blank:
                window = tail + chunk
                blank = b"\n\n" in window or b"\n\r\n" in window
                tail = chunk[-2:]
    return digest.hexdigest(), blank


def detect_encoding(path: Path) -> str:
    """utf-8 (with or without BOM), windows-1252 or gb18030, decided from the whole file's bytes.

    A file that is valid UTF-8 is UTF-8. Otherwise it is GB18030 if it decodes as GB18030 and at
    least 90 % of its non-ASCII characters are plausible: common Chinese (encodable in GB2312) or
    Latin letters and punctuation (which GB18030 writes as four-byte sequences). German text in
    Windows-1252 ("Müller") decodes as GB18030 only by accident and then yields rare ideographs.
    Everything else is read as Windows-1252.
    """
    with path.open("rb") as fh:
        head = fh.read(3)
        if head == codecs.BOM_UTF8:
            return "utf-8-sig"
        fh.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    raw = path.read_bytes()
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return "windows-1252"
    non_ascii = [ch for ch in text if ord(ch) > 127]
    common = sum(1 for ch in non_ascii if _plausible_in_gb18030(ch))
    if non_ascii and common / len(non_ascii) >= 0.9:
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


def _read_header(path: Path, encoding: str) -> tuple[list[str], str]:
    with path.open("r", encoding=encoding, newline="") as fh:
        first_line = fh.readline()
        delimiter = detect_delimiter(first_line)
        fh.seek(0)
        header = next(csv.reader(fh, delimiter=delimiter), [])
    return header, delimiter


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


def read_csv_file(con: duckdb.DuckDBPyConnection, source: SourceFile, index: int, workdir: Path) -> list[Message]:
    """Read one CSV into temp table ``stg_<table>_<index>`` (all text), preserving row order."""
    source.encoding = detect_encoding(source.path)
    readable = source.path
    if source.encoding in ("windows-1252", "gb18030"):
        readable = workdir / f"{index}_{source.path.stem}.utf8.csv"
        with source.path.open("r", encoding=source.encoding, newline="") as src, readable.open(
            "w", encoding="utf-8", newline=""
        ) as dst:
            for chunk in iter(lambda: src.read(CHUNK), ""):
                dst.write(chunk)
    header, source.delimiter = _read_header(readable, "utf-8-sig")
    if not any(h.strip() for h in header):
        return [error(source.name, 1, "", "the file is empty or has no header row; expected column names in row 1")]
    names, messages = normalise_header(source, header)
    source.staging = f"stg_{source.table.name}_{index}"
    columns = {name: "VARCHAR" for name in names}
    rejects = f"rejects_{index}"
    con.execute(
        f"CREATE TEMP TABLE {source.staging} AS SELECT * FROM read_csv(?, header = true, auto_detect = false, "
        f"delim = ?, quote = '\"', escape = '\"', columns = ?, encoding = 'utf-8', "
        f"store_rejects = true, rejects_table = '{rejects}', rejects_scan = '{rejects}_scan')",
        [str(readable), source.delimiter, columns],
    )
    rejected = con.execute(
        f"SELECT line, column_name, error_type, error_message FROM {rejects} ORDER BY line"
    ).fetchall()
    for line, column_name, error_type, message in rejected:
        source.structurally_broken = True
        hint = {
            "TOO MANY COLUMNS": "the row has more values than the header has columns (a delimiter inside an "
            "unquoted value?)",
            "MISSING COLUMNS": "the row has fewer values than the header has columns",
            "UNQUOTED VALUE": "a quote character inside an unquoted value; quote the value and double the quotes",
            "INVALID ENCODING": "the row is not valid text in the file's encoding",
        }.get(error_type, message)
        messages.append(error(source.name, int(line), column_name or "", hint))
    if rejected:
        messages.append(error(source.name, 0, "", "the file's structure is broken (see the rows above); "
                              "value checks of this file are skipped until it is fixed"))
    # A row of empty cells (",,,," as spreadsheets export it) is no record; rowid keeps the others' positions.
    not_empty = " OR ".join(f"nullif(trim(\"{n}\"), '') IS NOT NULL" for n in names)
    con.execute(f"DELETE FROM {source.staging} WHERE NOT ({not_empty})")
    if source.has_blank_lines and not rejected:
        _number_rows_like_a_spreadsheet(con, source, readable)
    source.rows = con.execute(f"SELECT count(*) FROM {source.staging}").fetchall()[0][0]
    return messages


def _number_rows_like_a_spreadsheet(con: duckdb.DuckDBPyConnection, source: SourceFile, readable: Path) -> None:
    """Give each record the row a spreadsheet shows when the file has blank lines: DuckDB skips
    them, a spreadsheet counts them. Python's csv reader yields one item per spreadsheet row (a blank
    line as []), so its positions are the rows. Only files with blank lines pay for this pass."""
    import pyarrow as pa  # imported here: only files with blank lines and spreadsheets need it

    rows: list[int] = []
    with readable.open("r", encoding="utf-8-sig", newline="") as fh:
        for position, record in enumerate(csv.reader(fh, delimiter=source.delimiter), start=1):
            if position > 1 and record:
                rows.append(position)
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


def read_xlsx_file(con: duckdb.DuckDBPyConnection, source: SourceFile, index: int) -> list[Message]:
    """Read the sheet named after the table (else the first sheet) into a temp table of text."""
    import openpyxl  # imported here: only needed for spreadsheets
    import pyarrow as pa

    try:
        book = openpyxl.load_workbook(source.path, read_only=True, data_only=True)
    except Exception as exc:  # corrupt zip, not a workbook, encrypted ...
        raise UsageError(f"{source.name}: cannot be opened as an XLSX workbook ({type(exc).__name__}: {exc})") from exc
    source.encoding = "xlsx"
    try:
        sheet_names = {name.lower(): name for name in book.sheetnames}
        sheet = book[sheet_names.get(source.table.name, book.sheetnames[0])]
        rows = sheet.iter_rows()
        header_cells = next(rows, ())
        header = [(_cell_text(c) or "") for c in header_cells]
        if not any(h.strip() for h in header):
            return [error(source.name, 1, "", "the sheet is empty or has no header row; "
                          "expected column names in row 1")]
        names, messages = normalise_header(source, header)
        values: list[list[str | None]] = [[] for _ in names]
        row_numbers: list[int] = []
        for row_number, cells in enumerate(rows, start=2):
            texts = [_cell_text(c) for c in cells]
            if not any(t is not None and str(t).strip() for t in texts):
                continue  # blank rows between data are not records
            if len(texts) > len(names) and any(t is not None for t in texts[len(names):]):
                messages.append(error(source.name, row_number, "", "the row has values right of the last named "
                                      "column; give the column a name or delete the values"))
            for i in range(len(names)):
                values[i].append(texts[i] if i < len(texts) else None)
            row_numbers.append(row_number)
    finally:
        book.close()
    arrow = pa.table({"_row": pa.array(row_numbers, pa.int64()),
                      **{n: pa.array(v, pa.string()) for n, v in zip(names, values, strict=True)}})
    source.staging = f"stg_{source.table.name}_{index}"
    con.register("_xlsx_rows", arrow)
    con.execute(f"CREATE TEMP TABLE {source.staging} AS SELECT * FROM _xlsx_rows")
    con.unregister("_xlsx_rows")
    source.rows = len(row_numbers)
    source.delimiter = ""
    source.explicit_rows = True
    return messages


def read_all(con: duckdb.DuckDBPyConnection, files: list[SourceFile]) -> list[Message]:
    """Read every file into staging; the temporary UTF-8 copies vanish when this returns."""
    messages: list[Message] = []
    with tempfile.TemporaryDirectory(prefix="alliance-etl-") as tmp:
        for index, source in enumerate(files):
            try:
                source.sha256, source.has_blank_lines = sha256_of(source.path)
                if source.path.suffix.lower() in XLSX_SUFFIXES:
                    messages += read_xlsx_file(con, source, index)
                else:
                    messages += read_csv_file(con, source, index, Path(tmp))
            except (OSError, UnicodeDecodeError) as exc:
                raise UsageError(f"{source.name}: cannot be read ({exc})") from exc
            except duckdb.Error as exc:
                first_line = str(exc).strip().splitlines()[0]
                messages.append(error(source.name, 0, "", f"cannot be parsed as CSV: {first_line}"))
                source.structurally_broken = True
    return messages


def row_number_sql(source: SourceFile) -> str:
    """SQL for a staging row's spreadsheet row number (header = row 1)."""
    return "_row" if source.explicit_rows else "(rowid + 2)"


