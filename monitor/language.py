"""Language of a post, from a detector that ships its model inside its package."""

from __future__ import annotations

import re
from functools import lru_cache

_URLS_AND_HANDLES = re.compile(r"https?://\S+|www\.\S+|[@#][\w.]+")
MIN_LETTERS = 12  # below this a guess is noise ("OK 👍"), so the language stays unknown


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of the text's language, or None when too short to tell."""
    if not text:
        return None
    cleaned = _URLS_AND_HANDLES.sub(" ", text)
    if sum(ch.isalpha() for ch in cleaned) < MIN_LETTERS:
        return None
    language, _probability = _identifier().classify(cleaned)
    return language
