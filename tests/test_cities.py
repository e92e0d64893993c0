"""alliance.cities on a tiny real database: the profile's parts and the list of named companies."""

import duckdb
import pytest

from alliance import cities
from tests.factory import build_db, city, make_tables


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    tables = make_tables(
        cities=[city("a", "CN", strengths="28"), city("mainz", "DE", wishes="28")],
        companies=[
            {"company_id": "real_small", "name": "Klein GmbH", "city_id": "mainz", "sector": "28.41",
             "employees": 40, "employees_year": 2024, "employees_scope": "company",
             "source": "https://example.org/klein; https://example.org/klein2"},
            {"company_id": "real_big", "name": "Groß AG", "city_id": "mainz", "sector": "21.20", "employees": 900,
             "employees_scope": "site", "source": "https://example.org/gross"},
            {"company_id": "sample_huge", "name": "Beispiel SE", "city_id": "mainz", "sector": "21.20",
             "employees": 5000, "is_sample": "true"},
            {"company_id": "elsewhere", "name": "A Co.", "name_zh": "甲公司", "city_id": "a", "sector_gbt": "3670",
             "employees": 10, "source": "https://example.org/a"},
        ],
        memberships=[{"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
                     {"city_id": "mainz", "event": "admitted", "date": "2017-04-24", "source": "s"}],
    )
    connection = duckdb.connect(str(build_db(tmp_path_factory.mktemp("cities"), tables)), read_only=True)
    yield connection
    connection.close()


def test_real_companies_come_before_samples_then_by_employees(con):
    listed = cities.city_companies(con, "mainz")
    assert listed["company_id"].tolist() == ["real_big", "real_small", "sample_huge"]
    assert listed["is_sample"].tolist() == [False, False, True]


def test_company_rows_carry_the_figure_year_scope_and_first_source(con):
    row = cities.city_companies(con, "mainz").set_index("company_id").loc["real_small"]
    assert (row["employees"], row["employees_year"], row["employees_scope"]) == (40, 2024, "company")
    assert row["source"] == "https://example.org/klein"
    assert row["branche_de"] == "Maschinenbau"
    undated = cities.city_companies(con, "mainz").set_index("company_id").loc["real_big"]
    assert undated["employees_scope"] == "site" and undated.isna()["employees_year"]


def test_company_list_is_limited_and_gbt_sectors_are_shown(con):
    assert len(cities.city_companies(con, "mainz", limit=1)) == 1
    (row,) = cities.city_companies(con, "a").itertuples()
    assert (row.name_zh, row.sector) == ("甲公司", "3670")


def test_profile_holds_facts_companies_and_history(con):
    profile = cities.city_profile(con, "mainz")
    assert profile.facts["status"] == "member" and str(profile.facts["member_since"])[:10] == "2017-04-24"
    assert profile.companies["company_id"].tolist()[0] == "real_big"
    assert profile.companies_by_branche.set_index("branche_id").loc["pharma", "companies"] == 2
    assert profile.history["event"].tolist() == ["admitted"]
    assert profile.sources == ["https://example.org"]


def test_unknown_city_is_a_key_error(con):
    with pytest.raises(KeyError):
        cities.city_profile(con, "atlantis")
