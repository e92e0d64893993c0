"""Projects: the filterable list of bilateral projects and their figures."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from alliance import projects
from alliance.i18n import format_date, t
from etl.contract import DIRECTIONS
from pages.common import shell

ctx = shell.page("nav.projects")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    f = ctx.filters
    c1, c2 = st.columns([3, 1])
    directions = shell.bound(c1.multiselect, t("projects.direction", lang), list(DIRECTIONS), key="direction",
                             format_func=lambda v: t(f"direction.{v}", lang), placeholder=t("filters.all", lang))
    only_focus = shell.bound(c2.toggle, t("data.only_focus", lang), value=False, key="mine")
    all_years = f.years == shell.YEARS
    selection = projects.ProjectFilter(
        cities=(ctx.focus,) if only_focus else (), statuses=f.statuses, directions=tuple(directions),
        branchen=f.branchen, year_from=None if all_years else f.years[0], year_to=None if all_years else f.years[1],
        include_samples=f.include_samples)

    by = shell.bound(st.radio, t("projects.by", lang), list(projects.GROUPINGS), horizontal=True, index=0,
                     format_func=lambda v: t(f"projects.by.{v}", lang), key="by")
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
        chart.update_xaxes(type="category")  # years, directions and statuses are categories: never 2,018.6
        shell.localise(chart, lang)
        column.plotly_chart(chart, config={"displayModeBar": False})

    rows = projects.project_list(con, selection)
    shell.sample_badge(int(rows["is_sample"].sum()), lang)
    shown = rows.assign(
        direction_text=[t(f"direction.{d}", lang) for d in rows["direction"]],
        status_text=[t(f"pstatus.{s}", lang) for s in rows["status"]],
        start=[format_date(d, lang) for d in rows["start_date"]],
        cn=shell.bilingual(rows["cn_city_de"], rows["cn_city_zh"], lang),
        de=shell.bilingual(rows["de_city_de"], rows["de_city_zh"], lang),
    )[["title", "is_sample", "cn", "de", "direction_text", "status_text", "sector", "volume_eur_m", "jobs", "start",
       "source"]]
    shell.table(shown.rename(columns={
        "title": t("col.title", lang), "cn": t("col.cn_city", lang), "de": t("col.de_city", lang),
        "direction_text": t("projects.direction", lang), "status_text": t("projects.status", lang),
        "sector": "NACE", "volume_eur_m": t("col.volume", lang), "jobs": t("col.jobs", lang),
        "start": t("col.start", lang), "source": t("col.source", lang), "is_sample": t("col.sample", lang)}),
        "projekte", lang, samples=rows["is_sample"])
    shell.notice_ignored(lang)
