"""Exports: formulas neutralised, German Excel CSV, XLSX round trip, file names.

Files are read back the way a user's program reads them: pandas and the csv module for the CSVs,
openpyxl for the XLSX, and LibreOffice (headless, German locale) for the German-Excel CSV.
"""

import csv
import io
import os
import re
import shutil
import subprocess
from datetime import date, datetime

import openpyxl
import pandas as pd
import pytest

from alliance import export

FRAME = pd.DataFrame({
    "name": ["=HYPERLINK(\"http://x\")", "+49 6131", "-rm", "@SUM(A1)", "\tTab", "Köln 科隆", "<img src=x>"],
    "employees": [1234, 5, -3, 0, 7, 8, 9],
    "volume": [1234.5, 0.25, -1.5, 0.0, 2.0, 3.0, 4.0],
    "codes": [["28.41", "29.10"], [], ["21"], [], [], [], []],
})

CODES = ["29.10", "21.10", "26.12", "01", "28.41", "1.234"]

# Hostile text: line breaks of every kind, tabs, delimiters, quotes and formulas after a line break.
PAYLOADS = [
    "Acme GmbH\r=cmd|' /C calc'!A0",
    "\r=cmd|' /C calc'!A0",
    "\n+1",
    "Zeile 1\r\n-2+3",
    "Zeile 1\nZeile 2",
    "a\tb",
    "\t@SUM(A1)",
    "Semi;colon, comma \"quoted\"",
    "=1+1",
    "  padded  ",
]

TYPED = pd.DataFrame({
    "code": CODES,
    "employees": [12, None, 3, 4, 5, 6],  # a count that became float because of NA
    "share": [0.25, -3.5, None, 1.0, 2.125, 0.0],
    "tenths": [1.5, -2.0, 3.1, None, 0.0, 7.2],
    "founded": [1990, 2001, 1875, 2020, 1999, 2010],
    "day": pd.to_datetime(["2026-11-24", "2026-01-02", None, "2026-12-31", "2025-02-28", "2024-02-29"]),
    "loaded": pd.to_datetime(["2026-11-24 10:15", "2026-01-02 00:00", None, "2026-12-31 23:59",
                              "2025-02-28 08:00", "2024-02-29 12:30"]),
    "is_sample": pd.array([True, False, None, True, False, True], dtype="boolean"),
    "note": ["kurz", None, "ein etwas längerer Text " * 6, "科隆 Köln", "", "ok"],
})

FORMULA_LINE = re.compile(r"(?:^|\r\n|\r|\n)[=+\-@\t]")


def _starts_formula(text: str) -> bool:
    """True if the text or any line inside it starts with a formula character."""
    return text.startswith(export.FORMULA_START) or bool(FORMULA_LINE.search(text))


def _hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "=evil\rheader": PAYLOADS,
        "number": [-3.5, 1.25, -1.0, 2.0, 0.5, 3.0, -7.75, 8.0, 9.0, 10.0],
        "list": [[p, "x"] for p in PAYLOADS],
    })


def _xlsx(raw: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(raw))


def _column(sheet, header: str) -> list:
    headers = [c.value for c in sheet[1]]
    index = headers.index(header) + 1
    return [sheet.cell(row=r, column=index) for r in range(2, sheet.max_row + 1)]


# --- existing behaviour -------------------------------------------------------------------------------------------

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


# --- neutralisation -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "safe"), [
    ("=1+1", "'=1+1"),
    ("Acme GmbH\r=cmd|' /C calc'!A0", "Acme GmbH\r'=cmd|' /C calc'!A0"),
    ("\r=cmd", "'\r'=cmd"),
    ("\n+1", "\n'+1"),
    ("a\r\n-2\n@x\r\tz", "a\r\n'-2\n'@x\r'\tz"),
    ("Bindestrich-Wort\nnormal", "Bindestrich-Wort\nnormal"),
    ("a = b", "a = b"),
    ("", ""),
])
def test_neutralise_every_line(raw, safe):
    assert export.neutralise(raw) == safe
    assert export.neutralise(safe) == safe  # idempotent
    assert not _starts_formula(safe)


