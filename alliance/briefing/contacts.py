"""Contact proposals for the deck: the shortlist of the matching page (company ids) with each company's
best partner and the reasons.

``alliance.matching.contact_proposals`` is the one implementation once the matching work is merged;
until then ``_local_contact_proposals`` builds the same frame from the companies table. Keep the
fallback in this one function so that it can be dropped on merge.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import duckdb
import pandas as pd

from alliance import matching
from alliance.scope import records

log = logging.getLogger(__name__)

COLUMNS = ["company_id", "name", "name_zh", "city_id", "country", "nace_code", "employees", "employees_year",
           "employees_scope", "website", "source_url", "is_sample", "note", "best_partner_id",
           "best_partner_name", "reasons"]
DEFAULT_PROPOSALS = 4  # without a shortlist: the focus city's SMEs with the best matches
PARTNER_POOL = 50  # candidates searched for a focus-city partner of a shortlisted company abroad


def known_companies(con: duckdb.DuckDBPyConnection, company_ids: Sequence[str], include_samples: bool) -> list[str]:
    """The ids of ``company_ids`` that name a company in scope, in the given order (duplicates dropped)."""
    wanted = list(dict.fromkeys(company_ids))
    if not wanted:
        return []
    found = {row[0] for row in con.execute(
        f"SELECT company_id FROM {records('v_companies', include_samples)} WHERE list_contains($ids, company_id)",
        {"ids": wanted}).fetchall()}
    return [c for c in wanted if c in found]


def default_shortlist(con: duckdb.DuckDBPyConnection, focus: str, include_samples: bool,
                      n: int = DEFAULT_PROPOSALS) -> list[str]:
    """Without a shortlist: the focus city's SMEs whose best match scores highest (documented first);
    a city without an SME in scope gets its other companies instead (``has_smes`` tells which)."""
    smes = con.execute(
        f"SELECT company_id, is_sample FROM {records('v_companies', include_samples)} "
        "WHERE city_id = $focus AND (is_sme OR NOT $smes) ORDER BY is_sample, employees DESC, company_id LIMIT 40",
        {"focus": focus, "smes": has_smes(con, focus, include_samples)}).fetchall()
    scored = []
    for company_id, is_sample in smes:
        best = matching.match_companies(con, company_id, k=1, include_samples=include_samples)
        if not best.empty:
            scored.append((bool(is_sample), -float(best.iloc[0]["score"]), company_id))
    return [company_id for *_, company_id in sorted(scored)[:n]]


def has_smes(con: duckdb.DuckDBPyConnection, focus: str, include_samples: bool) -> bool:
    """Whether the focus city has an SME in scope."""
    return bool(con.execute(f"SELECT count(*) FROM {records('v_companies', include_samples)} "
                            "WHERE city_id = $focus AND is_sme", {"focus": focus}).fetchall()[0][0])


def contact_proposals(con: duckdb.DuckDBPyConnection, focus: str, company_ids: Sequence[str],
                      include_samples: bool) -> pd.DataFrame:
    """One row per company of ``company_ids`` (unknown ids left out), columns COLUMNS."""
    provided = getattr(matching, "contact_proposals", None)
    if provided is not None:
        return provided(con, focus, list(company_ids), include_samples)
    return _local_contact_proposals(con, focus, company_ids, include_samples)


def _local_contact_proposals(con: duckdb.DuckDBPyConnection, focus: str, company_ids: Sequence[str],
                             include_samples: bool) -> pd.DataFrame:
    """The fallback: the company's facts from v_companies, its note from the quality notes (sourced), and
    its best partner: for a focus-city company the best match abroad, for a company abroad the best
    match among the focus city's companies (from its own side); reasons as match_companies gives them."""
    ids = known_companies(con, company_ids, include_samples)
    if not ids:
        return pd.DataFrame(columns=COLUMNS)
    facts = con.execute(
        f"""
        SELECT c.company_id, c.name, c.name_zh, c.city_id, c.country, c.nace_division AS nace_code, c.employees,
               c.employees_year, c.employees_scope, c.website, c.source AS source_url, c.is_sample,
               (SELECT string_agg(q.note, ' ' ORDER BY q.source_row) FROM quality_notes AS q
                WHERE q.subject_table = 'companies' AND q.subject_id = c.company_id) AS note
        FROM {records('v_companies', include_samples)} AS c
        WHERE list_contains($ids, c.company_id)
        """, {"ids": ids}).df().set_index("company_id").reindex(ids).reset_index()
    partners = [_best_partner(con, row.company_id, row.city_id == focus, focus, include_samples)
                for row in facts.itertuples()]
    facts["best_partner_id"] = [p[0] for p in partners]
    facts["best_partner_name"] = [p[1] for p in partners]
    facts["reasons"] = [p[2] for p in partners]
    log.debug("contact proposals for %s: %d of %d ids known", focus, len(ids), len(company_ids))
    return facts[COLUMNS]


def _best_partner(con: duckdb.DuckDBPyConnection, company_id: str, in_focus: bool, focus: str,
                  include_samples: bool) -> tuple[str | None, str | None, list]:
    found = matching.match_companies(con, company_id, k=1 if in_focus else PARTNER_POOL,
                                     include_samples=include_samples)
    if not in_focus:
        found = found[found["city_id"] == focus]
    if found.empty:
        return None, None, []
    top = found.iloc[0]
    return str(top["company_id"]), str(top["name"]), list(top["reasons"])
