"""The frame every page shares: page config, the database through the store, the sidebar (language,
focus city, global filters, navigation), and view state bound to the URL.

The state of a view lives in the URL through Streamlit's own widget binding (``bind="query-params"``,
see ``bound``): a copied link restores the view; Streamlit leaves defaults out and drops values it
cannot use, and the page says in a short notice which part of a link was not understood.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from alliance import access, cities, matching, overview, sectors, store
from alliance.db import DatabaseVersion
from alliance.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, format_number, t
from etl.contract import PROJECT_STATUSES
from etl.contract.paths import database_path
from etl.messages import BuildFault
from pages.common import signin, tables
from pages.common.charts import localise  # noqa: F401 - re-exported
from pages.common.labels import bilingual, city_label, city_name_column, contract_labels, link, md, plot  # noqa: F401 - re-exported for the pages
from pages.common.tables import sample_caption, table  # noqa: F401 - re-exported for the pages

log = logging.getLogger(__name__)


def _log_to_the_server_console() -> None:
    """One line per load, build, upload check and failure on the server's console (stderr); users see
    no error details (client.showErrorDetails = "none")."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in ("alliance", "etl", "pages"):
        logger = logging.getLogger(name)
        if not logger.handlers:
            logger.addHandler(handler)
            logger.setLevel(logging.INFO)


_log_to_the_server_console()

DEFAULT_FOCUS = "mainz"
FAVICON = Path(__file__).with_name("favicon.png")  # served by the app: no icon font is fetched
PAGES = (  # (file, catalogue key, icon)
    ("app.py", "nav.overview", ":material/dashboard:"),
    ("pages/0_focus.py", "nav.focus", ":material/center_focus_strong:"),  # "{city} auf einen Blick"
    ("pages/1_map.py", "nav.map", ":material/map:"),
    ("pages/2_cities.py", "nav.cities", ":material/location_city:"),
    ("pages/3_sectors.py", "nav.sectors", ":material/grid_on:"),
    ("pages/4_matching.py", "nav.matching", ":material/handshake:"),
    ("pages/5_projects.py", "nav.projects", ":material/work:"),
    ("pages/6_membership.py", "nav.membership", ":material/how_to_reg:"),
    ("pages/7_data.py", "nav.data", ":material/table_view:"),
    ("pages/8_briefing.py", "nav.briefing", ":material/slideshow:"),
)
FILTER_PARAMS = ("countries", "branchen", "sme", "pstatus", "years")  # in the sidebar's filter expander
GLOBAL_PARAMS = ("lang", "focus", "documented", *FILTER_PARAMS, "shortlist")  # travel with the links between pages
YEARS = (2010, 2030)
COUNTRIES = ("CN", "DE")


@dataclass(frozen=True)
class Filters:
    """The global filters of the sidebar; empty tuples mean "all". ``documented_only``: leave the sample
    records out of every query (pages pass ``include_samples=not documented_only``)."""

    countries: tuple[str, ...] = ()
    branchen: tuple[str, ...] = ()
    smes_only: bool = False
    statuses: tuple[str, ...] = ()
    years: tuple[int, int] = YEARS
    documented_only: bool = False

    @property
    def include_samples(self) -> bool:
        return not self.documented_only


@dataclass
class Context:
    lang: str
    focus: str
    con: duckdb.DuckDBPyConnection
    filters: Filters = Filters()
    version: DatabaseVersion | None = None
    viewer: access.Viewer = access.Viewer(access.ANONYMOUS)


CHOICE_WIDGETS = frozenset({"selectbox", "radio", "multiselect", "segmented_control", "pills"})
FLAG_WIDGETS = frozenset({"toggle", "checkbox"})


def bound(widget: Callable[..., Any], label: str, *args: Any, key: str, **kwargs: Any) -> Any:
    """A widget whose value lives in the URL under ``key``; the one way pages keep view state.

    - Choices (selectbox, radio, multiselect, ...) and flags (toggle, checkbox) keep their *codes* in
      the URL (``level=division``, ``countries=CN,DE``, ``arcs=0``), checked here against the options:
      Streamlit's own binding would store the translated label, which breaks a link once the reader
      switches the language (the label is then no longer an option).
    - Free values (text, numbers, dates, sliders) use Streamlit's binding (``bind="query-params"``),
      which drops text that is not a number, numbers out of range and dates that are no dates.
    Defaults stay out of the URL. A value the page cannot use is ignored and named once by
    ``notice_ignored()``. ``widget`` is a Streamlit function or a container's method (``c1.selectbox``)."""
    kind = getattr(widget, "__name__", "")
    if kind in CHOICE_WIDGETS:
        return _bound_choice(widget, kind, label, *args, key=key, **kwargs)
    if kind in FLAG_WIDGETS:
        return _bound_flag(widget, label, key=key, **kwargs)
    raw = st.query_params.get_all(key) if key in st.query_params else []
    value = widget(label, *args, key=key, bind="query-params", **kwargs)
    if raw and key not in st.query_params:  # dropped by Streamlit: invalid, or equal to the default
        shown = value if isinstance(value, (list, tuple)) else [value]
        accepted = {str(v) for v in shown} | {v.isoformat() for v in shown if hasattr(v, "isoformat")}
        if not set(raw) <= accepted:
            _ignore(key, label, raw)
    return value


