"""The global switch "documented data only" (``?documented=1``): every page, every table, every figure
and every download leaves the sample records out; with the switch off they are there and marked.

The fixture is the hand-computed analytics fixture plus invented records: two sample companies (one in
a Chinese city that matches the Mainz companies, one SME in Mainz), a sample project between A and
Mainz, and an invented admission procedure of K (applied, circular, consents, admitted). Each test
can fail both ways: with the switch on no sample record is shown or downloaded; with it off at least
one is (on the pages that show records).
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from alliance import briefing, cities, geo, matching, membership, overview, scope
from alliance.i18n import LANGUAGES, format_number, t
from tests import apptest
from tests.conftest import needs_chromium
from tests.factory import analytics_tables, build_db, city, make_tables
from tests.test_languages import rendered_texts

SAMPLE_COMPANIES = [
    {"company_id": "s1", "name": "Sample Robotics Foshan", "name_zh": "示例机器人公司", "city_id": "a",
     "sector": "28.41", "employees": 80, "offers": "Werkzeugmaschinen und Roboter", "seek_sectors": "28.41",
     "source": "s", "is_sample": "true"},
    {"company_id": "s2", "name": "Beispiel Feinmechanik Mainz", "city_id": "mainz", "sector": "28.41",
     "employees": 150, "offers": "Feinmechanik", "seeks": "Werkzeugmaschinen", "seek_sectors": "28.41",
     "source": "s", "is_sample": "true"},
]
SAMPLE_PROJECT = {"project_id": "sp1", "title": "Beispielprojekt Robotikzentrum", "cn_city_id": "a",
                  "de_city_id": "mainz", "direction": "CN_TO_DE", "status": "implementation", "sector": "28",
                  "volume_eur_m": "7.5", "start_date": "2024-05-01", "source": "s", "is_sample": "true"}
SAMPLE_NOTE = "Beispielverfahren Kaiserstadt"
MEMBERSHIPS = [
    {"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
    {"city_id": "b", "event": "founded", "date": "2016-04-25", "source": "s"},
    {"city_id": "mainz", "event": "admitted", "date": "2017-04-24", "source": "s"},
    # the invented procedure: K is an applicant on 2026-02-10 and a member from 2026-02-20, with samples
    {"city_id": "k", "event": "applied", "date": "2026-01-10", "note": SAMPLE_NOTE, "source": "s",
     "is_sample": "true"},
    {"city_id": "k", "event": "circular_sent", "date": "2026-02-01", "note": SAMPLE_NOTE, "source": "s",
     "is_sample": "true"},
    {"city_id": "k", "event": "consent", "date": "2026-02-05", "actor_city_id": "a", "note": SAMPLE_NOTE,
     "source": "s", "is_sample": "true"},
    {"city_id": "k", "event": "admitted", "date": "2026-02-20", "note": SAMPLE_NOTE, "source": "s",
     "is_sample": "true"},
]
# What names a sample record wherever it is shown or written: names, titles, notes.
MARKERS = ("Sample Robotics Foshan", "示例机器人公司", "Beispiel Feinmechanik Mainz", "Beispielprojekt Robotikzentrum",
           SAMPLE_NOTE)


def fixture_tables() -> dict[str, dict]:
    tables = analytics_tables()
    extra = make_tables(companies=[{**c, "employees": str(c["employees"])} for c in SAMPLE_COMPANIES],
                        projects=[SAMPLE_PROJECT], memberships=MEMBERSHIPS)
    for name in ("companies", "projects"):
        header = tables[name]["header"]
        for column in extra[name]["header"]:
            if column not in header:
                header.append(column)
                for row in tables[name]["rows"]:
                    row.append("")
        added = extra[name]
        tables[name]["rows"] += [[dict(zip(added["header"], row, strict=True)).get(c, "") for c in header]
                                 for row in added["rows"]]
    tables["memberships"] = extra["memberships"]
    return tables


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("documented"), fixture_tables())


@pytest.fixture(scope="module")
def con(db):
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def recorded(monkeypatch) -> list[MediaFileManager]:
    """The media file managers of the AppTest runs: they hold what the download buttons offer."""
    import streamlit.testing.v1.app_test as app_test

    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return managers


def open_page(monkeypatch, db, page: str, **params: str) -> AppTest:
    at = apptest.open_page(monkeypatch, db, page, timeout=120, **params)
    assert not at.exception, at.exception
    return at


# --- what a page shows and offers ----------------------------------------------------------------------


def downloads(at: AppTest, managers: list[MediaFileManager]) -> dict[str, bytes]:
    """File name -> content of every download button of the page's last run (deferred ones made now)."""
    manager = managers[-1]
    files = {}
    for button in at.get("download_button"):
        proto = button.proto
        if proto.deferred_file_id:
            entry = manager._deferred_callables[proto.deferred_file_id]
            data = entry["callable"]()
            files[entry["filename"]] = data.encode() if isinstance(data, str) else data
        else:
            stored = manager._storage.get_file(proto.url.rsplit("/", 1)[-1])
            files[stored.filename] = stored.content
    return files


