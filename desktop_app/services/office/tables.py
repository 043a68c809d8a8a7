"""`office.tables`: exporting a table as a screen shows it (services/table_export.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from desktop_app.services import table_export
from desktop_app.services.changes import Area, writes
from desktop_app.services.office.context import OfficePart
from desktop_app.services.table_export import TableExport


class Tables(OfficePart):
    """What every table of the window offers beyond showing its rows."""

    @writes(Area.AUDIT)
    def export_shown(self, path: Path, *, title: str, headers: Sequence[str], lines: Sequence[Sequence[object]],
                     screen: str) -> TableExport:
        """The rows as shown into `path` (.xlsx); the export is recorded in the audit log."""
        return table_export.export_table(self._db, actor=self._acting(), path=Path(path), title=title,
                                         headers=headers, lines=lines, screen=screen)
