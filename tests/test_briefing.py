"""The committee briefing: deck and handout from the fixture database, checked without Streamlit."""

import io
import warnings
from datetime import date

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from alliance import briefing
from tests.conftest import needs_chromium

pytestmark = [pytest.mark.filterwarnings("ignore::UserWarning"), needs_chromium]


@pytest.fixture(scope="module")
def built(analytics_db):
    warnings.simplefilter("ignore")
    request = briefing.Briefing(committee="Wirtschaftsausschuss", meeting=date(2026, 12, 3), focus="mainz")
    return briefing.build_briefing(analytics_db, request)


def texts(slide) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.text_frame.text]


def test_deck_titles_16_9_and_no_placeholders(built):
    deck = Presentation(io.BytesIO(built[0]))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    titles = [texts(s)[0] for s in deck.slides]
    assert titles == ["Wirtschaftsausschuss", "Die Allianz auf einen Blick", "Mitgliedschaft von Mainz",
                      "Mitgliedsstädte und Partner von Mainz", "Branchen: Überschneidungen und Ergänzungen",
                      "Kooperationsvorschläge für KMU aus Mainz", "Bilaterale Projekte in Zahlen",
                      "Datenquellen und Datenstand"]
    for slide in deck.slides:
        assert not slide.placeholders or all(p.has_text_frame and p.text_frame.text for p in slide.placeholders)
        assert all("Click to add" not in t and "Klicken" not in t for t in texts(slide))


def test_every_chart_is_an_image(built):
    deck = Presentation(io.BytesIO(built[0]))
    pictures = {texts(s)[0]: sum(sh.shape_type == MSO_SHAPE_TYPE.PICTURE for sh in s.shapes) for s in deck.slides}
    for title in ("Die Allianz auf einen Blick", "Mitgliedsstädte und Partner von Mainz",
                  "Branchen: Überschneidungen und Ergänzungen", "Bilaterale Projekte in Zahlen"):
        assert pictures[title] == 1, title


def test_figures_on_the_slides_equal_the_database(built, analytics_db):
    deck = Presentation(io.BytesIO(built[0]))
    content = built[2]
    members = analytics_db.execute("SELECT country, count(*) FROM v_membership_status WHERE is_member "
                                   "GROUP BY country").fetchall()
    expected = dict(members)  # a and b (CN, founded), mainz (DE)
    assert content.figures["members_cn"] == expected["CN"] == 2 and content.figures["members_de"] == 1
    alliance_text = " ".join(texts(deck.slides[1]))
    assert "2 chinesische und 1 deutsche Mitgliedsstädte (Stand 03.12.2026)" in alliance_text
    projects_text = " ".join(texts(deck.slides[6]))
    assert "1 Projekte, davon 1 belegt und 0 Beispielprojekte" in projects_text
    assert "Mainz ist Mitglied seit 25.04.2016." in " ".join(texts(deck.slides[2]))
    notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert "members: 3" in notes


def test_suggestions_name_partners_with_reasons(built):
    deck = Presentation(io.BytesIO(built[0]))
    (table,) = [s.table for s in deck.slides[5].shapes if s.has_table]
    assert table.cell(0, 0).text == "Unternehmen aus Mainz"
    first = [table.cell(1, j).text for j in range(5)]
    assert first[0] == "Mainzer Werkzeugbau GmbH" and first[1] == "A1 Machine Tools"
    assert "beide KMU" in first[4]


def test_handout_pdf(built):
    reader = PdfReader(io.BytesIO(built[1]))
    assert 3 <= len(reader.pages) <= 8
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("Wirtschaftsausschuss", "Die Allianz auf einen Blick", "Kooperationsvorschläge für KMU aus Mainz",
                     "Datenquellen und Datenstand"):
        assert expected in text


def test_english_deck(analytics_db):
    content = briefing.briefing_content(analytics_db, briefing.Briefing(lang="en", sections=("alliance", "sources"),
                                                                        meeting=date(2026, 12, 3)))
    assert [s.title for s in content.slides] == ["The alliance at a glance", "Data sources and status"]
    assert content.slides[1].lines[-1] == "All figures shown rest on documented records."  # no samples here


def test_project_volume_of_documented_projects_is_apart_from_samples(tmp_path):
    import duckdb

    from tests.factory import build_db, valid_tables

    tables = valid_tables()  # p1: a sample project of 2.5 million EUR
    with duckdb.connect(str(build_db(tmp_path, tables)), read_only=True) as con:
        content = briefing.briefing_content(con, briefing.Briefing(sections=("projects",), focus="mainz"))
    (slide,) = [s for s in content.slides if s.key == "projects"]
    assert slide.lines[:2] == ["1 Projekte, davon 0 belegt und 1 Beispielprojekte",
                               "Volumen der belegten Projekte: 0,0 Mio. EUR (mit Beispielprojekten 2,5)"]
    assert content.figures["documented_project_volume_eur_m"] == 0.0
    assert [trace.name for trace in slide.figure.data] == ["belegt", "Beispiel"]
    assert list(slide.figure.data[1].y) == [1]
