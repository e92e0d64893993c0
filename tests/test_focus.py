"""The focus city's brief (alliance/focus.py) and its page (pages/0_focus.py) on the analytics fixture plus
invented records: a sample SME in Mainz, a sample project A-Mainz and a sample procedure of K in which
Mainz's answer is outstanding."""

from __future__ import annotations

import pytest

from alliance import focus, geo, sectors
from alliance.db import connect
from tests import apptest
from tests.factory import ANALYTICS_COMPANIES, analytics_tables, build_db, make_tables

SAMPLE_SME = {"company_id": "s2", "name": "Beispiel Feinmechanik Mainz", "city_id": "mainz", "sector": "28.41",
              "employees": 150, "offers": "Feinmechanik", "source": "s", "is_sample": "true"}
SAMPLE_PROJECT = {"project_id": "sp1", "title": "Beispielprojekt Robotikzentrum", "cn_city_id": "a",
                  "de_city_id": "mainz", "direction": "CN_TO_DE", "status": "implementation", "sector": "28",
                  "volume_eur_m": "7.5", "start_date": "2024-05-01", "source": "s", "is_sample": "true"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tables = analytics_tables()
    base = make_tables(companies=[*[dict(c) for c in ANALYTICS_COMPANIES],
                                  SAMPLE_SME])
    tables["companies"] = base["companies"]
    project = {"project_id": "p1", "title": "Werkzeugmaschinen", "cn_city_id": "a", "de_city_id": "mainz",
               "direction": "MUTUAL", "status": "agreed", "sector": "28", "source": "s"}
    tables["projects"] = make_tables(projects=[project, SAMPLE_PROJECT])["projects"]
    tables["memberships"] = make_tables(memberships=[
        {"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "b", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "mainz", "event": "admitted", "date": "2017-04-24", "source": "s"},
        {"city_id": "k", "event": "applied", "date": "2026-01-10", "source": "s", "is_sample": "true"},
        {"city_id": "k", "event": "circular_sent", "date": "2026-02-01", "source": "s", "is_sample": "true"},
        {"city_id": "k", "event": "consent", "date": "2026-02-05", "actor_city_id": "a", "source": "s",
         "is_sample": "true"},
    ])["memberships"]
    return build_db(tmp_path_factory.mktemp("focus"), tables)


@pytest.fixture(scope="module")
def con(db):
    connection = connect(db)
    yield connection
    connection.close()


def test_brief_with_samples(con):
    brief = focus.focus_brief(con, "mainz")
    assert brief.facts["status"] == "member" and str(brief.facts["member_since"])[:10] == "2017-04-24"
    assert (brief.level, brief.basis) == ("branche", "employees")  # no official structure in the fixture
    # the partner ranking's own order (the sample SME in Mainz counts here), at most five rows
    ranking = sectors.partner_ranking(con, "mainz", level="branche", basis="employees")
    assert brief.best_partners["partner_id"].tolist() == ranking["partner_id"].head(5).tolist()
    assert brief.partners.to_dict("records") == [{"partner_id": "a", "partner_de": "A", "partner_zh": "a市",
                                                  "projects": 2, "documented": 1, "samples": 1,
                                                  "volume_eur_m": 7.5}]
    # K's sample procedure: Mainz was a member at the circular and has not answered
    assert brief.to_answer["city_id"].tolist() == ["k"] and brief.open_procedures == 1
    c = brief.coverage
    assert (c.companies, c.sample_companies, c.smes, c.sample_smes) == (2, 1, 1, 1)
    assert (c.projects, c.sample_projects) == (1, 1)
    assert "machinery" in brief.overlaps["sector"].tolist()
    tokens = [token for token, _ in brief.gaps]
    assert "no_official_structure" in tokens and "few_companies" in tokens and "no_documented_projects" not in tokens


def test_brief_without_samples_leaves_every_sample_out(con):
    brief = focus.focus_brief(con, "mainz", include_samples=False)
    # the hand-computed ranking of tests/test_sectors.py: B first with 0.4 * 94.87 + 0.15 * 33.33
    assert brief.best_partners["partner_id"].tolist()[0] == "b"
    assert round(brief.best_partners["score"].iloc[0]) == 43
    assert brief.to_answer.empty and brief.open_procedures == 0  # the invented procedure is no procedure
    assert brief.partners["samples"].tolist() == [0] and brief.partners["projects"].tolist() == [1]
    assert brief.coverage.sample_companies == 0 and brief.coverage.sample_projects == 0
    assert not brief.projects["is_sample"].any()


def test_unknown_city_is_a_key_error(con):
    with pytest.raises(KeyError):
        focus.focus_brief(con, "atlantis")


def test_map_arcs_of_the_focus_city_and_apart_by_kind(con):
    arcs = geo.project_arcs(con, focus="b")
    assert arcs.empty
    arcs = geo.project_arcs(con, focus="mainz")
    assert sorted(arcs["is_sample"].tolist()) == [False, True]  # documented and sample never in one arc
    assert geo.tied_cities(arcs) == {"a", "mainz"}
    assert geo.faded([1, 2, 3, 200]) == [1, 2, 3, geo.SAMPLE_ALPHA]


def test_labels_that_overlap_give_way_by_priority():
    import pandas as pd

    labels = pd.DataFrame({"lon": [8.0, 8.01, 100.0], "lat": [50.0, 50.0, 30.0], "name": ["Mainz", "Wiesbaden", "X"],
                           "priority": [0, 2, 0]})
    kept = geo.labels_that_fit(labels, 1.6)
    assert kept["name"].tolist() == ["Wiesbaden", "X"]


@pytest.mark.parametrize("lang", ["de", "en", "zh"])
def test_page_in_each_language(monkeypatch, db, lang):
    at = apptest.open_page(monkeypatch, db, "pages/0_focus.py", lang=lang, documented="1")
    assert not at.exception, at.exception
    title = {"de": "Mainz auf einen Blick", "en": "Mainz at a glance", "zh": "mainz市概览"}[lang]
    assert at.title[0].value == title
    text = " ".join(m.value for m in at.markdown)
    assert "**B" in text or "**b市" in text  # the best partner, named in the list with its reason
    assert "43/100" in text


def test_page_documented_only_removes_sample_records(monkeypatch, db):
    shown = apptest.open_page(monkeypatch, db, "pages/0_focus.py")
    documented = apptest.open_page(monkeypatch, db, "pages/0_focus.py", documented="1")
    assert not shown.exception and not documented.exception
    answers = {m.label: m.value for m in shown.metric}["Offene Antworten"]
    assert answers == "1" and {m.label: m.value for m in documented.metric}["Offene Antworten"] == "0"
    assert any("K" in w.value for w in shown.warning)
    assert "Beispieldaten ausgeblendet" in " ".join(m.value for m in documented.markdown)
    deltas = [m.proto.delta for m in documented.metric if m.proto.delta]
    assert not any("Beispiel" in d for d in deltas)
    assert any("Beispiel" in m.proto.delta for m in shown.metric)


def test_links_carry_the_view_preset(monkeypatch, db):
    at = apptest.open_page(monkeypatch, db, "pages/0_focus.py", lang="en", focus="mainz", documented="1")
    links = {link.label: link.proto.query_string for link in at.get("page_link")}
    why = next(q for label, q in links.items() if label.startswith("Why "))
    assert "why=b" in why and "level=branche" in why and "lang=en" in why
    assert "mine=1" in links["Projects of Mainz"]


def test_a_partner_whose_projects_state_no_volume_has_no_volume_not_zero():
    import pandas as pd

    from alliance.focus import project_partners

    own = pd.DataFrame({"project_id": ["p1", "p2", "p3"], "partner_id": ["foshan", "foshan", "koeln"],
                        "partner_de": ["Foshan", "Foshan", "Köln"], "partner_zh": ["佛山市", "佛山市", "科隆"],
                        "is_sample": [False, False, True], "volume_eur_m": [None, None, 2.5]})
    partners = project_partners(own).set_index("partner_id")
    assert pd.isna(partners.at["foshan", "volume_eur_m"]) and partners.at["koeln", "volume_eur_m"] == 2.5
    assert partners.at["foshan", "documented"] == 2 and partners.at["koeln", "samples"] == 1
