"""The taxonomies of data/reference/ keep their promises (counts, parents, crosswalk, Branchen)."""

import duckdb
import pytest

from etl import schema


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    schema.create_tables(connection)
    schema.load_reference(connection)
    yield connection
    connection.close()


def counts(con, table):
    return dict(con.execute(f"SELECT level, count(*) FROM {table} GROUP BY level").fetchall())


def test_nace_rev2_is_complete(con):
    assert counts(con, "nace") == {"section": 21, "division": 88, "group": 272, "class": 615}


def test_gbt_4754_2017_levels(con):
    got = counts(con, "gbt")
    assert got["section"] == 20 and got["division"] == 97 and got["group"] == 473
    assert got["class"] in (1380, 1381)  # 1381 with the 2019 amendment (see data/reference/SOURCES.md)


@pytest.mark.parametrize("table", ["nace", "gbt"])
def test_every_parent_exists_one_level_up(con, table):
    orphans = con.execute(
        f"""SELECT c.code FROM {table} AS c LEFT JOIN {table} AS p ON p.code = c.parent_code
        WHERE c.level <> 'section' AND (p.code IS NULL OR
              (c.level, p.level) NOT IN (('division', 'section'), ('group', 'division'), ('class', 'group')))"""
    ).fetchall()
    assert orphans == []


def test_names_present(con):
    assert con.execute("SELECT count(*) FROM nace WHERE level IN ('section', 'division') AND "
                       "(name_de IS NULL OR name_zh IS NULL)").fetchall()[0][0] == 0
    assert con.execute("SELECT name_de FROM nace WHERE code = '29.10'").fetchall() == [
        ("Herstellung von Kraftwagen und Kraftwagenmotoren",)]


def test_crosswalk_covers_every_gbt_division_with_shares_summing_to_one(con):
    rows = con.execute(
        """SELECT g.code, round(sum(x.share), 2) FROM gbt AS g LEFT JOIN gbt_nace_crosswalk AS x
        ON x.gbt_division = g.code WHERE g.level = 'division' GROUP BY g.code"""
    ).fetchall()
    assert len(rows) == 97
    assert [code for code, total in rows if total != 1.0] == []
    assert con.execute("SELECT count(*) FROM gbt_nace_crosswalk WHERE nace_division NOT IN "
                       "(SELECT code FROM nace WHERE level = 'division')").fetchall()[0][0] == 0


def test_crosswalk_never_joins_on_equal_numbers(con):
    """GB/T 31 is iron and steel (NACE 24); GB/T 35 special machinery (NACE 28), not NACE 35 electricity."""
    main = dict(con.execute("SELECT gbt_division, first(nace_division ORDER BY share DESC) FROM "
                            "gbt_nace_crosswalk GROUP BY ALL").fetchall())
    assert main["31"] == "24"
    assert main["35"] == "28"
    assert main["36"] == "29"


def test_branchen_partition_all_divisions(con):
    assert con.execute("SELECT count(*) FROM nace_branche").fetchall()[0][0] == 88
    assert con.execute("SELECT count(*) FROM nace WHERE level = 'division' AND code NOT IN "
                       "(SELECT nace_division FROM nace_branche)").fetchall()[0][0] == 0
    assert 15 <= con.execute("SELECT count(*) FROM branchen").fetchall()[0][0] <= 21


def test_countries_have_boxes_for_the_alliance(con):
    boxes = dict(con.execute("SELECT iso2, [min_lat, max_lat, min_lon, max_lon] FROM countries "
                             "WHERE iso2 IN ('CN', 'DE')").fetchall())
    assert boxes["DE"][0] < 49.98 < boxes["DE"][1] and boxes["DE"][2] < 8.28 < boxes["DE"][3]
    assert boxes["CN"][0] < 23.03 < boxes["CN"][1] and boxes["CN"][2] < 113.13 < boxes["CN"][3]
