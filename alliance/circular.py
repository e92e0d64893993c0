"""The circular answered in the app: which procedures a member city must answer, and the membership
events an answer, an application or a circular become (alliance/membership.py holds the rules).

An answer is the event ``consent`` or ``objection`` of the applicant's procedure with the answering
member as ``actor_city_id``, dated the day it is recorded; its latest answer counts (membership.py),
so a city may change its mind until the decision. Who recorded it and when travel with the event
(``recorded_by``, ``recorded_at``), into the membership log and every export of it.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from alliance import membership

ANSWERS = ("consent", "objection")
MAX_NOTE_CHARS = 500


class RefusedEvent(ValueError):
    """The event may not be recorded; ``reason`` is a token (catalogue key circular.refused.<reason>)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def due(con: duckdb.DuckDBPyConnection, cities: tuple[str, ...], at: date | None = None) -> pd.DataFrame:
    """The open procedures (circular sent) that one of ``cities`` must answer as a member at the
    circular: applicant city_id, name_de, name_zh, circular_on, member (the answering city), answer
    (its latest answer so far, or None), outcome (under the default rule). Documented and sample
    procedures alike: a sample procedure is flagged (is_sample)."""
    procedures = membership.open_procedures(con, at)
    members = _members_at_circular(con, procedures)
    rows = []
    for p in procedures.itertuples():
        if pd.isna(p.circular_on):
            continue
        for member in sorted(set(cities) & members.get(p.city_id, set())):
            rows.append({"city_id": p.city_id, "name_de": p.name_de, "name_zh": p.name_zh,
                         "circular_on": p.circular_on, "member": member,
                         "answer": _latest_answer(con, p.city_id, member, p.circular_on),
                         "outcome": p.outcome, "is_sample": bool(p.is_sample)})
    return pd.DataFrame(rows, columns=["city_id", "name_de", "name_zh", "circular_on", "member", "answer",
                                       "outcome", "is_sample"])


def _members_at_circular(con: duckdb.DuckDBPyConnection, procedures: pd.DataFrame) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for p in procedures.itertuples():
        if pd.isna(p.circular_on):
            continue
        status = membership.status_at(con, p.circular_on)
        found[p.city_id] = {c for c, m in zip(status["city_id"], status["is_member"], strict=True)
                            if m and c != p.city_id}
    return found


def _latest_answer(con: duckdb.DuckDBPyConnection, applicant: str, member: str, since: date) -> str | None:
    rows = con.execute(
        "SELECT event FROM memberships WHERE city_id = ? AND actor_city_id = ? AND event IN ('consent', 'objection') "
        "AND date >= ? ORDER BY date DESC, event_id DESC LIMIT 1", [applicant, member, since]).fetchall()
    return rows[0][0] if rows else None


def answer_event(con: duckdb.DuckDBPyConnection, applicant: str, member: str, answer: str, note: str = "",
                 on: date | None = None) -> dict:
    """The membership event of ``member``'s ``answer`` to ``applicant``'s circular; RefusedEvent if
    the answer is unknown, or ``member`` is not asked in an open procedure of ``applicant``."""
    if answer not in ANSWERS:
        raise RefusedEvent("unknown_answer")
    if len(note) > MAX_NOTE_CHARS:
        raise RefusedEvent("note_too_long")
    asked = due(con, (member,), on)
    if asked[asked["city_id"] == applicant].empty:
        raise RefusedEvent("not_asked")
    on = on or date.today()
    return {"city_id": applicant, "event": answer, "date": on.isoformat(), "actor_city_id": member,
            "note": note.strip()}


def may_apply(con: duckdb.DuckDBPyConnection, at: date | None = None) -> list[str]:
    """Cities that may apply now: neither members, applicants nor withdrawing (sample cities left out)."""
    status = membership.status_at(con, at, include_samples=False)
    return [c for c, s in zip(status["city_id"], status["status"], strict=True)
            if s in ("non_member", "observer", "rejected", "withdrawn")]


def application_event(con: duckdb.DuckDBPyConnection, city_id: str, on: date | None = None) -> dict:
    if city_id not in may_apply(con, on):
        raise RefusedEvent("cannot_apply")
    return {"city_id": city_id, "event": "applied", "date": (on or date.today()).isoformat()}


def awaiting_circular(con: duckdb.DuckDBPyConnection, at: date | None = None) -> list[str]:
    """Applicants whose circular has not been sent yet."""
    procedures = membership.open_procedures(con, at)
    return [p.city_id for p in procedures.itertuples() if p.outcome == "no_circular"]


def circular_event(con: duckdb.DuckDBPyConnection, city_id: str, on: date | None = None) -> dict:
    if city_id not in awaiting_circular(con, on):
        raise RefusedEvent("no_application")
    return {"city_id": city_id, "event": "circular_sent", "date": (on or date.today()).isoformat()}
