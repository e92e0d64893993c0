"""Sector matrix: cities x Branchen (or NACE divisions), declared vs measured, partners, SME chances."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from alliance import sectors
from alliance.i18n import explain, localised, t
from pages.common import shell

MEASURES = ("companies", "smes", "employees", "lq")


def city_column(frame: pd.DataFrame, prefix: str, lang: str) -> list[str]:
    """Cities in their own script beside the transliteration ("Foshan 佛山市"); in Chinese the Chinese name
    (the German one where the data has none)."""
    latin = frame[f"{prefix}_en" if lang == "en" else f"{prefix}_de"]
    chinese = [z if isinstance(z, str) and z else None for z in frame[f"{prefix}_zh"]]
    return shell.bilingual(latin, chinese, lang)


ctx = shell.page("nav.sectors")
if ctx is not None:
    lang, con, focus = ctx.lang, ctx.con, ctx.focus
    c1, c2, c3, c4 = st.columns(4)
    level = shell.bound(c1.radio, t("sectors.level", lang), list(sectors.LEVELS), key="level", horizontal=True,
                        index=0, format_func=lambda v: t(f"sectors.level.{v}", lang))
    measure = shell.bound(c2.selectbox, t("sectors.measure", lang), MEASURES, key="measure",
                          index=MEASURES.index("lq"), format_func=lambda v: t(f"measure.{v}", lang))
    basis = shell.bound(c3.radio, t("sectors.basis", lang), list(sectors.BASES), key="basis", horizontal=True,
                        index=0, format_func=lambda v: t(f"measure.{v}", lang))
    scope = shell.bound(c4.selectbox, t("sectors.scope", lang), sectors.SCOPES, key="scope", index=0,
                        format_func=lambda v: t(f"scope.{v}", lang))
    include_samples = shell.bound(st.toggle, t("sectors.include_samples", lang), value=True, key="samples")
    names = sectors.reference_names(con)

    f = ctx.filters
    matrix = sectors.city_sector_matrix(con, level=level, basis=basis, scope=scope, include_samples=include_samples,
                                        smes_only=f.smes_only, countries=f.countries, branchen=f.branchen)
    if include_samples:
        shell.sample_badge(int(matrix["sample_companies"].sum()), lang)
    st.caption(t("sectors.lq_formula", lang))
    if basis == "employees":
        st.caption(t("sectors.employees_caveat", lang))
    matrix["city"] = city_column(matrix, "city", lang)
    matrix["sector_name"] = localised(matrix, "sector", lang)
    heat = matrix.assign(city=[shell.plot(c) for c in matrix["city"]],
                         sector_name=[shell.plot(s) for s in matrix["sector_name"]]).pivot_table(
        index="city", columns="sector_name", values=measure, aggfunc="sum")
    order = [shell.plot(s) for s in matrix.drop_duplicates("sector_name").sort_values("sort_order")["sector_name"]]
    heat = heat.reindex(columns=[c for c in order if c in heat.columns])
    colours = {"color_continuous_scale": "RdBu", "range_color": (0, 2)} if measure == "lq" else {
        "color_continuous_scale": "Blues"}  # LQ: white at 1, blue above (strong), red below; saturates at 2
    figure = px.imshow(heat, aspect="auto", labels={"color": t(f"measure.{measure}", lang), "x": "", "y": ""},
                       **colours)
    figure.update_layout(height=max(400, 22 * len(heat)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                         plot_bgcolor="#e8e8e8")  # grey: no company of the city in that sector
    figure.update_xaxes(side="top", tickangle=-40)
    shell.localise(figure, lang)
    st.plotly_chart(figure, config={"displayModeBar": False})

    shown = matrix[["city", "sector_name", "companies", "smes", "employees", "lq", "declared_strength",
                    "declared_wish"]].rename(columns={
                        "city": t("col.city", lang), "sector_name": t("col.sector", lang),
                        "companies": t("col.companies", lang), "smes": t("col.smes", lang),
                        "employees": t("col.employees", lang), "lq": t("col.lq", lang),
                        "declared_strength": t("col.declared_strength", lang),
                        "declared_wish": t("col.declared_wish", lang)})
    with st.expander(t("sectors.table", lang)):
        shell.table(shown, f"branchenmatrix_{level}", lang)

    st.subheader(t("sectors.partners", lang, city=names.city(focus, lang)))
    partners = sectors.partner_ranking(con, focus=focus, level=level, basis=basis)
    if not partners.empty:
        partners = partners.assign(partner=localised(partners, "partner", lang),
                                   reason=[explain(r, lang, names) for r in partners["reasons"]],
                                   score=(partners["score"] * 100).round(1))
        partners = partners[["partner", "score", "cosine", "reason"]]
    shell.table(partners.rename(columns={
        "partner": t("col.partner", lang), "score": t("col.score", lang), "cosine": t("col.cosine", lang),
        "reason": t("col.reason", lang)}), f"partnerstaedte_{focus}", lang)

    st.subheader(t("sectors.opportunities", lang, city=names.city(focus, lang)))
    chances = sectors.sme_opportunities(con, focus=focus, level=level, basis=basis)
    chances = chances.assign(sector_name=localised(chances, "sector", lang),
                             partner=localised(chances, "partner", lang))
    shell.table(chances[["sector_name", "focus_smes", "partner", "partner_lq", "partner_companies",
                         "partner_smes"]].rename(columns={
                             "sector_name": t("col.sector", lang), "focus_smes": t("col.focus_smes", lang),
                             "partner": t("col.partner", lang), "partner_lq": t("col.lq", lang),
                             "partner_companies": t("col.companies", lang), "partner_smes": t("col.smes", lang)}),
                f"kmu_chancen_{focus}", lang)

    st.subheader(t("sectors.declared", lang))
    declared = sectors.declared_vs_measured(con, level=level, basis=basis, scope=scope)
    declared = declared.assign(city=city_column(declared, "city", lang),
                               sector_name=localised(declared, "sector", lang),
                               finding=[t(f"finding.{x}", lang) if x else "" for x in declared["finding"]])
    shell.table(declared[["city", "sector_name", "companies", "lq", "declared_strength", "finding"]].rename(columns={
        "city": t("col.city", lang), "sector_name": t("col.sector", lang), "companies": t("col.companies", lang),
        "lq": t("col.lq", lang), "declared_strength": t("col.declared_strength", lang),
        "finding": t("col.finding", lang)}), f"erklaert_gemessen_{level}", lang)
    shell.notice_ignored(lang)
