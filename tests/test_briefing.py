"""The committee deck (a Beschlussvorlage: Sachstand, Bewertung, Empfehlung) and its PDF handout, made
from the bundled seed database and opened with python-pptx and pypdf."""

from __future__ import annotations

import io
import re
import warnings
from datetime import date

import duckdb
import pytest
from pptx import Presentation
from pypdf import PdfReader

from alliance import briefing, contacts, focus, membership
from alliance.i18n import t
from etl.build import build
from etl.contract.paths import SEED_DIR
from tests.conftest import needs_chromium

pytestmark = [pytest.mark.filterwarnings("ignore::UserWarning"), needs_chromium]

MEETING = date(2026, 12, 3)
PARTS = {"de": ("Sachstand", "Bewertung", "Empfehlung", "Anhang"), "en": ("Facts", "Assessment", "Recommendation",
                                                                        "Annex"),
         "zh": ("现状", "评估", "建议", "附录")}
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "alliance.duckdb"
    assert build(SEED_DIR, db).ok
    return db


@pytest.fixture(scope="module")
def con(seed_db):
    connection = duckdb.connect(str(seed_db), read_only=True)
    yield connection
    connection.close()


def make(con, **request):
    warnings.simplefilter("ignore")
    return briefing.build_briefing(con, briefing.Briefing(committee="Wirtschaftsausschuss", meeting=MEETING,
                                                          focus="mainz", **request))


@pytest.fixture(scope="module")
def built(con):
    return make(con)


@pytest.fixture(scope="module")
def built_with_samples(con):
    return make(con, include_samples=True)


@pytest.fixture(scope="module")
def built_zh(con):
    return make(con, lang="zh")


def shapes_named(slide, name: str) -> list[str]:
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame and shape.name == name]


def slide_title(slide) -> str:
    return (slide.shapes.title.text_frame.text if slide.shapes.title is not None else shapes_named(slide, "Title")[0])


def all_texts(slide) -> list[str]:
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    texts += [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows for cell in row.cells]
    if slide.has_notes_slide:
        texts.append(slide.notes_slide.notes_text_frame.text)
    return texts


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def sample_names(con) -> list[str]:
    """Names of sample companies and titles of sample projects (long enough not to be part of a real name)."""
    rows = con.execute("SELECT name FROM companies WHERE is_sample UNION ALL "
                       "SELECT title FROM projects WHERE is_sample").fetchall()
    return [name for (name,) in rows if len(name) >= 10]


# --- structure: parts, messages, numbers, sources ------------------------------------------------------


def test_slides_carry_their_part_and_a_message(built, con):
    pptx, _, deck = built
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert len(slides) == len(deck.slides) + 1
    parts = [shapes_named(s, "Part")[0] for s in slides[1:]]
    sachstand, bewertung, empfehlung, anhang = (p.upper() for p in PARTS["de"])
    assert parts[0] == sachstand and parts[-1] == anhang  # in the order of a Beschlussvorlage
    order = [p for i, p in enumerate(parts) if i == 0 or parts[i - 1] != p]
    assert order == [sachstand, bewertung, empfehlung, anhang]
    titles = {}
    for slide, spec in zip(slides[1:], deck.slides, strict=True):
        titles.setdefault(spec.part, []).append(slide_title(slide))
    status = membership.status_at(con, MEETING, include_samples=False)
    members = status[status["is_member"]]
    cn, de = int((members["country"] == "CN").sum()), int((members["country"] == "DE").sum())
    brief = focus.focus_brief(con, "mainz", include_samples=False, at=MEETING)
    best = brief.best_partners.iloc[0]
    partners = ", ".join(brief.best_partners["partner_de"].head(3))
    assert f"Die Allianz zählt {cn + de} Mitgliedsstädte: {cn} in China, {de} in Deutschland" in titles["Sachstand"]
    assert "Mainz ist seit 24.04.2017 Mitglied der Allianz" in titles["Sachstand"]
    best_title = f"{best['partner_de']} passt am besten zu Mainz: {round(best['score'])} von 100 Punkten"
    assert best_title in titles["Bewertung"]
    assert f"Empfehlung: Gespräche mit {partners} aufnehmen" in titles["Empfehlung"]
    assert "4 Kontaktvorschläge für Unternehmen aus Mainz" in titles["Empfehlung"]
    assert "Kein offenes Aufnahmeverfahren wartet auf eine Antwort von Mainz" in titles["Empfehlung"]
    assert titles["Anhang"] == ["Alle gezeigten Zahlen beruhen auf belegten Datensätzen."]
    for title in (title for part in titles.values() for title in part):  # a message states a finding, not a topic
        assert len(title.split()) >= 5, title


