-- Reference taxonomies, loaded from data/reference/ on every build.

CREATE TABLE countries (
    iso2    VARCHAR PRIMARY KEY CHECK (length(iso2) = 2),
    iso3    VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    name_de VARCHAR NOT NULL,
    name_zh VARCHAR NOT NULL,
    min_lon DOUBLE,
    min_lat DOUBLE,
    max_lon DOUBLE,
    max_lat DOUBLE
);

-- NACE Rev. 2: section letter, division "29", group "29.1", class "29.10".
CREATE TABLE nace (
    code        VARCHAR PRIMARY KEY,
    level       VARCHAR NOT NULL CHECK (level IN ('section', 'division', 'group', 'class')),
    parent_code VARCHAR,
    section     VARCHAR NOT NULL,
    name_en     VARCHAR NOT NULL,
    name_de     VARCHAR,
    name_zh     VARCHAR
);

-- GB/T 4754-2017: section letter, division "36", group "367", class "3670".
-- Its letters and numbers mean other things than NACE's: never join the two on code.
CREATE TABLE gbt (
    code        VARCHAR PRIMARY KEY,
    level       VARCHAR NOT NULL CHECK (level IN ('section', 'division', 'group', 'class')),
    parent_code VARCHAR,
    section     VARCHAR NOT NULL,
    name_zh     VARCHAR NOT NULL,
    name_en     VARCHAR
);

-- Many-to-many: share = part of the GB/T division that falls into the NACE division.
CREATE TABLE gbt_nace_crosswalk (
    gbt_division  VARCHAR NOT NULL,
    nace_division VARCHAR NOT NULL,
    share         DOUBLE NOT NULL CHECK (share > 0 AND share <= 1),
    basis         VARCHAR,
    PRIMARY KEY (gbt_division, nace_division)
);

-- The alliance's industry groups ("Branchen"); each NACE division belongs to exactly one.
CREATE TABLE branchen (
    branche_id VARCHAR PRIMARY KEY,
    name_de    VARCHAR NOT NULL,
    name_en    VARCHAR NOT NULL,
    name_zh    VARCHAR NOT NULL,
    sort_order INTEGER NOT NULL
);

CREATE TABLE nace_branche (
    nace_division VARCHAR PRIMARY KEY,
    branche_id    VARCHAR NOT NULL REFERENCES branchen (branche_id)
);
