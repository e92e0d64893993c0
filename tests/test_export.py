"""Exports: formulas neutralised, German Excel CSV, XLSX round trip, file names."""

import csv
import io
from datetime import date

import openpyxl
import pandas as pd

from alliance import export

FRAME = pd.DataFrame({
    "name": ["=HYPERLINK(\"http://x\")", "+49 6131", "-rm", "@SUM(A1)", "\tTab", "Köln 科隆", "<img src=x>"],
    "employees": [1234, 5, -3, 0, 7, 8, 9],
    "volume": [1234.5, 0.25, -1.5, 0.0, 2.0, 3.0, 4.0],
    "codes": [["28.41", "29.10"], [], ["21"], [], [], [], []],
})


def test_formulas_are_neutralised_numbers_kept():
    safe = export.safe_frame(FRAME)
    assert safe["name"].tolist()[:5] == ["'=HYPERLINK(\"http://x\")", "'+49 6131", "'-rm", "'@SUM(A1)", "'\tTab"]
    assert safe["name"].tolist()[5:] == ["Köln 科隆", "<img src=x>"]
    assert safe["employees"].tolist() == [1234, 5, -3, 0, 7, 8, 9]
    assert safe["codes"].tolist()[0] == "28.41; 29.10"


def test_plain_csv_round_trip():
    back = pd.read_csv(io.BytesIO(export.to_csv(FRAME)), keep_default_na=False)
    assert back["name"].tolist()[5] == "Köln 科隆"
    assert back["volume"].tolist()[0] == 1234.5


def test_german_excel_csv():
    raw = export.to_excel_csv(FRAME.assign(day=[date(2026, 11, 24)] * 7))
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["name", "employees", "volume", "codes", "day"]
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "1234", "1234,5", "28.41; 29.10", "24.11.2026"]
    assert raw.count(b"\r\n") == 8


def test_xlsx_has_values_and_no_formulas():
    book = openpyxl.load_workbook(io.BytesIO(export.to_xlsx(FRAME)))
    sheet = book.active
    assert [c.value for c in sheet[1]] == ["name", "employees", "volume", "codes"]
    assert sheet["A2"].value == "'=HYPERLINK(\"http://x\")" and sheet["A2"].data_type != "f"
    assert sheet["B2"].value == 1234 and sheet["C2"].value == 1234.5


def test_file_name():
    assert export.file_name("Branchenmatrix (Städte)", "csv", date(2026, 11, 24)) == \
        "isa_branchenmatrix_staedte_2026-11-24.csv"
