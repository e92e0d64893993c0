"""Exports of exactly the table a user sees: XLSX (the "Excel" download), plain CSV, CSV for German Excel.

Cell types (one rule for all three formats, decided per cell; floats per column):

* text stays text: ``"29.10"`` (a NACE class) is never turned into a number or a date by us;
* integers, and floats of a column whose values are all whole (counts that became float because of
  NA), are integers; other floats keep the column's ``decimals()`` (0, 1 or 2, as on screen);
* ``datetime64`` columns whose times are all midnight (DuckDB ``DATE``) are dates, else datetimes;
  time zones are dropped, keeping the wall-clock time;
* booleans are ``true``/``false`` in the plain CSV and ``yes_no`` (default ``Ja``/``Nein``, the caller
  translates) in the XLSX and the German-Excel CSV;
* lists and tuples are joined with ``"; "``; missing values (None, NaN, NaT, NA, and infinite numbers,
  logged) are empty cells.

Formula neutralisation (CSV injection, OWASP), for cells and headers of every format: text that starts
with ``=``, ``+``, ``-``, ``@``, a tab or a CR (``FORMULA_START``) gets a leading apostrophe, and so
does every line inside a cell (after ``\\r``, ``\\n`` or ``\\r\\n``) that starts with ``=``, ``+``,
``-``, ``@`` or a tab: ``"Acme\\r=cmd|' /C calc'!A0"`` -> ``"Acme\\r'=cmd|' /C calc'!A0"``, so even a
reader that takes the bare CR for a new row sees text. Numbers are never neutralised (-3.5 stays a
number). Both CSVs quote every field that contains the delimiter, a quote, CR, LF or a tab (the csv
module, and so pandas, leaves a bare CR unquoted when the line terminator is ``\\n``), so a field is
always one cell.

Codes in the German-Excel CSV: German Excel reads a CSV field as if it were typed into a cell, quoted
or not, so ``29.10``, ``21.10`` and ``26.12`` become dates (29 October), ``01`` becomes 1 and ``1.234``
becomes 1234 (widely reported; Excel itself cannot run in the tests). LibreOffice with a German locale
(tested in tests/test_export.py, with "detect special numbers" off and on) keeps ``29.10`` as text
(its German date patterns need ``29.10.``), but turns ``01`` into 1, ``1.234`` into 1234 and ``1E5``
into 100000. The usual Excel trick ``="29.10"`` is a formula: LibreOffice evaluates it too, it is
exactly what neutralisation forbids (a reader cannot tell a harmless formula from a hostile one) and
it breaks every tool that reads the CSV as data. Invisible prefixes (zero-width space) would keep the
text but make it silently differ from the code. So text that a spreadsheet would read as a number,
date or time (a digit with ``.,:/-`` and digits, an optional ``%``, or ``1E5``) gets the same leading
apostrophe as a neutralised formula: ``'29.10``. LibreOffice keeps such a cell as the text
``'29.10`` (tested); Excel, when opening a CSV, keeps the apostrophe as part of the text as well
(OWASP www-community issue 517). The code is intact and visibly marked as text, never silently a date;
remove the apostrophe to compare it. The plain CSV writes codes as they are (machine readers choose
their types) and the XLSX, the recommended download, has real text cells with no marker.
"""

from __future__ import annotations

import io
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

logger = logging.getLogger(__name__)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # characters that start a formula in a spreadsheet cell
YES_NO = ("Ja", "Nein")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MAX_FILE_NAME = 120
MAX_COLUMN_WIDTH = 60
MIN_COLUMN_WIDTH = 6
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_TEXT = 32_767  # characters Excel keeps in one cell

# A line inside a cell that starts a formula (a CR cannot start a line: it ends one).
_INNER_FORMULA = re.compile(r"(\r\n|\r|\n)(?=[" + re.escape("".join(c for c in FORMULA_START if c != "\r")) + "])")
_LINE_BREAK = re.compile(r"\r\n|\r")
# Text that German Excel or LibreOffice would read as a number, date or time: 29.10, 01, 1.234, 1/2, 12:30, 1E5.
_NUMBER_LIKE = re.compile(r"\s*[.,]?\d[\d.,:/-]*\s*%?\s*|\s*\d+(?:[.,]\d+)?[eE][+-]?\d+\s*")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(value: object) -> object:
    """Text a spreadsheet would run as a formula, as text: ``'=1+1`` for ``=1+1``, and an apostrophe
    after every line break that is followed by ``= + - @`` or a tab. Other values (numbers too) unchanged."""
    if not isinstance(value, str):
        return value
    text = _INNER_FORMULA.sub(r"\1'", value)
    return "'" + text if text.startswith(FORMULA_START) else text


