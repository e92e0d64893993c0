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
from alliance.scope import records

STRONG_LQ = 1.25
LEVELS = ("branche", "section", "division")
# companies: counts; employees: headcounts of the companies; employees_local: the same without the
# figures that count a whole group at its head office (employees_scope = 'group'); official: the
# published structure (city_sector_stats), at the NACE section level only.
BASES = ("employees", "employees_local", "companies", "official")
OFFICIAL_LEVELS = ("section",)
SCOPES = ("alliance", "CN", "DE")
MEASURE_PREFERENCE = ("employees", "value_added", "establishments", "revenue")
# Partitions of the economy into published sectors, finest first: the A*10 aggregation of the German
# national accounts (Regionaldatenbank 13111-07-05-4 publishes exactly these) and the three sectors
# (三次产业) the Chinese bulletins publish. A city's official profile uses a partition it publishes completely,
# so that shares do not count a sector twice (C lies in B-E, B-E in B-F); two cities compare on the finest
# partition both publish.
OFFICIAL_PARTITIONS = (
    ("A", "B-E", "F", "G-I", "J", "K", "L", "M-N", "O-Q", "R-U"),
    ("A", "B-F", "G-U"),
)
# Names of the groups of sections as the statistical offices publish them (Destatis VGR der Länder,
# A*10; 国家统计局 三次产业划分规定): reference data like the names in the nace table.
SECTION_GROUPS = {
    "B-E": ("Produzierendes Gewerbe ohne Baugewerbe", "Industry (except construction)", "工业"),
    "B-F": ("Produzierendes Gewerbe", "Industry including construction", "第二产业"),
    "G-I": ("Handel, Verkehr, Gastgewerbe", "Trade, transport, accommodation and food", "批发零售、交通运输、住宿餐饮"),
    "G-U": ("Dienstleistungsbereiche", "Services", "第三产业"),
    "M-N": ("Unternehmensdienstleister", "Professional, scientific and support services", "专业技术和商务服务"),
    "O-Q": ("Öffentliche Dienstleister, Erziehung, Gesundheit", "Public services, education, health",
            "公共管理、教育、卫生"),
    "R-U": ("Sonstige Dienstleister", "Other services", "其他服务"),
}


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")


def _check_basis(basis: str, level: str) -> None:
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}, not {basis!r}")
    if basis == "official" and level not in OFFICIAL_LEVELS:
        raise ValueError(f"the official basis exists at the levels {OFFICIAL_LEVELS}, not {level!r}")


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}, not {scope!r}")


