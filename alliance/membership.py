"""Membership rules of the founding paper, derived from the event log at any date.

The paper's procedure: a city applies to the management (with economic key data, industrial
characteristics, current co-operations and co-operation wishes); the secretariat sends a circular to
all member cities asking for their opinion; the applicant is admitted with the members' consent.
A member withdraws by written request; the withdrawal is effective once the management has
informed all members (event ``withdrawn``).

Status of a city at a date D: set by its latest status-changing event on or before D (same date:
delivery order). founded/admitted -> member; applied/circular_sent -> applicant; observer ->
observer; rejected -> rejected; withdrawal_requested -> withdrawal_requested (still a member);
withdrawn -> withdrawn; no event -> non_member. consent and objection change no status.

An open procedure (status applicant at D) is tallied against the members at the date of its latest
circular (cities that were members or had requested withdrawal then, the applicant excepted); each
member's latest response between the circular and D counts. The admission rule is a parameter:

- ``all`` (default, the paper's "mit Zustimmung der Mitgliedsstädte" read literally): admissible
  when every member at the circular has consented;
- ``majority``: admissible when more than half of them have consented;
- ``no_objection``: admissible when no member has objected.
An objection blocks under ``all`` and ``no_objection``; under ``majority`` the procedure is blocked
once objections reach half of the members.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from alliance.scope import records

RULES = ("all", "majority", "no_objection")
DEFAULT_RULE = "all"
MEMBER_STATUSES = ("member", "withdrawal_requested")



def _status_at(include_samples: bool) -> str:
    """Each city's status at the date given as the one parameter, from the events in scope."""
    return f"""
    SELECT city_id, arg_max(sets_status, (date, event_id)) AS status, max(date) AS status_date
    FROM {records("v_membership_events", include_samples)}
    WHERE sets_status IS NOT NULL AND date <= ?
    GROUP BY city_id
"""


def status_at(con: duckdb.DuckDBPyConnection, at: date | None = None, include_samples: bool = True) -> pd.DataFrame:
    """Every city's status at ``at`` (default today): city_id, names, country, status, status_date,
    member_since (latest founding or admission up to ``at``, for members), is_member, is_sample
    (the city's events are sample records). Without samples, from the documented events only, and
    sample cities are left out."""
    at = at or date.today()
    events = records("memberships", include_samples)
    return con.execute(
        f"""
        WITH s AS ({_status_at(include_samples)}),
        joined AS (
            SELECT city_id, max(date) AS member_since FROM {events}
            WHERE event IN ('founded', 'admitted') AND date <= ? GROUP BY city_id
        ),
        sample AS (SELECT city_id, bool_or(is_sample) AS is_sample FROM {events} GROUP BY city_id)
        SELECT c.city_id, c.name_de, c.name_en, c.name_zh, c.country, coalesce(s.status, 'non_member') AS status,
               s.status_date,
               CASE WHEN coalesce(s.status, '') IN ('member', 'withdrawal_requested') THEN j.member_since END
                   AS member_since,
               coalesce(s.status, '') IN ('member', 'withdrawal_requested') AS is_member,
               coalesce(sample.is_sample, false) AS is_sample
        FROM {records("cities", include_samples)} AS c
        LEFT JOIN s USING (city_id)
        LEFT JOIN joined AS j USING (city_id)
        LEFT JOIN sample USING (city_id)
        ORDER BY c.country, c.name_de
        """,
        [at, at],
    ).df()