def test_every_slide_has_its_number_and_content_slides_a_source(built):
    slides = list(Presentation(io.BytesIO(built[0])).slides)
    for n, slide in enumerate(slides, start=1):
        assert shapes_named(slide, "Slide number") == [f"{n} / {len(slides)}"]
    for slide in slides[1:]:
        (source,) = shapes_named(slide, "Source")
        assert source.startswith("Quelle: ")


def test_the_focus_citys_documented_projects_are_on_a_slide(built, con):
    documented = [title for (title,) in con.execute(
        "SELECT title FROM projects WHERE NOT is_sample AND 'mainz' IN (cn_city_id, de_city_id)").fetchall()]
    assert documented
    slide = next(s for s, spec in zip(list(Presentation(io.BytesIO(built[0])).slides)[1:], built[2].slides,
                                      strict=True) if spec.key == "focus_projects")
    (table,) = [shape.table for shape in slide.shapes if shape.has_table]
    assert {table.cell(i, 0).text for i in range(1, len(table.rows))} == set(documented)
    assert slide_title(slide) == f"Mainz hat {len(documented)} belegte(s) Projekt(e) mit Foshan"


def test_speaker_notes_are_sentences(built, built_zh):
    for pptx in (built[0], built_zh[0]):
        for slide in Presentation(io.BytesIO(pptx)).slides:
            notes = slide.notes_slide.notes_text_frame.text.split("\n")
            assert notes and all(notes), notes
            for note in notes:
                assert not re.search(r"[a-z_]+: -?[\d.]+( \||$)", note), note  # no "members_cn: 27 | ..."
                assert note[-1] in ".!?。！？", note
                assert len(note.split()) >= 4 or len(CJK.findall(note)) >= 6, note


def test_country_names_never_codes(built, built_zh):
    for (pptx, _, deck), names in ((built, {"China", "Deutschland"}), (built_zh, {"中国", "德国"})):
        (members,) = [s.figure for s in deck.slides if s.key == "alliance"]
        assert {trace.name for trace in members.data} == names
        for slide in Presentation(io.BytesIO(pptx)).slides:
            for text in all_texts(slide):
                assert not re.search(r"(?<![\w.])(CN|DE)(?![\w.])", text), text


def test_charts_set_every_font_at_14_pt_or_more(built, built_zh, built_with_samples):
    figures = [s.figure for deck in (built[2], built_zh[2], built_with_samples[2]) for s in deck.slides
               if s.figure is not None]
    assert len(figures) >= 3 * 4  # members, projects, map, profile
    for fig in figures:
        sizes = briefing.font_sizes(fig)
        assert {"font", "legend"} <= set(sizes)
        assert all(size is not None and size >= briefing.MIN_FONT for size in sizes.values()), sizes
        layout = fig.layout
        assert layout.font.size >= briefing.MIN_FONT and layout.legend.font.size >= briefing.MIN_FONT
        if layout.title.text:
            assert layout.title.font.size >= briefing.MIN_FONT
        for axis in (layout.xaxis, layout.yaxis):
            assert axis.visible is False or axis.tickfont.size >= briefing.MIN_FONT
        for annotation in layout.annotations:
            assert (annotation.font.size or layout.font.size) >= briefing.MIN_FONT
        for trace in fig.data:
            if getattr(trace, "text", None) is not None:
                assert trace.textfont.size >= briefing.MIN_FONT
    assert briefing.font_sizes(figures[0].update_layout(legend_font_size=10))["legend"] == 10  # the check can fail


# --- documented data only, unless asked ----------------------------------------------------------------


def test_no_sample_record_without_samples(built, con):
    pptx, pdf, deck = built
    names = sample_names(con)
    assert len(names) > 10
    texts = " ".join(text for slide in Presentation(io.BytesIO(pptx)).slides for text in all_texts(slide))
    handout = pdf_text(pdf)
    assert [n for n in names if n in texts] == [] and [n for n in names if n in handout] == []
    assert deck.sample_mark is None and t("briefing.sample_mark", "de") not in texts


