"""Cooperation matching: a company of the focus city (its SMEs first) or a described profile; the 20
best partners in the other country with the reason first (matched codes and words, the city's strength
in the candidate's own activity), the contact facts (figure with year and scope, website, source, risk
or status note); a shortlist kept in the URL and its contact proposals (downloads, committee deck)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from alliance import contacts, matching, sector_search, sectors
from alliance.i18n import country_name, explain, format_number, format_year, localised, t
from pages.common import shell

MODES = ("company", "profile")
MAX_QUERY, MAX_TEXT = 200, 1_000  # characters: a name to search for, a description of what is sought
COUNTRIES = ("DE", "CN")
REASON_ROW_HEIGHT = 92  # pixels: five lines, so a reason reads in full in its wide column
# Components 0..1 shown as points 0..100: whole numbers need no decimal separator in any language.
COMPONENTS = {"sector_fit": "col.sector_fit", "reciprocity": "col.reciprocity", "text": "col.text",
              "size": "col.size", "city": "col.city_context"}


def company_label(name: str, note: object, is_sample: bool, lang: str) -> str:
    """A company's name with its marks: a risk or status note (⚠) and the sample flag."""
    marks = (f" ⚠ {t('matching.note_flag', lang)}" if isinstance(note, str) and note else "")
    return name + marks + (f" · {t('col.sample', lang)}" if is_sample else "")


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
    sizes = [f" · {format_number(e, lang)}" if pd.notna(e) else "" for e in found["employees"]]
    labels = {cid: f"{name} · {city}{size}" + (f" · {t('col.sample', lang)}" if sample else "")
              for cid, name, city, size, sample in zip(ids, names, cities, sizes, found["is_sample"], strict=True)}
    pick = t("matching.pick", lang) + ("" if query else f" ({t('matching.smes_first', lang)})")
    return shell.bound(st.selectbox, pick, ids, format_func=labels.get, key="company", index=0)


def sector_picker(ctx: shell.Context, column, label_key: str, key: str, found: pd.DataFrame) -> list[str]:
    """NACE divisions, those ``found`` by Branche and search first (names de/en/zh, common words); the
    chosen ones stay when the search changes; no select-all row (Enter picks the first match)."""
    lang = ctx.lang
    every = sector_search.divisions(ctx.con)
    names = {d: f"{d} {n if isinstance(n, str) and n else e}"
             for d, n, e in zip(every["division"], every[f"name_{lang}"], every["name_en"], strict=True)}
    chosen = [c for c in shell._raw(key) if c in names]  # kept when the search changes
    options = list(dict.fromkeys(chosen + found["division"].tolist()))
    return shell.bound(column.multiselect, t(label_key, lang), options, format_func=names.get, key=key,
                       placeholder=t("filters.all", lang), select_all=False, filter_mode="contains")


def described_profile(ctx: shell.Context) -> matching.Profile | None:
    lang = ctx.lang
    c1, c2 = st.columns([1, 3])
    country = shell.bound(c1.radio, t("matching.country", lang), COUNTRIES, key="country", index=0,
                          format_func=lambda c: country_name(c, lang))
    employees = shell.bound(c1.number_input, t("matching.employees", lang), key="emp", min_value=1,
                            max_value=1_000_000, value=50, step=1)
    branchen = sectors.branche_list(ctx.con)
    branche_names = dict(zip(branchen["branche_id"], branchen[f"name_{lang}"], strict=True))
    b1, b2 = c2.columns(2)
    branche = shell.bound(b1.selectbox, t("matching.branche_pick", lang), ["", *branche_names], key="branche",
                          index=0, format_func=lambda b: branche_names.get(b) or t("matching.all_branchen", lang))
    query = shell.bound(b2.text_input, t("matching.sector_search", lang), key="sq", value="",
                        max_chars=sector_search.MAX_QUERY)
    found = sector_search.search_divisions(ctx.con, query, branche or None)
    if query and found.empty:
        c2.caption(t("matching.sector_none", lang))
    seek = sector_picker(ctx, c2, "matching.seeks_codes", "seek", found)
    offer = sector_picker(ctx, c2, "matching.offers_codes", "offer", found)
    text = shell.bound(st.text_area, t("matching.seeks_text", lang), key="text", value="", height=80,
                       max_chars=MAX_TEXT)
    if not seek:
        st.info(t("matching.need_codes", lang))
        return None
    return matching.Profile(country=country, seek_codes=tuple(seek), offer_codes=tuple(offer), seeks=text,
                            employees=int(employees))


