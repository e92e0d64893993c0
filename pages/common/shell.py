"""The frame every page shares: page config, sidebar (language, focus city, navigation), the cached
read-only database connection, and tables with their downloads.

The state of a view lives in the URL (st.query_params): ``lang`` and ``focus`` here, page-specific
keys on each page. A link copied from the address bar restores the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from alliance import cities, db, export, sectors
from alliance.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_number, t

DEFAULT_FOCUS = "mainz"
MAX_STYLED_ROWS = 2000  # formatting every cell in Python is fine for the tables pages show (paged, limited)
PAGES = (  # (file, catalogue key, icon)
    ("app.py", "nav.overview", ":material/dashboard:"),
    ("pages/1_map.py", "nav.map", ":material/map:"),
    ("pages/2_cities.py", "nav.cities", ":material/location_city:"),
    ("pages/3_sectors.py", "nav.sectors", ":material/grid_on:"),
    ("pages/4_matching.py", "nav.matching", ":material/handshake:"),
    ("pages/5_projects.py", "nav.projects", ":material/work:"),
    ("pages/6_membership.py", "nav.membership", ":material/how_to_reg:"),
    ("pages/7_data.py", "nav.data", ":material/table_view:"),
    ("pages/8_briefing.py", "nav.briefing", ":material/slideshow:"),
)


YEARS = (2010, 2030)


@dataclass(frozen=True)
class Filters:
    """The global filters of the sidebar; empty tuples mean "all"."""

    countries: tuple[str, ...] = ()
    branchen: tuple[str, ...] = ()
    smes_only: bool = False
    statuses: tuple[str, ...] = ()
    years: tuple[int, int] = YEARS


@dataclass
class Context:
    lang: str
    focus: str
    con: duckdb.DuckDBPyConnection
    filters: Filters = Filters()


@st.cache_resource(show_spinner=False, max_entries=1)
def _connection(version: db.DatabaseVersion) -> duckdb.DuckDBPyConnection:
    """One read-only connection per built file: a rebuild replaces the file, so the next run connects anew
    (the old connection is dropped from the cache and closed once no script uses it)."""
    return db.connect(version.path)


def param(name: str, default: str) -> str:
    return st.query_params.get(name, default)


def list_param(name: str) -> list[str]:
    """A multi-value filter kept in the URL as one comma-separated parameter."""
    return [v for v in st.query_params.get(name, "").split(",") if v]


def set_list_param(name: str, values: list[str]) -> None:
    set_param(name, ",".join(values), "")


def set_param(name: str, value: str, default: str) -> None:
    """Keep the URL short: a value equal to its default is left out."""
    if value == default:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


@st.cache_data(show_spinner=False, max_entries=4)
def _outdated(version: db.DatabaseVersion) -> bool:
    return db.is_outdated(Path(version.path))


def open_database(lang: str) -> duckdb.DuckDBPyConnection | None:
    """The database, built from the bundled data on first start (with a progress bar)."""
    path = db.database_path()
    if not path.exists() or _outdated(db.version_of(path)):
        bar = st.progress(0.0, text=t("db.building", lang))
        result = db.ensure_database(path, lambda fraction, label: bar.progress(
            min(fraction, 1.0), text=f"{t('db.building', lang)} {label}"))
        bar.empty()
        if result is not None and not result.ok:
            st.error(t("db.build_failed", lang))
            st.code("\n".join(m.line() for m in result.errors[:50]), language=None)
            return None
        if result is None and _outdated(db.version_of(path)):
            st.warning(t("db.outdated", lang, path=str(path)))
    try:
        return db.session(_connection(db.version_of(path)))  # a cursor per script run: runs are threads
    except (duckdb.Error, OSError) as exc:
        st.error(t("db.unreadable", lang, error=str(exc).splitlines()[0]))
        return None


@st.cache_data(show_spinner=False, max_entries=4)
def _city_choices(_con: duckdb.DuckDBPyConnection, version: db.DatabaseVersion) -> pd.DataFrame:
    return cities.city_list(_con)


def city_names(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, str]:
    """city_id -> the city's name in the language (German names in the German UI, Chinese in Chinese)."""
    choices = _city_choices(con, db.version_of(db.database_path()))
    column = {"de": "name_de", "en": "name_en", "zh": "name_zh"}[lang]
    return {r.city_id: getattr(r, column) or r.name_de for r in choices.itertuples()}


