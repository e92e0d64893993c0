"""Explainable cooperation matching: for a company (or an ad-hoc profile), rank counterpart companies
in the other country, and partner cities.

Score (0-100) = 100 * sum_i w_i * c_i / sum_i w_i over five components c_i in 0..1 (MatchWeights):

- sector: what the seeker seeks against what the candidate makes or offers (its sector and its
  offer_sectors), graded by the closest pair (SECTOR_GRADES): the candidate's code lies within the
  sought code (same or more specific) 1.0; same NACE group 0.8; same division 0.6; same Branche 0.3;
  same section 0.1; else 0.
- reciprocity: the same grading for what the candidate seeks against what the seeker offers.
- text: TF-IDF cosine (character 2-3-grams, so Chinese, German and English all tokenise) of the
  seeker's "seeks" text against the candidate's "offers" text; both texts are extended with the names
  of their sector codes in German, English and Chinese, which bridges the languages.
- size: SME with SME 1.0; an SME with a large firm 0.7 (large firms buy from and supply SMEs); two
  large firms 0.5. SME = fewer than 250 employees.
- city: 0.7 * min(LQ, 2) / 2 + 0.3 * [a project links the two cities], where LQ is the candidate
  city's location quotient (employees, over the alliance) in the Branche of the candidate's sector.

A seeker without seek codes seeks its own sector; one without offer codes offers its own sector.
Without samples (``include_samples=False``) candidates, fitting companies, LQs and the projects
between cities are of documented records only.
Each match carries its reasons as (token, args) pairs (codes, ids, numbers and the matched words of the
texts, no prose; see match_companies), which alliance/i18n.py puts into words. Ties are broken by
company_id. For speed, the components other than text are computed for every candidate, together
with a keyword pre-score (the share of the seeker's keywords found in the candidate's offers text);
the TEXT_POOL best candidates by that estimate get the exact TF-IDF text fit and are ranked by the
final score. Candidates are graded on a company index (see company_index: codes as integer ids, the
offers texts as an inverted index of their words), built once per database file, so a request costs
the same whatever the companies' texts and code lists look like.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import threading
from collections import OrderedDict
from dataclasses import asdict, dataclass

import duckdb
import numpy as np
import pandas as pd

from alliance.i18n import Reason
from alliance.scope import records
from alliance.sectors import STRONG_LQ, measures_sql

log = logging.getLogger(__name__)


def branche_lq(include_samples: bool = True) -> str:
    """Each city's location quotient per Branche (employees, over the alliance): the definition of
    alliance/sectors.py, not a second one."""
    measures = measures_sql("branche", "employees", include_samples=include_samples)
    return f"SELECT city_id, sector AS branche_id, lq_alliance AS lq FROM ({measures})"

# Every NACE code below section level with its Branche and section: what the grades compare.
CODES = """
    SELECT n.code, nb.branche_id, n.section FROM nace AS n
    LEFT JOIN nace_branche AS nb ON nb.nace_division = left(n.code, 2) WHERE n.level <> 'section'