@pytest.mark.parametrize("value", [-3.5, -3, 0, None, date(2026, 1, 1), True])
def test_neutralise_leaves_non_text(value):
    assert export.neutralise(value) is value


def test_formula_start_is_the_characters_that_start_a_formula():
    assert set(export.FORMULA_START) == {"=", "+", "-", "@", "\t", "\r"}


def test_plain_csv_hostile_text_is_one_cell_and_never_a_formula():
    frame = _hostile_frame()
    raw = export.to_csv(frame)
    back = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    assert back.shape == frame.shape  # a bare CR did not start a new row
    assert back.columns[0] == "'=evil\rheader"
    assert back.iloc[:, 0].tolist() == [export.neutralise(p) for p in PAYLOADS]
    assert back["number"].tolist()[0] == "-3.5"  # numbers are numbers, not neutralised
    assert back["list"].tolist()[0] == "Acme GmbH\r'=cmd|' /C calc'!A0; x"
    for cell in [*back.columns, *back.to_numpy().ravel()]:
        if not re.fullmatch(r"-?\d+(\.\d+)?", cell):
            assert not _starts_formula(cell), repr(cell)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert len(rows) == len(frame) + 1 and {len(r) for r in rows} == {3}


def test_every_special_character_is_quoted():
    raw = export.to_csv(pd.DataFrame({"a": ["x\ry", "x\ny", "x\ty", "x,y", 'x"y', "plain"]})).decode()
    assert raw == 'a\n"x\ry"\n"x\ny"\n"x\ty"\n"x,y"\n"x""y"\nplain\n'
    semi = export.to_excel_csv(pd.DataFrame({"a": ["x;y", "x,y", "x\ty", "x\ry"]})).decode("utf-8-sig")
    assert semi == 'a\r\n"x;y"\r\nx,y\r\n"x\ty"\r\n"x\ny"\r\n'


