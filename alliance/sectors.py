"""Sector metrics: city x sector matrices, location quotients, declared vs measured strengths,
the focus city's overlap with partner cities, and opportunities for SMEs.

Definitions (used throughout, shown in the UI):

- Sector level: ``branche`` (the alliance's 21 industry groups) or ``division`` (NACE Rev. 2).
- Measures per city c and sector s: companies, SMEs (< 250 employees), employees.
- Location quotient over a scope (the whole alliance, or the cities of one country)::

      LQ(c, s) = (E(c, s) / E(c)) / (E(s) / E)

  with E = employees (default) or company counts; E(c) the city's total, E(s) the sector's total over
  the scope, E the scope's total. LQ > 1: the sector weighs more in the city than in the scope.
- A city is *strong* in a sector when it declares it a strength or its LQ >= 1.25 (STRONG_LQ).
- Declared vs measured disagree when a declared strength has LQ < 1 (``declared_not_measured``) or
  LQ >= 1.25 is not declared (``measured_not_declared``).

All aggregation runs in DuckDB over the mart ``city_sector_matrix`` (city x division, built at load);
results are small (cities x sectors). Results carry ids, codes, numbers, names from the reference data in
de/en/zh, and reasons as (token, args) pairs; alliance/i18n.py puts them into words.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from alliance.i18n import Names, Reason

STRONG_LQ = 1.25
LEVELS = {"branche": "branche_id", "division": "nace_division"}
BASES = {"employees": "employees", "companies": "companies"}
SCOPES = ("alliance", "CN", "DE")


def _level_column(level: str) -> str:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}, not {level!r}")
    return LEVELS[level]


def _basis_column(basis: str) -> str:
    if basis not in BASES:
        raise ValueError(f"basis must be one of {sorted(BASES)}, not {basis!r}")
    return BASES[basis]


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")


def _sector_names_sql(level: str) -> str:
    """A relation (code, name_de, name_en, name_zh) of the sectors of ``level``."""
    if level == "branche":
        return "SELECT branche_id AS code, name_de, name_en, name_zh, sort_order FROM branchen"
    return ("SELECT code, name_de, name_en, name_zh, CAST(code AS INTEGER) AS sort_order FROM nace "
            "WHERE level = 'division'")


def measures_sql(level: str, basis: str, include_samples: bool = True, smes_only: bool = False) -> str:
    """Per city and sector: companies, SMEs, employees and the LQ over the alliance and each country.
    With ``smes_only`` every measure counts SMEs only (companies = SMEs, employees of SMEs).

    Parameters: none; the flags only select literal SQL.
    """
    sector = _level_column(level)
    e = _basis_column(basis)
    sample_filter = "" if include_samples else "WHERE NOT is_sample"
    companies, employees = ("smes", "sme_employees") if smes_only else ("companies", "employees")
    return f"""
        WITH cell AS (
            SELECT city_id, country, {sector} AS sector, sum({companies}) AS companies, sum(smes) AS smes,
                   sum({employees}) AS employees,
                   coalesce(sum({companies}) FILTER (WHERE is_sample), 0) AS sample_companies
            FROM city_sector_matrix {sample_filter}
            GROUP BY ALL
        ),
        shares AS (
            SELECT *,
                   sum({e}) OVER (PARTITION BY city_id) AS e_city,
                   sum({e}) OVER (PARTITION BY sector) AS e_sector_alliance,
                   sum({e}) OVER () AS e_alliance,
                   sum({e}) OVER (PARTITION BY country, sector) AS e_sector_country,
                   sum({e}) OVER (PARTITION BY country) AS e_country
            FROM cell
        )
        SELECT city_id, country, sector, companies, smes, employees, sample_companies,
               ({e} / e_city) / nullif(e_sector_alliance / e_alliance, 0) AS lq_alliance,
               ({e} / e_city) / nullif(e_sector_country / e_country, 0) AS lq_country
        FROM shares
    """


def city_sector_matrix(
    con: duckdb.DuckDBPyConnection,
    level: str = "branche",
    basis: str = "employees",
    scope: str = "alliance",
    include_samples: bool = True,
    smes_only: bool = False,
    countries: tuple[str, ...] = (),
    branchen: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Long table city x sector with companies, smes, employees and lq (over ``scope``).

    Cities of another country than ``scope`` are left out when ``scope`` is a country; every
    city-sector pair with at least one company is a row. ``countries`` and ``branchen`` only select
    the rows shown (the LQ is still computed over ``scope``); ``smes_only`` counts SMEs only.
    Columns: city_id, city_de, city_en, city_zh, country, sector, sector_de, sector_en, sector_zh,
    sort_order, companies, smes, employees, sample_companies, lq, declared_strength, declared_wish.
    """
    _check_scope(scope)
    lq = "lq_alliance" if scope == "alliance" else "lq_country"
    clauses, params = [], []
    if scope != "alliance":
        clauses.append("m.country = ?")
        params.append(scope)
    if countries:
        clauses.append("list_contains(?, m.country)")
        params.append(list(countries))
    if branchen:
        if level == "branche":
            clauses.append("list_contains(?, m.sector)")
        else:
            clauses.append("m.sector IN (SELECT nace_division FROM nace_branche WHERE list_contains(?, branche_id))")
        params.append(list(branchen))
    country_filter = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples, smes_only)}),
        declared AS ({_declared_sql(level)})
        SELECT m.city_id, c.name_de AS city_de, c.name_en AS city_en, c.name_zh AS city_zh, m.country,
               m.sector, s.name_de AS sector_de, s.name_en AS sector_en, s.name_zh AS sector_zh, s.sort_order,
               m.companies, m.smes, m.employees, m.sample_companies, m.{lq} AS lq,
               coalesce(d.strength, false) AS declared_strength, coalesce(d.wish, false) AS declared_wish
        FROM m
        JOIN cities AS c USING (city_id)
        LEFT JOIN ({_sector_names_sql(level)}) AS s ON s.code = m.sector
        LEFT JOIN declared AS d ON d.city_id = m.city_id AND d.sector = m.sector
        {country_filter}
        ORDER BY c.country, c.name_de, s.sort_order
        """,
        params,
    ).df()


def _declared_sql(level: str) -> str:
    """Per city and sector: declared strength / wish (a Branche is declared if one of its divisions is)."""
    sector = "coalesce(nb.branche_id, 'other')" if level == "branche" else "cs.nace_division"
    return f"""
        SELECT cs.city_id, {sector} AS sector,
               bool_or(cs.kind = 'strength') AS strength, bool_or(cs.kind = 'wish') AS wish
        FROM city_sectors AS cs LEFT JOIN nace_branche AS nb ON nb.nace_division = cs.nace_division
        GROUP BY ALL
    """


def declared_vs_measured(
    con: duckdb.DuckDBPyConnection, level: str = "branche", basis: str = "employees", scope: str = "alliance",
    include_samples: bool = True,
) -> pd.DataFrame:
    """Every city-sector pair that is declared or measured strong, with the finding where they disagree.

    finding: ``declared_not_measured`` (declared strength, LQ < 1 or no companies in the data),
    ``measured_not_declared`` (LQ >= 1.25, not declared), or empty when both agree: a token, shown through
    the catalogue key ``finding.<token>``. Columns: city_id, city_de, city_en, city_zh, country, sector,
    sector_de, sector_en, sector_zh, companies, lq, declared_strength, declared_wish, finding.
    """
    _check_scope(scope)
    lq = "lq_alliance" if scope == "alliance" else "lq_country"
    return con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples)}),
        declared AS ({_declared_sql(level)}),
        pairs AS (
            SELECT coalesce(m.city_id, d.city_id) AS city_id, coalesce(m.sector, d.sector) AS sector,
                   m.companies, m.employees, m.{lq} AS lq, coalesce(d.strength, false) AS declared_strength,
                   coalesce(d.wish, false) AS declared_wish
            FROM m FULL OUTER JOIN declared AS d ON d.city_id = m.city_id AND d.sector = m.sector
        )
        SELECT p.city_id, c.name_de AS city_de, c.name_en AS city_en, c.name_zh AS city_zh, c.country,
               p.sector, s.name_de AS sector_de,
               s.name_en AS sector_en, s.name_zh AS sector_zh, coalesce(p.companies, 0) AS companies,
               p.lq, p.declared_strength, p.declared_wish,
               CASE WHEN p.declared_strength AND coalesce(p.lq, 0) < 1 THEN 'declared_not_measured'
                    WHEN NOT p.declared_strength AND p.lq >= ? THEN 'measured_not_declared'
                    ELSE '' END AS finding
        FROM pairs AS p
        JOIN cities AS c USING (city_id)
        LEFT JOIN ({_sector_names_sql(level)}) AS s ON s.code = p.sector
        WHERE p.declared_strength OR p.lq >= ?
        ORDER BY c.country, c.name_de, s.sort_order
        """,
        [STRONG_LQ, STRONG_LQ],
    ).df()


