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
    "companies": ["company_id", "name", "name_zh", "city_id", "sector", "sector_gbt", "employees", "founded",
                  "offers", "seeks", "offer_sectors", "seek_sectors", "source", "is_sample"],
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
        ["c1", "Beispiel Maschinen GmbH", "", "mainz", "28.41", "", "45", "1990", "Werkzeugmaschinen",
         "Vertrieb in China", "28.41", "46", "", "true"],
        ["c2", "Foshan Ceramics Co.", "佛山陶瓷有限公司", "foshan", "", "3670", "1200", "2001", "auto parts",
         "machine tools", "", "28.41;28", "", "true"],
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
