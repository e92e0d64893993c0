-- The member cities' data, loaded from the source folder (the import contract, etl/contract.py).
-- Every row keeps the file and spreadsheet row it came from, so findings can point at it.

CREATE TABLE cities (
    city_id               VARCHAR PRIMARY KEY,
    name_de               VARCHAR NOT NULL,
    name_en               VARCHAR NOT NULL,
    name_zh               VARCHAR,
    country               VARCHAR NOT NULL REFERENCES countries (iso2),
    region                VARCHAR NOT NULL,
    lat                   DOUBLE NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon                   DOUBLE NOT NULL CHECK (lon BETWEEN -180 AND 180),
    population            BIGINT CHECK (population >= 0),
    population_year       INTEGER,
    population_scope      VARCHAR,
    gdp                   DOUBLE CHECK (gdp >= 0),
    gdp_currency          VARCHAR,
    gdp_year              INTEGER,
    strengths             VARCHAR,
    wishes                VARCHAR,
    characteristics       VARCHAR,
    industrial_advantages VARCHAR,
    cooperation_basis     VARCHAR,
    cooperation_wishes    VARCHAR,
    projects_text         VARCHAR,
    website               VARCHAR,
    source                VARCHAR,
    is_sample             BOOLEAN NOT NULL DEFAULT false,
    source_file           VARCHAR NOT NULL,
    source_row            INTEGER NOT NULL
);

-- Declared strengths and wishes, one row per code, normalised to NACE divisions.
CREATE TABLE city_sectors (
    city_id       VARCHAR NOT NULL REFERENCES cities (city_id),
    kind          VARCHAR NOT NULL CHECK (kind IN ('strength', 'wish')),
    code          VARCHAR NOT NULL,
    nace_division VARCHAR NOT NULL,
    PRIMARY KEY (city_id, kind, code)
);

-- The key (company_id unique) and the reference (city_id in cities) are checked by the ETL, which
-- names file, row and column, instead of by PRIMARY KEY / FOREIGN KEY constraints: at 1,000,000
-- companies the two constraints alone cost 1.6 s of a load that must stay near a bare CSV read
-- (benchmarks/bench_etl.py). tests/test_build.py asserts both properties on every build.
CREATE TABLE companies (
    company_id    VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    name_zh       VARCHAR,
    city_id       VARCHAR NOT NULL,
    sector        VARCHAR,          -- NACE code as delivered (division, group or class)
    sector_gbt    VARCHAR,          -- GB/T 4754-2017 code as delivered
    nace_division VARCHAR NOT NULL, -- normalised: NACE division, or the crosswalk's main division
    employees     INTEGER NOT NULL CHECK (employees >= 0),
    employees_year INTEGER,         -- the year the employee figure refers to (real companies)
    employees_scope VARCHAR CHECK (employees_scope IN ('group', 'company', 'site')),
    founded       INTEGER,
    revenue_eur_m DOUBLE,
    website       VARCHAR,
    offers        VARCHAR,
    seeks         VARCHAR,
    offer_sectors VARCHAR,
    seek_sectors  VARCHAR,
    source        VARCHAR,
    note          VARCHAR,          -- risk or status note from a public source
    note_source   VARCHAR,
    note_date     DATE,
    is_sample     BOOLEAN NOT NULL DEFAULT false,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL,
    -- What the company makes or offers (its sector and offer_sectors) and what it seeks, as lists of
    -- NACE codes: matching reads them in one scan; the view company_sectors has one row per code.
    offer_codes   VARCHAR[] NOT NULL,
    seek_codes    VARCHAR[] NOT NULL
);