def test_with_samples_every_slide_and_page_is_marked(built_with_samples, con):
    pptx, pdf, deck = built_with_samples
    mark = t("briefing.sample_mark", "de")
    assert deck.sample_mark == mark
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert all(shapes_named(slide, "Sample mark") == [mark] for slide in slides)
    assert all(mark in " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    texts = " ".join(text for slide in slides for text in all_texts(slide))
    assert any(name in texts for name in sample_names(con))  # the samples are in now
    assert any(spec.key == "smes" for spec in deck.slides)  # the sample SMEs of Mainz meet strong partners


# --- contact proposals ---------------------------------------------------------------------------------


def test_contact_proposals_come_from_the_shortlist(con):
    shortlist = ("cn_jieyang_kangmei", "de_mainz_biontech")
    content = briefing.briefing_content(con, briefing.Briefing(meeting=MEETING, focus="mainz", shortlist=shortlist,
                                                               sections=("matches",)))
    (slide,) = briefing.localise(content).slides
    assert slide.title == "2 Kontaktvorschläge aus der Merkliste für Mainz"
    expected = contacts.contact_proposals(con, "mainz", shortlist, False)  # the one implementation
    partners = slide.table[t("briefing.col.partner_company", "de")].tolist()
    assert [p.split(" (")[0] for p in partners] == expected["best_partner_name"].tolist()
    assert any("Hinweis zu" in line and "CSRC" in line for line in slide.lines)  # the fraud case's note


def test_without_a_shortlist_the_focus_citys_best_matches(built):
    (slide,) = [s for s in built[2].slides if s.key == "matches"]
    assert slide.title == "4 Kontaktvorschläge für Unternehmen aus Mainz"
    assert slide.lines[0].startswith("Für Mainz ist kein KMU belegt")  # no documented SME in the seed
    assert all(cell for cell in slide.table[t("col.explanation", "de")])


# --- the handout says the same -------------------------------------------------------------------------


def test_handout_has_every_slide_title_and_line(built):
    _, pdf, deck = built
    text = pdf_text(pdf)
    for spec in deck.slides:
        assert " ".join(spec.title.split()) in text, spec.title
        for line in spec.lines:
            assert " ".join(line.split())[:60] in text, line
    for part in PARTS["de"]:
        assert part in text


# --- languages ----------------------------------------------------------------------------------------


def test_english_and_chinese_decks(con, built_zh):
    content = briefing.briefing_content(con, briefing.Briefing(meeting=MEETING, focus="mainz"))
    english = briefing.localise(content, "en")
    assert english.slides[0].title.startswith("The alliance has ")
    assert {s.part for s in english.slides} == set(PARTS["en"])
    assert not any(re.search(r"[äöüß]|\b(der|und|mit)\b", s.title) for s in english.slides)
    pptx, pdf, deck = built_zh
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    titles = [slide_title(s) for s in slides[1:]]
    assert titles[0].startswith("联盟共有 ") and all(CJK.search(title) for title in titles)
    assert {shapes_named(s, "Part")[0] for s in slides[1:]} == set(PARTS["zh"])
    assert all(shapes_named(s, "Source")[0].startswith("来源：") for s in slides[1:])
    handout = pdf_text(pdf)
    assert titles[0].replace(" ", "") in handout.replace(" ", "")


# --- the city's template -------------------------------------------------------------------------------


LAYOUT_NAME = "Mainz CD Nur Titel"
MASTER_NAME = "Landeshauptstadt Mainz"
ACCENT = "C0143C"


def template_bytes(potx: bool = False) -> bytes:
    """A tiny template: python-pptx's default with a renamed "Title Only" layout and master and a red accent 1."""
    import zipfile

    from pptx.util import Emu

    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)
    master = deck.slide_masters[0]
    master._element.cSld.set("name", MASTER_NAME)
    (title_only,) = [layout for layout in master.slide_layouts if layout.name == "Title Only"]
    title_only._element.cSld.set("name", LAYOUT_NAME)
    deck.slides.add_slide(master.slide_layouts[0])  # a template's own sample slide, dropped by the deck
    buffer = io.BytesIO()
    deck.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("ppt/theme/theme"):
                data = re.sub(rb'(<a:accent1>\s*<a:srgbClr val=")[0-9A-F]{6}', rb"\g<1>" + ACCENT.encode(), data)
            if potx and info.filename == "[Content_Types].xml":
                data = data.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
            target.writestr(info, data)
    return out.getvalue()


@pytest.mark.parametrize("potx", [False, True], ids=["pptx", "potx"])
def test_the_templates_layout_and_theme_are_used(con, potx):
    template = briefing.load_template(template_bytes(potx), "mainz.potx" if potx else "mainz.pptx")
    assert template.master == MASTER_NAME and template.palette[0] == f"#{ACCENT.lower()}"
    pptx, _, deck = briefing.build_briefing(con, briefing.Briefing(meeting=MEETING, focus="mainz"), template)
    opened = Presentation(io.BytesIO(pptx))
    slides = list(opened.slides)
    assert len(slides) == len(deck.slides) + 1  # the template's own slide is gone
    assert all(slide.slide_layout.name == LAYOUT_NAME for slide in slides[1:])
    assert {slide.slide_layout.slide_master.name for slide in slides} == {MASTER_NAME}
    assert [s.shapes.title.text_frame.text for s in slides[1:]] == [spec.title for spec in deck.slides]
    theme = opened.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
    assert ACCENT.encode() in theme
    (members,) = [s.figure for s in deck.slides if s.key == "alliance"]
    assert f"#{ACCENT.lower()}" in {trace.line.color for trace in members.data}  # charts in the theme's colours


