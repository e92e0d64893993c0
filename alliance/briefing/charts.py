"""The briefing's charts as plotly figures, every text from the catalogue (alliance/i18n.py) in the
deck's language; names of cities and sectors from their ids. Rendered to PNG by kaleido with the
installed Chromium; the map draws the cities on the country outlines shipped with the app, so
nothing is fetched from the internet.

Readable on a projector: a figure is as wide in pixels as its place on the slide is in points
(SLOTS; render.py places it at ``width / 72`` inches), so a font of 14 px is 14 pt on the slide, and
every text of a figure is set at MIN_FONT or more (``font_sizes`` lists them for the tests).
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from alliance import geo
from alliance.briefing.content import Chart
from alliance.i18n import Names, country_name, t

BLUE, GREY, ORANGE = "#1f4e79", "#8c8c8c", "#e69138"
PARTNER_COLOURS = (ORANGE, "#6aa84f", "#a64d79", "#45818e", "#bf9000")  # distinct from the focus city's blue
CJK_FONT = "Noto Sans CJK SC"  # installed with fonts-noto-cjk; Chromium falls back to it for Chinese anyway
MEMBER_STATUSES = ("member", "withdrawal_requested")
MIN_FONT = 14  # pt on the slide
FONT, TITLE_FONT = 16, 18
# (width, height) in px = pt on the slide: a chart beside the text, a full-width chart
SLOTS = {"members": (450, 330), "projects": (450, 330), "map": (830, 330), "profile": (830, 360),
         "profile_official": (830, 330)}
PALETTE = (BLUE, ORANGE, *PARTNER_COLOURS[1:])  # focus / first, second, further series


def recoloured(fig: go.Figure, palette: tuple[str, ...] | None) -> go.Figure:
    """``fig`` with the deck's palette (a template's theme colours) in place of the default one: each
    default colour is replaced by the template colour at the same position; grey stays grey."""
    if not palette:
        return fig
    mapping = dict(zip(PALETTE, palette, strict=False))
    for trace in fig.data:
        for holder in (getattr(trace, "marker", None), getattr(trace, "line", None)):
            colour = getattr(holder, "color", None) if holder is not None else None
            if isinstance(colour, str) and colour in mapping:
                holder.color = mapping[colour]
    return fig


def font_sizes(fig: go.Figure) -> dict[str, float | None]:
    """Every font size the figure sets (layout, title, legend, axes' ticks and titles, annotations, trace
    texts), by where it is; None where plotly's default (12 px) would apply."""
    layout = fig.layout
    sizes: dict[str, float | None] = {"font": layout.font.size, "legend": layout.legend.font.size}
    if layout.title.text:
        sizes["title"] = layout.title.font.size
    for name in ("xaxis", "yaxis"):
        axis = layout[name]
        if axis.visible is not False:
            sizes[f"{name}.tick"] = axis.tickfont.size or layout.font.size
            if axis.title.text:
                sizes[f"{name}.title"] = axis.title.font.size or layout.font.size
    for i, annotation in enumerate(layout.annotations or ()):
        sizes[f"annotation{i}"] = annotation.font.size or layout.font.size
    for i, trace in enumerate(fig.data):
        if getattr(trace, "text", None) is not None and "text" in str(getattr(trace, "mode", "") or "text"):
            sizes[f"trace{i}.text"] = trace.textfont.size or layout.font.size
    return sizes


def figure(chart: Chart, lang: str, names: Names, palette: tuple[str, ...] | None = None) -> go.Figure:
    """The figure of ``chart`` in ``lang`` at its slot's size, in ``palette`` if given."""
    draw = {"members": _members, "map": _map, "profile": _profile, "profile_official": _profile,
            "projects": _projects}[chart.kind]
    fig = draw(chart, lang, names)
    width, height = SLOTS[chart.kind]
    fig.update_layout(separators=",." if lang == "de" else ".,",  # decimal point, thousands separator
                      width=width, height=height, font={"size": FONT}, legend={"font": {"size": FONT}})
    fig.update_xaxes(tickfont={"size": FONT})
    fig.update_yaxes(tickfont={"size": FONT})
    if lang == "zh":
        fig.update_layout(font={"family": f"{CJK_FONT}, sans-serif"})
    return recoloured(fig, palette)


def _label(text: object) -> str:
    """Data text for a plotly label: plotly renders a subset of HTML, so <, > and & become entities."""
    return html.escape(str(text), quote=False)


def _style(fig: go.Figure, title: str) -> None:
    fig.update_layout(title={"text": title, "font": {"size": TITLE_FONT}}, template="simple_white",
                      margin={"l": 50, "r": 20, "t": 50, "b": 40}, legend={"orientation": "h", "y": -0.15})


