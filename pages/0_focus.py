"""The focus city at a glance ("Mainz auf einen Blick"): status, best partners and why, SME sectors,
procedures to answer, projects, what the data covers and what is missing; then links into the detail
pages with their view preset. The content comes from alliance/focus.py."""

from __future__ import annotations

import streamlit as st

from alliance import focus
from alliance.i18n import explain, format_date, format_number, localised, missing, phrase, t
from alliance.sectors import reference_names
from pages.common import shell

ctx = shell.page("nav.focus")
if ctx is not None:
    lang, con, city_id = ctx.lang, ctx.con, ctx.focus
    samples = ctx.filters.include_samples
    brief = focus.focus_brief(con, city_id, include_samples=samples)
    names = reference_names(con)
    city = names.city(city_id, lang)
    c = brief.coverage
    facts = brief.facts

    status = t(f"status.{facts['status']}", lang)
    k1, k2, k3, k4 = st.columns(4)
    k1.metric(t("focus.kpi.status", lang), status, **({} if missing(facts["member_since"]) else {
        "delta": t("focus.status.since", lang, since=format_date(facts["member_since"], lang)), "delta_color": "off",
        "delta_arrow": "off"}))
    k2.metric(t("focus.kpi.projects", lang), format_number(c.projects, lang),
              **({"delta": t("focus.kpi.samples", lang, n=c.sample_projects), "delta_color": "off",
                  "delta_arrow": "off"} if c.sample_projects else {}))
    k3.metric(t("focus.kpi.companies", lang), format_number(c.companies, lang),
              **({"delta": t("focus.kpi.samples", lang, n=c.sample_companies), "delta_color": "off",
                  "delta_arrow": "off"} if c.sample_companies else {}))
    k4.metric(t("focus.kpi.to_answer", lang), format_number(len(brief.to_answer), lang))

    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(t("focus.partners", lang, city=city))
        best = brief.best_partners
        level = t(f"sectors.level.{brief.level}", lang)
        st.caption(t("focus.partners.basis", lang, basis=t(f"basis.{brief.basis}", lang), level=level))
        if best.empty:
            st.info(t("focus.partners.none", lang, city=city))
        else:  # a list, not a grid: the reason must be readable in full without scrolling sideways
            st.markdown("\n".join(
                f"{rank}. **{shell.md(partner)}** · {round(row.score)}/100 – "
                f"{shell.md(explain(row.reasons, lang, names))}"
                for rank, (row, partner) in enumerate(zip(best.itertuples(), shell.bilingual(
                    localised(best, "partner", "en" if lang == "en" else "de"), best["partner_zh"], lang),
                    strict=True), start=1)))
            if samples and brief.basis != "official":
                st.caption(t("focus.partners.samples", lang))
            top = best.iloc[0]["partner_id"]
            preset = {} if (brief.level, brief.basis) == ("section", "official") else {
                "level": brief.level, "basis": brief.basis}
            l1, l2 = st.columns(2)
            l1.page_link("pages/3_sectors.py", label=t("focus.link.why", lang, city=names.city(top, lang)),
                         icon=":material/insights:", query_params=shell.carried_params(why=top, **preset))
            l2.page_link("pages/2_cities.py", label=t("focus.link.compare", lang, city=city,
                                                       partner=names.city(top, lang)),
                         icon=":material/compare:", query_params=shell.carried_params(city=city_id, compare=top))

        st.subheader(t("focus.overlaps", lang, city=city))
        st.caption(t("focus.overlaps.help", lang, city=city))
        overlaps = brief.overlaps
        if overlaps.empty:
            st.info(t("focus.overlaps.none", lang, city=city))
        else:
            if samples and c.smes == 0 and c.sample_smes:
                shell.sample_badge(c.sample_smes, lang)
            st.markdown("\n".join(
                "- " + t("focus.overlap.row", lang, sector=f"**{shell.md(sector)}**",
                         n=format_number(row.focus_smes, lang),
                         partners=shell.md(t("sep.list", lang).join(names.city(p, lang) for p in row.partner_ids)),
                         lq=format_number(row.best_lq, lang, 1))
                for sector, row in zip(localised(overlaps, "sector", lang), overlaps.itertuples(), strict=True)))
        m1, m2 = st.columns(2)
        m1.page_link("pages/3_sectors.py", label=t("focus.link.sme", lang), icon=":material/factory:",
                     query_params=shell.carried_params(level="branche", basis="employees"))
        m2.page_link("pages/4_matching.py", label=t("focus.link.matching", lang), icon=":material/handshake:",
                     query_params=shell.carried_params())

    with right:
        st.subheader(t("focus.membership", lang))
        st.markdown("\n".join(
            f"- {format_date(e.date, lang)} · {t(f'event.{e.event}', lang)}"
            + (f" ({shell.md(names.city(e.actor_city_id, lang))})" if isinstance(e.actor_city_id, str) else "")
            + (f" – {shell.md(e.note)}" if isinstance(e.note, str) and e.note else "")
            + (t("name.sample_flag", lang) if e.is_sample else "")
            for e in brief.history.itertuples()) or "–")
        if samples:
            shell.sample_caption(brief.history["is_sample"], lang)

        st.markdown(f"**{t('focus.to_answer', lang, city=city)}**")
        if brief.to_answer.empty:
            st.caption(t("focus.to_answer.none", lang, city=city, n=brief.open_procedures))
        else:
            for p in brief.to_answer.itertuples():
                mark = t("name.sample_flag", lang) if p.is_sample else ""
                st.warning(shell.md(t("focus.to_answer.row", lang, applicant=names.city(p.city_id, lang) + mark,
                                      date=format_date(p.circular_on, lang), consents=p.consents,
                                      members=p.members_at_circular)), icon=":material/mail:")
        st.page_link("pages/6_membership.py", label=t("focus.link.membership", lang), icon=":material/how_to_reg:",
                     query_params=shell.carried_params())

        st.subheader(t("focus.projects", lang))
        partners = brief.partners
        if partners.empty:
            st.caption(t("focus.projects.none", lang, city=city))
        else:
            shell.table(partners.assign(partner=shell.bilingual(partners["partner_de"], partners["partner_zh"], lang))[
                ["partner", "projects", "documented", "volume_eur_m"]].rename(columns={
                    "partner": t("col.partner", lang), "projects": t("kpi.projects", lang),
                    "documented": t("focus.col.documented", lang), "volume_eur_m": t("col.volume", lang)}),
                f"projektpartner_{city_id}", lang, samples=partners["samples"] > 0)
        st.page_link("pages/5_projects.py", label=t("focus.link.projects", lang, city=city), icon=":material/work:",
                     query_params=shell.carried_params(mine="1"))

    st.subheader(t("focus.coverage", lang, city=city))
    cov1, cov2 = st.columns([3, 2], gap="large")
    with cov1:
        if c.official:
            lines = [t("focus.coverage.official", lang, measure=t(f"stat.{c.official['measure']}", lang),
                       year=c.official["year"], sectors=c.official["sectors"], scope=shell.md(c.official["scope"]))]
        else:
            lines = [t("focus.coverage.no_official", lang)]
        lines.append(t("focus.coverage.companies", lang, n=c.companies, smes=c.smes, with_year=c.with_year,
                       web=c.with_website))
        lines.append(t("focus.coverage.samples", lang, companies=c.sample_companies, smes=c.sample_smes,
                       projects=c.sample_projects) if samples else t("focus.coverage.samples_off", lang))
        st.markdown("\n".join(f"- {line}" for line in lines))
        if c.official:
            st.caption(shell.link(c.official["source"]))
        for note in c.notes.itertuples():
            st.info(shell.md(note.note), icon=":material/warning:")
    with cov2:
        st.markdown(f"**{t('focus.gaps', lang)}**")
        st.markdown("\n".join(f"- {phrase(f'focus.gap.{token}', args, lang, names)}" for token, args in brief.gaps)
                    or "–")

    st.markdown(f"**{t('focus.more', lang)}**")
    d1, d2 = st.columns(2)
    d1.page_link("pages/2_cities.py", label=t("focus.link.profile", lang, city=city), icon=":material/location_city:",
                 query_params=shell.carried_params(city=city_id))
    d2.page_link("pages/1_map.py", label=t("focus.link.map", lang, city=city), icon=":material/map:",
                 query_params=shell.carried_params())
    d1.page_link("pages/7_data.py", label=t("focus.link.companies", lang, city=city), icon=":material/table_view:",
                 query_params=shell.carried_params(table="companies", mine="1"))
    d2.page_link("pages/8_briefing.py", label=t("nav.briefing", lang), icon=":material/slideshow:",
                 query_params=shell.carried_params())
    shell.notice_ignored(lang)
