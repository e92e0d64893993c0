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
    assert set(d["table"]) == {"cities", "companies", "projects", "memberships", "city_sector_stats",
                                "quality_notes"}
    row = d[(d.table == "projects") & (d.column == "direction")].iloc[0]
    assert bool(row.required) and row.allowed == "CN_TO_DE, DE_TO_CN, MUTUAL"


def test_load_history(con):
    h = data.load_history(con)
    assert set(h["file"]) >= {"cities.csv", "companies.csv"} and len(h["sha256"].iloc[0]) == 64


def test_upload_check_reports_rows_and_writes_nothing():
    content = b"company_id,name,city_id,sector,employees\nq1,Neue GmbH,mainz,29.99,ten\n"
    report = data.check_upload(None, "companies_mainz.csv", content)
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
    report = data.check_upload(None, name, content)
    assert len(report) >= 1
    assert expected in " ".join(report["message"])


def test_data_package(con):
    package = zipfile.ZipFile(io.BytesIO(data.data_package(con, cities=("mainz",))))
    assert set(package.namelist()) == {"cities.csv", "companies.csv", "projects.csv", "memberships.csv",
                                       "city_sector_stats.csv", "quality_notes.csv", "data_dictionary.csv",
                                       "load_history.csv", "README.txt"}
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


# -- the upload check runs against the database being served ------------------------------------------
@pytest.fixture(scope="module")
def own(tmp_path_factory):
    """A served database of a city's own data: its only city is ownville, with one company."""
    from tests.factory import city, make_tables

    tables = make_tables(cities=[city("ownville", "DE")],
                         companies=[{"company_id": "o1", "name": "Own GmbH", "city_id": "ownville", "sector": "28",
                                     "employees": 7}],
                         memberships=[{"city_id": "ownville", "event": "founded", "date": "2016-04-25"}])
    connection = connect(build_db(tmp_path_factory.mktemp("own"), tables))
    yield connection
    connection.close()


OWN_COMPANY = b"company_id,name,city_id,sector,employees\nq1,Neue GmbH,ownville,29.10,5\n"


def test_upload_refers_to_the_served_cities_not_the_seed(own):
    assert data.check_upload(own, "companies_own.csv", OWN_COMPANY).empty
    report = data.check_upload(own, "companies_own.csv", OWN_COMPANY.replace(b"ownville", b"mainz"))
    assert report[["row", "column", "message"]].values.tolist() == [
        [2, "city_id", "'mainz' is not a city_id of table cities"]]
    # without a served database the bundled seed is the reference: there ownville is unknown, mainz known
    assert "'ownville' is not a city_id" in " ".join(data.check_upload(None, "companies_own.csv", OWN_COMPANY).message)


def test_upload_is_checked_as_if_added_to_the_served_data(own):
    """An id already served from another file is a duplicate naming it; a file of the same name replaces it."""
    content = OWN_COMPANY.replace(b"q1,", b"o1,")
    report = data.check_upload(own, "companies_more.csv", content)
    assert report.message.tolist() == ["duplicate company_id 'o1': already in companies.csv, row 2; ids must be unique"]
    assert data.check_upload(own, "companies.csv", content).empty
    projects = (b"project_id,title,cn_city_id,de_city_id,direction,status,sector,company_ids\n"
                b"p9,Neu,ownville,ownville,MUTUAL,idea,28,o1;zz\n")
    report = data.check_upload(own, "projects_own.csv", projects)
    assert report[["column", "message"]].values.tolist() == [
        ["cn_city_id", "city ownville (DE) is not in CN; expected a city with country CN"],
        ["company_ids", "'zz' is not a company_id of table companies"]]


def test_uploaded_memberships_meet_the_served_procedure(own):
    content = b"city_id,event,date,actor_city_id\nownville,withdrawn,2020-01-01,\nownville,consent,2020-02-01,koeln\n"
    report = data.check_upload(own, "memberships_own.csv", content)
    assert report[["level", "row", "column"]].values.tolist() == [["error", 3, "actor_city_id"]]
    report = data.check_upload(own, "memberships_own.csv", content.replace(b"koeln", b"ownville"))
    assert report[["level", "row", "message"]].values.tolist() == [
        ["warning", 3, "consent or objection from a city that was not a member on that date"]]


def test_upload_limits_are_named(own):
    from etl.limits import Limits

    content = OWN_COMPANY + b"".join(b"q%d,X,ownville,28,5\n" % i for i in range(2, 12))
    report = data.check_upload(own, "companies_own.csv", content, limits=Limits(max_rows=5))
    assert report[["level", "row", "message"]].values.tolist() == [
        ["error", 7, "the file has more than 5 data rows; reading stopped here (limit max_rows = 5)"]]


def test_unexpected_failure_is_logged_with_traceback_and_named(own, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("the disk said no\nsecond line")

    monkeypatch.setattr(data, "check_file", broken)
    with caplog.at_level("ERROR", logger="alliance.data"):
        report = data.check_upload(own, "companies_own.csv", OWN_COMPANY)
    assert report.message.tolist() == ["the file could not be checked (RuntimeError: the disk said no)"]
    (record,) = [r for r in caplog.records if r.name == "alliance.data"]
    assert record.exc_info and "companies_own.csv" in record.getMessage()


def test_data_package_neutralises_formulas_after_line_breaks(tmp_path):
    """A name with a bare CR and a formula after it stays one field of one row, its second line text."""
    import pandas as pd

    from alliance.db import connect
    from tests.factory import build_db, valid_tables

    tables = valid_tables()
    payloads = ["Acme GmbH\r=cmd|' /C calc'!A0", "Two\nlines\n+1", "Tab\t@SUM(A1)", "Crlf\r\n-2+3"]
    template = tables["companies"]["rows"][0]
    tables["companies"]["rows"] = [[f"x{i}", name, *template[2:]] for i, name in enumerate(payloads)]
    tables["projects"]["rows"] = []
    with connect(build_db(tmp_path, tables)) as con:
        package = zipfile.ZipFile(io.BytesIO(data.data_package(con)))
    companies = pd.read_csv(io.BytesIO(package.read("companies.csv")), dtype=str, keep_default_na=False)
    assert companies["company_id"].tolist() == ["x0", "x1", "x2", "x3"]  # no field became a row of its own
    for name in companies["name"]:
        for line in name.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            assert not line.startswith(("=", "+", "-", "@")), repr(name)
