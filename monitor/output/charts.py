"""Frames -> Altair charts. No streamlit here: pages render what these return."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import altair as alt
import pandas as pd

from monitor import i18n, models
from monitor.analysis.volume import DAY, N_POSTS, WEEK_START
from monitor.i18n import t
from monitor.output import label_placement

# Names of the charts' selections: a page reads the clicked points under the same name.
CELL = "cell"  # a topic x brand cell of the coverage heatmap
SLOT = "slot"  # a weekday x hour slot of the cadence heatmap
SPAN = "span"  # a time span dragged on the topic lines

# Speed, on every rerun: channels are built as objects (alt.Tooltip("x:Q"), alt.OpacityValue
# with a condition), not as bare names or alt.condition(...): those go through Altair's
# from_dict, which infers types from the data and resolves schemas, ~15 ms per chart.


class _Words(Mapping):
    """A module constant of display words, looked up in the current language at each use (the
    language is chosen per run, after import): it reads like the dict `words()` returns."""

    def __init__(self, words: Callable[[], dict]) -> None:
        self._words = words

    def __getitem__(self, key: object) -> object:
        return self._words()[key]

    def __iter__(self) -> Iterator:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


def grains() -> dict[str, tuple[str, str, str, str]]:
    """The time grain's freq -> the period column of volume.period_counts, its name (a code,
    as in url_state.GRAINS), axis title and tooltip, in the current language."""
    return {
        "W": (WEEK_START, "week", t("Week (starting Monday)"), t("Week of")),
        "D": (DAY, "day", t("Day"), t("Day")),
    }


GRAINS = _Words(grains)


def _posts_per(grain: str) -> str:
    """The volume chart's title: one whole message per grain."""
    return t("Posts per day") if grain == "day" else t("Posts per week")


def _field_title(field: str) -> str:
    """The title of a brand or channel colour (and its tooltip)."""
    titles = {models.BRAND: t("Brand"), models.CHANNEL: t("Channel")}
    return titles.get(field, field.capitalize())


def weekly_volume_chart(
    weekly: pd.DataFrame, by: str = models.BRAND, own_brand: str | None = None, freq: str = "W"
) -> alt.Chart:
    """Stacked bars of posts per `by` per week, or per day with freq "D" (rows of
    volume.period_counts with the same freq), with tooltips."""
    period, grain, axis_title, tip = grains()[freq]
    weekly, order = _own_first(weekly, by, own_brand)
    return (
        alt.Chart(weekly, title=_posts_per(grain))
        .mark_bar()
        .encode(
            x=alt.X(f"{period}:T", title=axis_title, axis=period_axis(weekly, period)),
            y=alt.Y(f"{N_POSTS}:Q", title=t("Posts"), stack="zero"),
            color=alt.Color(
                f"{by}:N",
                title=_field_title(by),
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip(f"{period}:T", title=tip, format="%d %b %Y"),
                alt.Tooltip(f"{by}:N", title=_field_title(by)),
                alt.Tooltip(f"{N_POSTS}:Q", title=t("Posts")),
            ],
        )
        .properties(height=320)
    )


