"""Pure: show terms as people write them. Tokens are matched accent-folded ("druzine"), but
labels and term lists read better in the form the posts use most ("družine")."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from monitor.topics.text import fold_accents

_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def surface_forms(texts: Iterable[str], max_texts: int = 10_000) -> dict[str, str]:
    """Folded word -> its most frequent spelling in texts, capitals kept where people write
    them mid-sentence ("Macron", "KFC"), else lowercase (ties: alphabetical)."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for i, text in enumerate(texts):
        if i >= max_texts:  # a sample is enough to learn spellings
            break
        for match in _WORD.finditer(text):
            word = match.group()
            counts[fold_accents(word)][_cased_vote(word, text[: match.start()])] += 1
    return {folded: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for folded, c in counts.items()}


def _cased_vote(word: str, before: str) -> str:
    """The spelling a word's occurrence votes for: its own capitals mid-sentence, lowercase at
    a sentence's start or in shouting (an all-caps word longer than an acronym)."""
    at_start = not before.strip() or before.rstrip()[-1] in ".!?:\n"
    shouting = word.isupper() and len(word) > 4
    return word.lower() if at_start or shouting or word.islower() else word


def readable(term: str, forms: dict[str, str]) -> str:
    """A term (one word, a bigram, or a ' · '-joined label) in its usual spelling."""
    if " · " in term:
        return " · ".join(readable(part, forms) for part in term.split(" · "))
    return " ".join(forms.get(word, word) for word in term.split(" "))
