"""Write files so that a reader sees the old file or the whole new one, never half.

A file is written to a hidden temporary file beside it (``.NAME.PID.XXXX.tmp``: same
directory, so the final rename is atomic on POSIX file systems), flushed to disk, then
renamed over the target. An exception or a SIGTERM (see :func:`cleanup_on_signals`)
deletes the temporary file; a SIGKILL cannot be caught, so the temporary files a dead
process left behind are removed by the next build (:func:`remove_stale_temps`), known by
the process id in their name.
"""
from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_text", "atomic_write_bytes", "remove_stale_temps",
           "cleanup_on_signals", "live_temps"]

#: Temporary files this process has open now; removed by :func:`cleanup_on_signals`.
_LIVE: set[str] = set()
_TEMP_NAME = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def live_temps() -> set[str]:
    """The temporary files this process is writing (a copy)."""
    return set(_LIVE)


@contextlib.contextmanager
def atomic_write(path, mode: str = "w", encoding: str | None = "utf-8"):
    """Open a temporary file beside ``path``; rename it over ``path`` when the block ends
    without an exception, delete it otherwise.

    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> with atomic_write(os.path.join(d, "x.txt")) as f:
    ...     _ = f.write("hello")
    >>> open(os.path.join(d, "x.txt")).read(), os.listdir(d)
    ('hello', ['x.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    _LIVE.add(tmp)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        with os.fdopen(fd, mode, encoding=None if "b" in mode else encoding,
                       newline=None if "b" in mode else "\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        _LIVE.discard(tmp)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        _LIVE.discard(tmp)
        raise


def _fsync_dir(d: Path) -> None:
    """Make the rename itself durable (a crash right after it keeps the new file)."""
    with contextlib.suppress(OSError):
        fd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


_UMASK: int | None = None


def _umask() -> int:
    # read once: os.umask can only be read by setting it, which is not thread-safe
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0)
        os.umask(_UMASK)
    return _UMASK


def atomic_write_text(path, text: str) -> None:
    with atomic_write(path) as f:
        f.write(text)


def atomic_write_bytes(path, data: bytes) -> None:
    with atomic_write(path, "wb") as f:
        f.write(data)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_temps(directory) -> list[Path]:
    """Delete the temporary files of :func:`atomic_write` in ``directory`` whose writing
    process is gone (killed with SIGKILL, or the machine stopped). Returns them.
    """
    removed: list[Path] = []
    d = Path(directory)
    if not d.is_dir():
        return removed
    for p in sorted(d.iterdir()):
        m = _TEMP_NAME.match(p.name)
        if m and p.is_file() and not _alive(int(m.group(1))):
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
                removed.append(p)
    return removed


class _Terminated(SystemExit):
    """Raised in the main thread on SIGTERM/SIGHUP so that cleanup code runs."""


@contextlib.contextmanager
def cleanup_on_signals(signals=(signal.SIGTERM, signal.SIGHUP)):
    """Turn ``signals`` into :class:`SystemExit` (exit code 128 + signal number) while the
    block runs, so that every :func:`atomic_write` in progress deletes its temporary file
    and the targets keep their previous content. Any temporary file still listed when the
    block ends by a signal is removed too.
    """
    previous = {}

    def handler(signum, _frame):
        raise _Terminated(128 + signum)

    for s in signals:
        with contextlib.suppress(ValueError, OSError):  # not the main thread
            previous[s] = signal.signal(s, handler)
    try:
        yield
    except _Terminated:
        for tmp in list(_LIVE):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            _LIVE.discard(tmp)
        raise
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
