"""Files written whole or not at all, and one scratch folder per run that is always removed.

:func:`atomic_write` writes to a new file beside the target and renames it into place only once
it is complete and on disk (``fsync``, then :func:`os.replace`): a crash, a full disk or a file
size limit leaves the previous file untouched. On Linux the new file has no name until it is
complete (``O_TMPFILE``), so ``kill -9`` while it is written leaves nothing behind; elsewhere it
is a hidden ``.NAME.*.tmp`` file beside the target, removed on any error. The nameless file is
put in place in two steps (linked under a hidden ``.NAME.<12 hex digits>.tmp`` name, then
renamed over the target), because a link cannot replace a file: a ``kill -9`` in the instant
between them leaves that hidden name holding the *whole* new content, beside the untouched
target. The next write to the same target removes such a copy once it is a minute old.

:func:`scratch` is the one temporary folder (``nhsplan-*`` in the system's temporary
directory) where a run keeps its temporary databases and part files; nested calls share it.
:func:`removed_on_signal` turns SIGTERM into an orderly exit, so that the folder is removed
when a run is stopped; a folder left by a run that was killed outright (``kill -9``) is
removed by the next run, which finds its lock released.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Final, TextIO

__all__ = ["atomic_write", "atomic_write_bytes", "removed_on_signal", "scratch"]

_PREFIX: Final = "nhsplan-"
_LOCK: Final = ".lock"
_UNLOCKED_AGE: Final = 600.0
"""Seconds after which a scratch folder with no lock is taken for a run killed while making it:
taking the lock is microseconds after the folder is made, so one that old has no live owner."""
_LINK_AGE: Final = 60.0
"""Seconds after which a hidden link-in-the-middle copy is taken to be a killed writer's."""
_O_TMPFILE: Final = getattr(os, "O_TMPFILE", 0) if os.path.isdir("/proc/self/fd") else 0
_CURRENT: contextvars.ContextVar[Path | None] = contextvars.ContextVar(
    "nhsplan_scratch", default=None
)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], *, newline: str | None = None) -> Iterator[TextIO]:
    """A UTF-8 text file to write *path*'s new content to; *path* is replaced when the block ends.

    If the block raises (or the content cannot be put on disk: a full disk, a file-size
    limit), *path* keeps its previous content and no temporary file is left.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_write(target) as stream:
    ...     _ = stream.write("whole")
    >>> target.read_text()
    'whole'
    """
    with (
        _atomic(Path(path)) as fd,
        os.fdopen(fd, "w", encoding="utf-8", newline=newline, closefd=False) as stream,
    ):
        yield stream


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace *path* with *data*, whole or not at all (as :func:`atomic_write`)."""
    with _atomic(Path(path)) as fd, os.fdopen(fd, "wb", closefd=False) as stream:
        stream.write(data)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[int]:
    """A descriptor of a new file that replaces *path* once the block ends without error.

    A symbolic link is written through: the file it points to is replaced, the link kept.
    """
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent
    _remove_stale_links(folder, path.name)
    fd, name = _new_file(folder, path.name, _mode(path))
    try:
        yield fd  # the caller's stream is flushed and closed (closefd=False) by now
        os.fsync(fd)
        _link_into_place(fd, name, path)
    except BaseException:
        if name is not None:
            with contextlib.suppress(OSError):
                os.unlink(name)
        raise
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode(path: Path) -> int:
    """The permissions of the file being replaced, or the usual ones for a new file."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _new_file(folder: Path, name: str, mode: int) -> tuple[int, str | None]:
    """An open file in *folder*: nameless (O_TMPFILE) where the system allows, else hidden."""
    if _O_TMPFILE:
        try:
            fd = os.open(folder, _O_TMPFILE | os.O_WRONLY, mode)
        except OSError:  # a file system without it (or not a folder): the named way
            pass
        else:
            os.fchmod(fd, mode)  # the umask applied; keep the replaced file's mode
            return fd, None
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    os.fchmod(fd, mode)
    return fd, temp


