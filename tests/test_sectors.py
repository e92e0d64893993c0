"""Sector metrics on a fixture whose expected values are worked out by hand below.

Companies (employees): a: a1 28.41 (100), a2 28.92 (300), a3 10.11 (100); b: b1 21.20 (200);
mainz: m1 28.41 (100), m2 21.20 (300). Branchen: 28 machinery, 10 food, 21 pharma.
Employees: E(a)=500, E(b)=200, E(mainz)=400, E=1100; E(machinery)=500, E(food)=100, E(pharma)=500.
"""

import pytest

from alliance import sectors
from alliance.i18n import explain


def cell(frame, city_id, sector, column):
    (value,) = frame.loc[(frame.city_id == city_id) & (frame.sector == sector), column]
    return value


def test_branche_matrix_counts_and_lq(analytics_db):
    m = sectors.city_sector_matrix(analytics_db, level="branche")
    assert cell(m, "a", "machinery", "companies") == 2
    assert cell(m, "a", "machinery", "smes") == 1  # a2 has 300 employees
    assert cell(m, "a", "machinery", "employees") == 400
    # LQ(a, machinery) = (400/500) / (500/1100) = 1.76
    assert cell(m, "a", "machinery", "lq") == pytest.approx(1.76)
    # LQ(mainz, machinery) = (100/400) / (500/1100) = 0.55
    assert cell(m, "mainz", "machinery", "lq") == pytest.approx(0.55)
    # LQ(b, pharma) = (200/200) / (500/1100) = 2.2
    assert cell(m, "b", "pharma", "lq") == pytest.approx(2.2)
    assert bool(cell(m, "mainz", "pharma", "declared_strength")) is True


def test_lq_on_company_counts_and_within_one_country(analytics_db):
    m = sectors.city_sector_matrix(analytics_db, level="branche", basis="companies")
    # companies: a 3, b 1, mainz 2, total 6; machinery 3. LQ(a, machinery) = (2/3) / (3/6) = 4/3
    assert cell(m, "a", "machinery", "lq") == pytest.approx(4 / 3)
    cn = sectors.city_sector_matrix(analytics_db, level="branche", scope="CN")
    assert set(cn.city_id) == {"a", "b"}
    # within China: E=700, machinery 400. LQ(a, machinery) = (400/500) / (400/700) = 1.4
    assert cell(cn, "a", "machinery", "lq") == pytest.approx(1.4)


def test_division_level(analytics_db):
    m = sectors.city_sector_matrix(analytics_db, level="division")
    assert cell(m, "a", "28", "employees") == 400
    assert cell(m, "a", "28", "sector_de") == "Maschinenbau"


def test_declared_vs_measured(analytics_db):
    d = sectors.declared_vs_measured(analytics_db)
    findings = {(r.city_id, r.sector): r.finding for r in d.itertuples()}
    assert findings[("mainz", "pharma")] == ""  # declared, LQ (300/400)/(500/1100) = 1.65
    assert findings[("mainz", "electronics")] == "declared_not_measured"  # declared, no companies
    assert findings[("a", "food")] == "measured_not_declared"  # LQ (100/500)/(100/1100) = 2.2
    assert findings[("a", "machinery")] == ""
    assert ("mainz", "machinery") not in findings  # LQ 0.55, not declared


