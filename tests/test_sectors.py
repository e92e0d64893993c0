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
    # components (0-100): a: similarity 30.68, complement 100*2/3, shared 0, ties 50 (p1, one documented
    # project of 2 for full marks); b: similarity 94.87, complement 0, shared 100/3, ties 0.
    # score a = .4*30.68 + .25*66.67 + .15*0 + .2*50 = 38.94; score b = .4*94.87 + .15*33.33 = 42.95
    assert r.loc["a", "ties"] == 50 and r.loc["a", "projects"] == 1
    assert list(r.loc["a", "project_titles"]) == ["Werkzeugmaschinen"]
    assert r.loc["a", "score"] == pytest.approx(0.4 * 30.679 + 0.25 * 200 / 3 + 0.2 * 50, abs=1e-2)
    assert r.loc["b", "score"] == pytest.approx(0.4 * 94.868 + 0.15 * 100 / 3, abs=1e-2)
    # each component's share of the score adds up to 1
    parts = [f"{k}_part" for k in sectors.COMPONENTS]
    assert r.loc["a", parts].sum() == pytest.approx(1)
    assert r.loc["a", "ties_part"] == pytest.approx(10 / r.loc["a", "score"])
    assert list(r.index) == ["b", "a"]  # k has no companies and no declarations: not in the other country
    names = sectors.reference_names(analytics_db)
    assert "gemeinsame Stärken: Pharma" in explain(r.loc["b", "reasons"], "de", names)
    assert "strong in what you seek: Machinery" in explain(r.loc["a", "reasons"], "en", names)
    # the domain says it in tokens with codes and numbers; the catalogue says it in each language
    assert r.loc["a", "reasons"] == [("similarity", {"cosine": pytest.approx(0.30679, abs=1e-4)}),
                                     ("ties", {"n": 1, "projects": ["Werkzeugmaschinen"]}),
                                     ("strong_in_wishes", {"sectors": ["machinery"]}),
                                     ("seeks_strengths", {"sectors": ["pharma"]})]
    assert explain(r.loc["a", "reasons"], "zh", names) == (
        "结构相似度 0.31；已有 1 个有据项目：“Werkzeugmaschinen”；在您寻求的领域具有优势：机械；寻求您的优势领域：医药")


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


# Official structure, worked out by hand. Germany (employees, 2020, one scope): x TOTAL 1000, C 300, J 100,
# G-U 600 (and an older, coarser 2019 structure that is not used); y TOTAL 3000, C 600, J 600, G-U 2100.
# China (value added, GB/T): z TOTAL 500, PRIMARY 50 (-> A), SECONDARY 200 (-> B-F), TERTIARY 250 (-> G-U);
# w publishes GB/T section E (construction, NACE F) without a total, so it has no structure to use.
@pytest.fixture(scope="module")
def official_db(tmp_path_factory):
    from alliance.db import connect
    from tests.factory import build_db, city, make_tables

    def stat(city_id, system, code, value, measure="employees", year="2020", scope="SvB"):
        return {"city_id": city_id, "code_system": system, "code": code, "measure": measure, "value": value,
                "year": year, "scope": scope, "source": "https://example.org/stat"}

    # x publishes both partitions (the A*10 groups and the three sectors) and C inside B-E inside B-F
    x_2020 = (("TOTAL", 1000), ("A", 50), ("B-E", 350), ("C", 300), ("F", 100), ("B-F", 450), ("G-U", 500),
              ("G-I", 150), ("J", 100), ("K", 50), ("L", 50), ("M-N", 50), ("O-Q", 50), ("R-U", 50))
    stats = [stat("x", "NACE", c, v) for c, v in x_2020]
    # v publishes the A*10 groups only
    stats += [stat("v", "NACE", c, v) for c, v in (
        ("TOTAL", 2000), ("A", 100), ("B-E", 500), ("F", 100), ("G-I", 400), ("J", 200), ("K", 100), ("L", 100),
        ("M-N", 200), ("O-Q", 200), ("R-U", 100))]
    stats += [stat("x", "NACE", c, v, year="2019") for c, v in (("TOTAL", 900), ("C", 250))]
    stats += [stat("y", "NACE", c, v) for c, v in (("TOTAL", 3000), ("C", 600), ("J", 600), ("G-U", 2100))]
    stats += [stat("z", "GBT", c, v, "value_added", "2023", "地区生产总值")
              for c, v in (("TOTAL", 500), ("PRIMARY", 50), ("SECONDARY", 200), ("TERTIARY", 250))]
    stats += [stat("w", "GBT", "E", 10, year="2018", scope="法人单位从业人员")]
    company = {"sector": "28.41", "employees": "10", "source": "s"}
    tables = make_tables(
        cities=[city("x", "DE"), city("y", "DE"), city("v", "DE"), city("z", "CN", strengths="28"), city("w", "CN")],
        companies=[{"company_id": f"c_{c}", "name": f"Firma {c}", "city_id": c, **company} for c in "xyvzw"],
        projects=[{"project_id": "p_sample", "title": "Erfunden", "cn_city_id": "z", "de_city_id": "x",
                   "direction": "MUTUAL", "status": "agreed", "sector": "28", "source": "s", "is_sample": "true"}],
        memberships=[{"city_id": c, "event": "founded", "date": "2016-04-25", "source": "s"} for c in "xyvzw"],
        city_sector_stats=stats,
    )
    connection = connect(build_db(tmp_path_factory.mktemp("official"), tables))
    yield connection
    connection.close()