"""

SECTOR_GRADES = {"within": 1.0, "group": 0.8, "division": 0.6, "branche": 0.3, "section": 0.1}
SIZE_FIT = {(True, True): 1.0, (True, False): 0.7, (False, True): 0.7, (False, False): 0.5}
TEXT_POOL = 200
MAX_KEYWORDS = 12
MAX_WORDS = 3  # matched words named in a reason
TEXT_REASON = 0.2  # a text fit from this on is a reason even without a shared word


@dataclass(frozen=True)
class MatchWeights:
    sector: float = 0.35
    reciprocity: float = 0.15
    text: float = 0.20
    size: float = 0.10
    city: float = 0.20

    def normalised(self) -> dict[str, float]:
        weights = asdict(self)
        if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
            raise ValueError("weights must be non-negative and not all zero")
        total = sum(weights.values())
        return {k: w / total for k, w in weights.items()}


@dataclass(frozen=True)
class Profile:
    """What a company (real or described ad hoc) seeks and offers."""

    country: str
    seek_codes: tuple[str, ...] = ()
    offer_codes: tuple[str, ...] = ()
    seeks: str = ""
    offers: str = ""
    employees: int = 50
    city_id: str | None = None
    company_id: str | None = None
    name: str = ""
    sector: str | None = None

    @property
    def is_sme(self) -> bool:
        return self.employees < 250

    def effective_seek_codes(self) -> tuple[str, ...]:
        return self.seek_codes or ((self.sector,) if self.sector else self.offer_codes)

    def effective_offer_codes(self) -> tuple[str, ...]:
        codes = set(self.offer_codes) | ({self.sector} if self.sector else set())
        return tuple(sorted(codes))


def company_profile(con: duckdb.DuckDBPyConnection, company_id: str) -> Profile:
    """The profile of a company in the database (KeyError if there is none)."""
    rows = con.execute(
        "SELECT c.company_id, c.name, c.city_id, ci.country, coalesce(c.sector, c.nace_division), c.employees, "
        "coalesce(c.offers, ''), coalesce(c.seeks, '') FROM companies AS c JOIN cities AS ci USING (city_id) "
        "WHERE c.company_id = ?",
        [company_id],
    ).fetchall()
    if not rows:
        raise KeyError(company_id)
    cid, name, city_id, country, sector, employees, offers, seeks = rows[0]
    offer_codes, seek_codes = con.execute("SELECT offer_codes, seek_codes FROM companies WHERE company_id = ?",
                                          [company_id]).fetchall()[0]
    return Profile(
        country=country, city_id=city_id, company_id=cid, name=name, sector=sector, employees=employees,
        offers=offers, seeks=seeks, seek_codes=tuple(sorted(seek_codes)), offer_codes=tuple(sorted(offer_codes)),
    )


def find_companies(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20,
                   include_samples: bool = True) -> pd.DataFrame:
    """Companies (without samples: the documented ones) whose name (Latin or Chinese script) or id
    contains ``text`` (case-insensitive)."""
    return con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.city_id, ci.name_de AS city_de, ci.name_en AS city_en, "
        f"ci.name_zh AS city_zh, c.sector, c.employees, c.is_sample FROM {records('companies', include_samples)} AS c "
        "JOIN cities AS ci "
        "USING (city_id) WHERE contains(lower(c.name), lower(?)) OR contains(coalesce(c.name_zh, ''), ?) "
        "OR c.company_id = ? ORDER BY length(c.name), c.company_id LIMIT ?",
        [text, text, text, limit],
    ).df()


def sector_choices(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """NACE codes below section level with names in de/en (zh from the division) for pickers."""
    return con.execute(
        "SELECT n.code, n.level, n.name_de, n.name_en, coalesce(n.name_zh, d.name_zh) AS name_zh FROM nace AS n "
        "LEFT JOIN nace AS d ON d.code = left(n.code, 2) WHERE n.level <> 'section' ORDER BY n.code"
    ).df()


def companies_in_city(con: duckdb.DuckDBPyConnection, city_id: str, limit: int = 200,
                      include_samples: bool = True) -> pd.DataFrame:
    """A city's companies, as find_companies returns them: its SMEs first (fewer than 250 employees; the
    users are SMEs), within them and then among the large firms the documented ones before the samples,
    then by name; without samples the documented ones only."""
    return con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.city_id, ci.name_de AS city_de, ci.name_en AS city_en, "
        f"ci.name_zh AS city_zh, c.sector, c.employees, c.is_sample FROM {records('companies', include_samples)} AS c "
        "JOIN cities AS ci "
        "USING (city_id) WHERE c.city_id = ? ORDER BY c.employees >= 250, c.is_sample, c.name, c.company_id LIMIT ?",
        [city_id, limit],
    ).df()


def keywords(text: str) -> list[str]:
    """Distinctive pieces of a text for the SQL pre-score: Latin words of 4+ letters (lower case) and
    pairs of Chinese characters, at most MAX_KEYWORDS, in order of appearance."""
    found: list[str] = []
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if re.fullmatch(r"[\u4e00-\u9fff]+", word):
            found += [word[i:i + 2] for i in range(max(1, len(word) - 1))]
        elif len(word) >= 4:
            found.append(word)
    return list(dict.fromkeys(found))[:MAX_KEYWORDS]


def _grade_sql(wanted: str, have: str) -> str:
    """SQL grade of the code relation ``have`` against the wanted code relation ``wanted``; both have
    columns code, branche_id and section (the ``codes`` relation of match_companies)."""
    g = SECTOR_GRADES
    w, h = f"{wanted}.code", f"{have}.code"
    return (
        f"CASE WHEN starts_with({h}, {w}) THEN {g['within']} "
        f"WHEN length({w}) >= 4 AND length({h}) >= 4 AND left({h}, 4) = left({w}, 4) THEN {g['group']} "
        f"WHEN left({h}, 2) = left({w}, 2) THEN {g['division']} "
        f"WHEN {have}.branche_id = {wanted}.branche_id THEN {g['branche']} "
        f"WHEN {have}.section = {wanted}.section THEN {g['section']} ELSE 0 END"
    )


# --- The company index: what match_companies and partner_cities read per request -------------------
#
# Grading a million companies' code lists and searching their offers texts in SQL costs work per
# request that grows with the codes per company and the length of the texts. Instead, at first use per
# database file (path, inode, mtime: a rebuild replaces the file), the companies are read once into
# numpy arrays: codes as integer ids (CSR lists), and the offers texts as an inverted index of their
# words (runs of letters of lower(offers), as DuckDB lower-cases them). A request then grades the ~1,000
# codes in SQL and the companies by array lookups, and finds each keyword in the vocabulary (substring
# search, as contains() did) and its companies through the postings.

TOKEN_SPLIT = r"[\s\p{P}\p{S}\p{Nd}]+"  # no keyword character (see keywords()) is one of these
_INDEX_CACHE: OrderedDict[tuple, CompanyIndex] = OrderedDict()
_INDEX_LOCK = threading.Lock()
_INDEX_KEEP = 2  # database files whose index is kept
_WORDS_CHUNK = 100_000  # companies tokenised per query while the index is built


GRADE_VALUES = np.array(sorted({0.0, *SECTOR_GRADES.values()}))  # a grade is kept as its position here


@dataclass(frozen=True)
class _CodeLists:
    """Per company (index order) a list of code ids: ``codes[starts[j]:starts[j + 1]]`` for company
    ``rows[j]`` (the last list ends at the end of ``codes``)."""

    rows: np.ndarray
    starts: np.ndarray
    codes: np.ndarray

    def best(self, grade: np.ndarray, out: np.ndarray) -> None:
        """Into ``out``: the highest grade (position in GRADE_VALUES) of each listed company's codes;
        ``grade[-1]`` is 0 (unknown codes)."""
        if len(self.codes):
            out[self.rows] = np.maximum.reduceat(grade[self.codes], self.starts)

    def of(self, company: int) -> np.ndarray:
        j = int(np.searchsorted(self.rows, company))
        if j >= len(self.rows) or self.rows[j] != company:
            return self.codes[:0]
        return self.codes[self.starts[j]:self.starts[j + 1] if j + 1 < len(self.starts) else len(self.codes)]


@dataclass(frozen=True)
class CompanyIndex:
    ids: np.ndarray          # company_id, sorted (the index order is the tie-break order)
    city: np.ndarray         # position in city_ids
    city_ids: list[str]
    city_country: np.ndarray
    employees: np.ndarray
    division: np.ndarray     # NACE division as a number 1..99, 100 if none
    sample: np.ndarray
    code_list: list[str]     # the CODES relation's codes; id = position, -1 unknown
    rowid: np.ndarray        # the row in the companies table, to fetch a few rows by
    offers: dict[str, _CodeLists]  # per country: what the companies offer (sector and offer_sectors)
    seeks: dict[str, _CodeLists]
    vocabulary: str          # the words of all offers texts, each followed by a newline, sorted
    word_starts: np.ndarray  # start of each word in vocabulary
    post_starts: np.ndarray  # word id -> postings[post_starts[id]:post_starts[id + 1]]: companies
    postings: np.ndarray

    def best(self, lists: dict[str, _CodeLists], grade: np.ndarray, country: str) -> np.ndarray:
        """Per company the highest grade of its codes (0: none; position in GRADE_VALUES), for the
        companies outside ``country`` (the others stay 0)."""
        out = np.zeros(len(self.ids), dtype=np.uint8)
        for other, listed in lists.items():
            if other != country:
                listed.best(grade, out)
        return out

    def codes_of(self, lists: dict[str, _CodeLists], company: int) -> list[str]:
        listed = lists.get(self.city_country[self.city[company]])
        return [] if listed is None else [self.code_list[c] for c in listed.of(company) if c >= 0]

    def position(self, company_id: str | None) -> int:
        if company_id is None:
            return -1
        i = int(np.searchsorted(self.ids, company_id))
        return i if i < len(self.ids) and self.ids[i] == company_id else -1

    def companies_with(self, word: str) -> np.ndarray:
        """Companies (positions) whose offers text contains ``word`` (lower case, no separator)."""
        found, at = [], self.vocabulary.find(word)
        while at >= 0:
            found.append(at)
            at = self.vocabulary.find(word, at + 1)
        if not found:
            return np.zeros(0, dtype=np.int64)
        ids = np.unique(np.searchsorted(self.word_starts, np.array(found), side="right") - 1)
        lo, hi = self.post_starts[ids], self.post_starts[ids + 1]
        if len(ids) == 1:
            return self.postings[lo[0]:hi[0]]
        return np.concatenate([self.postings[a:b] for a, b in zip(lo, hi, strict=True)])


def _database_key(con: duckdb.DuckDBPyConnection) -> tuple | None:
    """The file and its state, None for a database without a file; the last load's run_id comes from
    the connection itself, so a connection still reading a replaced file never shares the new index."""
    try:
        path = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
                           ).fetchall()
        if not path or not path[0][0]:
            return None
        run = con.execute("SELECT max(run_id) FROM etl_runs").fetchall()[0][0]
        stat = os.stat(path[0][0])
    except (duckdb.Error, OSError):
        return None
    return path[0][0], stat.st_ino, stat.st_mtime_ns, stat.st_size, run


def company_index(con: duckdb.DuckDBPyConnection) -> CompanyIndex:
    """The company index of the connection's database, built at first use and kept per file."""
    key = _database_key(con)
    if key is None:
        return _build_index(con)
    with _INDEX_LOCK:
        if key in _INDEX_CACHE:
            _INDEX_CACHE.move_to_end(key)
            return _INDEX_CACHE[key]
        index = _build_index(con)
        for old in [k for k in _INDEX_CACHE if k[0] == key[0]]:  # a rebuilt file: drop its old index
            del _INDEX_CACHE[old]
        _INDEX_CACHE[key] = index
        while len(_INDEX_CACHE) > _INDEX_KEEP:
            _INDEX_CACHE.popitem(last=False)
        return index


