"""A run directory changes as one unit: the old run or the new one is on disk, never a mix.

A new run is built in a hidden sibling, ``.NAME.staging-PID/``. A run into a fresh (or empty)
directory is moved into place at its first save; from then on each file is replaced
atomically (``neurokit.core.atomic``). A run that replaces an existing one (``overwrite``)
stays in the sibling until it has trained as far as asked; the two directories are then
swapped with one ``renameat2(RENAME_EXCHANGE)`` (or, where the kernel lacks it, two renames
that ``recover`` undoes if the process dies between them). A replacing run that stops early
is kept beside the old one as ``NAME.unfinished`` and the old run stays where it was.

For the run's whole life an OS lock (``fcntl.flock``) on the sibling ``.NAME.lock`` is held,
with the holder's PID written inside, so a second training into the same directory is refused.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
from pathlib import Path

from neurokit.core.errors import NeurokitError
from neurokit.pipeline import runinfo, runs

RENAME_EXCHANGE = 2  # from <linux/fs.h>
AT_FDCWD = -100
UNFINISHED_SUFFIX = ".unfinished"


class RunDirError(NeurokitError):
    """The run directory cannot be created, written, locked or swapped."""


def describe_os_error(exc: OSError, path: Path | str) -> str:
    """``PATH: Permission denied`` — the path and the system's reason, on one line."""
    reason = exc.strerror or type(exc).__name__
    return f"{one_line_path(path)}: {reason}"


def one_line_path(path: Path | str) -> str:
    # A newline or other control character in a path must not split the message.
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in str(path))


def lock_path(run_dir: Path) -> Path:
    return run_dir.parent / f".{run_dir.name}.lock"


def staging_path(run_dir: Path) -> Path:
    return run_dir.parent / f".{run_dir.name}.staging-{os.getpid()}"


def aside_path(run_dir: Path) -> Path:
    return run_dir.parent / f".{run_dir.name}.old-{os.getpid()}"


# --- the lock ---------------------------------------------------------------------------------


class RunLock:
    """An exclusive ``flock`` on ``.NAME.lock`` beside the run directory, PID inside."""

    def __init__(self, run_dir: Path):
        self.run_dir = run_dir
        self.path = lock_path(run_dir)
        self.fd: int | None = None

    def acquire(self) -> None:
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_pid(fd)
                os.close(fd)
                who = f"PID {holder}" if holder else "another process"
                raise RunDirError(
                    f"{one_line_path(self.run_dir)}: another neurokit training ({who}) is "
                    "writing this run directory; wait for it or choose another output directory"
                ) from None
            # The previous holder unlinks the file when it lets go; lock the file on disk.
            if _same_file(fd, self.path):
                break
            os.close(fd)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self.fd = fd

    def release(self) -> None:
        if self.fd is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self.fd)  # closing drops the flock
        self.fd = None


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def is_locked(run_dir: Path) -> bool:
    """True while some process holds ``run_dir``'s lock."""
    try:
        fd = os.open(lock_path(run_dir), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


# --- swapping ---------------------------------------------------------------------------------


def exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux ``renameat2``); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def replace_dir(new: Path, target: Path) -> None:
    """Put the complete run in ``new`` at ``target``; the old run at ``target`` is removed."""
    if exchange(new, target):
        _fsync_dir(target.parent)
        shutil.rmtree(new, ignore_errors=True)  # now holds the old run
        return
    aside = aside_path(target)
    os.rename(target, aside)
    # A death here leaves no TARGET but the old run at ASIDE: ``recover`` puts it back.
    os.rename(new, target)
    _fsync_dir(target.parent)
    shutil.rmtree(aside, ignore_errors=True)


def recover(run_dir: Path) -> None:
    """Undo a replace that died between its two renames: the old run goes back in place."""
    if run_dir.exists():
        return
    for aside in sorted(run_dir.parent.glob(f".{_glob_escape(run_dir.name)}.old-*")):
        if (aside / runs.SPEC_FILE).is_file():
            os.rename(aside, run_dir)
            return


def recover_if_idle(run_dir: Path) -> None:
    """``recover`` when no training holds the directory (for readers such as ``evaluate``)."""
    with contextlib.suppress(OSError):
        if not run_dir.exists() and run_dir.parent.is_dir() and not is_locked(run_dir):
            recover(run_dir)


