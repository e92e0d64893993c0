"""The import contract: which tables a source folder may hold and what their columns mean.

What the app and the ETL share lives in this package: the tables (here), where the data is
(``etl.contract.paths``) and the schema version (``etl.contract.version``).

This module is data only; readers, validation and loading all consult it, so a column added here
is read, validated and loaded everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Column kinds. Validation and conversion (etl/convert.py) dispatch on these.
ID = "id"  # non-empty text key
TEXT = "text"  # free text, loaded verbatim
INT = "int"  # whole number; in semicolon files German thousands dots allowed
FLOAT = "float"  # number; in semicolon files German decimal comma allowed
DATE = "date"  # YYYY-MM-DD or DD.MM.YYYY
YEAR = "year"  # four-digit year (a full date is accepted, its year kept)
BOOL = "bool"  # true/false, 1/0, yes/no, ja/nein; empty = false
ENUM = "enum"  # one of a fixed list of values
COUNTRY = "country"  # ISO 3166-1 alpha-2
NACE = "nace"  # one NACE Rev. 2 code (division, group or class)
GBT = "gbt"  # one GB/T 4754-2017 code (division, group or class)
NACE_LIST = "nace_list"  # ';'-separated NACE codes
REF = "ref"  # id of a row in another table
REF_LIST = "ref_list"  # ';'-separated ids of rows in another table


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    required: bool = False
    values: tuple[str, ...] = ()  # allowed values for ENUM
    ref: str | None = None  # referenced table for REF / REF_LIST


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: str | None = None
    min_rows: int = 0
    optional: bool = False
    # Alternatives: at least one of these columns must be present in the header and filled per row.
    one_of: tuple[str, ...] = field(default=())

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


DIRECTIONS = ("CN_TO_DE", "DE_TO_CN", "MUTUAL")
EMPLOYEE_SCOPES = ("group", "company", "site")  # what an employee figure counts: the group, the entity, one site
PROJECT_STATUSES = ("idea", "negotiation", "agreed", "implementation", "completed", "cancelled")
MEMBERSHIP_EVENTS = (
    "founded",
    "applied",
    "circular_sent",
    "consent",
    "objection",
    "admitted",
    "rejected",
    "observer",
    "withdrawal_requested",
    "withdrawn",
)

CITIES = Table(
    name="cities",
    key="city_id",
    min_rows=1,
    columns=(
        Column("city_id", ID, required=True),
        Column("name_de", TEXT, required=True),
        Column("name_en", TEXT, required=True),
        Column("country", COUNTRY, required=True),
        Column("region", TEXT, required=True),
        Column("lat", FLOAT, required=True),
        Column("lon", FLOAT, required=True),
        Column("name_zh", TEXT),
        Column("population", INT),
        Column("population_year", YEAR),
        Column("population_scope", TEXT),
        Column("gdp", FLOAT),
        Column("gdp_currency", TEXT),
        Column("gdp_year", YEAR),
        Column("strengths", NACE_LIST),
        Column("wishes", NACE_LIST),
        Column("characteristics", TEXT),
        Column("industrial_advantages", TEXT),
        Column("cooperation_basis", TEXT),
        Column("cooperation_wishes", TEXT),
        Column("projects_text", TEXT),
        Column("website", TEXT),
        Column("source", TEXT),
        Column("is_sample", BOOL),
    ),
)

COMPANIES = Table(
    name="companies",
    key="company_id",
    one_of=("sector", "sector_gbt"),
    columns=(
        Column("company_id", ID, required=True),
        Column("name", TEXT, required=True),
        Column("city_id", REF, required=True, ref="cities"),
        Column("sector", NACE),
        Column("sector_gbt", GBT),
        Column("employees", INT, required=True),
        Column("employees_year", YEAR),
        Column("employees_scope", ENUM, values=EMPLOYEE_SCOPES),
        Column("name_zh", TEXT),
        Column("founded", YEAR),
        Column("revenue_eur_m", FLOAT),
        Column("website", TEXT),
        Column("offers", TEXT),
        Column("seeks", TEXT),
        Column("offer_sectors", NACE_LIST),
        Column("seek_sectors", NACE_LIST),
        Column("source", TEXT),
        # A risk or status note from a public source (an investigation, insolvency proceedings, a
        # takeover): shown wherever the company appears, with its source and date.
        Column("note", TEXT),
        Column("note_source", TEXT),
        Column("note_date", DATE),
        Column("is_sample", BOOL),
    ),
)

PROJECTS = Table(
    name="projects",
    key="project_id",
    columns=(
        Column("project_id", ID, required=True),
        Column("title", TEXT, required=True),
        Column("cn_city_id", REF, required=True, ref="cities"),
        Column("de_city_id", REF, required=True, ref="cities"),
        Column("direction", ENUM, required=True, values=DIRECTIONS),
        Column("status", ENUM, required=True, values=PROJECT_STATUSES),
        Column("sector", NACE, required=True),
        Column("kind", TEXT),
        Column("company_ids", REF_LIST, ref="companies"),
        Column("volume_eur_m", FLOAT),
        Column("jobs", INT),
        Column("start_date", DATE),
        Column("end_date", DATE),
        Column("description", TEXT),
        Column("source", TEXT),
        Column("is_sample", BOOL),
    ),
)

MEMBERSHIPS = Table(
    name="memberships",
    columns=(
        Column("city_id", REF, required=True, ref="cities"),
        Column("event", ENUM, required=True, values=MEMBERSHIP_EVENTS),
        Column("date", DATE, required=True),
        Column("actor_city_id", REF, ref="cities"),
        Column("note", TEXT),
        Column("document", TEXT),
        Column("source", TEXT),
        Column("is_sample", BOOL),
    ),
)

# Official economic structure (employment, establishments or output by sector) as a statistical office
# publishes it; ``code`` is read according to ``code_system`` (STAT_CODES), GB/T codes go through the
# crosswalk to NACE at load.
CODE_SYSTEMS = ("NACE", "GBT")
STAT_MEASURES = ("employees", "establishments", "value_added", "revenue")  # persons, units, million LCU
STAT_TOTAL = "TOTAL"
THREE_SECTORS = {"PRIMARY": "A", "SECONDARY": "B-F", "TERTIARY": "G-U"}  # GB/T 三次产业 -> NACE sections
CITY_SECTOR_STATS = Table(
    name="city_sector_stats",
    optional=True,
    columns=(
        Column("city_id", REF, required=True, ref="cities"),
        Column("code_system", ENUM, required=True, values=CODE_SYSTEMS),
        Column("code", TEXT, required=True),
        Column("measure", ENUM, required=True, values=STAT_MEASURES),
        Column("value", FLOAT, required=True),
        Column("year", YEAR, required=True),
        Column("scope", TEXT, required=True),
        Column("source", TEXT, required=True),
        Column("note", TEXT),
    ),
)

QUALITY_NOTES = Table(
    name="quality_notes",
    optional=True,
    columns=(
        Column("subject_table", TEXT, required=True),
        Column("subject_id", TEXT, required=True),
        Column("note", TEXT, required=True),
        Column("field", TEXT),
        Column("sources", TEXT),
    ),
)

# Load order: referenced tables first.
TABLES: tuple[Table, ...] = (CITIES, COMPANIES, PROJECTS, MEMBERSHIPS, CITY_SECTOR_STATS, QUALITY_NOTES)
TABLES_BY_NAME = {t.name: t for t in TABLES}
