"""What the map draws: member cities (sized by a measure, coloured by membership status), arcs for
bilateral projects (one per city pair, direction and kind: width by volume, colour by direction,
documented and sample projects apart; all of them or the focus city's ties), and the country outlines
shipped with the app (data/reference/world_110m.geojson), so the map needs no internet."""

from __future__ import annotations

import json
import math
from functools import lru_cache

import duckdb
import pandas as pd

from alliance.scope import records
from etl.contract.paths import REFERENCE_DIR

MEASURES = ("companies", "population", "projects", "employees")
STATUS_COLOURS = {  # RGBA
    "member": [31, 78, 121, 220],
    "withdrawal_requested": [230, 145, 56, 220],
    "applicant": [106, 168, 79, 220],
    "observer": [142, 124, 195, 220],
    "rejected": [150, 150, 150, 200],
    "withdrawn": [150, 150, 150, 200],
    "non_member": [170, 170, 170, 200],
}
DIRECTION_COLOURS = {"CN_TO_DE": [204, 0, 0, 200], "DE_TO_CN": [40, 40, 40, 200], "MUTUAL": [230, 176, 20, 220]}
SAMPLE_ALPHA = 70  # sample projects: the same colour, faint
FOCUS_RING = [230, 110, 0, 255]


@lru_cache(maxsize=1)
def country_outlines() -> dict:
    """Natural Earth 1:110m country outlines as GeoJSON (public domain)."""
    return json.loads((REFERENCE_DIR / "world_110m.geojson").read_text(encoding="utf-8"))


