"""Reading source files: encodings, delimiters, German numbers, XLSX, row numbers, several files per table."""

import duckdb
import pytest

from etl import sources
from etl.build import build, check
from etl.sources import detect_delimiter, detect_encoding, scan_bytes, table_for
from tests.factory import csv_text, valid_tables, write_csv, write_source, write_xlsx


def cities_values(db, column):
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute(f"SELECT city_id, {column} FROM cities ORDER BY city_id").fetchall())


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "windows-1252"), ("gb18030", "gb18030")],
)
def test_each_encoding_is_detected_and_read(tmp_path, encoding, expected):
    tables = valid_tables()
    tables["cities"]["rows"][2][1] = "Köln – „Domstadt“"  # en dash and German quotes: cp1252, not latin-1
    if encoding == "cp1252":  # Chinese cannot be written in Windows-1252
        for row in tables["cities"]["rows"]:
            row[3] = ""
        tables["companies"]["rows"][1][2] = ""
    source = write_source(tmp_path / "src", tables, encoding=encoding)
    assert detect_encoding(source / "cities.csv") == expected
    db = tmp_path / "db.duckdb"
    assert build(source, db).ok
    names = cities_values(db, "name_de")
    assert names["koeln"] == "Köln – „Domstadt“"
    if encoding != "cp1252":
        assert cities_values(db, "name_zh")["foshan"] == "佛山市"


def test_german_text_in_cp1252_is_not_mistaken_for_chinese(tmp_path):
    path = tmp_path / "cities.csv"
    path.write_bytes("city_id,name_de\nx,Müller Straße Größe\n".encode("cp1252"))
    assert detect_encoding(path) == "windows-1252"


