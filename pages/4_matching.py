"""Cooperation matching: find a company by name in any script, or describe a profile; ranked
partners in the other country with the score components and their reasons; partner cities."""

from __future__ import annotations

import streamlit as st

from alliance import matching, sectors
from alliance.i18n import country_name, explain, localised, t
from pages.common import shell

MODES = ("company", "profile")
MAX_QUERY, MAX_TEXT = 200, 1_000  # characters: a name to search for, a description of what is sought
COUNTRIES = ("DE", "CN")
# Components 0..1 shown as points 0..100: whole numbers need no decimal separator in any language.
COMPONENTS = {"sector_fit": "col.sector_fit", "reciprocity": "col.reciprocity", "text": "col.text",
              "size": "col.size", "city": "col.city_context"}


def chosen_company(ctx: shell.Context) -> str | None:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    query = shell.bound(st.text_input, t("matching.search", lang), key="q", value="", max_chars=MAX_QUERY)
    found = (matching.find_companies(con, query, limit=50, include_samples=samples) if query
             else matching.companies_in_city(con, ctx.focus, limit=200, include_samples=samples))
    if found.empty:
        st.info(t("matching.none", lang))
        return None
    ids = found["company_id"].tolist()
    names = shell.bilingual(found["name"], [z if isinstance(z, str) and z else None for z in found["name_zh"]], lang)
    cities = localised(found, "city", lang)
    labels = {cid: f"{name} · {city}" + (f" · {t('col.sample', lang)}" if sample else "")
              for cid, name, city, sample in zip(ids, names, cities, found["is_sample"], strict=True)}
    return shell.bound(st.selectbox, t("matching.pick", lang), ids, format_func=labels.get, key="company", index=0)


def described_profile(ctx: shell.Context) -> matching.Profile | None:
    lang = ctx.lang
    codes = matching.sector_choices(ctx.con)
    # Chinese names where the reference data has them (groups and classes: their division's).
    names = {code: f"{code} {name if isinstance(name, str) and name else english}"
             for code, name, english in zip(codes["code"], codes[f"name_{lang}"], codes["name_en"], strict=True)}
    c1, c2 = st.columns([1, 3])
    country = shell.bound(c1.radio, t("matching.country", lang), COUNTRIES, key="country", index=0,
                          format_func=lambda c: country_name(c, lang))
    employees = shell.bound(c1.number_input, t("matching.employees", lang), key="emp", min_value=1,
                            max_value=1_000_000, value=50, step=1)
    seek = shell.bound(c2.multiselect, t("matching.seeks_codes", lang), list(names), format_func=names.get,
                       key="seek", placeholder=t("filters.all", lang))
    offer = shell.bound(c2.multiselect, t("matching.offers_codes", lang), list(names), format_func=names.get,
                        key="offer", placeholder=t("filters.all", lang))
    text = shell.bound(st.text_area, t("matching.seeks_text", lang), key="text", value="", height=80,
                       max_chars=MAX_TEXT)
    if not seek:
        st.info(t("matching.need_codes", lang))
        return None
    return matching.Profile(country=country, seek_codes=tuple(seek), offer_codes=tuple(offer), seeks=text,
                            employees=int(employees))


def show_matches(ctx: shell.Context, seeker: str | matching.Profile) -> None:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    names = sectors.reference_names(con)
    country = matching.company_profile(con, seeker).country if isinstance(seeker, str) else seeker.country
    view = seeker if isinstance(seeker, str) else "profil"
    st.caption(t("matching.formula", lang))
    result = matching.match_companies(con, seeker, k=20, include_samples=samples)
    shell.sample_badge(int(result["is_sample"].sum()), lang)
    st.subheader(t("matching.results", lang, country=country_name("CN" if country == "DE" else "DE", lang)))
    zh = [z if isinstance(z, str) and z else None for z in result["name_zh"]]
    shown = result.assign(
        company=shell.bilingual(result["name"], zh, lang),
        city_name=localised(result, "city", lang),
        score=result["score"].round(1),
        explanation=[explain(r, lang, names) for r in result["reasons"]],
        **{c: (result[c] * 100).round() for c in COMPONENTS},
    )[["rank", "company", "is_sample", "city_name", "sector", "score", *COMPONENTS, "explanation"]]
    labels = {"rank": "#", "company": t("col.company", lang), "city_name": t("col.city", lang), "sector": "NACE",
              "score": t("col.score", lang), "explanation": t("col.explanation", lang),
              "is_sample": t("col.sample", lang), **{c: t(key, lang) for c, key in COMPONENTS.items()}}
    bar = st.column_config.ProgressColumn
    shell.table(shown.rename(columns=labels), f"kooperation_{view}", lang,
                column_config={labels[c]: bar(labels[c], min_value=0, max_value=100, format="%.0f")
                               for c in COMPONENTS}, samples=result["is_sample"])
    st.subheader(t("matching.cities", lang))
    cities = matching.partner_cities(con, seeker, include_samples=samples)
    cities = cities.assign(city=localised(cities, "name", lang), score=cities["score"].round(1))
    shell.table(cities[["city", "score", "lq", "fitting_companies", "declared"]].rename(columns={
        "city": t("col.city", lang), "score": t("col.score", lang), "lq": t("col.lq", lang),
        "fitting_companies": t("col.companies", lang), "declared": t("col.declared_strength", lang)}),
        f"partnerstaedte_{view}", lang)


ctx = shell.page("nav.matching")
if ctx is not None:
    lang = ctx.lang
    mode = shell.bound(st.radio, t("matching.mode", lang), MODES, key="mode", horizontal=True, index=0,
                       format_func=lambda m: t(f"matching.mode.{m}", lang))
    seeker = chosen_company(ctx) if mode == "company" else described_profile(ctx)
    if seeker is not None:
        show_matches(ctx, seeker)
    shell.notice_ignored(lang)
