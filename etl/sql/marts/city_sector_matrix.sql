-- Mart, materialised at load: city x NACE division x sample flag, with companies, SMEs and employees
-- (all, and those counted as whole groups).
-- Every sector metric aggregates this small table instead of the companies table (1M rows and more).
CREATE TABLE city_sector_matrix AS
SELECT
    city_id,
    country,
    nace_division,
    branche_id,
    is_sample,
    count(*) AS companies,
    count(*) FILTER (WHERE is_sme) AS smes,
    sum(employees) AS employees,
    coalesce(sum(employees) FILTER (WHERE is_sme), 0) AS sme_employees,
    -- headcounts of whole groups counted at their head office (employees_scope = 'group'): the
    -- "without group-wide figures" basis leaves them out
    coalesce(sum(employees) FILTER (WHERE employees_scope = 'group'), 0) AS group_employees,
    coalesce(sum(employees) FILTER (WHERE is_sme AND employees_scope = 'group'), 0) AS sme_group_employees
FROM v_companies
GROUP BY ALL
ORDER BY city_id, nace_division, is_sample;
