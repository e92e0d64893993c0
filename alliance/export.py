"""Exports of exactly the table a user sees: CSV (UTF-8), CSV for German Excel, XLSX.

Every export neutralises cells that a spreadsheet would run as a formula: text starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (OWASP's advice for
CSV injection). Numbers stay numbers. Sample records keep their ``is_sample`` column, so the
flag travels with the data.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """'=1+1' -> "'=1+1"; other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised (headers too) and lists joined with '; '."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(
                lambda v: neutralise("; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v))
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv(frame: pd.DataFrame) -> bytes:
    """Plain CSV: UTF-8, comma, decimal point."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8")


def to_excel_csv(frame: pd.DataFrame) -> bytes:
    """CSV that German Excel opens cleanly: UTF-8 with BOM, semicolon, decimal comma, dates DD.MM.YYYY."""
    out = safe_frame(frame)
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%d.%m.%Y")
        elif out[column].map(lambda v: isinstance(v, date)).any():
            out[column] = out[column].map(lambda v: v.strftime("%d.%m.%Y") if isinstance(v, date) else v)
    text = out.to_csv(index=False, sep=";", decimal=",", lineterminator="\r\n")
    return text.encode("utf-8-sig")


def to_xlsx(frame: pd.DataFrame, sheet: str = "Daten") -> bytes:
    """An XLSX workbook with one sheet (openpyxl), formulas neutralised, lists joined."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()


def file_name(view: str, extension: str, when: date | None = None) -> str:
    """'isa_branchenmatrix_2026-11-24.csv': the view and the date, safe for every file system."""
    text = view.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    slug = re.sub(r"[^a-z0-9]+", "_", text).strip("_") or "export"
    return f"isa_{slug}_{(when or date.today()).isoformat()}.{extension}"