def open_procedures(
    con: duckdb.DuckDBPyConnection, at: date | None = None, rule: str = DEFAULT_RULE, include_samples: bool = True
) -> pd.DataFrame:
    """Applicants at ``at`` with the tally of their procedure under ``rule`` (without samples: from the
    documented events only, so an invented procedure is no procedure).

    Columns: city_id, name_de, name_zh, country, applied_on, circular_on, members_at_circular,
    consents, objections, outstanding (list of member city_ids still to answer), outcome
    ('no_circular', 'pending', 'admissible', 'blocked'; the next step is catalogue key nextstep.<outcome>),
    is_sample.
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, not {rule!r}")
    at = at or date.today()
    events, flagged = records("memberships", include_samples), records("v_membership_events", include_samples)
    rows = con.execute(
        f"""
        WITH s AS ({_status_at(include_samples)}),
        applicants AS (SELECT city_id FROM s WHERE status = 'applicant'),
        applied AS (
            SELECT city_id, max(date) AS applied_on FROM {events}
            WHERE event = 'applied' AND date <= ? AND city_id IN (SELECT city_id FROM applicants) GROUP BY city_id
        ),
        circular AS (
            SELECT m.city_id, max(m.date) AS circular_on FROM {events} AS m
            LEFT JOIN applied AS a USING (city_id)
            WHERE m.event = 'circular_sent' AND m.date <= ? AND m.date >= coalesce(a.applied_on, DATE '1900-01-01')
              AND m.city_id IN (SELECT city_id FROM applicants)
            GROUP BY m.city_id
        ),
        members_then AS (  -- members at the date of each applicant's circular
            SELECT ci.city_id AS applicant, e.city_id AS member
            FROM circular AS ci
            JOIN {flagged} AS e ON e.sets_status IS NOT NULL AND e.date <= ci.circular_on
            WHERE e.city_id <> ci.city_id
            GROUP BY ci.city_id, e.city_id
            HAVING arg_max(e.sets_status, (e.date, e.event_id)) IN ('member', 'withdrawal_requested')
        ),
        responses AS (  -- each member's latest answer between the circular and the date
            SELECT m.city_id AS applicant, m.actor_city_id AS member,
                   arg_max(m.event, (m.date, m.event_id)) AS answer
            FROM {events} AS m JOIN circular AS ci ON ci.city_id = m.city_id
            WHERE m.event IN ('consent', 'objection') AND m.date BETWEEN ci.circular_on AND ?
              AND m.actor_city_id IS NOT NULL
            GROUP BY ALL
        ),
        tally AS (
            SELECT mt.applicant, count(*) AS members_at_circular,
                   count(*) FILTER (WHERE r.answer = 'consent') AS consents,
                   count(*) FILTER (WHERE r.answer = 'objection') AS objections,
                   list(mt.member ORDER BY mt.member) FILTER (WHERE r.answer IS NULL) AS outstanding
            FROM members_then AS mt
            LEFT JOIN responses AS r ON r.applicant = mt.applicant AND r.member = mt.member
            GROUP BY mt.applicant
        ),
        sample AS (SELECT city_id, bool_or(is_sample) AS is_sample FROM {events} GROUP BY city_id)
        SELECT c.city_id, c.name_de, c.name_zh, c.country, a.applied_on, ci.circular_on,
               coalesce(t.members_at_circular, 0) AS members_at_circular, coalesce(t.consents, 0) AS consents,
               coalesce(t.objections, 0) AS objections, coalesce(t.outstanding, []) AS outstanding,
               coalesce(sample.is_sample, false) AS is_sample
        FROM applicants AS p
        JOIN {records("cities", include_samples)} AS c USING (city_id)
        LEFT JOIN applied AS a USING (city_id)
        LEFT JOIN circular AS ci USING (city_id)
        LEFT JOIN tally AS t ON t.applicant = p.city_id
        LEFT JOIN sample USING (city_id)
        ORDER BY a.applied_on, c.city_id
        """,
        [at, at, at, at],
    ).df()
    outcomes = [_outcome(r, rule) for r in rows.itertuples()]
    rows["outcome"] = outcomes
    return rows


def _outcome(row, rule: str) -> str:
    if pd.isna(row.circular_on):
        return "no_circular"
    members = row.members_at_circular
    if rule == "all":
        if row.objections:
            return "blocked"
        return "admissible" if row.consents == members else "pending"
    if rule == "majority":
        if row.consents * 2 > members:
            return "admissible"
        return "blocked" if row.objections * 2 >= members and members else "pending"
    return "blocked" if row.objections else "admissible"  # no_objection


def findings(con: duckdb.DuckDBPyConnection, include_samples: bool = True) -> pd.DataFrame:
    """Events that break the procedure, with the file and row they came from (v_membership_findings;
    without samples: the documented events checked against the documented events only)."""
    return con.execute(
        "SELECT f.finding, f.message, f.city_id, c.name_de, c.name_zh, f.event, f.date, f.actor_city_id, "
        f"f.source_file, f.source_row, f.is_sample FROM {records('v_membership_findings', include_samples)} AS f "
        f"JOIN {records('cities', include_samples)} AS c USING (city_id) ORDER BY f.date, f.event_id"
    ).df()


def members_over_time(con: duckdb.DuckDBPyConnection, include_samples: bool = True) -> pd.DataFrame:
    """Members per country after each date on which a status changed: date, country, members.
    Countries without a member on a date are listed with 0, so lines step down as well as up."""
    events, cities = records("v_membership_events", include_samples), records("cities", include_samples)
    return con.execute(
        f"""
        WITH dates AS (SELECT DISTINCT date FROM {events} WHERE sets_status IS NOT NULL),
        states AS (
            SELECT d.date, e.city_id, arg_max(e.sets_status, (e.date, e.event_id)) AS status
            FROM dates AS d JOIN {events} AS e ON e.sets_status IS NOT NULL AND e.date <= d.date
            GROUP BY d.date, e.city_id
        ),
        countries AS (SELECT DISTINCT country FROM {cities})
        SELECT d.date, k.country,
               count(s.city_id) FILTER (WHERE s.status IN ('member', 'withdrawal_requested')) AS members
        FROM dates AS d CROSS JOIN countries AS k
        LEFT JOIN states AS s
            ON s.date = d.date AND s.city_id IN (SELECT city_id FROM {cities} WHERE country = k.country)
        GROUP BY d.date, k.country
        ORDER BY d.date, k.country
        """
    ).df()


def membership_periods(con: duckdb.DuckDBPyConnection, until: date | None = None,
                       include_samples: bool = True) -> pd.DataFrame:
    """Each period in which a city was a member (or an observer): city, country, kind ('member' or
    'observer'), start, end (the next status change, or ``until``, default today), is_sample."""
    until = until or date.today()
    return con.execute(
        f"""
        WITH periods AS (  -- status changes; a withdrawal request continues the membership
            SELECT city_id, date, is_sample,
                   replace(sets_status, 'withdrawal_requested', 'member') AS kind,
                   replace(lag(sets_status) OVER (PARTITION BY city_id ORDER BY date, event_id),
                           'withdrawal_requested', 'member') AS was
            FROM {records("v_membership_events", include_samples)} WHERE sets_status IS NOT NULL AND date <= ?
        ),
        starts AS (
            SELECT city_id, kind, date AS start, is_sample,
                   (SELECT min(q.date) FROM periods AS q WHERE q.city_id = p.city_id AND q.date > p.date
                    AND q.kind <> p.kind) AS stop
            FROM periods AS p
            WHERE kind IN ('member', 'observer') AND kind IS DISTINCT FROM was
        )
        SELECT s.city_id, c.name_de, c.name_zh, c.country, s.kind, s.start, coalesce(s.stop, ?) AS "end",
               s.is_sample
        FROM starts AS s JOIN {records("cities", include_samples)} AS c USING (city_id)
        ORDER BY s.start, c.country, c.name_de
        """,
        [until, until],
    ).df()
