"""Pure: the weekly report, from the export's tables. One self-contained HTML file (charts as
SVG made by vl-convert, no request to any server, print CSS for A4), and the same sections as
a model that meeting mode shows as its pages, so the screen and the file tell one story.

Every number shown is a cell (or a sum, or a row count) of a table `export` writes for the same
filters, and carries where it came from (data-src, data-row, data-col): a test reads each one
back from the export. Three exports feed it: the report's days ("period"), the same number of
days before ("previous": what changed) and everything up to its last day ("history": flags,
which need their baseline, and what is new)."""

from __future__ import annotations

import base64
import contextvars
import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlencode

import altair as alt
import pandas as pd

from monitor import i18n, models
from monitor.analysis.volume import PostFilter
from monitor.i18n import t, tn
from monitor.output import charts
from monitor.output.url_state import ViewState, to_query_params

Tables = Mapping[str, pd.DataFrame]  # an export: file name (without .csv) -> table
PERIOD, PREVIOUS, HISTORY = "period", "previous", "history"
TOP_POSTS = 3  # per brand
TOP_ROWS = 10  # of each ranked table
SHARE_WEEKS = 8  # weeks of share of voice in its chart, ending with the report
CHART_WIDTH = 600  # px: fits A4's printable width (~180 mm) with the page margins
SECTIONS = ("headline", "flags", "share", "coverage", "top_posts", "new", "voice", "partners", "campaigns")
PAGES = {  # section -> the dashboard page its link opens
    "headline": "overview", "flags": "trends", "share": "trends", "coverage": "differentiation",
    "top_posts": "cadence", "new": "topics", "voice": "voice", "partners": "partners", "campaigns": "campaigns",
}  # fmt: skip


@dataclass(frozen=True)
class Request:
    """What a report covers: days, filters, language, and where links point."""

    since: date
    until: date
    own_brand: str
    brands: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    language: str = i18n.DEFAULT_LANGUAGE
    dashboard_url: str = "http://127.0.0.1:8501"
    timezone: str = "UTC"  # of days: what began "in these days"
    created: datetime | None = None  # shown once; the rest of the file is the same for the same data

    @property
    def previous(self) -> tuple[date, date]:
        return previous_period(self.since, self.until)

    def link(self, page: str) -> str:
        """The live view of this report's filters on `page`."""
        state = ViewState(PostFilter(self.since, self.until, self.brands, self.channels))
        params = to_query_params(state)
        if self.language != i18n.DEFAULT_LANGUAGE:
            params["ui"] = self.language
        return f"{self.dashboard_url.rstrip('/')}/{page}?{urlencode(params, doseq=True)}"


