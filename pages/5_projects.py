"""Projects: the filterable list of bilateral projects and their figures."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from alliance import projects
from alliance.i18n import format_date, t
from etl.contract import DIRECTIONS, PROJECT_STATUSES
from pages.common import shell

ctx = shell.page("nav.projects")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    c1, c2, c3, c4 = st.columns([2, 2, 2, 1])
    statuses = c1.multiselect(t("projects.status", lang), PROJECT_STATUSES,
                              default=[s for s in shell.list_param("status") if s in PROJECT_STATUSES],
                              format_func=lambda v: t(f"pstatus.{v}", lang), key="status")
    directions = c2.multiselect(t("projects.direction", lang), DIRECTIONS,
                                default=[d for d in shell.list_param("direction") if d in DIRECTIONS],
                                format_func=lambda v: t(f"direction.{v}", lang), key="direction")
    years = c3.slider(t("projects.years", lang), 2010, 2030,
                      value=(int(shell.param("from", "2010")), int(shell.param("to", "2030"))), key="years")
    include_samples = c4.toggle(t("sectors.include_samples", lang), value=shell.param("samples", "1") == "1",
                                key="samples")
    shell.set_list_param("status", statuses)
    shell.set_list_param("direction", directions)
    shell.set_param("from", str(years[0]), "2010")
    shell.set_param("to", str(years[1]), "2030")
    shell.set_param("samples", "1" if include_samples else "0", "1")
    only_focus = st.toggle(t("focus_city", lang) + f": {ctx.focus}", value=shell.param("mine", "0") == "1", key="mine")
    shell.set_param("mine", "1" if only_focus else "0", "0")
    selection = projects.ProjectFilter(
        cities=(ctx.focus,) if only_focus else (), statuses=tuple(statuses), directions=tuple(directions),
        year_from=years[0] if years != (2010, 2030) else None, year_to=years[1] if years != (2010, 2030) else None,
        include_samples=include_samples)

    by = st.radio(t("projects.by", lang), list(projects.GROUPINGS), horizontal=True,
                  index=list(projects.GROUPINGS).index(shell.param("by", "year")),
                  format_func=lambda v: t(f"projects.by.{v}", lang), key="by")
    shell.set_param("by", by, "year")
    figures = projects.project_figures(con, by, selection)
    if by == "direction":
        figures["key"] = [t(f"direction.{k}", lang) for k in figures["key"]]
    elif by == "status":
        figures["key"] = [t(f"pstatus.{k}", lang) for k in figures["key"]]
    figures["key"] = figures["key"].astype(str)
    left, right = st.columns(2)
    for column, value, title in ((left, "projects", "projects.count"), (right, "volume_eur_m", "projects.volume")):
        chart = px.bar(figures, x="key", y=value, labels={"key": "", value: t(title, lang)})
        chart.update_layout(height=280, margin={"l": 10, "r": 10, "t": 30, "b": 10}, title=t(title, lang))
        column.plotly_chart(chart, config={"displayModeBar": False})

    rows = projects.project_list(con, selection)
    shell.sample_badge(int(rows["is_sample"].sum()), lang)
    shown = rows.assign(
        direction_text=[t(f"direction.{d}", lang) for d in rows["direction"]],
        status_text=[t(f"pstatus.{s}", lang) for s in rows["status"]],
        start=[format_date(d, lang) for d in rows["start_date"]],
        cn=shell.bilingual(rows["cn_city_de"], rows["cn_city_zh"], lang),
        de=shell.bilingual(rows["de_city_de"], rows["de_city_zh"], lang),
    )[["title", "cn", "de", "direction_text", "status_text", "sector", "volume_eur_m", "jobs", "start", "source",
       "is_sample"]]
    shell.table(shown.rename(columns={
        "title": t("col.title", lang), "cn": t("col.cn_city", lang), "de": t("col.de_city", lang),
        "direction_text": t("projects.direction", lang), "status_text": t("projects.status", lang),
        "sector": "NACE", "volume_eur_m": t("col.volume", lang), "jobs": t("col.jobs", lang),
        "start": t("col.start", lang), "source": t("col.source", lang), "is_sample": t("col.sample", lang)}),
        "projekte", lang)