def _remove_stale_links(folder: Path, name: str) -> None:
    """Remove hidden copies of *name* left by a writer killed between its link and rename.

    A live writer holds such a name for microseconds, so one a minute old is a killed
    writer's (complete) copy. The named fallback's partial files are never touched here:
    a slow live writer may still be filling one.
    """
    pattern = re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{12}}\.tmp\Z")
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if pattern.match(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if now - entry.stat(follow_symlinks=False).st_mtime >= _LINK_AGE:
                        os.unlink(entry.path)


def _link_into_place(fd: int, name: str | None, path: Path) -> None:
    if name is not None:
        os.replace(name, path)
        return
    # Nameless: link it beside the target under a hidden name, then rename that. The folder's
    # descriptor makes Python call linkat(AT_SYMLINK_FOLLOW), which follows /proc's link.
    folder = os.open(path.parent, os.O_RDONLY)
    hidden = f".{path.name}.{os.urandom(6).hex()}.tmp"
    try:
        os.link(f"/proc/self/fd/{fd}", hidden, dst_dir_fd=folder, follow_symlinks=True)
        try:
            os.replace(hidden, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(hidden, dir_fd=folder)
            raise
    finally:
        os.close(folder)


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A temporary folder for this run, removed when the outermost ``with`` ends.

    Nested calls (a column pass inside a command) get a fresh sub-folder of the same
    ``nhsplan-*`` folder, removed when their own block ends.
    """
    outer = _CURRENT.get()
    if outer is not None:
        inner = Path(tempfile.mkdtemp(dir=outer))
        try:
            yield inner
        finally:
            shutil.rmtree(inner, ignore_errors=True)
        return
    _sweep()
    folder = Path(tempfile.mkdtemp(prefix=_PREFIX))
    lock: int | None = None
    token = _CURRENT.set(folder)
    try:  # at once: a signal while the lock is taken still removes the folder
        lock = _lock(folder)
        yield folder
    finally:
        _CURRENT.reset(token)
        shutil.rmtree(folder, ignore_errors=True)
        if lock is not None:
            os.close(lock)


def _lock(folder: Path) -> int | None:
    """Hold a lock on *folder* for as long as this process lives (released even by kill -9)."""
    try:
        import fcntl  # noqa: PLC0415 - not on Windows
    except ImportError:  # pragma: no cover - Windows removes nothing it cannot lock
        return None
    new = folder / f"{_LOCK}-new"
    fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    new.rename(folder / _LOCK)  # seen by others only once it is held
    return fd


def _sweep() -> None:
    """Remove the scratch folders of runs that were killed (their lock is free)."""
    try:
        import fcntl  # noqa: PLC0415 - not on Windows
    except ImportError:  # pragma: no cover
        return
    root = Path(tempfile.gettempdir())
    with contextlib.suppress(OSError):
        for folder in root.glob(f"{_PREFIX}*"):
            lock = folder / _LOCK
            try:
                fd = os.open(lock, os.O_WRONLY)
            except OSError:  # no lock yet: being made right now, or its run was killed then
                if _unlocked_and_old(folder):
                    shutil.rmtree(folder, ignore_errors=True)
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # a live run holds it
                continue
            finally:
                os.close(fd)
            shutil.rmtree(folder, ignore_errors=True)


def _unlocked_and_old(folder: Path) -> bool:
    """Whether *folder* is a scratch folder whose run was killed before it took its lock."""
    try:
        age = time.time() - folder.stat().st_mtime
    except OSError:
        return False
    return folder.is_dir() and not (folder / _LOCK).exists() and age > _UNLOCKED_AGE


def _stop(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def removed_on_signal() -> Iterator[None]:
    """While the block runs, SIGTERM exits it in order (``finally`` blocks and ``with`` exits run).

    SIGINT already does (as :class:`KeyboardInterrupt`). Outside the main thread, where no
    handler can be installed, the block runs unchanged.
    """
    if sys.platform == "win32" or not _main_thread():  # pragma: no cover
        yield
        return
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _main_thread() -> bool:
    import threading  # noqa: PLC0415

    return threading.current_thread() is threading.main_thread()
