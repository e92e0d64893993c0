"""What the committee briefing says, computed once from the database and in no language: slide titles,
lines and speaker notes as catalogue phrases (key and arguments: ids, codes, numbers), tables as
typed columns of ids and numbers, and the data of each chart. alliance/briefing/render.py puts it
into the deck's language (alliance/i18n.py) and draws it; the deck and the handout say the same.

The deck rests on documented records only, unless the request includes the sample records
(``Briefing.include_samples``): then every figure, chart and suggestion counts them as the pages do,
and every slide carries the sample mark (``Content.sample_mark``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from alliance import geo, matching, membership, overview, projects, sectors
from alliance.i18n import LANGUAGES, Names, Phrase
from alliance.scope import records

MATCHED_SMES = 4
REASON_CHARS = 150  # a reason cell holds whole reasons up to this display width (a Chinese character: 2)
TOP_SECTORS = 8  # Branchen in the profile chart
SECTIONS = ("alliance", "status", "map", "sectors", "matches", "projects", "sources")
FOUNDED = date(2016, 4, 25)
SAMPLE_TABLES = ("companies", "projects", "memberships")  # tables whose sample records the deck names


@dataclass(frozen=True)
class Briefing:
    committee: str = "Wirtschaftsausschuss"
    meeting: date = field(default_factory=date.today)
    focus: str = "mainz"
    partners: tuple[str, ...] = ()  # default: the three best-ranked partner cities
    sections: tuple[str, ...] = SECTIONS
    lang: str = "de"  # the deck's language: de, en or zh
    include_samples: bool = False  # documented records only, unless asked; then every slide is marked


@dataclass
class Column:
    """One table column: its header (a phrase), how its values are shown (an alliance.i18n.value_text
    kind: city, company, sectors, integer, decimal2, reasons, ...) and the values (ids, numbers, tokens)."""

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
    title: Phrase
    lines: list[Phrase] = field(default_factory=list)
    table: list[Column] | None = None
    chart: Chart | None = None
    notes: list[Phrase | str] = field(default_factory=list)  # str: a key figure "name: value", in no language


@dataclass
class Content:
    request: Briefing
    title: str  # the committee, as the user wrote it
    subtitle: Phrase
    slides: list[Slide]
    figures: dict[str, float | int]  # key figures, for tests and the speaker notes
    names: Names  # names of the ids above, in every language
    sample_mark: Phrase | None = None  # shown on every slide when sample records are included


def briefing_content(con: duckdb.DuckDBPyConnection, request: Briefing) -> Content:
    """Everything the deck and the handout show, computed from the database (KeyError for an unknown focus)."""
    names = sectors.reference_names(con)
    if request.focus not in names.cities:
        raise KeyError(request.focus)
    focus, today, samples = request.focus, request.meeting, request.include_samples
    status = membership.status_at(con, today, include_samples=samples)
    members = status[status["is_member"]]
    cn, de = int((members["country"] == "CN").sum()), int((members["country"] == "DE").sum())
    ranking = sectors.partner_ranking(con, focus=focus, include_samples=samples)
    partners = list(request.partners) or ranking["partner_id"].head(3).tolist()
    data_status = overview.data_status(con, include_samples=samples)
    figures: dict[str, float | int] = {"members_cn": cn, "members_de": de, "members": cn + de}
    slides: list[Slide] = []

    if "alliance" in request.sections:
        slides.append(Slide(
            "alliance", Phrase("briefing.title.alliance"),
            [Phrase("briefing.members", {"cn": cn, "de": de, "date": today}),
             Phrase("briefing.founded", {"date": FOUNDED}), Phrase("briefing.free"), Phrase("briefing.procedure")],
            chart=Chart("members", membership.members_over_time(con, include_samples=samples)),
            notes=[Phrase("briefing.notes.members", {"n": cn + de, "cn": cn, "de": de})]))

    if "status" in request.sections:
        slides.append(_status_slide(con, status, focus, today, figures, samples))

    if "map" in request.sections:
        points = geo.city_points(con, include_samples=samples)[["city_id", "lon", "lat", "status"]]
        slides.append(Slide("map", Phrase("briefing.title.map", {"city": focus}),
                            chart=Chart("map", points, (focus, *partners))))

    if "sectors" in request.sections:
        chosen = ranking[ranking["partner_id"].isin(partners)].set_index("partner_id").reindex(partners).dropna(
            subset=["cosine"])
        table = [
            Column(Phrase("col.partner"), "city", list(chosen.index)),
            Column(Phrase("col.cosine"), "decimal2", [float(v) for v in chosen["cosine"]]),
            Column(Phrase("briefing.col.shared"), "sectors", [list(v) for v in chosen["shared"]]),
            Column(Phrase("briefing.col.complements"), "sectors",
                   [[*a, *b] for a, b in zip(chosen["focus_gets"], chosen["partner_gets"], strict=True)]),
        ]
        slides.append(Slide("sectors", Phrase("briefing.title.sectors"), table=table,
                            chart=Chart("profile", _profile_shares(con, [focus, *partners], samples),
                                        (focus, *partners)),
                            notes=[Phrase("briefing.notes.partner", {"city": c, "cosine": float(v)})
                                   for c, v in zip(chosen.index, chosen["cosine"], strict=True)]))

    if "matches" in request.sections:
        slides.append(_matches_slide(con, focus, figures, samples))

    if "projects" in request.sections:
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
        lines = [*counted,
                 Phrase("briefing.by_status", {"statuses": [(k, int(n)) for k, n in
                                                            zip(counts["key"], counts["projects"], strict=True)]})]
        slides.append(Slide("projects", Phrase("briefing.title.projects"), lines,
                            chart=Chart("projects", by_year[["key", "projects", "sample_projects"]]), notes=lines))

    if "sources" in request.sections:
        shares = overview.sample_shares(con)
        used = [table for table, n in zip(shares["table"], shares["samples"], strict=True)
                if n and table in SAMPLE_TABLES and samples]
        lines = [Phrase("briefing.source_records"), Phrase("briefing.source_sectors"),
                 Phrase("briefing.source_load", {"when": data_status.last_load}),
                 Phrase("briefing.sample_note", {"tables": used}) if used else Phrase("briefing.no_samples")]
        slides.append(Slide("sources", Phrase("briefing.title.sources"), lines, notes=lines[-1:]))

    for slide in slides:  # the key figures, language-neutral, in the notes of the first slide
        if slide.key == "alliance":
            slide.notes = [*slide.notes, *(f"{k}: {v}" for k, v in figures.items())]
    subtitle = Phrase("briefing.subtitle", {"date": request.meeting, "city": focus})
    mark = Phrase("briefing.sample_mark") if samples else None
    return Content(request, request.committee, subtitle, slides, figures, names, mark)


def deck_language(request: Briefing) -> str:
    """The request's language if the catalogue has it, else German."""
    return request.lang if request.lang in LANGUAGES else "de"