def figures(frame: pd.DataFrame, lang: str) -> list[str]:
    """The employee figure with its year and scope: "3.000 (2022, Konzern)"."""
    shown = []
    for employees, year, scope in zip(frame["employees"], frame["employees_year"], frame["employees_scope"],
                                      strict=True):
        about = [format_year(year) if pd.notna(year) else "", t(f"scope.{scope}", lang) if isinstance(scope, str)
                 else ""]
        about = [a for a in about if a]
        shown.append(format_number(employees, lang) + (f" ({', '.join(about)})" if about else ""))
    return shown


def notes(frame: pd.DataFrame) -> list[str]:
    """The note with its date and source, as the data states it."""
    return [" · ".join(str(p) for p in (note, date, source) if isinstance(p, str) and p or hasattr(p, "year"))
            if isinstance(note, str) and note else ""
            for note, date, source in zip(frame["note"], frame["note_date"], frame["note_source"], strict=True)]


LINKS = st.column_config.LinkColumn


def why(reasons: list, lang: str, names) -> str:
    """The reasons with what differs between rows first (words, offered code, the city's strength): the
    sought sector, the same in every row, comes last, so the narrow column shows what matters."""
    return explain(sorted(reasons, key=lambda reason: reason[0] == "seeks"), lang, names)


def show_matches(ctx: shell.Context, seeker: str | matching.Profile) -> pd.DataFrame:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    names = sectors.reference_names(con)
    country = matching.company_profile(con, seeker).country if isinstance(seeker, str) else seeker.country
    view = seeker if isinstance(seeker, str) else "profil"
    result = matching.match_companies(con, seeker, k=20, include_samples=samples)
    shell.sample_badge(int(result["is_sample"].sum()), lang)
    st.subheader(t("matching.results", lang, country=country_name("CN" if country == "DE" else "DE", lang)))
    zh = [z if isinstance(z, str) and z else None for z in result["name_zh"]]
    shown = result.assign(
        company=[company_label(n, note, s, lang) for n, note, s in
                 zip(shell.bilingual(result["name"], zh, lang), result["note"], result["is_sample"], strict=True)],
        city_name=localised(result, "city", lang),
        score=result["score"].round(1),
        explanation=[why(r, lang, names) for r in result["reasons"]],
        figure=figures(result, lang) if not result.empty else [],
        sources=[contacts.first_source(s) for s in result["source"]],
        notes=notes(result) if not result.empty else [],
        **{c: (result[c] * 100).round() for c in COMPONENTS},
    )[["rank", "company", "city_name", "explanation", "figure", "website", "sources", "notes", "score",
       "sector", *COMPONENTS]]
    labels = {"rank": "#", "company": t("col.company", lang), "city_name": t("col.city", lang), "sector": "NACE",
              "score": t("col.score", lang), "explanation": t("col.explanation", lang),
              "figure": t("col.figure", lang), "website": t("col.website", lang), "sources": t("col.source", lang),
              "notes": t("col.note", lang), **{c: t(key, lang) for c, key in COMPONENTS.items()}}
    bar = st.column_config.ProgressColumn
    config = {labels[c]: bar(labels[c], min_value=0, max_value=100, format="%.0f", width="small")
              for c in COMPONENTS}
    config |= {labels["explanation"]: st.column_config.TextColumn(labels["explanation"], width="large"),
               labels["company"]: st.column_config.TextColumn(labels["company"], width="medium"),
               labels["website"]: LINKS(labels["website"], width="small"),
               labels["sources"]: LINKS(labels["sources"], width="small")}
    shell.table(shown.rename(columns=labels), f"kooperation_{view}", lang, column_config=config,
                samples=result["is_sample"], row_height=REASON_ROW_HEIGHT)
    return result


@st.cache_data(show_spinner=False, max_entries=32)
def _proposals(_con, version, focus: str, ids: tuple[str, ...], samples: bool) -> pd.DataFrame:
    return matching.contact_proposals(_con, focus, ids, samples)


