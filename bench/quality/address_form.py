"""Address-form detector measured: does it tell a formal post from an informal one, and leave alone
a post that addresses nobody?

    .venv/bin/python -m bench.quality.address_form [--detector MODULE:FUNCTION] [--misses N]

Teams compare how brands talk to their audience: Slovenian vi/Vi/vas + 2nd plural verbs against
ti/te/tvoj + 2nd singular, German Sie/Ihnen/Ihr against du/dich/dein/ihr/euch, French vous/votre +
-ez imperatives against tu/te/ton + -e/-s imperatives. A wrong label on a competitor's voice is
worse than none, so both directions of error are counted.

Data: bench/quality/address_form_sentences.csv (language,expected,text,note), brand posts written
by hand for this benchmark independently of the detector; expected is formal, informal or none.
The note marks the hard cases (imperative-only posts, demonstrative "te"/"ti", "vas" = village,
sentence-initial "Sie" = they, "ihr" = their, "tu" inside words, "-ez" words that are no
imperatives, mixed posts labelled by their first address, ...).

Prints per language and overall: for formal and for informal, tp/fp/fn with precision and
recall; the share of `none` posts given a form; a confusion table (rows expected, columns
predicted); then up to N misclassified posts per language. The detector's None counts as "none";
an exception counts as "error". It measures and never asserts: the exit code is 0 whatever the
scores.
"""

from __future__ import annotations

import argparse
import csv
import importlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from bench.common import ROOT

DATA = ROOT / "bench" / "quality" / "address_form_sentences.csv"
DETECTOR = "monitor.analysis.voice:address_form"
FORMS = ("formal", "informal")
LABELS = (*FORMS, "none")


class Row(NamedTuple):
    language: str
    expected: str
    text: str
    note: str


def load_rows(path: Path) -> list[Row]:
    """The labelled posts, in file order."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Row(r["language"], r["expected"], r["text"], r["note"]) for r in csv.DictReader(f)]


def load_detector(spec: str) -> Callable[[str, str | None], str | None]:
    """The function named by "package.module:function"."""
    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name or "address_form")


def predict(detector: Callable[[str, str | None], str | None], rows: list[Row]) -> list[str]:
    """One label per row: the detector's answer, None as "none", an exception as "error"."""
    out = []
    for row in rows:
        try:
            found = detector(row.text, row.language)
        except Exception:  # a crash on one post is a wrong answer, not the end of the run
            found = "error"
        out.append("none" if found is None else str(found))
    return out


def form_scores(pairs: list[tuple[str, str]], form: str) -> tuple[int, int, int]:
    """(tp, fp, fn) of one form over (expected, predicted) pairs."""
    tp = sum(e == form and p == form for e, p in pairs)
    fp = sum(e != form and p == form for e, p in pairs)
    fn = sum(e == form and p != form for e, p in pairs)
    return tp, fp, fn


def ratio(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def none_given_form(pairs: list[tuple[str, str]]) -> tuple[int, int]:
    """(none posts the detector gave formal or informal, none posts)."""
    nones = [p for e, p in pairs if e == "none"]
    return sum(p in FORMS for p in nones), len(nones)


def report(title: str, pairs: list[tuple[str, str]]) -> None:
    """Precision/recall per form, the none false-form share and the confusion table."""
    right = sum(e == p for e, p in pairs)
    print(f"\n== {title}: {len(pairs)} posts, accuracy {ratio(right, len(pairs)).strip()} ==")
    print(f"{'form':10}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>9}")
    for form in FORMS:
        tp, fp, fn = form_scores(pairs, form)
        print(f"{form:10}{tp:5}{fp:5}{fn:5}{ratio(tp, tp + fp):>11}{ratio(tp, tp + fn):>9}")
    wrong, nones = none_given_form(pairs)
    print(f"none posts given a form: {wrong}/{nones} = {ratio(wrong, nones).strip()}")
    counts = Counter(pairs)
    columns = [*LABELS, *sorted({p for _, p in pairs} - set(LABELS))]
    print(f"{'expected / predicted':22}" + "".join(f"{c:>10}" for c in columns))
    for expected in LABELS:
        print(f"{expected:22}" + "".join(f"{counts[(expected, c)]:10}" for c in columns))


def misses(rows: list[Row], predicted: list[str], limit: int) -> list[str]:
    """Up to `limit` wrongly labelled posts, one line each: expected -> predicted, text, note."""
    lines = []
    for row, found in zip(rows, predicted, strict=True):
        if found != row.expected and len(lines) < limit:
            note = f"  [{row.note}]" if row.note else ""
            lines.append(f"  {row.expected} -> {found}: {row.text}{note}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--detector", default=DETECTOR, help=f"MODULE:FUNCTION (default {DETECTOR})")
    parser.add_argument("--misses", type=int, default=10, help="misclassified posts shown per language")
    args = parser.parse_args()
    rows = load_rows(DATA)
    try:
        detector = load_detector(args.detector)
    except (ImportError, AttributeError) as error:
        print(f"detector {args.detector} not available: {error}")
        return
    predicted = predict(detector, rows)
    languages = list(dict.fromkeys(r.language for r in rows))
    sizes = Counter((r.language, r.expected) for r in rows)
    print(f"data: {DATA.relative_to(ROOT)}, {len(rows)} posts; detector: {args.detector}")
    for lang in languages:
        print(f"  {lang}: " + ", ".join(f"{label} {sizes[(lang, label)]}" for label in LABELS))
    for lang in languages:
        idx = [i for i, r in enumerate(rows) if r.language == lang]
        report(lang, [(rows[i].expected, predicted[i]) for i in idx])
    report("overall", [(r.expected, p) for r, p in zip(rows, predicted, strict=True)])
    for lang in languages:
        idx = [i for i, r in enumerate(rows) if r.language == lang]
        wrong = sum(predicted[i] != rows[i].expected for i in idx)
        lines = misses([rows[i] for i in idx], [predicted[i] for i in idx], args.misses)
        print(f"\n{lang}: {wrong} misclassified" + (f", first {len(lines)}:" if lines else ""))
        for line in lines:
            print(line)


if __name__ == "__main__":
    main()
