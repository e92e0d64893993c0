"""One factory for small, real source folders and databases used by all tests.

``valid_tables()`` is a minimal dataset that passes the contract; tests copy it, break one thing,
write it with ``write_source`` in the format under test and look at what the ETL says.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

HEADERS = {
    "cities": ["city_id", "name_de", "name_en", "name_zh", "country", "region", "lat", "lon", "population",
               "strengths", "wishes", "source"],
    "companies": ["company_id", "name", "name_zh", "city_id", "sector", "sector_gbt", "employees",
                  "employees_year", "employees_scope", "founded", "offers", "seeks", "offer_sectors", "seek_sectors",
                  "source", "is_sample"],
    "projects": ["project_id", "title", "cn_city_id", "de_city_id", "direction", "status", "sector",
                 "company_ids", "volume_eur_m", "jobs", "start_date", "end_date", "source", "is_sample"],
    "memberships": ["city_id", "event", "date", "actor_city_id", "note", "source", "is_sample"],
    "quality_notes": ["subject_table", "subject_id", "field", "note", "sources"],
}

VALID = {
    "cities": [
        ["foshan", "Foshan", "Foshan", "佛山市", "CN", "Guangdong", "23.0268", "113.1315", "9498863", "27;23",
         "29", "https://example.org/foshan"],
        ["mainz", "Mainz", "Mainz", "美因茨", "DE", "Rheinland-Pfalz", "49.9819", "8.2801", "222889", "21;72",
         "27", "https://example.org/mainz"],
        ["koeln", "Köln", "Cologne", "科隆", "DE", "Nordrhein-Westfalen", "50.9333", "6.95", "1084831", "29",
         "", "https://example.org/koeln"],
    ],
    "companies": [
        ["c1", "Beispiel Maschinen GmbH", "", "mainz", "28.41", "", "45", "2024", "company", "1990",
         "Werkzeugmaschinen", "Vertrieb in China", "28.41", "46", "", "true"],
        ["c2", "Foshan Ceramics Co.", "佛山陶瓷有限公司", "foshan", "", "3670", "1200", "", "", "2001",
         "auto parts", "machine tools", "", "28.41;28", "", "true"],
    ],
    "projects": [
        ["p1", "Werkzeugmaschinen für Foshan", "foshan", "mainz", "DE_TO_CN", "agreed", "28", "c1;c2", "2.5", "12",
         "2021-03-01", "2022-12-31", "", "true"],
    ],
    "memberships": [
        ["foshan", "founded", "2016-04-25", "", "", "https://example.org/founding", "false"],
        ["mainz", "applied", "2016-12-01", "", "", "https://example.org/mainz", "false"],
        ["mainz", "circular_sent", "2017-01-10", "", "", "https://example.org/mainz", "false"],
        ["mainz", "consent", "2017-02-01", "foshan", "", "https://example.org/mainz", "false"],
        ["mainz", "admitted", "2017-04-24", "", "", "https://example.org/mainz", "false"],
    ],
    "quality_notes": [
        ["alliance", "alliance", "", "Gründungspapier nennt 7, listet 8 deutsche Städte", "https://example.org"],
    ],
}


def valid_tables() -> dict[str, dict]:
    return {name: {"header": list(HEADERS[name]), "rows": copy.deepcopy(rows)} for name, rows in VALID.items()}


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",",
              encoding: str = "utf-8") -> Path:
    path.write_bytes(csv_text(header, rows, delimiter).encode(encoding))
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list], sheet: str | None = None) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    if sheet:
        ws.title = sheet
    ws.append(header)
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def write_source(folder: Path, tables: dict[str, dict] | None = None, delimiter: str = ",",
                 encoding: str = "utf-8") -> Path:
    """Write every table as ``<name>.csv`` into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in (tables or valid_tables()).items():
        write_csv(folder / f"{name}.csv", table["header"], table["rows"], delimiter, encoding)
    return folder


def build_db(tmp_path: Path, tables: dict[str, dict] | None = None) -> Path:
    """A tiny real database built by the ETL from ``tables`` (default: the valid dataset)."""
    from etl.build import build

    source = write_source(tmp_path / "source", tables)
    db = tmp_path / "alliance.duckdb"
    result = build(source, db)
    assert result.ok, [m.line() for m in result.errors]
    return db


def make_tables(**rows: list[dict]) -> dict[str, dict]:
    """Tables from rows given as dicts; the header is the contract's column order of the keys used."""
    from etl.contract import TABLES_BY_NAME

    tables = {}
    for name, records in rows.items():
        used = {key for record in records for key in record}
        header = [c for c in TABLES_BY_NAME[name].column_names if c in used]
        tables[name] = {"header": header, "rows": [[str(r.get(c, "")) for c in header] for r in records]}
    return tables


def city(city_id: str, country: str, strengths: str = "", wishes: str = "", **extra) -> dict:
    """A city row with plausible coordinates inside its country."""
    lat, lon = {"CN": ("30.0", "114.0"), "DE": ("50.0", "8.0")}[country]
    return {"city_id": city_id, "name_de": city_id.title(), "name_en": city_id.title(), "name_zh": f"{city_id}市",
            "country": country, "region": "R", "lat": lat, "lon": lon, "strengths": strengths, "wishes": wishes,
            "source": "https://example.org", **extra}


ANALYTICS_COMPANIES = [
    {"company_id": "a1", "name": "A1 Machine Tools", "city_id": "a", "sector": "28.41", "employees": 100,
     "offers": "Werkzeugmaschinen für Metall", "seek_sectors": "21", "source": "s"},
    {"company_id": "a2", "name": "A2 Construction Machinery", "city_id": "a", "sector": "28.92", "employees": 300,
     "offers": "Baumaschinen", "source": "s"},
    {"company_id": "a3", "name": "A3 Foods", "city_id": "a", "sector": "10.11", "employees": 100,
     "offers": "Fleischverarbeitung", "source": "s"},
    {"company_id": "b1", "name": "B1 Pharma", "city_id": "b", "sector": "21.20", "employees": 200,
     "offers": "Arzneimittel", "source": "s"},
    {"company_id": "m1", "name": "Mainzer Werkzeugbau GmbH", "city_id": "mainz", "sector": "28.41",
     "employees": 100, "offers": "Werkzeugmaschinen", "seeks": "Werkzeugmaschinen Zulieferer",
     "seek_sectors": "28.41", "source": "s"},
    {"company_id": "m2", "name": "Mainz Pharma AG", "city_id": "mainz", "sector": "21.20", "employees": 300,
     "offers": "Arzneimittel", "source": "s"},
]


def analytics_tables() -> dict[str, dict]:
    """The hand-computed fixture of tests/test_sectors.py and tests/test_matching.py (see their docstrings)."""
    return make_tables(
        cities=[city("a", "CN", strengths="28", wishes="21"), city("b", "CN"),
                city("mainz", "DE", strengths="21;26", wishes="28"), city("k", "DE")],
        companies=ANALYTICS_COMPANIES,
        projects=[{"project_id": "p1", "title": "Werkzeugmaschinen", "cn_city_id": "a", "de_city_id": "mainz",
                   "direction": "MUTUAL", "status": "agreed", "sector": "28", "source": "s"}],
        memberships=[{"city_id": c, "event": "founded", "date": "2016-04-25", "source": "s"}
                     for c in ("a", "b", "mainz")],
    )
