-- Each city's status today: the status set by its latest status-changing event on or before today
-- (ties on a date broken by delivery order); cities without events are non-members.
-- A city that asked to withdraw stays a member until the withdrawal is effective ('withdrawn').
CREATE VIEW v_membership_status AS
WITH latest AS (
    SELECT
        city_id,
        arg_max(sets_status, (date, event_id)) AS status,
        max(date) AS status_date
    FROM v_membership_events
    WHERE sets_status IS NOT NULL AND date <= current_date
    GROUP BY city_id
),
joined AS (
    SELECT city_id, max(date) AS member_since
    FROM v_membership_events
    WHERE event IN ('founded', 'admitted') AND date <= current_date
    GROUP BY city_id
)
SELECT
    c.city_id,
    c.country,
    coalesce(l.status, 'non_member') AS status,
    l.status_date,
    j.member_since,
    coalesce(l.status, '') IN ('member', 'withdrawal_requested') AS is_member
FROM cities AS c
LEFT JOIN latest AS l USING (city_id)
LEFT JOIN joined AS j USING (city_id);
