"""Risk and status notes on companies: part of the contract, loaded with their source and date."""

from __future__ import annotations

import duckdb
import pytest

from etl import contract
from etl.build import build
from etl.contract.paths import SEED_DIR
from etl.contract.version import SCHEMA_VERSION
from tests.factory import ANALYTICS_COMPANIES, analytics_tables, build_db, make_tables


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = build(SEED_DIR, db)
    assert result.ok, [m.line() for m in result.errors]
    return db


def test_the_contract_has_an_optional_sourced_note_on_companies():
    names = contract.COMPANIES.column_names
    assert {"note", "note_source", "note_date"} <= set(names)
    assert not any(contract.COMPANIES.column(n).required for n in ("note", "note_source", "note_date"))
    assert contract.COMPANIES.column("note_date").kind == contract.DATE
    assert SCHEMA_VERSION >= 9


def test_the_bundled_fraud_case_carries_its_note_with_source_and_date(seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    rows = con.execute("SELECT company_id, note, note_source, note_date FROM v_companies "
                       "WHERE note IS NOT NULL").fetchall()
    assert [r[0] for r in rows] == ["cn_jieyang_kangmei"]
    _, note, source, date = rows[0]
    assert "CSRC" in note and source.startswith("https://")
    assert str(date) == "2020-05-14"


def test_a_citys_file_may_deliver_notes_and_a_bad_note_date_is_reported(tmp_path):
    companies = [dict(c) for c in ANALYTICS_COMPANIES]
    companies[0].update(note="Insolvenzverfahren eröffnet", note_source="https://example.org/i", note_date="01.07.2025")
    tables = analytics_tables()
    tables["companies"] = make_tables(companies=companies)["companies"]
    con = duckdb.connect(str(build_db(tmp_path / "ok", tables)), read_only=True)
    assert con.execute("SELECT note, note_source, note_date::VARCHAR FROM companies WHERE company_id = 'a1'"
                       ).fetchall() == [("Insolvenzverfahren eröffnet", "https://example.org/i", "2025-07-01")]
    companies[0]["note_date"] = "irgendwann"
    tables["companies"] = make_tables(companies=companies)["companies"]
    from tests.factory import write_source
    result = build(write_source(tmp_path / "bad" / "source", tables), tmp_path / "bad" / "x.duckdb")
    assert not result.ok
    assert any("note_date" in m.line() and "row 2" in m.line() for m in result.errors)