def _members(chart: Chart, lang: str, names: Names) -> go.Figure:
    """Member cities over time, one step line per country."""
    fig = go.Figure([go.Scatter(x=g["date"], y=g["members"], name=country_name(country, lang), mode="lines+markers",
                                line_shape="hv", line={"color": BLUE if country == "DE" else ORANGE})
                     for country, g in chart.data.groupby("country")])
    _style(fig, t("briefing.chart.members", lang))
    return fig


def _map(chart: Chart, lang: str, names: Names) -> go.Figure:
    """Member cities on the shipped country outlines (lon/lat as plain axes: nothing to download)."""
    focus, *partners = chart.cities
    fig = go.Figure()
    lons: list[float | None] = []
    lats: list[float | None] = []
    for feature in geo.country_outlines()["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                lons += [p[0] for p in ring] + [None]
                lats += [p[1] for p in ring] + [None]
    fig.add_trace(go.Scatter(x=lons, y=lats, mode="lines", line={"color": "#c8c8c8", "width": 0.6},
                             hoverinfo="skip", showlegend=False))
    points = chart.data
    members = points[points["status"].isin(MEMBER_STATUSES)]
    groups = ((members[~members["city_id"].isin(chart.cities)], GREY, 7, t("briefing.legend.members", lang)),
              (points[points["city_id"].isin(partners)], ORANGE, 11, t("briefing.legend.partners", lang)),
              (points[points["city_id"] == focus], BLUE, 14, t("focus_city", lang)))
    for frame, colour, size, name in groups:
        labels = [_label(names.city(c, lang)) for c in frame["city_id"]] if size > 7 else None
        fig.add_trace(go.Scatter(x=frame["lon"], y=frame["lat"], mode="markers+text" if size > 7 else "markers",
                                 text=labels, textposition="top center", textfont={"size": FONT},
                                 marker={"color": colour, "size": size, "line": {"color": "white", "width": 1}},
                                 name=name))
    fig.update_xaxes(range=[-12, 140], visible=False)
    fig.update_yaxes(range=[15, 62], visible=False, scaleanchor="x", scaleratio=1.3)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, template="simple_white",
                      legend={"orientation": "h", "y": 0.02, "x": 0.01})
    return fig


def _profile(chart: Chart, lang: str, names: Names) -> go.Figure:
    """Each city's share of employees in the Branchen that weigh most (the focus city on top)."""
    shares: pd.DataFrame = chart.data
    order = [_label(names.sector(s, lang)) for s in dict.fromkeys(shares["sector"])]
    colours = dict(zip(chart.cities, (BLUE, *PARTNER_COLOURS), strict=False))
    fig = go.Figure()
    for city_id in reversed(chart.cities):  # horizontal groups stack upwards: the focus city on top
        rows = shares[shares["city_id"] == city_id]
        fig.add_trace(go.Bar(y=[_label(names.sector(s, lang)) for s in rows["sector"]], x=rows["share"],
                             name=_label(names.city(city_id, lang)), orientation="h",
                             marker_color=colours.get(city_id, GREY)))
    _style(fig, t("briefing.chart.share_official" if chart.kind == "profile_official" else "briefing.chart.share",
                  lang))
    # Wide and low, Branchen as rows: long German names stay readable beside a table on the slide.
    fig.update_layout(margin={"l": 10, "r": 20, "t": 40, "b": 30},  # the legend below the axis, apart from the title
                      legend={"orientation": "h", "x": 0, "xanchor": "left", "y": -0.12, "yanchor": "top",
                              "traceorder": "reversed"})
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1])
    fig.update_xaxes(tickformat=".0%")
    return fig


def _projects(chart: Chart, lang: str, names: Names) -> go.Figure:
    """Projects by start year, documented and sample projects stacked, so the invented share stays visible
    (a deck without sample projects has no sample bar)."""
    by_year = chart.data
    years = by_year["key"].astype(int)
    bars = [go.Bar(x=years, y=by_year["projects"] - by_year["sample_projects"], name=t("briefing.documented", lang),
                   marker_color=BLUE)]
    if by_year["sample_projects"].sum():
        bars.append(go.Bar(x=years, y=by_year["sample_projects"], name=t("briefing.sample", lang), marker_color=GREY))
    fig = go.Figure(bars)
    _style(fig, t("briefing.chart.projects", lang))
    fig.update_layout(barmode="stack", legend_traceorder="normal")
    fig.update_xaxes(tickformat="d", dtick=1)  # years as categories of whole numbers: 2019, never 2,019.5
    return fig
