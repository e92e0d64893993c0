"""One city at a glance: where the focus city stands, who to talk to, what it must answer, and what the
data does and does not say about it. Composed from the other modules of alliance/ (no metric of its own
is defined here, except the counts of the coverage):

- membership status and history: alliance/cities.city_profile (the status from v_membership_status);
- documented projects and their partner cities: alliance/projects.project_list;
- best partner cities with their reasons: alliance/sectors.partner_ranking (components 0-100), on the
  official structure (NACE sections) when the focus city has one, else on its companies' employees by
  Branche (``basis_for``);
- sector overlaps for its SMEs: alliance/sectors.sme_opportunities by Branche, one row per sector;
- open admission procedures it must answer: alliance/membership.open_procedures, those whose circular
  reached the focus city and where its answer is outstanding;
- coverage: the official structure (sectors.structure_coverage), companies documented and sample, SMEs,
  employee figures with a year, quality notes about the city, its companies and projects; and ``gaps``,
  reason tokens for what is missing (catalogue keys ``focus.gap.<token>``).

Every part honours ``include_samples``; sample rows carry ``is_sample``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from alliance import cities, membership, projects, sectors
from alliance.i18n import Reason
from alliance.scope import records

log = logging.getLogger(__name__)

TOP_PARTNERS = 5
TOP_OVERLAPS = 6
PARTNERS_PER_OVERLAP = 3
FEW_COMPANIES = 5  # fewer documented companies than this: a gap worth naming


@dataclass(frozen=True)
class Coverage:
    """What the data holds about the city. ``official``: the structure the official basis uses (measure,
    year, scope, sectors published, source) or None; counts of companies and SMEs, documented and sample."""

    official: dict | None
    official_years: list[int]
    companies: int
    sample_companies: int
    smes: int
    sample_smes: int
    with_year: int  # documented companies whose employee figure names its year
    with_website: int
    projects: int
    sample_projects: int
    notes: pd.DataFrame  # subject_table, subject_id, field, note, sources


@dataclass
class FocusBrief:
    """Everything the focus page shows for one city; ids, codes, numbers and reason tokens only."""

    city_id: str
    facts: dict  # the city's row with status and member_since (see cities.city_profile)
    level: str   # the sector level and basis the partner ranking used
    basis: str
    history: pd.DataFrame  # date, event, actor_city_id, actor_de, actor_zh, note, source, is_sample
    projects: pd.DataFrame  # project_list columns plus partner_id
    partners: pd.DataFrame  # partner_id, partner_de, partner_zh, projects, documented, samples, volume_eur_m
    best_partners: pd.DataFrame  # partner_ranking's top rows
    overlaps: pd.DataFrame  # sector, sector_de/en/zh, focus_smes, partner_ids (list), best_lq
    to_answer: pd.DataFrame  # open_procedures rows in which the focus city's answer is outstanding
    open_procedures: int     # all open procedures (to_answer are among them)
    coverage: Coverage
    gaps: list[Reason] = field(default_factory=list)


def basis_for(con: duckdb.DuckDBPyConnection, city_id: str) -> tuple[str, str]:
    """(level, basis) of the focus city's partner ranking: NACE sections on the official structure when
    the city has one usable for it (a total and sections, sectors.official_structure_sql; the basis a
    committee can defend), else Branchen on its companies' employees."""
    usable = con.execute(f"SELECT count(*) FROM ({sectors.official_structure_sql()}) WHERE city_id = ?",
                         [city_id]).fetchall()[0][0]
    return ("section", "official") if usable else ("branche", "employees")


