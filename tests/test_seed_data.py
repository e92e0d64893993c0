"""The bundled dataset keeps its promises: sources, coordinates, resolvable codes, flagged samples."""

import duckdb
import pytest

from etl.build import build
from etl.contract.paths import SEED_DIR


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = build(SEED_DIR, db)
    assert result.ok, [m.line() for m in result.errors]
    con = duckdb.connect(str(db), read_only=True)
    yield con, result
    con.close()


def scalar(con, sql):
    return con.execute(sql).fetchall()[0][0]


def test_every_city_has_a_source_and_coordinates_in_its_country(seed):
    con, result = seed
    assert scalar(con, "SELECT count(*) FROM cities WHERE nullif(trim(source), '') IS NULL") == 0
    assert [m.line() for m in result.warnings if "territory" in m.text] == []
    outside = con.execute(
        "SELECT city_id FROM cities JOIN countries ON iso2 = country "
        "WHERE NOT (lat BETWEEN min_lat AND max_lat AND lon BETWEEN min_lon AND max_lon)").fetchall()
    assert outside == []


def test_the_right_taizhou(seed):
    con, _ = seed
    assert con.execute("SELECT name_zh, region FROM cities WHERE city_id = 'taizhou_zj'").fetchall() == [
        ("台州市", "Zhejiang")]
    assert scalar(con, "SELECT count(*) FROM cities WHERE name_zh LIKE '泰州%'") == 0


def test_founding_members_and_plenary_admissions(seed):
    con, _ = seed
    founders = {r[0] for r in con.execute("SELECT city_id FROM memberships WHERE event = 'founded'").fetchall()}
    assert {"foshan", "jiangmen", "zhuzhou", "zhaoqing", "jieyang", "yunfu", "jiaozuo", "nanning", "taizhou_zj",
            "guiyang", "liuzhou"} <= founders
    assert scalar(con, "SELECT count(*) FROM memberships WHERE event = 'founded' AND date <> DATE '2016-04-25'") == 0
    admitted_2017 = {r[0] for r in con.execute(
        "SELECT city_id FROM memberships WHERE event = 'admitted' AND date = DATE '2017-04-24'").fetchall()}
    assert {"koeln", "mainz", "nuernberg", "chemnitz"} <= admitted_2017


def test_members_by_country_are_plausible(seed):
    con, _ = seed
    counts = dict(con.execute("SELECT country, count(*) FROM cities GROUP BY country").fetchall())
    assert counts["CN"] >= 25 and counts["DE"] >= 20


def test_disputes_are_recorded_not_decided(seed):
    con, _ = seed
    notes = " ".join(r[0] for r in con.execute("SELECT note FROM quality_notes").fetchall())
    for term in ("7", "Osnabrück", "Kaiserslautern", "Yunfu"):
        assert term in notes


def test_sample_procedure_is_flagged_and_not_mixed_into_real_histories(seed):
    con, _ = seed
    mixed = con.execute(
        "SELECT city_id FROM memberships GROUP BY city_id HAVING count(DISTINCT is_sample) > 1").fetchall()
    assert mixed == []
    assert scalar(con, "SELECT count(*) FROM memberships WHERE is_sample AND event = 'applied'") >= 1


@pytest.mark.parametrize("table", ["cities", "companies", "projects", "memberships"])
def test_no_unflagged_record_without_a_source(seed, table):
    con, _ = seed
    assert scalar(con, f"SELECT count(*) FROM {table} WHERE NOT is_sample AND nullif(trim(source), '') IS NULL") == 0


def test_every_sector_code_resolves(seed):
    con, _ = seed
    for sql in ("SELECT count(*) FROM companies WHERE coalesce(sector, sector_gbt) IS NULL",
                "SELECT count(*) FROM v_companies WHERE nace_division NOT IN (SELECT code FROM nace)",
                "SELECT count(*) FROM city_sectors WHERE code NOT IN (SELECT code FROM nace)",
                "SELECT count(*) FROM projects WHERE sector NOT IN (SELECT code FROM nace)"):
        assert scalar(con, sql) == 0, sql


def test_dataset_size(seed):
    con, _ = seed
    assert scalar(con, "SELECT count(*) FROM companies") >= 400
    assert scalar(con, "SELECT count(*) FROM companies WHERE city_id = 'mainz'") >= 40
    assert scalar(con, "SELECT count(*) FROM projects") >= 60
    assert scalar(con, "SELECT count(*) FROM companies WHERE NOT is_sample") >= 40
    assert scalar(con, "SELECT count(*) FROM projects WHERE NOT is_sample") >= 20


def test_every_member_city_has_three_real_companies_or_a_note_why_not(seed):
    con, _ = seed
    short = con.execute(
        "SELECT m.city_id, count(c.company_id) FILTER (WHERE NOT c.is_sample) AS real_companies "
        "FROM (SELECT DISTINCT city_id FROM memberships WHERE NOT is_sample AND event IN ('founded', 'admitted', "
        "'observer')) AS m LEFT JOIN companies AS c USING (city_id) GROUP BY m.city_id HAVING real_companies < 3 "
        "ORDER BY m.city_id"
    ).fetchall()
    explained = {r[0] for r in con.execute(
        "SELECT subject_id FROM quality_notes WHERE subject_table = 'cities' AND field = 'companies'").fetchall()}
    assert [city for city, _ in short if city not in explained] == []
    assert len(short) <= 1, short  # the research target: all but Maoming (see data/RESEARCH_companies.md)
    assert all(count >= 1 for _, count in short)


def test_real_company_figures_say_what_they_count_and_when(seed):
    con, _ = seed
    real = "FROM companies WHERE NOT is_sample"
    assert scalar(con, f"SELECT count(*) {real} AND employees_scope IS NULL") == 0
    assert scalar(con, f"SELECT count(*) {real} AND employees_year NOT BETWEEN 1990 AND year(current_date)") == 0
    dated = scalar(con, f"SELECT avg(CAST(employees_year IS NOT NULL AS INTEGER)) {real}")
    assert dated >= 0.9
    urls = "(https?://[^; ]+)(; ?https?://[^; ]+)*"
    assert scalar(con, f"SELECT count(*) {real} AND NOT regexp_full_match(source, '{urls}')") == 0
