"""A pickle that writes a file when unpickled: what anyone able to write a stored model could
plant in the database. Tests check that the program refuses it and the file never appears."""

from __future__ import annotations

import pickle
from pathlib import Path


class _WritesAFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple:
        return (Path.write_text, (self.path, "the pickle ran"))


def hostile_object(path: Path) -> _WritesAFile:
    """An object whose pickle, when loaded, writes path."""
    return _WritesAFile(path)


def hostile_pickle(path: Path) -> bytes:
    """Pickle bytes that write path when loaded."""
    return pickle.dumps(_WritesAFile(path))