def bilingual(latin, chinese, lang: str) -> list[str]:
    """Names in their own script beside the transliteration ("Foshan 佛山市"); in Chinese only the Chinese."""
    return [(zh or la) if lang == "zh" else (f"{la} {zh}" if isinstance(zh, str) and zh else la)
            for la, zh in zip(latin, chinese, strict=True)]


def city_label(row, lang: str) -> str:
    """A city in its own script beside the transliteration: "Foshan 佛山市" / "Mainz 美因茨"."""
    name = row["name_de"] if lang == "de" else row["name_en"]
    return f"{name} {row['name_zh']}" if lang != "zh" and row["name_zh"] else (row["name_zh"] or name)


def page(title_key: str) -> Context | None:
    """Set up a page: config, language, database, focus city, navigation. None if there is no data."""
    st.set_page_config(page_title=f"ISA · {t(title_key, 'de')}", page_icon=":material/factory:", layout="wide")
    lang = param("lang", DEFAULT_LANGUAGE)
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    lang = st.sidebar.selectbox(t("language", lang), list(LANGUAGES), index=list(LANGUAGES).index(lang),
                                format_func=LANGUAGES.get, key="lang_select")
    set_param("lang", lang, DEFAULT_LANGUAGE)
    con = open_database(lang)
    if con is None:
        return None
    choices = _city_choices(con, db.version_of(db.database_path()))
    ids = choices["city_id"].tolist()
    focus = param("focus", DEFAULT_FOCUS)
    focus = focus if focus in ids else (DEFAULT_FOCUS if DEFAULT_FOCUS in ids else ids[0])
    labels = {r["city_id"]: city_label(r, lang) for _, r in choices.iterrows()}
    focus = st.sidebar.selectbox(t("focus_city", lang), ids, index=ids.index(focus), format_func=labels.get,
                                 key="focus_select")
    set_param("focus", focus, DEFAULT_FOCUS)
    filters = _global_filters(con, lang)
    st.sidebar.divider()
    carried = {k: v for k in GLOBAL_PARAMS if (v := st.query_params.get(k))}
    for file, key, icon in PAGES:
        st.sidebar.page_link(file, label=t(key, lang), icon=icon, query_params=carried)
    st.title(t(title_key, lang))
    return Context(lang, focus, con, filters)


GLOBAL_PARAMS = ("lang", "focus", "countries", "branchen", "sme", "pstatus", "years")


@st.cache_data(show_spinner=False, max_entries=4)
def _branchen(_con: duckdb.DuckDBPyConnection, version: db.DatabaseVersion) -> pd.DataFrame:
    return sectors.branche_list(_con)


