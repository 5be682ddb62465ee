"""Chart specs (monitor/charts.py): what the axes say."""

import pandas as pd

from monitor.charts import topic_lines_chart


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
