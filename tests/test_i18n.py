"""English and Slovenian: one catalogue per language (monitor/i18n/*.po) holding every message
the code marks, Slovenian's four plural forms, CLDR dates and numbers, the dashboard's language
switch kept in the URL, and a CLI that stays English."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from monitor import i18n
from monitor.i18n import catalogue, t, tn
from tests.paths import ROOT


def test_every_marked_message_is_in_both_catalogues_with_its_fields():
    messages = catalogue.extract()
    assert len(messages) > 400  # the pages, the report, the charts and feeds.yaml's errors
    missing = (
        catalogue.unmarkable_calls() + catalogue.problems("en", messages) + catalogue.problems("sl", messages)
    )
    assert not missing, "\n".join(missing[:20]) + "\nRun: python -m monitor.i18n.catalogue, then translate"


def test_the_check_finds_a_message_missing_from_a_catalogue_or_a_field_lost(tmp_path, monkeypatch):
    (tmp_path / "monitor").mkdir()
    (tmp_path / "monitor" / "page.py").write_text(
        "from monitor.i18n import t, tn\n"
        't("Posts")\n'
        't("A message nobody translated")\n'
        't("{brand} posted most", brand="x")\n'
        'tn("{n} post", "{n} posts", 3)\n'
        "t(f'{1} built at run time')\n"
        't("{who} said", who=str(t("nobody")))\n'
        "f'{t(\"Inside\")}'\n",
        encoding="utf-8",
    )
    messages = catalogue.extract(tmp_path)
    assert "A message nobody translated" in messages and ("{n} post", "{n} posts") in messages
    unmarkable = catalogue.unmarkable_calls(tmp_path)
    assert "monitor/page.py:6: t() needs a plain string" in unmarkable
    assert any(line.startswith("monitor/page.py:7: 'nobody' is not extracted") for line in unmarkable), (
        unmarkable
    )
    assert any(line.startswith("monitor/page.py:8: t() inside an f-string") for line in unmarkable), (
        unmarkable
    )
    messages = {key: m for key, m in messages.items() if key in ("Posts", "A message nobody translated",
                "{brand} posted most", ("{n} post", "{n} posts"))}  # fmt: skip
    (tmp_path / "sl.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Posts"\nmsgstr "Objave"\n\n'
        'msgid "{brand} posted most"\nmsgstr "Največ objav: {znamka}"\n\n'
        'msgid "{n} post"\nmsgid_plural "{n} posts"\nmsgstr[0] "{n} objava"\nmsgstr[1] "{n} objavi"\n'
        'msgstr[2] ""\nmsgstr[3] "{n} objav"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogue, "catalogue_path", lambda code: tmp_path / f"{code}.po")
    found = catalogue.problems("sl", messages)
    assert len(found) == 3, found
    assert "lacks monitor/page.py:3: 'A message nobody translated'" in found[0]
    assert "fields of" in found[1] and "{znamka}" in found[1]
    assert "4 form(s) needed" in found[2]


@pytest.mark.parametrize(
    ("n", "word"),
    [(1, "objava"), (2, "objavi"), (3, "objave"), (4, "objave"), (5, "objav"), (11, "objav"),
     (101, "objava"), (102, "objavi"), (104, "objave"), (1000, "objav")],
)  # fmt: skip
def test_slovenian_counts_take_their_plural_form(n, word):
    with i18n.using("sl"):
        said = tn(
            "New topic: {topic}, {posts} post.", "New topic: {topic}, {posts} posts.", n, topic="5G", posts=n
        )
    assert said == f"Nova tema: 5G, {n} {word}."
    with i18n.using("en"):
        said = tn(
            "New topic: {topic}, {posts} post.", "New topic: {topic}, {posts} posts.", n, topic="5G", posts=n
        )
    assert said.endswith(f"{n} post.") if n == 1 else said.endswith(f"{n} posts.")


def test_dates_and_numbers_follow_the_language():
    with i18n.using("sl"):
        assert i18n.day(date(2026, 12, 4)) == "4. december 2026"
        assert i18n.number(1234.5, 1) == "1.234,5"
        assert i18n.percent(0.42) == "42\u00a0%"
        assert t("Share of voice") == "Delež glasu"
    with i18n.using("en"):
        assert i18n.day(date(2026, 12, 4)) == "4 December 2026"
        assert i18n.number(1234.5, 1) == "1,234.5"
        assert t("Share of voice") == "Share of voice"
    assert i18n.language() == "en"  # the block's language ends with it


def test_an_unknown_language_is_english():
    with i18n.using("xx"):
        assert i18n.language() == "en"


def test_the_cli_stays_english_when_the_dashboard_speaks_slovenian(tmp_path):
    config = tmp_path / "feeds.yaml"
    config.write_text(
        "settings:\n  language: sl\n  timezone: Nowhere/Zone\nbrands:\n  - name: A\n    own: true\n"
        "    feeds:\n      - {name: a, kind: rss, path: a.xml, channel: blog}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "monitor", "status", "--config", str(config)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "settings.timezone" in done.stderr and "Fix:" in done.stderr and "Rešitev" not in done.stderr


# --- the dashboard --------------------------------------------------------------------------

PAGES = [
    "overview",
    "trends",
    "topics",
    "differentiation",
    "cadence",
    "voice",
    "partners",
    "campaigns",
    "feeds",
]


def app(**params: str) -> AppTest:
    test = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        test.query_params[key] = value
    return test.run()


def test_the_link_chooses_slovenian_and_the_switch_goes_back_to_english(app_env):
    shown = app(ui="sl")
    assert not shown.exception, shown.exception
    assert [title.value for title in shown.title] == ["Pregled"]
    switch = shown.sidebar.get("button_group")[0]
    assert switch.value == "sl"
    switch.set_value("en").run()
    assert [title.value for title in shown.title] == ["Overview"]
    assert "ui" not in shown.query_params  # English is this file's default: the link stays short


def test_settings_language_is_the_default_and_english_then_goes_into_the_link(app_env):
    config = Path(app_env) / "feeds.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("settings:\n", "settings:\n  language: sl\n", 1),
                      encoding="utf-8")  # fmt: skip
    shown = app()
    assert [title.value for title in shown.title] == ["Pregled"]
    shown.sidebar.get("button_group")[0].set_value("en").run()
    assert [title.value for title in shown.title] == ["Overview"]
    assert shown.query_params["ui"] in ("en", ["en"])


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_slovenian(app_env, page):
    shown = app(ui="sl")
    shown.switch_page(f"app_pages/{page}.py").run()
    assert not shown.exception, shown.exception
    title = shown.title[0].value if shown.title else ""
    with i18n.using("en"):
        english = {"overview": "Overview", "trends": "Trends", "topics": "Topics", "feeds": "Feeds"}.get(page)
    assert title and title != english


def test_a_chart_png_is_drawn_in_the_language_of_the_page_it_was_offered_on(monkeypatch):
    # The PNG is made on click, after the page's run, where the language is the default again.
    import altair as alt

    from app_pages import ui

    drawn: list[str] = []
    monkeypatch.setattr(ui, "_png", lambda spec: drawn.append(spec) or b"png")
    chart = alt.Chart(pd.DataFrame({"day": ["2026-11-02"], "n": [1.5]})).mark_bar().encode(x="day:T", y="n:Q")
    assert ui._png_in("sl", chart) == b"png" and ui._png_in("en", chart) == b"png"
    slovenian, english = (json.loads(spec) for spec in drawn)
    assert slovenian["config"]["locale"]["number"]["decimal"] == ","
    assert "locale" not in english.get("config", {})