def warm_company_index(con: duckdb.DuckDBPyConnection) -> threading.Thread:
    """Build the company index of ``con``'s database in a daemon thread, ahead of the first match (at
    1,000,000 companies with varied texts the first match otherwise waits about 5 s for it, and a second
    for scikit-learn to load); the thread
    closes ``con``, which must be a cursor of its own. A failure is logged and the first match builds
    the index instead; a match arriving meanwhile waits for this build (_INDEX_LOCK)."""

    def build() -> None:
        try:
            company_index(con)
            # The text fit's scikit-learn, imported where it is used, loads here too (about a second).
            import sklearn.feature_extraction.text  # noqa: F401
        except (duckdb.Error, OSError) as exc:
            log.warning("the company index was not built ahead of the first match: %s", exc)
        finally:
            con.close()

    thread = threading.Thread(target=build, name="company-index", daemon=True)
    thread.start()
    return thread


def _code_lists(con: duckdb.DuckDBPyConnection, column: str, position: np.ndarray, country: str) -> _CodeLists:
    """The companies' ``column`` (offer_codes or seek_codes) of one country as code ids, in index order;
    ``position``: the index position of each rowid of the companies table."""
    got = con.execute(
        f"WITH codes AS (SELECT code, row_number() OVER (ORDER BY code) - 1 AS id FROM ({CODES})) "
        f"SELECT l.rid, l.k, coalesce(codes.id, -1) AS id FROM (SELECT c.rowid AS rid, unnest(c.{column}) AS code, "
        f"generate_subscripts(c.{column}, 1) AS k FROM companies AS c JOIN cities AS ci USING (city_id) "
        "WHERE ci.country = ?) AS l LEFT JOIN codes USING (code)",
        [country],
    ).fetchnumpy()
    rows = position[np.asarray(got["rid"], dtype=np.int64)]
    sort = np.lexsort((np.asarray(got["k"]), rows))  # each company's codes in the order stored
    rows, codes = rows[sort], np.asarray(got["id"], dtype=np.int16)[sort]
    if not len(rows):
        return _CodeLists(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), codes)
    first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    return _CodeLists(rows[first], first, codes)


