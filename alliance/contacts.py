"""The shortlist of companies a user wants to contact, and the contact proposals made from it (the
matching page shows and exports them; the committee deck carries them as "contact proposals").

The shortlist lives in the URL parameter ``shortlist`` (company ids joined by ","). A proposal is one
shortlisted company with the facts a first contact needs (employee figure with year and scope,
website, sources, a risk or status note) and its best partner: for a company outside the focus city's
country, the best match (alliance/matching.py, match_companies) among the focus city's companies, else
among all companies of the other country; for a company in the focus city's country, its best match in
the other country. The partner's reasons are those of that match.
"""

from __future__ import annotations

import logging

import duckdb
import pandas as pd

from alliance import matching
from alliance.scope import records

log = logging.getLogger(__name__)

PROPOSAL_COLUMNS = [
    "company_id", "name", "name_zh", "city_id", "city_de", "city_en", "city_zh", "country", "nace_code",
    "employees", "employees_year", "employees_scope", "website", "source_url", "sources", "is_sample", "note",
    "note_source", "note_date", "best_partner_id", "best_partner_name", "best_partner_name_zh",
    "best_partner_city_id", "best_partner_is_sample", "score", "reasons",
]


def shortlist_ids(raw: str | None) -> list[str]:
    """The ids of a ``shortlist`` value in their order, each once, blanks trimmed."""
    return list(dict.fromkeys(part.strip() for part in (raw or "").split(",") if part.strip()))


def parse_shortlist(con: duckdb.DuckDBPyConnection, raw: str | None, include_samples: bool = True) -> tuple[str, ...]:
    """The known ids of ``raw`` (see matching.parse_shortlist), at most matching.MAX_SHORTLIST."""
    wanted = shortlist_ids(raw)
    if not wanted:
        return ()
    known = {cid for (cid,) in con.execute(
        f"SELECT company_id FROM {records('companies', include_samples)} WHERE list_contains(?, company_id)",
        [wanted],
    ).fetchall()}
    return tuple(cid for cid in wanted if cid in known)[:matching.MAX_SHORTLIST]


def companies_by_id(con: duckdb.DuckDBPyConnection, company_ids: list[str] | tuple[str, ...],
                    include_samples: bool = True) -> pd.DataFrame:
    """Companies with their city, as matching.find_companies returns them, in the order of ``company_ids``."""
    found = con.execute(
        "SELECT c.company_id, c.name, c.name_zh, c.city_id, ci.name_de AS city_de, ci.name_en AS city_en, "
        "ci.name_zh AS city_zh, ci.country, coalesce(c.sector, c.nace_division) AS nace_code, c.employees, "
        "c.employees_year, c.employees_scope, c.website, c.source AS sources, c.is_sample, c.note, c.note_source, "
        f"c.note_date FROM {records('companies', include_samples)} AS c JOIN cities AS ci USING (city_id) "
        "WHERE list_contains(?, c.company_id)",
        [list(company_ids)],
    ).df()
    found["note_date"] = [None if pd.isna(d) else pd.Timestamp(d).date() for d in found["note_date"]]
    order = {cid: i for i, cid in enumerate(company_ids)}
    return found.sort_values("company_id", key=lambda ids: ids.map(order)).reset_index(drop=True)


def first_source(sources: object) -> str:
    """The first of ';'-separated sources ("" for none)."""
    return next((part.strip() for part in sources.split(";") if part.strip()), "") if isinstance(sources, str) else ""


def contact_proposals(con: duckdb.DuckDBPyConnection, focus_city_id: str, company_ids: tuple[str, ...] | list[str],
                      include_samples: bool) -> pd.DataFrame:
    """See matching.contact_proposals; columns PROPOSAL_COLUMNS (``score``: the best partner match's 0-100)."""
    companies = companies_by_id(con, list(company_ids)[:matching.MAX_SHORTLIST], include_samples)
    if companies.empty:
        return pd.DataFrame(columns=PROPOSAL_COLUMNS)
    focus = con.execute("SELECT country FROM cities WHERE city_id = ?", [focus_city_id]).fetchall()
    focus_country = focus[0][0] if focus else None
    partners = [_best_partner(con, row.company_id, row.country, focus_city_id, focus_country, include_samples)
                for row in companies.itertuples()]
    proposals = companies.assign(
        source_url=[first_source(s) for s in companies["sources"]],
        note=companies["note"].fillna(""),
        best_partner_id=[p.get("company_id", "") for p in partners],
        best_partner_name=[p.get("name", "") for p in partners],
        best_partner_name_zh=[p.get("name_zh") or "" for p in partners],
        best_partner_city_id=[p.get("city_id", "") for p in partners],
        best_partner_is_sample=[bool(p.get("is_sample", False)) for p in partners],
        score=[p.get("score") for p in partners],
        reasons=[p.get("reasons", []) for p in partners],
    )
    return proposals[PROPOSAL_COLUMNS]


def _best_partner(con: duckdb.DuckDBPyConnection, company_id: str, country: str, focus_city_id: str,
                  focus_country: str | None, include_samples: bool) -> dict:
    """The best match of one company (see the module docstring), {} when it has none."""
    match = pd.DataFrame()
    if focus_country is not None and country != focus_country:
        match = matching.match_companies(con, company_id, k=1, include_samples=include_samples,
                                         city_id=focus_city_id)
    if match.empty:
        match = matching.match_companies(con, company_id, k=1, include_samples=include_samples)
    if match.empty:
        log.info("no partner for shortlisted company %s", company_id)
        return {}
    return match.iloc[0].to_dict()