def decimals(values: pd.Series) -> int:
    """Decimals a numeric column is shown with: 0 for counts, 1 for values rounded to tenths, else 2.

    Rule: the smallest d in (0, 1) with round(v * 10**d, 6) whole for every finite value, else 2; an
    empty column has 0. Non-numeric and missing cells are ignored."""
    known = pd.to_numeric(values.dropna(), errors="coerce").astype(float)
    known = known[np.isfinite(known)]
    for places in (0, 1):
        if ((known * 10**places).round(6) % 1 == 0).all():
            return places
    return 2


def is_year_column(name: object) -> bool:
    """Columns that hold years (population_year, founded): digits only, 2022 not 2.022, on screen and in files."""
    text = str(name).lower()
    # contract names, and the labels they get on screen ("Beschäftigte: Jahr", "Employees: year", "人口年份")
    return text in ("year", "founded", "jahr", "gründung", "gründungsjahr", "年份") or \
        text.endswith(("_year", ": jahr", ": year", "年份"))


def _missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return math.isnan(value)
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return False


def _text(value: object) -> object:
    """Lists joined with '; ', text neutralised; other values unchanged (the cleaning of safe_frame)."""
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return neutralise("; ".join(str(v) for v in value if not _missing(v)))
    return neutralise(value)


def _cell(value: object) -> object:
    """One cell as None, bool, int, float, date, datetime (naive) or neutralised str."""
    if isinstance(value, list | tuple | set | frozenset | np.ndarray):
        return _text(value)
    if _missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating | Decimal):
        number = float(value)
        if math.isnan(number):
            return None
        if math.isinf(number):
            logger.warning("export: an infinite number is written as an empty cell")
            return None
        return number
    if isinstance(value, pd.Timestamp):
        value = value.tz_localize(None).to_pydatetime() if value.tzinfo else value.to_pydatetime()
    elif isinstance(value, np.datetime64):
        value = pd.Timestamp(value).to_pydatetime()
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return value
    return neutralise(value if isinstance(value, str) else str(value))


@dataclass
class _Column:
    header: str
    values: list[object]
    decimals: int
    year: bool


def _columns(frame: pd.DataFrame) -> list[_Column]:
    """The frame as typed, neutralised cells, column by column (see the module docstring)."""
    columns = []
    for position, name in enumerate(frame.columns):
        series = frame.iloc[:, position]
        if pd.api.types.is_datetime64_any_dtype(series):
            if getattr(series.dt, "tz", None) is not None:
                series = series.dt.tz_localize(None)  # wall-clock time; spreadsheets know no time zones
            known = series.dropna()
            dates_only = bool((known == known.dt.normalize()).all())
            values: list[object] = [None if pd.isna(v) else (v.date() if dates_only else v.to_pydatetime())
                                    for v in series]
        else:
            values = [_cell(v) for v in series.astype(object)]
        numbers = [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)]
        places = decimals(pd.Series(numbers, dtype=float))
        if places == 0:  # whole floats (counts with NA) are integers
            values = [int(round(v)) if isinstance(v, float) else v for v in values]
        columns.append(_Column(str(neutralise(str(name))), values, places, is_year_column(name)))
    return columns


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised (headers too) and lists joined with '; '."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(_text)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _number(value: float, places: int, point: str) -> str:
    """value rounded to ``places`` decimals, trailing zeros dropped: 1234.50 -> '1234.5', -0.001 -> '0'."""
    text = f"{value:.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return ("0" if text == "-0" else text).replace(".", point)


def _csv_field(text: str, sep: str) -> str:
    """RFC 4180 quoting, applied to every field with the delimiter, a quote, CR, LF, a tab or edge spaces."""
    if any(c in text for c in (sep, '"', "\r", "\n", "\t")) or text != text.strip(" "):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(rows: Iterable[Sequence[str]], sep: str, newline: str) -> str:
    return "".join(sep.join(_csv_field(field, sep) for field in row) + newline for row in rows)