def _build_index(con: duckdb.DuckDBPyConnection) -> CompanyIndex:
    cities = con.execute("SELECT city_id, country FROM cities ORDER BY city_id").fetchall()
    city_ids = [c for c, _ in cities]
    countries = sorted({country for _, country in cities})
    base = con.execute(
        "SELECT c.rowid AS rid, c.company_id, ci.i AS city, c.employees, "
        "coalesce(TRY_CAST(c.nace_division AS INTEGER), 100) AS division, c.is_sample FROM companies AS c "
        "JOIN (SELECT city_id, row_number() OVER (ORDER BY city_id) - 1 AS i FROM cities) AS ci USING (city_id) "
        "ORDER BY c.company_id"
    ).fetchnumpy()
    rowid = np.asarray(base["rid"], dtype=np.int64)
    position = np.full(int(rowid.max()) + 1 if len(rowid) else 0, -1, dtype=np.int64)
    position[rowid] = np.arange(len(rowid))
    code_list = [c for (c,) in con.execute(f"SELECT code FROM ({CODES}) ORDER BY code").fetchall()]
    # the words of the offers texts, a slice of rows at a time (memory stays bounded): word -> companies
    found: dict[str, list[np.ndarray]] = {}
    for start in range(0, len(position), _WORDS_CHUNK):
        for word, rids in con.execute(
            "SELECT word, list(DISTINCT rid) FROM (SELECT rowid AS rid, unnest(string_split_regex(lower(offers), ?)) "
            "AS word FROM companies WHERE offers IS NOT NULL AND rowid >= ? AND rowid < ?) WHERE word <> '' "
            "GROUP BY word", [TOKEN_SPLIT, start, start + _WORDS_CHUNK],
        ).fetchall():
            found.setdefault(word, []).append(position[np.array(rids, dtype=np.int64)].astype(np.int32))
    vocabulary_words = sorted(found)
    parts: list[np.ndarray] = []
    counts = np.zeros(len(vocabulary_words), dtype=np.int64)
    for i, word in enumerate(vocabulary_words):
        word_parts = found.pop(word)
        counts[i] = sum(len(part) for part in word_parts)
        parts += word_parts
    postings = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int32)
    lengths = np.array([len(w) + 1 for w in vocabulary_words], dtype=np.int64)
    return CompanyIndex(
        ids=np.asarray(base["company_id"], dtype=object),
        city=np.asarray(base["city"], dtype=np.int32),
        city_ids=city_ids,
        city_country=np.array([c for _, c in cities], dtype=object),
        employees=np.asarray(base["employees"], dtype=np.int64),
        division=np.asarray(base["division"], dtype=np.int32),
        sample=np.asarray(base["is_sample"], dtype=bool),
        code_list=code_list,
        rowid=rowid,
        offers={country: _code_lists(con, "offer_codes", position, country) for country in countries},
        seeks={country: _code_lists(con, "seek_codes", position, country) for country in countries},
        vocabulary="".join(w + "\n" for w in vocabulary_words),
        word_starts=np.r_[0, np.cumsum(lengths)[:-1]] if len(lengths) else np.zeros(0, dtype=np.int64),
        post_starts=np.r_[0, np.cumsum(counts)],
        postings=postings,
    )


def _code_grades(con: duckdb.DuckDBPyConnection, index: CompanyIndex, codes: list[str], offered: bool) -> np.ndarray:
    """Grade per code id (last element 0, for unknown codes): offered, of each code a candidate may offer
    against the seeker's sought ``codes``; else of each code a candidate may seek against the seeker's
    offered ``codes``."""
    grade = _grade_sql("wanted", "have")
    own, other = ("have", "wanted") if offered else ("wanted", "have")
    rows = con.execute(
        f"WITH codes AS ({CODES}), given AS (SELECT c.* FROM codes AS c WHERE list_contains(?, c.code)) "
        f"SELECT {own}.code, max({grade}) FROM codes AS {own} CROSS JOIN given AS {other} GROUP BY {own}.code",
        [codes],
    ).fetchall()
    position = {c: i for i, c in enumerate(index.code_list)}
    level = {float(v): i for i, v in enumerate(GRADE_VALUES)}
    out = np.zeros(len(index.code_list) + 1, dtype=np.uint8)
    for code, fit in rows:
        if code in position and fit:
            out[position[code]] = level[float(fit)]
    return out


