"""Each page with AppTest on the hand-computed analytics fixture: no exception, key elements, and a
control that changes what is shown (and lands in the URL)."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.conftest import needs_chromium
from tests.factory import analytics_tables, build_db, make_tables

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tables = analytics_tables()
    tables["memberships"] = make_tables(memberships=[
        {"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "b", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "mainz", "event": "admitted", "date": "2017-04-24", "source": "s"},
        {"city_id": "k", "event": "applied", "date": "2026-01-10", "source": "s", "is_sample": "true"},
        {"city_id": "k", "event": "circular_sent", "date": "2026-02-01", "actor_city_id": "a", "source": "s",
         "is_sample": "true"},
        {"city_id": "k", "event": "consent", "date": "2026-02-05", "actor_city_id": "a", "source": "s",
         "is_sample": "true"},
    ])["memberships"]
    return build_db(tmp_path_factory.mktemp("pages"), tables)


def open_page(monkeypatch, db, page: str, **params: str) -> AppTest:
    at = apptest.open_page(monkeypatch, db, page, **params)
    assert not at.exception, at.exception
    return at


def test_navigation_links_every_page_in_the_language(monkeypatch, db):
    at = open_page(monkeypatch, db, "app.py", lang="en")
    labels = [link.label for link in at.get("page_link")]
    assert labels == ["Overview", "Mainz at a glance", "Map", "City profiles", "Sector matrix",
                      "Cooperation matching", "Projects", "Membership", "Data and export", "Committee briefing"]


def test_sector_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/3_sectors.py")
    assert at.title[0].value == "Branchenmatrix"
    # no official structure in this fixture: Branchen on employees by default
    assert (at.radio(key="level").value, at.selectbox(key="basis").value) == ("branche", "employees")
    assert len(at.get("plotly_chart")) == 2  # the heatmap and the "why" profiles
    partners = at.dataframe[1].value
    # 0.4 * 94.87 + 0.15 * 33.33 (tests/test_sectors.py); the components beside it, each 0-100
    assert partners.iloc[0]["Partnerstadt"] == "B" and partners.iloc[0]["Punkte"] == 43
    assert partners.iloc[0]["Ähnlichkeit"] == 95
    assert at.selectbox(key="why").value == "b"  # the "why" view opens on the best partner
    # matrix, partners, SME chances, declared vs measured, coverage; the empty official comparison offers none
    assert len(at.get("download_button")) == 3 * 5
    at.radio(key="level").set_value("division").run()
    assert not at.exception
    assert at.query_params["level"] == "division"
    assert "Maschinenbau" in at.dataframe[0].value["Branche"].tolist()
    for broken in ({"measure": "x"}, {"level": "x"}, {"basis": "x"}, {"scope": "FR"}):  # an edited link renders
        at = open_page(monkeypatch, db, "pages/3_sectors.py", **broken)
        assert (at.radio(key="level").value, at.selectbox(key="measure").value) == ("branche", "lq"), broken
        assert at.selectbox(key="basis").value == "employees" and at.selectbox(key="scope").value == "alliance"
        assert len(at.toast) == 1, broken  # the ignored part is named once


def test_matching_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/4_matching.py", company="m1")
    result = at.dataframe[0].value
    assert result["Unternehmen"].tolist()[:2] == ["A1 Machine Tools", "A2 Construction Machinery"]
    assert "beide KMU" in result.iloc[0]["Warum"]
    for component in ("Branche", "Gegenseitigkeit", "Text", "Größe", "Stadtstärke"):  # points 0..100, whole
        assert result[component].between(0, 100).all() and (result[component] % 1 == 0).all(), component
    at.text_input(key="q").set_value("pharma").run()
    assert not at.exception
    assert at.text_input(key="q").value == "pharma"  # Streamlit binds free text to the URL in the browser only
    assert at.selectbox(key="company").options[0].startswith("B1 Pharma")
    for employees in ("abc", "0", "1000001"):  # an edited link renders, the value ignored and named
        at = open_page(monkeypatch, db, "pages/4_matching.py", mode="profile", seek="28", emp=employees)
        assert at.number_input(key="emp").value == 50
        assert "Beschäftigte" in at.toast[0].value


def test_membership_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/6_membership.py", at="2026-03-01")
    procedures = at.dataframe[0].value
    assert procedures.iloc[0]["Stadt"] == "K k市"  # in its own script beside the transliteration
    assert procedures.iloc[0]["Nächster Schritt"] == "Stellungnahmen ausstehend: 2 von 3 Mitgliedsstädten"
    assert procedures.iloc[0]["ausstehend"] == 2 and procedures.iloc[0]["Beispiel"]
    (outstanding,) = [e for e in at.expander if e.label.startswith("K:")]
    assert outstanding.label == "K: 2 Stellungnahmen ausstehend, von"
    assert outstanding.markdown[0].value == "B, Mainz"  # names, not ids
    assert at.warning[0].value == "Beispieldatensätze darunter: 1 (fiktiv, gekennzeichnet)"
    at.selectbox(key="rule").set_value("majority").run()
    assert at.query_params["rule"] == "majority"
    assert not at.exception


def test_overview_in_chinese(monkeypatch, db):
    at = open_page(monkeypatch, db, "app.py", lang="zh", focus="a")
    assert at.title[0].value == "中德工业城市联盟"
    assert at.selectbox(key="focus").value == "a"


def test_city_profile_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/2_cities.py")
    assert at.header[0].value == "Mainz mainz市"
    assert any("https://example.org" in m.value for m in at.markdown)  # the sources are listed
    at.selectbox(key="compare").set_value("a").run()
    assert not at.exception
    assert [h.value for h in at.header] == ["Mainz mainz市", "A a市"]
    assert at.query_params["compare"] == "a"


def test_projects_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/5_projects.py")
    assert at.dataframe[0].value["Titel"].tolist() == ["Werkzeugmaschinen"]
    assert len(at.get("plotly_chart")) == 2
    at.multiselect(key="pstatus").set_value(["completed"]).run()  # the global filter in the sidebar
    assert not at.exception
    assert not at.dataframe  # an empty result is said in words, not shown as an empty grid
    assert "Keine Einträge." in [c.value for c in at.caption]
    assert at.query_params["pstatus"] == "completed"


def test_data_page(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/7_data.py")
    assert at.dataframe[0].value["Unternehmens-ID"].tolist() == ["a1", "a2", "a3", "b1", "m1", "m2"]
    assert "6 von 6 Zeilen" in at.caption[0].value
    at.text_input(key="text").set_value("pharma").run()
    assert not at.exception
    assert at.dataframe[0].value["Unternehmens-ID"].tolist() == ["b1", "m2"]  # the URL: tests/test_browser_links.py
    at.selectbox(key="table").set_value("memberships").run()
    assert not at.exception and "Keine Einträge." in [c.value for c in at.caption]  # no event says "pharma"
    at.text_input(key="text").set_value("").run()
    assert not at.exception and "Ereignis" in at.dataframe[0].value.columns  # named in German
    dictionary = at.dataframe[1].value
    assert "direction" in dictionary["Spalte"].tolist()  # the contract's own name


def test_map_page(monkeypatch, db):
    import json

    at = open_page(monkeypatch, db, "pages/1_map.py")
    (chart,) = at.get("deck_gl_json_chart")
    spec = json.loads(chart.proto.json)
    # the focus city's ties by default: Mainz's one project, its ring and the names of both cities
    assert [layer["id"] for layer in spec["layers"]] == ["countries", "projects", "cities", "focus", "labels"]
    # nothing fetched: no provider, and pydeck's "unset" style (an explicit None made Streamlit fetch Carto's
    # style; tests/test_browser_links.py watches the requests)
    assert spec.get("mapProvider") in (None, "") and spec.get("mapStyle") in (None, "", "__MAP_STYLE__")
    cities = next(layer for layer in spec["layers"] if layer["id"] == "cities")
    assert len(cities["data"]) == 4
    assert "Mainz" in " ".join(c["tip"] for c in cities["data"])
    at.toggle(key="arcs").set_value(False).run()
    assert not at.exception
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    assert [layer["id"] for layer in spec["layers"]] == ["countries", "cities", "focus", "labels"]
    assert at.query_params["arcs"] == "0"


def test_matching_from_a_described_profile(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/4_matching.py", mode="profile")
    assert at.info[0].value == "Bitte mindestens eine gesuchte Branche wählen."
    at.multiselect(key="seek").set_value(["21"]).run()  # the picker offers NACE divisions (by Branche, search)
    assert not at.exception
    result = at.dataframe[0].value
    assert result.iloc[0]["Unternehmen"] == "B1 Pharma"  # a German profile gets Chinese partners
    assert at.query_params["seek"] == "21"


def test_numbers_in_tables_follow_the_selected_language(monkeypatch, db):
    """Tables show numbers as the selected language writes them; the data (and every export) keeps
    plain numbers. Display values travel as an Arrow table beside the data."""
    import pyarrow as pa

    def shown(at):
        styler = at.dataframe[0].proto.arrow_data.styler
        return pa.ipc.open_stream(styler.display_values).read_all().to_pandas()

    at = open_page(monkeypatch, db, "pages/2_cities.py", city="a")  # a: machinery 400 employees, food 100
    german = shown(at)
    assert "400" in german.to_string() and at.dataframe[0].value["Beschäftigte"].tolist() == [400, 100]
    at = open_page(monkeypatch, db, "pages/3_sectors.py", level="branche")
    lq = shown(at).iloc[:, 5].tolist()  # the LQ column of the matrix table: (400/500) / (500/1100) = 1,76
    assert "1,76" in lq
    at = open_page(monkeypatch, db, "pages/3_sectors.py", level="branche", lang="en")
    assert "1.76" in shown(at).iloc[:, 5].tolist()


def test_global_filters_apply_and_travel_with_the_links(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/3_sectors.py", countries="DE", sme="1")
    table = at.dataframe[0].value
    assert set(table["Stadt"]) == {"Mainz mainz市"}  # only German cities
    assert table[table["Branche"] == "Pharma"]["Unternehmen"].tolist() == [0]  # m2 is no SME
    links = {link.label: link for link in at.get("page_link")}
    assert links["Projekte"].proto.query_string in ("countries=DE&sme=1", "sme=1&countries=DE")


@needs_chromium
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_briefing_page_makes_deck_and_handout(monkeypatch, db):
    at = open_page(monkeypatch, db, "pages/8_briefing.py", committee="Hauptausschuss")
    assert at.text_input(key="committee").value == "Hauptausschuss"
    assert at.radio(key="deck").options == ["Deutsch", "English", "中文"]  # a Chinese deck for the partner side
    at.button(key="make").click().run()
    assert not at.exception
    # the cover and 13 slides (the fixture's Mainz has SMEs, so the SME-overlap slide is there)
    assert at.success[0].value.startswith("Fertig: 14 Folien")
    downloads = at.get("download_button")
    assert len(downloads) == 2