@dataclass(frozen=True)
class PartnerWeights:
    """Ranking of partner cities: score = cosine * w_cosine + complements * w_complement + shared * w_shared,
    where complements and shared are counts capped at ``cap`` and scaled to 0..1."""

    cosine: float = 0.5
    complement: float = 0.3
    shared: float = 0.2
    cap: int = 3


def partner_ranking(
    con: duckdb.DuckDBPyConnection,
    focus: str = "mainz",
    level: str = "branche",
    basis: str = "employees",
    other_country_only: bool = True,
    weights: PartnerWeights = PartnerWeights(),
    include_samples: bool = True,
) -> pd.DataFrame:
    """Partner cities of ``focus`` ranked by overlap and complementarity, with the reasons spelled out.

    - cosine: cosine similarity of the two cities' sector profiles (shares of ``basis`` by sector):
      cos(a, b) = sum_s a_s b_s / (|a| |b|); 0 when a city has no companies.
    - shared: sectors in which both are strong (declared, or LQ >= 1.25 over the alliance).
    - focus_gets: what the focus city wishes that the partner is strong in.
    - partner_gets: what the partner wishes that the focus city is strong in.
    - score (0-1) = w_cosine * cosine + w_complement * min(|focus_gets| + |partner_gets|, cap) / cap
      + w_shared * min(|shared|, cap) / cap.
    Ties are broken by city_id. Columns: partner_id, partner_de, partner_en, partner_zh, country,
    cosine, shared, focus_gets, partner_gets (lists of sector codes of ``level``), score, and reasons:
    a list of (token, args) for alliance.i18n.explain(): ("similarity", {cosine}), then ("shared",
    {sectors}), ("strong_in_wishes", {sectors}: focus_gets) and ("seeks_strengths", {sectors}:
    partner_gets) where not empty.
    """
    e = _basis_column(basis)
    rows = con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples)}),
        declared AS ({_declared_sql(level)}),
        strong AS (
            SELECT city_id, sector FROM m WHERE lq_alliance >= ?
            UNION SELECT city_id, sector FROM declared WHERE strength
        ),
        wishes AS (SELECT city_id, sector FROM declared WHERE wish),
        profile AS (
            SELECT city_id, sector, {e} / sum({e}) OVER (PARTITION BY city_id) AS share FROM m
        ),
        norms AS (SELECT city_id, sqrt(sum(share * share)) AS norm FROM profile GROUP BY city_id),
        dot AS (
            SELECT b.city_id, sum(a.share * b.share) AS dot
            FROM profile AS a JOIN profile AS b ON a.sector = b.sector AND b.city_id <> a.city_id
            WHERE a.city_id = ?
            GROUP BY b.city_id
        ),
        focus AS (SELECT city_id, country FROM cities WHERE city_id = ?)
        SELECT c.city_id, c.name_de, c.name_en, c.name_zh, c.country,
               coalesce(d.dot / nullif(nf.norm * np.norm, 0), 0) AS cosine,
               coalesce((SELECT list(s.sector ORDER BY s.sector) FROM strong AS s WHERE s.city_id = c.city_id
                         AND s.sector IN (SELECT sector FROM strong WHERE city_id = f.city_id)), []) AS shared,
               coalesce((SELECT list(w.sector ORDER BY w.sector) FROM wishes AS w WHERE w.city_id = f.city_id
                         AND w.sector IN (SELECT sector FROM strong WHERE city_id = c.city_id)), []) AS focus_gets,
               coalesce((SELECT list(w.sector ORDER BY w.sector) FROM wishes AS w WHERE w.city_id = c.city_id
                         AND w.sector IN (SELECT sector FROM strong WHERE city_id = f.city_id)), [])
                   AS partner_gets
        FROM cities AS c
        CROSS JOIN focus AS f
        LEFT JOIN dot AS d ON d.city_id = c.city_id
        LEFT JOIN norms AS nf ON nf.city_id = f.city_id
        LEFT JOIN norms AS np ON np.city_id = c.city_id
        WHERE c.city_id <> f.city_id AND (NOT ? OR c.country <> f.country)
        """,
        [STRONG_LQ, focus, focus, other_country_only],
    ).df()
    if rows.empty:
        return rows
    cap = weights.cap
    rows["score"] = (
        weights.cosine * rows["cosine"]
        + weights.complement * ((rows["focus_gets"].map(len) + rows["partner_gets"].map(len)).clip(upper=cap) / cap)
        + weights.shared * (rows["shared"].map(len).clip(upper=cap) / cap)
    )
    rows["reasons"] = [_partner_reasons(r) for r in rows.itertuples()]
    rows = rows.rename(columns={"city_id": "partner_id", "name_de": "partner_de", "name_en": "partner_en",
                                "name_zh": "partner_zh"})
    return rows.sort_values(["score", "partner_id"], ascending=[False, True], ignore_index=True)


def branche_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The Branchen in display order: branche_id, name_de, name_en, name_zh."""
    return con.execute("SELECT branche_id, name_de, name_en, name_zh FROM branchen ORDER BY sort_order").df()


