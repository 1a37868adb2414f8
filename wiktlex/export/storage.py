"""How every file wiktlex writes reaches the disk: whole, or not at all.

A file is written to a hidden temporary file in the target's own directory (so the final
rename never crosses file systems), flushed to disk, then renamed over the target. An
interrupted run, a full disk or an exception leaves the previous file intact, never a
half-file. The new file gets the mode an ordinary `open(path, "w")` would give: the
replaced file's permission bits, or 0o666 minus the umask for a new one (0644 under the
usual umask 022), not mkstemp's private 0600.

The JSONL and kaikki exporters, the fixtures tool and the docs generator all write
through here.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

TEMP_SUFFIX = ".tmp"


def umask() -> int:
    """The process's umask, read without changing it where Linux says it (/proc)."""
    with contextlib.suppress(OSError, ValueError, StopIteration):
        with open("/proc/self/status", encoding="ascii") as status:
            line = next(x for x in status if x.startswith("Umask:"))
        return int(line.split()[1], 8)
    mask = os.umask(0o022)  # elsewhere: set and restore (a brief window, single-threaded use)
    os.umask(mask)
    return mask


def mode_for(path: Path) -> int:
    """Permission bits for a file about to replace `path` (see the module docstring)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~umask()


def temp_prefix(path: Path) -> str:
    """`.out.jsonl.<pid>.`: hidden, and says which process may still be writing it."""
    return f".{path.name}.{os.getpid()}."


def open_temp(path: Path) -> tuple[IO[bytes], Path]:
    """A new temporary file beside `path`, open for reading and writing, with the mode
    `path` will have; OSError when the directory is not writable."""
    fd, name = tempfile.mkstemp(prefix=temp_prefix(path), suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        os.fchmod(fd, mode_for(path))
        return os.fdopen(fd, "w+b"), Path(name)
    except BaseException:
        os.close(fd)
        os.unlink(name)
        raise


def commit(handle: IO[bytes], temp: Path, path: Path) -> None:
    """Make `temp` durable, close it and rename it over `path`."""
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(temp, path)


def discard(handle: IO[bytes] | None, temp: Path | None) -> None:
    """Close and delete a temporary file that will not be committed.

    On a full disk, closing fails too (the buffered tail cannot be flushed; the file is
    closed all the same): that must not keep the file from being deleted.
    """
    if handle is not None:
        with contextlib.suppress(OSError):
            handle.close()
    if temp is not None:
        with contextlib.suppress(OSError):
            temp.unlink()


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Write `path` through a temporary file: renamed into place when the block ends
    without an exception, deleted when it raises."""
    target = Path(path)
    handle, temp = open_temp(target)
    try:
        yield handle
        commit(handle, temp, target)
    except BaseException:
        discard(handle, temp)
        raise


def write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    with atomic_write(path) as handle:
        handle.write(data)


def write_text(path: str | os.PathLike[str], text: str) -> None:
    """UTF-8, newlines as given (no platform translation), atomically."""
    write_bytes(path, text.encode("utf-8"))


def remove_orphans(path: Path) -> None:
    """Delete temp files left beside `path` by killed runs (their process is gone)."""
    for temp in path.parent.glob(f".{glob.escape(path.name)}.*{TEMP_SUFFIX}"):
        pid = temp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                temp.unlink()
        except OSError:  # alive but not ours (EPERM): leave it
            pass
