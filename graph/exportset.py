"""Swap a whole export set into place, so readers see one build or the next, never a mix.

In: an output folder and a function that writes the set's files into a folder.
Out: the files in the output folder. The set is written into a staging folder
beside the output folder and exchanged with it in one rename (Linux
`renameat2(RENAME_EXCHANGE)`; elsewhere two renames with a moment between them).
A build killed while writing leaves the previous set whole; the staging folder it
leaves is removed by the next build. Files in the output folder that no export
writes (a README, say) are carried over into each new set.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path

from .atomic import umask
from .errors import ConfigError

log = logging.getLogger(__name__)

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_STAGING = re.compile(r"^\.(?P<name>.+)\.(?:staging|old)-(?P<pid>\d+)-")


def check_output_folder(out: Path) -> None:
    """Fail now, before any parsing, if `out` cannot receive an export set.

    Raises:
        ConfigError: `out` is a file, or it (or the folder that would hold it)
            is not writable.
    """
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out {out} is a file; give a folder for the exports")
    parent = out.resolve().parent
    existing = next((p for p in (parent, *parent.parents) if p.exists()), None)
    if existing is None or not os.access(existing, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out}: cannot create files in {existing or parent}; "
                          "choose a folder you can write to")
    if out.exists() and not os.access(out, os.W_OK | os.X_OK):
        raise ConfigError(f"--out {out} is not writable; choose a folder you can write to")


def publish(out: Path, write: Callable[[Path], list[Path]], *,
            owned: Collection[str]) -> list[Path]:
    """Let `write` fill a staging folder, then swap it in as `out`.

    Args:
        write: writes the set into the folder it is given; returns the files.
        owned: file names exports write; any other file already in `out` is
            carried over into the new set.

    Returns:
        The paths of the written files, inside `out`.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-",
                                    dir=out.parent))
    try:
        written = write(staging)
        if out.is_dir():
            os.chmod(staging, out.stat().st_mode & 0o7777)
            for kept in sorted(out.iterdir()):
                if kept.name not in owned and kept.is_file() and not kept.name.endswith(".tmp"):
                    shutil.copy2(kept, staging / kept.name)
            _exchange(staging, out)
        else:
            os.chmod(staging, 0o777 & ~umask())
            os.rename(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log.info("export set of %d files swapped into %s", len(written), out)
    return [out / path.name for path in written]


def remove_stale(out: Path) -> None:
    """Remove staging folders that builds no longer running left beside `out`."""
    if not out.parent.is_dir():
        return
    for entry in out.parent.iterdir():
        match = _STAGING.match(entry.name)
        if match and match.group("name") == out.name and not _alive(int(match.group("pid"))):
            shutil.rmtree(entry, ignore_errors=True)
            log.info("removed %s, left by an interrupted build", entry)


def _exchange(new: Path, old: Path) -> None:
    """Swap the folders `new` and `old` (after it, `new` holds the old set)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            done = renameat2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(old),
                             _RENAME_EXCHANGE)
            if done == 0:
                return
            if ctypes.get_errno() not in (errno.EINVAL, errno.ENOSYS, errno.EXDEV):
                raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(old))
    # No atomic exchange here: two renames, with the old set kept until the new is in.
    aside = Path(tempfile.mkdtemp(prefix=f".{old.name}.old-{os.getpid()}-", dir=old.parent))
    aside.rmdir()
    os.rename(old, aside)
    os.rename(new, old)
    os.rename(aside, new)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