def _city_context(con: duckdb.DuckDBPyConnection, index: CompanyIndex, profile: Profile, include_samples: bool):
    """Per city (index position) x NACE division (0..100): Branche, LQ, projects with the seeker's city,
    city score; for the cities of the other country (as the candidates' join did)."""
    rows = con.execute(
        f"""
        WITH other_cities AS (SELECT city_id FROM {records("cities", include_samples)} WHERE country <> ?),
        lq AS ({branche_lq(include_samples)}),
        ties AS (
            SELECT CASE WHEN cn_city_id = ? THEN de_city_id ELSE cn_city_id END AS city_id, count(*) AS projects
            FROM {records("projects", include_samples)} WHERE ? IN (cn_city_id, de_city_id) GROUP BY ALL
        )
        SELECT c.city_id, TRY_CAST(nb.nace_division AS INTEGER), nb.branche_id, coalesce(l.lq, 0) AS lq,
               coalesce(t.projects, 0) AS projects,
               0.7 * least(coalesce(l.lq, 0), 2) / 2 + 0.3 * (coalesce(t.projects, 0) > 0)::INTEGER AS city
        FROM other_cities AS c CROSS JOIN nace_branche AS nb
        LEFT JOIN lq AS l ON l.city_id = c.city_id AND l.branche_id = nb.branche_id
        LEFT JOIN ties AS t ON t.city_id = c.city_id
        """,
        [profile.country, profile.city_id, profile.city_id],
    ).fetchall()
    shape = (len(index.city_ids), 101)
    branche, lq = np.full(shape, None, dtype=object), np.zeros(shape)
    projects, city = np.zeros(shape, dtype=np.int64), np.zeros(shape)
    position = {c: i for i, c in enumerate(index.city_ids)}
    for city_id, division, branche_id, lq_, projects_, city_ in rows:
        if city_id in position and division is not None and 0 <= division <= 100:
            at = (position[city_id], division)
            branche[at], lq[at], projects[at], city[at] = branche_id, lq_, projects_, city_
    return branche, lq, projects, city


def _shortlist(con: duckdb.DuckDBPyConnection, index: CompanyIndex, profile: Profile, seek_codes: list[str],
               offer_codes: list[str], words: list[str], w: dict[str, float], pool: int,
               include_samples: bool, city_id: str | None = None) -> pd.DataFrame:
    """The ``pool`` best candidates by the estimate (components but text, plus the keyword pre-score);
    with ``city_id`` only candidates in that city."""
    n = len(index.ids)
    sector_level = index.best(index.offers, _code_grades(con, index, seek_codes, offered=True), profile.country)
    reciprocity_level = index.best(index.seeks, _code_grades(con, index, offer_codes, offered=False),
                                   profile.country)
    other_city = np.array([country != profile.country for country in index.city_country], dtype=bool)
    keep = other_city[index.city] & ((sector_level > 0) | (reciprocity_level > 0))
    if not include_samples:
        keep &= ~index.sample
    if city_id is not None:
        keep &= index.city == (index.city_ids.index(city_id) if city_id in index.city_ids else -1)
    me = index.position(profile.company_id)
    if me >= 0:
        keep[me] = False
    rows = np.flatnonzero(keep)
    if not len(rows):
        return pd.DataFrame()
    sector_fit, reciprocity = GRADE_VALUES[sector_level], GRADE_VALUES[reciprocity_level]
    branche, lq, projects, city = _city_context(con, index, profile, include_samples)
    at = (index.city[rows], index.division[rows])
    size = np.where(index.employees[rows] < 250, SIZE_FIT[(profile.is_sme, True)], SIZE_FIT[(profile.is_sme, False)])
    partial = (w["sector"] * sector_fit[rows] + w["reciprocity"] * reciprocity[rows] + w["size"] * size
               + w["city"] * city[at])
    # a candidate below the pool's cutoff cannot reach the pool even with a perfect text
    cutoff = -1.0 if len(rows) < pool else float(np.partition(partial, len(rows) - pool)[len(rows) - pool])
    short = np.flatnonzero(partial + w["text"] >= cutoff)
    hits = np.zeros(n, dtype=np.int32)
    for word in words:
        found = np.zeros(n, dtype=bool)
        found[index.companies_with(word)] = True
        hits += found
    text_estimate = hits[rows[short]] / len(words) if words else np.zeros(len(short))
    estimate = partial[short] + w["text"] * text_estimate
    if len(short) > pool:  # sort only those that can make the pool (ties at its end included)
        top = estimate >= np.partition(estimate, len(short) - pool)[len(short) - pool]
        short, estimate = short[top], estimate[top]
    order = np.lexsort((rows[short], -estimate))[:pool]
    best, estimate = short[order], estimate[order]
    picked, at = rows[best], (at[0][best], at[1][best])
    frame = pd.DataFrame({
        "position": picked, "company_id": index.ids[picked], "city_id": [index.city_ids[c] for c in index.city[picked]],
        "employees": index.employees[picked], "is_sample": index.sample[picked],
        "sector_fit": sector_fit[picked], "reciprocity": reciprocity[picked], "branche_id": branche[at],
        "size": size[best], "lq": lq[at], "projects": projects[at], "city": city[at], "partial": partial[best],
        "text_estimate": (hits[picked] / len(words)) if words else np.zeros(len(picked)), "estimate": estimate,
    })
    columns = ["name", "name_zh", "offers", "sector", "city_de", "city_en", "city_zh", *DETAIL_COLUMNS]
    details = {row[0]: row[1:] for row in con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.offers, coalesce(c.sector, c.nace_division) AS sector, "
        "ci.name_de AS city_de, ci.name_en AS city_en, ci.name_zh AS city_zh, c.employees_year, c.employees_scope, "
        "c.website, c.source, c.note, c.note_source, c.note_date FROM companies AS c "
        "JOIN cities AS ci USING (city_id) WHERE c.rowid IN (SELECT unnest(?::BIGINT[]))",
        [index.rowid[picked].tolist()],
    ).fetchall()}
    for i, column in enumerate(columns):
        frame[column] = pd.Series([details[cid][i] for cid in frame["company_id"]], dtype=object)
    return frame


