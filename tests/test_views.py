"""View state <-> URL query params."""

from datetime import date

from monitor.views import ViewState, from_query_params, to_query_params
from monitor.volume import PostFilter

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