def _raw(key: str) -> list[str]:
    """The link's values for ``key``: repeated parameters and comma-separated lists alike."""
    return [part for value in st.query_params.get_all(key) for part in value.split(",") if part]


def _ignore(key: str, label: str, raw: list[str]) -> None:
    log.info("ignored the link's value for %s (%d characters)", key, sum(len(v) for v in raw))
    st.session_state.setdefault("_url_ignored", []).append(label)


def _write(key: str, value: str | None) -> None:
    """Put ``value`` into the URL (None: leave the parameter out); untouched if it is already there."""
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != [value]:
        st.query_params[key] = value


def _bound_choice(widget: Callable[..., Any], kind: str, label: str, options: Any, *, key: str, **kwargs: Any) -> Any:
    options = list(options)
    codes = [str(option) for option in options]
    raw = _raw(key)
    unknown = [v for v in raw if v not in codes]
    if unknown:
        _ignore(key, label, unknown)
    known = [options[codes.index(v)] for v in raw if v in codes]
    if kind == "multiselect" or kwargs.get("selection_mode") == "multi":
        default = list(kwargs.pop("default", None) or [])
        value = widget(label, options, default=list(dict.fromkeys(known)) if known else default, key=key, **kwargs)
        chosen = [str(v) for v in value]
        _write(key, None if chosen == [str(v) for v in default] else ",".join(chosen))
        return value
    default_index = kwargs.pop("index", 0)
    index = codes.index(str(known[0])) if known else default_index
    value = widget(label, options, index=index, key=key, **kwargs)
    _write(key, None if not options or value == options[default_index] else str(value))
    return value


def _bound_flag(widget: Callable[..., Any], label: str, *, key: str, value: bool = False, **kwargs: Any) -> bool:
    raw = _raw(key)
    flags = {"1": True, "true": True, "0": False, "false": False}
    if raw and raw[0].lower() not in flags:
        _ignore(key, label, raw)
    start = flags.get(raw[0].lower(), value) if raw else value
    chosen = bool(widget(label, value=start, key=key, **kwargs))
    _write(key, None if chosen == value else ("1" if chosen else "0"))
    return chosen


def notice_ignored(lang: str) -> None:
    """One short notice naming the settings of the link that were not understood (and were reset)."""
    labels = st.session_state.pop("_url_ignored", [])
    if labels:
        st.toast(t("url.ignored", lang, names=", ".join(dict.fromkeys(labels))), icon=":material/link_off:")


