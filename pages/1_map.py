"""Map: the focus city's ties by default (all ties one switch away), member cities with their names,
documented and sample projects drawn apart, a click on a city opens its profile. Drawn on country
outlines shipped with the app (no internet needed); online tiles only when the user asks for them."""

from __future__ import annotations

import json

import pydeck as pdk
import streamlit as st

from alliance import geo
from alliance.i18n import format_number, t
from pages.common import shell

ZOOM = 1.6  # the opening view: Europe and China
# The style Streamlit loads for map_provider "carto", map_style "light" (its deck.gl frontend).
ONLINE_STYLE = "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json"
# Fonts the browser has locally (Debian: fonts-noto-cjk; Windows, macOS: their own); nothing is fetched.
# pydeck reads a bare string as an expression: literal strings are passed in double quotes.
LABEL_FONTS = '"' + "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif" + '"'
TILE_CHECK = """<div id="m" style="font: 15px sans-serif; padding: 6px 10px; border-radius: 6px;
 background: #f0f2f6; color: #31333f">{checking}</div>
<script>
const box = document.getElementById("m");
const show = (text, failed) => {{ box.textContent = text; if (failed) {{ box.style.background = "#fff3cd";
  box.style.color = "#7a4e00"; }} }};
const timer = setTimeout(() => show({failed}, true), 8000);
fetch({url}, {{mode: "no-cors", cache: "no-store"}})
  .then(() => {{ clearTimeout(timer); show({loaded}, false); }})
  .catch(() => {{ clearTimeout(timer); show({failed}, true); }});
</script>"""


def tile_check(lang: str) -> None:
    """The browser tries the online style itself (the server cannot see whether the user's browser
    reaches the tiles) and says plainly when it cannot; only shown once the user switched tiles on. The
    HTML is the app's own (catalogue texts as JSON strings), never data."""
    st.iframe(TILE_CHECK.format(checking=t("map.tiles_checking", lang), url=json.dumps(ONLINE_STYLE),
                                      failed=json.dumps(t("map.tiles_failed", lang)),
                                loaded=json.dumps(t("map.tiles_loaded", lang))), height=44)


