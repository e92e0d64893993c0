"""Cooperation matching: find a company by name in any script, or describe a profile; ranked
partners in the other country with the score components and their reasons; partner cities."""

from __future__ import annotations

import streamlit as st

from alliance import matching
from alliance.i18n import t
from pages.common import shell

COUNTRY = {"de": {"CN": "China", "DE": "Deutschland"}, "en": {"CN": "China", "DE": "Germany"},
           "zh": {"CN": "中国", "DE": "德国"}}
MODES = ("company", "profile")


def chosen_company(ctx: shell.Context) -> str | None:
    lang, con = ctx.lang, ctx.con
    query = st.text_input(t("matching.search", lang), value=shell.param("q", ""), key="q")
    shell.set_param("q", query, "")
    found = (matching.find_companies(con, query, limit=50) if query
             else matching.companies_in_city(con, ctx.focus, limit=200))
    if found.empty:
        st.info(t("matching.none", lang))
        return None
    ids = found["company_id"].tolist()
    labels = {r.company_id: f"{r.name}{' ' + r.name_zh if r.name_zh else ''} · {r.city_de}"
              + (f" · {t('col.sample', lang)}" if r.is_sample else "") for r in found.itertuples()}
    chosen = shell.param("company", ids[0])
    company = st.selectbox(t("matching.pick", lang), ids, index=ids.index(chosen) if chosen in ids else 0,
                           format_func=labels.get, key="company")
    shell.set_param("company", company, ids[0])
    return company


def described_profile(ctx: shell.Context) -> matching.Profile | None:
    lang = ctx.lang
    codes = matching.sector_choices(ctx.con)
    names = {r.code: f"{r.code} {getattr(r, 'name_' + lang) or r.name_en}" for r in codes.itertuples()}
    c1, c2 = st.columns([1, 3])
    country = c1.radio(t("matching.country", lang), ("DE", "CN"), format_func=COUNTRY[lang].get,
                       index=0 if shell.param("country", "DE") == "DE" else 1, key="country")
    employees = c1.number_input(t("matching.employees", lang), 1, 1_000_000, int(shell.param("emp", "50")),
                                key="emp")
    seek = c2.multiselect(t("matching.seeks_codes", lang), list(names), format_func=names.get,
                          default=[c for c in shell.list_param("seek") if c in names], key="seek",
                          placeholder=t("filters.all", lang))
    offer = c2.multiselect(t("matching.offers_codes", lang), list(names), format_func=names.get,
                           default=[c for c in shell.list_param("offer") if c in names], key="offer",
                           placeholder=t("filters.all", lang))
    text = st.text_area(t("matching.seeks_text", lang), value=shell.param("text", ""), key="text", height=80)
    shell.set_param("country", country, "DE")
    shell.set_param("emp", str(employees), "50")
    shell.set_list_param("seek", seek)
    shell.set_list_param("offer", offer)
    shell.set_param("text", text, "")
    if not seek:
        st.info(t("matching.need_codes", lang))
        return None
    return matching.Profile(country=country, seek_codes=tuple(seek), offer_codes=tuple(offer), seeks=text,
                            employees=int(employees))


ctx = shell.page("nav.matching")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    start = shell.param("mode", "company")
    mode = st.radio(t("matching.mode", lang), MODES, horizontal=True, key="mode",
                    format_func=lambda m: t(f"matching.mode.{m}", lang),
                    index=MODES.index(start) if start in MODES else 0)
    shell.set_param("mode", mode, "company")
    seeker = chosen_company(ctx) if mode == "company" else described_profile(ctx)
    if seeker is None:
        st.stop()
    country = matching.company_profile(con, seeker).country if isinstance(seeker, str) else seeker.country
    view = seeker if isinstance(seeker, str) else "profil"
    st.caption(t("matching.formula", lang))
    result = matching.match_companies(con, seeker, k=20)
    shell.sample_badge(int(result["is_sample"].sum()), lang)
    st.subheader(t("matching.results", lang, country=COUNTRY[lang]["CN" if country == "DE" else "DE"]))
    explanation = "explanation_de" if lang == "de" else "explanation_en"
    # Components 0..1 shown as points 0..100: whole numbers need no decimal separator in any language.
    components = {"sector_fit": "col.sector_fit", "reciprocity": "col.reciprocity", "text": "col.text",
                  "size": "col.size", "city": "col.city_context"}
    shown = result.assign(
        company=shell.bilingual(result["name"], result["name_zh"], lang),
        city_name=result["city_de"] if lang == "de" else result["city_en"],
        score=result["score"].round(1),
        **{c: (result[c] * 100).round() for c in components},
    )[["rank", "company", "is_sample", "city_name", "sector", "score", *components, explanation]]
    labels = {"rank": "#", "company": t("col.company", lang), "city_name": t("col.city", lang), "sector": "NACE",
              "score": t("col.score", lang), explanation: t("col.explanation", lang),
              "is_sample": t("col.sample", lang), **{c: t(key, lang) for c, key in components.items()}}
    bar = st.column_config.ProgressColumn
    shell.table(shown.rename(columns=labels), f"kooperation_{view}", lang,
                column_config={labels[c]: bar(labels[c], min_value=0, max_value=100, format="%.0f")
                               for c in components})
    st.subheader(t("matching.cities", lang))
    cities = matching.partner_cities(con, seeker)
    cities = cities.assign(city=cities["name_de"] if lang != "zh" else cities["name_zh"],
                           score=cities["score"].round(1))
    shell.table(cities[["city", "score", "lq", "fitting_companies", "declared"]].rename(columns={
        "city": t("col.city", lang), "score": t("col.score", lang), "lq": t("col.lq", lang),
        "fitting_companies": t("col.companies", lang), "declared": t("col.declared_strength", lang)}),
        f"partnerstaedte_{view}", lang)
