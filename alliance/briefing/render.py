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
from alliance.briefing.template import Template, TemplateError, cover_layout, title_layout, without_slides
from alliance.i18n import Phrase, display_width, explain, render, t, value_text

log = logging.getLogger(__name__)

PPTX_EAST_ASIAN_FONT = "Noto Sans CJK SC"
PDF_CJK_FONT = "STSong-Light"
LANGUAGE_TAGS = {"de": "de-DE", "en": "en-GB", "zh": "zh-CN"}
IMAGE_SCALE = 3  # pixels per point of the chart images
TITLE_SIZES = (26, 24, 22, 20)  # pt: a message takes at most two lines, at the largest of these that fits
LINE_HEIGHT = 1.2


@dataclass
class DeckSlide:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    figure: go.Figure | None = None
    notes: list[str] = field(default_factory=list)
    part: str = ""  # the Beschlussvorlage's part in the deck's language: Sachstand, Bewertung, Empfehlung, Anhang
    source: str = ""  # the source line


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
    cover_notes: list[str] = field(default_factory=list)
    cover_line: str = ""


def localise(content: Content, lang: str | None = None, palette: tuple[str, ...] | None = None) -> Deck:
    """``content`` in ``lang`` (default: the request's language); charts in ``palette`` if given."""
    lang = lang or deck_language(content.request)
    names = content.names

    def text(item: Phrase | str) -> str:
        return item if isinstance(item, str) else render(item, lang, names)

    slides = [DeckSlide(
        key=slide.key, title=text(slide.title), lines=[text(line) for line in slide.lines],
        table=None if slide.table is None else _table(slide.table, lang, content),
        figure=None if slide.chart is None else charts.figure(slide.chart, lang, names, palette),
        notes=[_sentence(text(note), lang) for note in slide.notes], part=t(f"briefing.part.{slide.part}", lang),
        source=text(slide.source) if slide.source is not None else "",
    ) for slide in content.slides]
    mark = None if content.sample_mark is None else text(content.sample_mark)
    return Deck(lang, content.title, text(content.subtitle), slides, content.figures, content, mark,
                [text(n) for n in content.cover_notes], t("briefing.cover_parts", lang))


def _sentence(text: str, lang: str) -> str:
    """A speaker note ends like a sentence (a title reused as a note gets its full stop)."""
    text = text.rstrip()
    return text if not text or text[-1] in ".!?。！？" else text + ("。" if lang == "zh" else ".")


def _table(columns: list[Column], lang: str, content: Content) -> pd.DataFrame:
    names = content.names
    return pd.DataFrame({
        render(c.header, lang, names): [explain(v, lang, names, c.limit) if c.kind == "reasons"
                                        else value_text(c.kind, v, lang, names) for v in c.values]
        for c in columns})


def fitted_size(text: str, width: int, sizes: tuple[int, ...], max_lines: int) -> tuple[int, int]:
    """The largest of ``sizes`` (pt) at which ``text`` fills at most ``max_lines`` lines of ``width``
    (EMU), and the lines it then takes (estimated: a Latin character of a bold sans font is about
    0.6 em wide, a Chinese one 1 em; words are not broken)."""
    import math
    import unicodedata

    def lines_at(size: int) -> int:
        per_line = width / 12700 / size  # ems per line
        count, used = 1, 0.0
        for word in text.split(" "):
            ems = sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.6 for c in word) + 0.3
            if used and used + ems > per_line:
                count, used = count + 1, 0.0
            used += ems
            if used > per_line:  # a long word (or Chinese text without spaces) wraps anywhere
                count += math.ceil(used / per_line) - 1
                used = used % per_line
        return count

    for size in sizes:
        if lines_at(size) <= max_lines:
            return size, lines_at(size)
    return sizes[-1], lines_at(sizes[-1])


