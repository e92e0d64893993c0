"""Which records a query reads: all of them, or the documented ones only (the global switch "documented
data only"). Records invented for illustration carry ``is_sample = true`` (cities, companies, projects,
membership events); every analytics function takes ``include_samples`` and reads its tables through
``records()``.

Without samples, the views that derive a status from the membership events (v_membership_status,
v_membership_findings) are computed from the documented events only: their own definition in
etl/sql/views/, read from the file, over the documented events (not a second definition).
"""

from __future__ import annotations

from functools import cache

from etl.contract.paths import SQL_DIR

# Tables and views with an is_sample column of their own: their documented rows are those without it.
FLAGGED = ("cities", "companies", "projects", "memberships", "v_membership_events", "v_companies",
           "city_sector_matrix")
# Views computed from the membership events: recomputed from the documented events.
FROM_EVENTS = ("v_membership_status", "v_membership_findings")
EVENTS = "v_membership_events"


def records(name: str, include_samples: bool = True) -> str:
    """``name`` as a relation for FROM or JOIN: the table or view itself, or only its documented rows.
    A fixed SQL text (no value is spliced into it); give it an alias: ``FROM {records('projects',
    include)} AS p``."""
    if include_samples:
        if name not in FLAGGED + FROM_EVENTS:
            raise ValueError(f"unknown relation {name!r}")
        return name
    if name in FLAGGED:
        return f"(SELECT * FROM {name} WHERE NOT is_sample)"
    if name == "v_membership_status":  # sample cities are left out as well
        return (f"(SELECT * FROM ({documented_view(name)}) "
                "WHERE city_id NOT IN (SELECT city_id FROM cities WHERE is_sample))")
    if name == "v_membership_findings":
        return f"({documented_view(name)})"
    raise ValueError(f"unknown relation {name!r}")


@cache
def documented_view(name: str) -> str:
    """The SELECT of the view ``name`` (etl/sql/views/<name>.sql) with the membership events it reads
    replaced by the documented ones."""
    if name not in FROM_EVENTS:
        raise ValueError(f"{name!r} is not computed from the membership events")
    text = (SQL_DIR / "views" / f"{name}.sql").read_text(encoding="utf-8")
    _, found, body = text.partition(f"CREATE VIEW {name} AS")
    body = body.strip().rstrip(";").strip()
    if not found or not body.startswith("WITH ") or EVENTS not in body:
        raise RuntimeError(f"etl/sql/views/{name}.sql is no longer 'CREATE VIEW {name} AS WITH ...' over {EVENTS}")
    body = body.replace(EVENTS, "documented_events")
    return f"WITH documented_events AS (SELECT * FROM {EVENTS} WHERE NOT is_sample),\n{body[len('WITH '):]}"
