"""Chart specs (monitor/output/charts.py): what the axes say."""

import json
import re

import altair as alt
import pandas as pd
import vl_convert

from monitor.output.charts import (
    MAX_PERIOD_TICKS,
    coverage_heatmap,
    distinctive_terms_chart,
    engagement_chart,
    inline_spec,
    share_of_voice_chart,
    topic_lines_chart,
    weekly_volume_chart,
)


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


def drawn_texts(chart) -> list[str]:
    """Every text Vega draws for the chart (axis labels, legend entries, titles), in order."""
    svg = vl_convert.vegalite_to_svg(inline_spec(chart))
    return re.findall(r"<text[^>]*>([^<]+)</text>", svg)


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
