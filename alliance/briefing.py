"""Committee briefing: a 16:9 slide deck (python-pptx) and a PDF handout (reportlab) of the same
content, generated from the database for a focus city and its chosen partner cities.

    content = briefing_content(con, Briefing(committee="Wirtschaftsausschuss", meeting=date(2026, 12, 3)))
    deck, handout = render_pptx(content), render_pdf(content)

The content is computed once (plain data: slide titles, bullet lines, tables, figures, speaker
notes); both renderers draw it, so the deck and the handout say the same. Charts are plotly figures
rendered to PNG by kaleido with the installed Chromium; the map draws the member cities on the
country outlines shipped with the app, so nothing is fetched from the internet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd
import plotly.graph_objects as go

from alliance import geo, matching, membership, overview, projects, sectors
from alliance.i18n import format_date, format_number, t

MATCHED_SMES = 4
REASON_CHARS = 150
SECTIONS = ("alliance", "status", "map", "sectors", "matches", "projects", "sources")
FOUNDED = date(2016, 4, 25)
BLUE, GREY, ORANGE = "#1f4e79", "#8c8c8c", "#e69138"
PARTNER_COLOURS = (ORANGE, "#6aa84f", "#a64d79", "#45818e", "#bf9000")  # distinct from the focus city's blue

TEXT = {
    "de": {
        "subject": "Chinesisch-Deutsche Industriestädteallianz – Sachstand für {city}",
        "alliance": "Die Allianz auf einen Blick",
        "status": "Mitgliedschaft von {city}",
        "map": "Mitgliedsstädte und Partner von {city}",
        "sectors": "Branchen: Überschneidungen und Ergänzungen",
        "matches": "Kooperationsvorschläge für KMU aus {city}",
        "projects": "Bilaterale Projekte in Zahlen",
        "sources": "Datenquellen und Datenstand",
        "members": "{cn} chinesische und {de} deutsche Mitgliedsstädte (Stand {date})",
        "founded": "Gegründet am 25.04.2016 auf der Hannover Messe (11 chinesische, 7 bzw. 8 deutsche Städte)",
        "free": "Die Mitgliedschaft ist kostenlos; Veranstaltungen trägt die gastgebende Stadt",
        "procedure": "Aufnahme: Antrag an die Geschäftsführung → Rundschreiben an alle Mitglieder → Aufnahme mit "
                     "Zustimmung der Mitgliedsstädte",
        "is_member": "{city} ist Mitglied seit {since}.",
        "not_member": "{city} ist derzeit kein Mitglied (Status: {status}).",
        "next_step": "Nächster Verfahrensschritt: {step}",
        "no_procedure": "Kein offenes Verfahren; nächster Schritt: Mitwirkung in den Plenarversammlungen und "
                        "Nutzung der Unternehmensdatenbank.",
        "partners_table": ["Partnerstadt", "Profilähnlichkeit", "Gemeinsame Stärken", "Ergänzungen"],
        "matches_table": ["Unternehmen aus {city}", "Partner", "Stadt", "Punkte", "Warum"],
        "projects_line": "{n} Projekte, davon {real} belegt und {sample} Beispielprojekte",
        "volume_line": "Volumen der belegten Projekte: {real_volume} Mio. EUR (mit Beispielprojekten {volume})",
        "documented": "belegt", "sample": "Beispiel",
        "by_status": "Nach Status: {text}",
        "sources_lines": [
            "Städte, Mitgliedschaften, reale Unternehmen und Projekte: öffentliche Quellen, je Datensatz angegeben",
            "Branchen: NACE Rev. 2 (Eurostat/Destatis), GB/T 4754-2017 mit abgeleiteter Zuordnung",
            "Letzter Datenimport: {date}",
        ],
        "sample_note": "Hinweis: Beispieldaten (fiktiv, gekennzeichnet) fließen ein in: {where}.",
        "no_samples": "Alle gezeigten Zahlen beruhen auf belegten Datensätzen.",
        "sample_tables": {"companies": "Unternehmenszahlen und Kooperationsvorschläge", "projects": "Projektzahlen",
                          "memberships": "das Beispiel-Aufnahmeverfahren"},
        "chart_members": "Mitglieder",
        "chart_share": "Anteil der Beschäftigten",
        "chart_projects": "Projekte je Startjahr",
        "sample_flag": " (Beispiel)",
    },
    "en": {
        "subject": "Chinese-German Industrial Cities Alliance – briefing for {city}",
        "alliance": "The alliance at a glance",
        "status": "Membership of {city}",
        "map": "Member cities and the partners of {city}",
        "sectors": "Sectors: overlaps and complements",
        "matches": "Cooperation suggestions for SMEs from {city}",
        "projects": "Bilateral projects in numbers",
        "sources": "Data sources and status",
        "members": "{cn} Chinese and {de} German member cities (as of {date})",
        "founded": "Founded on 25 April 2016 at Hannover Messe (11 Chinese, 7 or 8 German cities)",
        "free": "Membership is free of charge; events are paid for by the hosting city",
        "procedure": "Admission: application to the management → circular to all members → admission with the "
                     "members' consent",
        "is_member": "{city} has been a member since {since}.",
        "not_member": "{city} is currently not a member (status: {status}).",
        "next_step": "Next procedural step: {step}",
        "no_procedure": "No open procedure; next: take part in the plenaries and use the company database.",
        "partners_table": ["Partner city", "Profile similarity", "Shared strengths", "Complements"],
        "matches_table": ["Company from {city}", "Partner", "City", "Score", "Why"],
        "projects_line": "{n} projects, {real} documented and {sample} sample projects",
        "volume_line": "Volume of the documented projects: EUR {real_volume} m (with sample projects {volume})",
        "documented": "documented", "sample": "sample",
        "by_status": "By status: {text}",
        "sources_lines": [
            "Cities, memberships, real companies and projects: public sources, named per record",
            "Sectors: NACE Rev. 2 (Eurostat/Destatis), GB/T 4754-2017 with a derived crosswalk",
            "Last data load: {date}",
        ],
        "sample_note": "Note: sample data (fictitious, flagged) enter: {where}.",
        "no_samples": "All figures shown rest on documented records.",
        "sample_tables": {"companies": "company figures and cooperation suggestions", "projects": "project figures",
                          "memberships": "the sample admission procedure"},
        "chart_members": "Members",
        "chart_share": "Share of employees",
        "chart_projects": "Projects by start year",
        "sample_flag": " (sample)",
    },
}


@dataclass(frozen=True)
class Briefing:
    committee: str = "Wirtschaftsausschuss"
    meeting: date = field(default_factory=date.today)
    focus: str = "mainz"
    partners: tuple[str, ...] = ()  # default: the three best-ranked partner cities
    sections: tuple[str, ...] = SECTIONS
    lang: str = "de"


@dataclass
class Slide:
    key: str
    title: str
    lines: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    figure: go.Figure | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class Content:
    request: Briefing
    title: str
    subtitle: str
    slides: list[Slide]
    figures: dict[str, float | int]  # key figures, for tests and the speaker notes


def _city_name(con: duckdb.DuckDBPyConnection, city_id: str, lang: str) -> str:
    rows = con.execute("SELECT name_de, name_en FROM cities WHERE city_id = ?", [city_id]).fetchall()
    if not rows:
        raise KeyError(city_id)
    return rows[0][0] if lang == "de" else rows[0][1]


def briefing_content(con: duckdb.DuckDBPyConnection, request: Briefing) -> Content:
    """Everything the deck and the handout show, computed from the database."""
    lang = request.lang if request.lang in TEXT else "de"
    x = TEXT[lang]
    city = _city_name(con, request.focus, lang)
    today = request.meeting
    status = membership.status_at(con, today)
    members = status[status["is_member"]]
    cn, de = int((members["country"] == "CN").sum()), int((members["country"] == "DE").sum())
    ranking = sectors.partner_ranking(con, focus=request.focus)
    partners = list(request.partners) or ranking["partner_id"].head(3).tolist()
    data_status = overview.data_status(con)
    figures: dict[str, float | int] = {"members_cn": cn, "members_de": de, "members": cn + de}
    slides: list[Slide] = []

    if "alliance" in request.sections:
        timeline = membership.members_over_time(con)
        fig = go.Figure([go.Scatter(x=g["date"], y=g["members"], name=country, mode="lines+markers", line_shape="hv",
                                    line={"color": BLUE if country == "DE" else ORANGE})
                         for country, g in timeline.groupby("country")])
        _style(fig, x["chart_members"])
        slides.append(Slide("alliance", x["alliance"], [
            x["members"].format(cn=cn, de=de, date=format_date(today, lang)), x["founded"], x["free"],
            x["procedure"]], figure=fig, notes=[f"{cn + de} Mitglieder/members: CN {cn}, DE {de}"]))

    if "status" in request.sections:
        row = status.set_index("city_id").loc[request.focus]
        lines = []
        if row["is_member"]:
            lines.append(x["is_member"].format(city=city, since=format_date(row["member_since"], lang)))
            lines.append(x["no_procedure"])
        else:
            label = row["status"]
            lines.append(x["not_member"].format(city=city, status=label))
            procedures = membership.open_procedures(con, today).set_index("city_id")
            if request.focus in procedures.index:
                step = procedures.loc[request.focus, f"next_step_{'de' if lang == 'de' else 'en'}"]
                lines.append(x["next_step"].format(step=step))
        figures["focus_is_member"] = int(bool(row["is_member"]))
        slides.append(Slide("status", x["status"].format(city=city), lines, notes=lines[:1]))

    if "map" in request.sections:
        slides.append(Slide("map", x["map"].format(city=city), figure=_map_figure(con, request.focus, partners)))

    if "sectors" in request.sections:
        names = sectors.sector_names(con, "branche")
        chosen = ranking[ranking["partner_id"].isin(partners)].set_index("partner_id").reindex(partners).dropna(
            subset=["cosine"])
        table = pd.DataFrame({
            x["partners_table"][0]: chosen[f"partner_{'de' if lang == 'de' else 'en'}"],
            x["partners_table"][1]: [format_number(v, lang, 2) for v in chosen["cosine"]],
            x["partners_table"][2]: [", ".join(names[c][lang] for c in v) or "–" for v in chosen["shared"]],
            x["partners_table"][3]: [", ".join(names[c][lang] for c in [*a, *b]) or "–"
                                     for a, b in zip(chosen["focus_gets"], chosen["partner_gets"], strict=True)],
        })
        slides.append(Slide("sectors", x["sectors"], table=table,
                            figure=_profile_figure(con, request.focus, partners, lang, x["chart_share"]),
                            notes=[f"{r}: {s}" for r, s in zip(table.iloc[:, 0], table.iloc[:, 1], strict=True)]))

    if "matches" in request.sections:
        slides.append(_matches_slide(con, request.focus, city, lang, x, figures))

    if "projects" in request.sections:
        counts = projects.project_figures(con, "status")
        total, sample = data_status.projects, data_status.sample_projects
        volume, real_volume = data_status.project_volume_eur_m, data_status.documented_volume_eur_m
        figures.update(projects=total, project_volume_eur_m=round(volume, 1), sample_projects=sample,
                       documented_project_volume_eur_m=round(real_volume, 1))
        by_year = projects.project_figures(con, "year").dropna(subset=["key"])
        years = by_year["key"].astype(int)
        fig = go.Figure([  # documented and sample projects stacked, so the invented share stays visible
            go.Bar(x=years, y=by_year["projects"] - by_year["sample_projects"], name=x["documented"],
                   marker_color=BLUE),
            go.Bar(x=years, y=by_year["sample_projects"], name=x["sample"], marker_color=GREY)])
        _style(fig, x["chart_projects"])
        fig.update_layout(barmode="stack", legend_traceorder="normal")
        text = ", ".join(f"{t(f'pstatus.{k}', lang)}: {n}" for k, n in zip(counts["key"], counts["projects"],
                                                                             strict=True))
        lines = [x["projects_line"].format(n=total, real=total - sample, sample=sample),
                 x["volume_line"].format(real_volume=format_number(real_volume, lang, 1),
                                         volume=format_number(volume, lang, 1)),
                 x["by_status"].format(text=text)]
        slides.append(Slide("projects", x["projects"], lines, figure=fig, notes=lines))

    if "sources" in request.sections:
        shares = overview.sample_shares(con)
        used = [x["sample_tables"][t] for t, n in zip(shares["table"], shares["samples"], strict=True)
                if n and t in x["sample_tables"]]
        lines = [line.format(date=format_date(data_status.last_load, lang, with_time=True)) for line in
                 x["sources_lines"]]
        lines.append(x["sample_note"].format(where="; ".join(used)) if used else x["no_samples"])
        slides.append(Slide("sources", x["sources"], lines, notes=lines[-1:]))

    title = request.committee
    subtitle = f"{format_date(request.meeting, lang)} · {x['subject'].format(city=city)}"
    for slide in slides:
        slide.notes = [*slide.notes, *(f"{k}: {v}" for k, v in figures.items() if slide.key == "alliance")]
    return Content(request, title, subtitle, slides, figures)


def _style(fig: go.Figure, title: str) -> None:
    fig.update_layout(title={"text": title, "font": {"size": 16}}, template="simple_white", width=900, height=500,
                      margin={"l": 50, "r": 20, "t": 50, "b": 40}, legend={"orientation": "h", "y": -0.12})


def _map_figure(con: duckdb.DuckDBPyConnection, focus: str, partners: list[str]) -> go.Figure:
    """Member cities on the shipped country outlines (lon/lat as plain axes: nothing to download)."""
    fig = go.Figure()
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in geo.country_outlines()["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                lons += [p[0] for p in ring] + [None]
                lats += [p[1] for p in ring] + [None]
    fig.add_trace(go.Scatter(x=lons, y=lats, mode="lines", line={"color": "#c8c8c8", "width": 0.6},
                             hoverinfo="skip", showlegend=False))
    points = geo.city_points(con)
    members = points[points["status"].isin(["member", "withdrawal_requested"])]
    groups = ((members[~members["city_id"].isin([focus, *partners])], GREY, 7, "Mitglieder"),
              (points[points["city_id"].isin(partners)], ORANGE, 11, "Partner"),
              (points[points["city_id"] == focus], BLUE, 14, "Fokusstadt"))
    for frame, colour, size, name in groups:
        fig.add_trace(go.Scatter(x=frame["lon"], y=frame["lat"], mode="markers+text" if size > 7 else "markers",
                                 text=frame["name_de"] if size > 7 else None, textposition="top center",
                                 marker={"color": colour, "size": size, "line": {"color": "white", "width": 1}},
                                 name=name))
    fig.update_xaxes(range=[-12, 140], visible=False)
    fig.update_yaxes(range=[15, 62], visible=False, scaleanchor="x", scaleratio=1.3)
    fig.update_layout(width=1100, height=520, margin={"l": 0, "r": 0, "t": 0, "b": 0}, template="simple_white",
                      legend={"orientation": "h", "y": 0.02, "x": 0.01})
    return fig


def _profile_figure(con, focus: str, partners: list[str], lang: str, title: str) -> go.Figure:
    matrix = sectors.city_sector_matrix(con, level="branche")
    cities = [focus, *partners]
    frame = matrix[matrix["city_id"].isin(cities)]
    shares = frame.assign(share=frame["employees"] / frame.groupby("city_id")["employees"].transform("sum"))
    top = shares.groupby("sector")["share"].sum().nlargest(8).index
    name = "sector_de" if lang == "de" else "sector_en"
    fig = go.Figure()
    colours = dict(zip(cities, (BLUE, *PARTNER_COLOURS), strict=False))
    for city_id in reversed(cities):  # horizontal groups stack upwards: the focus city on top
        rows = shares[(shares["city_id"] == city_id) & shares["sector"].isin(top)]
        label = rows["city_de"].iloc[0] if not rows.empty else city_id
        fig.add_trace(go.Bar(y=rows[name], x=rows["share"], name=label, orientation="h",
                             marker_color=colours.get(city_id, GREY)))
    _style(fig, title)
    # Wide and low, Branchen as rows: long German names stay readable beside a table on the slide.
    fig.update_layout(width=1000, height=340, font={"size": 15}, margin={"l": 10, "r": 20, "t": 50, "b": 30},
                      legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02, "yanchor": "bottom",
                              "traceorder": "reversed"})
    order = shares[shares["sector"].isin(top)].drop_duplicates("sector").set_index("sector").loc[top, name]
    fig.update_yaxes(categoryorder="array", categoryarray=list(order)[::-1])
    fig.update_xaxes(tickformat=".0%")
    return fig


def _matches_slide(con, focus: str, city: str, lang: str, x: dict, figures: dict) -> Slide:
    """The best partner for each of the focus city's MATCHED_SMES largest SMEs (real ones first); the
    reason is cut to fit a table cell."""
    smes = con.execute(
        "SELECT company_id FROM v_companies WHERE city_id = ? AND is_sme ORDER BY is_sample, employees DESC, "
        "company_id LIMIT ?", [focus, MATCHED_SMES]).fetchall()
    rows = []
    for (company_id,) in smes:
        best = matching.match_companies(con, company_id, k=1)
        if best.empty:
            continue
        me = matching.company_profile(con, company_id)
        top = best.iloc[0]
        mine_sample = con.execute("SELECT is_sample FROM companies WHERE company_id = ?", [company_id]).fetchall()
        rows.append([me.name + (x["sample_flag"] if mine_sample[0][0] else ""),
                     top["name"] + (x["sample_flag"] if top["is_sample"] else ""),
                     top["city_de"] if lang == "de" else top["city_en"],
                     format_number(top["score"], lang),
                     _shorten(top[f"explanation_{'de' if lang == 'de' else 'en'}"], REASON_CHARS)])
    header = [h.format(city=city) for h in x["matches_table"]]
    figures["suggestions"] = len(rows)
    return Slide("matches", x["matches"].format(city=city), table=pd.DataFrame(rows, columns=header),
                 notes=[f"{r[0]} → {r[1]} ({r[3]})" for r in rows])


def _shorten(text: str, limit: int) -> str:
    """At most ``limit`` characters, cut at a '; ' boundary where possible."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit("; ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[: limit - 1]) + " …"


