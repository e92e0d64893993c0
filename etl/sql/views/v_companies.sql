-- Companies with their Branche and the EU size class (Recommendation 2003/361/EC, headcount only):
-- micro < 10, small < 50, medium < 250 employees; SME = micro, small or medium.
CREATE VIEW v_companies AS
SELECT
    c.company_id,
    c.name,
    c.name_zh,
    c.city_id,
    ci.country,
    c.sector,
    c.sector_gbt,
    c.nace_division,
    coalesce(nb.branche_id, 'other') AS branche_id,
    c.employees,
    c.employees_year,
    c.employees_scope,
    CASE
        WHEN c.employees < 10 THEN 'micro'
        WHEN c.employees < 50 THEN 'small'
        WHEN c.employees < 250 THEN 'medium'
        ELSE 'large'
    END AS size_class,
    c.employees < 250 AS is_sme,
    c.founded,
    c.revenue_eur_m,
    c.website,
    c.offers,
    c.seeks,
    c.offer_sectors,
    c.seek_sectors,
    c.source,
    c.note,
    c.note_source,
    c.note_date,
    c.is_sample
FROM companies AS c
JOIN cities AS ci USING (city_id)
LEFT JOIN nace_branche AS nb ON nb.nace_division = c.nace_division;
