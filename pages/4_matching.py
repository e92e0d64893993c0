"""Cooperation matching: find a company by name in any script; ranked partners with their reasons."""

from __future__ import annotations

import streamlit as st

from alliance import matching
from alliance.i18n import t
from pages.common import shell

COUNTRY = {"de": {"CN": "China", "DE": "Deutschland"}, "en": {"CN": "China", "DE": "Germany"},
           "zh": {"CN": "中国", "DE": "德国"}}

ctx = shell.page("nav.matching")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    query = st.text_input(t("matching.search", lang), value=shell.param("q", ""), key="q")
    shell.set_param("q", query, "")
    found = (matching.find_companies(con, query, limit=50) if query
             else matching.companies_in_city(con, ctx.focus, limit=200))
    if found.empty:
        st.info(t("matching.none", lang))
        st.stop()
    ids = found["company_id"].tolist()
    labels = {r.company_id: f"{r.name}{' ' + r.name_zh if r.name_zh else ''} · {r.city_de}"
              + (f" · {t('col.sample', lang)}" if r.is_sample else "") for r in found.itertuples()}
    chosen = shell.param("company", ids[0])
    company = st.selectbox(t("matching.pick", lang), ids, index=ids.index(chosen) if chosen in ids else 0,
                           format_func=labels.get, key="company")
    shell.set_param("company", company, ids[0])
    profile = matching.company_profile(con, company)
    st.caption(t("matching.formula", lang))
    result = matching.match_companies(con, company, k=20)
    shell.sample_badge(int(result["is_sample"].sum()), lang)
    other = "CN" if profile.country == "DE" else "DE"
    st.subheader(t("matching.results", lang, country=COUNTRY[lang][other]))
    explanation = "explanation_de" if lang == "de" else "explanation_en"
    shown = result.assign(
        company=shell.bilingual(result["name"], result["name_zh"], lang),
        city_name=result["city_de"] if lang == "de" else result["city_en"],
        score=result["score"].round(1),
    )[["rank", "company", "city_name", "sector", "score", "sector_fit", "reciprocity", "text", "size", "city",
       explanation, "is_sample"]]
    bar = st.column_config.ProgressColumn
    shell.table(
        shown.rename(columns={"rank": "#", "company": t("col.company", lang), "city_name": t("col.city", lang),
                              "sector": "NACE", "score": t("col.score", lang),
                              explanation: t("col.explanation", lang), "is_sample": t("col.sample", lang)}),
        f"kooperation_{company}", lang,
        column_config={
            "sector_fit": bar(t("col.sector_fit", lang), min_value=0, max_value=1, format="%.2f"),
            "reciprocity": bar(t("col.reciprocity", lang), min_value=0, max_value=1, format="%.2f"),
            "text": bar(t("col.text", lang), min_value=0, max_value=1, format="%.2f"),
            "size": bar(t("col.size", lang), min_value=0, max_value=1, format="%.2f"),
            "city": bar(t("col.city_context", lang), min_value=0, max_value=1, format="%.2f"),
        },
    )
    st.subheader(t("matching.cities", lang))
    cities = matching.partner_cities(con, company)
    cities = cities.assign(city=cities["name_de"] if lang != "zh" else cities["name_zh"],
                           score=cities["score"].round(1))
    shell.table(cities[["city", "score", "lq", "fitting_companies", "declared"]].rename(columns={
        "city": t("col.city", lang), "score": t("col.score", lang), "lq": t("col.lq", lang),
        "fitting_companies": t("col.companies", lang), "declared": t("col.declared_strength", lang)}),
        f"partnerstaedte_{company}", lang)
