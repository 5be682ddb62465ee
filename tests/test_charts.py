"""Chart specs (monitor/output/charts.py): what the axes say."""

import json
import re

import altair as alt
import pandas as pd
import vl_convert

from monitor.output.charts import (
    MAX_PERIOD_TICKS,
    brand_map_chart,
    coverage_heatmap,
    distinctive_terms_chart,
    engagement_chart,
    inline_spec,
    share_of_voice_chart,
    topic_lines_chart,
    weekday_hour_heatmap,
    weekly_volume_chart,
)
from monitor.output.label_placement import label_box, leader_end, place_labels, text_width


def volume(values: list[float], column: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period_start": pd.date_range("2022-05-02", periods=len(values), freq="7D"),
            "topic_id": 1,
            "topic_label": "législatives · candidate",
            column: values,
        }
    )


def y_axis(chart) -> dict:
    return chart.to_dict()["encoding"]["y"].get("axis", {})


def test_story_counts_keep_plain_tick_labels():
    # An empty d3 format string labels 50 as "5e+1" in Vega.
    assert y_axis(topic_lines_chart(volume([12, 50, 30], "n_posts"))).get("format") is None


def test_shares_are_labelled_as_percentages():
    assert y_axis(topic_lines_chart(volume([0.1, 0.25], "share"), value="share"))["format"] == "%"


def x_axis(chart) -> dict:
    return chart.to_dict()["encoding"]["x"].get("axis", {})


def test_a_short_range_is_labelled_at_its_periods():
    # Three weekly points: Vega alone labelled the days between them ("Wed 04").
    axis = x_axis(topic_lines_chart(volume([5, 16, 1], "n_posts")))
    assert axis["values"] == [
        {"year": 2022, "month": 5, "date": day, "hours": 0, "minutes": 0} for day in (2, 9, 16)
    ]
    assert axis["format"] == "%-d %b"


def test_share_of_voice_ticks_each_period_once_across_brands():
    shares = volume([3, 4], "n_posts").assign(brand="A")
    both = pd.concat([shares, shares.assign(brand="B")])
    assert len(x_axis(share_of_voice_chart(both))["values"]) == 2


def test_a_long_range_keeps_vegas_own_time_ticks():
    axis = x_axis(topic_lines_chart(volume([1.0] * (MAX_PERIOD_TICKS + 1), "n_posts")))
    assert "values" not in axis and "format" not in axis


def spec_with_default_transformer(chart) -> dict:
    with alt.data_transformers.enable("default"):
        return json.loads(chart.to_json())


def test_inline_spec_carries_its_rows_whatever_transformer_is_active():
    # Streamlit switches Altair's process-wide transformer while it draws; a PNG spec made
    # on click must not pick it up (it then named data it did not carry, and the PNG hung).
    lines = topic_lines_chart(volume([12, 50, 30], "n_posts"))
    points = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    dots = alt.Chart(points).mark_point().encode(x="x:Q", y="y:Q")
    layered = alt.layer(lines, dots)
    alt.data_transformers.register("elsewhere", lambda data: {"name": "elsewhere"})
    for chart in (lines, layered, alt.hconcat(lines, dots)):
        with alt.data_transformers.enable("elsewhere"):
            spec = json.loads(inline_spec(chart))
            assert "elsewhere" in json.dumps(json.loads(chart.to_json()))  # the hazard is real
        assert spec == spec_with_default_transformer(chart)
        assert "elsewhere" not in json.dumps(spec)


def test_every_distinctive_term_keeps_its_label():
    # Vega drops "overlapping" band labels by default: every other word went missing.
    terms = pd.DataFrame(
        {
            "brand": ["Alpcom"] * 10,
            "term": [f"word {i}" for i in range(10)],
            "z": [10.0 - i for i in range(10)],
            "count_brand": 10,
            "count_others": 1,
            "rank": range(1, 11),
        }
    )
    spec = distinctive_terms_chart(terms).to_dict()["spec"]
    assert spec["encoding"]["y"]["axis"]["labelOverlap"] is False


