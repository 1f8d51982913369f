"""A file's name as DuckDB and Spark read it literally, whatever characters it holds.

DuckDB and Spark read a path as a glob pattern: a file named ``a[1].csv`` is read as the file
``a1.csv`` beside it, and ``b*.csv`` as every file whose name starts with ``b``. A name holding
a glob character is therefore read through a link of plain name in the run's scratch folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Final

from nhsplan.io._atomic import scratch

__all__ = ["GLOB_CHARACTERS", "literal_path"]

GLOB_CHARACTERS: Final = frozenset("*?[]{}")
"""Characters DuckDB or Spark (Hadoop) read as a pattern in a path."""


@contextlib.contextmanager
def literal_path(path: str | os.PathLike[str]) -> Iterator[str]:
    """*path*, or while the block runs a plain-named link to it if its name is a glob pattern.

    A path that does not exist is given back as it is, for the reader to report.
    """
    text = os.fspath(path)
    if not GLOB_CHARACTERS.intersection(text) or not os.path.lexists(text):
        yield text
        return
    suffixes = "".join(s for s in Path(text).suffixes[-2:] if not GLOB_CHARACTERS.intersection(s))
    with scratch() as folder:
        link = folder / f"input{suffixes}"
        link.symlink_to(os.path.abspath(text), target_is_directory=os.path.isdir(text))
        yield str(link)