def show_shortlist(ctx: shell.Context, result: pd.DataFrame) -> None:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    kept = matching.parse_shortlist(con, ",".join(shell._raw("shortlist")), include_samples=samples)
    known = contacts.companies_by_id(con, kept, include_samples=samples)
    options = list(dict.fromkeys([*kept, *result["company_id"]]))
    label = {r.company_id: company_label(r.name, r.note, r.is_sample, lang)
             for r in pd.concat([known, result]).drop_duplicates("company_id").itertuples()}
    st.subheader(t("matching.proposals", lang))
    chosen = shell.bound(st.multiselect, t("matching.shortlist", lang), options, format_func=label.get,
                         key="shortlist", max_selections=matching.MAX_SHORTLIST, select_all=False,
                         placeholder="")
    focus_name = shell.city_names(ctx).get(ctx.focus, ctx.focus)
    if not chosen:
        st.caption(t("matching.proposals_help", lang, city=focus_name))
        return
    proposals = _proposals(con, ctx.version, ctx.focus, tuple(chosen), samples)
    names = sectors.reference_names(con)
    zh = [z if isinstance(z, str) and z else None for z in proposals["name_zh"]]
    partner_zh = [z if isinstance(z, str) and z else None for z in proposals["best_partner_name_zh"]]
    shown = proposals.assign(
        company=[company_label(n, note, s, lang) for n, note, s in
                 zip(shell.bilingual(proposals["name"], zh, lang), proposals["note"], proposals["is_sample"],
                     strict=True)],
        city_name=localised(proposals, "city", lang),
        figure=figures(proposals, lang),
        notes=notes(proposals),
        partner=[company_label(n, None, s, lang) if n else "" for n, s in
                 zip(shell.bilingual(proposals["best_partner_name"], partner_zh, lang),
                     proposals["best_partner_is_sample"], strict=True)],
        explanation=[why(r, lang, names) for r in proposals["reasons"]],
        score=proposals["score"].astype(float).round(1),
    )[["company", "city_name", "nace_code", "figure", "website", "source_url", "notes", "partner", "explanation",
       "score"]]
    labels = {"company": t("col.company", lang), "city_name": t("col.city", lang), "nace_code": "NACE",
              "figure": t("col.figure", lang), "website": t("col.website", lang), "source_url": t("col.source", lang),
              "notes": t("col.note", lang), "partner": t("col.best_partner", lang),
              "explanation": t("col.explanation", lang), "score": t("col.score", lang)}
    config = {labels["website"]: LINKS(labels["website"]), labels["source_url"]: LINKS(labels["source_url"]),
              labels["explanation"]: st.column_config.TextColumn(labels["explanation"], width="large")}
    shell.table(shown.rename(columns=labels), "kontaktvorschlaege", lang, column_config=config,
                samples=proposals["is_sample"], row_height=REASON_ROW_HEIGHT)


def show_cities(ctx: shell.Context, seeker: str | matching.Profile) -> None:
    lang, con, samples = ctx.lang, ctx.con, ctx.filters.include_samples
    view = seeker if isinstance(seeker, str) else "profil"
    st.subheader(t("matching.cities", lang))
    cities = matching.partner_cities(con, seeker, include_samples=samples)
    cities = cities.assign(city=localised(cities, "name", lang), score=cities["score"].round(1))
    shell.table(cities[["city", "score", "lq", "fitting_companies", "declared"]].rename(columns={
        "city": t("col.city", lang), "score": t("col.score", lang), "lq": t("col.lq", lang),
        "fitting_companies": t("col.companies", lang), "declared": t("col.declared_strength", lang)}),
        f"partnerstaedte_{view}", lang)
    st.caption(t("matching.formula", lang))


ctx = shell.page("nav.matching")
if ctx is not None:
    lang = ctx.lang
    mode = shell.bound(st.radio, t("matching.mode", lang), MODES, key="mode", horizontal=True, index=0,
                       format_func=lambda m: t(f"matching.mode.{m}", lang))
    seeker = chosen_company(ctx) if mode == "company" else described_profile(ctx)
    if seeker is not None:
        matches = show_matches(ctx, seeker)
        show_shortlist(ctx, matches)
        show_cities(ctx, seeker)
    shell.notice_ignored(lang)