@st.cache_resource(show_spinner=False)
def _store(path: str) -> store.Store:
    """One store per database file and server process: it owns the connection and the build lock."""
    return store.Store(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _company_index_warmed(path: str, version: DatabaseVersion) -> None:
    """Once per database file and version: the matching's company index, built beside the page runs."""
    matching.warm_company_index(_store(path).cursor())


def open_database(lang: str, viewer: access.Viewer | None = None
                  ) -> tuple[duckdb.DuckDBPyConnection, DatabaseVersion] | None:
    """The database through the store: built from the bundled data on first start (with a progress
    bar; a second session waits for the first one's build), one clear message if it cannot be used.
    A viewer who may not see confidential records reads the public database derived from it."""
    owner = _store(str(database_path()))  # the one read of the path in a run
    status = owner.status()
    if status.state in (store.MISSING, store.BUILDING) or (status.state == store.OUTDATED and status.bundled):
        bar = st.progress(0.0, text=t("db.building", lang))
        try:
            result = owner.ensure(lambda fraction, label: bar.progress(min(fraction, 1.0),
                                                                       text=f"{t('db.building', lang)} {label}"))
        except BuildFault as exc:  # a read-only folder, a full disk: one clear line, nothing half-written
            bar.empty()
            st.error(t("db.build_failed", lang))
            st.code(str(exc), language=None)
            return None
        bar.empty()
        if result is not None and not result.ok:
            st.error(t("db.build_failed", lang))
            st.code("\n".join(m.line() for m in result.errors[:50]), language=None)
            return None
        status = owner.status()
    if status.state == store.CORRUPT:
        st.error(t("db.corrupt", lang, path=str(owner.path)))
        st.caption(t("db.cause", lang, cause=status.detail))
        return None
    if status.state in (store.MISSING, store.BUILDING):
        st.warning(t("db.still_building", lang))
        return None
    if status.state == store.OUTDATED:
        st.warning(t("db.outdated", lang, path=str(owner.path)))
    try:
        if viewer is None or not viewer.sees_confidential:
            owner = _store(str(owner.public()))
        con, version = owner.cursor(), owner.version()
        _company_index_warmed(str(owner.path), version)
        return con, version
    except (duckdb.Error, OSError, BuildFault) as exc:
        log.error("database %s cannot be opened: %s", owner.path, exc)
        st.error(t("db.corrupt", lang, path=str(owner.path)))
        return None


@st.cache_data(show_spinner=False, max_entries=8)
def _city_choices(_con: duckdb.DuckDBPyConnection, version: DatabaseVersion, include_samples: bool) -> pd.DataFrame:
    return cities.city_list(_con, include_samples=include_samples)


def city_names(ctx: Context) -> dict[str, str]:
    """city_id -> the city's name in the language (German names in the German UI, Chinese in Chinese)."""
    column = city_name_column(ctx.lang)
    choices = _city_choices(ctx.con, ctx.version, ctx.filters.include_samples)
    return {r.city_id: getattr(r, column) or r.name_de for r in choices.itertuples()}


def page(title_key: str) -> Context | None:
    """Set up a page: config, language, database, focus city, filters, navigation. None if there is no data."""
    st.set_page_config(page_title=f"ISA · {t(title_key, 'de', city='')}".strip(), page_icon=str(FAVICON),
                       layout="wide")
    tables.reset_keys()
    # The language selector is labelled in all three languages: its label cannot depend on its value.
    lang = bound(st.sidebar.selectbox, " · ".join(t("language", code) for code in LANGUAGES), list(LANGUAGES),
                 format_func=LANGUAGES.get, key="lang", index=list(LANGUAGES).index(DEFAULT_LANGUAGE))
    viewer = signin.current_viewer()
    signin.sidebar(viewer, lang)
    opened = open_database(lang, viewer)
    if opened is None:
        return None
    con, version = opened
    focus_box = st.sidebar.container()  # above the switch, which decides which cities it offers
    documented = bound(st.sidebar.toggle, t("filter.documented_only", lang), value=False, key="documented",
                       help=t("filter.documented_only_help", lang))
    choices = _city_choices(con, version, not documented)
    ids = choices["city_id"].tolist()
    labels = {r["city_id"]: city_label(r, lang) for _, r in choices.iterrows()}
    focus = bound(focus_box.selectbox, t("focus_city", lang), ids, format_func=labels.get, key="focus",
                  index=ids.index(DEFAULT_FOCUS) if DEFAULT_FOCUS in ids else 0)
    filters = replace(_global_filters(con, version, lang), documented_only=documented)
    st.sidebar.divider()
    # Titles and navigation labels may name the focus city ("Mainz auf einen Blick").
    city = choices.set_index("city_id").at[focus, city_name_column(lang)] or choices.set_index("city_id").at[
        focus, "name_de"]
    for file, key, icon in PAGES:  # language, focus and filters travel with the navigation
        st.sidebar.page_link(file, label=t(key, lang, city=city), icon=icon, query_params=carried_params())
    title = t(title_key, lang, city=city)
    st.set_page_config(page_title=f"ISA · {title}")
    st.title(title)
    tables.describe_view(_about(con, version, lang, title, labels[focus], filters), _name_parts(filters))
    return Context(lang, focus, con, filters, version, viewer)


def carried_params(**preset: str) -> dict[str, list[str]]:
    """Query parameters for a link to another page: the language, focus, switch and filters of this view
    (they travel with every link) plus ``preset``, the other page's view (its ``bound`` keys and codes)."""
    carried = {k: st.query_params.get_all(k) for k in GLOBAL_PARAMS if k in st.query_params}
    return {**carried, **{k: [v] for k, v in preset.items()}}


@st.cache_data(show_spinner=False, max_entries=8)
def _data_status(_con: duckdb.DuckDBPyConnection, version: DatabaseVersion,
                 include_samples: bool) -> overview.DataStatus:
    return overview.data_status(_con, include_samples=include_samples)


def _about(con: duckdb.DuckDBPyConnection, version: DatabaseVersion, lang: str, title: str, focus: str,
           filters: Filters) -> list[tuple[str, str]]:
    """The Info sheet of every download: which view, which filters, which data, when."""
    status = _data_status(con, version, filters.include_samples)
    branchen = _branchen(con, version)
    names = dict(zip(branchen["branche_id"], branchen[f"name_{lang}"], strict=True))
    chosen = [
        ", ".join(t(f"country.{c}", lang) for c in filters.countries),
        ", ".join(names.get(b, b) for b in filters.branchen),
        t("filters.smes_only", lang) if filters.smes_only else "",
        ", ".join(t(f"pstatus.{s}", lang) for s in filters.statuses),
        "" if filters.years == YEARS else f"{t('projects.years', lang)} {filters.years[0]}–{filters.years[1]}",
        t("filter.documented_only", lang) if filters.documented_only else "",
    ]
    samples = (t("export.about.samples_excluded", lang) if filters.documented_only else
               t("export.about.samples_note", lang, n=format_number(status.sample_companies + status.sample_projects,
                                                                   lang)))
    return [
        (t("export.about.view", lang), title),
        (t("focus_city", lang), focus),
        (t("filters.title", lang), "; ".join(c for c in chosen if c) or t("filters.all", lang)),
        (t("export.about.loaded", lang), format_date(status.last_load, lang, with_time=True) or "–"),
        (t("export.about.exported", lang), format_date(datetime.now(), lang, with_time=True)),
        (t("export.about.samples", lang), samples),
    ]


def _name_parts(filters: Filters) -> list[str]:
    """The global filter in a file name: isa_projekte_de_kmu_2026-12-03.xlsx."""
    parts = [c.lower() for c in filters.countries] + list(filters.branchen)
    parts += ["kmu"] if filters.smes_only else []
    parts += list(filters.statuses)
    parts += [] if filters.years == YEARS else [f"{filters.years[0]}-{filters.years[1]}"]
    parts += ["belegt"] if filters.documented_only else []
    return parts


@st.cache_data(show_spinner=False, max_entries=4)
def _branchen(_con: duckdb.DuckDBPyConnection, version: DatabaseVersion) -> pd.DataFrame:
    return sectors.branche_list(_con)


def _global_filters(con: duckdb.DuckDBPyConnection, version: DatabaseVersion, lang: str) -> Filters:
    """Countries, Branchen, SMEs only, project status and years: in the sidebar and in the URL (the
    switch "documented data only" stands above them, always in view)."""
    with st.sidebar.expander(t("filters.title", lang), expanded=any(k in st.query_params for k in FILTER_PARAMS)):
        countries = bound(st.multiselect, t("col.country", lang), list(COUNTRIES), key="countries",
                          format_func=lambda c: t(f"country.{c}", lang), placeholder=t("filters.all", lang))
        branchen = _branchen(con, version)
        names = dict(zip(branchen["branche_id"], branchen[f"name_{lang}"], strict=True))
        chosen = bound(st.multiselect, t("col.sector", lang), list(names), format_func=names.get, key="branchen",
                       placeholder=t("filters.all", lang))
        smes_only = bound(st.toggle, t("filters.smes_only", lang), value=False, key="sme")
        statuses = bound(st.multiselect, t("projects.status", lang), list(PROJECT_STATUSES), key="pstatus",
                         format_func=lambda v: t(f"pstatus.{v}", lang), placeholder=t("filters.all", lang))
        years = bound(st.slider, t("projects.years", lang), YEARS[0], YEARS[1], YEARS, key="years", step=1)
    return Filters(tuple(countries), tuple(chosen), bool(smes_only), tuple(statuses), (int(years[0]), int(years[1])))


def session_ended() -> Callable[[], bool]:
    """A check for long work (an upload check): true once the user's browser session has gone, so that
    the work stops instead of running on for nobody."""
    try:
        from streamlit.runtime import Runtime
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        runtime, session = Runtime.instance(), get_script_run_ctx().session_id
    except (RuntimeError, AttributeError):  # AppTest and bare runs have no server runtime
        return lambda: False
    return lambda: not runtime.is_active_session(session)


UPLOADER_CSS = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small {{display: none;}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{content: "{drop}";}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{font-size: 0;}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{browse}"; font-size: 0.875rem;}}
</style>"""


def localise_uploader(lang: str) -> None:
    """Streamlit's file uploader speaks English only ("Drag and drop file here", "Browse files"): its
    texts are replaced by the catalogue's (the limits are said in the caption above it)."""
    st.html(UPLOADER_CSS.format(drop=t("upload.drop", lang), browse=t("upload.browse", lang)))


def sample_badge(count: int, lang: str) -> None:
    if count:
        st.warning(t("sample.badge", lang, n=count), icon=":material/science:")