def match_companies(
    con: duckdb.DuckDBPyConnection,
    seeker: Profile | str,
    k: int = 20,
    weights: MatchWeights = MatchWeights(),
    include_samples: bool = True,
    city_id: str | None = None,
) -> pd.DataFrame:
    """The ``k`` best counterpart companies in the other country for ``seeker`` (a Profile or a
    company_id); with ``city_id`` only those in that city. Columns: rank, company_id, name, name_zh,
    city_id, city_de, city_en, city_zh, sector, employees, is_sample, score, the five components,
    reasons, lq, projects, branche_id, then the facts a contact needs: employees_year,
    employees_scope, website, source, note, note_source, note_date (DETAIL_COLUMNS).

    ``reasons`` lists (token, args) in this order, each where it applies: ("seeks", {wanted, offered}:
    the sought and the offered code that gave the sector fit), ("seeks_back", {wanted, offered}: the
    candidate's sought code and the seeker's offered code, reciprocity >= 0.6), ("both_smes", {}) or
    ("sme_and_large", {}), ("city_strong", {city, branche, lq}: the candidate's city is strong, LQ >= 1.25, in
    the NACE division of the candidate's own activity that gave the sector fit, else of its sector; ``branche``
    is that division's code: a city's strength in another activity of the same Branche is no reason),
    ("city_projects", {n}),
    ("words", {words}: the seeker's keywords found in the candidate's offers, as written there) or else
    ("text", {similarity}: text fit >= 0.2), ("sample", {})."""
    profile = company_profile(con, seeker) if isinstance(seeker, str) else seeker
    w = weights.normalised()
    seek_codes = list(profile.effective_seek_codes())
    offer_codes = list(profile.effective_offer_codes())
    words = keywords(profile.seeks)
    index = company_index(con)
    candidates = _shortlist(con, index, profile, seek_codes, offer_codes, words, w, max(TEXT_POOL, k),
                            include_samples, city_id)
    if candidates.empty:
        return _empty_result()
    names = _code_names(con, seek_codes + offer_codes + candidates["sector"].dropna().tolist())
    offered_codes = {cid: sorted(index.codes_of(index.offers, p))
                     for cid, p in zip(candidates["company_id"], candidates["position"], strict=True)}
    candidates["text"] = _text_fit(profile, seek_codes, candidates, con, names, offered_codes)
    candidates["score"] = 100 * (w["sector"] * candidates["sector_fit"] + w["reciprocity"] * candidates["reciprocity"]
                                 + w["text"] * candidates["text"] + w["size"] * candidates["size"]
                                 + w["city"] * candidates["city"])
    top = candidates.sort_values(["score", "company_id"], ascending=[False, True]).head(k).reset_index(drop=True)
    top["rank"] = range(1, len(top) + 1)
    ids = top["company_id"].tolist()
    sought_codes = {cid: index.codes_of(index.seeks, p)
                    for cid, p in zip(top["company_id"], top["position"], strict=True)}
    offered = _best_pairs(con, {cid: offered_codes[cid] for cid in ids}, seek_codes, reciprocal=False)
    sought = _best_pairs(con, sought_codes, offer_codes, reciprocal=True)
    activity = {row.company_id: (offered[row.company_id][1] if row.company_id in offered else row.sector or "")[:2]
                for row in top.itertuples()}
    strong = _division_lq(con, {(row.city_id, activity[row.company_id]) for row in top.itertuples()},
                          include_samples)
    top["reasons"] = [_reasons(profile, row, offered.get(row.company_id), sought.get(row.company_id),
                               (activity[row.company_id], strong.get((row.city_id, activity[row.company_id]), 0.0)))
                      for row in top.itertuples()]
    return top[RESULT_COLUMNS]


def _best_pairs(con: duckdb.DuckDBPyConnection, listed: dict[str, list[str]], codes: list[str],
                reciprocal: bool) -> dict[str, tuple[str, str]]:
    """For each shortlisted company, (wanted, offered): the closest pair of codes by SECTOR_GRADES (ties:
    the highest offered code, then the highest wanted code). Sector fit: the seeker's sought ``codes``
    against what the company offers; reciprocal: what the company seeks against the seeker's offered
    ``codes``. ``listed``: each company's offered (sector fit) or sought (reciprocal) codes, from the
    company index."""
    grade = _grade_sql("wanted", "have")
    own, other = ("wanted", "have") if reciprocal else ("have", "wanted")
    rows = con.execute(
        f"""
        WITH codes AS ({CODES}),
        listed AS (SELECT unnest(?::VARCHAR[]) AS company_id, unnest(?::VARCHAR[]) AS code),
        given AS (SELECT c.* FROM codes AS c WHERE list_contains(?, c.code))
        SELECT l.company_id, arg_max([wanted.code, have.code], ({grade}, have.code, wanted.code))
        FROM listed AS l JOIN codes AS {own} USING (code) CROSS JOIN given AS {other}
        WHERE {grade} > 0
        GROUP BY l.company_id
        """,
        [[cid for cid, own_codes in listed.items() for _ in own_codes],
         [code for own_codes in listed.values() for code in own_codes], codes],
    ).fetchall()
    return {cid: (pair[0], pair[1]) for cid, pair in rows}


DETAIL_COLUMNS = ["employees_year", "employees_scope", "website", "source", "note", "note_source", "note_date"]
RESULT_COLUMNS = ["rank", "company_id", "name", "name_zh", "city_id", "city_de", "city_en", "city_zh", "sector",
                  "employees", "is_sample", "score", "sector_fit", "reciprocity", "text", "size", "city", "reasons",
                  "lq", "projects", "branche_id", *DETAIL_COLUMNS]