def file_texts(name: str, content: bytes) -> list[str]:
    """The text of a download: every cell of an XLSX, a CSV, every file of a ZIP, every slide and
    note of a PPTX, every page of a PDF."""
    if name.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        return [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
                if c.value is not None]
    if name.endswith(".csv"):
        return [content.decode("utf-8-sig")]
    if name.endswith(".zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return [text for member in archive.namelist() for text in file_texts(member, archive.read(member))]
    if name.endswith(".pptx"):
        return [text for slide in slide_texts(content) for text in slide]
    if name.endswith(".pdf"):
        from pypdf import PdfReader

        return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]
    return [content.decode("utf-8", errors="replace")]


def slide_texts(content: bytes) -> list[list[str]]:
    """Per slide of a PPTX: the texts of its shapes, table cells and speaker notes."""
    from pptx import Presentation

    slides = []
    for slide in Presentation(io.BytesIO(content)).slides:
        texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        texts += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows
                  for cell in row.cells]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
        slides.append(texts)
    return slides


def map_texts(at: AppTest) -> list[str]:
    """The tooltips of the map's cities and arcs (the deck's JSON)."""
    return [str(item.get("tip", "")) for chart in at.get("deck_gl_json_chart")
            for layer in json.loads(chart.proto.json)["layers"] for item in (layer.get("data") or [])
            if isinstance(item, dict)]


def flagged_rows(at: AppTest) -> int:
    """Rows that the page's tables mark as sample records (the column "Beispiel": a flag or a count)."""
    label = t("col.sample", "de")
    return sum(int((frame[label].fillna(0).astype(float) > 0).sum())
               for frame in (d.value for d in at.dataframe) if label in frame.columns)


def shown_markers(texts: list[str]) -> set[str]:
    return {marker for marker in MARKERS for text in texts if marker in text}


def flagged_in_file(name: str, content: bytes) -> int:
    """Rows that a download marks as sample records: "Ja" in the column "Beispiel" of an XLSX, true in
    the is_sample column of a data package's files."""
    if name.endswith(".zip"):
        return sample_rows_in_package(content)
    if not name.endswith(".xlsx"):
        return 0
    import openpyxl

    rows = list(openpyxl.load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))
    if not rows or t("col.sample", "de") not in rows[0]:
        return 0
    at = rows[0].index(t("col.sample", "de"))
    return sum(1 for row in rows[1:] if row[at] in (t("export.yes", "de"), True) or (
        isinstance(row[at], (int, float)) and not isinstance(row[at], bool) and row[at] > 0))