def test_partner_ranking_by_hand(analytics_db):
    r = sectors.partner_ranking(analytics_db, focus="mainz").set_index("partner_id")
    # profiles (employee shares): mainz machinery .25 pharma .75; a machinery .8 food .2; b pharma 1.
    # cos(mainz, a) = .25*.8 / (sqrt(.625) * sqrt(.68)) = 0.3068; cos(mainz, b) = .75 / sqrt(.625) = 0.9487
    assert r.loc["a", "cosine"] == pytest.approx(0.2 / (0.625 ** 0.5 * 0.68 ** 0.5))
    assert r.loc["b", "cosine"] == pytest.approx(0.75 / 0.625 ** 0.5)
    assert list(r.loc["a", "focus_gets"]) == ["machinery"] and list(r.loc["a", "partner_gets"]) == ["pharma"]
    assert list(r.loc["b", "shared"]) == ["pharma"]
    # score a = .5*.3068 + .3*2/3 + 0 = .3534; score b = .5*.9487 + 0 + .2*1/3 = .5410
    assert r.loc["a", "score"] == pytest.approx(0.5 * 0.30679 + 0.2, abs=1e-4)
    assert r.loc["b", "score"] == pytest.approx(0.5 * 0.94868 + 0.2 / 3, abs=1e-4)
    assert list(r.index) == ["b", "a"]  # k has no companies and no declarations: not in the other country
    names = sectors.reference_names(analytics_db)
    assert "gemeinsame Stärken: Pharma" in explain(r.loc["b", "reasons"], "de", names)
    assert "strong in what you seek: Machinery" in explain(r.loc["a", "reasons"], "en", names)
    # the domain says it in tokens with codes and numbers; the catalogue says it in each language
    assert r.loc["a", "reasons"] == [("similarity", {"cosine": pytest.approx(0.30679, abs=1e-4)}),
                                     ("strong_in_wishes", {"sectors": ["machinery"]}),
                                     ("seeks_strengths", {"sectors": ["pharma"]})]
    assert explain(r.loc["a", "reasons"], "zh", names) == (
        "结构相似度 0.31；在您寻求的领域具有优势：机械；寻求您的优势领域：医药")


def test_sme_opportunities(analytics_db):
    o = sectors.sme_opportunities(analytics_db, focus="mainz")
    # mainz has SMEs only in machinery (m1, 100); in China only a is strong there (LQ 1.76, declared)
    assert o[["sector", "focus_smes", "partner_id", "partner_companies", "partner_smes"]].values.tolist() == [
        ["machinery", 1, "a", 2, 1]]


def test_bad_parameters_are_refused(analytics_db):
    with pytest.raises(ValueError):
        sectors.city_sector_matrix(analytics_db, level="nace; DROP TABLE cities")
    with pytest.raises(ValueError):
        sectors.city_sector_matrix(analytics_db, scope="FR")


def test_smes_only_and_row_filters(analytics_db):
    m = sectors.city_sector_matrix(analytics_db, level="branche", smes_only=True)
    # SMEs: a1 (100, machinery), a3 (100, food), b1 (200, pharma), m1 (100, machinery); m2 (300) is not one.
    # E = 500; LQ(a, machinery) = (100/200) / (200/500) = 1.25
    assert cell(m, "a", "machinery", "companies") == 1 and cell(m, "a", "machinery", "employees") == 100
    assert cell(m, "a", "machinery", "lq") == pytest.approx(1.25)
    assert cell(m, "mainz", "pharma", "companies") == 0
    only_de = sectors.city_sector_matrix(analytics_db, countries=("DE",))
    assert set(only_de.city_id) == {"mainz"}
    assert cell(only_de, "mainz", "machinery", "lq") == pytest.approx(0.55)  # still over the whole alliance
    pharma = sectors.city_sector_matrix(analytics_db, level="division", branchen=("pharma",))
    assert set(pharma.sector) == {"21"}


def test_names_for_the_display_edge(analytics_db):
    """Results carry ids; their names in every language come from the reference data (zh of a NACE group
    or class: its division's), and city names in Chinese where the data has them."""
    names = sectors.reference_names(analytics_db)
    assert names.sector("machinery", "zh") == "机械" and names.sector("28", "de") == "Maschinenbau"
    assert names.sector("28.41", "zh") == names.sector("28", "zh")
    assert names.city("a", "zh") == "a市" and names.city("a", "de") == "A" and names.city("nope", "zh") == "nope"
    d = sectors.declared_vs_measured(analytics_db)
    assert {"city_de", "city_en", "city_zh"} <= set(d.columns)
    o = sectors.sme_opportunities(analytics_db, focus="mainz")
    assert o[["partner_de", "partner_en", "partner_zh"]].values.tolist() == [["A", "A", "a市"]]
