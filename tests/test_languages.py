"""One language per view: a page (AppTest) or the committee deck rendered in German, English or Chinese
shows no text of the catalogue in another language, and Chinese reasons carry no Latin words beyond
codes, proper names and words quoted from the data.

The helpers are meant for every page: ``assert_one_language(at, lang, names)`` after rendering a page
with AppTest; ``rendered_texts(at)`` collects what a reader sees (markdown, captions, alerts, titles,
widget labels and options, expander and popover labels, dataframe headers and cells, chart texts).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import date
from functools import cache

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from alliance import briefing, sectors
from alliance.i18n import CATALOGUE, LANGUAGES, t
from tests import apptest
from tests.conftest import needs_chromium
from tests.factory import analytics_tables, build_db, make_tables

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
EDGE = " \t\n·:;,.()[]（）：；，、。–-•→…„“”'\"!?%"
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()<>#+\-.!|$~:])")
TEXT_FIELDS = {"label", "body", "help", "placeholder", "options", "captions", "title", "text", "delta", "caption"}
PLOT_TEXT_KEYS = {"name", "text", "x", "y", "ticktext", "categoryarray", "hovertext"}
UNCHECKED_WIDGETS = {"lang"}  # the language selector speaks every language on purpose
UNCHECKED_KEYS = {"language"}  # its label
CODE = re.compile(r"(?<![\w.])[A-Z]?\d+(?:[.,]\d+)*(?![\w])")  # NACE/GB-T codes and numbers: 28.41, C, 2026
LATIN_WORD = re.compile(r"[A-Za-zÀ-ɏ]{2,}")
KEY_FIGURE = re.compile(r"[a-z_]+: -?[\d.]+")  # "members: 3" in the speaker notes


# --- the reusable part -------------------------------------------------------------------------------


@cache
def foreign_fragments(lang: str) -> tuple[str, ...]:
    """Pieces of catalogue texts in other languages than ``lang`` (the text between placeholders) that
    differ from ``lang``'s text of the same key and occur in no text of ``lang``: longer than 3
    characters (Chinese: 2 or more), longest first."""
    own = [texts[lang] for texts in CATALOGUE.values()]
    found: set[str] = set()
    for key, texts in CATALOGUE.items():
        if key in UNCHECKED_KEYS:
            continue
        for other, text in texts.items():
            if other == lang or text == texts[lang]:
                continue
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(EDGE)
                if len(piece) > 3 or (CJK.search(piece) and len(piece) >= 2):
                    found.add(piece)
    return tuple(sorted((p for p in found if not any(p in text for text in own)), key=len, reverse=True))


def _proto_texts(message) -> Iterable[str]:
    """The visible text fields of a protobuf message and its sub-messages (ids, keys and bytes left out);
    a JSON spec (plotly) is read for its texts."""
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        if field.type == field.TYPE_MESSAGE:
            for sub in values:
                yield from _proto_texts(sub)
        elif field.type == field.TYPE_STRING:
            if field.name == "spec":
                yield from _plot_texts(json.loads(value))
            elif field.name in TEXT_FIELDS:
                yield from (v for v in values if v)


def _plot_texts(spec, key: str = "") -> Iterable[str]:
    """Texts of a plotly figure: trace names, labels, categories and titles (its template left out)."""
    if isinstance(spec, dict):
        for k, v in spec.items():
            if k != "template":
                yield from _plot_texts(v, k if k in PLOT_TEXT_KEYS or k == "title" else key)
    elif isinstance(spec, list):
        for v in spec:
            yield from _plot_texts(v, key)
    elif isinstance(spec, str) and (key in PLOT_TEXT_KEYS or key == "title"):
        yield spec


def _nodes(node) -> Iterable:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _nodes(child)


def rendered_texts(at: AppTest) -> list[str]:
    """Every text the rendered page shows, Markdown escapes undone."""
    texts: list[str] = []
    for node in _nodes(at._tree):
        if getattr(node, "key", None) in UNCHECKED_WIDGETS or getattr(node, "proto", None) is None:
            continue
        if getattr(node, "type", None) == "dataframe":
            frame: pd.DataFrame = node.value
            texts += [str(c) for c in frame.columns]
            texts += [str(v) for column in frame.columns for v in frame[column] if isinstance(v, str)]
            continue
        texts += list(_proto_texts(node.proto))
    # A page's own <style> block (the uploader's texts, from the catalogue) is no text a reader sees as such.
    return [MARKDOWN_ESCAPE.sub(r"\1", text) for text in texts if not text.lstrip().startswith("<style>")]


def _without(text: str, names: Iterable[str]) -> str:
    for name in sorted({n for n in names if n}, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def foreign_texts(texts: Iterable[str], lang: str, names: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(fragment, text) for every catalogue fragment of another language found in ``texts`` (proper
    ``names`` taken out first); Latin fragments count as whole words only."""
    names = list(names)
    hits = []
    for text in texts:
        plain = _without(text, names)
        for fragment in foreign_fragments(lang):
            if CJK.search(fragment):
                found = fragment in plain
            else:
                found = re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", plain) is not None
            if found:
                hits.append((fragment, text))
    return hits