def test_german_excel_csv_hostile_text_is_one_cell_and_never_a_formula():
    frame = _hostile_frame()
    raw = export.to_excel_csv(frame)
    back = pd.read_csv(io.BytesIO(raw), sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back.shape == frame.shape
    assert back.iloc[0, 0] == "Acme GmbH\n'=cmd|' /C calc'!A0"  # LF: Excel's line break inside a cell
    assert back["number"].tolist()[:3] == ["-3,5", "1,25", "-1"]
    for cell in [*back.columns, *back.to_numpy().ravel()]:
        if not re.fullmatch(r"-?\d+(,\d+)?", cell):
            assert not _starts_formula(cell), repr(cell)


def test_xlsx_hostile_text_is_never_a_formula():
    frame = _hostile_frame()
    about = [("=Filter", "=HYPERLINK(\"http://evil\")"), ("Suche", "x\r=cmd|' /C calc'!A0")]
    book = _xlsx(export.to_xlsx(frame, about=about))
    sheet = book["Daten"]
    assert sheet.max_row == len(frame) + 1
    assert sheet["A1"].value == "'=evil\nheader"
    assert sheet["A2"].value == "Acme GmbH\n'=cmd|' /C calc'!A0" and sheet["A2"].alignment.wrap_text
    assert sheet["B2"].value == -3.5 and sheet["B2"].data_type == "n"
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert not _starts_formula(cell.value), (ws.title, cell.coordinate, cell.value)
    assert [c.value for c in book["Info"]["A"]] == ["'=Filter", "Suche"]
    assert book["Info"]["B2"].value == "x\n'=cmd|' /C calc'!A0"


def test_xlsx_control_characters_do_not_break_the_workbook():
    book = _xlsx(export.to_xlsx(pd.DataFrame({"a": ["bell\x07", "nul\x00x"]})))
    assert [c.value for c in book.active["A"]] == ["a", "bell\ufffd", "nul\ufffdx"]


# --- XLSX types ---------------------------------------------------------------------------------------------------

def test_xlsx_codes_stay_text():
    sheet = _xlsx(export.to_xlsx(TYPED)).active
    cells = _column(sheet, "code")
    assert [c.value for c in cells] == CODES
    assert {c.data_type for c in cells} == {"s"}


def test_xlsx_numbers_typed_and_formatted_like_the_screen():
    sheet = _xlsx(export.to_xlsx(TYPED)).active
    employees = _column(sheet, "employees")
    assert [c.value for c in employees] == [12, None, 3, 4, 5, 6]
    assert employees[0].number_format == "#,##0"  # an integer, not 12.0
    share = _column(sheet, "share")
    assert [c.value for c in share] == [0.25, -3.5, None, 1, 2.125, 0]
    assert {c.number_format for c in share if c.value is not None} == {"#,##0.00"}
    assert share[1].data_type == "n"
    tenths = _column(sheet, "tenths")
    assert {c.number_format for c in tenths if c.value is not None} == {"#,##0.0"}
    founded = _column(sheet, "founded")
    assert founded[0].value == 1990 and founded[0].number_format == "0"  # years without 1.990


def test_xlsx_dates_booleans_and_missing_values():
    sheet = _xlsx(export.to_xlsx(TYPED)).active
    day = _column(sheet, "day")
    assert day[0].value == datetime(2026, 11, 24) and day[0].is_date and day[0].number_format == "DD.MM.YYYY"
    assert day[2].value is None
    loaded = _column(sheet, "loaded")
    assert loaded[0].value == datetime(2026, 11, 24, 10, 15) and loaded[0].number_format == "DD.MM.YYYY HH:MM"
    assert [c.value for c in _column(sheet, "is_sample")] == ["Ja", "Nein", None, "Ja", "Nein", "Ja"]
    note = _column(sheet, "note")
    assert note[1].value is None and note[3].value == "科隆 Köln"


def test_xlsx_python_dates_time_zones_and_languages():
    frame = pd.DataFrame({
        "day": [date(2026, 11, 24), None],
        "when": [datetime(2026, 11, 24, 9, 30), None],
        "utc": pd.to_datetime(["2026-11-24 09:30", None]).tz_localize("Europe/Berlin"),
        "flag": [True, False],
    })
    sheet = _xlsx(export.to_xlsx(frame, yes_no=("Yes", "No"))).active
    assert sheet["A2"].value == datetime(2026, 11, 24) and sheet["A2"].number_format == "DD.MM.YYYY"
    assert sheet["B2"].number_format == "DD.MM.YYYY HH:MM"
    assert sheet["C2"].value == datetime(2026, 11, 24, 9, 30)  # wall-clock time kept
    assert [sheet["D2"].value, sheet["D3"].value] == ["Yes", "No"]
    chinese = _xlsx(export.to_xlsx(frame, yes_no=("是", "否"))).active
    assert chinese["D2"].value == "是"


def test_xlsx_layout_and_about_sheet():
    about = [("Filter", "Land: CN; Branche: 29"), ("Datenstand", "03.12.2026"),
             ("Export", "03.12.2026 10:15"), ("Enthält Beispieldatensätze", "Ja")]
    book = _xlsx(export.to_xlsx(TYPED, about=about))
    assert book.sheetnames == ["Daten", "Info"]
    sheet = book["Daten"]
    assert sheet.freeze_panes == "A2"
    assert all(c.font.bold for c in sheet[1])
    widths = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert widths["note"] == 60  # long text capped
    assert widths["employees"] >= len("employees")
    assert widths["code"] < 12  # fitted, not a default
    info = book["Info"]
    assert [(a.value, b.value) for a, b in info.iter_rows()] == about
    assert info["A1"].font.bold
    assert _xlsx(export.to_xlsx(TYPED)).sheetnames == ["Daten"]
    assert _xlsx(export.to_xlsx(TYPED, sheet="Städte: [CN]", about=about, about_sheet="Über")).sheetnames == \
        ["Städte_ _CN_", "Über"]


def test_xlsx_empty_frame():
    sheet = _xlsx(export.to_xlsx(pd.DataFrame({"a": pd.Series([], dtype=object)}))).active
    assert [c.value for c in sheet[1]] == ["a"] and sheet.max_row == 1


# --- CSV types ----------------------------------------------------------------------------------------------------

def test_plain_csv_machine_readable_values():
    text = export.to_csv(TYPED).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first == {"code": "29.10", "employees": "12", "share": "0.25", "tenths": "1.5", "founded": "1990",
                     "day": "2026-11-24", "loaded": "2026-11-24 10:15:00", "is_sample": "true", "note": "kurz"}
    second = dict(zip(header, rows[2], strict=True))
    assert second["employees"] == "" and second["share"] == "-3.5" and second["is_sample"] == "false"
    assert dict(zip(header, rows[3], strict=True))["is_sample"] == ""
    assert [r[header.index("code")] for r in rows[1:]] == CODES
    assert ".0," not in text


def test_csv_rounds_floats_to_the_screen_decimals():
    frame = pd.DataFrame({"x": [1.23456, -0.001, 2.0, 1e6 + 0.125]})
    assert export.to_csv(frame).decode() == "x\n1.23\n0\n2\n1000000.12\n"
    assert export.to_excel_csv(frame).decode("utf-8-sig") == "x\r\n1,23\r\n0\r\n2\r\n1000000,12\r\n"


def test_infinite_numbers_are_empty_and_logged(caplog):
    with caplog.at_level("WARNING", logger="alliance.export"):
        text = export.to_csv(pd.DataFrame({"x": [1.5, float("inf")]})).decode()
    assert text == "x\n1.5\n\n" and "infinite" in caplog.text


def test_german_excel_csv_values():
    raw = export.to_excel_csv(TYPED, yes_no=("Ja", "Nein"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first == {"code": "'29.10", "employees": "12", "share": "0,25", "tenths": "1,5", "founded": "1990",
                     "day": "24.11.2026", "loaded": "24.11.2026 10:15", "is_sample": "Ja", "note": "kurz"}
    assert [r[header.index("code")] for r in rows[1:]] == ["'" + c for c in CODES]
    assert rows[2][header.index("share")] == "-3,5" and rows[2][header.index("is_sample")] == "Nein"
    english = export.to_excel_csv(TYPED, yes_no=("Yes", "No")).decode("utf-8-sig")
    assert ";Yes;" in english and ";Ja;" not in english


@pytest.mark.parametrize(("text", "marked"), [
    ("29.10", True), ("01", True), ("1.234", True), ("1/2", True), ("12:30", True), ("1E5", True),
    ("2026-12-03", True), ("5%", True), ("C29.10", False), ("28.41 29.10", False), ("Mainz", False),
    ("29.10 Herstellung", False), ("'=1", False),
])
def test_german_excel_csv_marks_text_a_spreadsheet_would_convert(text, marked):
    cell = export.to_excel_csv(pd.DataFrame({"a": [text]})).decode("utf-8-sig").split("\r\n")[1]
    assert cell == ("'" + text if marked else text)


def test_lists_joined_in_every_export():
    frame = pd.DataFrame({"codes": [["28.41", "29.10"], ("01",), []]})
    assert export.to_csv(frame).decode() == 'codes\n28.41; 29.10\n01\n\n'
    assert export.to_excel_csv(frame).decode("utf-8-sig") == "codes\r\n\"28.41; 29.10\"\r\n'01\r\n\r\n"
    sheet = _xlsx(export.to_xlsx(frame)).active
    assert [c.value for c in sheet["A"]] == ["codes", "28.41; 29.10", "01", None]


# --- decimals -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "expected"), [
    ([1, 2, None], 0), ([1.0, 2.0, float("nan")], 0), ([1.5, 2.0], 1), ([0.1 + 0.2], 1), ([0.25, 1.0], 2),
    ([1.2345], 2), ([], 0), ([1.5, float("inf")], 1), ([-3.5], 1),
])
def test_decimals(values, expected):
    assert export.decimals(pd.Series(values, dtype=float)) == expected


# --- file names ---------------------------------------------------------------------------------------------------

def test_file_name_names_the_filter():
    assert export.file_name("Branchenmatrix", "xlsx", date(2026, 12, 3), parts=["Division", "CN"]) == \
        "isa_branchenmatrix_division_cn_2026-12-03.xlsx"
    assert export.file_name("Städte", "csv", date(2026, 12, 3), parts=["科隆", "Köln/Bonn", ""]) == \
        "isa_staedte_koeln_bonn_2026-12-03.csv"


@pytest.mark.parametrize("view", ["pruefung_2026-12-03", "pruefung_2026-12-03_excel"])
def test_file_name_date_once(view):
    name = export.file_name(view, "csv", date(2026, 11, 24))
    assert name.startswith("isa_pruefung") and name.endswith("_2026-12-03.csv")
    assert name.count("2026") == 1 and "2026-11-24" not in name


def test_file_name_at_most_120_characters():
    name = export.file_name("branchenmatrix", "xlsx", date(2026, 12, 3), parts=["Fahrzeugbau und Zulieferer"] * 10)
    assert len(name) <= 120 and name.endswith("_2026-12-03.xlsx") and "__" not in name
    assert name.startswith("isa_branchenmatrix_fahrzeugbau")


def test_file_name_default_date_is_today():
    assert export.file_name("x", "zip") == f"isa_x_{date.today().isoformat()}.zip"


# --- LibreOffice, German locale -----------------------------------------------------------------------------------

LO_FRAME = pd.DataFrame({
    "code": CODES,
    "count": [1234, 5, -3, 0, 7, 8],
    "value": [1234.5, -3.5, 0.25, 2.0, 1.0, 1e6 + 0.75],
    "day": [date(2026, 11, 24)] * 6,
    "is_sample": [True, False, True, False, True, False],
    "name": ["Acme GmbH\r=cmd|' /C calc'!A0", "\n+1", "a\tb", "=1+1", "Köln 科隆", "x;y \"z\""],
})


@pytest.fixture(scope="module")
def libreoffice_profile(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    return tmp_path_factory.mktemp("lo-profile")


def _german_env() -> dict:
    env = dict(os.environ)
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout.lower()
    if "de_de.utf8" in locales or "de_de.utf-8" in locales:
        env["LANG"] = env["LC_ALL"] = "de_DE.UTF-8"  # else the locale token 1031 in the filter decides
    return env


# Filter options: ';' (59), '"' (34), UTF-8 (76), from line 1, default column types, German (1031);
# then quoted fields as text (false) and "detect special numbers" (dates, scientific), off and on.
@pytest.mark.parametrize("options", ["59,34,76,1,,1031", "59,34,76,1,,1031,false,true"])
def test_german_excel_csv_in_libreoffice(libreoffice_profile, tmp_path, options):
    source = tmp_path / "export.csv"
    source.write_bytes(export.to_excel_csv(LO_FRAME))
    done = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={libreoffice_profile.as_uri()}",
         f"--infilter=CSV:{options}", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, env=_german_env(), check=False)
    target = tmp_path / "export.xlsx"
    assert target.exists(), done.stdout + done.stderr
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == len(LO_FRAME) + 1  # every hostile line break stayed inside its cell
    assert [c.value for c in sheet[1]] == list(LO_FRAME.columns)
    codes = _column(sheet, "code")
    # Text, never a date or a number: the code behind the documented text marker.
    assert [(c.data_type, c.value) for c in codes] == [("s", "'" + code) for code in CODES]
    assert [c.value.removeprefix("'") for c in codes] == CODES
    assert [c.value for c in _column(sheet, "count")] == [1234, 5, -3, 0, 7, 8]
    assert [c.value for c in _column(sheet, "value")] == [1234.5, -3.5, 0.25, 2, 1, 1000000.75]
    assert {c.data_type for c in _column(sheet, "value")} == {"n"}
    days = _column(sheet, "day")
    assert {c.value for c in days} == {datetime(2026, 11, 24)} and all(c.is_date for c in days)
    assert [c.value for c in _column(sheet, "is_sample")] == ["Ja", "Nein"] * 3
    names = _column(sheet, "name")
    assert [c.value for c in names] == ["Acme GmbH\n'=cmd|' /C calc'!A0", "\n'+1", "a\tb", "'=1+1", "Köln 科隆",
                                        "x;y \"z\""]
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def test_year_columns_are_known_by_their_contract_name_and_their_label():
    from alliance.export import is_year_column

    for name in ("employees_year", "founded", "Beschäftigte: Jahr", "Employees: year", "员工人数年份", "Gründungsjahr"):
        assert is_year_column(name), name
    for name in ("employees", "Beschäftigte", "Jahresumsatz", "volume_eur_m"):
        assert not is_year_column(name), name