def sector_names(con: duckdb.DuckDBPyConnection, level: str) -> dict[str, dict[str, str]]:
    """{code: {"de": ..., "en": ..., "zh": ...}} for the sectors of ``level``."""
    _level_column(level)
    return {code: {"de": de, "en": en, "zh": zh}
            for code, de, en, zh, _ in con.execute(_sector_names_sql(level)).fetchall()}


def reference_names(con: duckdb.DuckDBPyConnection) -> Names:
    """The names of every id results carry, for alliance.i18n: Branchen and NACE codes of every level
    (a group or class without a Chinese name takes its division's) and cities, in de/en/zh."""
    sectors = con.execute(
        "SELECT branche_id, name_de, name_en, name_zh FROM branchen UNION ALL "
        "SELECT n.code, n.name_de, n.name_en, coalesce(n.name_zh, d.name_zh) FROM nace AS n "
        "LEFT JOIN nace AS d ON d.code = left(n.code, 2) AND d.level = 'division'"
    ).fetchall()
    cities = con.execute("SELECT city_id, name_de, name_en, name_zh FROM cities").fetchall()
    return Names(sectors={code: {"de": de, "en": en, "zh": zh} for code, de, en, zh in sectors},
                 cities={city: {"de": de, "en": en, "zh": zh} for city, de, en, zh in cities})


