"""Bilateral projects: the filtered list and its figures by year, direction, sector and status."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from etl.contract import DIRECTIONS, PROJECT_STATUSES

GROUPINGS = {"year": "year(p.start_date)", "direction": "p.direction", "status": "p.status", "branche": "b.branche_id"}


@dataclass(frozen=True)
class ProjectFilter:
    """Empty tuples mean "all". Years apply to start_date; projects without one pass a year filter only
    when ``keep_undated`` is set."""

    cities: tuple[str, ...] = ()  # city ids, on either side
    statuses: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    branchen: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    keep_undated: bool = True
    include_samples: bool = True

    def __post_init__(self) -> None:
        for value in self.statuses:
            if value not in PROJECT_STATUSES:
                raise ValueError(f"unknown project status {value!r}")
        for value in self.directions:
            if value not in DIRECTIONS:
                raise ValueError(f"unknown direction {value!r}")


def _where(f: ProjectFilter) -> tuple[str, list]:
    """WHERE clause and its parameters; every value is bound, never spliced."""
    clauses, params = [], []
    if f.cities:
        clauses.append("(list_contains(?, p.cn_city_id) OR list_contains(?, p.de_city_id))")
        params += [list(f.cities), list(f.cities)]
    if f.statuses:
        clauses.append("list_contains(?, p.status)")
        params.append(list(f.statuses))
    if f.directions:
        clauses.append("list_contains(?, p.direction)")
        params.append(list(f.directions))
    if f.branchen:
        clauses.append("list_contains(?, b.branche_id)")
        params.append(list(f.branchen))
    if f.year_from is not None or f.year_to is not None:
        low, high = f.year_from or 0, f.year_to or 9999
        undated = " OR p.start_date IS NULL" if f.keep_undated else ""
        clauses.append(f"(year(p.start_date) BETWEEN ? AND ?{undated})")
        params += [low, high]
    if not f.include_samples:
        clauses.append("NOT p.is_sample")
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


_FROM = """
    FROM projects AS p
    JOIN cities AS cn ON cn.city_id = p.cn_city_id
    JOIN cities AS de ON de.city_id = p.de_city_id
    LEFT JOIN nace_branche AS nb ON nb.nace_division = p.nace_division
    LEFT JOIN branchen AS b ON b.branche_id = nb.branche_id
"""


def project_list(con: duckdb.DuckDBPyConnection, f: ProjectFilter = ProjectFilter(), limit: int = 1000) -> pd.DataFrame:
    """The filtered projects, newest first (at most ``limit``), with both cities' names and the Branche."""
    where, params = _where(f)
    return con.execute(
        f"""
        SELECT p.project_id, p.title, p.cn_city_id, cn.name_de AS cn_city_de, cn.name_zh AS cn_city_zh,
               p.de_city_id, de.name_de AS de_city_de, de.name_zh AS de_city_zh, p.direction, p.status,
               p.sector, b.branche_id, b.name_de AS branche_de, b.name_en AS branche_en, b.name_zh AS branche_zh,
               p.kind, p.volume_eur_m, p.jobs, p.start_date, p.end_date, p.description, p.source, p.is_sample
        {_FROM} {where}
        ORDER BY p.start_date DESC NULLS LAST, p.project_id
        LIMIT ?
        """,
        [*params, limit],
    ).df()


def project_figures(con: duckdb.DuckDBPyConnection, by: str, f: ProjectFilter = ProjectFilter()) -> pd.DataFrame:
    """Count and volume (million EUR, sum of known volumes) of the filtered projects grouped ``by``
    year, direction, status or branche; ``sample_projects`` counts the sample records among them."""
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {sorted(GROUPINGS)}")
    where, params = _where(f)
    return con.execute(
        f"""
        SELECT {GROUPINGS[by]} AS key, count(*) AS projects, coalesce(sum(p.volume_eur_m), 0) AS volume_eur_m,
               coalesce(sum(p.jobs), 0) AS jobs, count(*) FILTER (WHERE p.is_sample) AS sample_projects
        {_FROM} {where}
        GROUP BY ALL ORDER BY key NULLS LAST
        """,
        params,
    ).df()