def clean_leftovers(run_dir: Path) -> list[Path]:
    """Remove what a killed neurokit left for this directory: staging and set-aside
    directories beside it, half-written ``.FILE.*.tmp`` files in it. Call under the lock."""
    removed = []
    name = _glob_escape(run_dir.name)
    for pattern in (f".{name}.staging-*", f".{name}.old-*"):
        for leftover in run_dir.parent.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
            removed.append(leftover)
    if run_dir.is_dir():
        for file_name in (*runs.RUN_FILES, runinfo.RUN_INFO_FILE):
            for leftover in run_dir.glob(f".{_glob_escape(file_name)}.*.tmp"):
                with contextlib.suppress(OSError):
                    leftover.unlink()
                    removed.append(leftover)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _unique_sibling(path: Path) -> Path:
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}-{number}")
    return candidate


def claim_new_dir(root: Path, name: str) -> Path:
    """Create ``root/name`` (or ``name-2``, ``name-3``, … if taken) and return it; ``mkdir``
    either creates or fails, so two processes never claim the same one."""
    candidate, number = root / name, 1
    try:
        root.mkdir(parents=True, exist_ok=True)
        while True:
            try:
                candidate.mkdir()
                return candidate
            except FileExistsError:
                number += 1
                candidate = root / f"{name}-{number}"
    except OSError as exc:
        raise RunDirError(
            f"cannot create the run directory: {describe_os_error(exc, candidate)}"
        ) from None


# --- one run's directory ----------------------------------------------------------------------


class RunDirectory:
    """Where one training run writes, from ``open`` to ``finish``.

    ``write_dir`` is where the next save goes: the staging sibling until the run is
    published, then the run directory itself.
    """

    def __init__(self, path: Path, *, overwrite: bool = False, resume: bool = False):
        self.path = Path(path)
        self.overwrite = overwrite
        self.resume = resume
        self.lock = RunLock(self.path)
        self.staging: Path | None = None
        self.replacing = False
        self.saved = False
        self.note = ""

    @property
    def write_dir(self) -> Path:
        return self.staging if self.staging is not None else self.path

    def open(self) -> RunDirectory:
        """Lock, recover, clean and check the directory; everything before training starts."""
        try:
            self._open()
        except OSError as exc:
            self.lock.release()
            where = exc.filename or self.path
            raise RunDirError(
                f"cannot write the run directory: {describe_os_error(exc, where)}"
            ) from None
        except BaseException:
            self.lock.release()
            raise
        return self

    def _open(self) -> None:
        if self.path.exists() and not self.path.is_dir():
            raise RunDirError(f"{one_line_path(self.path)}: exists and is not a directory")
        if self.resume and not self.path.is_dir():
            raise RunDirError(f"{one_line_path(self.path)}: no such run directory")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock.acquire()
        recover(self.path)
        clean_leftovers(self.path)
        if self.resume:
            if not self.path.is_dir():
                raise RunDirError(f"{one_line_path(self.path)}: no such run directory")
            if not os.access(self.path, os.W_OK):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path))
            return
        runs.check_out_dir(self.path, self.overwrite)
        self.replacing = any((self.path / name).exists() for name in runs.RUN_FILES)
        if self.path.exists() and not os.access(self.path, os.W_OK | os.X_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self.path))
        # Creating the sibling proves the parent is writable before any epoch is spent.
        self.staging = staging_path(self.path)
        self.staging.mkdir()

    def after_save(self) -> None:
        """Called after every save into ``write_dir``: a new run appears at its first save."""
        self.saved = True
        if self.staging is None or self.replacing:
            return
        self._publish_into_place()

    def _publish_into_place(self) -> None:
        staging = self.staging
        assert staging is not None
        try:
            os.rename(staging, self.path)  # onto a missing or empty directory: atomic
        except OSError as exc:
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
            # The directory holds the user's own files: move ours in, spec.json last, since a
            # directory without spec.json is not taken for a run.
            names = sorted(os.listdir(staging), key=lambda n: n == runs.SPEC_FILE)
            for name in names:
                os.replace(staging / name, self.path / name)
            staging.rmdir()
        _fsync_dir(self.path.parent)
        self.staging = None

    def finish(self, completed: bool) -> str:
        """Swap a finished replacing run in, or keep a stopped one beside the old run;
        release the lock. Returns a note for the user ("" when there is nothing to say)."""
        try:
            if self.staging is not None:
                if not self.saved:
                    shutil.rmtree(self.staging, ignore_errors=True)
                elif completed:
                    replace_dir(self.staging, self.path)
                else:
                    kept = _unique_sibling(self.path.with_name(self.path.name + UNFINISHED_SUFFIX))
                    os.rename(self.staging, kept)
                    self.note = (
                        f"the finished run in {one_line_path(self.path)} was kept; this run "
                        f"stopped early and was saved to {one_line_path(kept)}"
                    )
                self.staging = None
        finally:
            self.lock.release()
        return self.note