def _partner_reasons(row) -> list[Reason]:
    """Why a partner city is ranked: its profile similarity, then the sectors shared or complementing."""
    reasons: list[Reason] = [("similarity", {"cosine": float(row.cosine)})]
    for token, codes in (("shared", row.shared), ("strong_in_wishes", row.focus_gets),
                         ("seeks_strengths", row.partner_gets)):
        if len(codes):
            reasons.append((token, {"sectors": [str(c) for c in codes]}))
    return reasons


def sme_opportunities(
    con: duckdb.DuckDBPyConnection, focus: str = "mainz", level: str = "branche", basis: str = "employees",
    include_samples: bool = True,
) -> pd.DataFrame:
    """For each sector in which ``focus`` has SMEs: the cities of the other country strong in it
    (declared strength or LQ >= 1.25 over the alliance), with their companies and SMEs counted.

    Columns: sector, sector_de, sector_en, sector_zh, focus_smes, partner_id, partner_de, partner_en,
    partner_zh, partner_lq, partner_companies, partner_smes, declared. Sorted by focus_smes, then partner_lq.
    """
    return con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples)}),
        declared AS ({_declared_sql(level)}),
        focus AS (SELECT city_id, country FROM cities WHERE city_id = ?),
        focus_sectors AS (SELECT m.sector, m.smes FROM m JOIN focus USING (city_id) WHERE m.smes > 0),
        candidates AS (
            SELECT c.city_id, c.name_de, c.name_en, c.name_zh, fs.sector, fs.smes AS focus_smes, m.lq_alliance,
                   coalesce(m.companies, 0) AS companies, coalesce(m.smes, 0) AS smes,
                   coalesce(d.strength, false) AS declared
            FROM focus_sectors AS fs
            CROSS JOIN cities AS c
            LEFT JOIN m ON m.city_id = c.city_id AND m.sector = fs.sector
            LEFT JOIN declared AS d ON d.city_id = c.city_id AND d.sector = fs.sector
            WHERE c.country <> (SELECT country FROM focus)
        )
        SELECT k.sector, s.name_de AS sector_de, s.name_en AS sector_en, s.name_zh AS sector_zh, k.focus_smes,
               k.city_id AS partner_id, k.name_de AS partner_de, k.name_en AS partner_en, k.name_zh AS partner_zh,
               k.lq_alliance AS partner_lq, k.companies AS partner_companies, k.smes AS partner_smes, k.declared
        FROM candidates AS k
        LEFT JOIN ({_sector_names_sql(level)}) AS s ON s.code = k.sector
        WHERE k.declared OR k.lq_alliance >= ?
        ORDER BY k.focus_smes DESC, k.sector, k.lq_alliance DESC NULLS LAST, k.city_id
        """,
        [focus, STRONG_LQ],
    ).df()
