"""The one pass of etl/onepass.py: a clean source loads in it, anything else goes to the full validation
with the same messages; CSVs mixing CRLF and LF line endings are read."""

from __future__ import annotations

import logging
from pathlib import Path
from unittest import mock

import duckdb
import pytest

from etl import onepass
from etl.build import build, check
from etl.contract.paths import SEED_DIR
from etl.sources import CHUNK
from tests.factory import valid_tables, write_csv, write_source, write_xlsx


def _passes(caplog) -> bool:
    """Whether the last check stayed in the one pass (it logs at DEBUG when it hands over)."""
    return not any("one pass stopped" in r.getMessage() for r in caplog.records)


def test_clean_source_loads_in_the_one_pass_like_the_full_validation(tmp_path, caplog):
    source = write_source(tmp_path / "src")
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        fast = build(source, tmp_path / "fast.duckdb")
    assert fast.written and _passes(caplog)
    with mock.patch.object(onepass, "load_clean_source", return_value=None):
        full = build(source, tmp_path / "full.duckdb")
    assert [m.line() for m in fast.messages] == [m.line() for m in full.messages]
    assert fast.row_counts == full.row_counts
    assert [(f.name, f.sha256, f.rows, f.encoding) for f in fast.files] == \
        [(f.name, f.sha256, f.rows, f.encoding) for f in full.files]
    query = "SELECT * EXCLUDE (offer_codes, seek_codes), list_sort(offer_codes), list_sort(seek_codes) " \
            "FROM companies ORDER BY company_id"
    with duckdb.connect(str(tmp_path / "fast.duckdb"), read_only=True) as a, \
            duckdb.connect(str(tmp_path / "full.duckdb"), read_only=True) as b:
        assert a.execute(query).fetchall() == b.execute(query).fetchall()
        rows = a.execute("SELECT company_id, source_row FROM companies ORDER BY source_row").fetchall()
    assert rows == [("c1", 2), ("c2", 3)]


def test_bundled_seed_loads_in_the_one_pass(caplog):
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        result = check(SEED_DIR)
    assert result.ok and _passes(caplog) and result.row_counts["companies"] > 500


def test_each_kind_of_finding_leaves_the_one_pass_and_keeps_its_message(tmp_path, caplog):
    """A bad value, a duplicate id, an unknown reference and a broken row: the full validation's messages."""
    cases = {
        "value": (6, "lots", "row 2, column employees: 'lots' is not a whole number"),
        "duplicate": (0, "c2", "row 3, column company_id: duplicate company_id 'c2'"),
        "reference": (3, "atlantis", "row 2, column city_id: 'atlantis' is not a city_id of table cities"),
        "fraction": (6, "3.5", "row 2, column employees: '3.5' is not a whole number"),
    }
    for name, (column, value, expected) in cases.items():
        tables = valid_tables()
        tables["companies"]["rows"][0][column] = value
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
            result = check(write_source(tmp_path / name, tables))
        assert not _passes(caplog), name
        assert any(expected in m.line() for m in result.errors), (name, [m.line() for m in result.errors])


@pytest.mark.parametrize(("table", "row", "column", "value", "expected"), [
    ("companies", 0, 8, "weltweit", "companies.csv, row 2, column employees_scope"),
    ("companies", 0, 4, "99.99", "companies.csv, row 2, column sector"),
    ("companies", 1, 5, "9999", "companies.csv, row 3, column sector_gbt"),
    ("companies", 0, 4, " ", "companies.csv, row 2, column sector"),
    ("companies", 0, 1, "   ", "companies.csv, row 2, column name"),
    ("companies", 0, 6, "-5", "companies.csv, row 2, column employees"),
    ("companies", 1, 13, "28.41;12.34", "companies.csv, row 3, column seek_sectors"),
    ("cities", 0, 4, "XX", "cities.csv, row 2, column country"),
    ("projects", 0, 4, "SIDEWAYS", "projects.csv, row 2, column direction"),
    ("memberships", 2, 1, "maybe", "memberships.csv, row 4, column event"),
])
def test_checks_on_the_loaded_tables_leave_the_one_pass_with_the_full_messages(tmp_path, caplog, table, row, column,
                                                                              value, expected):
    """The single-value checks that run on the stored values after the insert (required, enum, codes,
    country, one of sector/sector_gbt, and the schema's CHECKs) hand over like those in the read."""
    tables = valid_tables()
    tables[table]["rows"][row][column] = value
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        result = check(write_source(tmp_path / "src", tables))
    assert not _passes(caplog)
    assert any(m.line().startswith(f"ERROR: {expected}:") for m in result.errors), [m.line() for m in result.errors]


