"""Map: member cities and bilateral projects on country outlines shipped with the app (no internet
needed); online tiles only when the user asks for them."""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from alliance import geo
from alliance.i18n import format_number, t
from pages.common import shell

ctx = shell.page("nav.map")
if ctx is not None:
    lang, con = ctx.lang, ctx.con
    c1, c2 = st.columns([1, 3])
    measure = shell.bound(c1.selectbox, t("map.measure", lang), geo.MEASURES, key="size", index=0,
                          format_func=lambda m: t(f"measure.{m}", lang))
    with c2:
        st.markdown(f"**{t('map.layers', lang)}**")
        l1, l2, l3, l4 = st.columns(4)
        show_outlines = shell.bound(l1.toggle, t("map.outlines", lang), value=True, key="outlines")
        show_cities = shell.bound(l2.toggle, t("map.cities", lang), value=True, key="cities")
        show_arcs = shell.bound(l3.toggle, t("map.arcs", lang), value=True, key="arcs")
        tiles = shell.bound(l4.toggle, t("map.tiles", lang), value=False, key="tiles")

    samples = ctx.filters.include_samples
    points = geo.city_points(con, measure, ctx.filters.countries, include_samples=samples)
    arcs = geo.project_arcs(con, include_samples=samples)
    shell.sample_badge(int(points["sample_companies"].sum() + arcs["sample_projects"].sum()), lang)
    # Tooltip values are prepared as plain text and shown with pydeck's "text" tooltip (never as HTML).
    points["label"] = shell.bilingual(points["name_de"] if lang != "en" else points["name_en"], points["name_zh"],
                                      lang)
    points["tip"] = [
        f"{label}\n{t(f'status.{s}', lang)}\n{t('cities.population', lang)}: "
        f"{format_number(p, lang) or '–'}\n{t('col.companies', lang)}: {format_number(c, lang)}"
        f" · {t('nav.projects', lang)}: {format_number(n, lang)}"
        for label, s, p, c, n in zip(points["label"], points["status"], points["population"], points["companies"],
                                     points["projects"], strict=True)]
    arcs["tip"] = [f"{cn} – {de}\n{t(f'direction.{d}', lang)}\n{t('nav.projects', lang)}: {n} · "
                   f"{format_number(v, lang, 1)} Mio. EUR"
                   for cn, de, d, n, v in zip(arcs["cn_de"], arcs["de_de"], arcs["direction"], arcs["projects"],
                                              arcs["volume_eur_m"], strict=True)]
    layers = []
    if show_outlines:
        layers.append(pdk.Layer("GeoJsonLayer", geo.country_outlines(), id="countries", stroked=True, filled=True,
                                get_fill_color=[235, 235, 230, 255] if not tiles else [0, 0, 0, 0],
                                get_line_color=[160, 160, 160, 255], line_width_min_pixels=0.5, pickable=False))
    if show_arcs and not arcs.empty:
        layers.append(pdk.Layer("ArcLayer", arcs, id="projects", get_source_position=["from_lon", "from_lat"],
                                get_target_position=["to_lon", "to_lat"], get_source_color="colour",
                                get_target_color="colour", get_width="width", pickable=True))
    if show_cities:
        layers.append(pdk.Layer("ScatterplotLayer", points, id="cities", get_position=["lon", "lat"],
                                get_radius="radius", radius_min_pixels=3, get_fill_color="colour",
                                get_line_color=[255, 255, 255],
                                line_width_min_pixels=1, stroked=True, pickable=True))
    # Without tiles no map style is named at all: an explicit map_style=None makes Streamlit load Carto's
    # style from the internet; pydeck's unset default tells it to load nothing.
    online = {"map_provider": "carto", "map_style": "light"} if tiles else {"map_provider": None}
    deck = pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=38, longitude=62, zoom=1.6),
                    tooltip={"text": "{tip}"}, **online)
    st.pydeck_chart(deck, height=560)
    st.caption(t("map.legend", lang))
    shell.notice_ignored(lang)
