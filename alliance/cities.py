"""City profiles: the facts with their sources, the five profile fields of the founding paper,
declared strengths and wishes, companies by Branche, projects and membership history."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from alliance.scope import records

MAX_PROJECTS = 200  # the newest; a city in a large database may have thousands
MAX_COMPANIES = 50  # named companies on a profile: real ones first, the largest first

PROFILE_FIELDS = ("characteristics", "industrial_advantages", "cooperation_basis", "cooperation_wishes",
                  "projects_text")


@dataclass
class CityProfile:
    facts: dict
    strengths: pd.DataFrame  # kind, code, name_de, name_en, name_zh
    companies_by_branche: pd.DataFrame  # branche_id, names, companies, smes, employees, sample_companies
    companies: pd.DataFrame  # see city_companies
    projects: pd.DataFrame
    history: pd.DataFrame
    notes: pd.DataFrame

    @property
    def sources(self) -> list[str]:
        return [s.strip() for s in (self.facts.get("source") or "").split(";") if s.strip()]


def city_list(con: duckdb.DuckDBPyConnection, include_samples: bool = True) -> pd.DataFrame:
    """Every city (without samples: the documented ones): id, names de/en/zh, country; by country and
    German name."""
    return con.execute("SELECT city_id, name_de, name_en, name_zh, country "
                       f"FROM {records('cities', include_samples)} ORDER BY country, name_de").df()


def city_profile(con: duckdb.DuckDBPyConnection, city_id: str, include_samples: bool = True) -> CityProfile:
    """Everything the profile page shows for one city (KeyError if the city is unknown, or a sample
    city without samples). Without samples: companies by Branche, named companies, projects and the
    membership history of the documented records only, the status from the documented events."""
    facts = con.execute(
        "SELECT c.*, k.name_de AS country_de, k.name_en AS country_en, k.name_zh AS country_zh, s.status, "
        f"s.member_since FROM {records('cities', include_samples)} AS c JOIN countries AS k ON k.iso2 = c.country "
        f"JOIN {records('v_membership_status', include_samples)} AS s USING (city_id) WHERE c.city_id = ?",
        [city_id],
    ).df()
    if facts.empty:
        raise KeyError(city_id)
    strengths = con.execute(
        "SELECT cs.kind, cs.code, n.name_de, n.name_en, n.name_zh FROM city_sectors AS cs "
        "LEFT JOIN nace AS n ON n.code = cs.code WHERE cs.city_id = ? ORDER BY cs.kind DESC, cs.code",
        [city_id],
    ).df()
    by_branche = con.execute(
        "SELECT m.branche_id, b.name_de, b.name_en, b.name_zh, sum(m.companies) AS companies, sum(m.smes) AS smes, "
        "sum(m.employees) AS employees, coalesce(sum(m.companies) FILTER (WHERE m.is_sample), 0) AS sample_companies "
        f"FROM {records('city_sector_matrix', include_samples)} AS m LEFT JOIN branchen AS b USING (branche_id) "
        "WHERE m.city_id = ? "
        "GROUP BY ALL ORDER BY companies DESC, m.branche_id",
        [city_id],
    ).df()
    companies = city_companies(con, city_id, include_samples=include_samples)
    projects = con.execute(
        "SELECT p.project_id, p.title, CASE WHEN p.cn_city_id = ? THEN d.name_de ELSE c.name_de END AS partner_de, "
        "CASE WHEN p.cn_city_id = ? THEN d.name_zh ELSE c.name_zh END AS partner_zh, p.direction, p.status, "
        "p.sector, p.volume_eur_m, p.start_date, p.source, p.is_sample "
        f"FROM {records('projects', include_samples)} AS p "
        "JOIN cities AS c ON c.city_id = p.cn_city_id JOIN cities AS d ON d.city_id = p.de_city_id "
        "WHERE ? IN (p.cn_city_id, p.de_city_id) ORDER BY p.start_date DESC NULLS LAST, p.project_id LIMIT ?",
        [city_id, city_id, city_id, MAX_PROJECTS],
    ).df()
    history = con.execute(
        "SELECT m.date, m.event, m.actor_city_id, a.name_de AS actor_de, a.name_zh AS actor_zh, m.note, m.source, "
        "m.is_sample "
        f"FROM {records('memberships', include_samples)} AS m LEFT JOIN cities AS a ON a.city_id = m.actor_city_id "
        "WHERE m.city_id = ? "
        "ORDER BY m.date, m.event_id",
        [city_id],
    ).df()
    notes = con.execute(
        "SELECT field, note, sources FROM quality_notes WHERE subject_id = ? ORDER BY source_row", [city_id]
    ).df()
    return CityProfile(facts.iloc[0].to_dict(), strengths, by_branche, companies, projects, history, notes)


def city_companies(con: duckdb.DuckDBPyConnection, city_id: str, limit: int = MAX_COMPANIES,
                   include_samples: bool = True) -> pd.DataFrame:
    """A city's named companies (without samples: the documented ones): real ones before samples, then by
    employees (descending) and id.

    Columns: company_id, name, name_zh, sector, branche_id, Branche names de/en/zh, employees,
    employees_year, employees_scope, founded, website, source (the first of its ';'-separated URLs),
    sources (all of them), is_sample. At most ``limit`` rows."""
    return con.execute(
        "SELECT c.company_id, c.name, c.name_zh, coalesce(c.sector, c.sector_gbt) AS sector, c.branche_id, "
        "b.name_de AS branche_de, b.name_en AS branche_en, b.name_zh AS branche_zh, c.employees, "
        "c.employees_year, c.employees_scope, c.founded, c.website, "
        "nullif(trim(split_part(c.source, ';', 1)), '') AS source, c.source AS sources, c.is_sample "
        f"FROM {records('v_companies', include_samples)} AS c LEFT JOIN branchen AS b USING (branche_id) "
        "WHERE c.city_id = ? "
        "ORDER BY c.is_sample, c.employees DESC, c.company_id LIMIT ?",
        [city_id, limit],
    ).df()
