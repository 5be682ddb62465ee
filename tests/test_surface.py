"""Terms shown in the spelling the posts use."""

from monitor.topics.surface import readable, surface_forms


def test_folded_terms_get_their_accents_back():
    forms = surface_forms(["Paketi za družine in mlade", "Nove družine, stare navade", "druzine"])
    assert readable("druzine", forms) == "družine"
    assert readable("mladi · druzine", forms) == "mladi · družine"


def test_bigrams_and_unknown_words_are_kept():
    forms = surface_forms(["Naši svetovalci so tu"])
    assert readable("nasi svetovalci", forms) == "naši svetovalci"
    assert readable("5g", forms) == "5g"


def test_names_keep_the_capitals_people_write_mid_sentence():
    forms = surface_forms(
        ["Selon Macron, la", "Le président Macron parle", "DEMAIN DANS LE CANARD", "on mange chez KFC"]
    )
    assert readable("macron · kfc · demain", forms) == "Macron · KFC · demain"
