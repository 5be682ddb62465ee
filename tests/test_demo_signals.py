"""The demo market's planted partners, new influencer and campaigns are what `export` finds, and
nothing else is flagged: fetched and exported through the CLI as a user would, then compared
with the generator's answer keys (data/demo/truth_partners.csv, truth_campaigns.csv)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.demo_cli import monitor
from tests.paths import ROOT

DEMO = ROOT / "data" / "demo"


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> dict[str, pd.DataFrame]:
    folder = tmp_path_factory.mktemp("demo_signals")
    monitor("fetch", "--quiet", "--db", str(folder / "demo.db"))
    monitor("export", "--db", str(folder / "demo.db"), "--output", str(folder / "out"))
    (folder / "flags.txt").write_text(monitor("flags", "--db", str(folder / "demo.db")), encoding="utf-8")
    tables = {
        path.stem: pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)
        for path in (folder / "out").glob("*.csv")
    }
    # A cell that starts with "@" is written as "'@..." so no spreadsheet runs it as a formula.
    tables = {name: table.map(lambda v: v[1:] if v.startswith("'@") else v) for name, table in tables.items()}
    tables["flags_command"] = pd.DataFrame(
        {"line": (folder / "flags.txt").read_text(encoding="utf-8").splitlines()}
    )
    return tables


@pytest.fixture(scope="module")
def truth_partners() -> pd.DataFrame:
    return pd.read_csv(DEMO / "truth_partners.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def truth_campaigns() -> pd.DataFrame:
    return pd.read_csv(DEMO / "truth_campaigns.csv", dtype=str, keep_default_na=False)


pytestmark = pytest.mark.slow


def test_every_planted_partner_is_found_with_its_numbers(export, truth_partners):
    found = export["partners"].assign(key=lambda t: t["account"].str.lower())
    found = found.set_index(["brand", "key"])
    missing, wrong = [], []
    for row in truth_partners.itertuples(index=False):
        key = (row.brand, "@" + row.account.lower())
        if key not in found.index:
            missing.append(key)
            continue
        got = found.loc[key]
        expected = (int(row.n_posts), row.first_utc[:10], row.last_utc[:10])
        numbers = (int(got["n_posts"]), got["first_seen"][:10], got["last_seen"][:10])
        if numbers != expected:
            wrong.append((key, expected, numbers))
    assert not missing, f"planted partners not found: {missing}"
    assert not wrong, f"(partner, planted, found): {wrong}"


def test_shared_partners_are_shared_and_exclusive_ones_are_not(export, truth_partners):
    brands_per_account = truth_partners.groupby("account")["brand"].nunique()
    found = export["partners"].assign(key=lambda t: t["account"].str.lower().str.lstrip("@"))
    planted = found[found["key"].isin(brands_per_account.index)]
    expected = planted["key"].map(brands_per_account > 1)
    assert (planted["shared"] == expected.map(str)).all()
    assert (brands_per_account > 1).sum() >= 2, "the demo plants at least two shared partners"


def test_the_new_influencer_is_the_only_new_partner_flag(export, truth_partners):
    new = truth_partners[truth_partners["planted"] == "new"]
    flags = export["partner_flags"]
    assert len(new) >= 1
    assert sorted(zip(flags["brand"], flags["topic_label"].str.lower(), strict=True)) == sorted(
        zip(new["brand"], "@" + new["account"].str.lower(), strict=True)
    )
    for row in new.itertuples(index=False):
        flag = flags[flags["topic_label"].str.lower() == "@" + row.account.lower()].iloc[0]
        assert int(flag["window_count"]) >= 3 and int(flag["baseline_count"]) <= 1
        assert row.brand in flag["explanation"] and f"{flag['window_count']} posts" in flag["explanation"]


def test_every_planted_campaign_is_found_as_one_campaign(export, truth_campaigns):
    guid_of = dict(zip(export["posts"]["post_id"], export["posts"]["guid"], strict=True))
    campaigns = export["campaigns"]
    found = [
        (row.brand, row.kind, {guid_of[p] for p in row.post_ids.split("; ") if p})
        for row in campaigns.itertuples(index=False)
    ]
    misses = []
    for row in truth_campaigns.itertuples(index=False):
        planted = set(row.post_source_ids.split(";"))
        best = max(
            (len(planted & posts) for brand, kind, posts in found if brand == row.brand and kind == row.kind),
            default=0,
        )
        if best < len(planted):  # every planted post in one detected campaign of its brand and kind
            misses.append((row.campaign, f"{best} of {len(planted)} posts in one campaign"))
    assert not misses, misses


def test_only_the_planted_competitor_campaign_start_is_flagged(export, truth_campaigns):
    last = pd.Timestamp("2026-11-22T23:00Z")
    recent = truth_campaigns[
        (pd.to_datetime(truth_campaigns["start_utc"]) > last - pd.Timedelta(days=14))
        & (truth_campaigns["brand"] != "Lipa Mobil")
    ]
    flags = export["campaign_flags"]
    assert len(recent) >= 1
    assert sorted(flags["brand"]) == sorted(recent["brand"])
    for row in recent.itertuples(index=False):
        flag = flags[flags["brand"] == row.brand].iloc[0]
        assert flag["window_start"] == row.start_utc[:10]
        assert row.hashtag.lower() in flag["explanation"].lower()


def test_the_fetch_records_both_new_flags_with_the_trend_flags(export):
    """The fetch stores partner and campaign flags on the alerts' path: `flags` lists them."""
    lines = export["flags_command"]["line"]
    partner = lines[lines.str.contains("new partner")]
    campaign = lines[lines.str.contains(" campaign ") & lines.str.contains("started a")]
    assert len(partner) == 1 and "@neja.tech" in partner.iloc[0]
    assert len(campaign) == 1 and "DravaNet" in campaign.iloc[0]
    assert lines.str.contains("rising|spike|new ", regex=True).any()  # the trend flags still there
