"""Where a file SkillDesk writes may go, and writing it whole or not at all.

Every writer — templates, exports, sign-in sheets, certificates, error workbooks, public keys,
the audit export, backups — goes through one `OutputGuard`. It refuses a path that is the open
database or one of its companion files (-wal, -shm, -journal: overwriting any of them destroys
or corrupts the data), anything in the key folder (a key overwritten is personal data lost), and
the file being read (an error workbook written over the roster it came from replaces it). An
existing file is replaced only when the caller says so (`--force` on the command line; the
window's save dialog has already asked). The bytes go to a temporary file in the same folder and
get the final name only when they are complete, so a crash or a full disk never leaves half a
file where the old one was.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop_app import messages

messages.register(
    {
        "output.is_database": (
            "没有写入 {path}：它是正在使用的数据库 {database} 或其附属文件，写入会毁掉其中的数据。请换一个文件名或文件夹。",
            "Nothing was written to {path}: it is the database in use ({database}) or one of its companion files; "
            "writing there would destroy its data. Choose another name or folder.",
        ),
        "output.in_key_folder": (
            "没有写入 {path}：它在密钥文件夹 {folder} 中，覆盖那里的文件会使个人信息无法解密。请换一个文件夹。",
            "Nothing was written to {path}: it is inside the key folder {folder}, where overwriting a file makes "
            "personal data unreadable. Choose another folder.",
        ),
        "output.is_source": (
            "没有写入 {path}：它正是本次读取的文件，写入会把它替换掉。请换一个文件名。",
            "Nothing was written to {path}: it is the file being read, and writing would replace it. "
            "Choose another name.",
        ),
        "output.exists": (
            "没有写入 {path}：该文件已存在，程序没有覆盖它。请换一个文件名，或明确要求替换它。",
            "Nothing was written to {path}: the file exists and was left as it was. Choose another name, "
            "or ask explicitly to replace it.",
        ),
        "output.is_folder": ("没有写入 {path}：这是一个文件夹，请给出文件名。",
                             "Nothing was written to {path}: it is a folder; give a file name."),
        "output.write_failed": ("无法写入 {path}：{detail}。原有文件（如有）保持不变。",
                                "Cannot write {path}: {detail}. Any existing file there was left as it was."),
    }
)

# What SQLite keeps beside a database file while it is open (WAL mode) or in a transaction.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")


class OutputRefused(messages.UserFacingError):
    """The path may not be written (database, key folder, the file being read, an existing file)."""


def _resolved(path: Path) -> Path:
    try:
        return Path(os.path.abspath(path)).resolve()
    except OSError:
        return Path(os.path.abspath(path))


def _same(a: Path, b: Path) -> bool:
    if _resolved(a) == _resolved(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)  # hard links, case-insensitive disks
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    resolved, base = _resolved(path), _resolved(folder)
    return resolved == base or base in resolved.parents


@dataclass(frozen=True)
class OutputGuard:
    """The paths this office must never write: its database (and companions) and its key folder.
    An `OutputGuard()` with nothing protected still refuses to replace and writes atomically."""

    database: Path | None = None
    key_folder: Path | None = None

    @classmethod
    def for_database(cls, database: Path | None, key_folder: Path | None) -> OutputGuard:
        return cls(database=Path(database) if database else None, key_folder=Path(key_folder) if key_folder else None)

    def check(self, path: Path, *, replace: bool = False, sources: Iterable[Path] = ()) -> Path:
        """`path` as given, once it is allowed; OutputRefused naming it otherwise."""
        path = Path(path)
        shown = str(path)
        if self.database is not None:
            for suffix in ("", *COMPANION_SUFFIXES):
                if _same(path, Path(f"{self.database}{suffix}")):
                    raise OutputRefused("output.is_database", path=shown, database=str(self.database))
        if self.key_folder is not None and _inside(path, self.key_folder):
            raise OutputRefused("output.in_key_folder", path=shown, folder=str(self.key_folder))
        for source in sources:
            if source is not None and _same(path, Path(source)):
                raise OutputRefused("output.is_source", path=shown)
        if path.is_dir():
            raise OutputRefused("output.is_folder", path=shown)
        if path.exists() and not replace:
            raise OutputRefused("output.exists", path=shown)
        return path

    @contextmanager
    def writing(self, path: Path, *, replace: bool = False, sources: Iterable[Path] = ()) -> Iterator[Path]:
        """A temporary path beside `path` to write into; when the block ends normally it becomes
        `path` (checked before and again at the rename), otherwise it is removed."""
        sources = tuple(sources)
        path = self.check(path, replace=replace, sources=sources)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = _temporary_beside(path)
            os.close(descriptor)
        except OSError as error:
            raise OutputRefused("output.write_failed", path=str(path), detail=_short(error)) from None
        temporary = Path(name)
        try:
            yield temporary
            _flush_to_disk(temporary)
            self.check(path, replace=replace, sources=sources)  # nothing appeared meanwhile
            _rename_into_place(temporary, path, replace=replace)
        except OSError as error:
            raise OutputRefused("output.write_failed", path=str(path), detail=_short(error)) from None
        finally:
            temporary.unlink(missing_ok=True)

    def write_bytes(self, path: Path, data: bytes, *, replace: bool = False, sources: Iterable[Path] = ()) -> Path:
        """`data` into `path`, whole or not at all."""
        with self.writing(path, replace=replace, sources=sources) as temporary:
            temporary.write_bytes(data)
        return Path(path)

    def write_with(self, path: Path, produce: Callable[[Path], object], *, replace: bool = False,
                   sources: Iterable[Path] = ()) -> Path:
        """Let `produce(temporary_path)` write the file (openpyxl, ReportLab), then move it into place."""
        with self.writing(path, replace=replace, sources=sources) as temporary:
            produce(temporary)
        return Path(path)


def _temporary_beside(path: Path) -> tuple[int, str]:
    # Same folder, so the rename never crosses a disk; a dot name that file pickers hide.
    import tempfile

    return tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".{secrets.token_hex(3)}.tmp", dir=path.parent)


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _rename_into_place(temporary: Path, path: Path, *, replace: bool) -> None:
    if replace:
        os.replace(temporary, path)
        return
    try:
        # A hard link fails if the name exists meanwhile: never replaces what appeared after the check.
        os.link(temporary, path)
    except FileExistsError:
        raise OutputRefused("output.exists", path=str(path)) from None
    except OSError:
        # A disk without hard links (some network or FAT drives): the check above must do.
        if path.exists():
            raise OutputRefused("output.exists", path=str(path)) from None
        os.replace(temporary, path)


def _short(error: OSError) -> str:
    return (error.strerror or str(error) or type(error).__name__)[:160]


__all__ = ["COMPANION_SUFFIXES", "OutputGuard", "OutputRefused"]
