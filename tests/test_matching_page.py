"""The matching page (AppTest): the focus city's SMEs first, the reason beside the company, the contact
facts, the shortlist from the link with its proposals, and the sector picker without a select-all row."""

from __future__ import annotations

import pytest

from etl.build import build
from etl.contract.paths import SEED_DIR
from tests.apptest import open_page

PAGE = "pages/4_matching.py"


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "alliance.duckdb"
    assert build(SEED_DIR, db).ok
    return db


def frames(at):
    return [d.value for d in at.dataframe]


def test_defaults_to_an_sme_of_the_focus_city_and_shows_the_reason_next_to_the_company(monkeypatch, seed_db):
    at = open_page(monkeypatch, seed_db, PAGE)
    assert not at.exception
    company = at.selectbox(key="company")
    assert company.value.startswith("s_mainz_") or company.value.startswith("de_mainz_")
    assert "KMU" in company.label
    results = frames(at)[0]
    assert list(results.columns[:4]) == ["#", "Unternehmen", "Stadt", "Warum"]
    assert {"Beschäftigte (Jahr, Bezug)", "Website", "Quelle", "Hinweis"} <= set(results.columns)
    assert not results["Warum"].str.contains("Textähnlichkeit").all()


def test_the_shortlist_in_the_link_gives_contact_proposals_and_names_unknown_ids(monkeypatch, seed_db):
    at = open_page(monkeypatch, seed_db, PAGE, company="de_mainz_biontech",
                   shortlist="cn_jieyang_kangmei,nobody,de_mainz_biontech")
    assert not at.exception
    assert at.multiselect(key="shortlist").value == ["cn_jieyang_kangmei", "de_mainz_biontech"]
    proposals = next(f for f in frames(at) if "Bester Partner" in f.columns)
    assert len(proposals) == 2
    kangmei = proposals.iloc[0]
    assert "⚠" in kangmei["Unternehmen"] and "CSRC" in kangmei["Hinweis"] and "2020" in kangmei["Hinweis"]
    assert kangmei["Bester Partner"] and kangmei["Quelle"].startswith("https://")
    assert any("Kontaktliste" in toast.value for toast in at.toast)
    assert at.query_params["shortlist"] == "cn_jieyang_kangmei,de_mainz_biontech"


def test_documented_only_leaves_sample_companies_off_the_shortlist(monkeypatch, seed_db):
    at = open_page(monkeypatch, seed_db, PAGE, documented="1", company="de_mainz_biontech",
                   shortlist="s_mainz_015,cn_jieyang_kangmei")
    assert not at.exception
    assert at.multiselect(key="shortlist").value == ["cn_jieyang_kangmei"]
    proposals = next(f for f in frames(at) if "Bester Partner" in f.columns)
    assert "Beispiel" not in " ".join(proposals["Bester Partner"])


def test_profile_mode_offers_divisions_searched_by_common_words(monkeypatch, seed_db):
    at = open_page(monkeypatch, seed_db, PAGE, mode="profile", sq="Biotech")
    assert not at.exception
    seek = at.multiselect(key="seek")
    assert seek.options[:2] == ["21 Herstellung von pharmazeutischen Erzeugnissen", "72 Forschung und Entwicklung"]
    assert seek.proto.select_all == 0  # no "Select all" / "Select N matches" row
    at = open_page(monkeypatch, seed_db, PAGE, mode="profile", seek="21,72", sq="Biotech")
    assert not at.exception and frames(at)


def test_any_page_builds_the_company_index_ahead_of_the_first_match(monkeypatch, tmp_path):
    """Opening the overview starts the index build in a thread; a match afterwards finds it built."""
    import threading
    from unittest import mock

    import duckdb

    from alliance import matching

    db = tmp_path / "alliance.duckdb"
    assert build(SEED_DIR, db).ok
    at = open_page(monkeypatch, db, "app.py")
    assert not at.exception
    for thread in [t for t in threading.enumerate() if t.name == "company-index"]:
        thread.join(timeout=60)
    warmed = [key for key in matching._INDEX_CACHE if str(key[0]).startswith(str(tmp_path))]
    assert warmed, list(matching._INDEX_CACHE)
    with duckdb.connect(warmed[0][0], read_only=True) as con, \
            mock.patch.object(matching, "_build_index", side_effect=AssertionError("built again")):
        assert len(matching.company_index(con).ids) > 500