def focus_brief(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True,
                at: date | None = None, top: int = TOP_PARTNERS) -> FocusBrief:
    """The focus city's brief (KeyError for an unknown city, or a sample city without samples)."""
    profile = cities.city_profile(con, city_id, include_samples=include_samples)
    level, basis = basis_for(con, city_id)
    own = city_projects(con, city_id, include_samples)
    procedures = membership.open_procedures(con, at, include_samples=include_samples)
    to_answer = awaiting_answer(procedures, city_id)
    ranking = sectors.partner_ranking(con, focus=city_id, level=level, basis=basis, include_samples=include_samples)
    brief = FocusBrief(
        city_id=city_id, facts=profile.facts, level=level, basis=basis, history=profile.history, projects=own,
        partners=project_partners(own), best_partners=ranking.head(top).reset_index(drop=True),
        overlaps=sme_overlaps(con, city_id, include_samples),
        to_answer=to_answer, open_procedures=len(procedures), coverage=coverage(con, city_id, include_samples),
    )
    brief.gaps = gaps(brief, has_wishes=sectors.has_wishes(con, city_id),
                      has_strengths=bool((profile.strengths["kind"] == "strength").any()))
    log.info("focus brief for %s: %d partners, %d projects, %d gaps", city_id, len(brief.best_partners),
             len(own), len(brief.gaps))
    return brief


def city_projects(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True) -> pd.DataFrame:
    """The city's projects (project_list, newest first), with ``partner_id``: the city on the other side."""
    rows = projects.project_list(con, projects.ProjectFilter(cities=(city_id,), include_samples=include_samples))
    rows["partner_id"] = rows["de_city_id"].where(rows["cn_city_id"] == city_id, rows["cn_city_id"])
    rows["partner_de"] = rows["de_city_de"].where(rows["cn_city_id"] == city_id, rows["cn_city_de"])
    rows["partner_zh"] = rows["de_city_zh"].where(rows["cn_city_id"] == city_id, rows["cn_city_zh"])
    return rows


def project_partners(own: pd.DataFrame) -> pd.DataFrame:
    """Partner cities of the projects: projects, documented ones, samples and the known volume
    (million EUR; missing when no project with that partner states one, never a made-up 0), most
    documented projects first."""
    columns = ["partner_id", "partner_de", "partner_zh", "projects", "documented", "samples", "volume_eur_m"]
    if own.empty:
        return pd.DataFrame(columns=columns)
    grouped = own.groupby(["partner_id", "partner_de", "partner_zh"], dropna=False).agg(
        projects=("project_id", "count"), samples=("is_sample", "sum"),
        volume_eur_m=("volume_eur_m", lambda v: float(v.sum(min_count=1)))).reset_index()
    grouped["samples"] = grouped["samples"].astype(int)
    grouped["documented"] = grouped["projects"] - grouped["samples"]
    return grouped.sort_values(["documented", "projects", "partner_id"], ascending=[False, False, True],
                               ignore_index=True)[columns]


def sme_overlaps(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True,
                 top: int = TOP_OVERLAPS, per_sector: int = PARTNERS_PER_OVERLAP) -> pd.DataFrame:
    """The Branchen in which the city has SMEs and cities of the other country are strong
    (sectors.sme_opportunities): one row per Branche with the city's SMEs, the strongest partner cities
    (by LQ, at most ``per_sector``) and the best LQ; most SMEs first."""
    chances = sectors.sme_opportunities(con, focus=city_id, level="branche", basis="employees",
                                        include_samples=include_samples)
    columns = ["sector", "sector_de", "sector_en", "sector_zh", "focus_smes", "partner_ids", "best_lq"]
    if chances.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (sector, de, en, zh), group in chances.groupby(["sector", "sector_de", "sector_en", "sector_zh"],
                                                     sort=False, dropna=False):
        ranked = group.sort_values(["partner_lq", "partner_id"], ascending=[False, True], na_position="last")
        rows.append({"sector": sector, "sector_de": de, "sector_en": en, "sector_zh": zh,
                     "focus_smes": int(group["focus_smes"].iloc[0]),
                     "partner_ids": ranked["partner_id"].head(per_sector).tolist(),
                     "best_lq": float(ranked["partner_lq"].max()) if ranked["partner_lq"].notna().any() else None})
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["focus_smes", "sector"], ascending=[False, True], ignore_index=True).head(top)


