"""Matching on the sector fixture, with the arithmetic worked out by hand.

Seeker m1 (mainz, SME, 28.41, seeks 28.41, offers 28.41). Candidates in China:
  a1 28.41 SME, seeks 21    sector 1.0 (same class)   reciprocity 0.1 (21 vs 28.41: same section C)
  a2 28.92 large            sector 0.6 (division)     reciprocity 0
  a3 10.11 SME              sector 0.1 (section C)    reciprocity 0
  b1 21.20 SME              sector 0.1 (section C)    reciprocity 0
size: SME-SME 1.0, SME-large 0.7. city = 0.7 * min(LQ, 2) / 2 + 0.3 * [project a-mainz]:
  a machinery LQ 1.76 -> 0.616 + 0.3 = 0.916; a food LQ 2.2 -> 0.7 + 0.3 = 1.0; b pharma LQ 2.2 -> 0.7.
Without text (weights sector .35, reciprocity .15, size .10, city .20, sum .80):
  a1 = (.35 + .015 + .10 + .1832) / .8 = 81.025;  a2 = (.21 + .07 + .1832) / .8 = 57.9
  a3 = (.035 + .10 + .20) / .8 = 41.875;          b1 = (.035 + .10 + .14) / .8 = 34.375
"""

import pytest

from alliance import matching, sectors
from alliance.i18n import CATALOGUE, explain
from alliance.matching import MatchWeights, Profile

NO_TEXT = MatchWeights(text=0)


def test_scores_by_hand(analytics_db):
    r = matching.match_companies(analytics_db, "m1", weights=NO_TEXT)
    assert r["company_id"].tolist() == ["a1", "a2", "a3", "b1"]
    assert r["score"].tolist() == pytest.approx([81.025, 57.9, 41.875, 34.375])
    a1 = r.iloc[0]
    assert (a1.sector_fit, a1.reciprocity, a1["size"], a1.city) == pytest.approx((1.0, 0.1, 1.0, 0.916))
    assert r["rank"].tolist() == [1, 2, 3, 4]


def test_explanation_line(analytics_db):
    a1 = matching.match_companies(analytics_db, "m1", weights=NO_TEXT).iloc[0]
    names = sectors.reference_names(analytics_db)
    explanation_de, explanation_en = explain(a1.reasons, "de", names), explain(a1.reasons, "en", names)
    assert explanation_de.startswith("sucht ")
    assert "(28.41); bietet 28.41; beide KMU; A stark in Maschinenbau, LQ 1,8; 1 Projekt(e) zwischen den Städten" \
        in explanation_de
    # the city's strength is named in the division of the candidate's matched activity (28), not its Branche
    assert "both SMEs; A strong in Manufacture of machinery and equipment n.e.c., LQ 1.8" in explanation_en


def test_reasons_are_tokens_with_codes_ids_and_numbers(analytics_db):
    """No prose in the domain: tokens with codes, ids, numbers and the matched words of the texts."""
    r = matching.match_companies(analytics_db, "m1", weights=NO_TEXT).set_index("company_id")
    a1 = dict(r.loc["a1", "reasons"])
    assert a1["seeks"] == {"wanted": "28.41", "offered": "28.41"}
    assert a1["city_strong"] == {"city": "a", "branche": "28", "lq": pytest.approx(1.76)}
    assert a1["city_projects"] == {"n": 1} and "both_smes" in a1
    # m1 seeks "Werkzeugmaschinen Zulieferer"; a1 offers "Werkzeugmaschinen für Metall": the shared word is named
    assert a1["words"] == {"words": ["Werkzeugmaschinen"]}
    assert "sme_and_large" in dict(r.loc["a2", "reasons"])  # a2 has 300 employees
    assert all(f"reason.{token}" in CATALOGUE for reasons in r["reasons"] for token, _ in reasons)
    names = sectors.reference_names(analytics_db)
    zh = explain(r.loc["a1", "reasons"], "zh", names)
    assert "双方均为中小企业" in zh and "(28.41)" in zh
    assert "a市在未另分类的机械和设备制造领域具有优势，区位商 1.8" in zh


def test_reciprocity_names_the_codes(analytics_db):
    """"Sought back" names the candidate's sought code and the seeker's offered code that matched."""
    profile = Profile(country="CN", seek_codes=("28.41",), offer_codes=("21",), employees=10)
    r = matching.match_companies(analytics_db, profile).set_index("company_id")
    m1 = dict(r.loc["m1", "reasons"])  # m1 seeks 28.41, the profile offers 21: same section only (0.1)
    assert "seeks_back" not in m1
    profile = Profile(country="DE", seek_codes=("28.41",), offer_codes=("21.20",), employees=10)
    a1 = dict(matching.match_companies(analytics_db, profile).set_index("company_id").loc["a1", "reasons"])
    assert a1["seeks_back"] == {"wanted": "21", "offered": "21.20"}  # a1 seeks 21: grade "within" 1.0


def test_matched_words_in_any_script():
    assert matching.matched_words("Werkzeugmaschinen Zulieferer", "Werkzeugmaschinen für Metall") == [
        "Werkzeugmaschinen"]
    assert matching.matched_words("寻求德国合作伙伴：药品", "药品和医疗器械") == ["药品"]
    assert matching.matched_words("医疗器械", "高端医疗器械制造") == ["医疗器械"]  # overlapping pairs joined
    assert matching.matched_words("", "anything") == [] and matching.matched_words("Maschinen", None) == []


