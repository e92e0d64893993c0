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
Each match carries its reasons as (token, args) pairs (codes, ids, numbers and the matched words of the
texts, no prose; see match_companies), which alliance/i18n.py puts into words. Ties are broken by
company_id. For speed, the components other than text are computed in DuckDB for every candidate,
together with a keyword pre-score (the share of the seeker's keywords found in the candidate's offers
text); the TEXT_POOL best candidates by that estimate get the exact TF-IDF text fit and are ranked by
the final score.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from alliance.i18n import Reason
from alliance.sectors import STRONG_LQ, measures_sql

# Each city's location quotient per Branche (employees, over the alliance): the definition of
# alliance/sectors.py, not a second one.
BRANCHE_LQ = f"SELECT city_id, sector AS branche_id, lq_alliance AS lq FROM ({measures_sql('branche', 'employees')})"

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


def find_companies(con: duckdb.DuckDBPyConnection, text: str, limit: int = 20) -> pd.DataFrame:
    """Companies whose name (Latin or Chinese script) or id contains ``text`` (case-insensitive)."""
    return con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.city_id, ci.name_de AS city_de, ci.name_en AS city_en, "
        "ci.name_zh AS city_zh, c.sector, c.employees, c.is_sample FROM companies AS c JOIN cities AS ci "
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


def companies_in_city(con: duckdb.DuckDBPyConnection, city_id: str, limit: int = 200) -> pd.DataFrame:
    """A city's companies (real ones first, then by name), as find_companies returns them."""
    return con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.city_id, ci.name_de AS city_de, ci.name_en AS city_en, "
        "ci.name_zh AS city_zh, c.sector, c.employees, c.is_sample FROM companies AS c JOIN cities AS ci "
        "USING (city_id) WHERE c.city_id = ? ORDER BY c.is_sample, c.name, c.company_id LIMIT ?",
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


