"""The shortlist and the contact proposals (alliance/contacts.py through alliance.matching), and reasons
that refer to the candidate's own activity."""

from __future__ import annotations

import pytest

from alliance import matching
from alliance.db import connect
from tests.factory import ANALYTICS_COMPANIES, analytics_tables, build_db, city, make_tables


def test_parse_shortlist_keeps_known_ids_in_order_once(analytics_db):
    assert matching.parse_shortlist(analytics_db, "b1, nope,a1,b1,,m2") == ("b1", "a1", "m2")
    assert matching.parse_shortlist(analytics_db, "") == ()
    assert matching.parse_shortlist(analytics_db, "x;y") == ()


def test_parse_shortlist_keeps_at_most_twenty(tmp_path):
    many = [{"company_id": f"k{i:02d}", "name": f"K{i}", "city_id": "a", "sector": "28.41", "employees": 10,
             "source": "s"} for i in range(25)]
    tables = analytics_tables()
    tables["companies"] = make_tables(companies=ANALYTICS_COMPANIES + many)["companies"]
    con = connect(build_db(tmp_path, tables))
    raw = ",".join(f"k{i:02d}" for i in reversed(range(25)))
    parsed = matching.parse_shortlist(con, raw)
    assert len(parsed) == matching.MAX_SHORTLIST == 20
    assert parsed[:2] == ("k24", "k23")


def test_proposals_carry_the_contact_facts_and_the_best_partner_in_the_focus_city(analytics_db):
    proposals = matching.contact_proposals(analytics_db, "mainz", ["a1", "m1", "nope"], include_samples=True)
    required = {"company_id", "name", "name_zh", "city_id", "country", "nace_code", "employees", "employees_year",
                "employees_scope", "website", "source_url", "is_sample", "note", "best_partner_id",
                "best_partner_name", "reasons"}
    assert required <= set(proposals.columns)
    assert proposals["company_id"].tolist() == ["a1", "m1"]
    a1, m1 = proposals.iloc[0], proposals.iloc[1]
    # a1 (China, seeks 21) gets its best partner among Mainz's companies: m2 makes 21.20; m1 (Mainz) its
    # best match in China
    assert a1.best_partner_id == "m2" and a1.best_partner_name == "Mainz Pharma AG"
    assert dict(a1.reasons)["seeks"] == {"wanted": "21", "offered": "21.20"}
    assert m1.best_partner_id == matching.match_companies(analytics_db, "m1", k=1).iloc[0].company_id == "a1"
    assert (a1.country, a1.nace_code, a1.employees, a1.source_url) == ("CN", "28.41", 100, "s")
    assert dict(m1.reasons)["seeks"] == {"wanted": "28.41", "offered": "28.41"}
    assert a1.note == ""


@pytest.fixture(scope="module")
def furniture_db(tmp_path_factory):
    """City x is strong in furniture (31), not in medical devices (32); both are one Branche."""
    companies = [
        {"company_id": "x_furniture", "name": "X Furniture", "city_id": "x", "sector": "31.01", "employees": 5000,
         "source": "s"},
        {"company_id": "x_med", "name": "X Medical Devices", "city_id": "x", "sector": "32.50", "employees": 50,
         "offers": "Medizinprodukte", "source": "s", "website": "https://x-med.example",
         "employees_year": "2024", "employees_scope": "company",
         "note": "Ermittlungsverfahren wegen Betrugs", "note_source": "https://news.example/x",
         "note_date": "2025-01-31"},
        {"company_id": "y_med", "name": "Y Medical", "city_id": "y", "sector": "32.50", "employees": 5000,
         "source": "s", "is_sample": "true"},
        {"company_id": "y_mach", "name": "Y Machines", "city_id": "y", "sector": "28.41", "employees": 5000,
         "source": "s"},
        {"company_id": "m_seeker", "name": "M Medtech", "city_id": "m", "sector": "32.50", "employees": 20,
         "seeks": "Medizinprodukte", "seek_sectors": "32.50", "source": "s"},
        {"company_id": "m_food", "name": "M Food", "city_id": "m", "sector": "10.11", "employees": 10000,
         "source": "s"},
    ]
    tables = make_tables(cities=[city("x", "CN"), city("y", "CN"), city("m", "DE")], companies=companies)
    con = connect(build_db(tmp_path_factory.mktemp("furniture"), tables))
    yield con
    con.close()


def test_a_city_strong_in_another_activity_of_the_branche_is_no_reason(furniture_db):
    result = matching.match_companies(furniture_db, "m_seeker").set_index("company_id")
    x_med = dict(result.loc["x_med", "reasons"])
    assert "city_strong" not in x_med  # x's LQ in Branche furniture_consumer_goods is 2.5, in division 32 0.05
    assert x_med["words"] == {"words": ["Medizinprodukte"]}
    y_med = dict(result.loc["y_med", "reasons"])
    assert y_med["city_strong"]["branche"] == "32" and y_med["city_strong"]["lq"] >= 1.25


def test_matches_and_proposals_show_the_note_figure_and_website(furniture_db):
    row = matching.match_companies(furniture_db, "m_seeker").set_index("company_id").loc["x_med"]
    assert (row.employees_year, row.employees_scope, row.website) == (2024, "company", "https://x-med.example")
    assert row.note == "Ermittlungsverfahren wegen Betrugs" and row.note_source == "https://news.example/x"
    proposal = matching.contact_proposals(furniture_db, "m", ["x_med"], include_samples=True).iloc[0]
    assert proposal.note == "Ermittlungsverfahren wegen Betrugs" and str(proposal.note_date) == "2025-01-31"
    assert proposal.best_partner_id == "m_seeker"


def test_without_samples_no_sample_company_is_proposed_or_named_as_partner(furniture_db):
    assert matching.parse_shortlist(furniture_db, "y_med,x_med", include_samples=False) == ("x_med",)
    with_samples = matching.contact_proposals(furniture_db, "m", ["y_med", "m_seeker"], include_samples=True)
    assert with_samples["company_id"].tolist() == ["y_med", "m_seeker"]
    documented = matching.contact_proposals(furniture_db, "m", ["y_med", "m_seeker"], include_samples=False)
    assert documented["company_id"].tolist() == ["m_seeker"]
    assert documented.iloc[0].best_partner_id != "y_med" and not documented["best_partner_is_sample"].any()


def test_match_companies_within_one_city(analytics_db):
    within = matching.match_companies(analytics_db, "m1", city_id="b")
    assert within["city_id"].unique().tolist() == ["b"]
    assert matching.match_companies(analytics_db, "m1", city_id="nowhere").empty


def test_the_focus_citys_smes_come_first(furniture_db):
    assert matching.companies_in_city(furniture_db, "m")["company_id"].tolist() == ["m_seeker", "m_food"]
