"""Frames -> Altair charts. No streamlit here: pages render what these return."""

from __future__ import annotations

import altair as alt
import pandas as pd

from monitor import models
from monitor.volume import N_POSTS, WEEK_START


def weekly_volume_chart(weekly: pd.DataFrame, by: str = models.BRAND, own_brand: str | None = None) -> alt.Chart:
    """Stacked weekly bars of posts per `by`, with tooltips."""
    return (
        alt.Chart(weekly, title="Posts per week")
        .mark_bar()
        .encode(
            x=alt.X(f"{WEEK_START}:T", title="Week (starting Monday)"),
            y=alt.Y(f"{N_POSTS}:Q", title="Posts", stack="zero"),
            color=alt.Color(
                f"{by}:N",
                title=by.capitalize(),
                sort=_own_first(weekly, by, own_brand),
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip(f"{WEEK_START}:T", title="Week of", format="%d %b %Y"),
                alt.Tooltip(f"{by}:N", title=by.capitalize()),
                alt.Tooltip(f"{N_POSTS}:Q", title="Posts"),
            ],
        )
        .properties(height=320)
    )


def channel_mix_chart(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: posts per brand, split by channel."""
    return (
        alt.Chart(counts, title="Posts per brand and channel")
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", title=None, sort="-x"),
            x=alt.X(f"{N_POSTS}:Q", title="Posts"),
            color=alt.Color(f"{models.CHANNEL}:N", title="Channel", scale=alt.Scale(scheme="set2")),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N", title="Brand"),
                alt.Tooltip(f"{models.CHANNEL}:N", title="Channel"),
                alt.Tooltip(f"{N_POSTS}:Q", title="Posts"),
            ],
        )
        .properties(height=alt.Step(28))
    )


def _own_first(frame: pd.DataFrame, by: str, own_brand: str | None) -> list[str]:
    values = sorted(frame[by].dropna().unique()) if by in frame else []
    if own_brand in values:
        values.remove(own_brand)
        values.insert(0, own_brand)
    return values


def chart_png(spec_json: str, scale: float = 2.0) -> bytes | None:
    """PNG bytes of a Vega-Lite spec (for slides), rendered without a browser; None if the
    renderer is unavailable."""
    try:
        import vl_convert
    except ImportError:
        return None
    return vl_convert.vegalite_to_png(spec_json, scale=scale)