def match_companies(
    con: duckdb.DuckDBPyConnection,
    seeker: Profile | str,
    k: int = 20,
    weights: MatchWeights = MatchWeights(),
    include_samples: bool = True,
) -> pd.DataFrame:
    """The ``k`` best counterpart companies in the other country for ``seeker`` (a Profile or a
    company_id). Columns: rank, company_id, name, name_zh, city_id, city_de, city_en, city_zh, sector,
    employees, is_sample, score, the five components, reasons, lq, projects, branche_id.

    ``reasons`` lists (token, args) in this order, each where it applies: ("seeks", {wanted, offered}:
    the sought and the offered code that gave the sector fit), ("seeks_back", {wanted, offered}: the
    candidate's sought code and the seeker's offered code, reciprocity >= 0.6), ("both_smes", {}) or
    ("sme_and_large", {}), ("city_strong", {city, branche, lq}: LQ >= 1.25), ("city_projects", {n}),
    ("words", {words}: the seeker's keywords found in the candidate's offers, as written there) or else
    ("text", {similarity}: text fit >= 0.2), ("sample", {})."""
    profile = company_profile(con, seeker) if isinstance(seeker, str) else seeker
    w = weights.normalised()
    seek_codes = list(profile.effective_seek_codes())
    offer_codes = list(profile.effective_offer_codes())
    words = keywords(profile.seeks)
    sample_filter = "" if include_samples else "AND NOT c.is_sample"
    candidates = con.execute(
        f"""
        WITH seek AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS code),
        offer AS (SELECT DISTINCT unnest(?::VARCHAR[]) AS code),
        other_cities AS (SELECT city_id FROM cities WHERE country <> ?),
        codes AS ({CODES}),
        offer_grade AS (  -- grade of each code a candidate may offer against the seeker's sought codes
            SELECT have.code, max({_grade_sql('wanted', 'have')}) AS fit,
                   arg_max(wanted.code, {_grade_sql('wanted', 'have')}) AS wanted
            FROM codes AS have CROSS JOIN (SELECT c.* FROM codes AS c SEMI JOIN seek USING (code)) AS wanted
            GROUP BY have.code
        ),
        seek_grade AS (  -- grade of each code a candidate may seek against what the seeker offers
            SELECT wanted.code, max({_grade_sql('wanted', 'have')}) AS fit
            FROM codes AS wanted CROSS JOIN (SELECT c.* FROM codes AS c SEMI JOIN offer USING (code)) AS have
            GROUP BY wanted.code
        ),
        offer_map AS (SELECT map(list(code), list(fit)) AS m FROM offer_grade WHERE fit > 0),
        seek_map AS (SELECT map(list(code), list(fit)) AS m FROM seek_grade WHERE fit > 0),
        pool AS (  -- one scan of the candidates: their best grades through the two small maps
            SELECT c.company_id, c.city_id, c.employees, c.nace_division, c.is_sample,
                   coalesce(list_max(list_transform(c.offer_codes, lambda x: o.m[x])), 0) AS sector_fit,
                   coalesce(list_max(list_transform(c.seek_codes, lambda x: s.m[x])), 0) AS reciprocity
            FROM companies AS c CROSS JOIN offer_map AS o CROSS JOIN seek_map AS s
            WHERE c.city_id IN (SELECT city_id FROM other_cities) AND c.company_id IS DISTINCT FROM ?
              {sample_filter}
        ),
        candidates AS (SELECT * FROM pool WHERE sector_fit > 0 OR reciprocity > 0),
        lq AS ({BRANCHE_LQ}),
        ties AS (
            SELECT CASE WHEN cn_city_id = ? THEN de_city_id ELSE cn_city_id END AS city_id, count(*) AS projects
            FROM projects WHERE ? IN (cn_city_id, de_city_id) GROUP BY ALL
        ),
        context AS (  -- per city and NACE division (a few thousand rows): Branche, LQ, projects, city score
            SELECT c.city_id, nb.nace_division, nb.branche_id, coalesce(l.lq, 0) AS lq,
                   coalesce(t.projects, 0) AS projects,
                   0.7 * least(coalesce(l.lq, 0), 2) / 2 + 0.3 * (coalesce(t.projects, 0) > 0)::INTEGER AS city
            FROM other_cities AS c CROSS JOIN nace_branche AS nb
            LEFT JOIN lq AS l ON l.city_id = c.city_id AND l.branche_id = nb.branche_id
            LEFT JOIN ties AS t ON t.city_id = c.city_id
        ),
        scored AS (
            SELECT p.company_id, p.city_id, p.employees, p.is_sample, p.sector_fit, p.reciprocity,
                   x.branche_id, CASE WHEN p.employees < 250 THEN ? ELSE ? END AS size,
                   coalesce(x.lq, 0) AS lq, coalesce(x.projects, 0) AS projects, coalesce(x.city, 0) AS city
            FROM candidates AS p
            LEFT JOIN context AS x ON x.city_id = p.city_id AND x.nace_division = p.nace_division
        ),
        partial AS (
            SELECT *, ? * sector_fit + ? * reciprocity + ? * size + ? * city AS partial FROM scored
        ),
        cutoff AS (  -- a candidate below this cannot reach the pool even with a perfect text
            SELECT coalesce(min(partial), -1) AS partial
            FROM (SELECT partial FROM partial ORDER BY partial DESC LIMIT ?)
        ),
        shortlist AS (SELECT * FROM partial WHERE partial + ? >= (SELECT partial FROM cutoff))
        SELECT s.*, c.name, c.name_zh, c.offers, coalesce(c.sector, c.nace_division) AS sector,
               ci.name_de AS city_de, ci.name_en AS city_en, ci.name_zh AS city_zh,
               CASE WHEN len(?::VARCHAR[]) = 0 THEN 0 ELSE
                   list_sum(list_transform(?::VARCHAR[], lambda t: contains(lower(coalesce(c.offers, '')), t)
                       ::INTEGER)) / len(?::VARCHAR[]) END AS text_estimate,
               s.partial + ? * text_estimate AS estimate
        FROM shortlist AS s
        JOIN companies AS c USING (company_id)
        JOIN cities AS ci ON ci.city_id = s.city_id
        ORDER BY estimate DESC, s.company_id
        LIMIT ?
        """,
        [seek_codes, offer_codes, profile.country, profile.company_id, profile.city_id, profile.city_id,
         SIZE_FIT[(profile.is_sme, True)], SIZE_FIT[(profile.is_sme, False)],
         w["sector"], w["reciprocity"], w["size"], w["city"], max(TEXT_POOL, k),
         w["text"], words, words, words, w["text"], max(TEXT_POOL, k)],
    ).df()
    if candidates.empty:
        return _empty_result()
    names = _code_names(con, seek_codes + offer_codes + candidates["sector"].dropna().tolist())
    candidates["text"] = _text_fit(profile, seek_codes, candidates, con, names)
    candidates["score"] = 100 * (w["sector"] * candidates["sector_fit"] + w["reciprocity"] * candidates["reciprocity"]
                                 + w["text"] * candidates["text"] + w["size"] * candidates["size"]
                                 + w["city"] * candidates["city"])
    top = candidates.sort_values(["score", "company_id"], ascending=[False, True]).head(k).reset_index(drop=True)
    top["rank"] = range(1, len(top) + 1)
    ids = top["company_id"].tolist()
    offered = _best_pairs(con, ids, seek_codes, reciprocal=False)
    sought = _best_pairs(con, ids, offer_codes, reciprocal=True)
    top["reasons"] = [_reasons(profile, row, offered.get(row.company_id), sought.get(row.company_id))
                      for row in top.itertuples()]
    return top[RESULT_COLUMNS]