def test_gbt_codes_go_through_the_crosswalk(official_db):
    rows = dict(official_db.execute(
        "SELECT city_id || ':' || code, nace_code || ' ' || level || ' ' || array_to_string(sections, '') "
        "FROM city_sector_stats WHERE code_system = 'GBT'").fetchall())
    assert rows["z:PRIMARY"] == "A section A"
    assert rows["z:SECONDARY"] == "B-F sections BCDEF"
    assert rows["z:TERTIARY"] == "G-U sections GHIJKLMNOPQRSTU"
    assert rows["w:E"] == "F section F"  # GB/T E 建筑业 is NACE F construction


def test_official_structure_picks_the_most_detailed_publication(official_db):
    coverage = sectors.structure_coverage(official_db).set_index("city_id")
    assert coverage.loc["x", "year"] == 2020 and coverage.loc["x", "sectors"] == 13
    assert coverage.loc["z", "measure"] == "value_added"
    assert coverage["measure"].isna()["w"]  # no total: nothing to compute shares from


def test_official_lq_by_hand(official_db):
    m = sectors.city_sector_matrix(official_db, level="section", basis="official", scope="DE")
    # LQ(x, C) = (300/1000) / ((300+600) / (1000+3000)) = 0.3 / 0.225
    assert cell(m, "x", "C", "lq") == pytest.approx(0.3 / 0.225)
    # LQ(y, J) = (600/3000) / ((100+600+200) / (1000+3000+2000)); LQ(x, J) = 0.1 / 0.15
    assert cell(m, "y", "J", "lq") == pytest.approx(0.2 / 0.15)
    assert cell(m, "x", "J", "lq") == pytest.approx(0.1 / 0.15)
    alliance = sectors.city_sector_matrix(official_db, level="section", basis="official")
    # across the alliance only the same measure compares: z (value added) does not change x's LQ
    assert cell(alliance, "x", "C", "lq") == pytest.approx(0.3 / 0.225)
    assert cell(alliance, "z", "G-U", "lq") == pytest.approx(1.0)
    assert "w" not in set(alliance.city_id)