def test_text_fit_orders_equal_candidates(analytics_db):
    """a1 offers "Werkzeugmaschinen für Metall", closer to the seeker's text than a2's "Baumaschinen"."""
    r = matching.match_companies(analytics_db, "m1").set_index("company_id")
    assert r.loc["a1", "text"] > r.loc["a2", "text"] > 0
    assert 0 <= r["text"].min() and r["text"].max() <= 1


def test_weights_change_the_ranking(analytics_db):
    only_city = MatchWeights(sector=0, reciprocity=0, text=0, size=0, city=1)
    r = matching.match_companies(analytics_db, "m1", weights=only_city)
    assert r["company_id"].tolist()[0] == "a3"  # city context 1.0 (food LQ 2.2 plus the project)
    with pytest.raises(ValueError):
        matching.match_companies(analytics_db, "m1", weights=MatchWeights(0, 0, 0, 0, 0))


def test_ties_are_broken_by_company_id(analytics_db):
    profile = Profile(country="DE", seek_codes=("21",), employees=10)
    only_sector = MatchWeights(sector=1, reciprocity=0, text=0, size=0, city=0)
    r = matching.match_companies(analytics_db, profile, weights=only_sector)
    assert r["company_id"].tolist()[:1] == ["b1"]
    tied = r[r["score"] == r["score"].iloc[1]]["company_id"].tolist()
    assert tied == sorted(tied)


def test_ad_hoc_profile_in_chinese(analytics_db):
    profile = Profile(country="CN", seek_codes=("21.20",), seeks="寻求德国合作伙伴：药品", employees=30)
    r = matching.match_companies(analytics_db, profile)
    assert r["company_id"].tolist()[0] == "m2"
    assert set(r["city_id"]) == {"mainz"}  # only the other country


def test_samples_flagged_and_excludable(tmp_path):
    from alliance.db import connect
    from tests.factory import analytics_tables, build_db

    tables = analytics_tables()
    header = tables["companies"]["header"]
    if "is_sample" not in header:
        header.append("is_sample")
        for row in tables["companies"]["rows"]:
            row.append("true" if row[0] == "a1" else "false")
    con = connect(build_db(tmp_path, tables))
    r = matching.match_companies(con, "m1").set_index("company_id")
    names = sectors.reference_names(con)
    assert bool(r.loc["a1", "is_sample"]) and "Beispieldatensatz" in explain(r.loc["a1", "reasons"], "de", names)
    assert ("sample", {}) in r.loc["a1", "reasons"]
    assert "a1" not in matching.match_companies(con, "m1", include_samples=False)["company_id"].tolist()


def test_find_companies_in_any_script(analytics_db):
    assert matching.find_companies(analytics_db, "pharma")["company_id"].tolist() == ["b1", "m2"]
    assert matching.find_companies(analytics_db, "MAINZER")["company_id"].tolist() == ["m1"]


def test_partner_cities(analytics_db):
    r = matching.partner_cities(analytics_db, "m1")
    # seeks 28.41 -> machinery: a LQ 1.76, 2 companies in division 28, declared -> 100*(.5*.88 + .3*.2 + .2) = 70
    assert r["city_id"].tolist()[0] == "a"
    assert r.iloc[0]["score"] == pytest.approx(70.0)
    assert r.iloc[1]["score"] == pytest.approx(0.0)


def test_unknown_company(analytics_db):
    with pytest.raises(KeyError):
        matching.match_companies(analytics_db, "nope")


def _with_trader(tables: dict, **extra: str) -> dict:
    """The analytics tables plus a wholesale firm (46.69) in city b that offers machine tools (28.41)."""
    header = tables["companies"]["header"]
    trader = {"company_id": "b2", "name": "B2 Trading", "city_id": "b", "sector": "46.69", "employees": "20",
              "offer_sectors": "28.41", "source": "s", **extra}
    for column in trader:
        if column not in header:
            header.append(column)
            for row in tables["companies"]["rows"]:
                row.append("")
    tables["companies"]["rows"].append([trader.get(column, "") for column in header])
    return tables


def test_partner_cities_count_offered_sectors(tmp_path):
    """A firm whose main sector is wholesale (46.69) but which offers 28.41 fits a seeker of 28.41, in
    partner_cities as in match_companies: city b gets 1 fitting company -> 100 * .3 * 1 / 10 = 3."""
    from alliance.db import connect
    from tests.factory import analytics_tables, build_db

    con = connect(build_db(tmp_path, _with_trader(analytics_tables())))
    r = matching.partner_cities(con, "m1").set_index("city_id")
    assert r.loc["b", "fitting_companies"] == 1 and r.loc["b", "score"] == pytest.approx(3.0)
    assert r.loc["a", "fitting_companies"] == 2  # a1 and a2 (28.92, same division); a3 is food
    assert matching.match_companies(con, "m1").set_index("company_id").loc["b2", "sector_fit"] == 1.0


def test_partner_cities_count_offered_sectors_of_documented_companies_only(tmp_path):
    """The wholesale firm offering 28.41 (as above), now a sample record: counted with samples, not without."""
    from alliance.db import connect
    from tests.factory import analytics_tables, build_db

    con = connect(build_db(tmp_path, _with_trader(analytics_tables(), is_sample="true")))
    with_samples = matching.partner_cities(con, "m1").set_index("city_id")
    assert with_samples.loc["b", "fitting_companies"] == 1 and with_samples.loc["b", "fitting_sample_companies"] == 1
    documented = matching.partner_cities(con, "m1", include_samples=False).set_index("city_id")
    assert documented.loc["b", "fitting_companies"] == 0 and documented.loc["b", "score"] == pytest.approx(0.0)
