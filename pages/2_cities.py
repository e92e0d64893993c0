"""City profiles: one city, or two side by side, with the sources of every fact."""

from __future__ import annotations

import streamlit as st

from alliance import cities
from alliance.i18n import format_date, format_number, format_year, missing, t
from pages.common import shell


def named_companies(profile: cities.CityProfile, lang: str, key: str) -> None:
    c = profile.companies
    st.markdown(f"**{t('cities.named_companies', lang)}**")
    st.caption(t("cities.named_companies_help", lang))
    shown = c.assign(company=shell.bilingual(c["name"], c["name_zh"], lang), branche=c[f"branche_{lang}"],
                     year=[format_year(v) for v in c["employees_year"]],
                     scope=["" if missing(s) else t(f"scope.{s}", lang) for s in c["employees_scope"]])
    names = {"company": t("col.company", lang), "is_sample": t("col.sample", lang), "branche": t("col.sector", lang),
             "employees": t("col.employees", lang), "year": t("col.as_of", lang), "scope": t("col.scope", lang),
             "source": t("col.source", lang)}
    config = {names["company"]: st.column_config.TextColumn(width="medium"),
              names["branche"]: st.column_config.TextColumn(width="medium"),
              names["source"]: st.column_config.LinkColumn(display_text=r"https?://(?:www\.)?([^/]+)")}
    shell.table(shown[list(names)].rename(columns=names), f"firmen_{key}", lang, column_config=config,
                samples=c["is_sample"])


def show(profile: cities.CityProfile, lang: str, key: str) -> None:
    f = profile.facts
    st.header(shell.md(f"{f['name_de'] if lang != 'en' else f['name_en']} {f['name_zh'] or ''}".strip())
              if lang != "zh" else shell.md(f["name_zh"] or f["name_de"]))
    status = t(f"status.{f['status']}", lang)
    since = f" · {format_date(f['member_since'], lang)}" if not missing(f["member_since"]) else ""
    st.caption(f"{shell.md(f['region'])}, {f[f'country_{lang}']} · {status}{since}")
    if not missing(f["population"]):
        st.metric(t("cities.population", lang), format_number(f["population"], lang),
                  help=shell.md(f"{format_year(f['population_year'])} {f['population_scope'] or ''}"))
    if not missing(f["gdp"]):
        st.metric(t("cities.gdp", lang), f"{format_number(f['gdp'] / 1e9, lang, 1)} Mrd. {f['gdp_currency']}",
                  help=format_year(f["gdp_year"]) or None)
    for field in cities.PROFILE_FIELDS:
        if f.get(field):
            st.markdown(f"**{t(f'field.{field}', lang)}**")
            st.markdown(shell.md(f[field]))
    for kind, label in (("strength", "cities.strengths"), ("wish", "cities.wishes")):
        rows = profile.strengths[profile.strengths["kind"] == kind]
        if not rows.empty:
            st.markdown(f"**{t(label, lang)}**: " + ", ".join(
                shell.md(f"{r['name_' + lang] or r['name_de']} ({r['code']})") for _, r in rows.iterrows()))
    st.subheader(t("cities.companies", lang))
    shell.sample_badge(int(profile.companies_by_branche["sample_companies"].sum()), lang)
    by = profile.companies_by_branche
    shell.table(by.assign(branche=by[f"name_{lang}"])[["branche", "companies", "smes", "employees",
                                                        "sample_companies"]].rename(columns={
        "branche": t("col.sector", lang), "companies": t("col.companies", lang), "smes": t("col.smes", lang),
        "employees": t("col.employees", lang), "sample_companies": t("col.sample", lang)}),
        f"unternehmen_{key}", lang)
    named_companies(profile, lang, key)
    st.subheader(t("cities.projects", lang))
    p = profile.projects
    shell.table(p.assign(partner=shell.bilingual(p["partner_de"], p["partner_zh"], lang),
                         status_text=[t(f"pstatus.{s}", lang) for s in p["status"]])[
        ["title", "partner", "status_text", "volume_eur_m", "is_sample"]].rename(columns={
            "title": t("col.title", lang), "partner": t("col.partner", lang),
            "status_text": t("projects.status", lang), "volume_eur_m": t("col.volume", lang),
            "is_sample": t("col.sample", lang)}), f"projekte_{key}", lang, samples=p["is_sample"])
    st.subheader(t("cities.history", lang))
    h = profile.history
    shell.table(h.assign(day=[format_date(d, lang) for d in h["date"]],
                         event_text=[t(f"event.{e}", lang) for e in h["event"]],
                         actor=shell.bilingual(h["actor_de"], h["actor_zh"], lang))[
        ["day", "event_text", "actor", "note", "is_sample"]].rename(columns={
            "day": t("col.date", lang), "event_text": t("col.event", lang), "actor": t("col.city", lang),
            "note": t("col.note", lang), "is_sample": t("col.sample", lang)}), f"mitgliedschaft_{key}", lang,
        samples=h["is_sample"])
    if not profile.notes.empty:
        st.markdown(f"**{t('cities.notes', lang)}**")
        for note in profile.notes.itertuples():
            st.info(shell.md(note.note), icon=":material/warning:")
    st.markdown(f"**{t('cities.sources', lang)}**")
    st.markdown("\n".join(f"- {shell.link(s)}" for s in profile.sources))


ctx = shell.page("nav.cities")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    samples = ctx.filters.include_samples
    choices = cities.city_list(con, include_samples=samples)
    ids = choices["city_id"].tolist()
    labels = {r["city_id"]: shell.city_label(r, lang) for _, r in choices.iterrows()}
    c1, c2 = st.columns(2)
    city = shell.bound(c1.selectbox, t("col.city", lang), ids, format_func=labels.get, key="city",
                       index=ids.index(ctx.focus) if ctx.focus in ids else 0)
    compare = shell.bound(c2.selectbox, t("cities.compare", lang), ["", *ids], index=0, key="compare",
                          format_func=lambda c: labels.get(c, t("cities.none", lang)))
    if compare:
        left, right = st.columns(2)
        with left:
            show(cities.city_profile(con, city, include_samples=samples), lang, city)
        with right:
            show(cities.city_profile(con, compare, include_samples=samples), lang, compare)
    else:
        show(cities.city_profile(con, city, include_samples=samples), lang, city)
    shell.notice_ignored(lang)