def _division_lq(con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, str]],
                 include_samples: bool) -> dict[tuple[str, str], float]:
    """The location quotient (employees, over the alliance; alliance/sectors.py) of each (city, NACE
    division) pair."""
    if not pairs:
        return {}
    rows = con.execute(
        f"SELECT city_id, sector, lq_alliance FROM ({measures_sql('division', 'employees', include_samples)}) "
        "WHERE list_contains(?, city_id || '|' || sector)",
        [sorted(f"{city}|{division}" for city, division in pairs)],
    ).fetchall()
    return {(city, division): float(lq or 0) for city, division, lq in rows}


def _empty_result() -> pd.DataFrame:
    return pd.DataFrame(columns=RESULT_COLUMNS)


def _code_names(con: duckdb.DuckDBPyConnection, codes: list[str]) -> dict[str, dict[str, str]]:
    """Names of NACE codes (any level) in de/en/zh; a group or class without a Chinese name takes its
    division's."""
    rows = con.execute(
        "SELECT n.code, n.name_de, n.name_en, coalesce(n.name_zh, d.name_zh) FROM nace AS n "
        "LEFT JOIN nace AS d ON d.code = left(n.code, 2) WHERE list_contains(?, n.code)",
        [sorted(set(codes))],
    ).fetchall()
    return {code: {"de": de or en, "en": en, "zh": zh or ""} for code, de, en, zh in rows}


def _with_sector_names(text: str, codes: list[str], names: dict[str, dict[str, str]]) -> str:
    labels = " ".join(f"{n['de']} {n['en']} {n['zh']}" for n in (names.get(c) for c in codes) if n)
    return f"{text} {labels}".strip()


def _text_fit(profile: Profile, seek_codes: list[str], candidates: pd.DataFrame,
              con: duckdb.DuckDBPyConnection, names: dict[str, dict[str, str]],
              offer_codes: dict[str, list[str]]) -> list[float]:
    """TF-IDF cosine of the seeker's seeks against each candidate's offers (IDF over this pool);
    ``offer_codes``: each candidate's offered codes, sorted."""
    query = _with_sector_names(profile.seeks, seek_codes, names)
    documents = [
        _with_sector_names(offers or "", offer_codes.get(cid, []), names)
        for cid, offers in zip(candidates["company_id"], candidates["offers"], strict=True)
    ]
    missing = set(c for codes in offer_codes.values() for c in codes) - set(names)
    if missing:
        names.update(_code_names(con, sorted(missing)))
        documents = [
            _with_sector_names(offers or "", offer_codes.get(cid, []), names)
            for cid, offers in zip(candidates["company_id"], candidates["offers"], strict=True)
        ]
    if not query.strip() or not any(d.strip() for d in documents):
        return [0.0] * len(documents)
    # Imported here: scikit-learn takes about a second to load, which every page would pay at its first
    # run, since the shell imports this module to build the company index ahead of the first match.
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer(analyzer=_char_wb_ngrams, lowercase=False, sublinear_tf=True)
    matrix = vectorizer.fit_transform([query, *documents])
    return [float(v) for v in cosine_similarity(matrix[0], matrix[1:])[0]]


_WHITE_SPACES = re.compile(r"\s\s+")


@functools.lru_cache(maxsize=100_000)
def _word_ngrams(word: str) -> tuple[str, ...]:
    """The character 2- and 3-grams of one word padded with blanks, as scikit-learn's "char_wb" makes them."""
    padded = f" {word} "
    grams: list[str] = []
    for n in (2, 3):
        offset = 0
        grams.append(padded[offset:offset + n])
        while offset + n < len(padded):
            offset += 1
            grams.append(padded[offset:offset + n])
        if offset == 0:  # a short word counts once
            break
    return tuple(grams)


def _char_wb_ngrams(text: str) -> list[str]:
    """TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), lowercase=True)'s analyzer, the n-grams of
    each word kept between requests (texts of a pool repeat their words and sector names)."""
    grams: list[str] = []
    for word in _WHITE_SPACES.sub(" ", text.lower()).split():
        grams.extend(_word_ngrams(word))
    return grams


def matched_words(seeks: str, offers: str | None, limit: int = MAX_WORDS) -> list[str]:
    """The seeker's keywords (see keywords()) found in the candidate's offers text, as that text writes
    them; overlapping finds (pairs of Chinese characters) are joined into one; in order of the text."""
    text = offers or ""
    lower = text.lower()
    if len(lower) != len(text):  # a rare case change that alters the length: quote the lower-case text
        text = lower
    spans = sorted((i, i + len(word)) for word in keywords(seeks or "") if (i := lower.find(word)) >= 0)
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [text[start:end] for start, end in merged][:limit]


def _reasons(profile: Profile, row, offered: tuple[str, str] | None, sought: tuple[str, str] | None,
             activity: tuple[str, float]) -> list[Reason]:
    """The reasons of one match, from its components (the order of match_companies' docstring);
    ``activity``: the NACE division of the candidate's matched activity and its city's LQ in it."""
    reasons: list[Reason] = []
    if offered:
        reasons.append(("seeks", {"wanted": offered[0], "offered": offered[1]}))
    if sought and row.reciprocity >= SECTOR_GRADES["division"]:
        reasons.append(("seeks_back", {"wanted": sought[0], "offered": sought[1]}))
    if profile.is_sme and row.employees < 250:
        reasons.append(("both_smes", {}))
    elif profile.is_sme or row.employees < 250:
        reasons.append(("sme_and_large", {}))
    division, lq = activity
    if lq >= STRONG_LQ and division:
        reasons.append(("city_strong", {"city": row.city_id, "branche": division, "lq": lq}))
    if row.projects:
        reasons.append(("city_projects", {"n": int(row.projects)}))
    words = matched_words(profile.seeks, row.offers)
    if words:
        reasons.append(("words", {"words": words}))
    elif row.text >= TEXT_REASON:
        reasons.append(("text", {"similarity": float(row.text)}))
    if row.is_sample:
        reasons.append(("sample", {}))
    return reasons


