"""Sector search of the matching page: Branche, then NACE division, by names and common words in three
languages; every common word's basis is a real reference entry."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from alliance import sector_search
from etl.contract.paths import REFERENCE_DIR


def first(con, query, branche=None):
    return sector_search.search_divisions(con, query, branche)["division"].tolist()


@pytest.mark.parametrize(("query", "expected"), [
    ("Pharma", ["21"]), ("pharma", ["21"]), ("Biotech", ["21", "72"]), ("Medizintechnik", ["26", "32"]),
    ("医药", ["21"]), ("汽车", ["29"]), ("Maschinenbau", ["28"]), ("Mobel", ["31"]), ("28", ["28"]),
    ("medical devices", ["32"]),
])
def test_common_words_and_names_find_their_divisions_first(analytics_db, query, expected):
    assert first(analytics_db, query)[:len(expected)] == expected


def test_pharma_does_not_offer_aircraft_repair_and_names_what_matched(analytics_db):
    found = sector_search.search_divisions(analytics_db, "Pharma")
    assert "33" not in found["division"].tolist()
    assert found.iloc[0]["matched"] == "Pharma" and found.iloc[0]["score"] == 100


def test_branche_narrows_and_empty_query_lists_all(analytics_db):
    assert len(first(analytics_db, "")) == 88
    within = first(analytics_db, "", "machinery")
    assert within == ["28", "33"]
    assert first(analytics_db, "Pharma", "machinery") == []
    assert first(analytics_db, "zzzz") == []


def test_every_terms_basis_is_a_reference_entry():
    nace = pd.read_csv(REFERENCE_DIR / "nace_rev2.csv", dtype=str, keep_default_na=False).set_index("code")
    gbt = pd.read_csv(REFERENCE_DIR / "gbt4754_2017.csv", dtype=str, keep_default_na=False).set_index("code")
    terms = sector_search.sector_terms()
    assert len(terms) > 90 and {lang for _, _, lang, _ in terms} == {"de", "en", "zh"}
    for division, _, _, basis in terms:
        assert division in nace.index and nace.loc[division, "level"] == "division"
        named = re.findall(r"GB/T ([0-9A-Z]+) (\S+)", basis)
        for code, name in named:
            assert gbt.loc[code, "name_zh"] == name, basis
        nace_code = re.match(r"NACE ([0-9.A-Z]+) ", basis)
        assert named or nace_code, basis
        if nace_code:
            assert nace_code.group(1) in nace.index, basis
