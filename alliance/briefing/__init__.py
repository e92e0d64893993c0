"""Committee briefing: a 16:9 slide deck (python-pptx) and a PDF handout (reportlab) of the same
content, generated from the database for a focus city and its chosen partner cities, in German,
English or Chinese.

    deck, handout, localised = build_briefing(con, Briefing(committee="Wirtschaftsausschuss",
                                                            meeting=date(2026, 12, 3), lang="zh"))

- ``content``: what the deck says, computed once and in no language (phrases with ids and numbers,
  tables of ids, chart data);
- ``charts``: the plotly figures, text from the catalogue;
- ``render``: the content in the deck's language (``localise``), the PPTX and the PDF.
"""

from alliance.briefing.charts import MIN_FONT, figure, font_sizes
from alliance.briefing.contacts import default_shortlist, known_companies, proposals_for
from alliance.briefing.content import (
    FOUNDED,
    MATCHED_SMES,
    PARTS,
    REASON_CHARS,
    SECTIONS,
    Briefing,
    Chart,
    Column,
    Content,
    Slide,
    briefing_content,
    deck_language,
)
from alliance.briefing.render import (
    Deck,
    DeckSlide,
    build_briefing,
    column_weights,
    localise,
    pdf_markup,
    render_images,
    render_pdf,
    render_pptx,
)
from alliance.briefing.template import MAX_TEMPLATE_MB, Template, TemplateError, configured_template, load_template

__all__ = [
    "FOUNDED", "MATCHED_SMES", "MAX_TEMPLATE_MB", "MIN_FONT", "PARTS", "Template", "TemplateError",
    "configured_template", "default_shortlist", "font_sizes", "known_companies",
    "load_template", "proposals_for", "REASON_CHARS", "SECTIONS", "Briefing", "Chart", "Column", "Content", "Deck",
    "DeckSlide", "Slide", "briefing_content", "build_briefing", "column_weights", "deck_language", "figure",
    "localise", "pdf_markup", "render_images", "render_pdf", "render_pptx",
]