def partner_cities(
    con: duckdb.DuckDBPyConnection, seeker: Profile | str, k: int = 10, include_samples: bool = True
) -> pd.DataFrame:
    """Cities of the other country for ``seeker``, ranked by score (0-100) =
    100 * (0.5 * min(LQ, 2) / 2 + 0.3 * min(fitting companies, 10) / 10 + 0.2 * [declared strength]),
    where LQ is the city's location quotient (employees, alliance) in the Branche of the seeker's
    sought sectors (the best of them), fitting companies have a sector fit of at least 0.6 (same
    division or closer) with what they make or offer (their sector and offer_sectors, as
    match_companies grades them), and a declared strength in one of those Branchen counts. Ties: city_id.
    Without samples, LQs and fitting companies are of documented companies only, and sample cities
    are left out.
    """
    profile = company_profile(con, seeker) if isinstance(seeker, str) else seeker
    seek_codes = list(profile.effective_seek_codes())
    index = company_index(con)
    divisions = {code[:2] for code in seek_codes}
    in_division = np.array([code[:2] in divisions for code in index.code_list] + [False], dtype=np.uint8)
    fitting = index.best(index.offers, in_division, profile.country) > 0
    if not include_samples:
        fitting &= ~index.sample
    companies = np.bincount(index.city[fitting], minlength=len(index.city_ids))
    samples = np.bincount(index.city[fitting & index.sample], minlength=len(index.city_ids))
    return con.execute(
        f"""
        WITH seek AS (SELECT DISTINCT left(unnest(?::VARCHAR[]), 2) AS division),
        seek_branchen AS (
            SELECT DISTINCT nb.branche_id FROM seek JOIN nace_branche AS nb ON nb.nace_division = division
        ),
        lq AS ({branche_lq(include_samples)}),
        best_lq AS (
            SELECT city_id, max(lq) AS lq, arg_max(branche_id, lq) AS branche_id FROM lq
            WHERE branche_id IN (SELECT branche_id FROM seek_branchen) GROUP BY city_id
        ),
        fitting AS (  -- companies per city offering a sought division (counted from the company index)
            SELECT unnest(?::VARCHAR[]) AS city_id, unnest(?::HUGEINT[]) AS companies,
                   unnest(?::HUGEINT[]) AS sample_companies
        ),
        declared AS (
            SELECT DISTINCT cs.city_id FROM city_sectors AS cs JOIN nace_branche AS nb USING (nace_division)
            WHERE cs.kind = 'strength' AND nb.branche_id IN (SELECT branche_id FROM seek_branchen)
        )
        SELECT c.city_id, c.name_de, c.name_en, c.name_zh, coalesce(l.lq, 0) AS lq, l.branche_id,
               b.name_de AS branche_de, b.name_en AS branche_en, b.name_zh AS branche_zh,
               coalesce(f.companies, 0) AS fitting_companies,
               coalesce(f.sample_companies, 0) AS fitting_sample_companies, d.city_id IS NOT NULL AS declared,
               100 * (0.5 * least(coalesce(l.lq, 0), 2) / 2 + 0.3 * least(coalesce(f.companies, 0), 10) / 10
                      + 0.2 * (d.city_id IS NOT NULL)::INTEGER) AS score
        FROM {records("cities", include_samples)} AS c
        LEFT JOIN best_lq AS l USING (city_id)
        LEFT JOIN branchen AS b ON b.branche_id = l.branche_id
        LEFT JOIN fitting AS f USING (city_id)
        LEFT JOIN declared AS d USING (city_id)
        WHERE c.country <> ?
        ORDER BY score DESC, c.city_id
        LIMIT ?
        """,
        [seek_codes, index.city_ids, companies.tolist(), samples.tolist(), profile.country, k],
    ).df()



MAX_SHORTLIST = 20  # companies kept on the shortlist (URL parameter ``shortlist``)


def parse_shortlist(con: duckdb.DuckDBPyConnection, raw: str, include_samples: bool = True) -> tuple[str, ...]:
    """The shortlist of the URL parameter ``shortlist`` (company ids joined by ","): the ids the
    database knows, in the order given, each once, at most MAX_SHORTLIST. Unknown ids are left out
    (the page names them in its ignored-URL-value notice); without samples, sample companies too."""
    from alliance import contacts

    return contacts.parse_shortlist(con, raw, include_samples)


def contact_proposals(con: duckdb.DuckDBPyConnection, focus_city_id: str, company_ids: tuple[str, ...] | list[str],
                      include_samples: bool) -> pd.DataFrame:
    """Contact proposals for the focus city: one row per shortlisted company (in the shortlist's order;
    without samples the sample companies are left out). Columns: company_id, name, name_zh, city_id,
    country, nace_code, employees, employees_year, employees_scope, website, source_url, is_sample,
    note (risk or status note with its source, empty if none), best_partner_id, best_partner_name
    (the company's best match in the other country, preferably in the focus city; empty if none) and
    reasons (list of (token, args) of that match, as match_companies gives them). See
    alliance/contacts.py for the rest of the columns."""
    from alliance import contacts

    return contacts.contact_proposals(con, focus_city_id, company_ids, include_samples)