def _global_filters(con: duckdb.DuckDBPyConnection, lang: str) -> Filters:
    """Countries, Branchen, SMEs only, project status and years: in the sidebar and in the URL."""
    from etl.contract import PROJECT_STATUSES

    with st.sidebar.expander(t("filters.title", lang), expanded=any(k in st.query_params for k in GLOBAL_PARAMS[2:])):
        countries = st.multiselect(t("col.country", lang), ["CN", "DE"], format_func=lambda c: t(f"country.{c}", lang),
                                   default=[c for c in list_param("countries") if c in ("CN", "DE")],
                                   key="g_countries", placeholder=t("filters.all", lang))
        branchen = _branchen(con, db.version_of(db.database_path()))
        names = dict(zip(branchen["branche_id"], branchen[f"name_{lang}"], strict=True))
        chosen = st.multiselect(t("col.sector", lang), list(names), format_func=names.get,
                                default=[b for b in list_param("branchen") if b in names], key="g_branchen",
                                placeholder=t("filters.all", lang))
        smes_only = st.toggle(t("filters.smes_only", lang), value=param("sme", "0") == "1", key="g_sme")
        statuses = st.multiselect(t("projects.status", lang), PROJECT_STATUSES,
                                  format_func=lambda v: t(f"pstatus.{v}", lang),
                                  default=[s for s in list_param("pstatus") if s in PROJECT_STATUSES], key="g_status",
                                  placeholder=t("filters.all", lang))
        try:
            low, high = (int(v) for v in param("years", f"{YEARS[0]}-{YEARS[1]}").split("-"))
        except ValueError:
            low, high = YEARS
        years = st.slider(t("projects.years", lang), YEARS[0], YEARS[1], (max(low, YEARS[0]), min(high, YEARS[1])),
                          key="g_years")
    set_list_param("countries", countries)
    set_list_param("branchen", chosen)
    set_param("sme", "1" if smes_only else "0", "0")
    set_list_param("pstatus", statuses)
    set_param("years", f"{years[0]}-{years[1]}", f"{YEARS[0]}-{YEARS[1]}")
    return Filters(tuple(countries), tuple(chosen), smes_only, tuple(statuses), tuple(years))


def sample_badge(count: int, lang: str) -> None:
    if count:
        st.warning(t("sample.badge", lang, n=count), icon=":material/science:")


def table(frame: pd.DataFrame, view: str, lang: str, column_config: dict | None = None,
          height: int | None = None) -> None:
    """Show ``frame`` and offer exactly it as CSV, CSV for German Excel and XLSX. The files are made
    only when a button is clicked (Streamlit runs the callable then), not on every script run."""
    if frame.empty:
        st.caption(t("table.empty", lang))
        return
    config = dict(column_config or {})
    numbers = [c for c in frame.columns if c not in config and pd.api.types.is_numeric_dtype(frame[c])
               and not pd.api.types.is_bool_dtype(frame[c])]
    texts = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])
             and not pd.api.types.is_bool_dtype(frame[c]) and not pd.api.types.is_datetime64_any_dtype(frame[c])]
    shown = frame.fillna({c: "" for c in texts}) if texts else frame  # "" rather than Streamlit's "None"
    if numbers and len(frame) <= MAX_STYLED_ROWS:  # numbers in the selected language (1.234,5 in German)
        decimals = {c: _decimals(frame[c]) for c in numbers}
        shown = shown.style.format({c: (lambda v, d=d: format_number(v, lang, d)) for c, d in decimals.items()})
    st.dataframe(shown, hide_index=True, column_config=config, height=height or "auto")
    downloads = (
        ("export.csv", lambda: export.to_csv(frame), export.file_name(view, "csv"), "text/csv", "csv"),
        ("export.excel_csv", lambda: export.to_excel_csv(frame), export.file_name(f"{view}_excel", "csv"),
         "text/csv", "xcsv"),
        ("export.xlsx", lambda: export.to_xlsx(frame), export.file_name(view, "xlsx"),
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    )
    with st.popover(t("export.download", lang), icon=":material/download:"):
        for label, make, name, mime, suffix in downloads:
            st.download_button(t(label, lang), make, name, mime=mime, key=f"{view}_{suffix}",
                               icon=":material/download:", width="stretch")


def _decimals(values: pd.Series) -> int:
    """0 for counts, 1 for values rounded to tenths, else 2: as many decimals as the numbers have."""
    known = values.dropna().astype(float)
    for decimals in (0, 1):
        if ((known * 10**decimals).round(6) % 1 == 0).all():
            return decimals
    return 2


def link(source: str) -> str:
    """A source as a Markdown link when it is a URL, else as plain text (escaped either way)."""
    text = source.replace("[", "(").replace("]", ")")
    if source.startswith(("http://", "https://")):
        return f"[{text}]({source.replace(')', '%29').replace(' ', '%20')})"
    return text
