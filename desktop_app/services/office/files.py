"""`office.files`: saving bytes made elsewhere (sign-in sheets, certificates, summaries) through the
one output guard: never over the database, its companion files or the key folder, over an
existing file only when asked, whole or not at all."""

from __future__ import annotations

from pathlib import Path

from desktop_app.services.office.context import OfficePart
from desktop_app.services.output_files import OutputGuard


class Files(OfficePart):
    """Files the window and the command line write for this office."""

    @property
    def guard(self) -> OutputGuard:
        """The guard for a writer that produces its file itself (openpyxl, ReportLab)."""
        return self._guard

    def save(self, path: Path, data: bytes, *, replace: bool = False) -> Path:
        """`data` into `path`; OutputRefused naming the path when it may not be written."""
        return self._guard.write_bytes(Path(path), data, replace=replace)
