"""Write an output file all at once, or not at all, and never over an input.

A committee report is evidence: a half-written workbook left behind by a full
disk or a Ctrl-C would be mistaken for a complete one, and a typo such as
``--out nominations.xlsx`` must not destroy the nominations. So every writer
goes through :func:`write_atomic`:

- the target must not be one of the inputs (compared after resolving symlinks,
  and with ``os.path.samefile`` when both exist, which also catches hard links);
- an existing target is replaced only with ``force``; its folder must exist;
- the content goes to a temporary file in the *same* folder (so the final
  ``os.replace`` is an atomic rename on one file system), is flushed to disk
  with ``fsync``, then renamed over the target;
- on any exception, including ``KeyboardInterrupt``, the temporary file is
  removed and the exception propagates: the target is untouched. An ``OSError``
  (read-only folder, full disk) becomes an :class:`OutputError` naming the target.

The target ``-`` (standard output) is not handled here: the CLI writes the text
of JSON/CSV outputs to ``sys.stdout`` itself and never calls these functions for it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from chuluc_cli.errors import OutputError
from chuluc_cli.i18n import msg, os_reason

STDOUT = "-"  # the CLI's name for standard output; never a file name here


def write_atomic(
    target: Path,
    write: Callable[[Path], None],
    *,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
) -> None:
    """Create ``target`` by calling ``write(temp_path)``, then renaming the result into place.

    Raises :class:`OutputError` (one line naming the path) when ``target`` is one of
    ``inputs``, exists without ``force``, is a folder, or its folder is missing.
    """
    target = Path(target)
    check_target(target, inputs=inputs, force=force)
    try:
        descriptor, temp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as exc:  # a read-only folder, a full disk
        raise _cannot_write(target, exc) from exc
    os.close(descriptor)
    temp = Path(temp_name)
    try:
        write(temp)
        _finish(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _cannot_write(target, exc) from exc
        raise
    _sync_folder(target.parent)


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    reason = os_reason(exc)
    return OutputError(msg("errors.output.cannot_write", path=target, reason=reason))


def write_text_atomic(
    target: Path,
    text: str,
    *,
    encoding: str = "utf-8",
    inputs: Sequence[Path | str] = (),
    force: bool = False,
) -> None:
    """Write ``text`` to ``target`` atomically (see :func:`write_atomic`); newlines kept as is."""

    def write(path: Path) -> None:
        with path.open("w", encoding=encoding, newline="") as handle:
            handle.write(text)

    write_atomic(target, write, inputs=inputs, force=force)


def check_target(
    target: Path,
    *,
    inputs: Sequence[Path | str] = (),
    force: bool = False,
) -> None:
    """Raise :class:`OutputError` unless ``target`` may be written (see :func:`write_atomic`).

    Callers may use it to fail before a long computation rather than after it.
    """
    target = Path(target)
    if str(target) == STDOUT:
        raise OutputError(msg("report.output.stdout"))
    if any(_same_file(target, Path(source)) for source in inputs):
        raise OutputError(msg("report.output.is_input", path=target))
    if target.is_dir():
        raise OutputError(msg("report.output.is_folder", path=target))
    if target.exists() and not force:
        raise OutputError(msg("report.output.exists", path=target))
    if not target.parent.is_dir():
        text = msg("report.output.no_folder", path=target, folder=target.parent)
        raise OutputError(text)


def _same_file(target: Path, source: Path) -> bool:
    if target.resolve() == source.resolve():
        return True
    try:
        return target.exists() and source.exists() and os.path.samefile(target, source)
    except OSError:
        return False


def _finish(temp: Path, target: Path) -> None:
    # mkstemp creates the file 0600; give the report the permissions a normal file
    # would get (or keep those of the file it replaces).
    mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
    os.chmod(temp, mode)
    with temp.open("rb+") as handle:
        os.fsync(handle.fileno())
    try:
        os.replace(temp, target)
    except PermissionError as exc:
        if not target.exists():
            raise
        # Windows refuses to replace a file another program holds open: the last
        # report, still open in Excel, is by far the usual case.
        reason = os_reason(exc)
        raise OutputError(msg("errors.output.in_use", path=target, reason=reason)) from exc


def _umask() -> int:
    # There is no way to read the umask without setting it; set it back at once.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not possible on every platform (Windows), so best effort.
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
