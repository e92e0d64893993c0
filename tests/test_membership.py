"""Membership rules on a fixture event log (expected values worked out in the comments)."""

from datetime import date

import pandas as pd
import pytest

from alliance import membership
from alliance.i18n import t
from tests.factory import build_db, city, make_tables


def event(city_id, kind, day, actor="", sample="false"):
    return {"city_id": city_id, "event": kind, "date": day, "actor_city_id": actor, "source": "s",
            "is_sample": sample}


EVENTS = [
    event("f1", "founded", "2016-04-25"),
    event("f2", "founded", "2016-04-25"),
    event("f3", "admitted", "2017-04-24"),
    event("app", "applied", "2026-01-10"),
    event("app", "circular_sent", "2026-02-01", actor="f1"),
    event("app", "consent", "2026-02-05", actor="f1"),
    event("app", "objection", "2026-02-06", actor="f2"),
    event("app", "consent", "2026-02-10", actor="f2"),  # f2 changes its mind: its latest answer counts
    event("app", "consent", "2026-02-11", actor="app2"),  # app2 is no member: a finding, not counted
    event("f3", "withdrawal_requested", "2026-02-20"),
    event("app2", "applied", "2026-02-15"),
    event("f2", "withdrawal_requested", "2026-03-15"),
    event("f2", "withdrawn", "2026-04-01"),
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    from alliance.db import connect

    tables = make_tables(
        cities=[city("f1", "CN"), city("f2", "CN"), city("f3", "DE"), city("app", "DE"), city("app2", "DE"),
                city("none", "DE")],
        memberships=EVENTS,
    )
    connection = connect(build_db(tmp_path_factory.mktemp("membership"), tables))
    yield connection
    connection.close()


def statuses(con, day):
    return dict(membership.status_at(con, day)[["city_id", "status"]].values.tolist())


def test_status_at_dates(con):
    assert statuses(con, date(2016, 1, 1)) == {c: "non_member" for c in ("f1", "f2", "f3", "app", "app2", "none")}
    assert statuses(con, date(2026, 3, 1)) == {"f1": "member", "f2": "member", "f3": "withdrawal_requested",
                                               "app": "applicant", "app2": "applicant", "none": "non_member"}
    assert statuses(con, date(2026, 3, 20))["f2"] == "withdrawal_requested"
    assert statuses(con, date(2026, 4, 2))["f2"] == "withdrawn"
    since = membership.status_at(con, date(2026, 3, 1)).set_index("city_id")
    assert since.loc["f3", "member_since"] == pd.Timestamp(2017, 4, 24) and bool(since.loc["f3", "is_member"])
    assert pd.isna(since.loc["app", "member_since"])


def test_open_procedure_tally(con):
    procs = membership.open_procedures(con, date(2026, 3, 1)).set_index("city_id")
    app = procs.loc["app"]
    # members at the circular (2026-02-01): f1, f2, f3 -> 3; answers: f1 consent, f2 consent (latest)
    assert (app.members_at_circular, app.consents, app.objections) == (3, 2, 0)
    assert list(app.outstanding) == ["f3"]
    assert app.outcome == "pending"
    step = t(f"nextstep.{app.outcome}", "de", n=len(app.outstanding), members=app.members_at_circular)
    assert step == "Stellungnahmen ausstehend: 1 von 3 Mitgliedsstädten"  # the wording lives in the catalogue
    assert procs.loc["app2", "outcome"] == "no_circular"


@pytest.mark.parametrize(("rule", "expected"), [("all", "pending"), ("majority", "admissible"),
                                                ("no_objection", "admissible")])
def test_admission_rule_is_a_parameter(con, rule, expected):
    procs = membership.open_procedures(con, date(2026, 3, 1), rule=rule).set_index("city_id")
    assert procs.loc["app", "outcome"] == expected


def test_objection_blocks_under_all(con):
    # on 2026-02-07 f2's objection is its latest answer: 1 consent, 1 objection of 3
    procs = membership.open_procedures(con, date(2026, 2, 7)).set_index("city_id")
    assert (procs.loc["app", "consents"], procs.loc["app", "objections"]) == (1, 1)
    assert procs.loc["app", "outcome"] == "blocked"
    assert membership.open_procedures(con, date(2026, 2, 7), rule="majority").set_index(
        "city_id").loc["app", "outcome"] == "pending"  # 1 objection * 2 < 3


def test_unknown_rule(con):
    with pytest.raises(ValueError):
        membership.open_procedures(con, rule="unanimity")


def test_findings_name_their_rows(con):
    f = membership.findings(con)
    rows = {(r.finding, r.city_id, r.source_row) for r in f.itertuples()}
    # header = row 1: f3 admitted is row 4, app2's consent row 10
    assert ("admitted_without_circular", "f3", 4) in rows
    assert ("actor_not_member", "app", 10) in rows
    assert not any(r[1] == "f2" for r in rows)  # a proper withdrawal


def test_members_over_time(con):
    m = membership.members_over_time(con)
    cn = {d.date(): n for d, n in m[m.country == "CN"][["date", "members"]].values.tolist()}
    de = {d.date(): n for d, n in m[m.country == "DE"][["date", "members"]].values.tolist()}
    assert cn[date(2016, 4, 25)] == 2 and de[date(2016, 4, 25)] == 0
    assert de[date(2017, 4, 24)] == 1
    assert de[date(2026, 2, 20)] == 1  # withdrawal requested: still a member
    assert cn[date(2026, 4, 1)] == 1  # f2 withdrawn


def test_membership_periods(con):
    periods = membership.membership_periods(con, until=date(2026, 6, 1))
    rows = {(r.city_id, r.kind): (r.start.date(), r.end.date()) for r in periods.itertuples()}
    # f2: founded 2016-04-25, withdrawal requested 2026-03-15 (still a member), withdrawn 2026-04-01
    assert rows[("f2", "member")] == (date(2016, 4, 25), date(2026, 4, 1))
    assert rows[("f3", "member")] == (date(2017, 4, 24), date(2026, 6, 1))
    assert ("app", "member") not in rows
