-- City x NACE division: companies, SMEs and employees (sum over companies of the city in the division).
CREATE VIEW v_city_sector_matrix AS
SELECT
    city_id,
    country,
    nace_division,
    branche_id,
    count(*) AS companies,
    count(*) FILTER (WHERE is_sme) AS smes,
    sum(employees) AS employees,
    count(*) FILTER (WHERE is_sample) AS sample_companies
FROM v_companies
GROUP BY city_id, country, nace_division, branche_id;
