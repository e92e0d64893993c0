"""Which companies the deck's contact proposals are about: the shortlist of the matching page (URL
parameter ``shortlist``, read by ``alliance.contacts.parse_shortlist``), else the focus city's SMEs whose
best match scores highest. The proposals themselves (figure, website, note, best partner and why) are
``alliance.contacts.contact_proposals``, the one implementation the matching page uses as well.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from alliance import contacts, matching
from alliance.scope import records

DEFAULT_PROPOSALS = 4  # without a shortlist: the focus city's SMEs with the best matches
CANDIDATES = 40  # focus-city companies scored for the default choice


def known_companies(con: duckdb.DuckDBPyConnection, company_ids: Sequence[str], include_samples: bool) -> list[str]:
    """The ids of ``company_ids`` that name a company in scope, in the given order, each once."""
    return list(contacts.parse_shortlist(con, ",".join(company_ids), include_samples))


def has_smes(con: duckdb.DuckDBPyConnection, focus: str, include_samples: bool) -> bool:
    """Whether the focus city has an SME in scope."""
    return bool(con.execute(f"SELECT count(*) FROM {records('v_companies', include_samples)} "
                            "WHERE city_id = $focus AND is_sme", {"focus": focus}).fetchall()[0][0])


def default_shortlist(con: duckdb.DuckDBPyConnection, focus: str, include_samples: bool,
                      n: int = DEFAULT_PROPOSALS) -> list[str]:
    """Without a shortlist: the focus city's SMEs whose best match scores highest (documented first);
    a city without an SME in scope gets its other companies instead (``has_smes`` tells which)."""
    candidates = con.execute(
        f"SELECT company_id, is_sample FROM {records('v_companies', include_samples)} "
        "WHERE city_id = $focus AND (is_sme OR NOT $smes) ORDER BY is_sample, employees DESC, company_id "
        "LIMIT $limit",
        {"focus": focus, "smes": has_smes(con, focus, include_samples), "limit": CANDIDATES}).fetchall()
    scored = []
    for company_id, is_sample in candidates:
        best = matching.match_companies(con, company_id, k=1, include_samples=include_samples)
        if not best.empty:
            scored.append((bool(is_sample), -float(best.iloc[0]["score"]), company_id))
    return [company_id for *_, company_id in sorted(scored)[:n]]


def proposals_for(con: duckdb.DuckDBPyConnection, focus: str, shortlist: Sequence[str], include_samples: bool,
                  n: int = DEFAULT_PROPOSALS) -> tuple[pd.DataFrame, bool]:
    """The contact proposals (alliance.contacts.PROPOSAL_COLUMNS) of the known ids of ``shortlist``, at most
    ``n``, or of the default choice; and whether they come from the shortlist."""
    ids = known_companies(con, shortlist, include_samples)
    from_shortlist = bool(ids)
    ids = ids or default_shortlist(con, focus, include_samples, n)
    return contacts.contact_proposals(con, focus, ids[:n], include_samples), from_shortlist