def test_a_bad_template_gives_its_token():
    import zipfile

    with pytest.raises(briefing.TemplateError) as raised:
        briefing.load_template(b"not a presentation at all", "x.pptx")
    assert raised.value.token == "not_pptx"
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("ppt/presentation.xml", "<damaged")
    with pytest.raises(briefing.TemplateError) as raised:
        briefing.load_template(broken.getvalue(), "x.pptx")
    assert raised.value.token == "corrupt"
    truncated = template_bytes()[:5000]
    with pytest.raises(briefing.TemplateError) as raised:
        briefing.load_template(truncated, "x.pptx")
    assert raised.value.token in ("not_pptx", "corrupt")


# --- the page -----------------------------------------------------------------------------------------


def test_page_makes_the_deck_from_the_shortlist_with_the_configured_template(monkeypatch, seed_db, tmp_path):
    import streamlit.testing.v1.app_test as app_test
    from streamlit.runtime.media_file_manager import MediaFileManager

    from tests.apptest import open_page
    from tests.test_documented_only import downloads

    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    path = tmp_path / "mainz.potx"
    path.write_bytes(template_bytes(potx=True))
    monkeypatch.setenv("ALLIANCE_DECK_TEMPLATE", str(path))
    at = open_page(monkeypatch, seed_db, "pages/8_briefing.py", shortlist="cn_jieyang_kangmei,nobody",
                   meeting="2026-12-03")
    assert not at.exception and not at.error
    captions = " ".join(c.value for c in at.caption)
    assert t("briefing.shortlist_in_use", "de", n=1) in captions and MASTER_NAME in captions
    at.button(key="make").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Fertig: 13 Folien, nur mit belegten Daten")  # no SME of Mainz: no overlaps
    files = downloads(at, managers)
    name = "isa_ausschussvorlage_mainz_de_2026-12-03"  # the meeting's date, once
    assert sorted(files) == [f"{name}.pdf", f"{name}.pptx"]
    slides = list(Presentation(io.BytesIO(files[f"{name}.pptx"])).slides)
    assert all(slide.slide_layout.name == LAYOUT_NAME for slide in slides[1:])
    assert "1 Kontaktvorschläge aus der Merkliste für Mainz" in [s.shapes.title.text_frame.text for s in slides]


def test_page_names_a_corrupt_template_and_makes_the_deck_without_it(monkeypatch, seed_db, tmp_path):
    from tests.apptest import open_page

    path = tmp_path / "kaputt.pptx"
    path.write_bytes(b"PK\x03\x04 this is not a zip")
    monkeypatch.setenv("ALLIANCE_DECK_TEMPLATE", str(path))
    at = open_page(monkeypatch, seed_db, "pages/8_briefing.py")
    assert not at.exception
    assert [e.value for e in at.error] == [" ".join((t("briefing.template_error.not_pptx", "de"),
                                                     t("briefing.template_fallback", "de")))]
    at.button(key="make").click().run()
    assert not at.exception and at.success


# --- kept from the first deck: the analytics fixture --------------------------------------------------


def test_project_volume_of_documented_projects_is_apart_from_samples(tmp_path):
    from tests.factory import build_db, valid_tables

    tables = valid_tables()  # p1: a sample project of 2.5 million EUR
    with duckdb.connect(str(build_db(tmp_path, tables)), read_only=True) as connection:
        content = briefing.localise(briefing.briefing_content(connection, briefing.Briefing(
            sections=("projects",), focus="mainz", include_samples=True)))
    (slide,) = [s for s in content.slides if s.key == "projects"]
    assert slide.lines[:2] == ["1 Projekte, davon 0 belegt und 1 Beispielprojekte",
                               "Volumen der belegten Projekte: 0,0 Mio. EUR (mit Beispielprojekten 2,5)"]
    assert content.figures["documented_project_volume_eur_m"] == 0.0
    assert [trace.name for trace in slide.figure.data] == ["belegt", "Beispiel"]


def test_content_is_language_neutral(analytics_db):
    """The content holds phrases (catalogue keys with ids and numbers) and typed columns of ids, no words."""
    from alliance.i18n import CATALOGUE, Phrase

    content = briefing.briefing_content(analytics_db, briefing.Briefing(meeting=MEETING))
    for slide in content.slides:
        assert isinstance(slide.title, Phrase) and slide.title.key in CATALOGUE
        assert all(isinstance(line, Phrase) and line.key in CATALOGUE for line in slide.lines)
        assert all(isinstance(note, Phrase) and note.key in CATALOGUE for note in slide.notes)
    (matches,) = [s for s in content.slides if s.key == "matches"]
    columns = {c.header.key: c for c in matches.table}
    assert all(isinstance(token, str) and isinstance(args, dict)
               for reasons in columns["col.explanation"].values for token, args in reasons)


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