def _rows(columns: list[_Column], render: Callable[[object, _Column], str]) -> Iterable[list[str]]:
    yield [c.header for c in columns]
    height = len(columns[0].values) if columns else 0
    for i in range(height):
        yield [render(c.values[i], c) for c in columns]


def _plain_text(value: object, column: _Column) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _number(value, column.decimals, ".")
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds" if not value.microsecond else "auto")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(frame: pd.DataFrame) -> bytes:
    """Plain CSV: UTF-8, comma, decimal point, LF; booleans true/false, ISO dates, floats rounded to
    ``decimals()``, integers without '.0', codes as they are; formulas neutralised."""
    columns = _columns(frame)
    logger.debug("csv export: %d rows, %d columns", len(frame), len(columns))
    return _csv(_rows(columns, _plain_text), ",", "\n").encode("utf-8")


def to_excel_csv(frame: pd.DataFrame, yes_no: tuple[str, str] = YES_NO) -> bytes:
    """CSV for German Excel: UTF-8 with BOM, semicolon, decimal comma, CRLF, dates DD.MM.YYYY (and
    HH:MM), booleans as ``yes_no``, line breaks inside cells as LF; text that a spreadsheet would read
    as a number or date (29.10, 01) gets a leading apostrophe, see the module docstring."""
    def render(value: object, column: _Column) -> str:
        if isinstance(value, bool):
            return yes_no[0] if value else yes_no[1]
        if isinstance(value, float):
            return _number(value, column.decimals, ",")
        if isinstance(value, datetime):
            return value.strftime("%d.%m.%Y %H:%M")
        if isinstance(value, date):
            return value.strftime("%d.%m.%Y")
        if isinstance(value, str):
            text = _LINE_BREAK.sub("\n", value)  # Excel's line break within a cell
            return "'" + text if _NUMBER_LIKE.fullmatch(text) else text
        return _plain_text(value, column)

    columns = _columns(frame)
    logger.debug("excel csv export: %d rows, %d columns", len(frame), len(columns))
    return _csv(_rows(columns, render), ";", "\r\n").encode("utf-8-sig")


def _xlsx_text(text: str) -> str:
    """Text an XLSX cell can hold: LF line breaks, control characters replaced, at most 32,767 characters."""
    text = _LINE_BREAK.sub("\n", text)
    if ILLEGAL_CHARACTERS_RE.search(text):
        logger.warning("xlsx export: control characters replaced by U+FFFD")
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    if len(text) > XLSX_MAX_TEXT:
        logger.warning("xlsx export: a text of %d characters cut to %d", len(text), XLSX_MAX_TEXT)
        text = text[:XLSX_MAX_TEXT]
    return text


def _xlsx_cell(value: object, column: _Column, yes_no: tuple[str, str]) -> tuple[object, str | None, str]:
    """(value, number format, shown text for the width) of one XLSX cell."""
    if value is None:
        return None, None, ""
    if isinstance(value, bool):
        word = yes_no[0] if value else yes_no[1]
        return word, None, word
    if isinstance(value, int):
        if column.year:
            return value, "0", str(value)
        return value, "#,##0", f"{value:,}"
    if isinstance(value, float):
        return value, "#,##0." + "0" * column.decimals, f"{value:,.{column.decimals}f}"
    if isinstance(value, datetime):
        return value, DATETIME_FORMAT, "00.00.0000 00:00"
    if isinstance(value, date):
        return value, DATE_FORMAT, "00.00.0000"
    text = _xlsx_text(str(value))
    return text, None, text


def _width(text: str) -> int:
    """Characters a text takes in its longest line; East Asian wide characters count twice."""
    return max((sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
                for line in text.split("\n")), default=0)


def _write_sheet(sheet: Worksheet, columns: list[_Column], yes_no: tuple[str, str], header: bool) -> None:
    """Cells typed and formatted, widths fitted (capped), multi-line text wrapped; ``header``: a bold,
    frozen first row with filter buttons."""
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        widest = 0
        if header:
            sheet.cell(row=1, column=index, value=_xlsx_text(column.header)).font = bold
            widest = _width(column.header)
        for row, raw in enumerate(column.values, start=2 if header else 1):
            value, number_format, shown = _xlsx_cell(raw, column, yes_no)
            if value is None:
                continue
            cell = sheet.cell(row=row, column=index, value=value)
            if cell.data_type == "f":  # unreachable after neutralise; never let text become a formula
                cell.data_type = "s"
            if number_format:
                cell.number_format = number_format
            if isinstance(value, str) and "\n" in value:
                cell.alignment = wrap
            widest = max(widest, _width(shown))
        sheet.column_dimensions[letter].width = min(MAX_COLUMN_WIDTH, max(MIN_COLUMN_WIDTH, widest + 2))
    if header:
        sheet.freeze_panes = "A2"
        if columns:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(columns[0].values) + 1)}"