def latin_words(text: str, names: Iterable[str] = (), quoted: Iterable[str] = ()) -> list[str]:
    """Latin-script words of a Chinese text other than codes, proper ``names`` and words of the data
    quoted in it (“Werkzeugmaschinen”, when that is one of ``quoted``)."""
    allowed = set(quoted)
    text = re.sub(r"[“„]([^”“]*)[”“]", lambda m: " " if m.group(1) in allowed else m.group(0), text)
    return LATIN_WORD.findall(CODE.sub(" ", _without(text, names)))


def assert_one_language(at: AppTest, lang: str, names: Iterable[str] = ()) -> None:
    """The page rendered in ``at`` shows no catalogue text of another language than ``lang``."""
    assert not at.exception, at.exception
    hits = foreign_texts(rendered_texts(at), lang, names)
    assert hits == [], hits


def reason_cells(at: AppTest, lang: str) -> list[str]:
    """The cells of the reason and explanation columns of the page's tables."""
    headers = {t("col.reason", lang), t("col.explanation", lang)}
    return [str(v) for frame in (d.value for d in at.dataframe) for column in frame.columns if column in headers
            for v in frame[column]]


def contract_codes() -> list[str]:
    """Column names and enum values of the import contract: the same in every language."""
    from etl import contract

    return sorted({c.name for t in contract.TABLES for c in t.columns} | {t.name for t in contract.TABLES}
                  | {v for t in contract.TABLES for c in t.columns for v in (c.values or ())}, key=len, reverse=True)


def proper_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """City and company names in every script: shown as they are in every language."""
    rows = con.execute("SELECT name_de, name_en, name_zh FROM cities UNION ALL "
                       "SELECT name, name_zh, NULL FROM companies").fetchall()
    return sorted({n for row in rows for n in row if n}, key=len, reverse=True)


def reference_names(con: duckdb.DuckDBPyConnection, lang: str) -> list[str]:
    """Names of Branchen and NACE codes in ``lang``: the reference data's own words ("Land transport"
    in English is no German "Land")."""
    names = sectors.reference_names(con)
    return sorted({names.sector(code, lang) for code in names.sectors}, key=len, reverse=True)


