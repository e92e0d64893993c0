"""A city's own data through the browser's path: preview against the served data, refusals, submission,
application as a new version, restore, and two editors at once (alliance/intake.py, alliance/instance.py)."""

from __future__ import annotations

import threading

import duckdb
import pytest

from alliance import intake
from alliance.instance import Instance
from tests.factory import HEADERS, build_db, csv_text, valid_tables, write_source, write_xlsx

COMPANY = dict(zip(HEADERS["companies"], valid_tables()["companies"]["rows"][0], strict=True))  # c1, Mainz


def company(**change: str) -> list[str]:
    return [{**COMPANY, **change}[name] for name in HEADERS["companies"]]


def upload(*rows: list[str]) -> bytes:
    return csv_text(HEADERS["companies"], list(rows)).encode()


@pytest.fixture
def served(tmp_path):
    """A served database built from the factory's source, and an instance starting from that source."""
    source = write_source(tmp_path / "source")
    db = tmp_path / "alliance.duckdb"
    from etl.build import build

    assert build(source, db).ok
    return db, source, Instance(tmp_path / "instance", db, seed=source)


def names(db) -> dict[str, tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {r[0]: r[1:] for r in con.execute("SELECT company_id, city_id, employees FROM companies").fetchall()}
    finally:
        con.close()


def test_preview_counts_new_changed_and_unchanged_rows_of_the_city(served):
    db, source, _ = served
    content = upload(company(employees="46"), company(company_id="c9", name="Neue Mainzer GmbH"))
    preview = intake.preview(db, source, "mainz", "companies", "Firmenliste Mainz.CSV", content)
    assert preview.ok, preview.findings
    assert preview.target == "companies_mainz.csv"
    assert {k: preview.counts[k] for k in ("new", "changed", "removed", "unchanged")} == \
        {"new": 1, "changed": 1, "removed": 0, "unchanged": 0}
    assert preview.examples == {"new": ["c9"], "changed": ["c1"]}
    assert names(db)["c1"][1] == 45  # nothing written to the served data
    assert not (source / "companies_mainz.csv").exists()


def test_a_row_of_another_city_is_refused_with_its_row(served):
    db, source, _ = served
    content = upload(company(), company(company_id="c8", city_id="foshan"))
    preview = intake.preview(db, source, "mainz", "companies", "companies.csv", content)
    assert not preview.ok
    refused = [f for f in preview.findings if f.token == "other_city"]
    assert [(f.row, f.column, f.values["cities"]) for f in refused] == [(3, "city_id", "foshan")]


def test_a_project_is_the_city_s_when_it_is_one_partner(served):
    db, source, _ = served
    header = HEADERS["projects"]
    rows = [valid_tables()["projects"]["rows"][0],
            ["p2", "Köln und Foshan", "foshan", "koeln", "MUTUAL", "idea", "28", "", "", "", "", "", "", "false"]]
    preview = intake.preview(db, source, "mainz", "projects", "p.csv", csv_text(header, rows).encode())
    assert [f.row for f in preview.findings if f.token == "other_city"] == [3]


def test_leaving_out_a_company_a_project_needs_is_an_error_naming_that_project(served):
    db, source, _ = served
    preview = intake.preview(db, source, "mainz", "companies", "c.csv",
                             upload(company(company_id="c9", name="Andere GmbH")))
    broken = [f for f in preview.findings if f.token == "breaks_other"]
    assert broken and broken[0].values["file"] == "projects.csv" and "c1" in broken[0].values["text"]
    assert not preview.ok


@pytest.mark.parametrize(("name", "content", "token"), [
    ("c.pdf", b"%PDF", "file_type"),
    ("c.csv", b"", "empty"),
])
def test_unusable_files_get_one_finding(served, name, content, token):
    db, source, _ = served
    preview = intake.preview(db, source, "mainz", "companies", name, content)
    assert [f.token for f in preview.findings] == [token]


def test_file_errors_name_row_and_column_as_the_command_line_does(served):
    db, source, _ = served
    preview = intake.preview(db, source, "mainz", "companies", "c.csv", upload(company(employees="viele")))
    assert [(f.row, f.column) for f in preview.errors] == [(2, "employees")]


def test_a_workbook_upload_is_previewed_like_a_csv(served, tmp_path):
    db, source, _ = served
    path = write_xlsx(tmp_path / "x.xlsx", HEADERS["companies"], [company(employees="50")])
    preview = intake.preview(db, source, "mainz", "companies", "Mainz.xlsx", path.read_bytes())
    assert preview.ok and preview.counts["changed"] == 1 and preview.target == "companies_mainz.xlsx"


def test_apply_makes_a_new_version_that_replaces_the_city_rows_and_restore_brings_the_old_back(served):
    db, source, instance = served
    content = upload(company(employees="46"), company(company_id="c9", name="Neue Mainzer GmbH"))
    preview = intake.preview(db, source, "mainz", "companies", "mainz.csv", content)
    number = instance.submit("ed@mainz.de", "mainz", preview.target, content, preview.summary())
    applied = instance.apply("sek@isa.example", number)
    assert applied.ok
    served_now = names(db)
    assert served_now["c1"] == ("mainz", 46) and served_now["c9"][0] == "mainz" and served_now["c2"][0] == "foshan"
    folder = instance.source_folder()
    assert "c1" not in (folder / "companies.csv").read_text() and (folder / "companies_mainz.csv").exists()
    assert "c1" in (source / "companies.csv").read_text()  # the starting folder is never changed
    [submission] = instance.submissions()
    assert submission["status"] == "applied" and submission["decided_by"] == "sek@isa.example"
    assert [a["action"] for a in instance.audit_log()] == ["upload_applied", "upload_submitted"]

    # a second upload, then back to the first applied version
    again = upload(company(employees="47"), company(company_id="c9", name="Neue Mainzer GmbH"))
    second = instance.apply("sek@isa.example", instance.submit("ed@mainz.de", "mainz", "companies_mainz.csv", again,
                                                               {"table": "companies"}))
    assert second.ok and names(db)["c1"][1] == 47
    restored = instance.restore("sek@isa.example", applied.version_id)
    assert restored.ok and names(db)["c1"][1] == 46
    assert [v["reason"] for v in instance.versions()][0] == f"restore v{applied.version_id}"


def test_apply_asks_again_and_refuses_rows_of_another_city(served):
    db, _, instance = served
    content = upload(company(), company(company_id="c8", city_id="foshan"))
    number = instance.submit("ed@mainz.de", "mainz", "companies_mainz.csv", content, {"table": "companies"})
    with pytest.raises(intake.RowsRefused) as refused:
        instance.apply("sek@isa.example", number)
    assert refused.value.findings[0].row == 3
    assert instance.submissions()[0]["status"] == "refused"
    assert "c8" not in names(db)


def test_two_editors_submitting_at_once_lose_nothing(served):
    _, _, instance = served
    numbers: list[int] = []

    def submit(user: str, city: str) -> None:
        numbers.append(instance.submit(user, city, f"companies_{city}.csv", upload(company(city_id=city)),
                                       {"table": "companies"}))

    threads = [threading.Thread(target=submit, args=(f"ed@{c}.example", c)) for c in ("mainz", "foshan") * 5]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == list(range(1, 11))
    assert len(instance.submissions("submitted")) == 10
    assert sum(a["action"] == "upload_submitted" for a in instance.audit_log()) == 10


def test_the_seed_is_served_until_a_version_exists(tmp_path):
    db = build_db(tmp_path)
    instance = Instance(tmp_path / "instance", db, seed=tmp_path / "source")
    assert instance.source_folder() == tmp_path / "source" and instance.versions() == []
