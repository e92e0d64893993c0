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
    assert "1 belegte Projekte (ohne Beispieldaten)" in projects_text  # the deck leaves samples out by default
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
    content = briefing.localise(briefing.briefing_content(analytics_db, briefing.Briefing(
        lang="en", sections=("alliance", "sources"), meeting=date(2026, 12, 3))))
    assert [s.title for s in content.slides] == ["The alliance at a glance", "Data sources and status"]
    assert content.slides[1].lines[-1] == "All figures shown rest on documented records."  # no samples here


def test_project_volume_of_documented_projects_is_apart_from_samples(tmp_path):
    import duckdb

    from tests.factory import build_db, valid_tables

    tables = valid_tables()  # p1: a sample project of 2.5 million EUR
    with duckdb.connect(str(build_db(tmp_path, tables)), read_only=True) as con:
        content = briefing.localise(briefing.briefing_content(con, briefing.Briefing(sections=("projects",),
                                                                                     focus="mainz",
                                                                                     include_samples=True)))
    (slide,) = [s for s in content.slides if s.key == "projects"]
    assert slide.lines[:2] == ["1 Projekte, davon 0 belegt und 1 Beispielprojekte",
                               "Volumen der belegten Projekte: 0,0 Mio. EUR (mit Beispielprojekten 2,5)"]
    assert content.figures["documented_project_volume_eur_m"] == 0.0
    assert [trace.name for trace in slide.figure.data] == ["belegt", "Beispiel"]
    assert list(slide.figure.data[1].y) == [1]


@pytest.fixture(scope="module")
def built_zh(analytics_db):
    warnings.simplefilter("ignore")
    request = briefing.Briefing(committee="经济委员会", meeting=date(2026, 12, 3), focus="a", lang="zh")
    return briefing.build_briefing(analytics_db, request)


def test_content_is_language_neutral(analytics_db):
    """The content holds phrases (catalogue keys with ids and numbers) and typed columns of ids, no words."""
    from alliance.i18n import CATALOGUE, Phrase

    content = briefing.briefing_content(analytics_db, briefing.Briefing(meeting=date(2026, 12, 3)))
    for slide in content.slides:
        assert isinstance(slide.title, Phrase) and slide.title.key in CATALOGUE
        assert all(isinstance(line, Phrase) and line.key in CATALOGUE for line in slide.lines)
    (matches,) = [s for s in content.slides if s.key == "matches"]
    columns = {c.header.key: c for c in matches.table}
    assert columns["col.city"].values == ["a"] * len(columns["col.city"].values)  # city ids, not names
    assert all(isinstance(token, str) and isinstance(args, dict)
               for reasons in columns["col.explanation"].values for token, args in reasons)
    # one content, three languages
    titles = {lang: briefing.localise(content, lang).slides[0].title for lang in ("de", "en", "zh")}
    assert titles == {"de": "Die Allianz auf einen Blick", "en": "The alliance at a glance", "zh": "联盟概览"}


def test_map_legend_in_the_deck_language(analytics_db):
    content = briefing.briefing_content(analytics_db, briefing.Briefing(sections=("map",), focus="mainz"))
    legends = {lang: [trace.name for trace in briefing.localise(content, lang).slides[0].figure.data][1:]
               for lang in ("de", "en", "zh")}
    assert legends == {"de": ["Mitglieder", "Partner", "Fokusstadt"], "en": ["Members", "Partners", "Focus city"],
                       "zh": ["成员城市", "伙伴城市", "重点城市"]}
    zh_labels = [t for trace in briefing.localise(content, "zh").slides[0].figure.data[2:] for t in trace.text]
    assert "mainz市" in zh_labels and "Mainz" not in zh_labels  # city names in Chinese on the Chinese map


def test_chinese_deck_and_handout(built_zh):
    deck = Presentation(io.BytesIO(built_zh[0]))
    titles = [texts(s)[0] for s in deck.slides]
    assert titles == ["经济委员会", "联盟概览", "a市的成员资格", "成员城市及a市的伙伴城市", "行业：重叠与互补",
                      "a市中小企业合作建议", "双边项目数据", "数据来源与数据状态"]
    alliance_text = " ".join(texts(deck.slides[1]))
    assert "中方成员城市 2 个，德方成员城市 1 个（截至 2026-12-03）" in alliance_text
    (table,) = [s.table for s in deck.slides[5].shapes if s.has_table]
    assert table.cell(0, 0).text == "a市企业" and table.cell(1, 2).text == "mainz市"
    assert "中小企业与大型企业" in table.cell(1, 4).text  # a1 (100 employees) with m2 (300)
    # every run names the east-asian font and the language, so Chinese is never set in a Latin font
    run = deck.slides[1].shapes[0].text_frame.paragraphs[0].runs[0]._r
    rpr = run.find("{http://schemas.openxmlformats.org/drawingml/2006/main}rPr")
    east_asian = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ea")
    assert east_asian.get("typeface") == "Noto Sans CJK SC" and rpr.get("lang") == "zh-CN"
    reader = PdfReader(io.BytesIO(built_zh[1]))
    fonts = {str(f.get("/BaseFont")) for page in reader.pages
             for f in (page.get("/Resources", {}).get("/Font", {}) or {}).values()
             for f in [f.get_object()]}
    assert any("STSong-Light" in f for f in fonts)
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in ("经济委员会", "联盟概览", "a市中小企业合作建议", "数据来源与数据状态"):
        assert expected in text


def test_handout_sets_chinese_in_the_cid_font():
    assert briefing.pdf_markup("Antrag → Aufnahme & 美因茨（示例）") == (
        'Antrag → Aufnahme &amp; <font name="STSong-Light">美因茨（示例）</font>')


def test_a_failing_image_server_is_logged(monkeypatch, caplog, analytics_db):
    import kaleido

    def broken(**_):
        raise RuntimeError("no browser")

    monkeypatch.setattr(kaleido, "start_sync_server", broken)
    monkeypatch.setattr("plotly.io.to_image", lambda fig, **_: b"png")
    deck = briefing.localise(briefing.briefing_content(analytics_db, briefing.Briefing(sections=("alliance",))))
    with caplog.at_level("WARNING", logger="alliance.briefing.render"):
        assert briefing.render_images(deck) == {"alliance": b"png"}
    assert "no browser" in caplog.text
