"""Plotly figures at the display edge: the language's number separators, whole-number year axes and
numbers in hovers rounded as tables show them."""

from __future__ import annotations

import plotly.graph_objects as go

SEPARATORS = {"de": ",.", "en": ".,", "zh": ".,"}  # decimal point, then thousands separator


def localise(figure: go.Figure, lang: str, year_axis: str | None = None) -> go.Figure:
    """Separators of ``lang`` (1.234,5 in German); ``year_axis`` ("x" or "y") gets whole-number ticks
    without a thousands separator (2018, never 2,018.6); heatmap hovers show two decimals."""
    figure.update_layout(separators=SEPARATORS.get(lang, ".,"))
    if year_axis == "x":
        figure.update_xaxes(tickformat="d", dtick=1)
    elif year_axis == "y":
        figure.update_yaxes(tickformat="d", dtick=1)
    for trace in figure.data:
        if trace.type == "heatmap":
            trace.hovertemplate = "%{y} · %{x}: %{z:,.2f}<extra></extra>"
    return figure