def _best_pairs(con: duckdb.DuckDBPyConnection, company_ids: list[str], codes: list[str],
                reciprocal: bool) -> dict[str, tuple[str, str]]:
    """For each shortlisted company, (wanted, offered): the closest pair of codes by SECTOR_GRADES (ties:
    the highest offered code). Sector fit: the seeker's sought ``codes`` against what the company
    offers; reciprocal: what the company seeks against the seeker's offered ``codes``."""
    grade = _grade_sql("wanted", "have")
    own, other, own_column = ("wanted", "have", "seek_codes") if reciprocal else ("have", "wanted", "offer_codes")
    rows = con.execute(
        f"""
        WITH codes AS ({CODES}),
        listed AS (
            SELECT company_id, unnest({own_column}) AS code FROM companies
            WHERE company_id IN (SELECT unnest(?::VARCHAR[]))
        ),
        given AS (SELECT c.* FROM codes AS c WHERE list_contains(?, c.code))
        SELECT l.company_id, arg_max([wanted.code, have.code], ({grade}, have.code))
        FROM listed AS l JOIN codes AS {own} USING (code) CROSS JOIN given AS {other}
        WHERE {grade} > 0
        GROUP BY l.company_id
        """,
        [company_ids, codes],
    ).fetchall()
    return {cid: (pair[0], pair[1]) for cid, pair in rows}


RESULT_COLUMNS = ["rank", "company_id", "name", "name_zh", "city_id", "city_de", "city_en", "city_zh", "sector",
                  "employees", "is_sample", "score", "sector_fit", "reciprocity", "text", "size", "city", "reasons",
                  "lq", "projects", "branche_id"]


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
              con: duckdb.DuckDBPyConnection, names: dict[str, dict[str, str]]) -> list[float]:
    """TF-IDF cosine of the seeker's seeks against each candidate's offers (IDF over this pool)."""
    offer_codes = dict(con.execute(
        "SELECT company_id, list_sort(offer_codes) FROM companies WHERE company_id IN (SELECT unnest(?::VARCHAR[]))",
        [candidates["company_id"].tolist()]).fetchall())
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
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3), lowercase=True, sublinear_tf=True)
    matrix = vectorizer.fit_transform([query, *documents])
    return [float(v) for v in cosine_similarity(matrix[0], matrix[1:])[0]]


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


def _reasons(profile: Profile, row, offered: tuple[str, str] | None, sought: tuple[str, str] | None) -> list[Reason]:
    """The reasons of one match, from its components (the order of match_companies' docstring)."""
    reasons: list[Reason] = []
    if offered:
        reasons.append(("seeks", {"wanted": offered[0], "offered": offered[1]}))
    if sought and row.reciprocity >= SECTOR_GRADES["division"]:
        reasons.append(("seeks_back", {"wanted": sought[0], "offered": sought[1]}))
    if profile.is_sme and row.employees < 250:
        reasons.append(("both_smes", {}))
    elif profile.is_sme or row.employees < 250:
        reasons.append(("sme_and_large", {}))
    if row.lq >= STRONG_LQ and isinstance(row.branche_id, str):
        reasons.append(("city_strong", {"city": row.city_id, "branche": row.branche_id, "lq": float(row.lq)}))
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
    con: duckdb.DuckDBPyConnection, seeker: Profile | str, k: int = 10
) -> pd.DataFrame:
    """Cities of the other country for ``seeker``, ranked by score (0-100) =
    100 * (0.5 * min(LQ, 2) / 2 + 0.3 * min(fitting companies, 10) / 10 + 0.2 * [declared strength]),
    where LQ is the city's location quotient (employees, alliance) in the Branche of the seeker's
    sought sectors (the best of them), fitting companies have a sector fit of at least 0.6 (same
    division or closer), and a declared strength in one of those Branchen counts. Ties: city_id.
    """
    profile = company_profile(con, seeker) if isinstance(seeker, str) else seeker
    seek_codes = list(profile.effective_seek_codes())
    return con.execute(
        f"""
        WITH seek AS (SELECT DISTINCT left(unnest(?::VARCHAR[]), 2) AS division),
        seek_branchen AS (
            SELECT DISTINCT nb.branche_id FROM seek JOIN nace_branche AS nb ON nb.nace_division = division
        ),
        lq AS ({BRANCHE_LQ}),
        best_lq AS (
            SELECT city_id, max(lq) AS lq, arg_max(branche_id, lq) AS branche_id FROM lq
            WHERE branche_id IN (SELECT branche_id FROM seek_branchen) GROUP BY city_id
        ),
        fitting AS (
            SELECT city_id, sum(companies) AS companies,
                   coalesce(sum(companies) FILTER (WHERE is_sample), 0) AS sample_companies
            FROM city_sector_matrix WHERE nace_division IN (SELECT division FROM seek) GROUP BY city_id
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
        FROM cities AS c
        LEFT JOIN best_lq AS l USING (city_id)
        LEFT JOIN branchen AS b ON b.branche_id = l.branche_id
        LEFT JOIN fitting AS f USING (city_id)
        LEFT JOIN declared AS d USING (city_id)
        WHERE c.country <> ?
        ORDER BY score DESC, c.city_id
        LIMIT ?
        """,
        [seek_codes, profile.country, k],
    ).df()
