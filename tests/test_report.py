"""The weekly report (`python -m monitor report`, monitor/output/report.py) on the bundled demo,
made as a user would make it: every number in the file is read back from `export` run with the
same filters, the file is the same byte for byte when made again, and it opens offline in
Chromium with no request and prints to A4."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from monitor import i18n
from monitor.output import report
from tests.demo_cli import monitor, read_export

WEEK = ("2026-11-16", "2026-11-22")  # the demo's last week (settings.as_of: 2026-11-22)
PREVIOUS = ("2026-11-09", "2026-11-15")
BRANDS = ("Lipa Mobil", "DravaNet")
CREATED = re.compile(r"<p class=created>.*?</p>\n")
# A cell that starts with = + - @ is written as "'@..." so no spreadsheet runs it as a formula.
GUARDED = re.compile(r"^'(?=[=+\-@])")


class Numbers(HTMLParser):
    """The marked numbers of a report (span.n with where they come from), and its other text,
    outside names, days and styles: there no digit may stand."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.numbers: list[dict] = []
        self.other_text: list[str] = []
        self._stack: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("meta", "img", "br", "link"):
            return
        self._stack.append((tag, dict(attrs)))
        if tag == "span" and dict(attrs).get("class") == "n":
            self.numbers.append({**dict(attrs), "text": ""})

    def handle_endtag(self, tag):
        while self._stack and self._stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        inside = [(tag, attrs.get("class")) for tag, attrs in self._stack]
        if ("span", "n") in inside:
            self.numbers[-1]["text"] += data
        elif not any(tag in ("style", "time", "title") or cls == "name" for tag, cls in inside):
            self.other_text.append(data)


def parse(text: str) -> Numbers:
    numbers = Numbers()
    numbers.feed(text)
    return numbers


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    monitor("fetch", "--quiet", "--db", str(folder / "demo.db"))
    return folder


def exports(folder: Path, brands: tuple[str, ...] = ()) -> dict[str, dict[str, pd.DataFrame]]:
    """The three exports a report stands on, made with the CLI and the report's filters."""
    chosen = [arg for brand in brands for arg in ("--brand", brand)]
    runs = {
        report.PERIOD: ["--since", WEEK[0], "--until", WEEK[1]],
        report.PREVIOUS: ["--since", PREVIOUS[0], "--until", PREVIOUS[1]],
        report.HISTORY: ["--until", WEEK[1]],
    }
    found = {}
    for name, days in runs.items():
        out = folder / f"export-{name}-{len(brands)}"
        monitor("export", "--db", str(folder / "demo.db"), "--output", str(out), *days, *chosen)
        found[name] = read_export(out)
    return found


def made(folder: Path, name: str, *options: str) -> str:
    path = folder / name
    monitor("report", "--db", str(folder / "demo.db"), "--week", "2026-W47", "--output", str(path), *options)
    return path.read_text(encoding="utf-8")


def expected_text(number: dict, tables: dict[str, dict[str, pd.DataFrame]]) -> str:
    which, name = number["data-src"].split("/")
    rows = tables[which][name]
    for column, value in json.loads(number["data-row"]).items():
        if column.endswith(">="):  # "from this day on" (ISO days sort as text)
            rows = rows[rows[column[:-2]] >= value]
        else:
            rows = rows[rows[column].map(lambda v: GUARDED.sub("", v)).map(_key_text) == value]
    column, agg = number["data-col"], number["data-agg"]
    if agg == "rows":
        value = len(rows)
    elif agg == "sum":
        value = rows[column].astype(float).sum()
    else:
        assert len(rows) == 1, (number, len(rows))
        value = float(rows[column].iloc[0] or 0)
    return report.FORMATS[number["data-fmt"]](value)


