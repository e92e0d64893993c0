"""Entry point of the dashboard and its overview page: `streamlit run app.py`.

On first start (no database file) the shared shell builds the database from the bundled data in
data/seed/ with a progress bar. Pages only call into alliance/; no SQL here.
"""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from alliance import membership, overview
from alliance.i18n import format_date, format_number, t
from pages.common import shell


def documented(value: float, lang: str, decimals: int = 0, include_samples: bool = True) -> dict:
    """st.metric arguments that show the part of a figure that is not sample data under it (no arrow:
    it is not a change); nothing when the figure counts documented records only."""
    if not include_samples:
        return {}
    return {"delta": t("kpi.documented", lang, n=format_number(value, lang, decimals)), "delta_color": "off",
            "delta_arrow": "off"}


ctx = shell.page("app.title")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    samples = ctx.filters.include_samples
    st.caption(t("app.subtitle", lang))
    status = overview.data_status(con, include_samples=samples)
    cols = st.columns(6)
    cols[0].metric(t("kpi.members", lang), format_number(status.members, lang))
    cols[1].metric(t("kpi.cities", lang), format_number(status.cities, lang))
    cols[2].metric(t("kpi.companies", lang), format_number(status.companies, lang),
                   **documented(status.companies - status.sample_companies, lang, include_samples=samples))
    cols[3].metric(t("kpi.smes", lang), format_number(status.smes, lang))
    cols[4].metric(t("kpi.projects", lang), format_number(status.projects, lang),
                   **documented(status.projects - status.sample_projects, lang, include_samples=samples))
    cols[5].metric(t("kpi.volume", lang), format_number(status.project_volume_eur_m, lang, 1),
                   **documented(status.documented_volume_eur_m, lang, 1, include_samples=samples))
    shell.sample_badge(status.sample_companies + status.sample_projects, lang)

    left, right = st.columns(2)
    with left:
        st.subheader(t("overview.by_country", lang))
        table = overview.members_by_country(con, include_samples=samples)
        statuses = [t(f"status.{s}", lang) for s in table["status"]]
        table = table.assign(country=table[f"country_{lang}"], status=statuses)[
            ["country", "status", "cities", "sample_cities"]]
        table.columns = [t("col.country", lang), t("col.status", lang), t("col.cities", lang), t("col.sample", lang)]
        shell.table(table, "mitglieder_nach_land", lang)
    with right:
        st.subheader(t("overview.members_over_time", lang))
        timeline = membership.members_over_time(con, include_samples=samples)
        timeline["country"] = [t(f"country.{c}", lang) for c in timeline["country"]]
        figure = px.line(timeline, x="date", y="members", color="country", line_shape="hv", markers=True,
                         labels={"date": t("col.date", lang), "members": t("col.members", lang),
                                 "country": t("col.country", lang)})
        figure.update_layout(height=320, margin={"l": 10, "r": 10, "t": 10, "b": 10})
        shell.localise(figure, lang)
        st.plotly_chart(figure, config={"displayModeBar": False})

    st.subheader(t("overview.data_status", lang))
    if status.last_load:
        st.caption(t("overview.last_load", lang, when=format_date(status.last_load, lang, with_time=True),
                     files=len(status.files), warnings=status.warnings))
    shares = overview.sample_shares(con)
    shares["table"] = [t(f"table.{name}", lang) for name in shares["table"]]
    shell.table(shares.rename(columns={"table": t("data.table", lang), "records": t("col.records", lang),
                                       "samples": t("col.samples", lang), "share": t("col.sample_share", lang),
                                       "with_source": t("col.with_source", lang)}), "datenstand", lang)
    st.caption(t("overview.sources_hint", lang))
    st.markdown(f"**{t('overview.quality_notes', lang)}**")
    notes = overview.quality_notes(con)
    notes.columns = [t("col.subject", lang), t("col.note", lang), t("col.sources", lang)]
    shell.table(notes, "qualitaetshinweise", lang, height=300)
    shell.notice_ignored(lang)