def _sheet_title(title: str, default: str) -> str:
    """A valid sheet name: no []:*?/\\, no apostrophe at either end, 1-31 characters."""
    return _SHEET_FORBIDDEN.sub("_", str(title)).strip("'").strip()[:31] or default


def to_xlsx(frame: pd.DataFrame, sheet: str = "Daten", about: Sequence[tuple[str, str]] = (),
            about_sheet: str = "Info", yes_no: tuple[str, str] = YES_NO) -> bytes:
    """An XLSX workbook (openpyxl): the table on ``sheet`` with typed cells (text stays text, dates
    DD.MM.YYYY, datetimes DD.MM.YYYY HH:MM, booleans as ``yes_no``, integers, floats formatted with
    ``decimals()``), fitted widths (at most 60), a bold frozen header; and, if ``about`` has rows,
    a second sheet ``about_sheet`` with (label, value) rows saying what the table is (filters, data
    status, export time), already in the reader's language. No cell is ever a formula."""
    if len(frame) + 1 > XLSX_MAX_ROWS:
        raise ValueError(f"{len(frame)} rows do not fit on one XLSX sheet ({XLSX_MAX_ROWS - 1} at most)")
    book = Workbook()
    table = book.active
    table.title = _sheet_title(sheet, "Daten")
    columns = _columns(frame)
    _write_sheet(table, columns, yes_no, header=True)
    if about:
        info = book.create_sheet(_sheet_title(about_sheet, "Info"))
        rows = pd.DataFrame([list(row) for row in about], columns=["label", "value"], dtype=object)
        _write_sheet(info, _columns(rows), yes_no, header=False)
        for cell in info["A"]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    logger.debug("xlsx export: %d rows, %d columns, %d about rows", len(frame), len(columns), len(about))
    return buffer.getvalue()


def _slug(text: str) -> str:
    """'Städte (CN)' -> 'staedte_cn': lower-case ASCII letters and digits joined by '_'."""
    ascii_text = unicodedata.normalize("NFKD", str(text).lower().translate(_UMLAUTS)).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.decode()).strip("_")


def _iso_date(text: str) -> re.Match[str] | None:
    """The last valid ISO date (2026-12-03) in ``text``."""
    for match in reversed(list(_ISO_DATE.finditer(text))):
        try:
            date.fromisoformat(match.group())
        except ValueError:  # 2026-13-45 is no date: it stays part of the name
            logger.debug("file name: %r is not a date", match.group())
            continue
        return match
    return None


def file_name(view: str, extension: str, when: date | None = None, parts: Sequence[str] = ()) -> str:
    """'isa_<view>_<parts>_<date>.<ext>', e.g. 'isa_branchenmatrix_division_cn_2026-12-03.xlsx'.

    View and parts are slugified (umlauts as ae/oe/ue/ss, other characters '_'; empty parts dropped);
    the date is ``when`` (default today) unless the view already holds an ISO date, which then moves to
    the end, so the date appears exactly once. The name has at most 120 characters: the slug is cut,
    at a '_' where possible; prefix, date and extension are always kept."""
    found = _iso_date(view)
    if found:
        day = found.group()
        view = f"{view[:found.start()]}_{view[found.end():]}"
    else:
        day = (when or date.today()).isoformat()
    body = "_".join(w for w in (_slug(p) for p in (view, *parts)) if w) or "export"
    ext = re.sub(r"[^a-z0-9.]+", "", extension.lower()).strip(".") or "dat"
    budget = MAX_FILE_NAME - len(f"isa__{day}.{ext}")
    if len(body) > budget:
        cut = body.rfind("_", 0, budget + 1)
        body = body[:cut if cut > budget // 2 else budget].rstrip("_")
    return f"isa_{body}_{day}.{ext}"