def recent_weeks_chart(weekly: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Stacked bars of posts per brand for a few weeks (the report's): one band per week, as
    wide as the chart allows (on a time scale eight weeks were hairlines)."""
    weekly, order = _own_first(weekly, models.BRAND, own_brand)
    return (
        alt.Chart(weekly, title=t("Posts per week"))
        .mark_bar()
        .encode(
            x=alt.X(f"yearmonthdate({WEEK_START}):O", title=t("Week (starting Monday)"),
                    axis=alt.Axis(format="%-d %b", labelAngle=0)),
            y=alt.Y(f"{N_POSTS}:Q", title=t("Posts"), stack="zero"),
            color=alt.Color(f"{models.BRAND}:N", title=t("Brand"), sort=order, scale=alt.Scale(scheme="tableau10")),
        )
        .properties(height=260)
    )  # fmt: skip


def channel_mix_chart(counts: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: posts per brand, split by channel."""
    return (
        alt.Chart(counts, title=t("Posts per brand and channel"))
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", title=None, sort="-x"),
            x=alt.X(f"{N_POSTS}:Q", title=t("Posts")),
            color=alt.Color(f"{models.CHANNEL}:N", title=t("Channel"), scale=alt.Scale(scheme="set2")),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")),
                alt.Tooltip(f"{models.CHANNEL}:N", title=t("Channel")),
                alt.Tooltip(f"{N_POSTS}:Q", title=t("Posts")),
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
        alt.DateTime(year=p.year, month=p.month, date=p.day, hours=p.hour, minutes=p.minute)
        for p in sorted(periods)
    ]
    return alt.Axis(values=values, format="%-d %b", **axis)


def localized(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """The chart with Vega's locale of the current language (months, days, decimal comma); as
    it is in English."""
    locale = i18n.vega_locale()
    if locale is None:
        return chart
    chart = chart.copy(deep=False)
    config = chart.config.copy(deep=False) if chart.config is not alt.Undefined else alt.Config()
    config.locale = locale
    chart.config = config
    return chart


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


# The coverage legend's gradient, beside the heatmap when its rows are at least this tall
# (title and padding included). Beside a heatmap of a few topics it ran below the plot and was
# cut off (Streamlit sizes the frame to the plot), so there it goes under the rows.
GRADIENT = 200
SHARE_LEGEND_BESIDE = alt.Legend(format="%", gradientLength=GRADIENT)
SHARE_LEGEND_UNDER = alt.Legend(
    format="%",
    orient="bottom",
    direction="horizontal",
    gradientLength=GRADIENT,
    titleOrient="left",
    offset=12,
)
WRAP_AFTER = 9  # characters of a brand name on one line over a coverage column


def coverage_heatmap(
    coverage: pd.DataFrame, own_brand: str | None = None, step: int = 26, line_height: int = 13
) -> alt.Chart:
    """Topic x brand heatmap of each brand's share of its posts per topic; click a cell.
    line_height: of the brand names over the columns (13 px suits Streamlit's 11 px labels)."""
    coverage, brands = _own_first(coverage, models.BRAND, own_brand)
    # Under the rows only when it must be: there it costs the height meeting mode has not got.
    tall = coverage["topic_id"].nunique() * step >= GRADIENT + 40
    legend = SHARE_LEGEND_BESIDE if tall else SHARE_LEGEND_UNDER
    pick = alt.selection_point(name=CELL, fields=["topic_id", models.BRAND])
    base = alt.Chart().encode(
        x=alt.X(
            f"{models.BRAND}:N",
            sort=brands,
            title=None,
            # Every brand named: with 8 brands at 1280 px Vega hid every other name as
            # overlapping. A long name goes on one line per word to fit its column; Vega
            # writes the further lines downwards, into the cells, so those labels sit higher.
            axis=alt.Axis(
                orient="top",
                labelAngle=0,
                labelOverlap=False,
                labelFlush=False,  # Streamlit's theme has it: the first name slid into the second
                labelExpr=f"length(datum.label) > {WRAP_AFTER} ? split(datum.label, ' ') : datum.label",
                labelBaseline="bottom",
                labelLineHeight=line_height,
                labelPadding=alt.ExprRef(
                    f"4 + (length(datum.label) > {WRAP_AFTER} ? length(split(datum.label, ' ')) - 1 : 0)"
                    f" * {line_height}"
                ),
            ),
        ),
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
            color=alt.Color("share:Q", title=t("Share"), scale=alt.Scale(scheme="greens"), legend=legend),
            opacity=alt.OpacityValue(0.5, condition={"param": pick.name, "value": 1.0}),
            tooltip=[
                alt.Tooltip("topic_label:N", title=t("Topic")),
                alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")),
                alt.Tooltip("n_posts:Q", title=t("Posts")),
                alt.Tooltip("share:Q", title=t("Share of the brand's posts"), format=".1%"),
            ],
        )
        .add_params(pick)
    )
    # No fontSize on the mark: Vega's default is 11, and a mark's own size would override
    # the larger text meeting mode configures (ui.present).
    labels = base.mark_text().encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.ColorValue("#333", condition={"test": "datum.share > 0.12", "value": "white"}),
    )
    # The data on the layer, not on each part: Altair then need not compare the parts' frames.
    return alt.layer(
        cells, labels, data=coverage, title=t("Share of each brand's posts per topic")
    ).properties(height=alt.Step(step))


def meeting_coverage_heatmap(
    coverage: pd.DataFrame, own_brand: str | None = None, n_topics: int = 12
) -> alt.Chart:
    """The coverage heatmap of the largest topics, in type a room can read: rows of 38 px, twelve of
    them under brand names in 18 px type, fit below three headlines at 1080 px."""
    largest = coverage.drop_duplicates("topic_id").nlargest(n_topics, "topic_share_all")["topic_id"]
    return coverage_heatmap(coverage[coverage["topic_id"].isin(largest)], own_brand, step=38, line_height=22)


def distinctive_terms_chart(terms: pd.DataFrame, n: int = 10) -> alt.Chart:
    """Per brand, its most distinctive terms against all others (log-odds z-scores)."""
    top = terms[terms["rank"] <= n]
    return (
        alt.Chart(top)
        .mark_bar()
        .encode(
            # Every bar keeps its word: Vega hid every other label as "overlapping" at 16 px.
            y=alt.Y("term:N", sort="-x", title=None, axis=alt.Axis(labelOverlap=False)),
            x=alt.X("z:Q", title=t("z-score (log-odds vs the others)")),
            color=alt.Color(f"{models.BRAND}:N", legend=None, scale=alt.Scale(scheme="tableau10")),
            tooltip=_tooltips("term:N", "z:Q", "count_brand:Q", "count_others:Q"),
        )
        .properties(width=220, height=alt.Step(16))
        .facet(facet=alt.Facet(f"{models.BRAND}:N", title=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=t("Words each brand uses more than the others"))
    )


# The brand map's labels are placed for its narrowest likely plot (the left of two columns at
# 1280 px), as pixel offsets from their dots: wider, the dots only move apart.
MAP_WIDTH = 420
MAP_HEIGHT = 300
MAP_MARGIN = 30  # pixels between the outermost dots and the plot's edge
MAP_FONT = 13
MAP_RADIUS = 10  # of a circle of size 300 (its area in square pixels)


def brand_map_chart(points: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Brands placed by the similarity of their topic mix: close = similar agendas. Names are
    placed apart (label_placement), with a line to their dot when one had to move away."""
    frame, x_domain, y_domain = _map_labels(points.assign(own=points[models.BRAND].eq(own_brand)))
    # Fixed domains: the placement mapped the dots to pixels with exactly these.
    base = alt.Chart().encode(
        x=alt.X("x:Q", axis=None, scale=alt.Scale(domain=x_domain, nice=False, zero=False)),
        y=alt.Y("y:Q", axis=None, scale=alt.Scale(domain=y_domain, nice=False, zero=False)),
    )
    leaders = (
        base.transform_filter("datum.leader")
        .mark_rule(
            color="#9aa5b1",
            strokeWidth=1,
            x2Offset=alt.ExprRef("datum.leader_dx"),
            y2Offset=alt.ExprRef("datum.leader_dy"),
        )
        .encode(x2=alt.X2("x:Q"), y2=alt.Y2("y:Q"))
    )
    dots = base.mark_circle(size=300, opacity=1).encode(
        color=alt.ColorValue("#9aa5b1", condition={"test": "datum.own", "value": "#0f6e56"}),
        tooltip=_tooltips(f"{models.BRAND}:N"),
    )
    names = base.mark_text(
        fontSize=MAP_FONT,
        baseline="middle",
        align="center",
        dx=alt.ExprRef("datum.dx"),
        dy=alt.ExprRef("datum.dy"),
    ).encode(text=alt.Text(f"{models.BRAND}:N"))
    return alt.layer(
        leaders, dots, names, data=frame, title=t("Brands by topic mix (closer = more alike)")
    ).properties(height=MAP_HEIGHT)


def _map_labels(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[float], list[float]]:
    """frame with each name's centre as a pixel offset from its dot (dx, dy), whether it has a
    leader line and where that ends (leader, leader_dx, leader_dy), and the x and y domains
    that put the dots MAP_MARGIN inside a MAP_WIDTH x MAP_HEIGHT plot."""
    xs, ys = frame["x"].astype(float).tolist(), frame["y"].astype(float).tolist()
    x_low, y_low = min(xs, default=0.0), min(ys, default=0.0)
    # Data units per pixel; a single brand (or a line of them) spans nothing on an axis.
    x_unit = (max(xs, default=0.0) - x_low or 1.0) / (MAP_WIDTH - 2 * MAP_MARGIN)
    y_unit = (max(ys, default=0.0) - y_low or 1.0) / (MAP_HEIGHT - 2 * MAP_MARGIN)
    pixels = [
        (MAP_MARGIN + (x - x_low) / x_unit, MAP_HEIGHT - MAP_MARGIN - (y - y_low) / y_unit)
        for x, y in zip(xs, ys, strict=True)
    ]
    texts = frame[models.BRAND].astype(str).tolist()
    sizes = [(label_placement.text_width(text, MAP_FONT), MAP_FONT * 1.25) for text in texts]
    centres = label_placement.place_labels(pixels, sizes, MAP_WIDTH, MAP_HEIGHT, radius=MAP_RADIUS)
    ends = [
        label_placement.leader_end(point, centre, size, MAP_RADIUS)
        for point, centre, size in zip(pixels, centres, sizes, strict=True)
    ]
    placed = frame.assign(
        dx=[cx - px for (px, _), (cx, _) in zip(pixels, centres, strict=True)],
        dy=[cy - py for (_, py), (_, cy) in zip(pixels, centres, strict=True)],
        leader=[end is not None for end in ends],
        leader_dx=[end[0] - px if end else 0.0 for (px, _), end in zip(pixels, ends, strict=True)],
        leader_dy=[end[1] - py if end else 0.0 for (_, py), end in zip(pixels, ends, strict=True)],
    )
    x_domain = [x_low - MAP_MARGIN * x_unit, x_low + (MAP_WIDTH - MAP_MARGIN) * x_unit]
    y_domain = [y_low - MAP_MARGIN * y_unit, y_low + (MAP_HEIGHT - MAP_MARGIN) * y_unit]
    return placed, x_domain, y_domain


def heatmap_grid(n_panels: int) -> tuple[int, int, int]:
    """(columns, panel width, panel height) of the weekday x hour small multiples: two columns
    that fit beside the sidebar on a 1280 px laptop; the page scrolls."""
    columns = min(max(n_panels, 1), 2)
    return columns, (520 if columns == 1 else 300), 150


def weekday_hour_heatmap(counts: pd.DataFrame) -> alt.Chart:
    """Posts per weekday and hour, one panel per brand in a grid (heatmap_grid); click a cell
    to see its posts."""
    columns, width, height = heatmap_grid(counts[models.BRAND].nunique())
    pick = alt.selection_point(name=SLOT, fields=["weekday", "hour"])
    return (
        alt.Chart(counts)
        .mark_rect()
        .encode(
            # Every third hour labelled: 24 labels overlapped in a narrow panel. No flush labels
            # (Streamlit's theme sets them): they pushed "Mon" down onto "Tue".
            x=alt.X(
                "hour:O",
                title=t("Hour"),
                axis=alt.Axis(values=list(range(0, 24, 3)), labelAngle=0, labelFlush=False),
            ),
            y=alt.Y(
                "weekday_name:N",
                sort=alt.EncodingSortField("weekday"),
                title=None,
                axis=alt.Axis(labelExpr="slice(datum.label, 0, 3)", labelOverlap=False, labelFlush=False),
            ),
            color=alt.Color("n_posts:Q", title=t("Posts"), scale=alt.Scale(scheme="blues")),
            opacity=alt.OpacityValue(0.6, condition={"param": pick.name, "value": 1.0}),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")),
                alt.Tooltip("weekday_name:N", title=t("Day")),
                alt.Tooltip("hour:O", title=t("Hour")),
                alt.Tooltip("n_posts:Q", title=t("Posts")),
            ],
        )
        .add_params(pick)
        .properties(width=width, height=height)
        .facet(facet=alt.Facet(f"{models.BRAND}:N", title=None), columns=columns)
    )


def frequency_chart(frequency: pd.DataFrame) -> alt.Chart:
    """Posts per week per brand, split by channel."""
    return (
        alt.Chart(frequency, title=t("Posts per week, by channel"))
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", sort="-x", title=None),
            x=alt.X("posts_per_week:Q", title=t("Posts per week"), stack="zero"),
            color=alt.Color(f"{models.CHANNEL}:N", title=t("Channel"), scale=alt.Scale(scheme="set2")),
            tooltip=[
                alt.Tooltip(f"{models.BRAND}:N"),
                alt.Tooltip(f"{models.CHANNEL}:N"),
                alt.Tooltip("posts_per_week:Q", format=".1f"),
                alt.Tooltip("n_posts:Q"),
                alt.Tooltip("median_gap_hours:Q", format=".0f", title=t("Median gap (h)")),
            ],
        )
        .properties(height=alt.Step(30))
    )


def topic_brands_chart(coverage: pd.DataFrame) -> alt.Chart:
    """Bars of each brand's share of its stories that are on one topic."""
    return (
        alt.Chart(coverage, title=t("Share of each brand's stories on this topic"))
        .mark_bar()
        .encode(
            y=alt.Y(f"{models.BRAND}:N", sort="-x", title=None),
            x=alt.X("share:Q", axis=alt.Axis(format="%"), title=t("Share of the brand's stories")),
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
            x=alt.X("engagement_per_post_median:Q", title=t("Median interactions per post")),
            tooltip=[
                *_tooltips(
                    f"{label}:N", "n_with_metrics:Q", "likes_total:Q", "comments_total:Q", "shares_total:Q"
                ),
                alt.Tooltip("engagement_rate:Q", format=".2%", title=t("Engagement rate")),
            ],
        )
        .properties(height=alt.Step(22))
    )


def _value_title(value: str) -> str:
    """The tooltip title of a topic line's figure: its column's name in words."""
    titles = {"n_posts": t("n posts"), "share": t("share")}
    return titles.get(value, value.replace("_", " "))


def topic_lines_chart(
    volume: pd.DataFrame,
    value: str = "n_posts",
    top: int = 8,
    title: str = "",
) -> alt.Chart:
    """Lines of the largest topics over time; drag to pick a time span. Posts
    that fit no topic (topic_id NA) are never a line: the page says how many they are."""
    volume = volume[volume["topic_id"].notna()]
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
                title=t("Share of posts") if value == "share" else t("Stories"),
                axis=axis,
            ),
            color=alt.Color(
                "topic_label:N",
                title=t("Topic"),
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("From"), format="%d %b %Y"),
                alt.Tooltip("topic_label:N", title=t("Topic")),
                alt.Tooltip(
                    f"{value}:Q", title=_value_title(value), format=".1%" if value == "share" else "d"
                ),
            ],
        )
        .add_params(brush)
        .properties(height=340)
    )