def _key_text(value: str) -> str:
    """A key as the CSV writes it and the report names it: 14.0 and 14 are one topic id."""
    return value[:-2] if re.fullmatch(r"-?\d+\.0", value) else value


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "brands"), [("en", ()), ("sl", ()), ("en", BRANDS)], ids=["en", "sl", "two-brands"]
)
def test_every_number_in_the_report_is_the_exports_for_the_same_filters(demo, language, brands):
    chosen = [arg for brand in brands for arg in ("--brand", brand)]
    text = made(demo, f"report-{language}-{len(brands)}.html", "--language", language, *chosen)
    tables = exports(demo, brands)
    found = parse(text)
    assert len(found.numbers) > 80, len(found.numbers)  # every section has its figures
    with i18n.using(language):
        wrong = [
            (n, expected_text(n, tables)) for n in found.numbers if n["text"] != expected_text(n, tables)
        ]
    assert not wrong, wrong[:5]
    stray = [piece for piece in found.other_text if re.search(r"\d", piece)]
    assert not stray, stray  # every figure shown is one of the marked, checked numbers
    sources = {n["data-src"] for n in found.numbers}
    assert {"period/share_of_voice", "previous/share_of_voice", "history/flags", "period/posts"} <= sources


@pytest.mark.slow
def test_the_report_tells_the_demos_planted_stories(demo):
    text = made(demo, "report-story.html")
    assert "telefona eSIM · potovalni" in text  # the rising topic, a flag of the week
    assert "@neja.tech" in text  # the new influencer, flagged
    assert "#DravaBlackFriday" in text  # the competitor's campaign of the week
    for section in report.SECTIONS:
        assert f'<section id="{section}">' in text
    monitor("report", "--db", str(demo / "demo.db"), "--week", "2026-W46", "--output", str(demo / "w46.html"))
    new = (
        (demo / "w46.html").read_text(encoding="utf-8").split('<section id="new">')[1].split("</section>")[0]
    )
    assert "#DravaBlackFriday" in new  # it began that week


@pytest.mark.slow
def test_the_report_is_the_same_file_when_made_again(demo):
    first = made(demo, "again-1.html", "--language", "sl")
    second = made(demo, "again-2.html", "--language", "sl")
    assert len(CREATED.findall(first)) == 1  # the one line that may differ
    assert CREATED.sub("", first) == CREATED.sub("", second)


@pytest.mark.slow
def test_a_slovenian_report_speaks_slovenian(demo):
    text = made(demo, "report-sl.html", "--language", "sl")
    assert '<html lang="sl">' in text
    assert "16. november 2026" in text and "22. november 2026" in text
    assert "Delež glasu" in text
    assert re.search(r"\d+</span> objav", text)  # a count with its plural form
    assert "posts" not in re.sub(r"<[^>]+>", " ", text)  # no English word for posts left


@pytest.mark.browser
@pytest.mark.slow
def test_the_report_opens_offline_in_chromium_and_prints_to_a4(demo, browser):
    path = demo / "report-browser.html"
    made(demo, path.name)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests, failed, errors = [], [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri(), wait_until="load")
    assert [url for url in requests if not url.startswith("data:")] == [path.as_uri()]
    assert not failed and not errors, (failed, errors)
    sizes = page.eval_on_selector_all("img.chart", "images => images.map(i => [i.complete, i.naturalWidth])")
    assert len(sizes) >= 3 and all(done and width > 0 for done, width in sizes), sizes
    # A4 at 96 px per inch, less the page's margins: no chart or table may run past it.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})
    overflow = page.eval_on_selector_all(
        "img.chart, table", "items => items.map(i => i.getBoundingClientRect().right).filter(r => r > 718.5)"
    )
    assert not overflow, overflow
    pdf = page.pdf(format="A4", print_background=True)
    page.close()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
    (demo / "report.pdf").write_bytes(pdf)


# --- without the demo -----------------------------------------------------------------------


