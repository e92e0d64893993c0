-- Events that break the admission procedure of the founding paper (application, circular to all
-- members, consent of the members; withdrawal by a member's written request). The events stay as
-- delivered; these rows are shown as findings. "Status before" counts only earlier events
-- (earlier date, or same date and earlier delivery).
CREATE VIEW v_membership_findings AS
WITH status_before AS (
    SELECT
        e.event_id,
        (SELECT arg_max(p.sets_status, (p.date, p.event_id))
         FROM v_membership_events AS p
         WHERE p.city_id = e.city_id AND p.sets_status IS NOT NULL
           AND (p.date < e.date OR (p.date = e.date AND p.event_id < e.event_id))) AS city_status,
        (SELECT arg_max(p.sets_status, (p.date, p.event_id))
         FROM v_membership_events AS p
         WHERE p.city_id = e.actor_city_id AND p.sets_status IS NOT NULL AND p.date <= e.date) AS actor_status,
        (SELECT count(*)
         FROM v_membership_events AS p
         WHERE p.city_id = e.city_id AND p.event = 'circular_sent' AND p.date <= e.date) AS circulars_before
    FROM v_membership_events AS e
),
checked AS (
    SELECT
        e.event_id, e.city_id, e.event, e.date, e.actor_city_id, e.source_file, e.source_row, e.is_sample,
        CASE
            WHEN e.event IN ('consent', 'objection') AND e.actor_city_id IS NULL
                THEN 'actor_missing'
            WHEN e.event IN ('consent', 'objection')
                 AND coalesce(s.actor_status, '') NOT IN ('member', 'withdrawal_requested')
                THEN 'actor_not_member'
            WHEN e.event = 'admitted' AND coalesce(s.city_status, '') IN ('member', 'withdrawal_requested')
                THEN 'already_member'
            WHEN e.event = 'admitted' AND s.circulars_before = 0
                THEN 'admitted_without_circular'
            WHEN e.event IN ('withdrawal_requested', 'withdrawn')
                 AND coalesce(s.city_status, '') NOT IN ('member', 'withdrawal_requested')
                THEN 'withdrawal_without_membership'
        END AS finding
    FROM v_membership_events AS e
    JOIN status_before AS s USING (event_id)
)
SELECT
    event_id, city_id, event, date, actor_city_id, source_file, source_row, is_sample, finding,
    CASE finding
        WHEN 'actor_missing' THEN 'consent or objection without the responding city (actor_city_id)'
        WHEN 'actor_not_member' THEN 'consent or objection from a city that was not a member on that date'
        WHEN 'already_member' THEN 'admission of a city that was already a member'
        WHEN 'admitted_without_circular' THEN 'admission without a documented circular to the members before it'
        WHEN 'withdrawal_without_membership' THEN 'withdrawal of a city that was not a member'
    END AS message
FROM checked
WHERE finding IS NOT NULL;