def render_images(deck: Deck) -> dict[str, bytes]:
    """PNG images of the slides' figures (kaleido with the installed Chromium), at IMAGE_SCALE times
    their size in points, so that they stay sharp on a projector."""
    import kaleido
    import plotly.io as pio

    figures = {s.key: s.figure for s in deck.slides if s.figure is not None}
    if not figures:
        return {}
    try:  # one browser for all images; an already running server is reused (no error, warning silenced)
        kaleido.start_sync_server(silence_warnings=True)
    except Exception as exc:  # kaleido raises several kinds (no browser, no sandbox): say so, go on without
        log.warning("kaleido could not start its image server (%s); rendering each image on its own", exc)
    return {key: pio.to_image(fig, format="png", scale=IMAGE_SCALE) for key, fig in figures.items()}


def _pptx_fonts(paragraph, lang: str, size=None, bold: bool | None = None, colour=None) -> None:
    """Size, weight and colour on every run, with the east-asian font and the language tag, so that
    PowerPoint and LibreOffice set Chinese in a CJK font (the theme's Latin font has no Chinese).
    ``colour`` is an RGBColor or a theme colour (MSO_THEME_COLOR), which follows the template."""
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.oxml.xmlchemy import OxmlElement

    for run in paragraph.runs:
        font = run.font
        if size is not None:
            font.size = size
        if bold is not None:
            font.bold = bold
        if isinstance(colour, RGBColor):
            font.color.rgb = colour
        elif colour is not None:
            font.color.theme_color = colour
        properties = run._r.get_or_add_rPr()
        properties.set("lang", LANGUAGE_TAGS.get(lang, "de-DE"))
        east_asian = properties.find(qn("a:ea"))
        if east_asian is None:
            east_asian = OxmlElement("a:ea")
            properties.insert_element_before(east_asian, "a:cs", "a:sym", "a:hlinkClick", "a:hlinkMouseOver",
                                             "a:rtl", "a:extLst")
        east_asian.set("typeface", PPTX_EAST_ASIAN_FONT)


def _set_lines(frame, lines: list[str], lang: str, size, bold=False, colour=None, bullet: bool = False) -> None:
    from pptx.util import Pt

    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = f"• {line}" if bullet else line
        paragraph.space_after = Pt(6)
        _pptx_fonts(paragraph, lang, size, bold, colour)


