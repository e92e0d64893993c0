-- Membership events with the status each one sets. consent and objection set none.
CREATE VIEW v_membership_events AS
SELECT
    m.*,
    CASE m.event
        WHEN 'founded' THEN 'member'
        WHEN 'admitted' THEN 'member'
        WHEN 'applied' THEN 'applicant'
        WHEN 'circular_sent' THEN 'applicant'
        WHEN 'rejected' THEN 'rejected'
        WHEN 'observer' THEN 'observer'
        WHEN 'withdrawal_requested' THEN 'withdrawal_requested'
        WHEN 'withdrawn' THEN 'withdrawn'
    END AS sets_status
FROM memberships AS m;