def iso_week(text: str) -> tuple[date, date]:
    """ "2026-W48" -> its Monday and Sunday; ValueError that says the form otherwise."""
    try:
        year, week = text.upper().split("-W")
        monday = date.fromisocalendar(int(year), int(week), 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a week: write YYYY-Www, e.g. 2026-W48") from exc
    return monday, monday + timedelta(days=6)


def week_of(day: date) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def previous_period(since: date, until: date) -> tuple[date, date]:
    """The same number of days just before: what "changed since the previous report" compares."""
    days = (until - since).days + 1
    return since - timedelta(days=days), since - timedelta(days=1)


# --- numbers and words, marked --------------------------------------------------------------


FORMATS: dict[str, Callable[[float], str]] = {
    "count": lambda v: i18n.number(int(v)),
    "share": lambda v: i18n.percent(float(v)),
    "decimal": lambda v: i18n.number(float(v), 1),
    "factor": lambda v: f"{i18n.number(float(v), 1)}×",
}


@dataclass(frozen=True)
class Cell:
    """A number of the report and where the export has it: `source` is "period/share_of_voice"
    (which export, which file), `row` the columns that find its row, `agg` "cell", "sum" (of the
    column over the rows matching `row`) or "rows" (how many rows match)."""

    value: float
    source: str
    row: tuple[tuple[str, str], ...]
    column: str = ""
    fmt: str = "count"
    agg: str = "cell"

    def html(self) -> str:
        attributes = {
            "class": "n",
            "data-src": self.source,
            "data-row": json.dumps(dict(self.row), ensure_ascii=False, sort_keys=True),
            "data-col": self.column,
            "data-agg": self.agg,
            "data-fmt": self.fmt,
        }
        shown = "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in attributes.items())
        return f"<span{shown}>{_esc(FORMATS[self.fmt](self.value))}</span>"


def cell(
    table: pd.DataFrame, source: str, index, keys: tuple[str, ...], column: str, fmt: str = "count"
) -> Cell:
    """Cell of row `index` of table, found again by its `keys` columns."""
    row = table.loc[index]
    return Cell(_number(row[column]), source, tuple((k, _key(row[k])) for k in keys), column, fmt)


def total(table: pd.DataFrame, source: str, column: str, where: Mapping[str, str] | None = None) -> Cell:
    rows = _where(table, where)
    return Cell(
        _number(rows[column].sum()), source, tuple(sorted((where or {}).items())), column, "count", "sum"
    )


def n_rows(table: pd.DataFrame, source: str, where: Mapping[str, str] | None = None) -> Cell:
    return Cell(len(_where(table, where)), source, tuple(sorted((where or {}).items())), "", "count", "rows")


def _where(table: pd.DataFrame, where: Mapping[str, str] | None) -> pd.DataFrame:
    keep = pd.Series(True, index=table.index)
    for column, value in (where or {}).items():
        keep &= table[column].map(_key) == value
    return table[keep]


def _key(value) -> str:
    """A row key as the test reads it back from the CSV: text, no NaN, whole numbers plain."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value) -> float:
    return 0.0 if value is None or pd.isna(value) else float(value)


# Punctuation as character references: text then reads as itself inside Streamlit's Markdown too
# (meeting mode shows these sections with st.markdown), where * _ $ [ : would start markup.
PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_strict = contextvars.ContextVar("strict_escape", default=False)


def _esc(text: object) -> str:
    if _strict.get():
        return PUNCTUATION.sub(lambda mark: f"&#{ord(mark.group())};", str(text))
    return html.escape(str(text), quote=False)


class Marks:
    """Fills a translated message with marked values: numbers (Cell), names from the data
    (escaped, never markup) and days. t()/tn() put a placeholder for each; html() escapes the
    message and puts each value's HTML in its place."""

    def __init__(self) -> None:
        self._parts: list[str] = []

    def _put(self, markup: str) -> str:
        self._parts.append(markup)
        return f"\x00{len(self._parts) - 1}\x00"

    def n(self, value: Cell) -> str:
        return self._put(value.html())

    def name(self, text: object) -> str:
        return self._put(f'<span class="name">{_esc(str(text))}</span>')

    def day(self, value) -> str:
        day = pd.Timestamp(value).date()
        return self._put(f'<time datetime="{day.isoformat()}">{_esc(i18n.day(day))}</time>')

    def html(self, text: str) -> str:
        escaped = _esc(text)
        for i, part in enumerate(self._parts):
            escaped = escaped.replace(f"\x00{i}\x00", part)
        return escaped


# --- sections --------------------------------------------------------------------------------


@dataclass
class Section:
    """One part of the report, and one page of meeting mode."""

    key: str
    title: str
    facts: list[str] = field(default_factory=list)  # HTML sentences
    tables: list[str] = field(default_factory=list)  # HTML tables
    charts: list[alt.TopLevelMixin] = field(default_factory=list)
    link: str = ""
    empty: str = ""  # what the section says when it has nothing to show


@dataclass
class Report:
    request: Request
    title: str
    subtitle: str
    sections: list[Section]


def build_report(
    request: Request, period: Tables, previous: Tables, history: Tables, for_markdown: bool = False
) -> Report:
    """The report's sections from the three exports (see the module's doc), in request.language.
    for_markdown: every text escaped so that Markdown cannot start in it either, and charts sized
    for a shared screen (meeting mode)."""
    token = _strict.set(for_markdown)
    try:
        return _build(request, period, previous, history)
    finally:
        _strict.reset(token)


def _build(request: Request, period: Tables, previous: Tables, history: Tables) -> Report:
    with i18n.using(request.language):
        data = _Data(request, period, previous, history)
        sections = [
            _headline(data), _flags(data), _share(data), _coverage(data), _top_posts(data), _new(data),
            _voice(data), _partners(data), _campaigns(data),
        ]  # fmt: skip
        for section in sections:
            section.link = request.link(PAGES[section.key])
        marks = Marks()
        everyone = t("all brands")
        subtitle = marks.html(
            t(
                "{since} – {until} · {brands}",
                since=marks.day(request.since),
                until=marks.day(request.until),
                brands=marks.name(", ".join(request.brands) if request.brands else everyone),
            )
        )
        a_week = (request.until - request.since).days == 6
        title = t("Weekly competitor report") if a_week else t("Competitor report")
        return Report(request, title, subtitle, sections)


@dataclass
class _Data:
    request: Request
    period: Tables
    previous: Tables
    history: Tables

    def table(self, source: str) -> pd.DataFrame:
        which, name = source.split("/")
        tables = {PERIOD: self.period, PREVIOUS: self.previous, HISTORY: self.history}[which]
        return tables.get(name, pd.DataFrame())

    def recent_flags(self, name: str) -> pd.DataFrame:
        """History's flags whose window reaches into the report's days."""
        flags = self.table(f"{HISTORY}/{name}")
        if flags.empty:
            return flags
        ends = pd.to_datetime(flags["window_end"]).dt.date
        return flags[ends >= self.request.since]


def _headline(data: _Data) -> Section:
    section = Section("headline", t("Headlines"))
    source = f"{PERIOD}/share_of_voice"
    shares = data.table(source)
    if shares.empty:
        section.empty = t("No posts in these days.")
        return section
    marks = Marks()
    section.facts.append(
        marks.html(
            tn(
                "{posts} post by {brands} brands.",
                "{posts} posts by {brands} brands.",
                int(shares["n_posts"].sum()),
                posts=marks.n(total(shares, source, "n_posts")),
                brands=marks.n(n_rows(shares, source)),
            )
        )
    )
    top = shares.index[0]
    marks = Marks()
    section.facts.append(
        marks.html(
            t(
                "{brand} posted most: {posts}, {share} of all.",
                brand=marks.name(shares.loc[top, models.BRAND]),
                posts=marks.n(cell(shares, source, top, (models.BRAND,), "n_posts")),
                share=marks.n(cell(shares, source, top, (models.BRAND,), "share", "share")),
            )
        )
    )
    own = data.request.own_brand
    section.facts.append(_own_change(data, own))
    flags = data.recent_flags("flags")
    marks = Marks()
    section.facts.append(
        marks.html(
            tn(
                "{flags} trend flag in these days.",
                "{flags} trend flags in these days.",
                len(flags),
                flags=marks.n(_flag_count(flags, data.request.since)),
            )
        )
    )
    weekly = _recent_weeks(data)
    if not weekly.empty:
        volume = weekly.rename(columns={"period_start": "week_start"})
        section.charts.append(
            charts.recent_weeks_chart(volume, own_brand=own).properties(
                title=t("Posts per week, last {weeks} weeks", weeks=SHARE_WEEKS)
            )
        )
    return section


def _recent_weeks(data: _Data) -> pd.DataFrame:
    """History's weekly posts per brand (share_of_voice_week), the last SHARE_WEEKS weeks."""
    weekly = data.table(f"{HISTORY}/share_of_voice_week")
    if weekly.empty:
        return weekly
    starts = pd.to_datetime(weekly["period_start"])
    recent = weekly[starts >= starts.max() - pd.Timedelta(weeks=SHARE_WEEKS - 1)]
    return recent.assign(period_start=pd.to_datetime(recent["period_start"]))


def _flag_count(flags: pd.DataFrame, since: date) -> Cell:
    return Cell(len(flags), f"{HISTORY}/flags", (("window_end>=", since.isoformat()),), "", "count", "rows")


def _own_change(data: _Data, own: str) -> str:
    now, before = data.table(f"{PERIOD}/share_of_voice"), data.table(f"{PREVIOUS}/share_of_voice")
    marks = Marks()
    mine = now[now[models.BRAND] == own]
    if mine.empty:
        return marks.html(t("{brand} posted nothing in these days.", brand=marks.name(own)))
    posts = marks.n(cell(now, f"{PERIOD}/share_of_voice", mine.index[0], (models.BRAND,), "share", "share"))
    earlier = before[before[models.BRAND] == own] if not before.empty else before
    if earlier.empty:
        return marks.html(t("{brand} had {share} of all posts.", brand=marks.name(own), share=posts))
    previous = marks.n(
        cell(before, f"{PREVIOUS}/share_of_voice", earlier.index[0], (models.BRAND,), "share", "share")
    )
    return marks.html(
        t(
            "{brand} had {share} of all posts, against {previous} the days before.",
            brand=marks.name(own),
            share=posts,
            previous=previous,
        )
    )


def _flag_word(flag: str) -> str:
    return {"spike": t("spike"), "rising": t("rising"), "new": t("new")}.get(flag, flag)


def _flags(data: _Data) -> Section:
    section = Section("flags", t("Flags"))
    source = f"{HISTORY}/flags"
    flags = data.recent_flags("flags")
    rows = []
    for index in flags.index:
        marks = Marks()
        keys = ("scope", "topic_id", models.BRAND, "flag", "window_start")
        subject = flags.loc[index, "topic_label"]
        brand = flags.loc[index, models.BRAND]
        what = (
            f"{subject} ({brand})"
            if isinstance(brand, str) and brand and isinstance(subject, str)
            else subject
        )
        what = brand if not isinstance(what, str) else what
        rows.append(
            [
                marks.html(marks.name(what)),
                _esc(_flag_word(flags.loc[index, "flag"])),
                marks.html(marks.day(flags.loc[index, "window_start"])),
                marks.html(marks.n(cell(flags, source, index, keys, "window_count"))),
                marks.html(marks.n(cell(flags, source, index, keys, "baseline_per_window", "decimal"))),
            ]
        )
    if rows:
        section.tables.append(
            _table(
                [t("Topic or brand"), t("Flag"), t("Window from"), t("Posts"), t("Usual")],
                rows,
                numeric=(3, 4),
            )
        )
    for name, say in (("partner_flags", _partner_flag), ("campaign_flags", _campaign_flag)):
        table = data.recent_flags(name)
        section.facts += [say(table, f"{HISTORY}/{name}", index) for index in table.index]
    if not rows and not section.facts:
        section.empty = t("No flags: nothing rose, spiked or started against its usual level.")
    return section


def _partner_flag(table: pd.DataFrame, source: str, index) -> str:
    marks = Marks()
    return marks.html(
        tn(
            "{brand} started naming {account}: {posts} post since {day}.",
            "{brand} started naming {account}: {posts} posts since {day}.",
            int(table.loc[index, "window_count"]),
            brand=marks.name(table.loc[index, models.BRAND]),
            account=marks.name(table.loc[index, "topic_label"]),
            day=marks.day(table.loc[index, "window_start"]),
            posts=marks.n(cell(table, source, index, (models.BRAND, "topic_label"), "window_count")),
        )
    )


def _campaign_flag(table: pd.DataFrame, source: str, index) -> str:
    marks = Marks()
    return marks.html(
        tn(
            "{brand} started a campaign, {name}, on {day}: {posts} post so far.",
            "{brand} started a campaign, {name}, on {day}: {posts} posts so far.",
            int(table.loc[index, "window_count"]),
            brand=marks.name(table.loc[index, models.BRAND]),
            name=marks.name(table.loc[index, "topic_label"]),
            day=marks.day(table.loc[index, "window_start"]),
            posts=marks.n(cell(table, source, index, (models.BRAND, "topic_label"), "window_count")),
        )
    )


def _share(data: _Data) -> Section:
    section = Section("share", t("Share of voice"))
    source = f"{PERIOD}/share_of_voice"
    shares = data.table(source)
    if shares.empty:
        section.empty = t("No posts in these days.")
        return section
    before = data.table(f"{PREVIOUS}/share_of_voice")
    rows = []
    for index in shares.index:
        brand = shares.loc[index, models.BRAND]
        marks = Marks()
        earlier = before[before[models.BRAND] == brand] if not before.empty else before
        rows.append(
            [
                marks.html(marks.name(brand)),
                marks.html(marks.n(cell(shares, source, index, (models.BRAND,), "n_posts"))),
                marks.html(marks.n(cell(shares, source, index, (models.BRAND,), "share", "share"))),
                ""
                if earlier.empty
                else marks.html(
                    marks.n(
                        cell(
                            before,
                            f"{PREVIOUS}/share_of_voice",
                            earlier.index[0],
                            (models.BRAND,),
                            "share",
                            "share",
                        )
                    )
                ),
            ]
        )
    section.tables.append(
        _table([t("Brand"), t("Posts"), t("Share"), t("The days before")], rows, numeric=(1, 2, 3))
    )
    recent = _recent_weeks(data)
    if not recent.empty:
        section.charts.append(
            charts.share_of_voice_chart(recent, data.request.own_brand).properties(
                title=t("Share of voice, last {weeks} weeks", weeks=SHARE_WEEKS)
            )
        )
    return section


CLASS_ORDER = ("gap", "own_angle", "crowded", "shared", "niche", "uncovered", "too_small")


def _class_word(code: str) -> str:
    return {
        "gap": t("Gap"), "own_angle": t("Own angle"), "crowded": t("Crowded"), "shared": t("Shared"),
        "niche": t("Niche"), "uncovered": t("Uncovered"), "too_small": t("Too small to judge"),
    }.get(code, code)  # fmt: skip


def _coverage(data: _Data) -> Section:
    section = Section("coverage", t("Topics × brands"))
    source = f"{PERIOD}/differentiation"
    classes = data.table(source)
    if classes.empty:
        section.empty = t("No topic coverage: {brand} has no posts in these days, or no topics yet.",
                          brand=data.request.own_brand)  # fmt: skip
        return section
    order = {code: i for i, code in enumerate(CLASS_ORDER)}
    classes = classes.iloc[
        sorted(range(len(classes)), key=lambda i: (order.get(classes["class"].iloc[i], 9), i))
    ]
    rows = []
    for index in classes.index:
        marks = Marks()
        rows.append(
            [
                marks.html(marks.name(classes.loc[index, "topic_label"])),
                _esc(_class_word(classes.loc[index, "class"])),
                marks.html(marks.n(cell(classes, source, index, ("topic_id",), "own_share", "share"))),
                marks.html(marks.n(cell(classes, source, index, ("topic_id",), "n_competitors_covering"))),
                marks.html(
                    marks.n(cell(classes, source, index, ("topic_id",), "max_competitor_share", "share"))
                ),
            ]
        )
    section.tables.append(
        _table(
            [
                t("Topic"),
                t("Class"),
                t("Our share"),
                t("Competitors covering"),
                t("Largest competitor share"),
            ],
            rows,
            numeric=(2, 3, 4),
        )
    )
    before = data.table(f"{PREVIOUS}/differentiation")
    if not before.empty:
        was = dict(zip(before["topic_id"].map(_key), before["class"], strict=True))
        for index in classes.index:
            code, earlier = classes.loc[index, "class"], was.get(_key(classes.loc[index, "topic_id"]))
            if earlier is not None and earlier != code:
                marks = Marks()
                section.facts.append(
                    marks.html(
                        t(
                            "{topic}: {before} → {now}.",
                            topic=marks.name(classes.loc[index, "topic_label"]),
                            before=marks.name(_class_word(earlier)),
                            now=marks.name(_class_word(code)),
                        )
                    )
                )
    if not section.facts:
        section.facts.append(_esc(t("No topic changed class since the days before.")))
    coverage = data.table(f"{PERIOD}/coverage")
    if not coverage.empty:
        own = data.request.own_brand
        section.charts.append(
            charts.meeting_coverage_heatmap(coverage, own)  # meeting mode's screen
            if _strict.get()
            else charts.coverage_heatmap(coverage, own).properties(width=CHART_WIDTH - 160)
        )
    return section


def _top_posts(data: _Data) -> Section:
    section = Section("top_posts", t("Top posts by engagement"))
    source = f"{PERIOD}/posts"
    posts = data.table(source)
    metrics = [models.LIKES, models.COMMENTS, models.SHARES]
    if posts.empty or posts[metrics].isna().all().all():
        section.empty = t("No likes, comments or shares in these exports.")
        return section
    engagement = posts[metrics].fillna(0).sum(axis=1)
    rows = []
    for brand in _brands_own_first(posts, data.request.own_brand):
        mine = engagement[(posts[models.BRAND] == brand) & posts[metrics].notna().any(axis=1)]
        for index in mine.sort_values(ascending=False, kind="stable").index[:TOP_POSTS]:
            marks = Marks()
            text = " ".join(
                str(posts.loc[index, models.TEXT] or posts.loc[index, models.TITLE] or "").split()
            )
            text = text if len(text) <= 160 else text[:159] + "…"
            url, opened = posts.loc[index, models.URL], _esc(t("open"))
            link = (
                f' <a href="{html.escape(url, quote=True)}" rel="noopener noreferrer">{opened}</a>'
                if isinstance(url, str) and url.lower().startswith(("https://", "http://"))
                else ""
            )
            rows.append(
                [marks.html(marks.name(brand)), marks.html(marks.name(text)) + link]
                + [
                    marks.html(marks.n(cell(posts, source, index, (models.POST_ID,), metric)))
                    if pd.notna(posts.loc[index, metric])
                    else ""
                    for metric in metrics
                ]
            )
    section.tables.append(
        _table([t("Brand"), t("Post"), t("Likes"), t("Comments"), t("Shares")], rows, numeric=(2, 3, 4))
    )
    return section


def _brands_own_first(frame: pd.DataFrame, own: str) -> list[str]:
    brands = sorted(set(frame[models.BRAND].dropna()))
    return [own] * (own in brands) + [b for b in brands if b != own]


def _new(data: _Data) -> Section:
    section = Section("new", t("What is new"))
    since = data.request.since
    topics = data.table(f"{PERIOD}/topics")
    history_posts = data.table(f"{HISTORY}/posts")
    if not topics.empty and not history_posts.empty:
        dated = history_posts.dropna(subset=["topic_id"])
        first = pd.to_datetime(dated["published_at"], utc=True).groupby(dated["topic_id"].map(_key)).min()
        for index in topics.index:
            topic = _key(topics.loc[index, "topic_id"])
            if topic in first.index and _first_local_day(first[topic], data) >= since:
                marks = Marks()
                section.facts.append(
                    marks.html(
                        tn(
                            "New topic: {topic}, {posts} post.",
                            "New topic: {topic}, {posts} posts.",
                            int(topics.loc[index, "n_posts"]),
                            topic=marks.name(topics.loc[index, "topic"]),
                            posts=marks.n(cell(topics, f"{PERIOD}/topics", index, ("topic_id",), "n_posts")),
                        )
                    )
                )
    partners = data.table(f"{HISTORY}/partners")
    if not partners.empty:
        fresh = partners[
            pd.to_datetime(partners["first_seen"], utc=True).map(lambda v: _first_local_day(v, data)) >= since
        ]
        for index in fresh.index[:TOP_ROWS]:
            marks = Marks()
            section.facts.append(
                marks.html(
                    tn(
                        "New partner of {brand}: {account}, named in {posts} post.",
                        "New partner of {brand}: {account}, named in {posts} posts.",
                        int(fresh.loc[index, "n_posts"]),
                        brand=marks.name(fresh.loc[index, models.BRAND]),
                        account=marks.name(fresh.loc[index, "account"]),
                        posts=marks.n(
                            cell(fresh, f"{HISTORY}/partners", index, (models.BRAND, "account"), "n_posts")
                        ),
                    )
                )
            )
    campaigns = data.table(f"{HISTORY}/campaigns")
    if not campaigns.empty:
        begun = campaigns[
            pd.to_datetime(campaigns["start"], utc=True).map(lambda v: _first_local_day(v, data)) >= since
        ]
        for index in begun.index:
            section.facts.append(_campaign_sentence(begun, f"{HISTORY}/campaigns", index))
    if not section.facts:
        section.empty = t("Nothing new: no topic, partner or campaign began in these days.")
    return section


def _first_local_day(value, data: _Data) -> date:
    return pd.Timestamp(value).tz_convert(data.request.timezone).date()


def _kind_word(kind: str) -> str:
    return {
        "contest": t("contest"),
        "promotion": t("promotion"),
        "event": t("event"),
        "launch": t("launch"),
    }.get(kind, kind)


def _campaign_sentence(table: pd.DataFrame, source: str, index) -> str:
    marks = Marks()
    return marks.html(
        tn(
            "{brand} began a {kind}, {name}, on {day}: {posts} post.",
            "{brand} began a {kind}, {name}, on {day}: {posts} posts.",
            int(table.loc[index, "n_posts"]),
            brand=marks.name(table.loc[index, models.BRAND]),
            kind=marks.name(_kind_word(table.loc[index, "kind"])),
            name=marks.name(table.loc[index, "name"]),
            day=marks.day(table.loc[index, "start"]),
            posts=marks.n(cell(table, source, index, ("campaign",), "n_posts")),
        )
    )


VOICE_MARKS = (
    "share_question",
    "share_exclamation",
    "share_emoji",
    "share_hashtags",
    "share_cta",
    "share_informal",
)


def _voice_heading(column: str) -> str:
    return {
        "share_question": t("Questions"), "share_exclamation": t("Exclamations"), "share_emoji": t("Emoji"),
        "share_hashtags": t("Hashtags"), "share_cta": t("Calls to action"), "share_informal": t("Informal address"),
    }[column]  # fmt: skip


def _voice(data: _Data) -> Section:
    section = Section("voice", t("Voice"))
    source = f"{PERIOD}/voice"
    voice = data.table(source)
    if voice.empty:
        section.empty = t("No posts in these days.")
        return section
    rows = []
    for index in voice.index:
        marks = Marks()
        rows.append(
            [marks.html(marks.name(voice.loc[index, models.BRAND]))]
            + [
                marks.html(marks.n(cell(voice, source, index, (models.BRAND,), column, "share")))
                if pd.notna(voice.loc[index, column])
                else "–"  # informal address of a brand that addresses nobody, or writes English
                for column in VOICE_MARKS
            ]
        )
    headings = [t("Brand")] + [_voice_heading(column) for column in VOICE_MARKS]
    section.tables.append(_table(headings, rows, numeric=tuple(range(1, len(headings)))))
    section.facts.append(
        _esc(
            t(
                "Share of each brand's posts with each mark. Informal address is the share of posts that address "
                "the reader informally (ti, du, tu) among those that address them at all, in Slovenian, Croatian, "
                "Serbian, German and French; English marks no address form."
            )
        )
    )
    return section


def _partners(data: _Data) -> Section:
    section = Section("partners", t("Partners"))
    source = f"{PERIOD}/partners"
    partners = data.table(source)
    if partners.empty:
        section.empty = t("No brand named another account, brand or event in these days.")
        return section
    ranked = partners.sort_values(
        ["n_posts", models.BRAND, "account"], ascending=[False, True, True], kind="stable"
    )
    rows = []
    for index in ranked.index[:TOP_ROWS]:
        marks = Marks()
        keys = (models.BRAND, "account")
        rows.append(
            [
                marks.html(marks.name(ranked.loc[index, models.BRAND])),
                marks.html(marks.name(ranked.loc[index, "account"])),
                marks.html(marks.n(cell(ranked, source, index, keys, "n_posts"))),
                marks.html(marks.n(cell(ranked, source, index, keys, "share_of_posts", "share"))),
                _esc(t("shared") if bool(ranked.loc[index, "shared"]) else t("only this brand")),
            ]
        )
    section.tables.append(
        _table(
            [t("Brand"), t("Partner"), t("Posts"), t("Share of posts"), t("Named by")], rows, numeric=(2, 3)
        )
    )
    return section


def _campaigns(data: _Data) -> Section:
    section = Section("campaigns", t("Campaigns"))
    source = f"{PERIOD}/campaigns"
    campaigns = data.table(source)
    if campaigns.empty:
        section.empty = t("No contests, promotions, events or launches in these days.")
        return section
    rows = []
    for index in campaigns.index[:TOP_ROWS]:
        marks = Marks()
        rows.append(
            [
                marks.html(marks.name(campaigns.loc[index, models.BRAND])),
                _esc(_kind_word(campaigns.loc[index, "kind"])),
                marks.html(marks.name(campaigns.loc[index, "name"])),
                marks.html(marks.day(campaigns.loc[index, "start"])),
                marks.html(marks.n(cell(campaigns, source, index, ("campaign",), "n_posts"))),
            ]
        )
    headings = [t("Brand"), t("Kind"), t("Campaign"), t("First post in these days"), t("Posts")]
    section.tables.append(_table(headings, rows, numeric=(4,)))
    return section


def _table(headings: list[str], rows: list[list[str]], numeric: tuple[int, ...] = ()) -> str:
    """An HTML table of cells already escaped or marked."""
    head = "".join(
        f"<th{' class=num' if i in numeric else ''}>{_esc(h)}</th>" for i, h in enumerate(headings)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in numeric else ''}>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- the file --------------------------------------------------------------------------------

CSS = """
:root { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; color: #1f2933; }
body { max-width: 190mm; margin: 0 auto; padding: 12px 16px; font-size: 11pt; line-height: 1.45; }
h1 { font-size: 20pt; margin: 0 0 2px 0; }
h2 { font-size: 14pt; margin: 18px 0 6px 0; border-bottom: 2px solid #4c78a8; padding-bottom: 2px; }
.subtitle, .created, .note { color: #52606d; font-size: 9.5pt; }
ul.facts { padding-left: 18px; margin: 4px 0 8px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px 0; font-size: 9.5pt; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #d9e2ec; vertical-align: top; }
th { background: #f0f4f8; }
.num { text-align: right; white-space: nowrap; }
img.chart { display: block; max-width: 100%; height: auto; margin: 6px 0; }
a.live { font-size: 9.5pt; }
.empty { color: #52606d; font-style: italic; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; }
  a.live { color: #1f2933; }
  section, table, tr, img.chart, ul.facts { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
}
"""
# No script, no request: only inline styles and data: images may load.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def chart_svg(chart: alt.TopLevelMixin) -> str:
    """The chart as SVG, drawn by vl-convert from its spec with the rows inline."""
    import vl_convert

    return vl_convert.vegalite_to_svg(charts.inline_spec(_printable(chart)))


def _printable(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    chart = chart.copy(deep=True)
    if getattr(chart, "width", alt.Undefined) is alt.Undefined and not hasattr(chart, "hconcat"):
        chart = chart.properties(width=CHART_WIDTH)
    return charts.localized(chart)


def render_html(report: Report, svg: Callable[[alt.TopLevelMixin], str] = chart_svg) -> str:
    """The report as one HTML file (see the module's doc)."""
    request = report.request
    with i18n.using(request.language):
        parts = [
            "<!DOCTYPE html>",
            f'<html lang="{request.language}"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(report.title)}</title><style>{CSS}</style></head><body>",
            f"<header><h1>{html.escape(report.title)}</h1><p class=subtitle>{report.subtitle}</p>",
        ]
        made, live = html.escape(t("Made")), html.escape(t("Open this in the dashboard"))
        note = html.escape(t("Flags look back over all posts up to the last day of the report."))
        if request.created is not None:
            created = pd.Timestamp(request.created)
            parts.append(
                f"<p class=created>{made} "
                f'<time class=created datetime="{created.isoformat()}">{html.escape(i18n.day(created))} '
                f"{created:%H:%M} UTC</time></p>"
            )
        parts.append("</header>")
        for section in report.sections:
            parts.append(f'<section id="{section.key}"><h2>{html.escape(section.title)}</h2>')
            if section.facts:
                parts.append(
                    "<ul class=facts>" + "".join(f"<li>{fact}</li>" for fact in section.facts) + "</ul>"
                )
            if section.empty and not section.facts and not section.tables:
                parts.append(f"<p class=empty>{html.escape(section.empty)}</p>")
            parts += section.tables
            for chart in section.charts:
                data = base64.b64encode(svg(chart).encode("utf-8")).decode("ascii")
                parts.append(f'<img class="chart" alt="{html.escape(_chart_title(chart), quote=True)}" '
                             f'src="data:image/svg+xml;base64,{data}">')  # fmt: skip
            parts.append(
                f'<p><a class="live" href="{html.escape(section.link, quote=True)}">{live}</a></p></section>'
            )
        parts.append(f"<footer class=note>{note}</footer>")
        parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _chart_title(chart) -> str:
    title = getattr(chart, "title", alt.Undefined)
    if isinstance(title, str):
        return title
    text = getattr(title, "text", None)
    return text if isinstance(text, str) else ""