def share_of_voice_chart(shares: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Each brand's share of all posts per period (stacked to 100%). A period nobody posted in has
    no shares: stacked as zeros it drew a brand posting alone as falling to 0 % and back."""
    posted = shares.groupby("period_start")["n_posts"].transform("sum") > 0
    shares, order = _own_first(shares[posted], models.BRAND, own_brand)
    return (
        alt.Chart(shares, title=t("Share of voice"))
        .mark_area(opacity=0.85)
        .encode(
            x=alt.X("period_start:T", title=None, axis=period_axis(shares, "period_start")),
            y=alt.Y("n_posts:Q", stack="normalize", title=t("Share of posts"), axis=alt.Axis(format="%")),
            color=alt.Color(
                f"{models.BRAND}:N",
                title=t("Brand"),
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
            ),
            tooltip=[
                alt.Tooltip("period_start:T", title=t("From"), format="%d %b %Y"),
                alt.Tooltip(f"{models.BRAND}:N"),
                alt.Tooltip("n_posts:Q", title=t("Stories")),
                alt.Tooltip("share:Q", format=".1%"),
            ],
        )
        .properties(height=260)
    )


def voice_marks() -> dict[str, str]:
    """Column of the voice table -> its name on the chart, in the chart's order, in the
    current language."""
    return {
        "share_informal": t("Informal address"),
        "share_emoji": t("Emoji"),
        "share_exclamation": t("Exclamation"),
        "share_question": t("Question"),
        "share_cta": t("Call to action"),
        "share_hashtags": t("Hashtags"),
        "share_mentions": t("Mentions"),
        "share_links": t("Links"),
    }


VOICE_MARKS = _Words(voice_marks)  # the same, looked up at each use
VOICE = "voice"  # a brand x mark cell of the voice chart


def voice_chart(table: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """Share of each brand's posts with each mark of voice, brands as columns (ours first),
    marks as rows; the figure in each cell."""
    marks = voice_marks()
    rows = table.melt(
        id_vars=[models.BRAND], value_vars=list(marks), var_name="mark_key", value_name="share"
    ).dropna(subset=["share"])
    rows["mark"] = rows["mark_key"].map(marks)
    order = list(dict.fromkeys(table[models.BRAND]))  # the table comes ours first
    base = alt.Chart(rows).encode(
        x=alt.X(f"{models.BRAND}:N", sort=order, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("mark:N", sort=list(marks.values()), title=None),
    )
    cells = base.mark_rect().encode(
        color=alt.Color("share:Q", title=t("Share of posts"), scale=alt.Scale(scheme="purples", domain=[0, 1]),
                        legend=SHARE_LEGEND_BESIDE),
        tooltip=[alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")), alt.Tooltip("mark:N", title=t("Mark")),
                 alt.Tooltip("share:Q", title=t("Share of posts"), format=".0%")],
    )  # fmt: skip
    figures = base.mark_text(fontSize=13).encode(
        text=alt.Text("share:Q", format=".0%"),
        color=alt.condition("datum.share > 0.55", alt.value("white"), alt.value("black")),
    )
    return (cells + figures).properties(width=alt.Step(110), height=alt.Step(34))


PARTNER = "partner"  # a brand x account cell of the partner chart


def partner_chart(table: pd.DataFrame, n: int = 20) -> alt.Chart:
    """Brand <-> partner: the n partners named in most posts as rows, brands as columns, a dot
    sized by posts; shared partners show as rows with several dots. Click one to see its posts."""
    top = (
        table.assign(_k=table["account"].str.lower())
        .groupby("_k")["n_posts"]
        .sum()
        .sort_values(ascending=False)
        .head(n)
        .index
    )
    several, one = t("several brands"), t("one brand")  # legend entries: in the data and the scale
    rows = table[table["account"].str.lower().isin(top)].assign(
        named=lambda frame: frame["shared"].map({True: several, False: one})
    )
    order = (
        rows.assign(_k=rows["account"].str.lower())
        .groupby("account")["n_posts"]
        .sum()
        .sort_values(ascending=False)
        .index.tolist()
    )
    pick = alt.selection_point(name=PARTNER, fields=[models.BRAND, "account"])
    return (
        alt.Chart(rows)
        .mark_circle()
        .encode(
            x=alt.X(f"{models.BRAND}:N", title=None, axis=alt.Axis(orient="top", labelAngle=0)),
            y=alt.Y("account:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),  # whole handles
            size=alt.Size("n_posts:Q", title=t("Posts"), scale=alt.Scale(range=[40, 900])),
            color=alt.Color("named:N", title=t("Named by"), scale=alt.Scale(domain=[several, one],
                            range=["#e45756", "#4c78a8"])),
            opacity=alt.OpacityValue(0.5, condition={"param": pick.name, "value": 1.0}),
            tooltip=[alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")), alt.Tooltip("account:N", title=t("Partner")),
                     alt.Tooltip("kind:N", title=t("Kind")), alt.Tooltip("n_posts:Q", title=t("Posts")),
                     alt.Tooltip("first_seen:T", title=t("First seen"), format="%Y-%m-%d"),
                     alt.Tooltip("last_seen:T", title=t("Last seen"), format="%Y-%m-%d"),
                     alt.Tooltip("named_by:N", title=t("Named by"))],
        )
        .add_params(pick)
        .properties(width=alt.Step(110), height=alt.Step(24))
    )  # fmt: skip


CAMPAIGN = "campaign"  # a bar of the campaign timeline
CAMPAIGN_COLOURS = {"contest": "#e45756", "promotion": "#f58518", "event": "#54a24b", "launch": "#4c78a8"}


def campaign_timeline(campaigns: pd.DataFrame, own_brand: str | None = None) -> alt.Chart:
    """One row per brand (ours first), a bar per campaign from its first to its last post,
    coloured by kind; click a bar to see the posts behind it."""
    rows = campaigns.drop(columns=["post_ids"], errors="ignore").copy()
    rows["end_shown"] = rows["end"] + pd.Timedelta(days=1)  # a one-day campaign still shows
    brands = list(
        dict.fromkeys(
            ([own_brand] if own_brand in set(rows[models.BRAND]) else []) + sorted(rows[models.BRAND])
        )
    )
    pick = alt.selection_point(name=CAMPAIGN, fields=["campaign"])
    long = not rows.empty and rows["end"].max() - rows["start"].min() > pd.Timedelta(days=300)
    date_format = "%b %Y" if long else "%b %d"  # years of posts need the year on the axis
    return (
        alt.Chart(rows)
        .mark_bar(cornerRadius=2)
        .encode(
            x=alt.X("start:T", title=None, axis=alt.Axis(format=date_format)),
            x2="end_shown:T",
            y=alt.Y(f"{models.BRAND}:N", sort=brands, title=None),
            yOffset=alt.YOffset("kind:N", sort=list(CAMPAIGN_COLOURS)),  # kinds side by side, never on top
            color=alt.Color("kind:N", title=t("Kind"), scale=alt.Scale(domain=list(CAMPAIGN_COLOURS),
                            range=list(CAMPAIGN_COLOURS.values()))),
            opacity=alt.OpacityValue(0.55, condition={"param": pick.name, "value": 1.0}),
            tooltip=[alt.Tooltip(f"{models.BRAND}:N", title=t("Brand")), alt.Tooltip("name:N", title=t("Campaign")),
                     alt.Tooltip("kind:N", title=t("Kind")), alt.Tooltip("start:T", title=t("From"), format="%Y-%m-%d"),
                     alt.Tooltip("end:T", title=t("To"), format="%Y-%m-%d"), alt.Tooltip("n_posts:Q", title=t("Posts")),
                     alt.Tooltip("channels:N", title=t("Channels")), alt.Tooltip("cues:N", title=t("Cues"))],
        )
        .add_params(pick)
        .properties(height=alt.Step(12))
    )  # fmt: skip
