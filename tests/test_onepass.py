"""The one pass of etl/onepass.py: a clean source loads in it, anything else goes to the full validation
with the same messages; CSVs mixing CRLF and LF line endings are read."""

from __future__ import annotations

import logging
from unittest import mock

import duckdb

from etl import onepass
from etl.build import build, check
from etl.contract.paths import SEED_DIR
from tests.factory import valid_tables, write_source


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
