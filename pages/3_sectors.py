"""Sector matrix: cities x Branchen (or NACE divisions), declared vs measured, partners, SME chances."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from alliance import sectors
from alliance.i18n import t
from pages.common import shell

MEASURES = ("companies", "smes", "employees", "lq")

ctx = shell.page("nav.sectors")
if ctx is not None:
    lang, con, focus = ctx.lang, ctx.con, ctx.focus
    c1, c2, c3, c4 = st.columns(4)
    level = c1.radio(t("sectors.level", lang), list(sectors.LEVELS), horizontal=True,
                     index=list(sectors.LEVELS).index(shell.param("level", "branche")),
                     format_func=lambda v: t(f"sectors.level.{v}", lang), key="level")
    measure = c2.selectbox(t("sectors.measure", lang), MEASURES, index=MEASURES.index(shell.param("measure", "lq")),
                           format_func=lambda v: t(f"measure.{v}", lang), key="measure")
    basis = c3.radio(t("sectors.basis", lang), list(sectors.BASES), horizontal=True,
                     index=list(sectors.BASES).index(shell.param("basis", "employees")),
                     format_func=lambda v: t(f"measure.{v}", lang), key="basis")
    scope = c4.selectbox(t("sectors.scope", lang), sectors.SCOPES,
                         index=sectors.SCOPES.index(shell.param("scope", "alliance")),
                         format_func=lambda v: t(f"scope.{v}", lang), key="scope")
    include_samples = st.toggle(t("sectors.include_samples", lang), value=shell.param("samples", "1") == "1",
                                key="samples")
    for name, value, default in (("level", level, "branche"), ("measure", measure, "lq"),
                                 ("basis", basis, "employees"), ("scope", scope, "alliance"),
                                 ("samples", "1" if include_samples else "0", "1")):
        shell.set_param(name, value, default)

    f = ctx.filters
    matrix = sectors.city_sector_matrix(con, level=level, basis=basis, scope=scope, include_samples=include_samples,
                                        smes_only=f.smes_only, countries=f.countries, branchen=f.branchen)
    if include_samples:
        shell.sample_badge(int(matrix["sample_companies"].sum()), lang)
    st.caption(t("sectors.lq_formula", lang))
    if basis == "employees":
        st.caption(t("sectors.employees_caveat", lang))
    city_col, sector_col = f"city_{lang}", f"sector_{lang}"
    matrix["city"] = shell.bilingual(matrix["city_de"], matrix["city_zh"], lang)
    heat = matrix.pivot_table(index="city", columns=sector_col, values=measure, aggfunc="sum")
    order = matrix.drop_duplicates(sector_col).sort_values("sort_order")[sector_col]
    heat = heat.reindex(columns=[c for c in order if c in heat.columns])
    colours = {"color_continuous_scale": "RdBu", "range_color": (0, 2)} if measure == "lq" else {
        "color_continuous_scale": "Blues"}  # LQ: white at 1, blue above (strong), red below; saturates at 2
    figure = px.imshow(heat, aspect="auto", labels={"color": t(f"measure.{measure}", lang), "x": "", "y": ""},
                       **colours)
    figure.update_layout(height=max(400, 22 * len(heat)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         plot_bgcolor="#e8e8e8")  # grey: no company of the city in that sector
    figure.update_xaxes(side="top", tickangle=-40)
    st.plotly_chart(figure, config={"displayModeBar": False})

    shown = matrix[["city", sector_col, "companies", "smes", "employees", "lq", "declared_strength",
                    "declared_wish"]].rename(columns={
                        "city": t("col.city", lang), sector_col: t("col.sector", lang),
                        "companies": t("col.companies", lang), "smes": t("col.smes", lang),
                        "employees": t("col.employees", lang), "lq": t("col.lq", lang),
                        "declared_strength": t("col.declared_strength", lang),
                        "declared_wish": t("col.declared_wish", lang)})
    with st.expander(t("sectors.table", lang)):
        shell.table(shown, f"branchenmatrix_{level}", lang)

    city_name = next(iter(matrix.loc[matrix.city_id == focus, city_col]), focus)
    st.subheader(t("sectors.partners", lang, city=city_name))
    partners = sectors.partner_ranking(con, focus=focus, level=level, basis=basis)
    reason = "reason_en" if lang == "en" else "reason_de"
    partners = partners.assign(partner=partners[f"partner_{lang}"], reason=partners[reason],
                               score=(partners["score"] * 100).round(1))
    shell.table(partners[["partner", "score", "cosine", "reason"]].rename(columns={
        "partner": t("col.partner", lang), "score": t("col.score", lang), "cosine": t("col.cosine", lang),
        "reason": t("col.reason", lang)}), f"partnerstaedte_{focus}", lang)

    st.subheader(t("sectors.opportunities", lang, city=city_name))
    chances = sectors.sme_opportunities(con, focus=focus, level=level, basis=basis)
    shell.table(chances[[sector_col, "focus_smes", "partner_de" if lang != "zh" else "partner_zh", "partner_lq",
                         "partner_companies", "partner_smes"]].rename(columns={
                             sector_col: t("col.sector", lang), "focus_smes": t("col.focus_smes", lang),
                             "partner_de": t("col.partner", lang), "partner_zh": t("col.partner", lang),
                             "partner_lq": t("col.lq", lang), "partner_companies": t("col.companies", lang),
                             "partner_smes": t("col.smes", lang)}), f"kmu_chancen_{focus}", lang)

    st.subheader(t("sectors.declared", lang))
    declared = sectors.declared_vs_measured(con, level=level, basis=basis, scope=scope)
    declared["finding"] = [t(f"finding.{f}", lang) if f else "" for f in declared["finding"]]
    shell.table(declared[["city_de", sector_col, "companies", "lq", "declared_strength", "finding"]].rename(columns={
        "city_de": t("col.city", lang), sector_col: t("col.sector", lang), "companies": t("col.companies", lang),
        "lq": t("col.lq", lang), "declared_strength": t("col.declared_strength", lang),
        "finding": t("col.finding", lang)}), f"erklaert_gemessen_{level}", lang)