def has_official_structure(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any city has a published structure the official basis can use."""
    return bool(con.execute(f"SELECT count(*) FROM ({official_structure_sql()})").fetchall()[0][0])


def bases_for(level: str) -> tuple[str, ...]:
    """The bases a level can be measured on."""
    _check_level(level)
    return BASES if level in OFFICIAL_LEVELS else tuple(b for b in BASES if b != "official")


def _sector_names_sql(level: str) -> str:
    """A relation (code, name_de, name_en, name_zh, sort_order) of the sectors of ``level``."""
    if level == "branche":
        return "SELECT branche_id AS code, name_de, name_en, name_zh, sort_order FROM branchen"
    if level == "section":  # NACE sections, and the groups of sections statistical offices publish (B-E, G-I)
        named = ", ".join(f"('{code}', '{de} ({code})', '{en} ({code})', '{zh}（{code}）')"
                          for code, (de, en, zh) in SECTION_GROUPS.items())  # constants, no user input
        return ("SELECT code, name_de, name_en, name_zh, ascii(code) AS sort_order FROM nace WHERE level = 'section' "
                "UNION ALL SELECT DISTINCT s.nace_code, coalesce(g.de, 'NACE ' || s.nace_code), "
                "coalesce(g.en, 'NACE ' || s.nace_code), coalesce(g.zh, 'NACE ' || s.nace_code), "
                "ascii(s.nace_code) + 0.5 FROM city_sector_stats AS s "
                f"LEFT JOIN (VALUES {named}) AS g (code, de, en, zh) ON g.code = s.nace_code "
                "WHERE s.level = 'sections'")
    return ("SELECT code, name_de, name_en, name_zh, CAST(code AS INTEGER) AS sort_order FROM nace "
            "WHERE level = 'division'")


def _matrix_sql(level: str, include_samples: bool = True) -> str:
    """city_sector_matrix (its documented rows only, without samples) with ``sector`` at ``level`` (a
    division's section through the NACE table)."""
    matrix = records("city_sector_matrix", include_samples)
    if level == "branche":
        return f"SELECT *, branche_id AS sector FROM {matrix} AS m"
    if level == "section":
        return (f"SELECT m.*, coalesce(n.section, 'X') AS sector FROM {matrix} AS m "
                "LEFT JOIN nace AS n ON n.code = m.nace_division AND n.level = 'division'")
    return f"SELECT *, nace_division AS sector FROM {matrix} AS m"


# The value each company basis weighs a city-sector cell with (columns of city_sector_matrix).
COMPANY_WEIGHTS = {"employees": "employees", "employees_local": "employees - group_employees",
                   "companies": "companies"}


def official_structure_sql() -> str:
    """Per city the one published structure the official basis uses: among the (measure, year, scope)
    combinations that publish a TOTAL and at least one NACE section or group of sections, the preferred measure
    (MEASURE_PREFERENCE: employees first), then the one with most sectors, then the latest year.
    Columns: city_id, measure, year, scope, total, sections (count)."""
    ranks = ", ".join(f"('{m}', {i})" for i, m in enumerate(MEASURE_PREFERENCE))
    return f"""
        SELECT city_id, measure, year, scope, total, sections FROM (
            SELECT city_id, measure, year, scope, max(value) FILTER (WHERE level = 'total') AS total,
                   count(*) FILTER (WHERE level IN ('section', 'sections')) AS sections
            FROM city_sector_stats GROUP BY ALL
        ) AS s JOIN (VALUES {ranks}) AS r (measure, measure_rank) USING (measure)
        WHERE total > 0 AND sections > 0
        QUALIFY row_number() OVER (PARTITION BY city_id
                                   ORDER BY measure_rank, sections DESC, year DESC, scope) = 1
    """


def measures_sql(level: str, basis: str, include_samples: bool = True, smes_only: bool = False) -> str:
    """Per city and sector: companies, SMEs, employees, ``weight`` (the basis value), ``total`` (the city's
    total on the basis) and the LQ over the alliance and each country. With ``smes_only`` every company
    measure counts SMEs only.

    On the official basis, weight is the published value of the section and the city's total is the
    published TOTAL (not the sum of the sections shown); the LQ over the alliance compares only cities
    whose structure counts the same measure (employees with employees, value added with value added).
    Parameters: none; the flags only select literal SQL.
    """
    _check_level(level)
    _check_basis(basis, level)
    if basis == "official":
        return _official_measures_sql()
    companies, employees, group = (("smes", "sme_employees", "sme_group_employees") if smes_only
                                   else ("companies", "employees", "group_employees"))
    weight = COMPANY_WEIGHTS[basis]
    shown = "weight" if basis == "employees_local" else "employees"  # the employees the basis counts
    return f"""
        WITH cell AS (
            SELECT city_id, country, sector, sum({companies}) AS companies, sum(smes) AS smes,
                   sum({employees}) AS employees, sum({group}) AS group_employees,
                   coalesce(sum({companies}) FILTER (WHERE is_sample), 0) AS sample_companies
            FROM ({_matrix_sql(level, include_samples)})
            GROUP BY ALL
        ),
        shares AS (
            SELECT *, {weight} AS weight,
                   sum({weight}) OVER (PARTITION BY city_id) AS e_city,
                   sum({weight}) OVER (PARTITION BY sector) AS e_sector_alliance,
                   sum({weight}) OVER () AS e_alliance,
                   sum({weight}) OVER (PARTITION BY country, sector) AS e_sector_country,
                   sum({weight}) OVER (PARTITION BY country) AS e_country
            FROM cell
        )
        SELECT city_id, country, sector, companies, smes, {shown} AS employees, sample_companies, weight,
               e_city AS total, CAST(NULL AS VARCHAR) AS official_measure, CAST(NULL AS INTEGER) AS official_year,
               (weight / nullif(e_city, 0)) / nullif(e_sector_alliance / nullif(e_alliance, 0), 0) AS lq_alliance,
               (weight / nullif(e_city, 0)) / nullif(e_sector_country / nullif(e_country, 0), 0) AS lq_country
        FROM shares
    """


def _official_measures_sql() -> str:
    """LQ(c, s) = (V(c, s) / T(c)) / (sum V(k, s) / sum T(k)) over the cities k of the scope that publish
    sector s in the same measure, with V the published value and T the city's published TOTAL. Sectors are
    sections or the groups of sections as published (B-F, G-I), so they may overlap (C lies in B-E)."""
    return f"""
        WITH pick AS ({official_structure_sql()}),
        cell AS (
            SELECT s.city_id, c.country, s.nace_code AS sector, s.value AS weight, p.total, p.measure, p.year
            FROM city_sector_stats AS s
            JOIN pick AS p ON p.city_id = s.city_id AND p.measure = s.measure AND p.year = s.year
                          AND p.scope = s.scope
            JOIN cities AS c ON c.city_id = s.city_id
            WHERE s.level IN ('section', 'sections')
        ),
        shares AS (
            SELECT *,
                   sum(weight) OVER (PARTITION BY measure, sector) AS v_alliance,
                   sum(total) OVER (PARTITION BY measure, sector) AS t_alliance,
                   sum(weight) OVER (PARTITION BY measure, country, sector) AS v_country,
                   sum(total) OVER (PARTITION BY measure, country, sector) AS t_country
            FROM cell
        )
        SELECT city_id, country, sector, CAST(NULL AS HUGEINT) AS companies, CAST(NULL AS HUGEINT) AS smes,
               CASE WHEN measure = 'employees' THEN weight END AS employees, 0 AS sample_companies, weight, total,
               measure AS official_measure, year AS official_year,
               (weight / total) / nullif(v_alliance / t_alliance, 0) AS lq_alliance,
               (weight / total) / nullif(v_country / t_country, 0) AS lq_country
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
        elif level == "section":
            clauses.append("m.sector IN (SELECT n.section FROM nace_branche AS nb JOIN nace AS n ON n.code = "
                           "nb.nace_division AND n.level = 'division' WHERE list_contains(?, nb.branche_id))")
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
    sector = {"branche": "coalesce(nb.branche_id, 'other')", "section": "coalesce(n.section, 'X')",
              "division": "cs.nace_division"}[level]
    return f"""
        SELECT cs.city_id, {sector} AS sector,
               bool_or(cs.kind = 'strength') AS strength, bool_or(cs.kind = 'wish') AS wish
        FROM city_sectors AS cs LEFT JOIN nace_branche AS nb ON nb.nace_division = cs.nace_division
        LEFT JOIN nace AS n ON n.code = cs.nace_division AND n.level = 'division'
        GROUP BY ALL
    """


def declared_vs_measured(
    con: duckdb.DuckDBPyConnection, level: str = "branche", basis: str = "employees", scope: str = "alliance",
    include_samples: bool = True,
) -> pd.DataFrame:
    """Every city-sector pair that is declared or measured strong, with the finding where they disagree.

    finding: ``declared_not_measured`` (declared strength, LQ < 1 or no companies in the data),
    ``measured_not_declared`` (LQ >= 1.25, not declared), ``not_published`` (official basis: the city's
    official structure does not publish the declared sector on its own, so there is no LQ to compare), or
    empty when both agree: a token, shown through the catalogue key ``finding.<token>``. On the official
    basis ``companies`` is empty (the basis counts no companies). Columns: city_id, city_de, city_en, city_zh,
    country, sector, sector_de, sector_en, sector_zh, companies, lq, declared_strength, declared_wish, finding.
    """
    _check_scope(scope)
    lq = "lq_alliance" if scope == "alliance" else "lq_country"
    official = basis == "official"
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
               s.name_en AS sector_en, s.name_zh AS sector_zh,
               {"CAST(NULL AS HUGEINT)" if official else "coalesce(p.companies, 0)"} AS companies,
               p.lq, p.declared_strength, p.declared_wish,
               CASE WHEN {"p.lq IS NULL" if official else "false"} THEN 'not_published'
                    WHEN p.declared_strength AND coalesce(p.lq, 0) < 1 THEN 'declared_not_measured'
                    WHEN NOT p.declared_strength AND p.lq >= ? THEN 'measured_not_declared'
                    ELSE '' END AS finding
        FROM pairs AS p
        JOIN cities AS c USING (city_id)
        LEFT JOIN ({_sector_names_sql(level)}) AS s ON s.code = p.sector
        WHERE p.declared_strength OR p.lq >= ?
        ORDER BY c.country, c.name_de, s.sort_order
        """,
        [STRONG_LQ, STRONG_LQ],
    ).df().astype({"lq": "float64"})


@dataclass(frozen=True)
class PartnerWeights:
    """Weights of the partner score's components (each 0-100); counts are capped at ``cap`` (sectors) and
    ``ties_cap`` (projects) before they are scaled to 0-100."""

    similarity: float = 0.4
    complement: float = 0.25
    shared: float = 0.15
    ties: float = 0.2
    cap: int = 3
    ties_cap: int = 2


COMPONENTS = ("similarity", "complement", "shared", "ties")


def _profile_sql(basis: str) -> str:
    """Per city the sector shares its profile consists of: (city_id, part, sector, share), from the relation
    ``m`` (measures_sql) in scope. Company bases: part 0, share = weight / sum of the city's weights. Official
    basis: for each partition of OFFICIAL_PARTITIONS (part 1, 2, ...) that the city publishes completely,
    share = V(c, s) / T(c), the published value over the published total."""
    if basis != "official":
        return """SELECT city_id, 0 AS part, sector,
                         weight / nullif(sum(weight) OVER (PARTITION BY city_id), 0) AS share
                  FROM m WHERE weight > 0"""
    parts = ", ".join(f"({i}, '{code}', {len(codes)})" for i, codes in enumerate(OFFICIAL_PARTITIONS, start=1)
                      for code in codes)  # constants
    return f"""
        SELECT city_id, part, sector, share FROM (
            SELECT m.city_id, x.part, m.sector, m.weight / m.total AS share,
                   count(*) OVER (PARTITION BY m.city_id, x.part) AS published, x.size
            FROM m JOIN (VALUES {parts}) AS x (part, sector, size) ON x.sector = m.sector
            WHERE m.total > 0
        ) WHERE published = size
    """


def partner_ranking(
    con: duckdb.DuckDBPyConnection,
    focus: str = "mainz",
    level: str = "branche",
    basis: str = "employees",
    other_country_only: bool = True,
    weights: PartnerWeights = PartnerWeights(),
    include_samples: bool = True,
) -> pd.DataFrame:
    """Partner cities of ``focus`` ranked by overlap, complementarity and existing ties, each reason spelled out.

    Components, each on a 0-100 scale:

    - similarity = 100 * cos(a, b), the cosine of the two cities' sector profiles (``basis`` by sector):
      cos(a, b) = sum_s a_s b_s / (|a| |b|); 0 when a city has no data on the basis.
    - complement = 100 * min(|focus_gets| + |partner_gets|, cap) / cap, where focus_gets are the focus
      city's declared wishes in which the partner is strong and partner_gets the reverse; strong means a
      declared strength or LQ >= 1.25 over the alliance.
    - shared = 100 * min(|shared|, cap) / cap, the sectors in which both are strong.
    - ties = 100 * min(projects, ties_cap) / ties_cap, the documented projects (not samples, not cancelled)
      between the two cities.

    score = sum_k w_k * component_k (0-100); ``<k>_part`` = w_k * component_k / score is a component's share.
    Ties in the score are broken by city_id. Columns: partner_id, partner_de, partner_en, partner_zh,
    country, cosine, shared, focus_gets, partner_gets (lists of sector codes of ``level``), projects,
    project_titles, the four components, score, the four ``<k>_part``, and reasons: (token, args) for
    alliance.i18n.explain(): ("similarity", {cosine}) or ("no_profile", {}) when the partner has no data on the
    basis (no official structure, say), ("ties", {n, projects}), ("shared", {sectors}),
    ("strong_in_wishes", {sectors}) and ("seeks_strengths", {sectors}) where not empty.
    """
    rows = con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples)}),
        declared AS ({_declared_sql(level)}),
        strong AS (
            SELECT city_id, sector FROM m WHERE lq_alliance >= $strong
            UNION SELECT city_id, sector FROM declared WHERE strength
        ),
        wishes AS (SELECT city_id, sector FROM declared WHERE wish),
        profile AS ({_profile_sql(basis)}),
        norms AS (SELECT city_id, part, sqrt(sum(share * share)) AS norm FROM profile GROUP BY ALL),
        pair AS (  -- the finest partition both the focus city and the other city publish
            SELECT b.city_id, min(b.part) AS part
            FROM norms AS a JOIN norms AS b ON a.part = b.part AND b.city_id <> a.city_id
            WHERE a.city_id = $focus GROUP BY b.city_id
        ),
        dot AS (
            SELECT b.city_id, sum(a.share * b.share) AS dot
            FROM profile AS a JOIN profile AS b ON a.sector = b.sector AND a.part = b.part AND b.city_id <> a.city_id
            JOIN pair ON pair.city_id = b.city_id AND pair.part = b.part
            WHERE a.city_id = $focus
            GROUP BY b.city_id
        ),
        ties AS (
            SELECT CASE WHEN cn_city_id = $focus THEN de_city_id ELSE cn_city_id END AS city_id,
                   count(*) AS projects, list(title ORDER BY start_date NULLS LAST, project_id) AS project_titles
            FROM projects
            WHERE $focus IN (cn_city_id, de_city_id) AND NOT is_sample AND status <> 'cancelled'
            GROUP BY ALL
        ),
        focus AS (SELECT city_id, country FROM cities WHERE city_id = $focus)
        SELECT c.city_id, c.name_de, c.name_en, c.name_zh, c.country,
               coalesce(d.dot / nullif(nf.norm * np.norm, 0), 0) AS cosine,
               coalesce((SELECT list(s.sector ORDER BY s.sector) FROM strong AS s WHERE s.city_id = c.city_id
                         AND s.sector IN (SELECT sector FROM strong WHERE city_id = f.city_id)), []) AS shared,
               coalesce((SELECT list(w.sector ORDER BY w.sector) FROM wishes AS w WHERE w.city_id = f.city_id
                         AND w.sector IN (SELECT sector FROM strong WHERE city_id = c.city_id)), []) AS focus_gets,
               coalesce((SELECT list(w.sector ORDER BY w.sector) FROM wishes AS w WHERE w.city_id = c.city_id
                         AND w.sector IN (SELECT sector FROM strong WHERE city_id = f.city_id)), [])
                   AS partner_gets,
               coalesce(t.projects, 0) AS projects, coalesce(t.project_titles, []) AS project_titles,
               np.norm IS NOT NULL AS has_profile
        FROM {records("cities", include_samples)} AS c
        CROSS JOIN focus AS f
        LEFT JOIN pair ON pair.city_id = c.city_id
        LEFT JOIN dot AS d ON d.city_id = c.city_id
        LEFT JOIN norms AS nf ON nf.city_id = f.city_id AND nf.part = pair.part
        LEFT JOIN norms AS np ON np.city_id = c.city_id AND np.part = pair.part
        LEFT JOIN ties AS t ON t.city_id = c.city_id
        WHERE c.city_id <> f.city_id AND (NOT $other_country OR c.country <> f.country)
        """,
        {"strong": STRONG_LQ, "focus": focus, "other_country": other_country_only},
    ).df()
    if rows.empty:
        return rows
    cap = weights.cap
    rows["similarity"] = 100 * rows["cosine"]
    rows["complement"] = 100 * (rows["focus_gets"].map(len) + rows["partner_gets"].map(len)).clip(upper=cap) / cap
    rows["shared_score"] = 100 * rows["shared"].map(len).clip(upper=cap) / cap
    rows["ties"] = 100 * rows["projects"].clip(upper=weights.ties_cap) / weights.ties_cap
    parts = {k: getattr(weights, k) * rows["shared_score" if k == "shared" else k] for k in COMPONENTS}
    rows["score"] = sum(parts.values())
    for k, part in parts.items():
        rows[f"{k}_part"] = (part / rows["score"].where(rows["score"] > 0)).fillna(0.0)
    rows["reasons"] = [_partner_reasons(r) for r in rows.itertuples()]
    rows = rows.rename(columns={"city_id": "partner_id", "name_de": "partner_de", "name_en": "partner_en",
                                "name_zh": "partner_zh"})
    return rows.sort_values(["score", "partner_id"], ascending=[False, True], ignore_index=True)


def has_wishes(con: duckdb.DuckDBPyConnection, city_id: str) -> bool:
    """Whether the city has declared what it seeks (any wish in city_sectors)."""
    return bool(con.execute("SELECT count(*) FROM city_sectors WHERE city_id = ? AND kind = 'wish'",
                            [city_id]).fetchall()[0][0])


def partner_profiles(
    con: duckdb.DuckDBPyConnection, focus: str, partner: str, level: str = "branche", basis: str = "employees",
    include_samples: bool = True,
) -> pd.DataFrame:
    """The "why" of a partner: both cities' sector profiles side by side, one row per sector either has.

    Columns: sector, sector_de, sector_en, sector_zh, sort_order, focus_share, partner_share (the sector's share
    of the city's basis, 0-1; 0 where the city has none), focus_lq, partner_lq (over the alliance),
    focus_strong, partner_strong, focus_wish, partner_wish. Sorted by the larger share, descending."""
    return con.execute(
        f"""
        WITH m AS ({measures_sql(level, basis, include_samples)}),
        declared AS ({_declared_sql(level)}),
        profile AS (SELECT * FROM ({_profile_sql(basis)}) WHERE city_id IN ($focus, $partner)),
        chosen AS (  -- the partition the pair compares on (as in partner_ranking), else the focus city's finest
            SELECT coalesce(
                (SELECT min(a.part) FROM profile AS a JOIN profile AS b ON a.part = b.part
                 WHERE a.city_id = $focus AND b.city_id = $partner),
                (SELECT min(part) FROM profile WHERE city_id = $focus),
                (SELECT min(part) FROM profile)) AS part
        ),
        p AS (
            SELECT pr.city_id, pr.sector, m.lq_alliance, pr.share
            FROM profile AS pr JOIN chosen ON chosen.part = pr.part
            JOIN m ON m.city_id = pr.city_id AND m.sector = pr.sector
        ),
        sectors AS (  -- declared sectors too, unless the official partition publishes them only in a group
            SELECT DISTINCT sector FROM p
            {"" if basis == "official" else "UNION SELECT sector FROM declared WHERE city_id IN ($focus, $partner)"}
        )
        SELECT x.sector, n.name_de AS sector_de, n.name_en AS sector_en, n.name_zh AS sector_zh, n.sort_order,
               coalesce(pf.share, 0) AS focus_share, coalesce(pp.share, 0) AS partner_share,
               pf.lq_alliance AS focus_lq, pp.lq_alliance AS partner_lq,
               coalesce(df.strength, false) OR coalesce(pf.lq_alliance >= $strong, false) AS focus_strong,
               coalesce(dp.strength, false) OR coalesce(pp.lq_alliance >= $strong, false) AS partner_strong,
               coalesce(df.wish, false) AS focus_wish, coalesce(dp.wish, false) AS partner_wish
        FROM sectors AS x
        LEFT JOIN p AS pf ON pf.sector = x.sector AND pf.city_id = $focus
        LEFT JOIN p AS pp ON pp.sector = x.sector AND pp.city_id = $partner
        LEFT JOIN declared AS df ON df.sector = x.sector AND df.city_id = $focus
        LEFT JOIN declared AS dp ON dp.sector = x.sector AND dp.city_id = $partner
        LEFT JOIN ({_sector_names_sql(level)}) AS n ON n.code = x.sector
        ORDER BY greatest(focus_share, partner_share) DESC, n.sort_order
        """,
        {"focus": focus, "partner": partner, "strong": STRONG_LQ},
    ).df()


def branche_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The Branchen in display order: branche_id, name_de, name_en, name_zh."""
    return con.execute("SELECT branche_id, name_de, name_en, name_zh FROM branchen ORDER BY sort_order").df()


def sector_names(con: duckdb.DuckDBPyConnection, level: str) -> dict[str, dict[str, str]]:
    """{code: {"de": ..., "en": ..., "zh": ...}} for the sectors of ``level``."""
    _check_level(level)
    return {code: {"de": de, "en": en, "zh": zh}
            for code, de, en, zh, _ in con.execute(_sector_names_sql(level)).fetchall()}


def reference_names(con: duckdb.DuckDBPyConnection) -> Names:
    """The names of every id results carry, for alliance.i18n: Branchen, NACE codes of every level
    (a group or class without a Chinese name takes its division's), the published groups of sections
    (SECTION_GROUPS: B-F, G-U, ...) and cities, in de/en/zh."""
    sectors = con.execute(
        "SELECT branche_id, name_de, name_en, name_zh FROM branchen UNION ALL "
        "SELECT n.code, n.name_de, n.name_en, coalesce(n.name_zh, d.name_zh) FROM nace AS n "
        "LEFT JOIN nace AS d ON d.code = left(n.code, 2) AND d.level = 'division'"
    ).fetchall()
    cities = con.execute("SELECT city_id, name_de, name_en, name_zh FROM cities").fetchall()
    groups = [(code, de, en, zh) for code, (de, en, zh) in SECTION_GROUPS.items()]
    return Names(sectors={code: {"de": de, "en": en, "zh": zh} for code, de, en, zh in [*sectors, *groups]},
                 cities={city: {"de": de, "en": en, "zh": zh} for city, de, en, zh in cities})


def _partner_reasons(row) -> list[Reason]:
    """Why a partner city is ranked: its profile similarity, then the sectors shared or complementing."""
    reasons: list[Reason] = [("similarity", {"cosine": float(row.cosine)}) if row.has_profile
                             else ("no_profile", {})]
    if row.projects:
        reasons.append(("ties", {"n": int(row.projects), "projects": [str(x) for x in row.project_titles]}))
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


def sme_count(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True) -> dict[str, int]:
    """The city's SMEs in the data: {"documented": n, "samples": m} (samples counted even when left out,
    so that a page can say they are hidden); with ``include_samples`` False only documented ones count."""
    documented, samples = con.execute(
        "SELECT coalesce(sum(smes) FILTER (WHERE NOT is_sample), 0), coalesce(sum(smes) FILTER (WHERE is_sample), 0) "
        "FROM city_sector_matrix WHERE city_id = ?", [city_id]).fetchall()[0]
    return {"documented": int(documented), "samples": int(samples) if include_samples else 0,
            "hidden_samples": 0 if include_samples else int(samples)}


def official_vs_companies(
    con: duckdb.DuckDBPyConnection, basis: str = "employees", include_samples: bool = True,
    countries: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The official structure beside the company data, per city and published sector (section or group).

    official_share = V(c, s) / T(c) (published value over the published total, see official_structure_sql);
    company_share = the share of ``basis`` (employees, employees_local or companies) of the city's companies
    in the sections s covers. LQs within the country: official_lq as in _official_measures_sql, company_lq =
    company_share(c, s) / (the companies' share of s over all cities of the country). finding:
    ``official_not_companies`` (official LQ >= 1.25, company LQ < 1), ``companies_not_official`` (the
    reverse) or empty. Columns: city_id, city_de, city_en, city_zh, country, sector, sector_de, sector_en,
    sector_zh, sort_order, measure, year, official_share, official_lq, company_share, company_lq, finding.
    """
    if basis == "official":
        raise ValueError("compare the official basis with a company basis: employees, employees_local or companies")
    _check_basis(basis, "section")
    weight = COMPANY_WEIGHTS[basis]
    return con.execute(
        f"""
        WITH official AS ({_official_measures_sql()}),
        covered AS (SELECT DISTINCT nace_code AS sector, sections FROM city_sector_stats),
        comp AS (
            SELECT city_id, country, sector AS section, sum({weight}) AS w
            FROM ({_matrix_sql("section", include_samples)})
            GROUP BY ALL
        ),
        comp_city AS (SELECT city_id, sum(w) AS total FROM comp GROUP BY city_id),
        comp_country AS (SELECT country, section, sum(w) AS w FROM comp GROUP BY ALL),
        comp_country_total AS (SELECT country, sum(w) AS total FROM comp GROUP BY country),
        pairs AS (
            SELECT o.city_id, o.country, o.sector, o.official_measure AS measure, o.official_year AS year,
                   o.lq_country AS official_lq,
                   (SELECT sum(w) FROM comp WHERE comp.city_id = o.city_id AND list_contains(v.sections, comp.section))
                       / nullif((SELECT total FROM comp_city WHERE comp_city.city_id = o.city_id), 0) AS company_share,
                   (SELECT sum(w) FROM comp_country AS k WHERE k.country = o.country
                        AND list_contains(v.sections, k.section))
                       / nullif((SELECT total FROM comp_country_total AS k WHERE k.country = o.country), 0)
                       AS country_share
            FROM official AS o JOIN covered AS v ON v.sector = o.sector
        ),
        shares AS (
            SELECT s.city_id, s.nace_code AS sector, s.value / p.total AS official_share
            FROM city_sector_stats AS s JOIN ({official_structure_sql()}) AS p
                 ON p.city_id = s.city_id AND p.measure = s.measure AND p.year = s.year AND p.scope = s.scope
        )
        SELECT p.city_id, c.name_de AS city_de, c.name_en AS city_en, c.name_zh AS city_zh, p.country, p.sector,
               n.name_de AS sector_de, n.name_en AS sector_en, n.name_zh AS sector_zh, n.sort_order, p.measure,
               p.year, sh.official_share, p.official_lq, coalesce(p.company_share, 0) AS company_share,
               coalesce(p.company_share, 0) / nullif(p.country_share, 0) AS company_lq,
               CASE WHEN p.official_lq >= $strong AND coalesce(p.company_share, 0) / nullif(p.country_share, 0) < 1
                        THEN 'official_not_companies'
                    WHEN coalesce(p.company_share, 0) / nullif(p.country_share, 0) >= $strong AND p.official_lq < 1
                        THEN 'companies_not_official'
                    ELSE '' END AS finding
        FROM pairs AS p
        JOIN cities AS c USING (city_id)
        JOIN shares AS sh ON sh.city_id = p.city_id AND sh.sector = p.sector
        LEFT JOIN ({_sector_names_sql("section")}) AS n ON n.code = p.sector
        WHERE (len($countries) = 0 OR list_contains($countries, p.country))
        ORDER BY p.country, c.name_de, n.sort_order
        """,
        {"strong": STRONG_LQ, "countries": list(countries)},
    ).df()


def structure_coverage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """What official structure each city has: the structure the official basis uses (measure, year, scope,
    sectors, the first source) and all years published. Cities without any row have measure NULL.
    Columns: city_id, city_de, city_en, city_zh, country, measure, year, scope, sectors, source, years."""
    return con.execute(
        f"""
        WITH pick AS ({official_structure_sql()}),
        src AS (
            SELECT s.city_id, first(s.source ORDER BY s.source_row) AS source
            FROM city_sector_stats AS s JOIN pick AS p USING (city_id, measure, year, scope) GROUP BY ALL
        ),
        years AS (SELECT city_id, list(DISTINCT year ORDER BY year) AS years FROM city_sector_stats GROUP BY ALL)
        SELECT c.city_id, c.name_de AS city_de, c.name_en AS city_en, c.name_zh AS city_zh, c.country,
               p.measure, p.year, p.scope, p.sections AS sectors, src.source, coalesce(y.years, []) AS years
        FROM cities AS c LEFT JOIN pick AS p USING (city_id) LEFT JOIN src USING (city_id)
        LEFT JOIN years AS y USING (city_id)
        WHERE NOT c.is_sample
        ORDER BY c.country, c.name_de
        """
    ).df()
