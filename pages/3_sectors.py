"""Sector matrix: cities x Branchen (or NACE divisions), declared vs measured, partners, SME chances."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from alliance import sectors
from alliance.i18n import explain, format_number, localised, t
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
    include_samples = ctx.filters.include_samples
    c1, c2, c3, c4 = st.columns(4)
    # Default: NACE sections on the official structure, the basis a committee can defend, wherever the data
    # has one; otherwise Branchen on the companies' employees.
    official = sectors.has_official_structure(con)
    level = shell.bound(c1.radio, t("sectors.level", lang), list(sectors.LEVELS), key="level", horizontal=True,
                        index=sectors.LEVELS.index("section" if official else "branche"),
                        format_func=lambda v: t(f"sectors.level.{v}", lang))
    bases = sectors.bases_for(level)
    basis = shell.bound(c3.selectbox, t("sectors.basis", lang), bases, key="basis",
                        index=bases.index("official") if official and "official" in bases else 0,
                        format_func=lambda v: t(f"basis.{v}", lang))
    measures = ("employees", "lq") if basis == "official" else MEASURES
    measure = shell.bound(c2.selectbox, t("sectors.measure", lang), measures, key="measure",
                          index=measures.index("lq"), format_func=lambda v: t(f"measure.{v}", lang))
    scope = shell.bound(c4.selectbox, t("sectors.scope", lang), sectors.SCOPES, key="scope", index=0,
                        format_func=lambda v: t(f"scope.{v}", lang))
    names = sectors.reference_names(con)

    f = ctx.filters
    matrix = sectors.city_sector_matrix(con, level=level, basis=basis, scope=scope, include_samples=include_samples,
                                        smes_only=f.smes_only, countries=f.countries, branchen=f.branchen)
    if include_samples and basis != "official":
        shell.sample_badge(int(matrix["sample_companies"].sum()), lang)
    st.caption(t("sectors.lq_formula", lang))
    if basis == "official":
        coverage = sectors.structure_coverage(con)
        st.caption(t("sectors.official_caveat", lang, n=int(coverage["measure"].notna().sum()), total=len(coverage)))
    elif basis == "employees":
        st.caption(t("sectors.employees_caveat", lang))
    elif basis == "employees_local":
        st.caption(t("sectors.local_caveat", lang))
    matrix["city"] = city_column(matrix, "city", lang)
    matrix["sector_name"] = localised(matrix, "sector", lang)
    heat = matrix.assign(city=[shell.plot(c) for c in matrix["city"]],
                         sector_name=[shell.plot(s) for s in matrix["sector_name"]]).pivot_table(
        index="city", columns="sector_name", values=measure, aggfunc="sum")
    order = [shell.plot(s) for s in matrix.drop_duplicates("sector_name").sort_values("sort_order")["sector_name"]]
    heat = heat.reindex(columns=[c for c in order if c in heat.columns])
    colours = {"color_continuous_scale": "RdBu", "range_color": (0, 2)} if measure == "lq" else {
        "color_continuous_scale": "Blues"}  # LQ: white at 1, blue above (strong), red below; saturates at 2
    if not heat.empty:
        figure = px.imshow(heat, aspect="auto", labels={"color": t(f"measure.{measure}", lang), "x": "", "y": ""},
                           **colours)
        figure.update_layout(height=max(400, 22 * len(heat)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                             plot_bgcolor="#e8e8e8")  # grey: no data of the city in that sector
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
    if not sectors.has_wishes(con, focus):
        st.info(t("sectors.no_wishes", lang, city=names.city(focus, lang)), icon=":material/info:")
    weights = sectors.PartnerWeights()  # the caption states the weights the ranking uses
    st.caption(t("sectors.partner_formula", lang, cap=weights.cap, ties_cap=weights.ties_cap,
                 **{k: format_number(w, lang, decimals=len(f"{w:g}".partition(".")[2]))  # 0,4 and 0,25
                    for k, w in ((k, getattr(weights, k)) for k in sectors.COMPONENTS)}))
    partners = sectors.partner_ranking(con, focus=focus, level=level, basis=basis, include_samples=include_samples)
    if not partners.empty:
        ranked = partners.assign(partner=localised(partners, "partner", lang),
                                 reason=[explain(r, lang, names) for r in partners["reasons"]])
        ranked = ranked[["partner", "score", "similarity", "complement", "shared_score", "ties", "reason"]]
        whole = ["score", "similarity", "complement", "shared_score", "ties"]  # points 0-100, shown whole
        ranked[whole] = ranked[whole].round().astype(int)
        shell.table(ranked.rename(columns={
            "partner": t("col.partner", lang), "score": t("col.score", lang),
            "similarity": t("component.similarity", lang), "complement": t("component.complement", lang),
            "shared_score": t("component.shared", lang), "ties": t("component.ties", lang),
            "reason": t("col.reason", lang)}), f"partnerstaedte_{focus}", lang,
            column_config={t("col.score", lang): st.column_config.ProgressColumn(
                min_value=0, max_value=100, format="%.0f")})

        with st.expander(t("sectors.why", lang), expanded=True):
            options = list(partners["partner_id"])
            chosen = shell.bound(st.selectbox, t("sectors.why_partner", lang), options, key="why", index=0,
                                 format_func=lambda v: names.city(v, lang))
            row = partners.set_index("partner_id").loc[chosen]
            left, right = st.columns([3, 2])
            profiles = sectors.partner_profiles(con, focus, chosen, level=level, basis=basis,
                                                include_samples=include_samples).head(12)
            focus_col = t("col.focus_share", lang, city=names.city(focus, lang))
            partner_col = t("col.focus_share", lang, city=names.city(chosen, lang))
            long = profiles.assign(sector_name=[shell.plot(x) for x in localised(profiles, "sector", lang)]).melt(
                id_vars="sector_name", value_vars=["focus_share", "partner_share"], var_name="city", value_name="share")
            long["city"] = long["city"].map({"focus_share": shell.plot(focus_col),
                                             "partner_share": shell.plot(partner_col)})
            bars = px.bar(long, x="share", y="sector_name", color="city", barmode="group", orientation="h",
                          labels={"share": "", "sector_name": "", "city": ""})
            bars.update_layout(height=max(300, 34 * len(profiles)), margin={"l": 10, "r": 10, "t": 10, "b": 10},
                               legend={"orientation": "h", "y": -0.1}, yaxis={"autorange": "reversed"})
            bars.update_xaxes(tickformat=".0%")
            shell.localise(bars, lang)
            left.plotly_chart(bars, config={"displayModeBar": False})
            right.markdown("**" + shell.md(t("sectors.why_parts", lang, score=f"{row['score']:.0f}")) + "**")
            parts = pd.DataFrame({
                "component": [t(f"component.{k}", lang) for k in sectors.COMPONENTS],
                "value": [row["similarity"], row["complement"], row["shared_score"], row["ties"]],
                "part": [round(100 * row[f"{k}_part"]) for k in sectors.COMPONENTS]})
            right.dataframe(parts, hide_index=True, column_config={
                "component": st.column_config.TextColumn(""),
                "value": st.column_config.NumberColumn("0–100", format="%d"),
                "part": st.column_config.ProgressColumn("%", min_value=0, max_value=100, format="%d")})
            right.caption(shell.md(explain(row["reasons"], lang, names)))

    st.subheader(t("sectors.opportunities", lang, city=names.city(focus, lang)))
    chances = sectors.sme_opportunities(con, focus=focus, level=level, basis=basis if basis != "official" else
                                        "employees", include_samples=include_samples)
    if chances.empty:
        smes = sectors.sme_count(con, focus, include_samples=include_samples)
        key = "sectors.no_smes" if smes["documented"] + smes["samples"] == 0 else "sectors.no_chances"
        st.info(t(key, lang, city=names.city(focus, lang))
                + (" " + t("sectors.samples_hidden", lang, n=smes["hidden_samples"]) if smes["hidden_samples"] else ""))
    else:
        chances = chances.assign(sector_name=localised(chances, "sector", lang),
                                 partner=localised(chances, "partner", lang))
        shell.table(chances[["sector_name", "focus_smes", "partner", "partner_lq", "partner_companies",
                             "partner_smes"]].rename(columns={
                                 "sector_name": t("col.sector", lang), "focus_smes": t("col.focus_smes", lang),
                                 "partner": t("col.partner", lang), "partner_lq": t("col.lq", lang),
                                 "partner_companies": t("col.companies", lang),
                                 "partner_smes": t("col.smes", lang)}),
                    f"kmu_chancen_{focus}", lang)

    st.subheader(t("sectors.declared", lang))
    declared = sectors.declared_vs_measured(con, level=level, basis=basis, scope=scope,
                                            include_samples=include_samples)
    declared = declared.assign(city=city_column(declared, "city", lang),
                               sector_name=localised(declared, "sector", lang),
                               finding=[t(f"finding.{x}", lang) if x else "" for x in declared["finding"]])
    shown_columns = ["city", "sector_name", *(["companies"] if basis != "official" else []), "lq",
                     "declared_strength", "finding"]  # the official basis counts no companies
    shell.table(declared[shown_columns].rename(columns={
        "city": t("col.city", lang), "sector_name": t("col.sector", lang), "companies": t("col.companies", lang),
        "lq": t("col.lq", lang), "declared_strength": t("col.declared_strength", lang),
        "finding": t("col.finding", lang)}), f"erklaert_gemessen_{level}", lang)

    st.subheader(t("sectors.official_vs_companies", lang))
    compared = sectors.official_vs_companies(con, basis=basis if basis != "official" else "employees",
                                             include_samples=include_samples, countries=f.countries)
    st.caption(t("sectors.official_vs_companies_note", lang, n=int((compared["finding"] != "").sum())))
    compared = compared.assign(city=city_column(compared, "city", lang),
                               sector_name=localised(compared, "sector", lang),
                               finding=[t(f"finding.{x}", lang) if x else "" for x in compared["finding"]])
    shell.table(compared[["city", "sector_name", "year", "official_share", "official_lq", "company_share",
                          "company_lq", "finding"]].rename(columns={
        "city": t("col.city", lang), "sector_name": t("col.sector", lang), "year": t("col.year", lang),
        "official_share": t("col.official_share", lang), "official_lq": t("col.official_lq", lang),
        "company_share": t("col.company_share", lang), "company_lq": t("col.company_lq", lang),
        "finding": t("col.finding", lang)}), "amtlich_unternehmen", lang)
    with st.expander(t("sectors.coverage", lang)):
        coverage = sectors.structure_coverage(con)
        coverage = coverage.assign(city=city_column(coverage, "city", lang),
                                   measure=[t(f"stat.{m}", lang) if isinstance(m, str) else None
                                            for m in coverage["measure"]])
        shell.table(coverage[["city", "measure", "year", "sectors", "scope", "source"]].rename(columns={
            "city": t("col.city", lang), "measure": t("col.stat_measure", lang), "year": t("col.year", lang),
            "sectors": t("col.sectors_published", lang), "scope": t("col.scope", lang),
            "source": t("col.source", lang)}), "amtliche_struktur", lang)
    shell.notice_ignored(lang)