def test_engagement_bars_keep_a_topic_label_whole():
    figures = pd.DataFrame(
        {
            "topic_label": ["sustainability · recycling"],
            "n_with_metrics": [3],
            "engagement_per_post_median": [40.0],
            "likes_total": [90],
            "comments_total": [20],
            "shares_total": [10],
            "engagement_rate": [0.02],
        }
    )
    axis = engagement_chart(figures, "topic_label", "By topic").to_dict()["encoding"]["y"]["axis"]
    assert axis["labelLimit"] >= 200  # Vega's default cut it to "sustainability · re…"


def spec_without_data(chart) -> str:
    """The spec with its datasets left out and their (content-hashed) names made neutral."""
    spec = spec_with_default_transformer(chart)
    text = json.dumps({key: value for key, value in spec.items() if key != "datasets"}, sort_keys=True)
    for place, name in enumerate(spec.get("datasets", {})):
        text = text.replace(name, f"dataset {place}")
    return text


def brand_rows(brands: list[str], column: str = "period_start") -> pd.DataFrame:
    periods = pd.date_range("2024-01-01", periods=3, freq="7D")
    return pd.DataFrame(
        [
            (period, brand, 2 + index, 0.5, 1, f"topic {index}", 0.2)
            for period in periods
            for index, brand in enumerate(brands)
        ],
        columns=[column, "brand", "n_posts", "share", "topic_id", "topic_label", "topic_share_all"],
    )


def test_a_filter_change_leaves_each_chart_spec_the_same():
    # Streamlit swaps a chart's data in place when its spec is unchanged, and rebuilds the
    # whole Vega view when it is not. Orders spelled as lists of brands or topics put the
    # filter into the spec: every filter change paid for a rebuild in the browser.
    every, some = ["Alpcom", "DravaNet", "Lipa Mobil"], ["DravaNet"]
    topics = volume([4, 9, 2], "n_posts")
    more_topics = pd.concat([topics.assign(topic_id=2, topic_label="5g", n_posts=[20, 1, 1]), topics])
    pairs = {
        "weekly volume": [
            weekly_volume_chart(brand_rows(brands, "week_start"), own_brand="DravaNet")
            for brands in (every, some)
        ],
        "share of voice": [
            share_of_voice_chart(brand_rows(brands), own_brand="DravaNet") for brands in (every, some)
        ],
        "coverage": [coverage_heatmap(brand_rows(brands), own_brand="DravaNet") for brands in (every, some)],
        "topic lines": [topic_lines_chart(frame) for frame in (topics, more_topics)],
    }
    for name, (first, second) in pairs.items():
        assert spec_without_data(first) == spec_without_data(second), name


def test_a_week_nobody_posted_in_has_no_share_of_voice():
    # Stacked as zeros, a brand posting alone fell to 0 % and back (real tweets, silent weeks).
    weeks = pd.date_range("2022-09-12", periods=3, freq="7D")
    shares = pd.DataFrame(
        {"period_start": weeks.repeat(2), "brand": ["kfc", "yum"] * 3, "n_posts": [0, 3, 0, 0, 0, 5]}
    )
    drawn = share_of_voice_chart(shares, own_brand="yum").data
    assert sorted(drawn["period_start"].unique()) == [weeks[0], weeks[2]]
    assert drawn["n_posts"].sum() == 8


def drawn_texts(chart) -> list[str]:
    """Every text Vega draws for the chart (axis labels, legend entries, titles), in order."""
    svg = vl_convert.vegalite_to_svg(inline_spec(chart))
    # A text of several lines is drawn as one tspan a line: its lines, joined by a space.
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    return [" ".join(re.findall(r"(?:^|>)([^<]+)", text)) for text in texts]