ctx = shell.page("nav.map")
if ctx is not None:
    lang, con, focus = ctx.lang, ctx.con, ctx.focus
    names = shell.city_names(ctx)
    c1, c2, c3 = st.columns([2, 3, 3], gap="large")
    measure = shell.bound(c1.selectbox, t("map.measure", lang), geo.MEASURES, key="size", index=0,
                          format_func=lambda m: t(f"measure.{m}", lang))
    all_ties = shell.bound(c2.toggle, t("map.all_ties", lang), value=False, key="all")
    tiles = shell.bound(c2.toggle, t("map.tiles", lang), value=False, key="tiles", help=t("map.tiles_note", lang))
    with c3:
        st.markdown(f"**{t('map.layers', lang)}**")
        l1, l2 = st.columns(2)
        show_outlines = shell.bound(l1.toggle, t("map.outlines", lang), value=True, key="outlines")
        show_cities = shell.bound(l1.toggle, t("map.cities", lang), value=True, key="cities")
        show_labels = shell.bound(l2.toggle, t("map.labels", lang), value=True, key="labels")
        show_arcs = shell.bound(l2.toggle, t("map.arcs", lang), value=True, key="arcs")

    samples = ctx.filters.include_samples
    points = geo.city_points(con, measure, ctx.filters.countries, include_samples=samples)
    arcs = geo.project_arcs(con, include_samples=samples, focus=None if all_ties else focus)
    shell.sample_badge(int(points["sample_companies"].sum() + arcs["sample_projects"].sum()), lang)
    focus_name = names.get(focus, focus)
    if not all_ties:
        st.caption(t("map.focus_ties", lang, city=focus_name, n=len(arcs)) if not arcs.empty else
                   t("map.no_focus_ties", lang, city=focus_name))
    if tiles:
        st.caption(t("map.tiles_note", lang))
        tile_check(lang)
    # Tooltip values are prepared as plain text and shown with pydeck's "text" tooltip (never as HTML).
    points["label"] = shell.bilingual(points["name_de"] if lang != "en" else points["name_en"], points["name_zh"],
                                      lang)
    points["tip"] = [
        f"{label}\n{t(f'status.{s}', lang)}\n{t('cities.population', lang)}: "
        f"{format_number(p, lang) or '–'}\n{t('col.companies', lang)}: {format_number(c, lang)}"
        f" · {t('nav.projects', lang)}: {format_number(n, lang)}"
        for label, s, p, c, n in zip(points["label"], points["status"], points["population"], points["companies"],
                                     points["projects"], strict=True)]
    latin = "en" if lang == "en" else "de"
    arcs["tip"] = [f"{cn} – {de}\n{t(f'direction.{d}', lang)}\n{t('nav.projects', lang)}: {n} · "
                   f"{format_number(v, lang, 1)} Mio. EUR" + (f"\n{t('reason.sample', lang)}" if sample else "")
                   for cn, de, d, n, v, sample in zip(arcs["cn_zh"] if lang == "zh" else arcs[f"cn_{latin}"],
                                                      arcs["de_zh"] if lang == "zh" else arcs[f"de_{latin}"],
                                                      arcs["direction"], arcs["projects"], arcs["volume_eur_m"],
                                                      arcs["is_sample"], strict=True)]
    arcs["colour"] = [geo.faded(c) if sample else c for c, sample in zip(arcs["colour"], arcs["is_sample"],
                                                                          strict=True)]
    # Labels: every city with all ties; the focus city and its partners with the focus city's ties.
    tied = geo.tied_cities(arcs) | {focus}
    points["name"] = [names.get(c, c) for c in points["city_id"]]
    points["priority"] = [2 if c == focus else 1 if c in tied else 0 for c in points["city_id"]]
    # Names that would overlap at the opening zoom give way to the focus city, its partners, then larger
    # cities (deck.gl's collision filter draws no label at all in Streamlit's frontend).
    labelled = geo.labels_that_fit((points if all_ties else points[points["city_id"].isin(tied)]).sort_values(
        "value", ascending=False), ZOOM)

    layers = []
    if show_outlines:  # under online tiles too (faint): if they do not load, the map is never blank
        layers.append(pdk.Layer("GeoJsonLayer", geo.country_outlines(), id="countries", stroked=True, filled=True,
                                get_fill_color=[235, 235, 230, 255] if not tiles else [235, 235, 230, 70],
                                get_line_color=[160, 160, 160, 255], line_width_min_pixels=0.5, pickable=False))
    if show_arcs and not arcs.empty:
        for sample, layer_id, height in ((True, "sample_projects", 0.35), (False, "projects", 1.0)):
            part = arcs[arcs["is_sample"] == sample]
            if not part.empty:  # samples: faint, thin and flat; documented: full colour, width by volume
                layers.append(pdk.Layer("ArcLayer", part, id=layer_id, get_source_position=["from_lon", "from_lat"],
                                        get_target_position=["to_lon", "to_lat"], get_source_color="colour",
                                        get_target_color="colour", get_width=1.5 if sample else "width",
                                        get_height=height, width_min_pixels=1 if sample else 2, pickable=True))
    if show_cities:
        layers.append(pdk.Layer("ScatterplotLayer", points, id="cities", get_position=["lon", "lat"],
                                get_radius="radius", radius_min_pixels=3, get_fill_color="colour",
                                get_line_color=[255, 255, 255],
                                line_width_min_pixels=1, stroked=True, pickable=True))
        ring = points[points["city_id"] == focus]
        if not ring.empty:
            layers.append(pdk.Layer("ScatterplotLayer", ring, id="focus", get_position=["lon", "lat"],
                                    get_radius="radius", radius_min_pixels=9, filled=False, stroked=True,
                                    get_line_color=geo.FOCUS_RING, line_width_min_pixels=3, pickable=False))
    if show_labels and not labelled.empty:
        layers.append(pdk.Layer(
            "TextLayer", labelled, id="labels", get_position=["lon", "lat"], get_text="name",
            get_size="priority * 2 + 12", size_units='"pixels"', get_color=[20, 20, 20, 255],
            get_pixel_offset=[0, -14], get_text_anchor='"middle"', get_alignment_baseline='"bottom"',
            font_family=LABEL_FONTS, font_weight=600, character_set='"auto"', background=True,
            get_background_color=[255, 255, 255, 200], background_padding=[3, 1, 3, 1], pickable=False,
            ))
    # Without tiles no map style is named at all: an explicit map_style=None makes Streamlit load Carto's
    # style from the internet; pydeck's unset default tells it to load nothing.
    online = {"map_provider": "carto", "map_style": "light"} if tiles else {"map_provider": None}
    deck = pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(latitude=38, longitude=62, zoom=ZOOM),
                    tooltip={"text": "{tip}"}, **online)
    event = st.pydeck_chart(deck, height=560, on_select="rerun", selection_mode="single-object", key="map_pick")
    picked = (event.selection.get("objects") or {}).get("cities") if event is not None else None
    if picked:  # a click on a city: its profile, with this view's language, focus and filters
        st.switch_page("pages/2_cities.py", query_params=shell.carried_params(city=str(picked[0]["city_id"])))
    st.caption(" ".join((t("map.legend_cities", lang), t("map.legend_projects", lang), t("map.click_hint", lang))))
    shell.notice_ignored(lang)
