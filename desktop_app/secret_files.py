"""Writing a key file so that a crash at any moment leaves either no file or the whole file.

The bytes go to a temporary file (readable only by the user), are flushed to disk, and only
then get the final name with a hard link, which fails rather than replace an existing key: an
existing key is never overwritten, and a kill mid-write leaves only a stray temporary file,
never an empty key that would block every later signature or decryption.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_new_secret_file(path: Path, data: bytes) -> None:
    """Create `path` holding `data` (mode 0600); FileExistsError if it already exists."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    if hasattr(os, "O_DIRECTORY"):
        directory = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