def city_points(con: duckdb.DuckDBPyConnection, measure: str = "companies",
                countries: tuple[str, ...] = (), include_samples: bool = True) -> pd.DataFrame:
    """One row per city (of ``countries``, default all): position, names, status, the measure, a radius
    in metres (area proportional to the measure, 20-250 km) and a colour by status. Without samples,
    companies, employees and projects count documented records only and the status comes from the
    documented events (sample cities are left out)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {MEASURES}")
    projects = records("projects", include_samples)
    frame = con.execute(
        f"""
        SELECT c.city_id, c.name_de, c.name_en, c.name_zh, c.country, c.lat, c.lon, c.population,
               s.status, s.member_since,
               coalesce(m.companies, 0) AS companies, coalesce(m.employees, 0) AS employees,
               coalesce(m.sample_companies, 0) AS sample_companies,
               coalesce(p.projects, 0) AS projects
        FROM {records("cities", include_samples)} AS c
        JOIN {records("v_membership_status", include_samples)} AS s USING (city_id)
        LEFT JOIN (SELECT city_id, sum(companies) AS companies, sum(employees) AS employees,
                          coalesce(sum(companies) FILTER (WHERE is_sample), 0) AS sample_companies
                   FROM {records("city_sector_matrix", include_samples)} GROUP BY city_id) AS m USING (city_id)
        LEFT JOIN (SELECT city_id, count(*) AS projects
                   FROM (SELECT cn_city_id AS city_id FROM {projects} UNION ALL SELECT de_city_id FROM {projects})
                   GROUP BY city_id) AS p USING (city_id)
        WHERE len(?::VARCHAR[]) = 0 OR list_contains(?::VARCHAR[], c.country)
        ORDER BY c.country, c.name_de
        """,
        [list(countries), list(countries)],
    ).df()
    values = frame[measure].fillna(0).astype(float)
    top = values.max() or 1.0
    frame["value"] = values
    frame["radius"] = [20_000 + 230_000 * math.sqrt(v / top) for v in values]
    frame["colour"] = [STATUS_COLOURS.get(s, STATUS_COLOURS["non_member"]) for s in frame["status"]]
    return frame


def project_arcs(con: duckdb.DuckDBPyConnection, include_samples: bool = True,
                 focus: str | None = None) -> pd.DataFrame:
    """One arc per city pair, direction and kind (documented or sample projects, never mixed, so that the
    map can draw them apart): projects, volume (million EUR), ``is_sample``, ``sample_projects`` (the
    sample projects among them), a width (1-12 px, by volume over all arcs shown) and a colour by
    direction. With ``focus``, only the arcs of that city (its ties). Aggregated in DuckDB. Without
    samples, of the documented projects only."""
    frame = con.execute(
        f"""
        SELECT p.cn_city_id, cn.name_de AS cn_de, cn.name_en AS cn_en, cn.name_zh AS cn_zh, cn.lat AS cn_lat,
               cn.lon AS cn_lon, p.de_city_id, de.name_de AS de_de, de.name_en AS de_en, de.name_zh AS de_zh,
               de.lat AS de_lat, de.lon AS de_lon, p.direction, p.is_sample, count(*) AS projects,
               coalesce(sum(p.volume_eur_m), 0) AS volume_eur_m,
               count(*) FILTER (WHERE p.is_sample) AS sample_projects
        FROM {records("projects", include_samples)} AS p
        JOIN cities AS cn ON cn.city_id = p.cn_city_id
        JOIN cities AS de ON de.city_id = p.de_city_id
        WHERE $focus IS NULL OR $focus IN (p.cn_city_id, p.de_city_id)
        GROUP BY ALL
        ORDER BY volume_eur_m DESC, p.cn_city_id, p.de_city_id, p.direction, p.is_sample
        """,
        {"focus": focus},
    ).df()
    top = frame["volume_eur_m"].max() if not frame.empty else 0
    frame["width"] = [1 + 11 * math.sqrt(v / top) if top else 2 for v in frame["volume_eur_m"]]
    frame["colour"] = [DIRECTION_COLOURS[d] for d in frame["direction"]]
    # Arcs from the origin of the investment: China to Germany starts in China, and so on.
    frame["from_lon"] = frame["cn_lon"].where(frame["direction"] != "DE_TO_CN", frame["de_lon"])
    frame["from_lat"] = frame["cn_lat"].where(frame["direction"] != "DE_TO_CN", frame["de_lat"])
    frame["to_lon"] = frame["de_lon"].where(frame["direction"] != "DE_TO_CN", frame["cn_lon"])
    frame["to_lat"] = frame["de_lat"].where(frame["direction"] != "DE_TO_CN", frame["cn_lat"])
    return frame


def tied_cities(arcs: pd.DataFrame) -> set[str]:
    """The cities at either end of ``arcs`` (project_arcs rows)."""
    return set(arcs["cn_city_id"]) | set(arcs["de_city_id"])


def faded(colour: list[int], alpha: int = SAMPLE_ALPHA) -> list[int]:
    """The colour with a low opacity: how sample records are drawn beside documented ones."""
    return [*colour[:3], alpha]


def web_mercator_pixels(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    """A position in screen pixels of the whole world at ``zoom`` (deck.gl's 512-pixel tiles):
    x = 512 * 2^z * (lon + 180) / 360, y = 512 * 2^z * (1 - ln(tan(pi/4 + lat/2)) / pi) / 2."""
    scale = 512 * 2 ** zoom
    phi = math.radians(max(min(lat, 85.0), -85.0))
    return scale * (lon + 180) / 360, scale * (1 - math.log(math.tan(math.pi / 4 + phi / 2)) / math.pi) / 2


def labels_that_fit(labels: pd.DataFrame, zoom: float, char_px: float = 8.0, line_px: float = 18.0) -> pd.DataFrame:
    """The rows of ``labels`` (lon, lat, name, priority) whose names do not overlap a name placed before
    them at ``zoom``: by priority (descending), then in the given order; a name's box is centred above
    its point, len(name) * char_px wide (a Chinese character counts twice) and line_px high."""
    placed: list[tuple[float, float, float, float]] = []
    keep = []
    order = labels.assign(_row=range(len(labels))).sort_values(["priority", "_row"], ascending=[False, True])
    for index, row in order.iterrows():
        x, y = web_mercator_pixels(float(row["lon"]), float(row["lat"]), zoom)
        width = char_px * sum(2 if ord(c) > 0x2E80 else 1 for c in str(row["name"])) + 6
        box = (x - width / 2, y - line_px - 14, x + width / 2, y - 14)
        if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
            placed.append(box)
            keep.append(index)
    return labels.loc[[i for i in labels.index if i in set(keep)]]