def test_rejected_row_after_multiline_values_names_the_spreadsheet_row(tmp_path):
    """DuckDB's reject line counts records (a quoted value over three lines is one row), as a spreadsheet."""
    source = write_source(tmp_path / "src")
    path = source / "companies.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    first = lines[1].replace("Werkzeugmaschinen", '"Werkzeug\nmaschinen\nund mehr"')
    path.write_text("\n".join([lines[0], first, lines[2] + ",extra"]) + "\n", encoding="utf-8")
    result = check(source)
    broken = [m for m in result.errors if m.row and m.file == "companies.csv"]
    assert [(m.file, m.row) for m in broken] == [("companies.csv", 3)]
    assert "more values than the header has columns" in broken[0].text


def test_mixed_crlf_and_lf_line_endings_are_read(tmp_path, caplog):
    source = write_source(tmp_path / "src")
    path = source / "companies.csv"
    lines = path.read_bytes().replace(b"\r\n", b"\n").split(b"\n")
    path.write_bytes(lines[0] + b"\r\n" + lines[1] + b"\n" + lines[2] + b"\r\n")
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        result = build(source, tmp_path / "db.duckdb")
    assert result.written and _passes(caplog), [m.line() for m in result.messages]
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        assert con.execute("SELECT company_id, source_row FROM companies ORDER BY 2").fetchall() == [("c1", 2),
                                                                                                     ("c2", 3)]
    tables = valid_tables()
    tables["companies"]["rows"][1][6] = "viele"
    bad = write_source(tmp_path / "bad", tables)
    data = (bad / "companies.csv").read_bytes().replace(b"\r\n", b"\n").split(b"\n")
    (bad / "companies.csv").write_bytes(b"\r\n".join(data[:2]) + b"\n" + b"\n".join(data[2:]))
    errors = [m.line() for m in check(bad).errors]
    assert errors == ["ERROR: companies.csv, row 3, column employees: 'viele' is not a whole number such as 1234 "
                      "(in semicolon files also 1.234)"]