@pytest.mark.parametrize(("line", "expected"), [("a,b;c,d", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ("a", ",")])
def test_delimiter_detection(line, expected):
    assert detect_delimiter(line) == expected


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_each_delimiter_loads(tmp_path, delimiter):
    tables = valid_tables()
    if delimiter == ";":  # a German spreadsheet writes decimal commas
        for row in tables["cities"]["rows"]:
            row[6], row[7] = row[6].replace(".", ","), row[7].replace(".", ",")
        tables["projects"]["rows"][0][8] = "2,5"
    db = tmp_path / "db.duckdb"
    result = build(write_source(tmp_path / "src", tables, delimiter=delimiter), db)
    assert result.ok, [m.line() for m in result.errors]
    assert cities_values(db, "lat")["mainz"] == pytest.approx(49.9819)


def test_semicolon_file_reads_german_numbers_and_keeps_codes_as_text(tmp_path):
    tables = valid_tables()
    rows = tables["cities"]["rows"]
    rows[0][6], rows[0][7], rows[0][8] = "23,0268", "113,1315", "9.498.863"
    rows[1][6], rows[1][7], rows[1][8] = "49,9819", "8,2801", "1.083.498"
    rows[2][6], rows[2][7] = "50,9333", "6,95"
    tables["projects"]["rows"][0][8] = "1.234,5"  # volume_eur_m
    tables["companies"]["rows"][0][4] = "28.41"  # a class code, not a number
    tables["companies"]["rows"][0][tables["companies"]["header"].index("offer_sectors")] = "28.41;28.11"
    db = tmp_path / "db.duckdb"
    result = build(write_source(tmp_path / "src", tables, delimiter=";"), db)
    assert result.ok, [m.line() for m in result.errors]
    assert cities_values(db, "population") == {"foshan": 9498863, "koeln": 1084831, "mainz": 1083498}
    assert cities_values(db, "lat")["foshan"] == pytest.approx(23.0268)
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT volume_eur_m FROM projects").fetchone()[0] == pytest.approx(1234.5)
        assert con.execute("SELECT sector, offer_sectors FROM companies WHERE company_id = 'c1'").fetchone() == (
            "28.41", "28.41;28.11")
        assert con.execute("SELECT code FROM company_sectors WHERE company_id = 'c1' AND kind = 'offer' "
                           "ORDER BY code").fetchall() == [("28.11",), ("28.41",)]


def test_dates_in_both_formats(tmp_path):
    tables = valid_tables()
    tables["projects"]["rows"][0][10:12] = ["01.03.2021", "2022-12-31"]
    db = tmp_path / "db.duckdb"
    assert build(write_source(tmp_path / "src", tables), db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert str(con.execute("SELECT start_date FROM projects").fetchone()[0]) == "2021-03-01"


def test_multiline_value_counts_as_one_row(tmp_path):
    tables = valid_tables()
    tables["cities"]["rows"][0][1] = "Foshan\nzweite Zeile"
    tables["cities"]["rows"][2][6] = "nördlich"
    result = check(write_source(tmp_path / "src", tables))
    assert [m.line() for m in result.errors] == [
        "ERROR: cities.csv, row 4, column lat: 'nördlich' is not a number such as 1234.5 (in semicolon files 1.234,5)"
    ]


def test_ragged_row_is_reported_with_its_row(tmp_path):
    source = write_source(tmp_path / "src")
    text = csv_text(valid_tables()["quality_notes"]["header"], [["a", "b", "c", "d", "e", "surplus"]])
    (source / "quality_notes.csv").write_text(text, encoding="utf-8")
    lines = [m.line() for m in check(source).errors]
    assert lines[0].startswith("ERROR: quality_notes.csv, row 2: the row has more values than the header")
    assert "structure is broken" in lines[1]


def test_several_files_per_table_are_combined(tmp_path):
    source = write_source(tmp_path / "src")
    header = valid_tables()["companies"]["header"]
    row = valid_tables()["companies"]["rows"][0]
    write_csv(source / "companies-mainz.csv", header, [["m1", *row[1:]]], delimiter=";")
    write_xlsx(source / "companies_foshan.xlsx", header, [["f1", *row[1:]]])
    db = tmp_path / "db.duckdb"
    result = build(source, db)
    assert result.ok, [m.line() for m in result.errors]
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT company_id, source_file FROM companies ORDER BY company_id").fetchall()
    assert rows == [("c1", "companies.csv"), ("c2", "companies.csv"), ("f1", "companies_foshan.xlsx"),
                    ("m1", "companies-mainz.csv")]


def test_xlsx_typed_cells_and_sheet_named_after_table(tmp_path):
    import openpyxl

    source = write_source(tmp_path / "src")
    (source / "companies.csv").unlink()
    path = source / "companies.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Hinweise"
    book.active.append(["Dieses Blatt ist keine Tabelle"])
    sheet = book.create_sheet("Companies")
    header = valid_tables()["companies"]["header"]
    sheet.append(header)
    c1 = valid_tables()["companies"]["rows"][0]
    c1[4], c1[6], c1[7] = 29.1, 45, 1990  # numeric cells
    sheet.append(c1)
    sheet.cell(row=2, column=5).number_format = "0.00"  # shows 29.10: the class, not group 29.1
    sheet.append([])  # blank row between data rows
    sheet.append(valid_tables()["companies"]["rows"][1])
    sheet.cell(row=4, column=7).value = "many"
    book.save(path)
    result = check(source)
    assert [m.line() for m in result.errors] == [
        "ERROR: companies.xlsx, row 4, column employees: 'many' is not a whole number such as 1234 "
        "(in semicolon files also 1.234)"]
    sheet.cell(row=4, column=7).value = 1200
    book.save(path)
    db = tmp_path / "db.duckdb"
    assert build(source, db).ok
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT sector, employees, founded, source_row FROM companies WHERE company_id = 'c1'"
                           ).fetchone() == ("29.10", 45, 1990, 2)


def test_table_for_file_names():
    assert table_for("companies.csv").name == "companies"
    assert table_for("companies_foshan.xlsx").name == "companies"
    assert table_for("Companies-Mainz.CSV").name == "companies"
    assert table_for("quality_notes.csv").name == "quality_notes"
    assert table_for("companiesfoo.csv") is None
    assert table_for("readme.md") is None


def test_blank_lines_and_empty_rows_count_as_spreadsheet_rows(tmp_path):
    source = write_source(tmp_path / "src")
    text = (source / "cities.csv").read_text(encoding="utf-8").replace("\r\n", "\n")
    lines = text.split("\n")
    lines.insert(2, "")  # a blank line: spreadsheet row 3
    lines.insert(3, "," * 11)  # a row of empty cells: spreadsheet row 4
    lines[5] = lines[5].replace(",DE,", ",DEU,")  # koeln, now on spreadsheet row 6
    (source / "cities.csv").write_text("\n".join(lines), encoding="utf-8")
    result = check(source)
    assert [m.line() for m in result.errors] == [
        "ERROR: cities.csv, row 6, column country: 'DEU' is not an ISO 3166-1 alpha-2 country code such as DE or CN"]


def _scanned_at_once(data: bytes) -> tuple[bool, bool]:
    """Blank lines and mixed line ends, read off the whole content at once (the rule scan_bytes keeps)."""
    crlf = data.count(b"\r\n")
    return b"\n\n" in data or b"\n\r\n" in data, bool(crlf and data.count(b"\n") > crlf)


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
def test_byte_scan_finds_blank_lines_and_mixed_line_ends_across_chunk_seams(tmp_path, monkeypatch, chunk):
    """A CRLF or a blank line split between two chunks counts like one inside a chunk."""
    import hashlib
    import random

    monkeypatch.setattr(sources, "CHUNK", chunk)
    rng = random.Random(chunk)
    samples = [b"a,b\r\nc,d\r\n", b"a,b\nc,d\n", b"a,b\r\nc,d\n", b"a\n\nb\n", b"a\r\n\r\nb\r\n",
               b"a\n\r\nb", b"\r\r\n", b"ab\rc\n"]
    samples += [bytes(rng.choice(b"ab\r\n") for _ in range(rng.randint(0, 40))) for _ in range(300)]
    path = tmp_path / "f.csv"
    for data in samples:
        path.write_bytes(data)
        scanned = scan_bytes(path)
        assert (scanned.blank_lines, scanned.mixed_line_endings) == _scanned_at_once(data), data
        assert scanned.sha256 == hashlib.sha256(data).hexdigest()
