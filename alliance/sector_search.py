"""Sector choice for the matching page: by Branche, then NACE division, found by German, English and
Chinese names and common words (Biotech, Medizintechnik, 医药).

A division is found by (score, highest wins; ties by code):
  100 the query is a common word of the division (data/reference/sector_terms.csv) or its code,
   90 a common word starts with the query, or the code does,
   80 a word of the division's name (de, en, zh) starts with the query (Chinese: the name contains it),
   70 the division's name contains the query, or a common word does,
   60 a word of one of its groups' or classes' names (de, en) starts with the query,
   50 one of those names contains it,
   40 the Chinese name of a GB/T division mapped to it by the crosswalk (share >= 0.3) contains it.
Letters are compared case- and accent-insensitively (ä = a, ß = ss). The result names the word that
matched, so the page can say why a division was offered.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import duckdb
import pandas as pd

from etl.contract.paths import REFERENCE_DIR

TERMS_FILE = REFERENCE_DIR / "sector_terms.csv"
MIN_GBT_SHARE = 0.3
MAX_QUERY = 60  # characters of a search text that are used


def fold(text: str) -> str:
    """Lower case without accents: "Möbel" -> "mobel", "Straße" -> "strasse"; Chinese stays as it is."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def sector_terms() -> tuple[tuple[str, str, str, str], ...]:
    """(nace_division, term, lang, basis) of data/reference/sector_terms.csv."""
    with TERMS_FILE.open(encoding="utf-8", newline="") as handle:
        return tuple((r["nace_division"], r["term"], r["lang"], r["basis"]) for r in csv.DictReader(handle))


@dataclass(frozen=True)
class _Texts:
    """What a division is searched by: (folded text, text as written) per source."""

    code: str
    terms: tuple[tuple[str, str], ...]
    names: tuple[tuple[str, str], ...]
    children: tuple[tuple[str, str], ...]
    gbt: tuple[tuple[str, str], ...]


def divisions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The 88 NACE divisions with their Branche: division, branche_id, name_de, name_en, name_zh,
    branche_de, branche_en, branche_zh; by code."""
    return con.execute(
        "SELECT n.code AS division, nb.branche_id, n.name_de, n.name_en, n.name_zh, b.name_de AS branche_de, "
        "b.name_en AS branche_en, b.name_zh AS branche_zh FROM nace AS n "
        "LEFT JOIN nace_branche AS nb ON nb.nace_division = n.code LEFT JOIN branchen AS b USING (branche_id) "
        "WHERE n.level = 'division' ORDER BY n.code"
    ).df()


def _search_texts(con: duckdb.DuckDBPyConnection) -> list[_Texts]:
    rows = con.execute(
        """
        SELECT d.code, d.name_de, d.name_en, d.name_zh,
               (SELECT list(c.name_de || '|' || c.name_en) FROM nace AS c
                WHERE c.level IN ('group', 'class') AND left(c.code, 2) = d.code) AS children,
               (SELECT list(g.name_zh) FROM gbt_nace_crosswalk AS x JOIN gbt AS g ON g.code = x.gbt_division
                WHERE x.nace_division = d.code AND x.share >= ?) AS gbt
        FROM nace AS d WHERE d.level = 'division' ORDER BY d.code
        """,
        [MIN_GBT_SHARE],
    ).fetchall()
    terms: dict[str, list[str]] = {}
    for division, term, _, _ in sector_terms():
        terms.setdefault(division, []).append(term)
    found = []
    for code, de, en, zh, children, gbt in rows:
        child_names = [name for pair in (children or []) for name in pair.split("|") if name]
        found.append(_Texts(
            code=code,
            terms=tuple((fold(t), t) for t in terms.get(code, [])),
            names=tuple((fold(n), n) for n in (de, en, zh) if n),
            children=tuple((fold(n), n) for n in child_names),
            gbt=tuple((fold(n), n) for n in (gbt or []) if n),
        ))
    return found


def _starts_a_word(needle: str, haystack: str) -> bool:
    if re.search(r"[\u3400-\u9fff]", needle):  # Chinese has no word boundaries
        return needle in haystack
    return re.search(rf"(?:^|[^\w]){re.escape(needle)}", haystack) is not None


def _score(query: str, texts: _Texts) -> tuple[int, str]:
    """The best (score, matched text) of one division for a folded, non-empty query."""
    best: tuple[int, str] = (0, "")

    def offer(score: int, text: str) -> None:
        nonlocal best
        if score > best[0]:
            best = (score, text)

    if texts.code == query:
        offer(100, texts.code)
    elif texts.code.startswith(query):
        offer(90, texts.code)
    for folded, term in texts.terms:
        offer(100 if folded == query else 90 if folded.startswith(query) else 70 if query in folded else 0, term)
    for folded, name in texts.names:
        offer(80 if _starts_a_word(query, folded) else 70 if query in folded else 0, name)
    if best[0] < 60:
        for folded, name in texts.children:
            offer(60 if _starts_a_word(query, folded) else 50 if query in folded else 0, name)
        for folded, name in texts.gbt:
            offer(40 if query in folded else 0, name)
    return best


def search_divisions(con: duckdb.DuckDBPyConnection, query: str, branche_id: str | None = None) -> pd.DataFrame:
    """NACE divisions for a search text (see the module docstring), best first, optionally of one
    Branche only: the columns of divisions() plus score and matched (the word or name that matched).
    An empty query gives every division (of the Branche) by code, score 0."""
    table = divisions(con)
    if branche_id:
        table = table[table["branche_id"] == branche_id]
    wanted = fold(" ".join(query.split())[:MAX_QUERY])
    if not wanted:
        return table.assign(score=0, matched="").reset_index(drop=True)
    scores = {t.code: _score(wanted, t) for t in _cached_texts(con)}
    table = table.assign(score=[scores[c][0] for c in table["division"]],
                         matched=[scores[c][1] for c in table["division"]])
    table = table[table["score"] > 0]
    return table.sort_values(["score", "division"], ascending=[False, True]).reset_index(drop=True)


_TEXTS: dict[int, list[_Texts]] = {}


def _cached_texts(con: duckdb.DuckDBPyConnection) -> list[_Texts]:
    """The search texts; the reference tables are the same in every database of a schema version, so
    they are read once per process."""
    if not _TEXTS:
        _TEXTS[0] = _search_texts(con)
    return _TEXTS[0]