def sample_rows_in_package(content: bytes) -> int:
    """Rows with is_sample = true in the CSV files of a data package."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for member in archive.namelist():
            rows = list(csv.DictReader(io.StringIO(archive.read(member).decode("utf-8-sig"))))
            count += sum(1 for row in rows if str(row.get("is_sample", "")).lower() == "true")
    return count


PAGES = {  # view: (page, link parameters, whether the page shows single records)
    "overview": ("app.py", {}, False),
    "map": ("pages/1_map.py", {}, False),
    "cities": ("pages/2_cities.py", {"compare": "k"}, True),  # Mainz's companies and projects; K's history
    "sectors": ("pages/3_sectors.py", {}, False),
    "matching": ("pages/4_matching.py", {"company": "m1"}, True),
    "matching_profile": ("pages/4_matching.py", {"mode": "profile", "seek": "28"}, True),  # the picker offers divisions
    "projects": ("pages/5_projects.py", {}, True),
    "membership": ("pages/6_membership.py", {"at": "2026-02-10"}, True),
    "data": ("pages/7_data.py", {}, True),
    "data_projects": ("pages/7_data.py", {"table": "projects"}, True),
    "data_memberships": ("pages/7_data.py", {"table": "memberships"}, True),
}


@pytest.mark.parametrize("view", list(PAGES))
def test_documented_only_shows_and_downloads_no_sample_record(monkeypatch, db, recorded, view):
    page, params, shows_records = PAGES[view]
    at = open_page(monkeypatch, db, page, documented="1", **params)
    assert at.toggle(key="documented").value is True
    texts = rendered_texts(at) + map_texts(at)
    assert shown_markers(texts) == set(), view
    assert flagged_rows(at) == 0, view
    assert not [c.value for c in at.caption if "Beispieldaten" in c.value and "belegt ·" in c.value]
    files = downloads(at, recorded)
    assert files or view == "map", "the page offers downloads"
    for name, content in files.items():
        assert shown_markers(file_texts(name, content)) == set(), name
        assert flagged_in_file(name, content) == 0, name
    # ... and with the switch off, the same page shows the sample records (marked)
    at = open_page(monkeypatch, db, page, **params)
    assert at.toggle(key="documented").value is False
    if shows_records:
        texts = rendered_texts(at)
        assert shown_markers(texts) or flagged_rows(at), view
        files = downloads(at, recorded)
        assert any(shown_markers(file_texts(name, content)) or flagged_in_file(name, content)
                   for name, content in files.items()), view


def test_tables_say_what_they_hold(monkeypatch, db):
    """A table that mixes documented and sample records says how many of each (numbers in the language)."""
    at = open_page(monkeypatch, db, "pages/5_projects.py")
    assert "1 belegt · 1 Beispieldaten" in [c.value for c in at.caption]
    at = open_page(monkeypatch, db, "pages/5_projects.py", lang="en")
    assert "1 documented · 1 sample records" in [c.value for c in at.caption]
    at = open_page(monkeypatch, db, "pages/4_matching.py", company="m1", lang="zh")
    assert "4 条有来源 · 1 条示例数据" in [c.value for c in at.caption]
    at = open_page(monkeypatch, db, "pages/5_projects.py", documented="1")
    assert not [c.value for c in at.caption if "Beispieldaten" in c.value]


def test_overview_figures_count_documented_records(monkeypatch, db, con):
    at = open_page(monkeypatch, db, "app.py", documented="1")
    shown = {m.label: m.value for m in at.metric}
    status = """
        SELECT city_id, arg_max(event, (date, event_id)) AS last FROM memberships
        WHERE NOT is_sample AND event <> 'consent' AND event <> 'objection' AND date <= current_date GROUP BY city_id
    """
    members = con.execute(f"SELECT count(*) FROM ({status}) WHERE last IN ('founded', 'admitted', "
                          "'withdrawal_requested')").fetchall()[0][0]
    companies, smes = con.execute("SELECT count(*), count(*) FILTER (WHERE employees < 250) FROM companies "
                                  "WHERE NOT is_sample").fetchall()[0]
    projects, volume = con.execute("SELECT count(*), coalesce(sum(volume_eur_m), 0) FROM projects "
                                   "WHERE NOT is_sample").fetchall()[0]
    cities_count = con.execute("SELECT count(*) FROM cities WHERE NOT is_sample").fetchall()[0][0]
    assert shown == {
        "Mitgliedsstädte": format_number(members, "de"), "Städte im Datenbestand": format_number(cities_count, "de"),
        "Unternehmen": format_number(companies, "de"), "davon KMU": format_number(smes, "de"),
        "Projekte": format_number(projects, "de"), "Volumen (Mio. EUR)": format_number(volume, "de", 1)}
    assert (members, companies, projects) == (3, 6, 1)  # K's admission and the samples left out
    assert not at.warning  # no sample badge: there is nothing invented among the figures
    by_country = at.dataframe[0].value
    assert by_country["Beispiel"].sum() == 0
    assert by_country[by_country["Status"] == "Mitglied"]["Städte"].sum() == members
    # with the switch off, the same figures count the samples too (and say how many are documented)
    at = open_page(monkeypatch, db, "app.py")
    shown = {m.label: m.value for m in at.metric}
    assert (shown["Mitgliedsstädte"], shown["Unternehmen"], shown["Projekte"]) == ("4", "8", "2")
    assert {m.label: m.proto.delta for m in at.metric}["Unternehmen"] == "davon belegt: 6"


def test_map_counts_documented_records(monkeypatch, db):
    def tips(at: AppTest) -> str:
        return " | ".join(map_texts(at))

    with_samples = tips(open_page(monkeypatch, db, "pages/1_map.py"))
    documented = tips(open_page(monkeypatch, db, "pages/1_map.py", documented="1"))
    # A: a1, a2, a3 and the sample s1; one documented project with Mainz and the sample one
    assert "A a市\nMitglied\nEinwohner: –\nUnternehmen: 4 · Projekte: 2" in with_samples
    assert "A a市\nMitglied\nEinwohner: –\nUnternehmen: 3 · Projekte: 1" in documented
    assert "Projekte: 1 · 7,5 Mio. EUR" in with_samples and "7,5 Mio. EUR" not in documented


def test_old_links_with_the_samples_toggle_still_open(monkeypatch, db):
    for page in ("pages/5_projects.py", "pages/7_data.py"):
        for value in ("0", "1", "x"):
            at = open_page(monkeypatch, db, page, samples=value)
            assert not at.exception and at.dataframe


def test_the_switch_travels_with_the_links_and_names_the_downloads(monkeypatch, db, recorded):
    at = open_page(monkeypatch, db, "pages/5_projects.py", documented="1")
    links = {link.label: link for link in at.get("page_link")}
    assert links["Kooperationsbörse"].proto.query_string == "documented=1"
    at.toggle(key="documented").set_value(False).run()
    assert not at.exception and "documented" not in at.query_params
    at.toggle(key="documented").set_value(True).run()
    assert at.query_params["documented"] == "1"
    files = downloads(at, recorded)
    xlsx = next(name for name in files if name.endswith(".xlsx"))
    assert "_belegt_" in xlsx
    info = file_texts(xlsx, files[xlsx])
    assert t("export.about.samples_excluded", "de") in info and t("filter.documented_only", "de") in " ".join(info)


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_switch_is_labelled_in_the_language(monkeypatch, db, lang):
    at = open_page(monkeypatch, db, "app.py", lang=lang)
    assert at.toggle(key="documented").label == t("filter.documented_only", lang)


# --- the committee briefing ------------------------------------------------------------------------------


def deck_texts(deck: briefing.Deck) -> list[str]:
    texts = [deck.title, deck.subtitle]
    for slide in deck.slides:
        texts += [slide.title, *slide.lines, *slide.notes]
        if slide.table is not None:
            texts += [str(v) for v in slide.table.to_numpy().ravel()]
    return texts


def test_deck_leaves_samples_out_by_default(con):
    request = briefing.Briefing(meeting=date(2026, 12, 3), focus="mainz")
    assert request.include_samples is False
    content = briefing.briefing_content(con, request)
    deck = briefing.localise(content)
    assert shown_markers(deck_texts(deck)) == set() and deck.sample_mark is None
    assert content.figures["projects"] == 1 and content.figures["sample_projects"] == 0
    assert content.figures["members"] == 3  # K's invented admission left out
    pptx = briefing.render_pptx(deck, images={})
    mark = t("briefing.sample_mark", "de")
    assert all(mark not in " ".join(texts) for texts in slide_texts(pptx))
    assert shown_markers(file_texts("deck.pptx", pptx)) == set()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_deck_with_samples_marks_every_slide(con, lang):
    content = briefing.briefing_content(con, briefing.Briefing(meeting=date(2026, 12, 3), focus="mainz", lang=lang,
                                                               include_samples=True))
    deck = briefing.localise(content)
    assert deck.sample_mark == t("briefing.sample_mark", lang)
    assert shown_markers(deck_texts(deck)) >= {"Beispiel Feinmechanik Mainz"}  # the Mainz SME among the matches
    assert content.figures["projects"] == 2 and content.figures["sample_projects"] == 1
    pptx = briefing.render_pptx(deck, images={})
    slides = slide_texts(pptx)
    assert len(slides) == len(deck.slides) + 1
    assert all(deck.sample_mark in texts for texts in slides)  # the title slide too


@needs_chromium
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_briefing_page(monkeypatch, db, recorded):
    mark = t("briefing.sample_mark", "de")

    def made(**params: str) -> tuple[AppTest, dict[str, bytes]]:
        at = open_page(monkeypatch, db, "pages/8_briefing.py", **params)
        at.button(key="make").click().run()
        assert not at.exception
        return at, downloads(at, recorded)

    # by default, and with the global switch even when the box is ticked: no sample, no mark
    for params in ({}, {"documented": "1"}, {"documented": "1", "with_samples": "1"}):
        at, files = made(**params)
        assert re.match(r"Fertig: \d+ Folien, nur mit belegten Daten", at.success[0].value), params
        assert shown_markers(rendered_texts(at)) == set(), params
        assert set(files) and all(shown_markers(file_texts(n, c)) == set() for n, c in files.items()), params
        pptx = next(c for n, c in files.items() if n.endswith(".pptx"))
        assert all(mark not in " ".join(texts) for texts in slide_texts(pptx)), params
    assert at.checkbox(key="with_samples").proto.disabled
    # ticked: the samples are in, and every slide and handout page says so
    at, files = made(with_samples="1")
    assert at.checkbox(key="with_samples").value is True
    assert shown_markers(rendered_texts(at))
    pptx = next(c for n, c in files.items() if n.endswith(".pptx"))
    assert all(mark in texts for texts in slide_texts(pptx))
    assert "Beispiel Feinmechanik Mainz" in " ".join(file_texts("deck.pptx", pptx))
    pdf = next(c for n, c in files.items() if n.endswith(".pdf"))
    assert all(mark in " ".join(page.split()) for page in file_texts("handout.pdf", pdf))


# --- the analytics functions ------------------------------------------------------------------------------


def test_functions_take_include_samples(con):
    assert overview.data_status(con, include_samples=False).sample_companies == 0
    assert overview.data_status(con).sample_companies == 2
    assert geo.project_arcs(con, include_samples=False)["sample_projects"].sum() == 0
    profile = cities.city_profile(con, "mainz", include_samples=False)
    assert not profile.companies["is_sample"].any() and not profile.projects["is_sample"].any()
    assert "s2" in cities.city_profile(con, "mainz").companies["company_id"].tolist()
    assert matching.find_companies(con, "Beispiel", include_samples=False).empty
    assert "s2" in matching.companies_in_city(con, "mainz")["company_id"].tolist()
    assert "s2" not in matching.companies_in_city(con, "mainz", include_samples=False)["company_id"].tolist()
    assert "s1" not in matching.match_companies(con, "m1", include_samples=False)["company_id"].tolist()
    fitting = {inc: matching.partner_cities(con, "m1", include_samples=inc).set_index("city_id")
               for inc in (True, False)}
    assert fitting[True].loc["a", "fitting_companies"] == 3 and fitting[False].loc["a", "fitting_companies"] == 2
    assert fitting[False].loc["a", "fitting_sample_companies"] == 0
    at = date(2026, 2, 10)
    assert membership.open_procedures(con, at)["city_id"].tolist() == ["k"]
    assert membership.open_procedures(con, at, include_samples=False).empty
    status = membership.status_at(con, date(2026, 3, 1), include_samples=False).set_index("city_id")
    assert status.loc["k", "status"] == "non_member" and not status["is_sample"].any()
    assert membership.status_at(con, date(2026, 3, 1)).set_index("city_id").loc["k", "status"] == "member"
    over_time = membership.members_over_time(con, include_samples=False)
    assert over_time.groupby("country")["members"].max().to_dict() == {"CN": 2, "DE": 1}
    assert not membership.membership_periods(con, include_samples=False)["is_sample"].any()
    assert membership.membership_periods(con)["is_sample"].any()


def test_findings_without_samples_check_documented_events_only(tmp_path):
    """An admission after an invented circular: a break of the procedure once the circular is left out."""
    tables = make_tables(
        cities=[city("a", "CN"), city("b", "CN"), city("k", "DE")],
        memberships=[{"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
                     {"city_id": "k", "event": "applied", "date": "2020-01-10", "source": "s"},
                     {"city_id": "k", "event": "circular_sent", "date": "2020-02-01", "source": "s",
                      "is_sample": "true"},
                     {"city_id": "k", "event": "admitted", "date": "2020-04-01", "source": "s"}])
    with duckdb.connect(str(build_db(tmp_path, tables)), read_only=True) as connection:
        assert membership.findings(connection).empty
        found = membership.findings(connection, include_samples=False)
        assert found[["city_id", "finding"]].values.tolist() == [["k", "admitted_without_circular"]]


def test_sample_cities_are_left_out(tmp_path):
    tables = make_tables(
        cities=[city("a", "CN"), city("mainz", "DE"), city("s", "CN", is_sample="true")],
        companies=[{"company_id": "c1", "name": "Real GmbH", "city_id": "mainz", "sector": "28.41", "employees": "10",
                    "source": "s"}],
        memberships=[{"city_id": c, "event": "founded", "date": "2016-04-25", "source": "s"}
                     for c in ("a", "mainz", "s")])
    with duckdb.connect(str(build_db(tmp_path, tables)), read_only=True) as connection:
        assert "s" in cities.city_list(connection)["city_id"].tolist()
        assert "s" not in cities.city_list(connection, include_samples=False)["city_id"].tolist()
        assert "s" not in geo.city_points(connection, include_samples=False)["city_id"].tolist()
        assert overview.data_status(connection, include_samples=False).cities == 2
        assert overview.data_status(connection, include_samples=False).members == 2
        assert "s" not in membership.status_at(connection, include_samples=False)["city_id"].tolist()
        assert "s" not in matching.partner_cities(connection, "c1", include_samples=False)["city_id"].tolist()
        with pytest.raises(KeyError):
            cities.city_profile(connection, "s", include_samples=False)


def test_the_documented_views_are_the_etl_definitions():
    for name in scope.FROM_EVENTS:
        sql = scope.documented_view(name)
        assert sql.startswith("WITH documented_events AS (SELECT * FROM v_membership_events WHERE NOT is_sample)")
        assert "v_membership_events" not in sql.split("\n", 1)[1]
    with pytest.raises(ValueError):
        scope.records("etl_runs", False)
