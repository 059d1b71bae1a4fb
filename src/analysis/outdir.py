"""The output folder of a run: checked, locked, staged, published in one step, cleaned after a crash.

A run of ``framing count`` writes every table into a hidden staging folder
inside the output folder (``.framing-staging-PID-XXXX/``, on the same file
system, so moves are renames) and publishes them at the end with
:func:`analysis.provenance.commit_outputs`: the previous ``manifest.json``
goes first, the tables are moved, the new manifest comes last.  While it
publishes, SIGINT and SIGTERM are held back, and an intent file
(``.framing-publishing.json``) names every table the folder may then hold,
so that after a crash (SIGKILL, power loss) the next run removes what the
interrupted one left.

The guarantee for a reader: **when ``manifest.json`` exists, every table it
lists is the one of its run** (its SHA-256 is in the manifest); while a run
publishes, or after one died publishing, there is no manifest.  A lock file
(``.framing.lock``, holding the writer's process id) refuses a second run
into the same folder while one is running; a lock left by a dead process is
taken over.  Worker processes die with their parent (:func:`die_with_parent`)
and are stopped at once on an interrupt (:func:`stop_workers`).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from .errors import FramingInputError

LOCK_FILE = ".framing.lock"
STAGING_PREFIX = ".framing-staging-"
INTENT_FILE = ".framing-publishing.json"
#: A lock file without a process id younger than this may be one being written right now.
_FRESH_LOCK_SECONDS = 5.0


def check_output_folder(out: str | Path, inputs: Iterable[str | Path] = ()) -> Path:
    """Refuse an output folder that cannot be one, before anything is read or written.

    Parameters
    ----------
    out : str or Path
        The ``--out`` folder (created later if missing).
    inputs : iterable of str or Path
        The corpus files and folders: ``out`` must not be one of them nor lie
        inside an input folder (the next run would read the tables as articles).

    Returns
    -------
    Path

    Raises
    ------
    FramingInputError
        An empty path, an existing file, or a folder inside an input folder.
    """
    if str(out).strip() == "":
        raise FramingInputError("--out", "is empty (an unset shell variable?): name an output folder")
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise FramingInputError(folder, "exists and is not a folder: choose a folder for --out")
    resolved = folder.resolve()
    for given in inputs:
        source = Path(given)
        if str(given) and source.is_dir() and (resolved == source.resolve() or source.resolve() in resolved.parents):
            raise FramingInputError(
                folder, f"is inside the input folder {source}: the next run would read the tables as articles; "
                "choose an --out outside it",
            )  # fmt: skip
    return folder


def check_input_paths(paths: Iterable[str | Path]) -> None:
    """Refuse input paths that cannot be read as files or folders, naming the path and why.

    Raises
    ------
    FramingInputError
        An empty path, a missing one, a path too long, a FIFO, socket or
        device, or a file this user may not read.
    """
    for given in paths:
        if str(given).strip() == "":
            raise FramingInputError("PATH", "is empty (an unset shell variable?): name a file or folder of articles")
        path = Path(given)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            raise FramingInputError(path, "does not exist") from None
        except OSError as error:
            raise FramingInputError(path, f"cannot be read ({error.strerror or error})") from None
        if stat.S_ISDIR(mode):
            continue
        if not stat.S_ISREG(mode):
            raise FramingInputError(
                path, "is not a regular file (a FIFO, socket or device): save the articles to a file and name that"
            )
        if not os.access(path, os.R_OK):
            raise FramingInputError(path, "cannot be read (permission denied): check the file's permissions")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True


def _lock_owner(lock: Path) -> int | None:
    """The process id in a lock file; None for a lock being written (or unreadable and fresh)."""
    try:
        text = lock.read_text(encoding="ascii").strip()
        return int(text)
    except (OSError, ValueError, UnicodeDecodeError):
        try:
            fresh = time.time() - lock.stat().st_mtime < _FRESH_LOCK_SECONDS
        except OSError:
            return 0  # gone meanwhile: free
        return None if fresh else 0


def acquire_lock(folder: Path) -> Path:
    """Create ``folder/.framing.lock`` with this process's id, taking over a dead process's lock.

    Raises
    ------
    FramingInputError
        Another live process holds the lock.
    """
    lock = folder / LOCK_FILE
    for _ in range(3):
        try:
            handle = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            owner = _lock_owner(lock)
            if owner is None or (owner != os.getpid() and _pid_alive(owner)):
                who = "a starting run" if owner is None else f"process {owner}"
                raise FramingInputError(
                    folder, f"another framing run ({who}) is writing into this folder; wait for it to end or "
                    f"choose another --out (if no run is active, remove {lock})",
                ) from None  # fmt: skip
            lock.unlink(missing_ok=True)  # the lock of a dead run: taken over
            continue
        with os.fdopen(handle, "w", encoding="ascii") as stream:
            stream.write(f"{os.getpid()}\n")
        return lock
    raise FramingInputError(folder, f"cannot take the lock {lock}; remove it if no framing run is active")


def release_lock(lock: Path) -> None:
    """Remove the lock if this process still holds it."""
    if _lock_owner(lock) == os.getpid():
        lock.unlink(missing_ok=True)


def remove_stale_staging(folder: Path) -> list[Path]:
    """Remove staging folders and temporary table files of runs that died (call with the lock held).

    Recognised are ``.framing-staging-*`` folders and the ``.NAME.*.csv.tmp``
    / ``.manifest.*.json.tmp`` files that earlier versions staged beside the
    tables; nothing else is touched.
    """
    from .tables import OUTPUT_TABLES

    names = {str(t.file) for t in OUTPUT_TABLES} | {"manifest.json"}
    prefixes = tuple(f".{Path(n).stem}." for n in names)
    removed = []
    for entry in folder.iterdir():
        if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
        elif entry.name.startswith(prefixes) and entry.name.endswith(".tmp") and entry.is_file():
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def pending_tables(folder: Path) -> set[str]:
    """The tables an interrupted publication may have left (from its intent file); empty if none."""
    try:
        names = json.loads((folder / INTENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    return {n for n in names if isinstance(n, str) and "/" not in n and n not in ("", ".", "..")}


def write_intent(folder: Path, names: Iterable[str]) -> None:
    """Record, before publishing, every table the folder may hold until the manifest is in place."""
    intent = folder / INTENT_FILE
    temporary = intent.with_name(intent.name + ".tmp")
    temporary.write_text(json.dumps(sorted(set(names))), encoding="utf-8")
    os.replace(temporary, intent)


def clear_intent(folder: Path) -> None:
    """Remove the intent file once the manifest is in place."""
    (folder / INTENT_FILE).unlink(missing_ok=True)


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back for a short critical step (delivered right after it)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # pragma: no cover - not POSIX or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def die_with_parent() -> None:
    """Ask Linux to send SIGTERM to this worker when its parent dies (even by SIGKILL): no orphans."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - not Linux: workers end when their queue closes
        pass


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Stop a pool's workers now, without waiting for the chunks queued (none of them is wanted)."""
    # ProcessPoolExecutor has no public terminate(); its process table is read before shutdown clears it.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    # A chunk half-written to the workers' queue would block the exit forever (its pipe full, its
    # readers gone): the queue's feeder is abandoned instead of waited for.
    call_queue = getattr(pool, "_call_queue", None)
    if call_queue is not None:
        call_queue.cancel_join_thread()
    # shutdown() takes the pool's lock, which an interrupt inside submit() may have left held:
    # it runs in a helper thread that is given a moment, and the workers are stopped regardless.
    closing = threading.Thread(target=pool.shutdown, kwargs={"wait": False, "cancel_futures": True}, daemon=True)
    closing.start()
    closing.join(timeout=2)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


