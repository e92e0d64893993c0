-- City x NACE division: companies, SMEs and employees (sum over the city's companies in the division),
-- and how many of the companies are sample records.
CREATE VIEW v_city_sector_matrix AS
SELECT
    city_id,
    country,
    nace_division,
    branche_id,
    sum(companies) AS companies,
    sum(smes) AS smes,
    sum(employees) AS employees,
    sum(companies) FILTER (WHERE is_sample) AS sample_companies
FROM city_sector_matrix
GROUP BY ALL;
