"""Entry point of the dashboard: `streamlit run app.py`.

On first start (no database file) it builds the database from the bundled data in data/seed/,
showing a progress bar; afterwards it opens the file read-only and reconnects when the ETL has
replaced it. Pages only call into alliance/; this file holds no SQL.
"""

from __future__ import annotations

import duckdb
import streamlit as st

from alliance import db, overview
from alliance.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, format_number, t

st.set_page_config(page_title="ISA · 中德工业城市联盟", page_icon=":material/factory:", layout="wide")


@st.cache_resource(show_spinner=False, max_entries=1)
def _connection(version: db.DatabaseVersion) -> duckdb.DuckDBPyConnection:
    """One read-only connection per built file: a rebuild replaces the file, so the next run connects anew
    (the old connection is dropped from the cache and closed once no script uses it)."""
    return db.connect(version.path)


def language() -> str:
    lang = st.query_params.get("lang", DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    chosen = st.sidebar.selectbox(t("language", lang), list(LANGUAGES), index=list(LANGUAGES).index(lang),
                                  format_func=LANGUAGES.get)
    if chosen != DEFAULT_LANGUAGE:
        st.query_params["lang"] = chosen
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    return chosen


def open_database(lang: str) -> duckdb.DuckDBPyConnection | None:
    path = db.database_path()
    if not path.exists():
        bar = st.progress(0.0, text=t("db.building", lang))
        result = db.ensure_database(path, lambda fraction, label: bar.progress(min(fraction, 1.0),
                                                                              text=f"{t('db.building', lang)} {label}"))
        bar.empty()
        if result is not None and not result.ok:
            st.error(t("db.build_failed", lang))
            st.code("\n".join(m.line() for m in result.errors[:50]), language=None)
            return None
    try:
        return _connection(db.version_of(path))
    except (duckdb.Error, OSError) as exc:
        st.error(t("db.unreadable", lang, error=str(exc).splitlines()[0]))
        return None


def main() -> None:
    lang = language()
    st.title(t("app.title", lang))
    st.caption(t("app.subtitle", lang))
    con = open_database(lang)
    if con is None:
        return
    status = overview.data_status(con)
    cols = st.columns(4)
    cols[0].metric(t("kpi.members", lang), format_number(status.members, lang))
    cols[1].metric(t("kpi.cities", lang), format_number(status.cities, lang))
    cols[2].metric(t("kpi.companies", lang), format_number(status.companies, lang))
    cols[3].metric(t("kpi.projects", lang), format_number(status.projects, lang))
    if status.sample_companies:
        st.warning(t("overview.sample_share", lang, n=format_number(status.sample_companies, lang)),
                   icon=":material/science:")

    st.subheader(t("overview.by_country", lang))
    table = overview.members_by_country(con)
    table = table.assign(
        country=table[f"country_{lang}"],
        status=[t(f"status.{s}", lang) for s in table["status"]],
    )[["country", "status", "cities"]]
    st.dataframe(
        table.rename(columns={"country": t("col.country", lang), "status": t("col.status", lang),
                              "cities": t("col.cities", lang)}),
        hide_index=True,
    )
    if status.last_load:
        st.caption(t("overview.last_load", lang, when=format_date(status.last_load, lang, with_time=True),
                     files=len(status.files), warnings=status.warnings))


main()