def test_the_own_brand_leads_and_topics_follow_their_size_when_drawn():
    brands = ["Alpcom", "DravaNet", "Lipa Mobil"]
    legend = drawn_texts(share_of_voice_chart(brand_rows(brands), own_brand="Lipa Mobil"))
    assert [text for text in legend if text in brands] == ["Lipa Mobil", "Alpcom", "DravaNet"]
    columns = drawn_texts(coverage_heatmap(brand_rows(brands), own_brand="DravaNet"))
    assert [text for text in columns if text in brands] == ["DravaNet", "Alpcom", "Lipa Mobil"]
    topics = pd.concat(
        [
            volume([1, 1, 1], "n_posts").assign(topic_id=1, topic_label="small"),
            volume([9, 9, 9], "n_posts").assign(topic_id=2, topic_label="large"),
            volume([5, 5, 5], "n_posts").assign(topic_id=3, topic_label="middle"),
        ]
    )
    drawn = drawn_texts(topic_lines_chart(topics))
    assert [text for text in drawn if text in ("small", "large", "middle")] == ["large", "middle", "small"]


def test_the_coverage_cell_figures_take_the_text_size_meeting_mode_configures():
    # Meeting mode enlarges text through configure_text; a size fixed on the mark would win
    # and keep the figures at 11 px on a shared screen.
    chart = coverage_heatmap(brand_rows(["Alpcom", "DravaNet"]), own_brand="DravaNet").configure_text(
        fontSize=16
    )
    svg = vl_convert.vegalite_to_svg(inline_spec(chart))
    sizes = re.findall(r'<text[^>]*text mark[^>]*font-size="(\d+)px"[^>]*>\d+%</text>', svg)
    assert sizes and set(sizes) == {"16"}


def test_the_volume_chart_by_day_counts_days_on_an_axis_of_days():
    days = pd.DataFrame(
        {"day": pd.date_range("2024-07-01", periods=3, freq="D"), "brand": "Lipa", "n_posts": 1}
    )
    spec = weekly_volume_chart(days, freq="D").to_dict()
    assert spec["title"] == "Posts per day"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["x"]["title"]) == ("day", "Day")
    assert [d["date"] for d in spec["encoding"]["x"]["axis"]["values"]] == [1, 2, 3]  # a tick a day
    assert spec["encoding"]["tooltip"][0]["field"] == "day"
    weekly = weekly_volume_chart(brand_rows(["Lipa"], "week_start")).to_dict()
    assert (weekly["title"], weekly["encoding"]["x"]["field"]) == ("Posts per week", "week_start")


EIGHT_BRANDS = [
    "Lipa Mobil",
    "Alpcom",
    "DravaNet",
    "Kras Telekom",
    "Modrival",
    "Lipa Mobil Poslovni",
    "Alpcom Business",
    "Kras Telekom Podjetja",
]


