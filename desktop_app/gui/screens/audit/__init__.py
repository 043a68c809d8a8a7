"""The 审计日志 screen: the audit entries, their conditions and their export."""

from desktop_app.gui.screens.audit.page import AuditPage

__all__ = ["AuditPage"]
