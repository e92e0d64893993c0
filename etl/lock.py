"""One build at a time per database file: an exclusive ``fcntl.flock`` on ``<db>.lock`` beside it.

Rules:

- The lock file is ``<db>.lock`` in the target's folder (``data/alliance.duckdb.lock``); it exists only
  while a build holds it. The holder deletes it before releasing; a waiter that then gets the lock of
  the deleted file notices (the path no longer names the file it locked) and tries again on the new
  one, so two builds never both believe they hold the lock. Its content (the holder's pid and thread)
  is informative only.
- ``flock`` locks belong to an open file description, so two threads of one process exclude each other
  as two processes do. The kernel drops the lock when its holder dies (``kill -9`` included): a dead
  build never blocks the next one.
- ``wait=True`` (the default) queues: the second build waits, then runs on top of the first one's
  result. ``timeout`` bounds the wait (``BuildLockTimeout``); ``wait=False`` fails at once when busy.
  ``on_wait`` is called once when the lock is busy, before waiting (the CLI says so).
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from etl.messages import BuildFault

log = logging.getLogger(__name__)
POLL_S = 0.05


class BuildLockTimeout(BuildFault):
    """Another build of the same database holds the lock (longer than ``timeout``, or ``wait=False``)."""


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise


def _open(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise BuildFault(f"cannot create the build lock {path} ({exc.strerror or exc}); is the folder "
                         f"{path.parent} writable? The database was not touched") from exc


def _still_named(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file locked through ``fd`` (its holder may have deleted it)."""
    try:
        return os.stat(path).st_ino == os.fstat(fd).st_ino
    except FileNotFoundError:
        return False


def _acquire(path: Path, wait: bool, timeout: float | None, on_wait: Callable[[], None] | None) -> int:
    """The descriptor of the locked ``path``; see build_lock."""
    name = path.name[: -len(".lock")]
    started = time.monotonic()
    told = False
    while True:
        fd = _open(path)
        try:
            locked = _try_lock(fd)
            if not locked:
                if not wait:
                    raise BuildLockTimeout(f"another build of {name} is running (lock {path}); try again when it "
                                           "has finished")
                if not told:
                    told = True
                    log.info("waiting for another build of %s (lock %s)", name, path)
                    if on_wait is not None:
                        on_wait()
                if timeout is None:
                    fcntl.flock(fd, fcntl.LOCK_EX)  # blocks; the kernel queues us
                else:
                    while not _try_lock(fd):
                        if time.monotonic() - started >= timeout:
                            raise BuildLockTimeout(f"another build of {name} still runs after {timeout:g} s (lock "
                                                   f"{path}); try again when it has finished")
                        time.sleep(POLL_S)
            if _still_named(fd, path):
                if told:
                    log.info("got the build lock of %s after %.1f s", name, time.monotonic() - started)
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # we locked a file its holder had deleted: try again on the current one


@contextmanager
def build_lock(db_path: Path, *, wait: bool = True, timeout: float | None = None,
               on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """Hold the build lock of ``db_path`` for the ``with`` block; yields the lock file's path.

    Raises ``BuildLockTimeout`` when the lock stays busy (``wait=False``, or longer than ``timeout``
    seconds) and ``BuildFault`` when the lock file cannot be created (read-only folder, full disk)."""
    path = lock_path(Path(db_path).resolve())
    fd = _acquire(path, wait, timeout, on_wait)
    try:
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} thread {threading.get_ident()}\n".encode())
        except OSError as exc:  # a full disk must not stop a build that would fail clearly later
            log.warning("could not note the holder in %s: %s", path, exc)
        yield path
    finally:
        try:
            path.unlink()  # before releasing: a waiter on this file then retries on a new one
        except OSError as exc:
            log.warning("could not remove the build lock %s: %s", path, exc)
        os.close(fd)  # closing the descriptor releases the lock