def test_a_week_is_read_as_iso_weeks_and_a_wrong_one_says_the_form():
    assert report.iso_week("2026-W47") == (
        pd.Timestamp("2026-11-16").date(),
        pd.Timestamp("2026-11-22").date(),
    )
    assert report.iso_week("2026-w01")[0].isoformat() == "2025-12-29"
    with pytest.raises(ValueError, match="YYYY-Www"):
        report.iso_week("2026-47")
    assert report.previous_period(*report.iso_week("2026-W47"))[0].isoformat() == "2026-11-09"


def tiny_exports(brand: str, topic: str) -> dict[str, pd.DataFrame]:
    shares = pd.DataFrame({"brand": [brand, "Ours"], "n_posts": [3, 1], "share": [0.75, 0.25]})
    weekly = shares.assign(period_start="2026-11-16")
    classes = pd.DataFrame(
        {"topic_id": [1], "topic_label": [topic], "class": ["gap"], "own_share": [0.0],
         "n_competitors_covering": [1], "max_competitor_share": [0.5]}
    )  # fmt: skip
    return {"share_of_voice": shares, "share_of_voice_week": weekly, "differentiation": classes}


def test_names_from_the_feeds_are_text_in_the_file_and_in_meeting_mode():
    hostile = "<script>alert(1)</script> **b** $x$ [l](http://127.0.0.1:1/x)"
    tables = tiny_exports(hostile, hostile)
    request = report.Request(*report.iso_week("2026-W47"), own_brand="Ours")
    model = report.build_report(request, tables, {}, tables)
    text = report.render_html(model, svg=lambda chart: "<svg/>")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert report.CSP in text  # and were something missed, the page may load nothing and run nothing
    strict = report.build_report(request, tables, {}, tables, for_markdown=True)
    shown = " ".join(fact for section in strict.sections for fact in section.facts + section.tables)
    names = re.findall(r'<span class="name">(.*?)</span>', shown)
    assert any("script" in name for name in names)
    assert all(re.fullmatch(r"(?:[^!-/:-@\[-`{-~]|&#\d+;)*", name) for name in names), names


def test_empty_sections_say_what_is_missing():
    request = report.Request(*report.iso_week("2026-W47"), own_brand="Ours")
    model = report.build_report(request, {}, {}, {})
    assert all(section.empty for section in model.sections if not section.facts and not section.tables)
    text = report.render_html(model, svg=lambda chart: "<svg/>")
    assert text.count("class=empty") >= 5


def test_only_a_week_is_called_a_weekly_report():
    week = report.build_report(report.Request(*report.iso_week("2026-W47"), own_brand="Ours"), {}, {}, {})
    months = report.Request(pd.Timestamp("2026-09-01").date(), pd.Timestamp("2026-11-02").date(), "Ours")
    assert week.title == "Weekly competitor report"
    assert report.build_report(months, {}, {}, {}).title == "Competitor report"


def _stored(published: list[str], last_fetch: str | None):
    from monitor.pipeline.snapshot import Stored

    posts = pd.DataFrame({"published_at": pd.to_datetime(published, utc=True)})
    return Stored(posts, pd.DataFrame(), None, pd.Timestamp(last_fetch) if last_fetch else None)


@pytest.mark.parametrize(
    ("published", "last_fetch", "week"),
    [
        (
            ["2026-11-20T10:00Z", "2026-12-02T10:00Z"],
            "2026-12-03T08:00Z",
            "2026-W49",
        ),  # live: the week so far
        (
            ["2024-07-01T10:00Z", "2024-07-24T10:00Z"],
            "2026-12-05T08:00Z",
            "2024-W30",
        ),  # old export, fetched today
        (["2024-07-01T10:00Z", "2024-07-24T10:00Z"], None, "2024-W30"),  # never fetched
    ],
)
def test_the_default_week_is_the_last_one_with_posts(published, last_fetch, week):
    from monitor.config.settings import Config, Settings
    from monitor.pipeline.snapshot import default_week

    config = Config(Path("feeds.yaml"), Settings(timezone="Europe/Ljubljana"), ())
    assert default_week(config, _stored(published, last_fetch)) == report.iso_week(week)
