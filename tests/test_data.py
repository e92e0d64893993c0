"""Browsing, the data dictionary, load history, upload checks and the data package."""

import csv
import io
import zipfile

import pytest

from alliance import data
from alliance.db import connect
from tests.factory import build_db, valid_tables


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tables = valid_tables()
    tables["companies"]["rows"][0][1] = "=HYPERLINK(\"http://evil\")"
    connection = connect(build_db(tmp_path_factory.mktemp("data"), tables))
    yield connection
    connection.close()


def test_browse_filters_pages_and_counts(con):
    rows, total = data.browse(con, data.Browse("companies", cities=("foshan",)))
    assert total == 1 and rows["company_id"].tolist() == ["c2"]
    rows, total = data.browse(con, data.Browse("projects", cities=("mainz",)))
    assert total == 1
    rows, total = data.browse(con, data.Browse("companies", text="ceramics"))
    assert rows["company_id"].tolist() == ["c2"]
    rows, total = data.browse(con, data.Browse("companies", limit=1, offset=1))
    assert total == 2 and rows["company_id"].tolist() == ["c2"]
    assert data.browse(con, data.Browse("companies", include_samples=False))[1] == 0
    with pytest.raises(ValueError):
        data.browse(con, data.Browse("etl_runs; DROP TABLE cities"))


def test_dictionary_covers_the_contract():
    d = data.data_dictionary()
    assert set(d["table"]) == {"cities", "companies", "projects", "memberships", "quality_notes"}
    row = d[(d.table == "projects") & (d.column == "direction")].iloc[0]
    assert bool(row.required) and row.allowed == "CN_TO_DE, DE_TO_CN, MUTUAL"


def test_load_history(con):
    h = data.load_history(con)
    assert set(h["file"]) >= {"cities.csv", "companies.csv"} and len(h["sha256"].iloc[0]) == 64


def test_upload_check_reports_rows_and_writes_nothing():
    content = b"company_id,name,city_id,sector,employees\nq1,Neue GmbH,mainz,29.99,ten\n"
    report = data.check_upload("companies_mainz.csv", content)
    assert report[["row", "column"]].values.tolist() == [[2, "employees"], [2, "sector"]]
    assert set(report["level"]) == {"error"}


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("../../etc/passwd", b"root:x", "unsupported file type"),
    ("companies.xlsx", b"PK\x03\x04 not really a zip", "cannot be opened as an XLSX workbook"),
    ("companies.csv", b"", "empty"),
    ("companies.csv", b"x" * (data.MAX_UPLOAD_BYTES + 1), "too large"),
    ("notes.csv", b"a,b\n1,2\n", "matches no table"),
    ("companies.csv", "id\u0000name\n\u0000\u0001".encode(), ""),
])
def test_hostile_or_broken_uploads_get_a_message(name, content, expected):
    report = data.check_upload(name, content)
    assert len(report) >= 1
    assert expected in " ".join(report["message"])


def test_data_package(con):
    package = zipfile.ZipFile(io.BytesIO(data.data_package(con, cities=("mainz",))))
    assert set(package.namelist()) == {"cities.csv", "companies.csv", "projects.csv", "memberships.csv",
                                       "quality_notes.csv", "data_dictionary.csv", "load_history.csv", "README.txt"}
    companies = list(csv.DictReader(io.StringIO(package.read("companies.csv").decode())))
    assert [c["company_id"] for c in companies] == ["c1"]
    assert companies[0]["name"] == "'=HYPERLINK(\"http://evil\")"  # neutralised
    assert companies[0]["is_sample"] == "true"


def test_browse_with_the_global_filters(con):
    assert data.browse(con, data.Browse("cities", countries=("CN",)))[0]["city_id"].tolist() == ["foshan"]
    assert data.browse(con, data.Browse("companies", countries=("DE",)))[0]["company_id"].tolist() == ["c1"]
    assert data.browse(con, data.Browse("companies", smes_only=True))[0]["company_id"].tolist() == ["c1"]
    # c2 is GB/T 3670 -> NACE 29 (automotive); c1 is 28.41 (machinery)
    assert data.browse(con, data.Browse("companies", branchen=("automotive",)))[0]["company_id"].tolist() == ["c2"]