def data_words(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Words of the companies' own texts (offers, seeks): quoted in reasons as the data writes them."""
    rows = con.execute("SELECT coalesce(offers, '') || ' ' || coalesce(seeks, '') FROM companies").fetchall()
    return {word for (text,) in rows for word in re.findall(r"[^\W\d_]+", text)}


# --- the tests ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tables = analytics_tables()
    tables["memberships"] = make_tables(memberships=[
        {"city_id": "a", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "b", "event": "founded", "date": "2016-04-25", "source": "s"},
        {"city_id": "mainz", "event": "admitted", "date": "2017-04-24", "source": "s"},
        {"city_id": "k", "event": "applied", "date": "2026-01-10", "source": "s", "is_sample": "true"},
    ])["memberships"]
    return build_db(tmp_path_factory.mktemp("languages"), tables)


@pytest.fixture(scope="module")
def names(db):
    """Per language: the names a page may show as they are (cities, companies, the reference data's names
    in that language), and the words of the companies' texts that reasons quote."""
    with duckdb.connect(str(db), read_only=True) as con:
        shown = proper_names(con)
        return {lang: (shown + reference_names(con, lang), data_words(con)) for lang in LANGUAGES}


def open_page(monkeypatch, db, page: str, **params: str) -> AppTest:
    at = apptest.open_page(monkeypatch, db, page, timeout=90, **params)
    assert not at.exception, at.exception
    return at


def test_the_check_finds_another_language():
    """The helper itself: German texts in an English page are found, shared and proper names are not."""
    assert ("Kooperationsvorschläge für KMU aus", "Kooperationsvorschläge für KMU aus Mainz") in foreign_texts(
        ["Kooperationsvorschläge für KMU aus Mainz"], "en")
    assert foreign_texts(["China", "LQ 1.8", "Text", "Mainz Pharma AG"], "en", ["Mainz Pharma AG"]) == []
    assert foreign_texts(["合作建议"], "de") and not foreign_texts(["Mainz 美因茨"], "de", ["美因茨"])
    assert latin_words("A1 Machine Tools：共同词语：“Werkzeugmaschinen”；28.41", ["A1 Machine Tools"],
                       {"Werkzeugmaschinen"}) == []
    assert latin_words("您寻求Maschinenbau (28)", []) == ["Maschinenbau"]


PAGES = {
    "overview": ("app.py", {}),
    "map": ("pages/1_map.py", {}),
    "cities": ("pages/2_cities.py", {"compare": "a"}),
    "sectors": ("pages/3_sectors.py", {}),
    "sectors_divisions": ("pages/3_sectors.py", {"level": "division", "basis": "companies", "scope": "CN"}),
    "matching": ("pages/4_matching.py", {"company": "m1"}),
    "matching_profile": ("pages/4_matching.py", {"mode": "profile", "seek": "21,28", "offer": "28"}),
    "briefing": ("pages/8_briefing.py", {}),
    "projects": ("pages/5_projects.py", {}),
    "membership": ("pages/6_membership.py", {"at": "2026-03-01"}),
    "data": ("pages/7_data.py", {}),
}


@pytest.mark.parametrize("lang", list(LANGUAGES))
@pytest.mark.parametrize("view", list(PAGES))
def test_pages_speak_one_language(monkeypatch, db, names, view, lang):
    page, params = PAGES[view]
    at = open_page(monkeypatch, db, page, lang=lang, **params)
    assert at.dataframe or view in ("briefing", "map"), "the page shows its tables"
    shown, quoted = names[lang]
    if view == "data":  # the data dictionary names the contract's columns and codes as files must spell them
        shown = [*shown, *contract_codes()]
    assert_one_language(at, lang, shown)
    if lang == "zh":
        cells = reason_cells(at, lang)
        assert cells or view not in ("sectors", "sectors_divisions", "matching", "matching_profile")
        for cell in cells:
            assert latin_words(cell, shown, quoted) == [], cell


@needs_chromium
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_briefing_page_preview_speaks_one_language(monkeypatch, db, names, lang):
    """The preview shows the deck in the reader's language (the deck's default)."""
    at = open_page(monkeypatch, db, "pages/8_briefing.py", lang=lang)
    at.button(key="make").click().run()
    assert at.expander and at.success
    assert_one_language(at, lang, names[lang][0])


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_deck_speaks_one_language(db, names, lang):
    """Titles, lines, table headers and cells, speaker notes and chart texts of the deck. The notes' key
    figures ("members: 3") are ids with numbers, the same in every language."""
    shown, quoted = names[lang]
    with duckdb.connect(str(db), read_only=True) as con:
        content = briefing.briefing_content(con, briefing.Briefing(meeting=date(2026, 12, 3), focus="mainz",
                                                                   committee=t("briefing.committee_default", lang)))
    deck = briefing.localise(content, lang)
    texts = [deck.title, deck.subtitle]
    for slide in deck.slides:
        texts += [slide.title, *slide.lines, *(n for n in slide.notes if not KEY_FIGURE.fullmatch(n))]
        if slide.table is not None:
            texts += [*map(str, slide.table.columns), *(str(v) for v in slide.table.to_numpy().ravel())]
        if slide.figure is not None:
            texts += list(_plot_texts(json.loads(slide.figure.to_json())))
    hits = foreign_texts(texts, lang, shown)
    assert hits == []
    (matches,) = [s for s in deck.slides if s.key == "matches"]
    assert not matches.table.empty
    if lang == "zh":
        for cell in matches.table[t("col.explanation", lang)]:
            assert latin_words(cell, shown, quoted) == [], cell
        (legend,) = [s.figure for s in deck.slides if s.key == "map"]
        assert [trace.name for trace in legend.data[1:]] == ["成员城市", "伙伴城市", "重点城市"]
