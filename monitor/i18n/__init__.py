"""Pure: the words of the dashboard and the report in English or Slovenian.

One gettext catalogue per language (monitor/i18n/<language>.po, msgids in English) read with
Babel, so a Slovenian count takes its own plural form: 1 objava, 2 objavi, 3 objave, 5 objav.
Dates and numbers follow the language too (CLDR data, via Babel): "4. december 2026", "1.234,5".

The language is a context variable: the dashboard sets it at the top of each run (each
Streamlit session runs in its own thread), the report for the time it is built. Nothing else
sets it, so the CLI stays English. Messages are str.format templates with named fields; the
catalogue test checks that every message marked with t() or tn() is in both catalogues with the
same fields."""

from __future__ import annotations

import contextvars
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGUAGES = {"en": "English", "sl": "Slovenščina"}  # code -> its name in itself (the switch)
DEFAULT_LANGUAGE = "en"
CATALOGUE_DIR = Path(__file__).parent
# Day formats per language: CLDR's long date is "December 4, 2026" in English; the app writes
# day first in both.
DAY_FORMATS = {"en": "d MMMM y", "sl": "d. MMMM y"}
SHORT_DAY_FORMATS = {"en": "d MMM y", "sl": "d. M. y"}

_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT_LANGUAGE)


def language() -> str:
    """The language of this thread's (or context's) words now."""
    return _language.get()


def set_language(code: str | None) -> str:
    """Use `code` (a key of LANGUAGES; anything else: English) from now on in this context."""
    code = code if code in LANGUAGES else DEFAULT_LANGUAGE
    _language.set(code)
    return code


@contextmanager
def using(code: str | None) -> Iterator[str]:
    """Words in `code` inside the block, the previous language after it."""
    token = _language.set(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield _language.get()
    finally:
        _language.reset(token)


def t(message: str, **fields: object) -> str:
    """`message` (an English msgid) in the current language, its {fields} filled."""
    text = _translations(language()).gettext(message)
    return text.format(**fields) if fields else text


def tn(singular: str, plural: str, n: int, **fields: object) -> str:
    """The form of the message for count n ({n} is filled with n as a number of the language):
    English has two forms, Slovenian four (n%100 = 1, 2, 3-4, other)."""
    text = _translations(language()).ngettext(singular, plural, int(n))
    return text.format(n=number(n), **fields)


def number(value: float | int, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal mark: 12,345.5 / 12.345,5."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=language())


def percent(share: float, decimals: int = 0) -> str:
    """A share (0.42) as "42 %": a space before the sign, the app's style in both languages."""
    return f"{number(share * 100, decimals)}\u00a0%"


def day(value: date | datetime) -> str:
    """A day in words: "4 December 2026" / "4. december 2026"."""
    return format_date(value, format=DAY_FORMATS[language()], locale=language())


def short_day(value: date | datetime) -> str:
    """A day for tables and axes: "4 Dec 2026" / "4. 12. 2026"."""
    return format_date(value, format=SHORT_DAY_FORMATS[language()], locale=language())


def vega_locale() -> dict | None:
    """Vega's number and time locale (a chart's config.locale) for the current language: month
    and day names on axes and in tooltips, decimal comma. None for English, Vega's own."""
    code = language()
    if code == DEFAULT_LANGUAGE:
        return None
    return _vega_locale(code)


@cache
def _vega_locale(code: str) -> dict:
    from babel import Locale

    locale = Locale.parse(code)
    symbols = locale.number_symbols["latn"]

    def names(kind: dict, width: str) -> list[str]:
        return [kind[width][i] for i in range(7)]

    days = locale.days["format"]
    day_names, short_days = names(days, "wide"), names(days, "abbreviated")  # Monday first in CLDR
    months = locale.months["format"]
    return {
        "number": {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", "\u00a0€"],
        },
        "time": {
            "dateTime": "%A, %e. %B %Y %X",
            "date": "%d. %m. %Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": day_names[6:] + day_names[:6],  # Vega: Sunday first
            "shortDays": short_days[6:] + short_days[:6],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }


def catalogue_path(code: str) -> Path:
    return CATALOGUE_DIR / f"{code}.po"


@cache
def _translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code`, read once per process. A message missing from it
    shows in English (the catalogue test keeps that from shipping)."""
    path = catalogue_path(code)
    if not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as file:
        catalogue = read_po(file, locale=code)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