def _all_rows(db: Path) -> dict[str, list[tuple]]:
    """Every loaded table, rows sorted, lists sorted (list_distinct keeps no order)."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = {
            "companies": "SELECT * EXCLUDE (offer_codes, seek_codes), list_sort(offer_codes), list_sort(seek_codes) "
                         "FROM companies",
            **{name: f"SELECT * FROM {name}" for name in ("cities", "city_sectors", "projects", "project_companies",
                                                          "memberships", "quality_notes")},
        }
        return {name: sorted(con.execute(query).fetchall(), key=repr) for name, query in tables.items()}


def test_row_numbers_of_big_and_split_files_match_the_full_validation(tmp_path, caplog):
    """Rows numbered after the insert (from rowid) are the spreadsheet rows, in every file of a table:
    a 150,000-row CSV (read by several threads), a second CSV with a value spanning three lines, a
    sheet, and the same for projects and quality notes."""
    many = 150_000
    tables = valid_tables()
    first = tables["companies"]["rows"][0]
    tables["companies"]["rows"] += [[f"k{i}", f"Firma {i}", "", "mainz", "28.41", "", str(i % 900), "", "",
                                     "1990", f"Teile {i}", "", "28.41;29.10", "46", "", "true"] for i in range(many)]
    tables["projects"]["rows"] += [[f"q{i}", f"Projekt {i}", "foshan", "mainz", "MUTUAL", "idea", "28",
                                    "c1", "", "", "", "", "", "true"] for i in range(many // 10)]
    source = write_source(tmp_path / "src", tables)
    header = tables["companies"]["header"]
    spanning = ["m1", *first[1:10], "Werkzeug\nmaschinen\nund mehr", *first[11:]]
    write_csv(source / "companies_b.csv", header, [[f"b{i}", *first[1:]] for i in range(2)] + [spanning] +
              [[f"b{i}", *first[1:]] for i in range(2, 4)])
    write_xlsx(source / "companies_c.xlsx", header, [[f"x{i}", *first[1:]] for i in range(3)])
    write_csv(source / "quality_notes_b.csv", tables["quality_notes"]["header"],
              [["companies", "k7", "", "Zahl geschätzt", ""], ["cities", "mainz", "", "Stand 2024", ""]])
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        fast = build(source, tmp_path / "fast.duckdb")
    assert fast.ok and _passes(caplog)
    with duckdb.connect(str(tmp_path / "fast.duckdb"), read_only=True) as con:
        wrong = con.execute("SELECT count(*) FROM companies WHERE source_file = 'companies.csv' AND company_id "
                            "LIKE 'k%' AND source_row <> CAST(company_id[2:] AS INTEGER) + 4").fetchall()[0][0]
        split = con.execute("SELECT company_id, source_file, source_row FROM companies WHERE source_file <> "
                            "'companies.csv' ORDER BY source_file, source_row").fetchall()
    assert wrong == 0
    assert split == [("b0", "companies_b.csv", 2), ("b1", "companies_b.csv", 3), ("m1", "companies_b.csv", 4),
                     ("b2", "companies_b.csv", 5), ("b3", "companies_b.csv", 6), ("x0", "companies_c.xlsx", 2),
                     ("x1", "companies_c.xlsx", 3), ("x2", "companies_c.xlsx", 4)]
    with mock.patch.object(onepass, "load_clean_source", return_value=None):
        full = build(source, tmp_path / "full.duckdb")
    assert full.ok
    assert _all_rows(tmp_path / "fast.duckdb") == _all_rows(tmp_path / "full.duckdb")


def test_cell_limit_counts_characters_not_bytes(tmp_path, caplog):
    """10,000 Chinese characters (30,000 bytes in UTF-8) are within the limit of 10,000 characters and
    load in the one pass; one more character and the full validation names the limit."""
    from etl.limits import LimitExceeded, Limits

    tables = valid_tables()
    offers = tables["companies"]["header"].index("offers")
    tables["companies"]["rows"][1][offers] = "机" * 10_000
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        assert check(write_source(tmp_path / "fits", tables), limits=Limits()).ok
    assert _passes(caplog)
    tables["companies"]["rows"][1][offers] = "机" * 10_001
    with pytest.raises(LimitExceeded) as hit:
        check(write_source(tmp_path / "over", tables), limits=Limits())
    assert "companies.csv, row 3, column offers: the value has 10,001 characters" in hit.value.line()


def _lf_source(tmp_path: Path, rows: int = 20_000) -> Path:
    """The valid source with companies.csv written with LF line ends and over 1 MiB long."""
    tables = valid_tables()
    first = tables["companies"]["rows"][0]
    tables["companies"]["rows"] += [[f"k{i}", f"Firma {i}", *first[2:]] for i in range(rows)]
    source = write_source(tmp_path / "src", tables)
    path = source / "companies.csv"
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n"))
    assert path.stat().st_size > CHUNK and b"\r" not in path.read_bytes()
    return source


def test_lf_file_is_hashed_beside_the_load(tmp_path, caplog):
    """An LF file is read while its scan runs in a thread: the pass holds, and the hash is the file's."""
    import hashlib

    source = _lf_source(tmp_path)
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        result = build(source, tmp_path / "db.duckdb")
    assert result.written and _passes(caplog)
    expected = hashlib.sha256((source / "companies.csv").read_bytes()).hexdigest()
    assert next(f.sha256 for f in result.files if f.name == "companies.csv") == expected
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        files = con.execute("SELECT files FROM etl_runs").fetchall()[0][0]
    assert expected in files


@pytest.mark.parametrize("late", ["crlf", "blank"])
def test_lf_file_with_a_cr_or_blank_line_after_its_first_mib_is_loaded_by_the_full_validation(tmp_path, caplog, late):
    """What the scan beside the load finds late (a CRLF, which DuckDB may also refuse to read, or a blank
    line after the first MiB) hands the source to the full validation, which numbers the rows as a
    spreadsheet does."""
    source = _lf_source(tmp_path)
    path = source / "companies.csv"
    data = path.read_bytes()
    row = data.rstrip(b"\n").split(b"\n")[-1].replace(b"k19999", b"late", 1)
    path.write_bytes(data + row + b"\r\n" if late == "crlf" else data + b"\n" + row + b"\n")
    with caplog.at_level(logging.DEBUG, logger="etl.onepass"):
        result = build(source, tmp_path / "db.duckdb")
    assert result.written and not _passes(caplog)
    if late == "blank":
        assert any("has blank lines" in r.getMessage() for r in caplog.records)
    with duckdb.connect(str(tmp_path / "db.duckdb"), read_only=True) as con:
        rows = dict(con.execute("SELECT company_id, source_row FROM companies "
                                "WHERE company_id IN ('k19999', 'late')").fetchall())
    # header, c1, c2, k0 .. k19999: k19999 is row 20,003; after a blank line 'late' is row 20,005
    assert rows == {"k19999": 20_003, "late": 20_004 if late == "crlf" else 20_005}