def render_pptx(deck: Deck, images: dict[str, bytes] | None = None, template: Template | None = None) -> bytes:
    """A 16:9 deck: the cover, then one slide per content slide with its part above the title (the
    message), body, a source line and the slide number ("3 / 12"); with ``template`` on its master's
    title layouts (title in the layout's placeholder, colours from its theme), else on the blank
    layout of python-pptx's default template, resized to 16:9."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.dml import MSO_THEME_COLOR
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    images = render_images(deck) if images is None else images
    lang = deck.lang
    if template is not None:
        pptx = Presentation(io.BytesIO(template.data))
        without_slides(pptx)
        master = pptx.slide_masters[0]
        content_layout, first_layout = title_layout(master), cover_layout(master)
        accent = MSO_THEME_COLOR.ACCENT_1
    else:
        pptx = Presentation()
        pptx.slide_width, pptx.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
        content_layout = first_layout = pptx.slide_layouts[6]  # blank
        accent = RGBColor(0x1F, 0x4E, 0x79)
    width, height = pptx.slide_width, pptx.slide_height
    margin = int(width * 0.045)
    inner = width - 2 * margin
    grey, red = RGBColor(0x59, 0x59, 0x59), RGBColor(0xA6, 0x1B, 0x1B)
    total = len(deck.slides) + 1

    def text_box(slide, left, top, box_width, box_height, lines, size, bold=False, colour=None, bullet=False,
                 align=None, name=None):
        box = slide.shapes.add_textbox(left, top, box_width, box_height)
        if name:
            box.name = name
        _set_lines(box.text_frame, lines, lang, Pt(size), bold, colour, bullet)
        if align is not None:
            for paragraph in box.text_frame.paragraphs:
                paragraph.alignment = align
        return box

    def title_of(slide, text: str, cover: bool = False):
        """The layout's title placeholder (a template's style), else a text box; returns its bottom."""
        placeholder = slide.shapes.title
        for shape in list(slide.placeholders):  # only the title is filled: empty placeholders would show prompts
            if placeholder is None or shape.shape_id != placeholder.shape_id:
                shape._element.getparent().remove(shape._element)
        if placeholder is not None:
            placeholder.text_frame.text = text
            placeholder.text_frame.word_wrap = True
            size, lines = fitted_size(text, placeholder.width, (32, 28, 24) if cover else TITLE_SIZES,
                                      max(2, int(placeholder.height / Pt(24 * LINE_HEIGHT))))
            for paragraph in placeholder.text_frame.paragraphs:
                _pptx_fonts(paragraph, lang, Pt(size), True)
            return max(placeholder.top + placeholder.height, placeholder.top + Pt(size * LINE_HEIGHT * lines))
        top = Inches(2.55) if cover else Inches(0.62)
        size, lines = fitted_size(text, inner, (36, 32, 28) if cover else TITLE_SIZES, 2)
        box_height = Pt(size * LINE_HEIGHT * lines) + Inches(0.1)
        text_box(slide, margin, top, inner, box_height, [text], size, True,
                 RGBColor(0xFF, 0xFF, 0xFF) if cover else accent, name="Title")
        return top + box_height

    def notes(slide, lines: list[str]) -> None:
        frame = slide.notes_slide.notes_text_frame
        frame.text = "\n".join(lines)
        for paragraph in frame.paragraphs:
            _pptx_fonts(paragraph, lang)

    def footer(slide, n: int, source: str) -> None:
        """Source line, slide number and (with samples) the sample mark, at the foot of every slide."""
        foot = height - Inches(0.5)
        text_box(slide, width - margin - Inches(1.2), foot, Inches(1.2), Inches(0.35),
                 [t("briefing.slide_number", lang, n=n, total=total)], 12, colour=grey, align=PP_ALIGN.RIGHT,
                 name="Slide number")
        if source:
            text_box(slide, margin, foot, inner - Inches(1.4), Inches(0.35), [source], 11, colour=grey,
                     name="Source")
        if deck.sample_mark:
            text_box(slide, margin, foot - Inches(0.35), inner, Inches(0.35), [deck.sample_mark], 12, True, red,
                     name="Sample mark")

    cover = pptx.slides.add_slide(first_layout)
    if template is None:
        band = cover.shapes.add_shape(1, 0, Inches(2.3), width, Inches(2.6))
        band.fill.solid()
        band.fill.fore_color.rgb = accent
        band.line.fill.background()
    bottom = title_of(cover, deck.title, cover=True)
    text_box(cover, margin, bottom + Inches(0.05), inner, Inches(1.2), [deck.subtitle, deck.cover_line], 20,
             colour=RGBColor(0xFF, 0xFF, 0xFF) if template is None else None)
    notes(cover, deck.cover_notes or [deck.subtitle])
    footer(cover, 1, "")

    for n, spec in enumerate(deck.slides, start=2):
        slide = pptx.slides.add_slide(content_layout)
        if template is None:
            text_box(slide, margin, Inches(0.25), inner, Inches(0.4), [spec.part.upper()], 14, True, grey,
                     name="Part")
        bottom = title_of(slide, spec.title)
        if template is None:
            rule = slide.shapes.add_shape(1, margin, bottom + Inches(0.05), inner, Emu(19050))
            rule.fill.solid()
            rule.fill.fore_color.rgb = accent
            rule.line.fill.background()
        else:  # the part beside the source: the template's master owns the top of the slide
            spec = DeckSlide(**{**spec.__dict__, "source": f"{spec.part} · {spec.source}" if spec.source
                                else spec.part})
        top = bottom + Inches(0.2)
        body_height = height - Inches(0.95 if deck.sample_mark else 0.6) - top
        image = images.get(spec.key)
        picture_width = Emu(int(spec.figure.layout.width * 12700)) if image and spec.figure is not None else 0
        if image and spec.table is None and spec.lines:  # lines left, chart right at 1 px = 1 pt
            text_box(slide, margin, top, inner - picture_width - Inches(0.3), body_height, spec.lines, 18,
                     bullet=True)
            slide.shapes.add_picture(io.BytesIO(image), margin + inner - picture_width, top, width=picture_width)
        elif image:  # the chart alone, centred, at 1 px = 1 pt
            slide.shapes.add_picture(io.BytesIO(image), int((width - picture_width) / 2), top, width=picture_width)
        else:
            table_top = top
            if spec.lines and spec.table is not None:
                box = text_box(slide, margin, top, inner, Inches(0.5 + 0.35 * len(spec.lines)), spec.lines, 16,
                               bullet=True)
                table_top = box.top + box.height
            elif spec.lines:
                text_box(slide, margin, top, inner, body_height, spec.lines, 20 if len(spec.lines) <= 3 else 18,
                         bullet=True)
            if spec.table is not None and not spec.table.empty:
                rows, cols = len(spec.table), len(spec.table.columns)  # few rows or columns: larger type
                largest = 16 if rows <= 2 else 14 if cols <= 4 or rows <= 3 else 12
                size = Pt(table_size(spec.table, inner, top + body_height - table_top, largest, lang))
                _pptx_table(slide, spec.table, margin, table_top, inner, size, lang, accent)
        notes(slide, spec.notes or [spec.title])
        footer(slide, n, spec.source)
    buffer = io.BytesIO()
    pptx.save(buffer)
    return buffer.getvalue()


def _longest_word(texts: list[str]) -> int:
    """Display columns of the longest word (Chinese breaks between any two characters: 8 at most)."""
    return max(min(display_width(word), 8) if CJK.search(word) else len(word)
               for text in texts for word in (text.split() or [""]))


def column_weights(frame: pd.DataFrame) -> list[int]:
    """Relative column widths in display columns (a Chinese character counts 2): the longest text (capped
    at 60, long texts wrap), but never narrower than the longest single word plus room for the cell
    padding, so no word is broken."""
    weights = []
    for column in frame.columns:
        texts = [str(column)] + [str(v) for v in frame[column]]
        weights.append(max(min(max(display_width(text) for text in texts), 60), _longest_word(texts) + 9))
    return weights


def column_widths(frame: pd.DataFrame, width: int, size_pt: float) -> list[int]:
    """Column widths (EMU) summing to ``width``: first each column's longest word at ``size_pt`` (a
    character about 0.62 em, plus the cell padding), then the rest shared by ``column_weights``."""
    words = [_longest_word([str(column)] + [str(v) for v in frame[column]]) for column in frame.columns]
    needed = [int((w * size_pt * 0.62 + 16) * 12700) for w in words]
    weights = column_weights(frame)
    rest = width - sum(needed)
    if rest <= 0:
        return [int(width * n / sum(needed)) for n in needed]
    return [n + int(rest * w / sum(weights)) for n, w in zip(needed, weights, strict=True)]


def row_heights(frame: pd.DataFrame, widths: list[int], size_pt: float, lang: str) -> list[int]:
    """Each row (the header first) as high (EMU) as its fullest cell needs: display columns per line
    from the column's width. LibreOffice grows rows for Latin text, not enough for Chinese, whose font
    has taller lines, so the heights are set."""
    import math

    leading = 1.55 if lang == "zh" else 1.3
    heights = []
    for values in [list(frame.columns), *frame.itertuples(index=False)]:
        lines = 1
        for width, value in zip(widths, values, strict=True):
            per_line = max((width / 12700 - 14.4) / (size_pt * 0.56), 1)
            lines = max(lines, sum(math.ceil(max(display_width(part), 1) / per_line)
                                   for part in str(value).split("\n")))
        heights.append(int((lines * size_pt * leading + 8) * 12700))
    return heights


def table_size(frame: pd.DataFrame, width: int, height: int, largest: int, lang: str) -> int:
    """The largest type size (pt) from ``largest`` down to 11 at which the table fits ``height`` (EMU)."""
    for size in range(largest, 10, -1):
        if sum(row_heights(frame, column_widths(frame, width, size), size, lang)) <= height:
            return size
    return 11


def _pptx_table(slide, frame: pd.DataFrame, left, top, width, size, lang: str, accent=None) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu

    rows, cols = len(frame) + 1, len(frame.columns)
    height = Emu(int(size * 2.2 * rows))
    table = slide.shapes.add_table(rows, cols, left, top, width, height).table
    for j, column_width in enumerate(column_widths(frame, width, size.pt)):
        table.columns[j].width = Emu(column_width)
    for j, name in enumerate(frame.columns):
        table.cell(0, j).text = str(name)
    for i, values in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(values):
            table.cell(i, j).text = str(value)
    for i, row_height in enumerate(row_heights(frame, [c.width for c in table.columns], size.pt, lang)):
        table.rows[i].height = row_height
    for i, row in enumerate(table.rows):
        for cell in row.cells:
            if i == 0 and accent is not None:  # the header in the deck's accent colour (a template's theme)
                cell.fill.solid()
                if isinstance(accent, RGBColor):
                    cell.fill.fore_color.rgb = accent
                else:
                    cell.fill.fore_color.theme_color = accent
            for paragraph in cell.text_frame.paragraphs:
                _pptx_fonts(paragraph, lang, size, True if i == 0 else None,
                            RGBColor(0xFF, 0xFF, 0xFF) if i == 0 else None)


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
    source_style = styles["BodyText"].clone("source", fontSize=7.5, leading=9, textColor=colors.HexColor("#595959"))
    notes_style = styles["BodyText"].clone("notes", textColor=colors.HexColor("#333333"))
    story = [Paragraph(pdf_markup(deck.title), styles["Title"]), Paragraph(pdf_markup(deck.subtitle),
                                                                           styles["Heading3"]),
             Paragraph(pdf_markup(deck.cover_line), styles["BodyText"]), Spacer(1, 0.5 * cm)]
    part = None
    for i, spec in enumerate(deck.slides):
        if spec.part != part:  # Sachstand, Bewertung, Empfehlung: each part starts a page
            if i:
                story.append(PageBreak())
            story.append(Paragraph(pdf_markup(spec.part), styles["Heading1"]))
            part = spec.part
        section = [Paragraph(pdf_markup(spec.title), styles["Heading2"])]
        section += [Paragraph("• " + pdf_markup(line), styles["BodyText"]) for line in spec.lines]
        image = images.get(spec.key)
        if image:
            picture = Image(io.BytesIO(image))
            ratio = picture.imageHeight / picture.imageWidth
            picture_width = min(16 * cm, spec.figure.layout.width / 72 * 2.54 * cm) if spec.figure else 16 * cm
            picture.drawWidth, picture.drawHeight = picture_width, picture_width * ratio
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
        section += [Paragraph(pdf_markup(note), notes_style) for note in spec.notes if note != spec.title]
        if spec.source:
            section.append(Paragraph(pdf_markup(spec.source), source_style))
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


def build_briefing(con: duckdb.DuckDBPyConnection, request: Briefing,
                   template: Template | None = None) -> tuple[bytes, bytes, Deck]:
    """The deck and the handout for ``request`` in its language (images rendered once for both), and
    the localised deck they were drawn from (its ``content`` is the language-neutral content). With
    ``template``, the deck is on its master and the charts in its theme colours."""
    deck = localise(briefing_content(con, request), palette=template.palette if template else None)
    images = render_images(deck)
    try:
        pptx = render_pptx(deck, images, template)
    except Exception as exc:  # python-pptx raises many kinds on an odd master; only a template can cause them
        if template is None:
            raise
        log.warning("deck template %r could not be drawn on: %s", template.name, exc)
        raise TemplateError("unusable", str(exc)) from exc
    return pptx, render_pdf(deck, images), deck