def _status_slide(con: duckdb.DuckDBPyConnection, status: pd.DataFrame, focus: str, today: date,
                  figures: dict[str, float | int], include_samples: bool) -> Slide:
    """The focus city's membership; for an applicant the next step of its procedure (outcome token)."""
    row = status.set_index("city_id").loc[focus]
    if row["is_member"]:
        lines = [Phrase("briefing.is_member", {"city": focus, "since": row["member_since"]}),
                 Phrase("briefing.no_procedure")]
    else:
        lines = [Phrase("briefing.not_member", {"city": focus, "status": row["status"]})]
        procedures = membership.open_procedures(con, today, include_samples=include_samples).set_index("city_id")
        if focus in procedures.index:
            p = procedures.loc[focus]
            step = Phrase(f"nextstep.{p['outcome']}", {"n": len(p["outstanding"]),
                                                        "members": int(p["members_at_circular"])})
            lines.append(Phrase("briefing.next_step", {"step": step}))
    figures["focus_is_member"] = int(bool(row["is_member"]))
    return Slide("status", Phrase("briefing.title.status", {"city": focus}), lines, notes=lines[:1])


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


def _matches_slide(con: duckdb.DuckDBPyConnection, focus: str, figures: dict[str, float | int],
                   include_samples: bool) -> Slide:
    """The best partner for each of the focus city's MATCHED_SMES largest SMEs (real ones first), with
    its reasons (tokens; the cell holds as many whole reasons as fit REASON_CHARS)."""
    smes = con.execute(
        f"SELECT company_id, name, name_zh, is_sample FROM {records('v_companies', include_samples)} "
        "WHERE city_id = ? AND is_sme ORDER BY is_sample, employees DESC, company_id LIMIT ?",
        [focus, MATCHED_SMES]).fetchall()
    rows = []
    for company_id, name, name_zh, is_sample in smes:
        best = matching.match_companies(con, company_id, k=1, include_samples=include_samples)
        if best.empty:
            continue
        top = best.iloc[0]
        rows.append(((name, name_zh, bool(is_sample)),
                     (top["name"], top["name_zh"], bool(top["is_sample"])),
                     top["city_id"], float(top["score"]), list(top["reasons"])))
    figures["suggestions"] = len(rows)
    columns = list(zip(*rows, strict=True)) if rows else [[], [], [], [], []]
    table = [Column(Phrase("briefing.col.company_from", {"city": focus}), "company", list(columns[0])),
             Column(Phrase("briefing.col.partner_company"), "company", list(columns[1])),
             Column(Phrase("col.city"), "city", list(columns[2])),
             Column(Phrase("col.score"), "integer", list(columns[3])),
             Column(Phrase("col.explanation"), "reasons", list(columns[4]), limit=REASON_CHARS)]
    return Slide("matches", Phrase("briefing.title.matches", {"city": focus}), table=table,
                 notes=[Phrase("briefing.notes.match", {"company": r[0], "partner": r[1], "score": r[3]})
                        for r in rows])