@contextmanager
def output_run(out: str | Path, inputs: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Check and lock an output folder, clean what dead runs left, and yield a fresh staging folder.

    On leaving (normally or by an exception) the staging folder is removed,
    the lock released, and the folders this run created and left empty are
    removed: ``out`` and the parents that were missing (``--out new/run``
    where ``new`` did not exist), so a failed run leaves the disk as it was.

    Yields
    ------
    Path
        The staging folder, inside ``out``.
    """
    folder = check_output_folder(out, inputs)
    created = missing_folders(folder)
    folder.mkdir(parents=True, exist_ok=True)
    lock = acquire_lock(folder)
    staging: Path | None = None
    try:
        remove_stale_staging(folder)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=folder))
        yield staging
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        release_lock(lock)
        remove_empty_folders(created)  # a failed run leaves no trace, not even an empty folder or parent


def missing_folders(folder: Path) -> list[Path]:
    """``folder`` and those of its parents that do not exist, deepest first: what ``mkdir(parents=True)`` creates."""
    missing = []
    for place in (folder, *folder.parents):
        if place.exists():
            break
        missing.append(place)
    return missing


def remove_empty_folders(folders: list[Path]) -> None:
    """Remove ``folders`` (deepest first) while each is an empty folder; stop at the first that is not.

    A folder that gained an entry meanwhile (this run's tables, another program's file) stays, and so do its parents.
    """
    for place in folders:
        try:
            place.rmdir()  # refuses a folder that is not empty
        except OSError:
            return


__all__ = [
    "INTENT_FILE", "LOCK_FILE", "STAGING_PREFIX", "acquire_lock", "check_input_paths", "check_output_folder", "clear_intent", "die_with_parent",
    "missing_folders", "output_run", "pending_tables", "release_lock", "remove_empty_folders", "remove_stale_staging",
    "signals_held", "stop_workers", "write_intent",
]  # fmt: skip