def test_official_similarity_by_hand(official_db):
    r = sectors.partner_ranking(official_db, focus="x", level="section", basis="official").set_index("partner_id")
    # x and z share only the three sectors: x A .05, B-F .45, G-U .5; z A .1, B-F .4, G-U .5.
    # C, J and the other groups of x are not counted a second time.
    assert r.loc["z", "cosine"] == pytest.approx(0.435 / (0.455 ** 0.5 * 0.42 ** 0.5))
    # x and v compare on the finer A*10 partition both publish completely
    x = [.05, .35, .10, .15, .10, .05, .05, .05, .05, .05]
    v = [.05, .25, .05, .20, .10, .05, .05, .10, .10, .05]
    dot = sum(a * b for a, b in zip(x, v, strict=True))
    norm = (sum(a * a for a in x) ** 0.5) * (sum(b * b for b in v) ** 0.5)
    others = sectors.partner_ranking(official_db, focus="x", level="section", basis="official",
                                     other_country_only=False).set_index("partner_id")
    assert others.loc["v", "cosine"] == pytest.approx(dot / norm)
    # z and v publish no partition in common: no profile to compare, said as such
    from_z = sectors.partner_ranking(official_db, focus="z", level="section", basis="official").set_index("partner_id")
    assert from_z.loc["v", "cosine"] == 0 and from_z.loc["v", "reasons"][0] == ("no_profile", {})
    # the only project between x and z is a sample: no tie
    assert r.loc["z", "ties"] == 0 and r.loc["z", "projects"] == 0
    # w has no official structure: its similarity is 0 and the reason says why, not "similarity 0.00"
    assert r.loc["w", "cosine"] == 0 and r.loc["w", "reasons"][0] == ("no_profile", {})
    assert r.loc["z", "reasons"][0][0] == "similarity"


def test_official_basis_only_where_it_exists(official_db):
    assert "official" in sectors.bases_for("section")
    assert "official" not in sectors.bases_for("branche")
    with pytest.raises(ValueError):
        sectors.city_sector_matrix(official_db, level="branche", basis="official")


def test_official_beside_the_companies(official_db):
    d = sectors.official_vs_companies(official_db).set_index(["city_id", "sector"])
    assert d.loc[("x", "C"), "official_share"] == pytest.approx(0.3)
    # all company employees of x are in 28.41 (section C): company share 1, company LQ 1 within Germany
    assert d.loc[("x", "C"), "company_share"] == pytest.approx(1.0)
    assert d.loc[("x", "C"), "company_lq"] == pytest.approx(1.0)
    # officially strong in J? no (0.57); companies nowhere in J: no finding either way
    assert d.loc[("x", "J"), "finding"] == ""
    # y: official LQ(J) 1.14 < 1.25; x: official LQ(C) 1.33 >= 1.25 with company LQ 1: no disagreement
    assert d.loc[("x", "C"), "finding"] == ""
    # z: G-U official LQ 1 within China, no company in services: share 0
    assert d.loc[("z", "G-U"), "company_share"] == 0


def test_employees_without_group_figures(analytics_db):
    full = sectors.city_sector_matrix(analytics_db, level="branche", basis="employees")
    local = sectors.city_sector_matrix(analytics_db, level="branche", basis="employees_local")
    # the fixture states no employees_scope: nothing is a group figure, both bases agree
    assert list(full["lq"].round(6)) == list(local["lq"].round(6))


def test_group_figures_leave_the_employee_basis(tmp_path):
    from alliance.db import connect
    from tests.factory import build_db, city, make_tables

    def firm(cid, city_id, sector, employees, scope):
        return {"company_id": cid, "name": cid, "city_id": city_id, "sector": sector, "employees": employees,
                "employees_scope": scope, "source": "s"}

    tables = make_tables(
        cities=[city("m", "DE"), city("n", "DE")],
        companies=[firm("glass", "m", "23.19", 17000, "group"), firm("pharma", "m", "21.20", 300, "site"),
                   firm("n_glass", "n", "23.19", 100, "company"), firm("n_pharma", "n", "21.20", 100, "company")],
        memberships=[{"city_id": c, "event": "founded", "date": "2016-04-25", "source": "s"} for c in "mn"],
    )
    con = connect(build_db(tmp_path, tables))
    local = sectors.city_sector_matrix(con, level="branche", basis="employees_local")
    # without the group's 17,000: m pharma 300 of 300; alliance pharma 400 of 500: LQ 1 / 0.8 = 1.25
    assert cell(local, "m", "pharma", "lq") == pytest.approx(1.25)
    assert cell(local, "m", "building_materials", "employees") == 0  # the matrix shows what the basis counts
    assert cell(local, "m", "building_materials", "companies") == 1  # the company itself still counts
    full = sectors.city_sector_matrix(con, level="branche", basis="employees")
    # with it: m pharma 300 of 17,300; alliance pharma 400 of 17,500
    assert cell(full, "m", "pharma", "lq") == pytest.approx((300 / 17300) / (400 / 17500))
    con.close()


