"""What the committee briefing says, computed once from the database and in no language: a German
Beschlussvorlage in three parts, Sachstand (facts), Bewertung (assessment) and Empfehlung
(recommendation), then the sources. Every slide has one message as its title (a catalogue phrase
stating the finding, with ids and numbers), lines and speaker notes as phrases (the notes are
sentences), tables as typed columns of ids and numbers, the data of its chart and a source line.
alliance/briefing/render.py puts it into the deck's language (alliance/i18n.py) and draws it; the deck
and the handout say the same.

The deck rests on documented records only, unless the request includes the sample records
(``Briefing.include_samples``): then every figure, chart and suggestion counts them as the pages do,
and every slide carries the sample mark (``Content.sample_mark``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlparse

import duckdb
import pandas as pd

from alliance import focus as focus_module
from alliance import geo, membership, overview, projects, sectors
from alliance.briefing import contacts
from alliance.i18n import LANGUAGES, Names, Phrase
from alliance.scope import records

MATCHED_SMES = contacts.DEFAULT_PROPOSALS
ALL_PARTNERS = 1_000  # the focus brief's ranking in full: the request may name any partner city
REASON_CHARS = 150  # a reason cell holds whole reasons up to this display width (a Chinese character: 2)
CONTACT_REASON_CHARS = 110  # the contacts table has more columns
TOP_SECTORS = 8  # Branchen in the profile chart
THREE_SECTORS = ("A", "B-F", "G-U")  # the official sectors every city publishes (China: three sectors only)
PARTNERS = 3  # partner cities when the request names none
MAX_PROPOSALS = 4  # contact proposals on one slide
MAX_PROJECTS = 6  # the focus city's projects on one slide
WEAK_SCORE = 30  # a best partner score below this is called a weak match
# Sections in the order of the Beschlussvorlage; each makes one slide ("sectors" two: profile and ranking).
SECTIONS = ("alliance", "status", "focus_projects", "projects", "map", "sectors", "smes", "coverage", "partners",
            "matches", "procedures", "sources")
PARTS = {"alliance": "facts", "status": "facts", "focus_projects": "facts", "projects": "facts", "map": "facts",
         "profile": "assessment", "sectors": "assessment", "smes": "assessment", "coverage": "assessment",
         "partners": "recommendation", "matches": "recommendation", "procedures": "recommendation",
         "sources": "annex"}
FOUNDED = date(2016, 4, 25)
SAMPLE_TABLES = ("companies", "projects", "memberships")  # tables whose sample records the deck names


@dataclass(frozen=True)
class Briefing:
    committee: str = "Wirtschaftsausschuss"
    meeting: date = field(default_factory=date.today)
    focus: str = "mainz"
    partners: tuple[str, ...] = ()  # default: the PARTNERS best-ranked partner cities
    sections: tuple[str, ...] = SECTIONS
    lang: str = "de"  # the deck's language: de, en or zh
    include_samples: bool = False  # documented records only, unless asked; then every slide is marked
    shortlist: tuple[str, ...] = ()  # company ids from the matching page; empty: the focus city's best SME matches


@dataclass
class Column:
    """One table column: its header (a phrase), how its values are shown (an alliance.i18n.value_text
    kind: city, company, sectors, integer, decimal2, reasons, text, ...) and the values (ids, numbers,
    tokens, phrases)."""

    header: Phrase
    kind: str
    values: list[Any]
    limit: int | None = None  # for reasons: characters per cell


@dataclass
class Chart:
    """The data of one chart (kind: members, map, profile, projects); ``cities`` are the focus city
    and its partners, in that order."""

    kind: str
    data: pd.DataFrame
    cities: tuple[str, ...] = ()


@dataclass
class Slide:
    key: str
    title: Phrase  # the slide's message, a sentence
    lines: list[Phrase] = field(default_factory=list)
    table: list[Column] | None = None
    chart: Chart | None = None
    notes: list[Phrase] = field(default_factory=list)  # speaker notes, each a sentence
    source: Phrase | None = None  # the source line

    @property
    def part(self) -> str:
        """facts, assessment, recommendation or annex (the Beschlussvorlage's parts)."""
        return PARTS[self.key]


@dataclass
class Content:
    request: Briefing
    title: str  # the committee, as the user wrote it
    subtitle: Phrase
    slides: list[Slide]
    figures: dict[str, float | int]  # key figures, for tests and the benchmark
    names: Names  # names of the ids above, in every language
    sample_mark: Phrase | None = None  # shown on every slide when sample records are included
    cover_notes: list[Phrase] = field(default_factory=list)


def briefing_content(con: duckdb.DuckDBPyConnection, request: Briefing) -> Content:
    """Everything the deck and the handout show, computed from the database (KeyError for an unknown focus).
    The focus city's partners, projects, SME overlaps, procedures to answer and coverage are those of its
    brief (alliance/focus.py), so that the deck says what the focus page shows."""
    names = sectors.reference_names(con)
    if request.focus not in names.cities:
        raise KeyError(request.focus)
    focus, today, samples = request.focus, request.meeting, request.include_samples
    brief = focus_module.focus_brief(con, focus, include_samples=samples, at=today, top=ALL_PARTNERS)
    status = membership.status_at(con, today, include_samples=samples)
    ranking = brief.best_partners
    known = set(ranking["partner_id"]) if not ranking.empty else set()
    partners = [p for p in request.partners if p in known] or ranking["partner_id"].head(PARTNERS).tolist()
    chosen = ranking.set_index("partner_id").reindex(partners) if partners else ranking.set_index("partner_id")
    figures: dict[str, float | int] = {}
    wanted = set(request.sections)
    slides: list[Slide] = []
    if "alliance" in wanted:
        slides.append(_alliance_slide(con, status, today, figures, samples))
    if "status" in wanted:
        slides.append(_status_slide(con, status, focus, today, figures, samples))
    if "focus_projects" in wanted:
        slides.append(_focus_projects_slide(brief, figures, samples))
    if "projects" in wanted:
        slides.append(_projects_slide(con, figures, samples))
    if "map" in wanted:
        points = geo.city_points(con, include_samples=samples)[["city_id", "lon", "lat", "status"]]
        slides.append(Slide("map", Phrase("briefing.msg.map", {"city": focus, "cities": _cities(partners)}),
                            chart=Chart("map", points, (focus, *partners)),
                            notes=[Phrase("briefing.note.map", {"city": focus, "cities": _cities(partners)})],
                            source=Phrase("briefing.source.map")))
    if "sectors" in wanted:
        slides += _sector_slides(con, brief, partners, chosen, figures, samples)
    if "smes" in wanted and not brief.overlaps.empty:
        slides.append(_overlaps_slide(brief, figures))
    if "coverage" in wanted:
        slides.append(_coverage_slide(con, brief, figures, samples, overlaps_shown="smes" in wanted))
    if "partners" in wanted:
        slides.append(_partners_slide(focus, chosen))
    if "matches" in wanted:
        slides.append(_matches_slide(con, request, figures))
    if "procedures" in wanted:
        slides.append(_procedures_slide(brief, today, figures))
    if "sources" in wanted:
        slides.append(_sources_slide(con, samples))
    subtitle = Phrase("briefing.subtitle", {"date": request.meeting, "city": focus})
    mark = Phrase("briefing.sample_mark") if samples else None
    cover_notes = [Phrase("briefing.note.cover", {"city": focus, "date": request.meeting})]
    return Content(request, request.committee, subtitle, slides, figures, names, mark, cover_notes)


def deck_language(request: Briefing) -> str:
    """The request's language if the catalogue has it, else German."""
    return request.lang if request.lang in LANGUAGES else "de"


def _cities(city_ids: list[str]) -> list[Phrase]:
    """A list of cities as an argument: each a phrase, named in the deck's language and joined by the list separator."""
    return [Phrase("briefing.city", {"city": c}) for c in city_ids]


def _alliance_slide(con: duckdb.DuckDBPyConnection, status: pd.DataFrame, today: date,
                    figures: dict[str, float | int], samples: bool) -> Slide:
    members = status[status["is_member"]]
    cn, de = int((members["country"] == "CN").sum()), int((members["country"] == "DE").sum())
    figures.update(members_cn=cn, members_de=de, members=cn + de)
    counts = {"n": cn + de, "cn": cn, "de": de, "date": today}
    return Slide(
        "alliance", Phrase("briefing.msg.alliance", counts),
        [Phrase("briefing.founded", {"date": FOUNDED}), Phrase("briefing.free"), Phrase("briefing.procedure")],
        chart=Chart("members", membership.members_over_time(con, include_samples=samples)),
        notes=[Phrase("briefing.note.alliance", counts), Phrase("briefing.note.founded", {"date": FOUNDED})],
        source=Phrase("briefing.source.memberships", {"date": today}))


def _status_slide(con: duckdb.DuckDBPyConnection, status: pd.DataFrame, focus: str, today: date,
                  figures: dict[str, float | int], samples: bool) -> Slide:
    """The focus city's membership and its history; for an applicant the next step of its procedure."""
    row = status.set_index("city_id").loc[focus]
    events = con.execute(
        f"SELECT date, event FROM {records('memberships', samples)} WHERE city_id = $focus AND date <= $today "
        "ORDER BY date, event_id", {"focus": focus, "today": today}).fetchall()
    history = [Phrase("briefing.event", {"date": day, "event": Phrase(f"event.{event}")}) for day, event in events]
    if row["is_member"]:
        title = Phrase("briefing.msg.member", {"city": focus, "since": row["member_since"]})
        lines = [*history, Phrase("briefing.no_procedure")]
    else:
        title = Phrase("briefing.msg.not_member", {"city": focus, "status": row["status"]})
        lines = history[:]
        procedures = membership.open_procedures(con, today, include_samples=samples).set_index("city_id")
        if focus in procedures.index:
            p = procedures.loc[focus]
            step = Phrase(f"nextstep.{p['outcome']}", {"n": len(p["outstanding"]),
                                                        "members": int(p["members_at_circular"])})
            lines.append(Phrase("briefing.next_step", {"step": step}))
    figures["focus_is_member"] = int(bool(row["is_member"]))
    said = [Phrase("briefing.note.history", {"city": focus, "events": history})] if history else []
    return Slide("status", title, lines, notes=[title, *said, *lines[len(history):]],
                 source=Phrase("briefing.source.memberships", {"date": today}))


def _source_site(url: object) -> str:
    """The first source's site (www. dropped): 'isa-portal.de'; '' when there is none."""
    first = str(url or "").split(";")[0].strip()
    host = urlparse(first).netloc or first[:40]
    return host.removeprefix("www.")


def _focus_projects_slide(brief: focus_module.FocusBrief, figures: dict[str, float | int],
                          samples: bool) -> Slide:
    """The focus city's bilateral projects from its brief (not cancelled first, newest first)."""
    focus = brief.city_id
    found = brief.projects
    found = found.assign(cancelled=found["status"] == "cancelled").sort_values(
        ["cancelled", "start_date"], ascending=[True, False], na_position="last")
    documented = int((~found["is_sample"].astype(bool)).sum())
    figures.update(focus_projects=len(found), focus_documented_projects=documented)
    partner_ids = found["partner_id"].tolist()
    shown = found.head(MAX_PROJECTS)
    if found.empty:
        title = Phrase("briefing.msg.no_focus_projects", {"city": focus})
        return Slide("focus_projects", title, [Phrase("briefing.no_focus_projects_hint")], notes=[title],
                     source=Phrase("briefing.source.projects"))
    table = [
        Column(Phrase("col.title"), "company", [(t, None, bool(s)) for t, s in zip(shown["title"], shown["is_sample"],
                                                                                     strict=True)]),
        Column(Phrase("col.partner"), "city", partner_ids[:MAX_PROJECTS]),
        Column(Phrase("col.status"), "text", [Phrase(f"pstatus.{s}") for s in shown["status"]]),
        Column(Phrase("col.year"), "text", [str(d.year) if pd.notna(d) else "–" for d in shown["start_date"]]),
        Column(Phrase("col.volume"), "text", [Phrase("briefing.number1", {"value": float(v)}) if pd.notna(v) else "–"
                                              for v in shown["volume_eur_m"]]),
        Column(Phrase("col.source"), "text", [_source_site(u) or "–" for u in shown["source"]]),
    ]
    args = {"city": focus, "n": len(found), "real": documented, "cities": _cities(list(dict.fromkeys(partner_ids)))}
    title = Phrase("briefing.msg.focus_projects" if not samples else "briefing.msg.focus_projects_samples", args)
    lines = [Phrase("briefing.more_projects", {"n": len(found) - MAX_PROJECTS})] if len(found) > MAX_PROJECTS else []
    notes = [Phrase("briefing.note.focus_project", {"title": t, "city": c, "status": Phrase(f"pstatus.{s}")})
             for t, c, s in zip(shown["title"], partner_ids, shown["status"], strict=False)]
    return Slide("focus_projects", title, lines, table=table, notes=notes, source=Phrase("briefing.source.projects"))


def _projects_slide(con: duckdb.DuckDBPyConnection, figures: dict[str, float | int], samples: bool) -> Slide:
    data_status = overview.data_status(con, include_samples=samples)
    scope = projects.ProjectFilter(include_samples=samples)
    counts = projects.project_figures(con, "status", scope)
    total, sample = data_status.projects, data_status.sample_projects
    volume, real_volume = data_status.project_volume_eur_m, data_status.documented_volume_eur_m
    figures.update(projects=total, project_volume_eur_m=round(volume, 1), sample_projects=sample,
                   documented_project_volume_eur_m=round(real_volume, 1))
    by_year = projects.project_figures(con, "year", scope).dropna(subset=["key"])
    counted = ([Phrase("briefing.projects_line", {"n": total, "real": total - sample, "sample": sample}),
                Phrase("briefing.volume_line", {"real_volume": real_volume, "volume": volume})] if samples else
               [Phrase("briefing.projects_documented", {"n": total}),
                Phrase("briefing.volume_documented", {"volume": volume})])
    statuses = [(k, int(n)) for k, n in zip(counts["key"], counts["projects"], strict=True)]
    lines = [*counted, Phrase("briefing.by_status", {"statuses": statuses})]
    title = Phrase("briefing.msg.projects", {"n": total - sample, "volume": real_volume})
    notes = [Phrase("briefing.note.projects", {"n": total - sample, "volume": real_volume})]
    if samples:
        notes.append(Phrase("briefing.note.projects_samples", {"sample": sample}))
    return Slide("projects", title, lines, chart=Chart("projects", by_year[["key", "projects", "sample_projects"]]),
                 notes=notes, source=Phrase("briefing.source.projects"))


def _sector_slides(con: duckdb.DuckDBPyConnection, brief: focus_module.FocusBrief, partners: list[str],
                   chosen: pd.DataFrame, figures: dict[str, float | int], samples: bool) -> list[Slide]:
    """The profile of the focus city beside its partners (employees of the recorded companies by Branche),
    and the ranking of the partners with its why (the focus brief's, on its basis)."""
    focus = brief.city_id
    ranked = chosen.dropna(subset=["score"])
    if brief.basis == "official":
        profile = _official_profile_slide(con, brief, partners, ranked)
    else:
        shares = _profile_shares(con, [focus, *partners], samples)
        own = shares[shares["city_id"] == focus].sort_values("share", ascending=False)
        if own.empty:
            profile_title = Phrase("briefing.msg.no_profile", {"city": focus})
        else:
            profile_title = Phrase("briefing.msg.profile", {"city": focus, "branche": own.iloc[0]["sector"],
                                                            "share": float(own.iloc[0]["share"])})
        profile = Slide("profile", profile_title, chart=Chart("profile", shares, (focus, *partners)),
                        notes=[profile_title, Phrase("briefing.note.profile")],
                        source=Phrase("briefing.source.sectors"))
    source = Phrase("briefing.source.sectors")
    if ranked.empty:
        title = Phrase("briefing.msg.no_partners", {"city": focus})
        return [profile, Slide("sectors", title, notes=[title], source=source)]
    best_id, best = ranked.index[0], ranked.iloc[0]
    figures["best_partner_score"] = round(float(best["score"]), 1)
    title = Phrase("briefing.msg.partners", {"city": focus, "other": Phrase("briefing.city", {"city": best_id}),
                                                   "score": float(best["score"])})
    table = [
        Column(Phrase("col.partner"), "city", list(ranked.index)),
        Column(Phrase("col.score"), "integer", [float(v) for v in ranked["score"]]),
        Column(Phrase("briefing.col.components"), "text",
               [Phrase("briefing.components", {"similarity_pts": round(r.similarity),
                                               "complement_pts": round(r.complement),
                                               "shared_pts": round(r.shared_score), "ties_pts": round(r.ties)})
                for r in ranked.itertuples()]),
        Column(Phrase("col.explanation"), "reasons", [list(v) for v in ranked["reasons"]], limit=REASON_CHARS),
    ]
    lines = [Phrase("briefing.ranking_basis", {"basis": Phrase(f"basis.{brief.basis}"),
                                               "level": Phrase(f"sectors.level.{brief.level}")})]
    if best["score"] < WEAK_SCORE:
        lines.append(Phrase("briefing.weak_match", {"score": float(best["score"])}))
    notes = [Phrase("briefing.note.partner", {"city": c, "score": float(r["score"]), "why": list(r["reasons"])})
             for c, r in ranked.iterrows()]
    return [profile, Slide("sectors", title, lines, table=table, notes=[*notes, Phrase("briefing.note.score")],
                           source=Phrase("briefing.source.ranking"))]


def _overlaps_slide(brief: focus_module.FocusBrief, figures: dict[str, float | int]) -> Slide:
    """The Branchen in which the focus city has SMEs and cities of the other country are strong (the
    focus brief's SME overlaps)."""
    focus, overlaps = brief.city_id, brief.overlaps
    figures["sme_overlaps"] = len(overlaps)
    table = [
        Column(Phrase("col.sector"), "sector", list(overlaps["sector"])),
        Column(Phrase("briefing.col.smes", {"city": focus}), "integer", [int(n) for n in overlaps["focus_smes"]]),
        Column(Phrase("briefing.col.strong_cities"), "text",
               [Phrase("briefing.city_list", {"cities": _cities(list(ids))}) for ids in overlaps["partner_ids"]]),
        Column(Phrase("briefing.col.best_lq"), "decimal1",
               [float(v) if v is not None and pd.notna(v) else None for v in overlaps["best_lq"]]),
    ]
    first = overlaps.iloc[0]
    title = Phrase("briefing.msg.overlaps", {"city": focus, "n": len(overlaps), "branche": first["sector"]})
    notes = [Phrase("briefing.note.overlap", {"branche": r.sector, "n": int(r.focus_smes), "city": focus,
                                              "cities": _cities(list(r.partner_ids))}) for r in overlaps.itertuples()]
    return Slide("smes", title, [Phrase("briefing.overlaps_help", {"city": focus})], table=table, notes=notes,
                 source=Phrase("briefing.source.overlaps"))


def _coverage_slide(con: duckdb.DuckDBPyConnection, brief: focus_module.FocusBrief, figures: dict[str, float | int],
                    samples: bool, overlaps_shown: bool) -> Slide:
    """What the data cover for the focus city and what is missing (the focus brief's coverage and gaps):
    the official structure, documented companies (with a year for their figure), samples, quality notes."""
    focus, c = brief.city_id, brief.coverage
    sample = c.sample_companies if samples else focus_module.coverage(con, focus, include_samples=True).sample_companies
    figures.update(focus_documented_companies=c.companies, focus_sample_companies=int(sample))
    lines: list[Phrase] = []
    if c.official is not None:
        official = c.official
        lines.append(Phrase("briefing.cover.official", {
            "year": str(official["year"]), "scope": str(official["scope"]),
            "measure": Phrase(f"briefing.measure.{official['measure']}")}))
    else:
        lines.append(Phrase("briefing.cover.no_official", {"city": focus}))
    if brief.basis == "official":
        lines.append(Phrase("briefing.cover.official_basis"))
    lines.append(Phrase("briefing.cover.companies", {"n": c.companies, "with_year": c.with_year}))
    lines.append(Phrase("briefing.cover.samples_in" if samples else "briefing.cover.samples_out", {"n": int(sample)}))
    if overlaps_shown and brief.overlaps.empty:
        lines.append(Phrase("briefing.cover.no_overlaps", {"city": focus}))
    if len(c.notes):
        lines.append(Phrase("briefing.cover.quality_notes", {"n": len(c.notes)}))
    # without samples, "no documented SME" is said above (the brief's wording counts sample SMEs)
    gaps = [Phrase(f"focus.gap.{token}", args) for token, args in brief.gaps
            if samples or token != "no_documented_smes"]
    if gaps:
        lines.append(Phrase("briefing.cover.gaps", {"gaps": gaps}))
    args = {"city": focus, "n": c.companies}
    title = Phrase("briefing.msg.coverage_official" if c.official is not None else "briefing.msg.coverage_companies",
                   args)
    return Slide("coverage", title, lines, notes=[title, *lines], source=Phrase("briefing.source.coverage"))


def _partners_slide(focus: str, chosen: pd.DataFrame) -> Slide:
    """The recommended partner cities, each with its next step: build on a documented project, else
    take up a complement (a wish of one that the other is strong in), else a shared strength, else an
    introduction at the next plenary."""
    ranked = chosen.dropna(subset=["score"])
    source = Phrase("briefing.source.ranking")
    if ranked.empty:
        title = Phrase("briefing.msg.no_partners", {"city": focus})
        return Slide("partners", title, notes=[title], source=source)
    steps = []
    for r in ranked.itertuples():
        if len(r.project_titles):
            steps.append(Phrase("briefing.step.build_on", {"projects": [str(t) for t in r.project_titles][:2]}))
        elif len(r.focus_gets) or len(r.partner_gets):
            steps.append(Phrase("briefing.step.complement",
                                {"sectors": [str(s) for s in [*r.focus_gets, *r.partner_gets]][:3]}))
        elif len(r.shared):
            steps.append(Phrase("briefing.step.shared", {"sectors": [str(s) for s in r.shared][:3]}))
        else:
            steps.append(Phrase("briefing.step.introduce"))
    table = [Column(Phrase("col.partner"), "city", list(ranked.index)),
             Column(Phrase("briefing.col.next_step"), "text", steps)]
    title = Phrase("briefing.msg.approach", {"city": focus, "cities": _cities(list(ranked.index))})
    notes = [Phrase("briefing.note.step", {"city": c, "step": s}) for c, s in zip(ranked.index, steps, strict=True)]
    return Slide("partners", title, [Phrase("briefing.decision", {"cities": _cities(list(ranked.index))})],
                 table=table, notes=notes, source=source)


def _matches_slide(con: duckdb.DuckDBPyConnection, request: Briefing, figures: dict[str, float | int]) -> Slide:
    """Contact proposals (alliance.contacts.contact_proposals): the shortlist from the matching page, else
    the focus city's SMEs with the best matches; per company its figure (year, scope), website, best
    partner and why, and its note."""
    focus, samples = request.focus, request.include_samples
    proposals, from_shortlist = contacts.proposals_for(con, focus, request.shortlist, samples, MAX_PROPOSALS)
    figures["suggestions"] = len(proposals)
    source = Phrase("briefing.source.contacts")
    if proposals.empty:
        title = Phrase("briefing.msg.no_contacts", {"city": focus})
        return Slide("matches", title, [Phrase("briefing.no_contacts_hint")], notes=[title], source=source)
    rows = list(proposals.itertuples())
    partners = [(r.best_partner_name, r.best_partner_name_zh or None, bool(r.best_partner_is_sample))
                if r.best_partner_id else None for r in rows]
    company = [(r.name, r.name_zh, bool(r.is_sample)) for r in rows]
    if all(r.city_id == focus for r in rows):  # the usual case: the city in the header, not in every row
        table = [Column(Phrase("briefing.col.company_from", {"city": focus}), "company", company)]
    else:
        table = [Column(Phrase("col.company"), "company", company),
                 Column(Phrase("col.city"), "city", [r.city_id for r in rows])]
    table += [
        Column(Phrase("briefing.col.figure"), "text", [_figure(r) for r in rows]),
        Column(Phrase("briefing.col.partner_company"), "text",
               [Phrase("briefing.company_in", {"partner": p, "city": r.best_partner_city_id}) if p else "–"
                for p, r in zip(partners, rows, strict=True)]),
        Column(Phrase("briefing.col.website"), "text", [_source_site(w) or "–" for w in proposals["website"]]),
        Column(Phrase("col.explanation"), "reasons", [list(r.reasons) for r in rows], limit=CONTACT_REASON_CHARS),
    ]
    lines = [] if from_shortlist or contacts.has_smes(con, focus, samples) else [
        Phrase("briefing.no_smes", {"city": focus})]
    lines += [Phrase("briefing.company_note", {"company": (r.name, r.name_zh, bool(r.is_sample)), "note": r.note})
              for r in rows if isinstance(r.note, str) and r.note]
    kind = "briefing.msg.contacts_shortlist" if from_shortlist else "briefing.msg.contacts"
    title = Phrase(kind, {"city": focus, "n": len(proposals)})
    notes = [Phrase("briefing.note.contact", {"company": (r.name, r.name_zh, bool(r.is_sample)), "partner": p,
                                              "why": list(r.reasons)}) if p else
             Phrase("briefing.note.contact_alone", {"company": (r.name, r.name_zh, bool(r.is_sample))})
             for p, r in zip(partners, rows, strict=True)]
    return Slide("matches", title, lines, table=table, notes=notes, source=source)


def _figure(row) -> Phrase | str:
    """The employee figure with its year and what it counts: "120 (2023, Unternehmen)"."""
    if pd.isna(row.employees):
        return "–"
    scope = Phrase(f"briefing.scope.{row.employees_scope}") if isinstance(row.employees_scope, str) else "–"
    year = str(int(row.employees_year)) if pd.notna(row.employees_year) else "–"
    return Phrase("briefing.figure", {"n": int(row.employees), "year": year, "scope": scope})


def _procedures_slide(brief: focus_module.FocusBrief, today: date, figures: dict[str, float | int]) -> Slide:
    """Open admission procedures in which the focus city's answer is outstanding (the focus brief's)."""
    focus, waiting = brief.city_id, brief.to_answer
    figures["procedures_to_answer"] = len(waiting)
    source = Phrase("briefing.source.memberships", {"date": today})
    if waiting.empty:
        title = Phrase("briefing.msg.no_answers_due", {"city": focus})
        return Slide("procedures", title, [Phrase("briefing.no_answers_hint")], notes=[title], source=source)
    table = [
        Column(Phrase("briefing.col.applicant"), "city", list(waiting["city_id"])),
        Column(Phrase("briefing.col.circular"), "date", [pd.Timestamp(d).date() for d in waiting["circular_on"]]),
        Column(Phrase("briefing.col.answered"), "text",
               [Phrase("briefing.answered", {"n": int(r.consents + r.objections),
                                             "members": int(r.members_at_circular)}) for r in waiting.itertuples()]),
        Column(Phrase("briefing.col.next_step"), "text",
               [Phrase(f"nextstep.{r.outcome}", {"n": len(r.outstanding), "members": int(r.members_at_circular)})
                for r in waiting.itertuples()]),
    ]
    title = Phrase("briefing.msg.answers_due", {"city": focus, "n": len(waiting)})
    notes = [Phrase("briefing.note.answer", {"city": focus, "applicant": c}) for c in waiting["city_id"]]
    return Slide("procedures", title, [Phrase("briefing.answer_hint")], table=table, notes=notes, source=source)


def _sources_slide(con: duckdb.DuckDBPyConnection, samples: bool) -> Slide:
    data_status = overview.data_status(con, include_samples=samples)
    shares = overview.sample_shares(con)
    used = [table for table, n in zip(shares["table"], shares["samples"], strict=True)
            if n and table in SAMPLE_TABLES and samples]
    lines = [Phrase("briefing.source_records"), Phrase("briefing.source_sectors"),
             Phrase("briefing.source_load", {"when": data_status.last_load})]
    title = Phrase("briefing.sample_note", {"tables": used}) if used else Phrase("briefing.no_samples")
    return Slide("sources", title, lines, notes=[title, *lines], source=Phrase("briefing.source.sources"))


def _official_profile_slide(con: duckdb.DuckDBPyConnection, brief: focus_module.FocusBrief, partners: list[str],
                            ranked: pd.DataFrame) -> Slide:
    """The structure the ranking compared: each city's share of its published total in the three sectors
    every city publishes (agriculture A, industry B-F, services G-U), the focus city's largest first."""
    focus = brief.city_id
    cities = [focus, *partners]
    shares = con.execute(
        f"SELECT city_id, sector, weight / total AS share, official_measure AS measure, official_year AS year "
        f"FROM ({sectors.measures_sql('section', 'official', False)}) "
        "WHERE list_contains($cities, city_id) AND list_contains($sectors, sector) AND total > 0",
        {"cities": cities, "sectors": list(THREE_SECTORS)}).df()
    own = shares[shares["city_id"] == focus].sort_values("share", ascending=False)
    order = {s: i for i, s in enumerate(own["sector"])} if not own.empty else {}
    shares = shares.assign(order=shares["sector"].map(order).fillna(len(order))).sort_values(
        ["order", "city_id"]).drop(columns="order").reset_index(drop=True)
    source = Phrase("briefing.source.official")
    if own.empty:
        title = Phrase("briefing.msg.no_profile", {"city": focus})
        return Slide("profile", title, notes=[title], source=source)
    top = own.iloc[0]
    args = {"city": focus, "branche": top["sector"], "share": float(top["share"]),
            "measure": Phrase(f"briefing.measure_of.{top['measure']}"), "year": str(int(top["year"]))}
    similar = ranked.sort_values("cosine", ascending=False) if "cosine" in ranked and not ranked.empty else None
    if similar is not None and pd.notna(similar.iloc[0]["cosine"]):
        title = Phrase("briefing.msg.profile_official", {**args, "other": Phrase("briefing.city", {
            "city": similar.index[0]}), "cosine": float(similar.iloc[0]["cosine"])})
    else:
        title = Phrase("briefing.msg.profile_official_alone", args)
    missing = [c for c in partners if c not in set(shares["city_id"])]
    lines = [Phrase("briefing.profile_missing", {"cities": _cities(missing)})] if missing else []
    notes = [title, Phrase("briefing.note.profile_official"), *lines]
    return Slide("profile", title, lines, chart=Chart("profile_official", shares, tuple(cities)), notes=notes,
                 source=source)


def _profile_shares(con: duckdb.DuckDBPyConnection, cities: list[str], include_samples: bool) -> pd.DataFrame:
    """Each city's share of employees in the TOP_SECTORS Branchen that weigh most over these cities:
    share(c, s) = E(c, s) / E(c). Columns city_id, sector, share; sectors in that order, largest first."""
    matrix = sectors.city_sector_matrix(con, level="branche", include_samples=include_samples)
    frame = matrix[matrix["city_id"].isin(cities)]
    shares = frame.assign(share=frame["employees"] / frame.groupby("city_id")["employees"].transform("sum"))
    top = list(shares.groupby("sector")["share"].sum().nlargest(TOP_SECTORS).index)
    chosen = shares[shares["sector"].isin(top)][["city_id", "sector", "share"]]
    return chosen.assign(order=chosen["sector"].map({s: i for i, s in enumerate(top)})).sort_values(
        ["order", "city_id"]).drop(columns="order").reset_index(drop=True)