def weekday_hours(brands: list[str]) -> pd.DataFrame:
    """cadence.weekday_hour_counts' rows: every weekday x hour cell of each brand."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    return pd.DataFrame(
        [
            (brand, day, days[day], hour, (day + hour) % 5)
            for brand in brands
            for day in range(7)
            for hour in range(24)
        ],
        columns=["brand", "weekday", "weekday_name", "hour", "n_posts"],
    )


def svg_size(chart) -> tuple[float, float]:
    svg = vl_convert.vegalite_to_svg(inline_spec(chart))
    width, height = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg).groups()
    return float(width), float(height)


def test_the_hour_grid_keeps_two_columns_beside_the_sidebar_and_every_weekday_named():
    spec = weekday_hour_heatmap(weekday_hours(EIGHT_BRANDS)).to_dict()
    assert spec["columns"] == 2
    assert svg_size(weekday_hour_heatmap(weekday_hours(EIGHT_BRANDS)))[0] <= 820  # the page at 1280 px
    axis = spec["spec"]["encoding"]["y"]["axis"]
    # Streamlit's theme turns on both: Vega then hid or shifted weekday names.
    assert axis["labelOverlap"] is False and axis["labelFlush"] is False
    assert weekday_hour_heatmap(weekday_hours(["Alpcom"])).to_dict()["columns"] == 1


def coverage_of(topics: int) -> pd.DataFrame:
    return pd.DataFrame(
        [(t, f"topic {t}", brand, 3, 0.1, 0.2) for t in range(topics) for brand in EIGHT_BRANDS],
        columns=["topic_id", "topic_label", "brand", "n_posts", "share", "topic_share_all"],
    )


def coverage_legend(chart) -> dict:
    return chart.to_dict()["layer"][0]["encoding"]["color"]["legend"]


def test_the_coverage_legend_fits_beside_many_topics_and_goes_under_a_few():
    # Beside two rows of topics, the 200 px gradient ran below the plot and was cut off.
    few = coverage_legend(coverage_heatmap(coverage_of(2)))
    assert few["orient"] == "bottom" and few["direction"] == "horizontal"
    many = coverage_heatmap(coverage_of(13))
    beside = coverage_legend(many)
    assert beside.get("orient", "right") == "right" and beside["gradientLength"] <= 13 * 26
    assert coverage_legend(coverage_heatmap(coverage_of(12), step=38))["gradientLength"] <= 12 * 38


def test_every_brand_over_the_coverage_columns_is_named_on_lines_that_fit():
    axis = coverage_heatmap(coverage_of(13)).to_dict()["layer"][0]["encoding"]["x"]["axis"]
    assert axis["labelOverlap"] is False and axis["labelFlush"] is False  # Vega hid every other one
    assert set(EIGHT_BRANDS) <= set(drawn_texts(coverage_heatmap(coverage_of(3))))
    # "Kras Telekom Podjetja" over a column of ~70 px at 1280 px: one word a line.
    svg = vl_convert.vegalite_to_svg(inline_spec(coverage_heatmap(coverage_of(3))))
    assert '<tspan>Kras</tspan><tspan x="0" dy="13">Telekom</tspan>' in svg


def boxes_overlap(boxes) -> list[tuple[int, int]]:
    return [(i, j) for i, a in enumerate(boxes) for j, b in enumerate(boxes) if i < j and a.overlap(b) > 0]


def test_crowded_labels_are_placed_without_overlapping():
    # Six brands almost on one spot and two near them, as the map drew agendas that differ little.
    points = [(200, 150), (202, 151), (198, 149), (201, 148), (200, 152), (199, 150), (230, 160), (170, 140)]
    sizes = [(text_width(name, 13), 16.0) for name in EIGHT_BRANDS]
    centres = place_labels(points, sizes, 420, 300, radius=10)
    boxes = [label_box(*centre, *size) for centre, size in zip(centres, sizes, strict=True)]
    assert not boxes_overlap(boxes)
    # Labels moved away from their dot get a line to it; one right over its dot needs none.
    ends = [leader_end(p, c, s, 10) for p, c, s in zip(points, centres, sizes, strict=True)]
    assert any(ends)
    assert leader_end((100, 100), (100, 79), (60, 16), 10) is None


def test_a_lone_label_sits_over_its_dot_and_inside_the_plot():
    assert place_labels([(200, 150)], [(60, 16)], 420, 300) == [(200, 150 - 10 - 3 - 8)]
    # At the right edge, slid left to stay inside rather than cut off.
    ((x, _),) = place_labels([(415, 150)], [(120, 16)], 420, 300)
    assert x + 60 <= 420


def test_the_brand_map_offsets_each_name_from_its_dot():
    # Five brands on one spot, three near it, at the map's narrowest (MAP_WIDTH x MAP_HEIGHT).
    xs = [0.0, 0.0, 0.0, 0.0, 0.0, 0.05, 1.0, 0.1]
    points = pd.DataFrame({"brand": EIGHT_BRANDS, "x": xs, "y": [0.0] * 5 + [0.02, 0.3, -0.02]})
    spec = brand_map_chart(points, "Lipa Mobil").to_dict()
    names = spec["layer"][2]
    assert names["mark"]["dx"] == {"expr": "datum.dx"} and names["mark"]["dy"] == {"expr": "datum.dy"}
    (x0, x1), (y0, y1) = (names["encoding"][c]["scale"]["domain"] for c in ("x", "y"))
    rows = pd.DataFrame(spec["datasets"][spec["data"]["name"]])
    boxes = [
        label_box(
            (row.x - x0) / (x1 - x0) * 420 + row.dx,
            (y1 - row.y) / (y1 - y0) * 300 + row.dy,
            text_width(row.brand, 13),
            16.0,
        )
        for row in rows.itertuples()
    ]
    assert not boxes_overlap(boxes)