def test_a_city_without_wishes_is_told(analytics_db):
    assert sectors.has_wishes(analytics_db, "mainz")
    assert not sectors.has_wishes(analytics_db, "b")


def test_partner_profiles_side_by_side(analytics_db):
    p = sectors.partner_profiles(analytics_db, "mainz", "b").set_index("sector")
    assert p.loc["pharma", "focus_share"] == pytest.approx(0.75) and p.loc["pharma", "partner_share"] == 1
    assert p.loc["machinery", "partner_share"] == 0 and bool(p.loc["machinery", "focus_wish"])
    assert bool(p.loc["pharma", "focus_strong"]) and bool(p.loc["pharma", "partner_strong"])


def test_official_profiles_side_by_side_count_each_sector_once(official_db):
    p = sectors.partner_profiles(official_db, "x", "z", level="section", basis="official").set_index("sector")
    # the pair compares on the three sectors: x's C, J and A*10 groups are not shown beside them
    assert sorted(p.index) == ["A", "B-F", "G-U"]
    assert p["focus_share"].sum() == pytest.approx(1.0) and p["partner_share"].sum() == pytest.approx(1.0)
    assert p.loc["B-F", "focus_share"] == pytest.approx(0.45) and p.loc["B-F", "partner_share"] == pytest.approx(0.4)
    assert p.loc["B-F", "sector_de"] == "Produzierendes Gewerbe (B-F)"
    fine = sectors.partner_profiles(official_db, "x", "v", level="section", basis="official")
    assert len(fine) == 10 and fine["focus_share"].sum() == pytest.approx(1.0)


def test_declared_sector_the_official_structure_does_not_publish(official_db):
    d = sectors.declared_vs_measured(official_db, level="section", basis="official").set_index(["city_id", "sector"])
    # z declares machinery (C) but publishes the three sectors only: no official LQ, which is not "LQ < 1"
    assert d.loc[("z", "C"), "finding"] == "not_published"
    assert d["companies"].isna().all()  # the official basis counts no companies
    assert d["lq"].dtype == "float64"
    on_companies = sectors.declared_vs_measured(official_db, level="section", basis="employees")
    assert set(on_companies["finding"]) <= {"declared_not_measured", "measured_not_declared", ""}


def test_sme_count_says_what_the_switch_hides(tmp_path):
    from alliance.db import connect
    from tests.factory import build_db, city, make_tables

    def firm(cid, employees, sample):
        return {"company_id": cid, "name": cid, "city_id": "m", "sector": "28.41", "employees": employees,
                "source": "s", "is_sample": sample}

    tables = make_tables(
        cities=[city("m", "DE")],
        companies=[firm("real_sme", 40, "false"), firm("big", 900, "false"), firm("s1", 20, "true"),
                   firm("s2", 30, "true")],
        memberships=[{"city_id": "m", "event": "founded", "date": "2016-04-25", "source": "s"}],
    )
    con = connect(build_db(tmp_path, tables))
    assert sectors.sme_count(con, "m", include_samples=True) == {"documented": 1, "samples": 2, "hidden_samples": 0}
    assert sectors.sme_count(con, "m", include_samples=False) == {"documented": 1, "samples": 0, "hidden_samples": 2}
    con.close()
