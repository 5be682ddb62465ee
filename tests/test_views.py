"""View state <-> URL query params."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as hypothesis_st

from monitor.analysis.volume import PostFilter
from monitor.output.url_state import ViewState, focus_topic, from_query_params, to_query_params

BRANDS = ["Lipa Mobil", "Alpcom"]
CHANNELS = ["blog", "instagram"]


def roundtrip(state: ViewState) -> ViewState:
    params = to_query_params(state)
    as_lists = {key: value if isinstance(value, list) else [value] for key, value in params.items()}
    return from_query_params(
        as_lists, brands=BRANDS, channels=CHANNELS, languages=["sl", "en"], topics=[3, 7]
    )


def test_a_full_view_survives_the_url():
    state = ViewState(
        PostFilter(date(2026, 3, 1), date(2026, 5, 31), ("Alpcom",), ("instagram",), ("sl",), (7,)),
        mode="meeting",
        grain="day",
    )
    assert roundtrip(state) == state


def test_defaults_make_an_empty_query_string():
    assert to_query_params(ViewState()) == {}


def test_unknown_values_from_an_old_link_are_dropped():
    state = from_query_params(
        {"brand": ["Gone Brand", "Alpcom"], "topic": ["99", "3"], "from": ["not-a-date"], "mode": ["party"]},
        brands=BRANDS,
        topics=[3],
    )
    assert state.filters.brands == ("Alpcom",)
    assert state.filters.topics == (3,)
    assert state.filters.start is None
    assert state.mode == "explore"


def test_a_reversed_date_range_in_a_link_is_read_the_right_way_round():
    state = from_query_params({"from": ["2026-05-31"], "to": ["2026-03-01"]})
    assert (state.filters.start, state.filters.end) == (date(2026, 3, 1), date(2026, 5, 31))


@pytest.mark.parametrize("value", ["²", "٣", "9" * 5000, "-3", "+3", " 3", "3.0", "", None, "99"])
def test_a_malformed_or_stale_focus_opens_no_topic(value):
    # "²" and "٣" pass str.isdigit() (int("²") raises, int("٣") is 3); int() of 5,000 digits raises.
    assert focus_topic(value, [3, 7]) is None


def test_a_focus_naming_a_listed_topic_opens_it():
    assert focus_topic("7", [3, 7]) == 7
    assert focus_topic("07", [3, 7]) == 7


@given(hypothesis_st.text(max_size=6000))
def test_focus_never_raises(value):
    assert focus_topic(value, range(10)) in (None, *range(10))