def awaiting_answer(procedures: pd.DataFrame, city_id: str) -> pd.DataFrame:
    """The open procedures (membership.open_procedures rows) in which the city was a member at the
    circular and has not answered yet."""
    if procedures.empty:
        return procedures
    waiting = [city_id in list(outstanding) for outstanding in procedures["outstanding"]]
    return procedures[waiting].reset_index(drop=True)


def coverage(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True) -> Coverage:
    """What the data holds about the city (see Coverage). Quality notes: those about the city itself and
    its membership, its companies and its projects."""
    structure = sectors.structure_coverage(con)
    row = structure[structure["city_id"] == city_id]
    official = None
    years: list[int] = []
    if not row.empty:
        first = row.iloc[0]
        years = [int(y) for y in first["years"]]
        if isinstance(first["measure"], str):
            official = {"measure": first["measure"], "year": int(first["year"]), "scope": first["scope"],
                        "sectors": int(first["sectors"]), "source": first["source"]}
    counts = con.execute(
        f"""
        SELECT count(*) FILTER (WHERE NOT is_sample), count(*) FILTER (WHERE is_sample),
               count(*) FILTER (WHERE NOT is_sample AND is_sme), count(*) FILTER (WHERE is_sample AND is_sme),
               count(*) FILTER (WHERE NOT is_sample AND employees_year IS NOT NULL),
               count(*) FILTER (WHERE NOT is_sample AND nullif(trim(website), '') IS NOT NULL)
        FROM {records("v_companies", include_samples)} WHERE city_id = ?
        """,
        [city_id],
    ).fetchall()[0]
    project_counts = con.execute(
        f"SELECT count(*) FILTER (WHERE NOT is_sample), count(*) FILTER (WHERE is_sample) "
        f"FROM {records('projects', include_samples)} WHERE ? IN (cn_city_id, de_city_id)",
        [city_id],
    ).fetchall()[0]
    notes = con.execute(
        f"""
        SELECT subject_table, subject_id, field, note, sources FROM quality_notes
        WHERE (subject_table IN ('cities', 'memberships') AND subject_id = $city)
           OR (subject_table = 'companies' AND subject_id IN
               (SELECT company_id FROM {records("companies", include_samples)} WHERE city_id = $city))
           OR (subject_table = 'projects' AND subject_id IN
               (SELECT project_id FROM {records("projects", include_samples)} WHERE $city IN (cn_city_id, de_city_id)))
        ORDER BY source_row
        """,
        {"city": city_id},
    ).df()
    return Coverage(official, years, *(int(v or 0) for v in counts), *(int(v or 0) for v in project_counts),
                    notes=notes)


def gaps(brief: FocusBrief, has_wishes: bool, has_strengths: bool) -> list[Reason]:
    """What is missing for the city, as reason tokens (catalogue ``focus.gap.<token>``), most important first."""
    c, found = brief.coverage, []
    if c.official is None:
        found.append(("no_official_structure", {}))
    else:
        found.append(("official_sections_only", {"year": str(c.official["year"])}))  # a year, not a number
    if c.companies < FEW_COMPANIES:
        found.append(("few_companies", {"n": c.companies}))
    if c.smes == 0:
        found.append(("no_documented_smes", {"samples": c.sample_smes}))
    if c.companies and c.with_year < c.companies:
        found.append(("figures_without_year", {"n": c.companies - c.with_year}))
    if c.projects == 0:
        found.append(("no_documented_projects", {}))
    if not has_wishes:
        found.append(("no_wishes", {}))
    if not has_strengths:
        found.append(("no_strengths", {}))
    facts = brief.facts
    if pd.isna(facts.get("population")):
        found.append(("no_population", {}))
    if pd.isna(facts.get("gdp")):
        found.append(("no_gdp", {}))
    return found
