"""The briefing in words and on paper: localise() puts the language-neutral content into the deck's
language (texts from the catalogue, names from ids, charts as figures); render_pptx() draws a 16:9
slide deck (python-pptx), render_pdf() an A4 handout (reportlab) of the same text.

Chinese needs fonts: in the deck every run names an east-asian font (Noto Sans CJK SC) beside the
theme's Latin font; in the handout, runs of Chinese script are set in reportlab's built-in CID font
STSong-Light (not embedded: the reader's PDF viewer supplies it), the rest in Helvetica.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from dataclasses import dataclass, field
from functools import cache

import duckdb
import pandas as pd
import plotly.graph_objects as go

from alliance.briefing import charts
from alliance.briefing.content import Briefing, Column, Content, briefing_content, deck_language
from alliance.i18n import Phrase, explain, render, value_text

log = logging.getLogger(__name__)

PPTX_EAST_ASIAN_FONT = "Noto Sans CJK SC"
PDF_CJK_FONT = "STSong-Light"
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB", "zh": "zh-CN"}


@dataclass
class DeckSlide:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    figure: go.Figure | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Deck:
    """The briefing in one language: what the renderers draw and the page shows."""

    lang: str
    title: str
    subtitle: str
    slides: list[DeckSlide]
    figures: dict[str, float | int]
    content: Content
    sample_mark: str | None = None  # the footer of every slide and handout page when samples are included


def localise(content: Content, lang: str | None = None) -> Deck:
    """``content`` in ``lang`` (default: the request's language)."""
    lang = lang or deck_language(content.request)
    names = content.names

    def text(item: Phrase | str) -> str:
        return item if isinstance(item, str) else render(item, lang, names)

    slides = [DeckSlide(
        key=slide.key, title=text(slide.title), lines=[text(line) for line in slide.lines],
        table=None if slide.table is None else _table(slide.table, lang, content),
        figure=None if slide.chart is None else charts.figure(slide.chart, lang, names),
        notes=[text(note) for note in slide.notes],
    ) for slide in content.slides]
    mark = None if content.sample_mark is None else text(content.sample_mark)
    return Deck(lang, content.title, text(content.subtitle), slides, content.figures, content, mark)


def _table(columns: list[Column], lang: str, content: Content) -> pd.DataFrame:
    names = content.names
    return pd.DataFrame({
        render(c.header, lang, names): [explain(v, lang, names, c.limit) if c.kind == "reasons"
                                        else value_text(c.kind, v, lang, names) for v in c.values]
        for c in columns})


def render_images(deck: Deck) -> dict[str, bytes]:
    """PNG images of the slides' figures (kaleido with the installed Chromium)."""
    import kaleido
    import plotly.io as pio

    figures = {s.key: s.figure for s in deck.slides if s.figure is not None}
    if not figures:
        return {}
    try:  # one browser for all images; an already running server is reused (no error, warning silenced)
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as exc:  # kaleido raises several kinds (no browser, no sandbox): say so, go on without
        log.warning("kaleido could not start its image server (%s); rendering each image on its own", exc)
    return {key: pio.to_image(fig, format="png", scale=2) for key, fig in figures.items()}


def _pptx_fonts(paragraph, lang: str, size=None, bold: bool | None = None, colour=None) -> None:
    """Size, weight and colour on every run, with the east-asian font and the language tag, so that
    PowerPoint and LibreOffice set Chinese in a CJK font (the theme's Latin font has no Chinese)."""
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    for run in paragraph.runs:
        font = run.font
        if size is not None:
            font.size = size
        if bold is not None:
            font.bold = bold
        if colour is not None:
            font.color.rgb = colour
        properties = run._r.get_or_add_rPr()
        properties.set("lang", LANGUAGE_TAGS.get(lang, "de-DE"))
        east_asian = properties.find(qn("a:ea"))
        if east_asian is None:
            east_asian = OxmlElement("a:ea")
            properties.insert_element_before(east_asian, "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver",
                                             "a:rtl", "a:extLst")
        east_asian.set("typeface", PPTX_EAST_ASIAN_FONT)


def render_pptx(deck: Deck, images: dict[str, bytes] | None = None) -> bytes:
    """A 16:9 deck on the blank layout (no placeholders), text in sober municipal style."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    images = render_images(deck) if images is None else images
    lang = deck.lang
    pptx = Presentation()
    pptx.slide_width, pptx.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
    blank = pptx.slide_layouts[6]
    navy = RGBColor(0x1F, 0x4E, 0x79)

    def text_box(slide, left, top, width, height, lines, size, bold=False, colour=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.space_after = Pt(6)
            _pptx_fonts(paragraph, lang, Pt(size), bold, colour)
        return box

    def notes(slide, lines: list[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join(lines)
        for paragraph in frame.paragraphs:
            _pptx_fonts(paragraph, lang)

    def sample_mark(slide) -> None:  # on every slide of a deck that includes sample records
        if deck.sample_mark:
            text_box(slide, Inches(0.6), Inches(6.95), Inches(12.1), Inches(0.4), [deck.sample_mark], 11, True,
                     RGBColor(0xA6, 0x1B, 0x1B))

    title = pptx.slides.add_slide(blank)
    band = title.shapes.add_shape(1, 0, Inches(2.3), pptx.slide_width, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = navy
    band.line.fill.background()
    text_box(title, Inches(0.8), Inches(2.55), Inches(11.7), Inches(1.0), [deck.title], 36, True,
             RGBColor(0xFF, 0xFF, 0xFF))
    text_box(title, Inches(0.8), Inches(3.55), Inches(11.7), Inches(1.2), [deck.subtitle], 20, False,
             RGBColor(0xFF, 0xFF, 0xFF))
    notes(title, [deck.subtitle])
    sample_mark(title)

    for spec in deck.slides:
        slide = pptx.slides.add_slide(blank)
        text_box(slide, Inches(0.6), Inches(0.35), Inches(12.1), Inches(0.9), [spec.title], 28, True, navy)
        line = slide.shapes.add_shape(1, Inches(0.6), Inches(1.2), Inches(12.1), Emu(19050))
        line.fill.solid()
        line.fill.fore_color.rgb = navy
        line.line.fill.background()
        top = Inches(1.45)
        image = images.get(spec.key)
        text_width = Inches(5.6) if image and spec.table is None else Inches(12.1)
        if spec.lines:
            text_box(slide, Inches(0.6), top, text_width, Inches(5.2), [f"• {t}" for t in spec.lines], 16)
        if image and spec.table is None:
            left = Inches(6.4) if spec.lines else Inches(0.9)
            width = Inches(6.4) if spec.lines else Inches(11.5)
            slide.shapes.add_picture(io.BytesIO(image), left, top, width=width)
        if spec.table is not None and not spec.table.empty:
            table_top = top if not image else Inches(4.55)
            if image:
                picture = slide.shapes.add_picture(io.BytesIO(image), 0, top, height=Inches(3.0))
                picture.left = int((pptx.slide_width - picture.width) / 2)
            _pptx_table(slide, spec.table, Inches(0.6), table_top, Inches(12.1), Pt(11 if image else 12), lang)
        notes(slide, spec.notes or [spec.title])
        sample_mark(slide)
    buffer = io.BytesIO()
    pptx.save(buffer)
    return buffer.getvalue()


def column_weights(frame: pd.DataFrame) -> list[int]:
    """Relative column widths: the longest text (capped at 40 characters, long texts wrap), but never
    narrower than the longest single word plus room for the cell padding, so no word is broken."""
    weights = []
    for column in frame.columns:
        texts = [str(column)] + [str(v) for v in frame[column]]
        longest_word = max(len(word) for text in texts for word in (text.split() or [""]))
        weights.append(max(min(max(len(text) for text in texts), 40), longest_word + 7))
    return weights


def _pptx_table(slide, frame: pd.DataFrame, left, top, width, size, lang: str) -> None:
    from pptx.util import Emu

    rows, cols = len(frame) + 1, len(frame.columns)
    height = Emu(int(size * 2.2 * rows))
    table = slide.shapes.add_table(rows, cols, left, top, width, height).table
    weights = column_weights(frame)
    for j, weight in enumerate(weights):
        table.columns[j].width = Emu(int(width * weight / sum(weights)))
    for j, name in enumerate(frame.columns):
        table.cell(0, j).text = str(name)
    for i, values in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(values):
            table.cell(i, j).text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                _pptx_fonts(paragraph, lang, size)


@cache
def _cjk_font() -> str:
    """Register reportlab's built-in CID font for Chinese once (it needs no font file)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont(PDF_CJK_FONT))
    return PDF_CJK_FONT


# Chinese, Japanese and Korean script, CJK punctuation and full-width forms: set in the CID font.
CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _in_latin_font(character: str) -> bool:
    return CJK.match(character) is None


def pdf_markup(text: str) -> str:
    """``text`` escaped for a reportlab Paragraph, runs of Chinese script in the CID font STSong-Light."""
    from xml.sax.saxutils import escape

    font = _cjk_font()
    parts = []
    for latin, run in itertools.groupby(str(text), key=_in_latin_font):
        chunk = escape("".join(run))
        parts.append(chunk if latin else f'<font name="{font}">{chunk}</font>')
    return "".join(parts)


def render_pdf(deck: Deck, images: dict[str, bytes] | None = None) -> bytes:
    """An A4 handout with the same sections, figures and tables as the deck."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    images = render_images(deck) if images is None else images
    styles = getSampleStyleSheet()
    if deck.lang == "zh":  # Chinese lines break between any two characters
        for style in styles.byName.values():
            style.wordWrap = "CJK"
    story = [Paragraph(pdf_markup(deck.title), styles["Title"]), Paragraph(pdf_markup(deck.subtitle),
                                                                           styles["Heading3"]),
             Spacer(1, 0.5 * cm)]
    for i, spec in enumerate(deck.slides):
        if i and spec.key in ("map", "sectors", "matches"):
            story.append(PageBreak())
        section = [Paragraph(pdf_markup(spec.title), styles["Heading2"])]
        section += [Paragraph("• " + pdf_markup(line), styles["BodyText"]) for line in spec.lines]
        image = images.get(spec.key)
        if image:
            picture = Image(io.BytesIO(image))
            ratio = picture.imageHeight / picture.imageWidth
            picture.drawWidth, picture.drawHeight = 16 * cm, 16 * cm * ratio
            section.append(picture)
        if spec.table is not None and not spec.table.empty:
            cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
            data = [[Paragraph(pdf_markup(str(v)), cell) for v in spec.table.columns]] + [
                [Paragraph(pdf_markup(str(v)), cell) for v in row] for row in spec.table.itertuples(index=False)]
            weights = column_weights(spec.table)
            table = Table(data, repeatRows=1, colWidths=[17 * cm * w / sum(weights) for w in weights])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            section.append(table)
        story += [KeepTogether(section), Spacer(1, 0.4 * cm)]  # a heading never stands alone at a page end

    def footer(canvas, document) -> None:  # the sample mark on every page of a handout that includes samples
        if deck.sample_mark:
            canvas.saveState()
            canvas.setFont(_cjk_font() if CJK.search(deck.sample_mark) else "Helvetica-Bold", 8)
            canvas.setFillColor(colors.HexColor("#a61b1b"))
            canvas.drawString(2 * cm, 1 * cm, deck.sample_mark)
            canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=deck.title, leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=1.8 * cm, bottomMargin=1.8 * cm).build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def build_briefing(con: duckdb.DuckDBPyConnection, request: Briefing) -> tuple[bytes, bytes, Deck]:
    """The deck and the handout for ``request`` in its language (images rendered once for both), and
    the localised deck they were drawn from (its ``content`` is the language-neutral content)."""
    deck = localise(briefing_content(con, request))
    images = render_images(deck)
    return render_pptx(deck, images), render_pdf(deck, images), deck