-- Likewise projects (project_id unique, both cities in cities) and project_companies (one row per
-- project and company, the project in projects): the ETL checks them and names file, row and column;
-- at 100,000 projects the constraints cost 0.7 s of the load. tests/test_build.py asserts them.
CREATE TABLE projects (
    project_id    VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    cn_city_id    VARCHAR NOT NULL,
    de_city_id    VARCHAR NOT NULL,
    direction     VARCHAR NOT NULL CHECK (direction IN ('CN_TO_DE', 'DE_TO_CN', 'MUTUAL')),
    status        VARCHAR NOT NULL CHECK (status IN ('idea', 'negotiation', 'agreed', 'implementation',
                                                     'completed', 'cancelled')),
    sector        VARCHAR NOT NULL,
    nace_division VARCHAR NOT NULL,
    kind          VARCHAR,
    volume_eur_m  DOUBLE CHECK (volume_eur_m >= 0),
    jobs          INTEGER CHECK (jobs >= 0),
    start_date    DATE,
    end_date      DATE,
    description   VARCHAR,
    source        VARCHAR,
    is_sample     BOOLEAN NOT NULL DEFAULT false,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL,
    CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);

CREATE TABLE project_companies (
    project_id VARCHAR NOT NULL,
    company_id VARCHAR NOT NULL
);

CREATE TABLE memberships (
    event_id      INTEGER PRIMARY KEY, -- delivery order
    city_id       VARCHAR NOT NULL REFERENCES cities (city_id),
    event         VARCHAR NOT NULL CHECK (event IN ('founded', 'applied', 'circular_sent', 'consent', 'objection',
                                                    'admitted', 'rejected', 'observer', 'withdrawal_requested',
                                                    'withdrawn')),
    date          DATE NOT NULL,
    actor_city_id VARCHAR REFERENCES cities (city_id),
    note          VARCHAR,
    document      VARCHAR,
    source        VARCHAR,
    is_sample     BOOLEAN NOT NULL DEFAULT false,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL
);

-- Official economic structure as published (etl/contract: CITY_SECTOR_STATS). code is as delivered;
-- nace_code the NACE reading of it (GB/T sections and divisions through the crosswalk, 三次产业 as
-- NACE section ranges), sections the NACE sections it covers ([] for TOTAL).
CREATE TABLE city_sector_stats (
    city_id     VARCHAR NOT NULL REFERENCES cities (city_id),
    code_system VARCHAR NOT NULL CHECK (code_system IN ('NACE', 'GBT')),
    code        VARCHAR NOT NULL,
    nace_code   VARCHAR NOT NULL,
    level       VARCHAR NOT NULL CHECK (level IN ('total', 'section', 'sections', 'division')),
    sections    VARCHAR[] NOT NULL,
    measure     VARCHAR NOT NULL CHECK (measure IN ('employees', 'establishments', 'value_added', 'revenue')),
    value       DOUBLE NOT NULL CHECK (value >= 0),
    year        INTEGER NOT NULL,
    scope       VARCHAR NOT NULL,
    source      VARCHAR NOT NULL,
    note        VARCHAR,
    source_file VARCHAR NOT NULL,
    source_row  INTEGER NOT NULL,
    UNIQUE (city_id, code_system, code, measure, year, scope)
);

CREATE TABLE quality_notes (
    subject_table VARCHAR NOT NULL,
    subject_id    VARCHAR NOT NULL,
    field         VARCHAR,
    note          VARCHAR NOT NULL,
    sources       VARCHAR,
    source_file   VARCHAR NOT NULL,
    source_row    INTEGER NOT NULL
);

-- One row per load; files, counts and messages as JSON so the history survives rebuilds.
CREATE TABLE etl_runs (
    run_id      INTEGER PRIMARY KEY,
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    source_dir  VARCHAR NOT NULL,
    files       JSON NOT NULL, -- [{file, table, sha256, rows, encoding, delimiter}]
    row_counts  JSON NOT NULL, -- {table: rows}
    warnings    JSON NOT NULL  -- [{file, row, column, text}]
);

-- The schema version the file was built with (etl/schema.py SCHEMA_VERSION); the app rebuilds or
-- warns when it differs.
CREATE TABLE schema_info (
    version INTEGER NOT NULL
);
