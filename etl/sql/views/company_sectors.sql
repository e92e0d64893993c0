-- What each company offers (its own sector included) and seeks: one row per NACE code, from the
-- code lists stored on the company (a view, so the load writes the codes once).
CREATE VIEW company_sectors AS
SELECT company_id, city_id, 'offer' AS kind, code, left(code, 2) AS nace_division
FROM (SELECT company_id, city_id, unnest(offer_codes) AS code FROM companies)
UNION ALL
SELECT company_id, city_id, 'seek' AS kind, code, left(code, 2) AS nace_division
FROM (SELECT company_id, city_id, unnest(seek_codes) AS code FROM companies);
