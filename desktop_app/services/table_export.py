"""Exporting a table as a screen shows it (its rows, its order, its columns) to Excel, audited.

The window hands over what it shows, already in words; nothing is read from the database but
the audit entry written, because the point is "what I see is what I get". The file is written
beside its target and renamed into place, so a failed export never leaves half a workbook
under the chosen name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app import messages
from desktop_app.domain.actors import Actor
from desktop_app.domain.permissions import Permission, require
from desktop_app.services import audit
from desktop_app.store.engine import Database

__all__ = ["TableExport", "TableExportError", "export_table"]

messages.register(
    {
        "table_export.format": (
            "表格只能导出为 Excel 文件（.xlsx），“{name}”不是。请换一个以 .xlsx 结尾的文件名。",
            "A table can be exported only as an Excel file (.xlsx), and “{name}” is not one. Choose a file name "
            "ending in .xlsx.",
        ),
        "table_export.write_failed": (
            "无法写入文件 {path}：{detail}。请确认文件没有在 Excel 中打开、文件夹可以写入，然后再试。",
            "Could not write {path}: {detail}. Make sure the file is not open in Excel and the folder is writable, "
            "then try again.",
        ),
    }
)


class TableExportError(messages.UserFacingError):
    pass


@dataclass(frozen=True)
class TableExport:
    path: Path
    rows: int


def export_table(db: Database, *, actor: Actor, path: Path, title: str, headers: Sequence[str],
                 lines: Sequence[Sequence[object]], screen: str) -> TableExport:
    """Write `lines` under `headers` into `path` and record the export (screen, file, rows)."""
    from desktop_app.documents.table_workbook import write_table_workbook

    require(actor, Permission.EXPORT_PERSONAL_DATA)  # the tables show names and phone numbers
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise TableExportError("table_export.format", name=path.name)
    partial = path.with_name(f".{path.name}.part")
    try:
        count = write_table_workbook(partial, title=title, headers=headers, lines=lines)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise TableExportError("table_export.write_failed", path=str(path),
                               detail=error.strerror or str(error)) from None
    with db.writing() as session:
        audit.record(session, actor, "table.exported", entity_type="table",
                     details={"screen": screen, "table": title, "file": path.name, "rows": count})
    return TableExport(path=path, rows=count)
