"""Keeping the catalogues whole: every message marked with t() or tn() in the code, found by
Babel's extractor, must be in en.po and sl.po with a translation of every plural form and the
same {fields}. `python -m monitor.i18n.catalogue` adds new messages (English filled in, Slovenian
left empty) and drops ones no code uses; `--check` lists what is missing (the test runs it);
`--merge FILE.po` takes Slovenian translations from another file for messages that lack one."""

from __future__ import annotations

import argparse
import ast
import re
import string
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from monitor.i18n import LANGUAGES, catalogue_path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("app.py", "app_pages", "monitor")
KEYWORDS = {"t": None, "tn": (1, 2)}
STAMP = datetime(2026, 12, 5, tzinfo=UTC)
HEADER = """\
# {language} words of the competitor monitor's dashboard and report.
# Kept by `python -m monitor.i18n.catalogue` (see monitor/i18n/catalogue.py): edit the msgstr
# lines only; new messages come from the code's t() and tn() calls."""
IMPORT = re.compile(r"^from monitor\.i18n import .*\b(t|tn)\b", re.M)


@dataclass(frozen=True)
class Message:
    msgid: str | tuple[str, str]  # a tuple: singular and plural
    where: str  # file:line of its first use


def source_files(root: Path = ROOT) -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = root / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if "i18n" not in f.parts and IMPORT.search(f.read_text(encoding="utf-8"))]


def extract(root: Path = ROOT) -> dict[str | tuple[str, str], Message]:
    """Every marked message of the code, by msgid, in the order first used."""
    found: dict = {}
    for path in source_files(root):
        for line, msgid, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS):
            key = tuple(msgid) if isinstance(msgid, (list, tuple)) else msgid
            found.setdefault(key, Message(key, f"{path.relative_to(root)}:{line}"))
    return found


def unmarkable_calls(root: Path = ROOT) -> list[str]:
    """Calls of t() or tn() whose message is not a plain string (an f-string, a variable): the
    extractor cannot see them, so they would show untranslated."""
    problems = []
    extracted = extract(root)
    for path in source_files(root):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Babel's extractor does not read inside f-strings: a call there is never extracted.
        for joined in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
            for node in ast.walk(joined):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in KEYWORDS
                ):
                    problems.append(
                        f"{path.relative_to(root)}:{node.lineno}: {node.func.id}() inside an f-string is not extracted"
                    )
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in KEYWORDS:
                n_messages = 2 if node.func.id == "tn" else 1
                args = node.args[:n_messages]
                literal = len(args) == n_messages and all(
                    isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args
                )
                msgid = (
                    tuple(a.value for a in args) if n_messages == 2 else args[0].value if literal else None
                )
                if literal and msgid not in extracted:  # Babel skips a call inside another's arguments
                    problems.append(
                        f"{path.relative_to(root)}:{node.lineno}: {msgid!r} is not extracted: "
                        "call it outside the other t() call"
                    )
                if not literal:
                    problems.append(
                        f"{path.relative_to(root)}:{node.lineno}: {node.func.id}() needs a plain string"
                    )
    return problems


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def read(code: str) -> Catalog:
    path = catalogue_path(code)
    if not path.exists():
        return Catalog(locale=code)
    with path.open("rb") as file:
        return read_po(file, locale=code)


def problems(code: str, messages: dict | None = None) -> list[str]:
    """What is missing or wrong in one catalogue: a message without a translation (or without
    one of its plural forms), or a translation whose {fields} differ from the message's."""
    messages = extract() if messages is None else messages
    catalogue = read(code)
    found = []
    for key, message in messages.items():
        entry = catalogue.get(key[0] if isinstance(key, tuple) else key)
        label = f"{message.where}: {key[0] if isinstance(key, tuple) else key!r}"
        if entry is None or entry.fuzzy:
            found.append(f"{code}.po lacks {label}")
            continue
        forms = list(entry.string) if isinstance(entry.string, (list, tuple)) else [entry.string]
        wanted = catalogue.num_plurals if isinstance(key, tuple) else 1
        if (
            isinstance(key, tuple) != isinstance(entry.id, (list, tuple))
            or len(forms) != wanted
            or not all(forms)
        ):
            found.append(f"{code}.po has no full translation of {label} ({wanted} form(s) needed)")
            continue
        expected = set().union(*map(fields, key)) if isinstance(key, tuple) else fields(key)
        for form in forms:
            # A plural form may leave out {n} ("one post" / "ena objava"), never add a field.
            if not fields(form) <= expected | {"n"} or (
                not isinstance(key, tuple) and fields(form) != expected
            ):
                found.append(f"{code}.po: fields of {label} differ: {form!r}")
    return found


def update(merge: Iterable[Path] = ()) -> None:
    """Bring both catalogues in line with the code (see the module's doc)."""
    messages = extract()
    donors = [_read_file(path) for path in merge]
    for code in LANGUAGES:
        old = read(code)
        new = Catalog(
            locale=code,
            project="competitor-monitor",
            fuzzy=False,
            header_comment=HEADER.format(language={"en": "English", "sl": "Slovenian"}.get(code, code)),
            # Fixed: the file changes only when its messages do.
            creation_date=STAMP,
            revision_date=STAMP,
        )
        for key, message in messages.items():
            msgid = key[0] if isinstance(key, tuple) else key
            entry = old.get(msgid)
            text = entry.string if entry is not None and not entry.fuzzy else None
            if _empty(text) and code == "en":
                text = key  # English: the message itself, kept here so it can be edited
            if _empty(text) and code == "sl":
                text = next(
                    (d.get(msgid).string for d in donors if d.get(msgid) and not _empty(d.get(msgid).string)),
                    None,
                )
            if _empty(text):
                text = ("",) * new.num_plurals if isinstance(key, tuple) else ""
            path, line = message.where.rsplit(":", 1)
            new.add(key, text, locations=[(path, int(line))])
        with catalogue_path(code).open("wb") as file:
            # No line numbers: moving code does not change the catalogues.
            write_po(file, new, width=100, sort_output=False, omit_header=False, include_lineno=False)


def _empty(text) -> bool:
    if text is None:
        return True
    return not all(text) if isinstance(text, (list, tuple)) else not text


def _read_file(path: Path) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale="sl")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m monitor.i18n.catalogue", description=__doc__)
    parser.add_argument("--check", action="store_true", help="list what is missing; exit 1 if anything is")
    parser.add_argument("--merge", nargs="*", type=Path, default=[], metavar="FILE.po")
    args = parser.parse_args(argv)
    if not args.check:
        update(args.merge)
    missing = unmarkable_calls() + [p for code in LANGUAGES for p in problems(code)]
    for line in missing:
        print(line)
    print(f"{len(extract())} messages; {len(missing)} problems", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
