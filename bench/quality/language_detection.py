"""Benchmark of language detectors for short posts: accuracy, speed, memory.

    .venv/bin/python -m bench.quality.language_detection [--only NAME ...] [--repeat N]

Each candidate runs in its own subprocess, so its memory (peak RSS from
resource.getrusage, minus the worker's RSS before the detector was imported) and its load
time are its own. Every candidate sees the same cleaned text (monitor.ingest.language.clean_text: URLs
and @handles removed, hashtags kept as words) and the same "too short" rule, so a None counts as a miss on labeled data.

Data sets (whichever exist):
  short  tests/data/language/short_posts.csv           hand-written brand posts, language,text
  tweets ../shared/data/labeled/tweet_topicxl.csv      lang (en/es/gr->el/ja), text
  truth  data/demo/truth.csv                           language (sl/en), text
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from bench.common import ROOT, SHARED_DATA, TRUTH, maxrss_mb, module_command

DATASETS = {
    "short": (ROOT / "tests/data/language/short_posts.csv", "language"),
    "tweets": (SHARED_DATA / "labeled" / "tweet_topicxl.csv", "lang"),
    "truth": (TRUTH, "language"),
}
LABEL_FIX = {"gr": "el"}
BCS = {"hr", "sr", "bs"}
# "European + major" set: the feeds' languages, their neighbours, the big world languages.
EU = (  # noqa: SIM905
    "sl hr sr bs en de it fr es pt nl el ja zh ko ru uk pl cs sk hu ro bg mk sq tr ar he "
    "sv da no fi et lv lt ca"
).split()

CANDIDATES = {
    "py3langid full": "py3langid, 142 classes, per post (the old monitor/ingest/language.py)",
    "py3langid EU set": "py3langid set_languages(36 European+major codes)",
    "lingua EU high": "lingua from_languages(36), high accuracy, preloaded",
    "lingua EU low": "lingua from_languages(36), low accuracy mode, preloaded",
    "lingua all high": "lingua from_all_languages(75), high accuracy, preloaded",
    "lingua all low": "lingua from_all_languages(75), low accuracy mode, preloaded",
    "py3langid+lingua sl/bcs": "py3langid full; if sl/hr/sr/bs, lingua(sl,hr,bs,sr) high decides",
    "monitor (chosen)": "monitor.ingest.language: py3langid 68 langs, sl prior x2, hr/sr/bs tie-break",
}


# ----------------------------------------------------------------------------- workers
def _lingua(languages, low: bool):
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    if languages is None:
        builder = LanguageDetectorBuilder.from_all_languages()
    else:
        codes = ["nb" if c == "no" else c for c in languages]
        builder = LanguageDetectorBuilder.from_iso_codes_639_1(*[IsoCode639_1.from_str(c) for c in codes])
    if low:
        builder = builder.with_low_accuracy_mode()
    detector = builder.with_preloaded_language_models().build()

    def code(language):
        if language is None:
            return None
        c = language.iso_code_639_1.name.lower()
        return "no" if c == "nb" else c

    return (
        lambda t: code(detector.detect_language_of(t)),
        lambda ts: [code(x) for x in detector.detect_languages_in_parallel_of(list(ts))],
    )


def build(name: str):
    """(one(text) -> code, many(texts) -> codes or None) on cleaned, long-enough text."""
    if name in ("py3langid full", "py3langid EU set"):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        if name == "py3langid EU set":
            ident.set_languages(EU)
        return (lambda t: ident.classify(t)[0]), None
    if name.startswith("lingua"):
        return _lingua(None if " all " in name else EU, low=name.endswith("low"))
    if name == "py3langid+lingua sl/bcs":
        from lingua import Language, LanguageDetectorBuilder
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        south = (
            LanguageDetectorBuilder.from_languages(
                Language.SLOVENE, Language.CROATIAN, Language.BOSNIAN, Language.SERBIAN
            )
            .with_preloaded_language_models()
            .build()
        )

        def one(t):
            code = ident.classify(t)[0]
            if code in ("sl", "hr", "sr", "bs"):
                found = south.detect_language_of(t)
                code = found.iso_code_639_1.name.lower() if found else code
            return code

        return one, None
    if name == "monitor (chosen)":
        from monitor.ingest.language import detect_language, detect_languages

        return detect_language, detect_languages
    raise SystemExit(f"unknown candidate {name!r}")


def worker(name: str, data_file: str, repeat: int) -> dict:
    from monitor.ingest.language import MIN_LETTERS, clean_text

    data = json.loads(Path(data_file).read_text(encoding="utf-8"))
    rss0 = maxrss_mb()
    t0 = time.perf_counter()
    one, many = build(name)
    one("Warm-up text so that lazy parts load now.")
    load_s = time.perf_counter() - t0

    def cleaned(text):
        c = clean_text(text)
        return c if sum(ch.isalpha() for ch in c) >= MIN_LETTERS else None

    out: dict = {"name": name, "load_s": load_s, "pred": {}}
    everything = []
    for ds, rows in data.items():
        texts = [r[1] for r in rows]
        everything += texts
        if name == "monitor (chosen)":
            out["pred"][ds] = [one(t) for t in texts]  # the product cleans by itself
        else:
            out["pred"][ds] = [one(c) if (c := cleaned(t)) else None for t in texts]

    def best_time(fn) -> float:
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        return min(times) / len(everything) * 1e6

    if name == "monitor (chosen)":
        out["us_single"] = best_time(lambda: [one(t) for t in everything])
        out["us_batch"] = best_time(lambda: many(everything))
        assert many(everything) == [one(t) for t in everything], "batch and single disagree"
    else:
        pre = [cleaned(t) for t in everything]
        out["us_single"] = best_time(lambda: [one(c) for c in pre if c])
        out["us_batch"] = best_time(lambda: many([c for c in pre if c])) if many else None
    out["rss_mb"] = maxrss_mb() - rss0
    out["n_timed"] = len(everything)
    return out


# ----------------------------------------------------------------------------- parent
def load_data() -> dict[str, list[tuple[str, str]]]:
    data = {}
    for ds, (path, col) in DATASETS.items():
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            rows = [(LABEL_FIX.get(r[col], r[col]), r["text"]) for r in csv.DictReader(f)]
        data[ds] = rows
    return data


def pct(hit: int, n: int) -> str:
    return f"{100 * hit / n:5.1f}" if n else "    -"


def report(results: list[dict], data: dict) -> None:
    langs_of = {
        ds: [lang for lang, _ in Counter(g for g, _ in rows).most_common()] for ds, rows in data.items()
    }
    for ds, rows in data.items():
        gold = [g for g, _ in rows]
        langs = langs_of[ds]
        counts = Counter(gold)
        head = f"{'candidate':26}{'all':>7}" + "".join(
            f"{lang + '(' + str(counts[lang]) + ')':>9}" for lang in langs
        )
        extra = f"{'sl>bcs':>8}{'hr>sl':>7}{'sr>sl':>7}{'bcs>sl':>8}{'hr>bs/sr':>9}"
        print(f"\n== {ds}: {len(rows)} texts, accuracy % (per-language = recall) ==")
        print(head + extra)
        for res in results:
            pred = res["pred"][ds]
            ok = sum(p == g for p, g in zip(pred, gold, strict=True))
            row = f"{res['name']:26}{pct(ok, len(gold)):>7}"
            for lang in langs:
                idx = [i for i, g in enumerate(gold) if g == lang]
                row += f"{pct(sum(pred[i] == lang for i in idx), len(idx)):>9}"
            conf = Counter((g, p) for g, p in zip(gold, pred, strict=True))
            sl_bcs = sum(conf[("sl", b)] for b in BCS)
            bcs_sl = sum(conf[(b, "sl")] for b in BCS)
            hr_other = conf[("hr", "bs")] + conf[("hr", "sr")]
            row += f"{sl_bcs:>8}{conf[('hr', 'sl')]:>7}{conf[('sr', 'sl')]:>7}{bcs_sl:>8}{hr_other:>9}"
            print(row)
    print(
        f"\n== cost ({results[0]['n_timed']} texts of all sets; best of repeats; this machine: {os.cpu_count()} cores) =="
    )
    print(f"{'candidate':26}{'load s':>8}{'RSS +MB':>9}{'us/post':>9}{'us/post batch':>15}  what")
    for res in results:
        batch = f"{res['us_batch']:.1f}" if res["us_batch"] is not None else "-"
        print(
            f"{res['name']:26}{res['load_s']:8.2f}{res['rss_mb']:9.0f}{res['us_single']:9.1f}{batch:>15}  "
            f"{CANDIDATES[res['name']]}"
        )
    print(
        "\nsl>bcs: Slovenian posts labeled hr/sr/bs; hr>sl, sr>sl, bcs>sl: the reverse; "
        "hr>bs/sr: Croatian labeled Bosnian/Serbian."
    )
    print(
        "'monitor (chosen)' batch = detect_languages(); other batch = lingua's "
        "detect_languages_in_parallel_of (threads)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", nargs="*", help="candidate names to run (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats (best is kept)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.repeat)))
        return
    data = load_data()
    print("data: " + ", ".join(f"{ds}={len(rows)}" for ds, rows in data.items()))
    names = args.only or list(CANDIDATES)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        data_file = Path(tmp) / "data.json"
        data_file.write_text(json.dumps(data), encoding="utf-8")
        for name in names:
            proc = subprocess.run(
                module_command(
                    "bench.quality.language_detection",
                    *("--worker", name, "--data", str(data_file), "--repeat", str(args.repeat)),
                ),
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode:
                print(f"{name}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                continue
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
            print(f"  ran {name}", file=sys.stderr)
    report(results, data)
    misses = defaultdict(list)
    chosen = next((r for r in results if r["name"] == "monitor (chosen)"), None)
    if chosen and "short" in data:
        for (gold, text), pred in zip(data["short"], chosen["pred"]["short"], strict=True):
            if pred != gold:
                misses[gold].append(f"{pred}: {text[:70]}")
        print("\nmonitor (chosen) misses on short posts:")
        for gold, items in misses.items():
            for item in items:
                print(f"  {gold} -> {item}")


if __name__ == "__main__":
    main()
