"""Membership: every city's status, open procedures with the tally, findings of the rule checks."""

from __future__ import annotations

from datetime import date

import plotly.express as px
import streamlit as st

from alliance import membership
from alliance.i18n import format_date, t
from pages.common import circular_form, shell

ctx = shell.page("nav.membership")
if ctx is not None:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    c1, c2 = st.columns(2)
    at = shell.bound(c1.date_input, t("membership.at", lang), value=date.today(), key="at",
                     format="DD.MM.YYYY" if lang == "de" else "YYYY-MM-DD")
    rule = shell.bound(c2.selectbox, t("membership.rule", lang), membership.RULES, key="rule",
                       index=membership.RULES.index(membership.DEFAULT_RULE),
                       format_func=lambda r: t(f"rule.{r}", lang))

    st.subheader(t("membership.open", lang))
    procedures = membership.open_procedures(con, at, rule, include_samples=samples)
    if procedures.empty:
        st.info(t("membership.none_open", lang))
    else:
        shell.sample_badge(int(procedures["is_sample"].sum()), lang)
        shown = procedures.assign(
            applied=[format_date(d, lang) for d in procedures["applied_on"]],
            circular=[format_date(d, lang) for d in procedures["circular_on"]],
            outstanding=[len(o) for o in procedures["outstanding"]],
            city=shell.bilingual(procedures["name_de"], procedures["name_zh"], lang),
            step=[t(f"nextstep.{p.outcome}", lang, n=len(p.outstanding), members=p.members_at_circular)
                  for p in procedures.itertuples()],
        )[["city", "is_sample", "applied", "circular", "members_at_circular", "consents", "objections",
           "outstanding", "step"]]
        shell.table(shown.rename(columns={
            "city": t("col.city", lang), "applied": t("col.applied", lang), "circular": t("col.circular", lang),
            "members_at_circular": t("col.members", lang), "consents": t("col.consents", lang),
            "objections": t("col.objections", lang), "outstanding": t("col.outstanding", lang),
            "step": t("col.next_step", lang), "is_sample": t("col.sample", lang)}), "aufnahmeverfahren", lang,
            samples=procedures["is_sample"])
        names = shell.city_names(ctx)
        for procedure in procedures.itertuples():
            if len(procedure.outstanding):
                with st.expander(t("membership.outstanding_list", lang, city=shell.md(names.get(procedure.city_id,
                                   procedure.name_de)), n=len(procedure.outstanding))):
                    st.markdown(shell.md(", ".join(sorted(names.get(c, c) for c in procedure.outstanding))))

    circular_form.render(ctx)

    st.subheader(t("membership.timeline", lang))
    periods = membership.membership_periods(con, at, include_samples=samples)
    periods["city"] = [shell.plot(c) for c in shell.bilingual(periods["name_de"], periods["name_zh"], lang)]
    periods["kind_text"] = [t(f"status.{k}", lang) for k in periods["kind"]]
    chart = px.timeline(periods, x_start="start", x_end="end", y="city", color="kind_text",
                        labels={"city": "", "kind_text": t("col.status", lang)},
                        category_orders={"city": list(dict.fromkeys(periods["city"]))})
    chart.update_layout(height=max(300, 16 * periods["city"].nunique()), margin={"l": 10, "r": 10, "t": 10, "b": 10})
    shell.localise(chart, lang)
    st.plotly_chart(chart, config={"displayModeBar": False})

    st.subheader(t("membership.status", lang))
    status = membership.status_at(con, at, include_samples=samples)
    status = status.assign(
        city=shell.bilingual(status["name_de"], status["name_zh"], lang),
        status_text=[t(f"status.{s}", lang) for s in status["status"]],
        since=[format_date(d, lang) for d in status["member_since"]],
        country=[t(f"country.{c}", lang) for c in status["country"]],
    )
    shell.table(status[["city", "country", "status_text", "since", "is_sample"]].rename(columns={
        "country": t("col.country", lang),
        "city": t("col.city", lang), "status_text": t("col.status", lang),
        "since": t("col.since", lang), "is_sample": t("col.sample", lang)}), "mitgliedsstatus", lang, height=420,
        samples=status["is_sample"])

    st.subheader(t("membership.findings", lang))
    findings = membership.findings(con, include_samples=samples)
    findings = findings.assign(city=shell.bilingual(findings["name_de"], findings["name_zh"], lang),
                               where=findings["source_file"] + ", " + findings["source_row"].astype(str),
                               day=[format_date(d, lang) for d in findings["date"]],
                               event_text=[t(f"event.{e}", lang) for e in findings["event"]],
                               finding_text=[t(f"finding.{f}", lang) for f in findings["finding"]])
    shell.table(findings[["city", "event_text", "day", "finding_text", "where", "is_sample"]].rename(columns={
        "city": t("col.city", lang), "event_text": t("col.event", lang), "day": t("col.date", lang),
        "finding_text": t("col.finding", lang), "where": t("col.file_row", lang),
        "is_sample": t("col.sample", lang)}),
        "verfahrensbefunde", lang, samples=findings["is_sample"])
    shell.notice_ignored(lang)
