"""Key figures for the overview: members by country, data volume, the last load."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from alliance.scope import records


def members_by_country(con: duckdb.DuckDBPyConnection, include_samples: bool = True) -> pd.DataFrame:
    """Cities per country and membership status (today), with country names in de/en/zh, and how many
    of them have that status only through sample events (the illustrative admission procedure).
    Without samples, statuses come from the documented events only (sample_cities is then 0)."""
    return con.execute(
        f"""
        WITH sample AS (SELECT city_id FROM {records("memberships", include_samples)} GROUP BY city_id
                        HAVING bool_and(is_sample))
        SELECT s.country, k.name_de AS country_de, k.name_en AS country_en, k.name_zh AS country_zh,
               s.status, count(*) AS cities, count(sample.city_id) AS sample_cities
        FROM {records("v_membership_status", include_samples)} AS s JOIN countries AS k ON k.iso2 = s.country
        LEFT JOIN sample USING (city_id)
        GROUP BY ALL ORDER BY s.country, s.status
        """
    ).df()


@dataclass(frozen=True)
class DataStatus:
    cities: int
    members: int
    companies: int
    smes: int
    sample_companies: int
    projects: int
    project_volume_eur_m: float
    documented_volume_eur_m: float  # the volume of the projects that are not samples
    sample_projects: int
    last_load: datetime | None
    files: list[dict]
    warnings: int


def data_status(con: duckdb.DuckDBPyConnection, include_samples: bool = True) -> DataStatus:
    """Counts and the provenance of the last load (etl_runs). Without samples every count and volume is
    of the documented records only (and the sample counts are 0); members from the documented events."""
    cities, members = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE is_member) FROM {records('v_membership_status', include_samples)}"
    ).fetchall()[0]
    companies, smes, sample = con.execute(
        "SELECT coalesce(sum(companies), 0), coalesce(sum(smes), 0), "
        f"coalesce(sum(companies) FILTER (WHERE is_sample), 0) FROM {records('city_sector_matrix', include_samples)}"
    ).fetchall()[0]
    projects, volume, documented_volume, sample_projects = con.execute(
        "SELECT count(*), coalesce(sum(volume_eur_m), 0), coalesce(sum(volume_eur_m) FILTER (WHERE NOT is_sample), 0), "
        f"count(*) FILTER (WHERE is_sample) FROM {records('projects', include_samples)}"
    ).fetchall()[0]
    run = con.execute(
        "SELECT finished_at, files, json_array_length(warnings) FROM etl_runs ORDER BY run_id DESC LIMIT 1"
    ).fetchall()
    last_load, files, warnings = (run[0][0], json.loads(run[0][1]), run[0][2]) if run else (None, [], 0)
    return DataStatus(cities, members, int(companies), int(smes), int(sample), projects, float(volume),
                      float(documented_volume), sample_projects, last_load, files, warnings)


def quality_notes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Disputed or uncertain facts: subject ("table: id, field"), note, sources."""
    return con.execute(
        "SELECT subject_table || ': ' || subject_id || coalesce(' (' || field || ')', '') AS subject, note, sources "
        "FROM quality_notes ORDER BY subject_table, subject_id, source_row"
    ).df()


def sample_shares(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per table: records, sample records and their share (%); and how many records name a source."""
    return con.execute(
        """
        SELECT 'cities' AS "table", count(*) AS records, count(*) FILTER (WHERE is_sample) AS samples,
               count(*) FILTER (WHERE nullif(trim(source), '') IS NOT NULL) AS with_source FROM cities
        UNION ALL SELECT 'companies', count(*), count(*) FILTER (WHERE is_sample),
               count(*) FILTER (WHERE nullif(trim(source), '') IS NOT NULL) FROM companies
        UNION ALL SELECT 'projects', count(*), count(*) FILTER (WHERE is_sample),
               count(*) FILTER (WHERE nullif(trim(source), '') IS NOT NULL) FROM projects
        UNION ALL SELECT 'memberships', count(*), count(*) FILTER (WHERE is_sample),
               count(*) FILTER (WHERE nullif(trim(source), '') IS NOT NULL) FROM memberships
        """
    ).df().assign(share=lambda d: (100 * d["samples"].fillna(0) / d["records"].where(d["records"] > 0)).round(1))
