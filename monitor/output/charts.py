"""Frames -> Altair charts. No streamlit here: pages render what these return."""

from __future__ import annotations

import altair as alt
import pandas as pd

from monitor import models
from monitor.analysis.volume import N_POSTS, WEEK_START

# Names of the charts' selections: a page reads the clicked points under the same name.
CELL = "cell"  # a topic x brand cell of the coverage heatmap
SLOT = "slot"  # a weekday x hour slot of the cadence heatmap
SPAN = "span"  # a time span dragged on the topic lines

# Speed, on every rerun: channels are built as objects (alt.Tooltip("x:Q"), alt.OpacityValue
# with a condition), not as bare names or alt.condition(...): those go through Altair's
# from_dict, which infers types from the data and resolves schemas, ~15 ms per chart.


def weekly_volume_chart(
    weekly: pd.DataFrame, by: str = models.BRAND, own_brand: str | None = None
) -> alt.Chart:
    """Stacked weekly bars of posts per `by`, with tooltips."""
    weekly, order = _own_first(weekly, by, own_brand)
    return (
        alt.Chart(weekly, title="Posts per week")
        .mark_bar()
        .encode(
            x=alt.X(f"{WEEK_START}:T", title="Week (starting Monday)", axis=period_axis(weekly, WEEK_START)),
            y=alt.Y(f"{N_POSTS}:Q", title="Posts", stack="zero"),
            color=alt.Color(
                f"{by}:N",
                title=by.capitalize(),
                sort=order,
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


def _tooltips(*fields: str) -> list[alt.Tooltip]:
    """Tooltips with their types spelled out."""
    return [alt.Tooltip(field) for field in fields]


def _own_first(
    frame: pd.DataFrame, by: str, own_brand: str | None
) -> tuple[pd.DataFrame, alt.EncodingSortField]:
    """_order_in_data with the own brand first, then the others alphabetically."""
    values = sorted(frame[by].dropna().unique()) if by in frame else []
    if own_brand in values:
        values.remove(own_brand)
        values.insert(0, own_brand)
    return _order_in_data(frame, by, values)


def _order_in_data(frame: pd.DataFrame, by: str, order: list) -> tuple[pd.DataFrame, alt.EncodingSortField]:
    """`frame` with each value's place in `order` as a column, and the sort that reads it.

    A sort spelled as a list puts the filter's values into the spec, so every filter change
    rebuilt the chart in the browser. With the order in the data the spec stays the same,
    and the browser only swaps the chart's data."""
    place = pd.Series(range(len(order)), index=pd.Index(order, dtype=object), dtype="int64")
    column = f"{by}_order"
    ordered = (
        frame.assign(**{column: frame[by].astype(object).map(place).to_numpy()}) if by in frame else frame
    )
    return ordered, alt.EncodingSortField(column, op="min")


# Up to this many periods, the time axis is labelled at each period start.
MAX_PERIOD_TICKS = 16


def period_axis(frame: pd.DataFrame, field: str, **axis: object) -> alt.Axis:
    """A time axis labelled at the periods themselves when there are few of them. Left to
    Vega, three weekly points got day labels between them ("Wed 04", "Fri 06", "May 08")."""
    periods = pd.to_datetime(frame[field].dropna().unique()) if field in frame else []
    if not 0 < len(periods) <= MAX_PERIOD_TICKS:
        return alt.Axis(**axis)
    # Local date-times, as the data is: the pages send naive local times and Streamlit
    # shows them in the browser as given.
    values = [
        alt.DateTime(year=t.year, month=t.month, date=t.day, hours=t.hour, minutes=t.minute)
        for t in sorted(periods)
    ]
    return alt.Axis(values=values, format="%-d %b", **axis)


def inline_spec(chart: alt.TopLevelMixin) -> str:
    """The chart's Vega-Lite JSON with its rows inline, made without Altair's data transformer.
    That transformer is process-wide state Streamlit switches while it draws a chart, so a
    spec made in a download thread could reference data it never includes (the PNG then
    never came). Inline rows make the spec safe to build on click, from any thread."""
    return _with_inline_data(chart.copy(deep=True)).to_json()


def _with_inline_data(chart):
    data = getattr(chart, "data", alt.Undefined)
    if isinstance(data, pd.DataFrame):
        chart.data = alt.InlineData(values=alt.utils.data.to_values(data)["values"])
    for part in ("layer", "hconcat", "vconcat", "concat"):
        for child in getattr(chart, part, None) or ():
            _with_inline_data(child)
    spec = getattr(chart, "spec", alt.Undefined)
    if spec is not alt.Undefined and not isinstance(spec, dict):
        _with_inline_data(spec)
    return chart


def chart_png(spec_json: str, scale: float = 2.0) -> bytes | None:
    """PNG bytes of a Vega-Lite spec (for slides), rendered without a browser; None if the
    renderer is unavailable."""
    try:
        import vl_convert
    except ImportError:
        return None
    return vl_convert.vegalite_to_png(spec_json, scale=scale)


def coverage_heatmap(coverage: pd.DataFrame, own_brand: str | None = None, step: int = 26) -> alt.Chart:
    """Topic x brand heatmap of each brand's share of its posts per topic; click a cell."""
    coverage, brands = _own_first(coverage, models.BRAND, own_brand)
    pick = alt.selection_point(name=CELL, fields=["topic_id", models.BRAND])
    base = alt.Chart().encode(
        x=alt.X(f"{models.BRAND}:N", sort=brands, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y(
            "topic_label:N",
            sort=alt.EncodingSortField("topic_share_all", order="descending"),
            title=None,
            axis=alt.Axis(labelLimit=260),
        ),
    )
    cells = (
        base.mark_rect()
        .encode(
            color=alt.Color(
                "share:Q", title="Share", scale=alt.Scale(scheme="greens"), legend=alt.Legend(format="%")
            ),
            opacity=alt.OpacityValue(0.5, condition={"param": pick.name, "value": 1.0}),
            tooltip=[
                alt.Tooltip("topic_label:N", title="Topic"),
                alt.Tooltip(f"{models.BRAND}:N", title="Brand"),
                alt.Tooltip("n_posts:Q", title="Posts"),
                alt.Tooltip("share:Q", title="Share of the brand's posts", format=".1%"),
            ],
        )
        .add_params(pick)
    )
    labels = base.mark_text(fontSize=11).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.ColorValue("#333", condition={"test": "datum.share > 0.12", "value": "white"}),
    )
    # The data on the layer, not on each part: Altair then need not compare the parts' frames.
    return alt.layer(cells, labels, data=coverage, title="Share of each brand's posts per topic").properties(
        height=alt.Step(step)
    )


def distinctive_terms_chart(terms: pd.DataFrame, n: int = 10) -> alt.Chart:
    """Per brand, its most distinctive terms against all others (log-odds z-scores)."""
    top = terms[terms["rank"] <= n]
    return (
        alt.Chart(top)
        .mark_bar()
        .encode(
            # Every bar keeps its word: Vega hid every other label as "overlapping" at 16 px.
            y=alt.Y("term:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
            x=alt.X("z:Q", title="z-score (log-odds vs the others)"),
            color=alt.Color(f"{models.BRAND}:N", legend=None, scale=alt.Scale(scheme="tableau10")),
            tooltip=_tooltips("term:N", "z:Q", "count_brand:Q", "count_others:Q"),
        )
        .properties(width=220, height=alt.Step(16))
        .facet(facet=alt.Facet(f"{models.BRAND}:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title="Words each brand uses more than the others")
    )


def brand_map_chart(points: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Brands placed by the similarity of their topic mix: close = similar agendas."""
    frame = points.assign(own=points[models.BRAND].eq(own_brand))
    base = alt.Chart().encode(x=alt.X("x:Q", axis=None), y=alt.Y("y:Q", axis=None))
    dots = base.mark_circle(size=300).encode(
        color=alt.ColorValue("#9aa5b1", condition={"test": "datum.own", "value": "#0f6e56"}),
        tooltip=_tooltips(f"{models.BRAND}:N"),
    )
    names = base.mark_text(dy=-18, fontSize=13).encode(text=alt.Text(f"{models.BRAND}:N"))
    return alt.layer(dots, names, data=frame, title="Brands by topic mix (closer = more alike)").properties(
        height=300
    )


def weekday_hour_heatmap(counts: pd.DataFrame) -> alt.Chart:
    """Posts per weekday and hour, one panel per brand; click a cell to see its posts."""
    pick = alt.selection_point(name=SLOT, fields=["weekday", "hour"])
    return (
        alt.Chart(counts)
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="Hour"),
            y=alt.Y("weekday_name:N", sort=alt.EncodingSortField("weekday"), title=None),
            color=alt.Color("n_posts:Q", title="Posts", scale=alt.Scale(scheme="blues")),
            opacity=alt.OpacityValue(0.6, condition={"param": pick.name, "value": 1.0}),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N", title="Brand"),
                alt.Tooltip("weekday_name:N", title="Day"),
                alt.Tooltip("hour:O", title="Hour"),
                alt.Tooltip("n_posts:Q", title="Posts"),
            ],
        )
        .add_params(pick)
        .properties(width=520, height=160)
        .facet(row=alt.Row(f"{models.BRAND}:N", title=None))
    )


def frequency_chart(frequency: pd.DataFrame) -> alt.Chart:
    """Posts per week per brand, split by channel."""
    return (
        alt.Chart(frequency, title="Posts per week, by channel")
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", sort="-x", title=None),
            x=alt.X("posts_per_week:Q", title="Posts per week", stack="zero"),
            color=alt.Color(f"{models.CHANNEL}:N", title="Channel", scale=alt.Scale(scheme="set2")),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N"),
                alt.Tooltip(f"{models.CHANNEL}:N"),
                alt.Tooltip("posts_per_week:Q", format=".1f"),
                alt.Tooltip("n_posts:Q"),
                alt.Tooltip("median_gap_hours:Q", format=".0f", title="Median gap (h)"),
            ],
        )
        .properties(height=alt.Step(30))
    )


def largest_topics_chart(summary: pd.DataFrame) -> alt.Chart:
    """Bars of the topics' story counts, large type (the meeting view)."""
    return (
        alt.Chart(summary, title="The ten largest topics (stories)")
        .mark_bar()
        .encode(
            y=alt.Y("topic:N", sort="-x", title=None, axis=alt.Axis(labelFontSize=18, labelLimit=400)),
            x=alt.X("n_stories:Q", title="Stories"),
            tooltip=_tooltips("topic:N", "n_stories:Q", "brands:Q"),
        )
        .properties(height=alt.Step(44))
    )


def topic_brands_chart(coverage: pd.DataFrame) -> alt.Chart:
    """Bars of each brand's share of its stories that are on one topic."""
    return (
        alt.Chart(coverage, title="Share of each brand's stories on this topic")
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", sort="-x", title=None),
            x=alt.X("share:Q", axis=alt.Axis(format="%"), title="Share of the brand's stories"),
            tooltip=[*_tooltips(f"{models.BRAND}:N", "n_stories:Q"), alt.Tooltip("share:Q", format=".1%")],
        )
    )


def engagement_chart(figures: pd.DataFrame, label: str, title: str) -> alt.Chart:
    """Median interactions per post, for topics or brands that carry metrics."""
    measured = figures[figures["n_with_metrics"] > 0]
    return (
        alt.Chart(measured, title=title)
        .mark_bar()
        .encode(
            # Topic labels run to ~30 characters; the default limit cut "sustainability · re…".
            y=alt.Y(f"{label}:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            x=alt.X("engagement_per_post_median:Q", title="Median interactions per post"),
            tooltip=[
                *_tooltips(
                    f"{label}:N", "n_with_metrics:Q", "likes_total:Q", "comments_total:Q", "shares_total:Q"
                ),
                alt.Tooltip("engagement_rate:Q", format=".2%", title="Engagement rate"),
            ],
        )
        .properties(height=alt.Step(22))
    )


def topic_lines_chart(
    volume: pd.DataFrame,
    value: str = "n_posts",
    top: int = 8,
    title: str = "",
    only_topics: list | None = None,
    height: int = 340,
) -> alt.Chart:
    """Lines of the largest (or the given) topics over time; drag to pick a time span. Posts
    that fit no topic (topic_id NA) are never a line: the page says how many they are."""
    volume = volume[volume["topic_id"].notna()]
    if only_topics:
        volume = volume[volume["topic_id"].isin(only_topics)]
    totals = volume.groupby("topic_label")[value].sum().sort_values(ascending=False)
    largest = list(totals.index[:top])
    shown, order = _order_in_data(volume[volume["topic_label"].isin(largest)], "topic_label", largest)
    brush = alt.selection_interval(name=SPAN, encodings=["x"])
    # Counts keep Vega's own tick format: an empty d3 format wrote 50 as "5e+1".
    axis = alt.Axis(format="%") if value == "share" else alt.Axis()
    return (
        alt.Chart(shown, title=title)
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=alt.X("period_start:T", title=None, axis=period_axis(shown, "period_start")),
            y=alt.Y(
                f"{value}:Q",
                title="Share of posts" if value == "share" else "Stories",
                axis=axis,
            ),
            color=alt.Color(
                "topic_label:N",
                title="Topic",
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title="From", format="%d %b %Y"),
                alt.Tooltip("topic_label:N", title="Topic"),
                alt.Tooltip(
                    f"{value}:Q", title=value.replace("_", " "), format=".1%" if value == "share" else "d"
                ),
            ],
        )
        .add_params(brush)
        .properties(height=height)
    )


def share_of_voice_chart(shares: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Each brand's share of all posts per period (stacked to 100%)."""
    shares, order = _own_first(shares, models.BRAND, own_brand)
    return (
        alt.Chart(shares, title="Share of voice")
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X("period_start:T", title=None, axis=period_axis(shares, "period_start")),
            y=alt.Y("n_posts:Q", stack="normalize", title="Share of posts", axis=alt.Axis(format="%")),
            color=alt.Color(
                f"{models.BRAND}:N",
                title="Brand",
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title="From", format="%d %b %Y"),
                alt.Tooltip(f"{models.BRAND}:N"),
                alt.Tooltip("n_posts:Q", title="Stories"),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(height=260)
    )