def render_images(content: Content) -> dict[str, bytes]:
    """PNG images of the slides' figures (kaleido with the installed Chromium)."""
    import kaleido
    import plotly.io as pio

    figures = {s.key: s.figure for s in content.slides if s.figure is not None}
    if not figures:
        return {}
    try:
        kaleido.start_sync_server(silence_warnings=True)
    except Exception:  # already running, or not available: plain to_image still works
        pass
    return {key: pio.to_image(fig, format="png", scale=2) for key, fig in figures.items()}


def render_pptx(content: Content, images: dict[str, bytes] | None = None) -> bytes:
    """A 16:9 deck on the blank layout (no placeholders), text in sober municipal style."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches, Pt

    images = render_images(content) if images is None else images
    deck = Presentation()
    deck.slide_width, deck.slide_height = Emu(12192000), Emu(6858000)  # 16:9, 13.333 x 7.5 in
    blank = deck.slide_layouts[6]
    navy = RGBColor(0x1F, 0x4E, 0x79)

    def text_box(slide, left, top, width, height, lines, size, bold=False, colour=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        frame = box.text_frame
        frame.word_wrap = True
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(size)
            paragraph.font.bold = bold
            paragraph.space_after = Pt(6)
            if colour is not None:
                paragraph.font.color.rgb = colour
        return box

    title = deck.slides.add_slide(blank)
    band = title.shapes.add_shape(1, 0, Inches(2.3), deck.slide_width, Inches(2.6))
    band.fill.solid()
    band.fill.fore_color.rgb = navy
    band.line.fill.background()
    text_box(title, Inches(0.8), Inches(2.55), Inches(11.7), Inches(1.0), [content.title], 36, True,
             RGBColor(0xFF, 0xFF, 0xFF))
    text_box(title, Inches(0.8), Inches(3.55), Inches(11.7), Inches(1.2), [content.subtitle], 20, False,
             RGBColor(0xFF, 0xFF, 0xFF))
    title.notes_slide.notes_text_frame.text = content.subtitle

    for spec in content.slides:
        slide = deck.slides.add_slide(blank)
        text_box(slide, Inches(0.6), Inches(0.35), Inches(12.1), Inches(0.9), [spec.title], 28, True, navy)
        line = slide.shapes.add_shape(1, Inches(0.6), Inches(1.2), Inches(12.1), Emu(19050))
        line.fill.solid()
        line.fill.fore_color.rgb = navy
        line.line.fill.background()
        top = Inches(1.45)
        image = images.get(spec.key)
        text_width = Inches(5.6) if image and spec.table is None else Inches(12.1)
        if spec.lines:
            text_box(slide, Inches(0.6), top, text_width, Inches(5.2), [f"• {t}" for t in spec.lines], 16)
        if image and spec.table is None:
            left = Inches(6.4) if spec.lines else Inches(0.9)
            width = Inches(6.4) if spec.lines else Inches(11.5)
            slide.shapes.add_picture(io.BytesIO(image), left, top, width=width)
        if spec.table is not None and not spec.table.empty:
            table_top = top if not image else Inches(4.55)
            if image:
                picture = slide.shapes.add_picture(io.BytesIO(image), 0, top, height=Inches(3.0))
                picture.left = int((deck.slide_width - picture.width) / 2)
            _pptx_table(slide, spec.table, Inches(0.6), table_top, Inches(12.1), Pt(11 if image else 12))
        slide.notes_slide.notes_text_frame.text = "\n".join(spec.notes) or spec.title
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def column_weights(frame: pd.DataFrame) -> list[int]:
    """Relative column widths: the longest text (capped at 40 characters, long texts wrap), but never
    narrower than the longest single word plus room for the cell padding, so no word is broken."""
    weights = []
    for column in frame.columns:
        texts = [str(column)] + [str(v) for v in frame[column]]
        longest_word = max(len(word) for text in texts for word in (text.split() or [""]))
        weights.append(max(min(max(len(text) for text in texts), 40), longest_word + 7))
    return weights


def _pptx_table(slide, frame: pd.DataFrame, left, top, width, size) -> None:
    from pptx.util import Emu

    rows, cols = len(frame) + 1, len(frame.columns)
    height = Emu(int(size * 2.2 * rows))
    table = slide.shapes.add_table(rows, cols, left, top, width, height).table
    weights = column_weights(frame)
    for j, weight in enumerate(weights):
        table.columns[j].width = Emu(int(width * weight / sum(weights)))
    for j, name in enumerate(frame.columns):
        table.cell(0, j).text = str(name)
    for i, values in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(values):
            table.cell(i, j).text = str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = size


def render_pdf(content: Content, images: dict[str, bytes] | None = None) -> bytes:
    """An A4 handout with the same sections, figures and tables as the deck."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import (
        Image,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    images = render_images(content) if images is None else images
    styles = getSampleStyleSheet()
    story = [Paragraph(escape(content.title), styles["Title"]), Paragraph(escape(content.subtitle), styles["Heading3"]),
             Spacer(1, 0.5 * cm)]
    for i, spec in enumerate(content.slides):
        if i and spec.key in ("map", "sectors", "matches"):
            story.append(PageBreak())
        section = [Paragraph(escape(spec.title), styles["Heading2"])]
        section += [Paragraph("• " + escape(line), styles["BodyText"]) for line in spec.lines]
        image = images.get(spec.key)
        if image:
            picture = Image(io.BytesIO(image))
            ratio = picture.imageHeight / picture.imageWidth
            picture.drawWidth, picture.drawHeight = 16 * cm, 16 * cm * ratio
            section.append(picture)
        if spec.table is not None and not spec.table.empty:
            cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
            data = [[Paragraph(escape(str(v)), cell) for v in spec.table.columns]] + [
                [Paragraph(escape(str(v)), cell) for v in row] for row in spec.table.itertuples(index=False)]
            weights = column_weights(spec.table)
            table = Table(data, repeatRows=1, colWidths=[17 * cm * w / sum(weights) for w in weights])
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6ef")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            section.append(table)
        story += [KeepTogether(section), Spacer(1, 0.4 * cm)]  # a heading never stands alone at a page end
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=content.title, leftMargin=2 * cm, rightMargin=2 * cm,
                      topMargin=1.8 * cm, bottomMargin=1.8 * cm).build(story)
    return buffer.getvalue()


def build_briefing(con: duckdb.DuckDBPyConnection, request: Briefing) -> tuple[bytes, bytes, Content]:
    """The deck and the handout for ``request`` (images rendered once for both)."""
    content = briefing_content(con, request)
    images = render_images(content)
    return render_pptx(content, images), render_pdf(content, images), content
